"""The reporting app's Celery tasks: they take an id and call a service (tasks sit above services)."""

from __future__ import annotations

from celery import Task, shared_task
from django.db import DatabaseError, transaction
from django.utils import timezone

from neighborhoods.models import Division
from reporting import exports, queue, services
from reporting.models import ExportFormat
from reporting.storage import failure_reason

# Worth another try: the database or the disk may be back in a few seconds. A broken
# template or context is not, so it fails at once and says why.
TRANSIENT = (DatabaseError, OSError)


class RowFileTask(Task):
    """A task that makes the file of one row (a document, an export), given the row's id.

    One rule for both: a transient error is tried again, up to ``max_retries`` times,
    on a worker; any failure that is final marks the row failed with why
    (``on_failure``), so the page that waits for it says so instead of waiting forever.
    """

    max_retries = 3
    default_retry_delay = 5

    def __call__(self, row_id: int) -> str:
        try:
            return super().__call__(row_id)
        except TRANSIENT as exc:
            if self._may_retry():
                raise self.retry(exc=exc) from exc
            raise

    def _may_retry(self) -> bool:
        # In-process (eager), a retry would only run again at once, inside the request.
        return not self.request.is_eager and self.request.retries < self.max_retries

    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:
        MARK_FAILED[self.name](args[0], failure_reason(exc))

    # Only ``throw`` changes; every other argument passes through as Celery defines it.
    def apply(self, args=None, kwargs=None, **options):  # type: ignore[override]
        # In-process (no broker), the failure is already on the row (``on_failure``): raising
        # it as well would turn the page that asked for the file into a 500.
        options["throw"] = False
        return super().apply(args, kwargs, **options)


# The service that records a row's final failure, by the task that makes the row's file.
MARK_FAILED = {
    queue.RENDER_DOCUMENT: services.document_mark_failed,
    queue.BUILD_EXPORT: exports.export_mark_failed,
}


@shared_task(bind=True, base=RowFileTask, name=queue.RENDER_DOCUMENT)
def render_document(self, document_id: int) -> str:
    """Render one stored document by id (idempotent; retried on transient failures)."""
    return services.document_render(document_id).sha256


@shared_task(bind=True, base=RowFileTask, name=queue.BUILD_EXPORT)
def build_export(self, export_id: int) -> str:
    """Build one progress report (.xlsx or PDF); its progress is visible on the page."""
    return exports.export_build(export_id).sha256


@shared_task
def requeue_pending() -> int:
    """Every few minutes: documents and exports still pending are sent to the workers again.

    They were saved while Redis was down, or their task was lost; rendering and building
    are idempotent, so one sent twice is done once.
    """
    return services.requeue_stale_documents() + exports.requeue_stale_exports()


@shared_task
def snapshot_progress() -> int:
    """Nightly: every division's figures of the day (the completion-over-time chart)."""
    return exports.snapshot_all(timezone.localdate())


@shared_task
def prepare_district_reports() -> int:
    """Each morning of a campaign: a PDF progress report per district (per province on the
    two-level map), ready for its officer."""
    districts = exports.districts_in_campaign()
    with transaction.atomic():
        for district in Division.objects.filter(pk__in=districts):
            exports.export_request(division=district, fmt=ExportFormat.PDF, scheduled=True)
    return len(districts)
