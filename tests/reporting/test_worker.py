"""A document rendered by a real Celery worker process, through Redis, into PostgreSQL.

Runs in CI's second pass (DATABASE_URL and REDIS_URL set). On the embedded
default there is no broker a separate process could listen on, so it is skipped
there -- unless WARDVOTE_REQUIRE_SERVICES=1, which CI sets: then it fails.
"""

from __future__ import annotations

import hashlib
import time

import pytest

from reporting import services
from reporting.models import DocumentStatus, StoredDocument
from tests.celery_worker import require_services, running_worker
from tests.reporting.pdf import pdf_text

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(settings, tmp_path):
    require_services()
    with running_worker(
        ["reporting.tasks.render_document"], tmp_path / "worker.log", settings.MEDIA_ROOT
    ) as log:
        yield log


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
