"""The tasks' one retry rule and failure hook, with a real worker (CI's second pass).

A transient error (database, disk) is tried again, three times at most, five seconds
apart; the failure that is final marks the document failed (``on_failure``), once.
"""

from __future__ import annotations

import pytest

from reporting import services
from reporting.models import DocumentStatus
from tests.celery_worker import require_services, running_worker
from tests.reporting.test_worker import _wait_until_rendered

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _render_with_failures(failures: int, hcm_map, tmp_path, settings):
    require_services()
    counter = tmp_path / "attempts"
    with running_worker(
        ["reporting.tasks.render_document"],
        tmp_path / "worker.log",
        settings.MEDIA_ROOT,
        celery_app="tests.reporting.flaky_worker",
        WARDVOTE_FLAKY_FAILURES=str(failures),
        WARDVOTE_FLAKY_COUNTER=str(counter),
    ):
        document = services.document_request(kind="specimen", source=hcm_map.p22)  # autocommit: sent
        document = _wait_until_rendered(document.pk, timeout=90)
    return document, int(counter.read_text())


def test_a_worker_retries_a_transient_error_and_then_renders(hcm_map, tmp_path, settings):
    document, attempts = _render_with_failures(2, hcm_map, tmp_path, settings)
    assert (document.status, document.error) == (DocumentStatus.READY, "")
    assert attempts == 3


def test_a_worker_gives_up_after_three_retries_and_says_why(hcm_map, tmp_path, settings):
    document, attempts = _render_with_failures(10, hcm_map, tmp_path, settings)
    assert attempts == 4  # the first try and three retries
    assert document.status == DocumentStatus.FAILED
    assert document.error == "OSError('the disk is briefly gone')"
