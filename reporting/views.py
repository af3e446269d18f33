from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from reporting.models import StoredDocument
from reporting.vietnamese import file_name
from wardvote import access


def get_document_for(user, pk) -> StoredDocument:
    """A stored document the user may read (by its division), or 404."""
    try:
        document = StoredDocument.objects.select_related("division").get(pk=pk)
    except (StoredDocument.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if document.division is None or not access.can(user, access.READ, document.division):
        raise Http404
    return document


@login_required
@require_GET
def document_download(request, pk):
    document = get_document_for(request.user, pk)
    if not document.is_ready:
        raise Http404
    return FileResponse(
        document.file.open("rb"), content_type="application/pdf", filename=file_name(document.title)
    )


@login_required
@require_GET
def document_status(request, pk):
    """A fragment that htmx polls until the document is ready."""
    document = get_document_for(request.user, pk)
    return render(request, "reporting/partials/document_status.html", {"document": document})
