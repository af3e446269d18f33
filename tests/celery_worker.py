"""A real Celery worker process for the tests marked ``services`` (CI's second pass).

It listens on a queue of its own, against the test's own PostgreSQL database, and the
tasks named are routed to it for as long as it runs. On the embedded default there is no
broker a separate process could listen on, so such a test is skipped there -- unless
WARDVOTE_REQUIRE_SERVICES=1, which CI sets: then it fails.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
NEEDS = "needs REDIS_URL and a database a worker process can reach (CI's second pass)"


def services_available() -> bool:
    return bool(settings.REDIS_URL) and connection.vendor == "postgresql"


def require(available: bool, needs: str) -> None:
    """Skip a services test where its servers cannot be had (the embedded default, SQLite);
    fail it instead where they must be (CI's second pass sets WARDVOTE_REQUIRE_SERVICES=1)."""
    if available:
        return
    if os.environ.get("WARDVOTE_REQUIRE_SERVICES") == "1":
        pytest.fail(f"The services tests must run here: {needs}")
    pytest.skip(needs)


def require_services() -> None:
    require(services_available(), NEEDS)


def test_database_url() -> str:
    """The URL of the database this test runs in (pytest-django's test_* copy), for the worker."""
    db = settings.DATABASES["default"]
    credentials = quote(db["USER"], safe="")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


test_database_url.__test__ = False  # a helper, not a test


@contextlib.contextmanager
def running_worker(
    tasks: Iterable[str], log: Path, media_root, celery_app: str = "wardvote", **extra_env: str
) -> Iterator[Path]:
    """A worker process of ``celery_app`` with ``tasks`` routed to it; yields the path of its log."""
    from wardvote.celery import app

    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "DATABASE_URL": test_database_url(), "MEDIA_ROOT": str(media_root), **extra_env}
    command = [sys.executable, "-m", "celery", "-A", celery_app, "worker", "--pool=solo", "--concurrency=1"]
    command += ["-Q", queue, "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"]
    # A file, not a pipe: a worker whose pipe nobody reads would block once it fills.
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
        previous = app.conf.task_routes, app.conf.task_always_eager
        try:
            wait_for_worker(app, queue, process, log)
            route(app, {task: {"queue": queue} for task in tasks})
            app.conf.task_always_eager = False  # through the broker, whatever earlier tests did
            yield log
        finally:
            route(app, previous[0])
            app.conf.task_always_eager = previous[1]
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def route(app, routes) -> None:
    # The app builds its router once, on the first task sent in this process: build it again.
    app.conf.task_routes = routes
    app.amqp.flush_routes()
    app.amqp.__dict__.pop("router", None)


def wait_for_worker(app, queue, process, log, timeout=60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the worker exited:\n{log.read_text()}")
        replies = app.control.inspect(timeout=1).active_queues() or {}
        if any(q["name"] == queue for queues in replies.values() for q in queues):
            return
    raise RuntimeError(f"the worker did not start in time:\n{log.read_text()}")
