"""The signed paper comes back: an election's page of issued papers needing their signed copy,
the upload of a photo or scan (the khu phố's election team for its sitting's papers, the ward's
office for all), the ward official's check, and the stored file, served only through here."""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from elections import rules
from elections.forms.signed_copies import ACCEPT, SignedCopyRefuseForm, SignedCopyUploadForm
from elections.selectors import fetch
from elections.selectors.signed_copies import (
    RECEIVED,
    get_paper_for_upload,
    get_signed_copy_for,
    may_upload,
    missing_count,
    signed_papers,
)
from elections.services import signed_copies as services
from reporting.vietnamese import file_name
from wardvote import access
from wardvote.messages import message_form_errors, message_validation_errors
from wardvote.types import AuthenticatedHttpRequest


@login_required
@require_GET
def signed_copies_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    election = fetch.get_election_for(request.user, pk)
    papers = signed_papers(election)
    rows = [
        (paper, paper.state != RECEIVED and may_upload(request.user, paper.document, election))
        for paper in papers
    ]
    return render(
        request,
        "elections/signed_copies.html",
        {
            "election": election,
            "rows": rows,
            "missing": missing_count(papers),
            "can_check": access.can(request.user, access.MANAGE_ELECTIONS, election.neighborhood),
            "max_mb": rules.SIGNED_COPY_MAX_MB,
            "accept": ACCEPT,
        },
    )


@login_required
@require_POST
def signed_copy_upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    document, election = get_paper_for_upload(request.user, pk)
    if getattr(request, "upload_too_large", False):  # dropped while it streamed in
        messages.error(request, _("Tệp quá giới hạn %(limit)s MB.") % {"limit": rules.SIGNED_COPY_MAX_MB})
        return redirect("elections:signed_copies", pk=election.pk)
    form = SignedCopyUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        message_form_errors(request, form)
        return redirect("elections:signed_copies", pk=election.pk)
    try:
        copy = services.signed_copy_upload(
            by=request.user, document=document, upload=form.cleaned_data["file"]
        )
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(
            request,
            _("Đã tải lên bản có chữ ký của “%(title)s” (lần %(version)s, SHA-256 %(sha)s).")
            % {"title": document.title, "version": copy.version, "sha": copy.sha256},
        )
    return redirect("elections:signed_copies", pk=election.pk)


@login_required
@require_POST
def signed_copy_receive(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    copy = get_signed_copy_for(request.user, pk, access.MANAGE_ELECTIONS)
    try:
        services.signed_copy_receive(by=request.user, copy=copy)
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(
            request, _("Đã nhận bản có chữ ký của “%(title)s”.") % {"title": copy.document.title}
        )
    return redirect("elections:signed_copies", pk=copy.election_id)


@login_required
@require_POST
def signed_copy_refuse(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    copy = get_signed_copy_for(request.user, pk, access.MANAGE_ELECTIONS)
    form = SignedCopyRefuseForm(request.POST)
    if not form.is_valid():
        message_form_errors(request, form)
        return redirect("elections:signed_copies", pk=copy.election_id)
    try:
        services.signed_copy_refuse(by=request.user, copy=copy, **form.service_kwargs())
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(
            request, _("Đã không nhận bản tải lên của “%(title)s”.") % {"title": copy.document.title}
        )
    return redirect("elections:signed_copies", pk=copy.election_id)


@login_required
@require_GET
def signed_copy_file(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    """The stored photo or scan, downloaded (the page previews a photo with it); never a public
    /media address."""
    copy = get_signed_copy_for(request.user, pk)
    extension = PurePath(copy.file.name or "").suffix.lstrip(".") or "bin"
    name = file_name(f"{copy.document.title} – bản có chữ ký lần {copy.version}", extension)
    return FileResponse(
        copy.file.open("rb"), content_type=copy.content_type, as_attachment=True, filename=name
    )
