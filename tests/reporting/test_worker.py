"""A document rendered by a real Celery worker process, through Redis, into PostgreSQL.

Runs in CI's second pass (DATABASE_URL and REDIS_URL set). On the embedded
default there is no broker a separate process could listen on, so it is skipped
there -- unless WARDVOTE_REQUIRE_SERVICES=1, which CI sets: then it fails.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from reporting import services
from reporting.models import DocumentStatus, StoredDocument
from tests.reporting.pdf import pdf_text

ROOT = Path(__file__).resolve().parents[2]
NEEDS = "needs REDIS_URL and a database a worker process can reach (CI's second pass)"

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _services_available() -> bool:
    return bool(settings.REDIS_URL) and connection.vendor == "postgresql"


@pytest.fixture
def worker(settings, tmp_path):
    if not _services_available():
        if os.environ.get("WARDVOTE_REQUIRE_SERVICES") == "1":
            pytest.fail(f"The services tests must run here: {NEEDS}")
        pytest.skip(NEEDS)
    from wardvote.celery import app

    queue = f"test-{uuid.uuid4().hex[:8]}"
    log = tmp_path / "worker.log"
    env = {**os.environ, "DATABASE_URL": _test_database_url(), "MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    output = log.open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "wardvote",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "-Q",
            queue,
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        # A file, not a pipe: a worker whose pipe nobody reads would block once it fills.
        stdout=output,
        stderr=subprocess.STDOUT,
    )
    previous = app.conf.task_routes, app.conf.task_always_eager
    try:
        _wait_for_worker(app, queue, process, log)
        _route(app, {"reporting.tasks.render_document": {"queue": queue}})
        app.conf.task_always_eager = False  # through the broker, whatever earlier tests did
        yield log
    finally:
        _route(app, previous[0])
        app.conf.task_always_eager = previous[1]
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        output.close()


def _route(app, routes) -> None:
    # The app builds its router once, on the first task sent in this process: build it again.
    app.conf.task_routes = routes
    app.amqp.flush_routes()
    app.amqp.__dict__.pop("router", None)


def _test_database_url() -> str:
    """The URL of the database this test runs in (pytest-django's test_* copy), for the worker."""
    db = settings.DATABASES["default"]
    credentials = quote(db["USER"], safe="")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _wait_for_worker(app, queue, process, log, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the worker exited:\n{log.read_text()}")
        replies = app.control.inspect(timeout=1).active_queues() or {}
        if any(q["name"] == queue for queues in replies.values() for q in queues):
            return
    raise RuntimeError(f"the worker did not start in time:\n{log.read_text()}")


def _wait_until_rendered(document_id, timeout=60) -> StoredDocument:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        document = StoredDocument.objects.get(pk=document_id)
        if document.status != DocumentStatus.PENDING:
            return document
        time.sleep(0.3)
    raise AssertionError("the worker did not render the document in time")


def test_a_real_worker_renders_and_stores_the_document(worker, hcm_map):
    from wardvote.celery import app

    assert not app.conf.task_always_eager
    document = services.document_request(kind="specimen", source=hcm_map.p22)  # commits: autocommit
    document = _wait_until_rendered(document.pk)

    assert document.status == DocumentStatus.READY, document.error
    # Rendered over there, not in this process.
    assert "reporting.tasks.render_document[" in worker.read_text()
    data = document.file.read()
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert "Nguyễn Thị Hường" in pdf_text(data)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pdf_text(data)
