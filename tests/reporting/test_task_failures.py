"""The tasks' one failure hook, in-process (eager): a failed render or build marks its row failed.

Celery does not call ``on_failure`` for eager tasks in every version; these tests prove
this version does, so the page waiting for the file says why instead of waiting forever.
The same with a real worker, and its retries, is in test_faults.
"""

from __future__ import annotations

import errno

from reporting import exports, services, tasks
from reporting.models import DocumentStatus, ExportFormat, ReportExport


def test_a_build_that_fails_marks_the_export_failed_and_the_request_goes_on(
    hcm_map, monkeypatch, django_capture_on_commit_callbacks
):
    def full_disk(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(exports, "save_atomically", full_disk)
    with django_capture_on_commit_callbacks(execute=True):
        export = exports.export_request(division=hcm_map.p22, fmt=ExportFormat.XLSX)
    export.refresh_from_db()
    assert export.queued is True  # the (eager) broker took it; the failure is on the row
    assert export.status == DocumentStatus.FAILED
    assert export.error.startswith("Máy chủ hết dung lượng lưu trữ")


def test_a_render_that_fails_for_good_is_marked_once_without_a_retry(hcm_map, monkeypatch):
    document = services.document_request(kind="specimen", source=hcm_map.p22)  # not committed: not sent
    calls = []

    def broken(*args, **kwargs):
        calls.append(args)
        raise ValueError("a broken template")

    monkeypatch.setattr(services, "render_pdf", broken)
    result = tasks.render_document.apply(args=(document.pk,))
    document.refresh_from_db()
    assert result.state == "FAILURE"
    assert len(calls) == 1
    assert (document.status, document.error) == (DocumentStatus.FAILED, "ValueError('a broken template')")


def test_a_transient_error_is_not_retried_in_process(hcm_map, monkeypatch):
    export = ReportExport.objects.create(division=hcm_map.p22, format=ExportFormat.XLSX)
    calls = []

    def database_gone(*args, **kwargs):
        calls.append(args)
        raise OSError("connection reset")

    monkeypatch.setattr(exports, "save_atomically", database_gone)
    tasks.build_export.apply(args=(export.pk,))
    export.refresh_from_db()
    assert len(calls) == 1
    assert (export.status, export.started_at) == (DocumentStatus.FAILED, None)
