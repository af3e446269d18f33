"""A register file checked and committed by a real Celery worker process, not by the web request.

Runs in CI's second pass (PostgreSQL and Redis); skipped on the embedded default unless
WARDVOTE_REQUIRE_SERVICES=1.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.urls import reverse

from neighborhoods.models import Household, HouseholdImport, ImportStatus
from tests.neighborhoods.test_household_import import GOOD_ROWS, xlsx
from tests.reporting.test_worker import NEEDS, _services_available, _test_database_url, _wait_for_worker

ROOT = Path(__file__).resolve().parents[2]
TASKS = ("neighborhoods.tasks.check_household_import", "neighborhoods.tasks.commit_household_import")

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def import_worker(settings, tmp_path):
    if not _services_available():
        if os.environ.get("WARDVOTE_REQUIRE_SERVICES") == "1":
            pytest.fail(f"The services tests must run here: {NEEDS}")
        pytest.skip(NEEDS)
    from wardvote.celery import app

    queue = f"test-{uuid.uuid4().hex[:8]}"
    log = tmp_path / "worker.log"
    env = {**os.environ, "DATABASE_URL": _test_database_url(), "MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    output = log.open("w")
    command = [sys.executable, "-m", "celery", "-A", "wardvote", "worker", "--pool=solo", "-Q", queue]
    command += ["--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    previous = app.conf.task_routes, app.conf.task_always_eager
    try:
        _wait_for_worker(app, queue, process, log)
        app.conf.task_routes = {task: {"queue": queue} for task in TASKS}
        app.conf.task_always_eager = False
        yield log
    finally:
        app.conf.task_routes, app.conf.task_always_eager = previous
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        output.close()


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
