from celery import shared_task
from django.db import DatabaseError

from reporting import services

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
        services.document_mark_failed(document_id, repr(exc))
        if self.request.is_eager:
            return ""
        raise
