"""The task pipeline's own guarantees, on the embedded default (tasks in-process).

The same faults with a real Redis, worker, PostgreSQL and a full tmpfs are in test_faults.
"""

from __future__ import annotations

import datetime
import errno
import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from reporting import exports, queue, services, storage, tasks
from reporting.models import DocumentStatus, ExportFormat, ReportExport, StoredDocument
from tests.forms import with_token


def _stored_files() -> list[Path]:
    return sorted(path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file())


class _DiskFillsAfter(io.FileIO):
    """A file on a disk with ``room`` bytes left: the write that goes past it fails."""

    room = 1000

    def write(self, data):
        if self.tell() + len(data) > self.room:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return super().write(data)


def test_a_render_cut_short_by_a_full_disk_leaves_no_file_and_says_why(
    hcm_map, personas, login, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(storage.os, "fdopen", lambda fd, mode: _DiskFillsAfter(fd, "wb", closefd=True))
    with django_capture_on_commit_callbacks(execute=True):
        document = services.document_request(kind="specimen", source=hcm_map.p22)
    document.refresh_from_db()

    assert document.status == DocumentStatus.FAILED
    assert document.error.startswith("Máy chủ hết dung lượng lưu trữ")
    assert _stored_files() == []  # neither the truncated PDF nor its temporary file
    page = login(personas.p22_ubnd).get(reverse("reporting:document_status", args=[document.pk]))
    assert "Không tạo được văn bản" in page.content.decode()
    assert reverse("reporting:document_retry", args=[document.pk]) in page.content.decode()


def test_thu_lai_renders_a_failed_document_once_there_is_room_again(
    hcm_map, personas, login, monkeypatch, django_capture_on_commit_callbacks
):
    with monkeypatch.context() as full:
        full.setattr(storage.os, "fdopen", lambda fd, mode: _DiskFillsAfter(fd, "wb", closefd=True))
        with django_capture_on_commit_callbacks(execute=True):
            document = services.document_request(kind="specimen", source=hcm_map.p22)

    client = login(personas.p22_ubnd)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reporting:document_retry", args=[document.pk]), HTTP_HX_REQUEST="true"
        )
    assert response.status_code == 200
    status = client.get(reverse("reporting:document_status", args=[document.pk])).content.decode()
    assert reverse("reporting:document_download", args=[document.pk]) in status
    document.refresh_from_db()
    assert document.status == DocumentStatus.READY and document.error == ""
    assert _stored_files() == [Path(document.file.path)]


def test_thu_lai_without_htmx_goes_back_to_the_page_it_was_pressed_on(hcm_map, personas, login):
    document = services.document_request(kind="specimen", source=hcm_map.p22)
    StoredDocument.objects.filter(pk=document.pk).update(status=DocumentStatus.FAILED)
    page = reverse("reporting:dashboard", args=[hcm_map.p22.pk])
    client = login(personas.p22_ubnd)
    response = client.post(
        reverse("reporting:document_retry", args=[document.pk]), HTTP_REFERER=f"http://testserver{page}"
    )
    assert response.status_code == 302 and response["Location"] == f"http://testserver{page}"
    elsewhere = client.post(
        reverse("reporting:document_retry", args=[document.pk]), HTTP_REFERER="https://evil.example/"
    )
    assert elsewhere["Location"] == reverse("home")


def test_a_document_rendered_twice_keeps_one_file(hcm_map, django_capture_on_commit_callbacks):
    """As after a worker killed between writing the file and committing: the rerun replaces it."""
    with django_capture_on_commit_callbacks(execute=True):
        document = services.document_request(kind="specimen", source=hcm_map.p22)
    StoredDocument.objects.filter(pk=document.pk).update(status=DocumentStatus.PENDING)
    services.document_render(document.pk)
    document.refresh_from_db()
    assert document.status == DocumentStatus.READY
    assert _stored_files() == [Path(document.file.path)]


