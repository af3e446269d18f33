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

import pytest
from django.conf import settings
from django.db import connection

from reporting import services
from reporting.models import DocumentStatus, StoredDocument
from tests.reporting.pdf import pdf_text

ROOT = Path(__file__).resolve().parents[2]
NEEDS = "needs REDIS_URL and PostgreSQL that a worker process can reach (CI's second pass)"

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _services_available() -> bool:
    return bool(settings.REDIS_URL) and connection.vendor == "postgresql"


@pytest.fixture
def worker(settings):
    if not _services_available():
        if os.environ.get("WARDVOTE_REQUIRE_SERVICES") == "1":
            pytest.fail(f"The services tests must run here: {NEEDS}")
        pytest.skip(NEEDS)
    from wardvote.celery import app

    queue = f"test-{uuid.uuid4().hex[:8]}"
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
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
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _wait_for_worker(app, queue, process)
        previous = app.conf.task_routes, app.conf.task_always_eager
        app.conf.task_routes = {"reporting.tasks.render_document": {"queue": queue}}
        app.conf.task_always_eager = False  # through the broker, whatever earlier tests did
        yield process
        app.conf.task_routes, app.conf.task_always_eager = previous
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_for_worker(app, queue, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the worker exited:\n{process.stdout.read()}")
        replies = app.control.inspect(timeout=1).active_queues() or {}
        if any(q["name"] == queue for queues in replies.values() for q in queues):
            return
    raise RuntimeError("the worker did not start in time")


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
    data = document.file.read()
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert "Nguyễn Thị Hường" in pdf_text(data)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pdf_text(data)
