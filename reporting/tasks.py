from celery import shared_task

from reporting import services


@shared_task(bind=True, max_retries=3, default_retry_delay=5)
def render_document(self, document_id: int) -> str:
    """Render one stored document by id (idempotent; retried on failure).

    When it finally fails the document is marked failed, so the page that waits
    for it says so instead of waiting forever.
    """
    try:
        return services.document_render(document_id).sha256
    except Exception as exc:
        if self.request.is_eager or self.request.retries >= self.max_retries:
            services.document_mark_failed(document_id, repr(exc))
            if self.request.is_eager:
                return ""
            raise
        raise self.retry(exc=exc) from exc