def test_a_second_delivery_of_an_export_being_built_builds_nothing(hcm_map):
    export = ReportExport.objects.create(division=hcm_map.p22, format=ExportFormat.XLSX)
    ReportExport.objects.filter(pk=export.pk).update(started_at=timezone.now())  # another worker on it
    assert exports.export_build(export.pk).status == DocumentStatus.PENDING
    assert _stored_files() == []


def test_an_export_whose_worker_died_is_built_by_the_next_delivery_once(hcm_map):
    export = ReportExport.objects.create(division=hcm_map.p22, format=ExportFormat.XLSX)
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.CELERY_VISIBILITY_TIMEOUT)
    ReportExport.objects.filter(pk=export.pk).update(started_at=long_ago)
    built = exports.export_build(export.pk)
    assert built.status == DocumentStatus.READY
    assert exports.export_build(export.pk).sha256 == built.sha256
    assert _stored_files() == [Path(built.file.path)]


def test_a_failed_build_releases_its_claim_for_the_retry(hcm_map, monkeypatch):
    export = ReportExport.objects.create(division=hcm_map.p22, format=ExportFormat.XLSX)

    def full_disk(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(exports, "save_atomically", full_disk)
    with pytest.raises(OSError):
        exports.export_build(export.pk)
    export.refresh_from_db()
    assert (export.status, export.started_at) == (DocumentStatus.PENDING, None)


def test_the_beat_task_sends_again_only_what_was_left_pending(hcm_map):
    never_sent = services.document_request(kind="specimen", source=hcm_map.p22)  # no commit: not sent
    StoredDocument.objects.filter(pk=never_sent.pk).update(
        created_at=F("created_at") - datetime.timedelta(minutes=2)
    )
    just_requested = ReportExport.objects.create(division=hcm_map.p22, format=ExportFormat.XLSX)
    sent_lately = ReportExport.objects.create(
        division=hcm_map.p22, format=ExportFormat.XLSX, queued_at=timezone.now()
    )
    lost = ReportExport.objects.create(
        division=hcm_map.p22,
        format=ExportFormat.XLSX,
        queued_at=timezone.now() - queue.requeue_after() - datetime.timedelta(minutes=1),
    )

    assert tasks.requeue_pending() == 2  # in-process here: sent means built

    statuses = dict(ReportExport.objects.values_list("pk", "status"))
    assert statuses == {
        just_requested.pk: DocumentStatus.PENDING,
        sent_lately.pk: DocumentStatus.PENDING,
        lost.pk: DocumentStatus.READY,
    }
    never_sent.refresh_from_db()
    assert never_sent.status == DocumentStatus.READY


@pytest.mark.django_db(transaction=True)  # committed, so the task is sent during the request
def test_a_broker_that_refuses_leaves_the_request_pending_and_says_so(hcm_map, personas, login):
    from wardvote.celery import app

    client = login(personas.p22_ubnd)
    previous = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager, app.conf.broker_url = False, "redis://127.0.0.1:1/0"
    app._pool = None
    app.amqp._producer_pool = None
    try:
        response = client.post(
            reverse("reporting:export_create", args=[hcm_map.p22.pk]),
            with_token({"format": "xlsx"}),
            follow=True,
        )
    finally:
        app.conf.task_always_eager, app.conf.broker_url = previous
        app._pool = None
        app.amqp._producer_pool = None
    export = ReportExport.objects.get()
    assert response.status_code == 200
    assert "Hệ thống xử lý nền đang tạm ngừng" in response.content.decode()
    assert reverse("reporting:export_retry", args=[export.pk]) in response.content.decode()
    assert (export.status, export.queued_at) == (DocumentStatus.PENDING, None)
    assert export.error.startswith(queue.NOT_QUEUED)


def test_healthz_reports_storage_that_is_nearly_full(client, db, settings, monkeypatch):
    settings.STORAGE_MIN_FREE_MB = 200
    monkeypatch.setattr(
        storage.shutil, "disk_usage", lambda path: storage.shutil._ntuple_diskusage(1, 1, 5 * 2**20)
    )
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["storage"] == "error: 5 MB free"
