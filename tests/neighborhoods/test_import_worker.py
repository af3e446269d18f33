"""A register file checked and committed by a real Celery worker process, not by the web request.

Runs in CI's second pass (PostgreSQL and Redis); skipped on the embedded default unless
WARDVOTE_REQUIRE_SERVICES=1.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from django.urls import reverse

from neighborhoods.models import Household, HouseholdImport, ImportStatus
from tests.celery_worker import require_services, running_worker
from tests.neighborhoods.test_household_import import GOOD_ROWS, xlsx

TASKS = ("neighborhoods.tasks.check_household_import", "neighborhoods.tasks.commit_household_import")

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def import_worker(settings, tmp_path):
    require_services()
    with running_worker(TASKS, tmp_path / "worker.log", settings.MEDIA_ROOT) as log:
        yield log


def _wait_for(upload_id: int, status: str, timeout: float = 60) -> HouseholdImport:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        upload = HouseholdImport.objects.get(pk=upload_id)
        if not upload.is_running:
            assert upload.status == status, upload.error
            return upload
        time.sleep(0.3)
    raise AssertionError(f"the worker left the import {upload.status}")


def test_a_real_worker_checks_and_commits_the_upload(import_worker, login, personas, hcm_map, settings):
    client = login(personas.p22_ubnd)
    response = client.post(
        reverse("neighborhoods:household_import", args=[hcm_map.p22.pk]), {"file": xlsx(GOOD_ROWS)}
    )
    assert response.status_code == 302
    upload = _wait_for(HouseholdImport.objects.get().pk, ImportStatus.CHECKED)
    assert "Tệp hợp lệ: 3 hộ sẵn sàng để nhập" in client.get(response["Location"]).content.decode()
    assert not list((Path(settings.MEDIA_ROOT) / "imports").iterdir())

    client.post(response["Location"])
    _wait_for(upload.pk, ImportStatus.DONE)
    assert Household.objects.filter(ward=hcm_map.p22).count() == 3
    log = import_worker.read_text()
    assert all(f"{task}[" in log for task in TASKS)  # the work was done over there
