from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from reporting import queue, services
from reporting.selectors import get_stored_document_for
from reporting.vietnamese import file_name
from wardvote.types import AuthenticatedHttpRequest


@login_required
@require_GET
def document_download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    document = get_stored_document_for(request.user, pk)
    if not document.is_ready:
        raise Http404
    return FileResponse(
        document.file.open("rb"), content_type="application/pdf", filename=file_name(document.title)
    )


@login_required
@require_GET
def document_status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A fragment that htmx polls until the document is ready."""
    document = get_stored_document_for(request.user, pk)
    return render(request, "reporting/partials/document_status.html", {"document": document})


def after_retry(request: AuthenticatedHttpRequest, row, partial: str, context_name: str):
    """The row's status fragment for htmx; otherwise back to the page the button was on.

    The fragment says itself that the row is still waiting; a page gets the message.
    """
    if request.headers.get("HX-Request"):
        return render(request, partial, {context_name: row})
    if row.queued is False:
        messages.warning(request, queue.QUEUE_DOWN)
    back = request.headers.get("Referer", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = "home"
    return redirect(back)


@login_required
@require_POST
def document_retry(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """On "Thử lại": render again a document that failed or never reached a worker."""
    document = services.document_retry(document=get_stored_document_for(request.user, pk))
    return after_retry(request, document, "reporting/partials/document_status.html", "document")
