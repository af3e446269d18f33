from celery import shared_task
from django.db import DatabaseError

from reporting import services
from reporting.storage import failure_reason

# Worth another try: the database or the disk may be back in a few seconds. A broken
# template or context is not, so it fails at once and says why.
TRANSIENT = (DatabaseError, OSError)


@shared_task(bind=True, max_retries=3, default_retry_delay=5)
def render_document(self, document_id: int) -> str:
    """Render one stored document by id (idempotent; retried on transient failures).

    When it finally fails the document is marked failed, so the page that waits
    for it says so instead of waiting forever.
    """
    try:
        return services.document_render(document_id).sha256
    except Exception as exc:
        transient = isinstance(exc, TRANSIENT)
        if transient and not self.request.is_eager and self.request.retries < self.max_retries:
            raise self.retry(exc=exc) from exc
        services.document_mark_failed(document_id, failure_reason(exc))
        if self.request.is_eager:
            return ""
        raise


@shared_task(bind=True, max_retries=3, default_retry_delay=5)
def build_export(self, export_id: int) -> str:
    """Build one progress report (.xlsx or PDF); its progress is visible on the page."""
    from reporting import exports

    try:
        return exports.export_build(export_id).sha256
    except Exception as exc:
        if (
            isinstance(exc, TRANSIENT)
            and not self.request.is_eager
            and self.request.retries < self.max_retries
        ):
            raise self.retry(exc=exc) from exc
        exports.export_mark_failed(export_id, failure_reason(exc))
        if self.request.is_eager:
            return ""
        raise


@shared_task
def requeue_pending() -> int:
    """Every few minutes: documents and exports still pending are sent to the workers again.

    They were saved while Redis was down, or their task was lost; rendering and building
    are idempotent, so one sent twice is done once.
    """
    from reporting import exports

    return services.requeue_stale_documents() + exports.requeue_stale_exports()


@shared_task
def snapshot_progress() -> int:
    """Nightly: every division's figures of the day (the completion-over-time chart)."""
    from django.utils import timezone

    from reporting import exports

    return exports.snapshot_all(timezone.localdate())


@shared_task
def prepare_district_reports() -> int:
    """Each morning of a campaign: a PDF progress report per district, ready for its officer."""
    from django.db import transaction

    from neighborhoods.models import Division
    from reporting import exports
    from reporting.models import ExportFormat

    districts = exports.districts_in_campaign()
    with transaction.atomic():
        for district in Division.objects.filter(pk__in=districts):
            exports.export_request(division=district, fmt=ExportFormat.PDF, scheduled=True)
    return len(districts)
