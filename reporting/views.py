from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from neighborhoods.models import Division, Level
from neighborhoods.selectors import get_division_for
from reporting import commendations, queue, selectors, services, term_history
from reporting.forms import MAX_UPLOAD_MB, IssueForm, OfficeHolderForm, VerifyUploadForm
from reporting.issuing import Authority, OfficeBody
from reporting.selectors import get_stored_document_for
from reporting.vietnamese import file_name
from wardvote.forms import add_validation_errors
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


# --- Issuing a paper ------------------------------------------------------------------------


def _issue_form(issuer, data=None) -> IssueForm:
    slots = [
        (slot, OfficeBody(body).label, selectors.slot_holders(issuer, body))
        for slot, body in issuer.register_slots.items()
    ]
    signers = selectors.signers_for(issuer) if issuer.register is not None else None
    proposed = issuer.proposed_date(timezone.localdate())
    return IssueForm(data, signers=signers, slots=slots, initial={"signed_on": proposed})


@login_required
def document_issue(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The draft and its issue form; an issued paper's facts, with what replaced it."""
    document, issuer = selectors.get_draft_for_issue(request.user, pk)
    if document.is_issued:
        form = None
    elif request.method == "POST":
        form = _issue_form(issuer, request.POST)
        if form.is_valid():
            try:
                issued = services.document_issue(document=document, by=request.user, **form.service_kwargs())
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Đã ban hành văn bản. Mã xác minh: %(code)s.") % {"code": issued.verification_code},
                )
                return redirect("reporting:document_issue", pk=issued.pk)
    else:
        form = _issue_form(issuer)
    context = {
        "document": document,
        "issuer": issuer,
        "authority_label": Authority(issuer.authority).label,
        "form": form,
        "issued_version": selectors.issued_version_of(document) if not document.is_issued else None,
        "register_empty": selectors.register_lacks_a_signer(issuer),
        "register_ward": issuer.division if issuer.division.level == Level.WARD else issuer.division.parent,
    }
    return render(request, "reporting/document_issue.html", context)


# --- Verifying a paper (public) ------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def verify_document(request: HttpRequest, code: str) -> HttpResponse:
    """What an issued paper is, for anyone holding it: no login, nothing else shown. A visitor
    may upload the PDF to compare its SHA-256 with the stored file's."""
    document = selectors.issued_paper(code)
    if document is None:
        raise Http404
    if _declared_size(request) > MAX_UPLOAD_MB * 1024 * 1024:
        # Refused before the body is read: a stranger's upload never fills the server's disk.
        return HttpResponse(
            _("Tệp lớn quá %(limit)s MB.") % {"limit": MAX_UPLOAD_MB}, status=413, content_type="text/plain"
        )
    form = VerifyUploadForm(request.POST or None, request.FILES or None)
    match = None
    if request.method == "POST" and form.is_valid():
        match = selectors.upload_matches(document, form.cleaned_data["file"])
    return render(
        request,
        "reporting/verify.html",
        {"document": document, "form": form, "match": match},
        status=200,
    )


def _declared_size(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


# --- The register of who signs ---------------------------------------------------------------


@login_required
def office_holders(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A ward's register of signers (its People's Committee, its Front, its khu phố Front
    committees): added to, and holders who leave marked so, never deleted."""
    ward = selectors.get_ward_for_register(request.user, pk)
    divisions = Division.objects.filter(pk=ward.pk) | ward.children.all()
    form = OfficeHolderForm(request.POST or None, divisions=divisions.order_by("path"))
    if request.method == "POST" and form.is_valid():
        try:
            services.office_holder_add(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Đã thêm người ký vào sổ."))
            return redirect("reporting:office_holders", pk=ward.pk)
    return render(
        request,
        "reporting/office_holders.html",
        {"ward": ward, "form": form, "holders": selectors.register_of(ward)},
    )


@login_required
@require_POST
def office_holder_retire(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    holder = selectors.get_office_holder_for(request.user, pk)
    services.office_holder_retire(holder=holder, by=request.user)
    messages.success(request, _("%(name)s không còn là người ký.") % {"name": holder.full_name})
    ward = holder.division if holder.division.level == Level.WARD else holder.division.parent
    assert ward is not None  # a khu phố lies in a ward
    return redirect("reporting:office_holders", pk=ward.pk)


# --- The term at a glance (issue 14) ---------------------------------------------------------

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_GET
def term_history_export(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A khu phố's heads and board members over the terms, or every khu phố's of a ward, as one
    ``.xlsx`` sheet. Office holders' names are public-office data: whoever reads the division."""
    division = get_division_for(request.user, pk, levels=[Level.WARD, Level.NEIGHBORHOOD])
    content = term_history.history_workbook(division, timezone.localdate())
    response = HttpResponse(content, content_type=XLSX)
    name = file_name(_("Lịch sử nhiệm kỳ %(division)s") % {"division": division.name}, "xlsx")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- h7: the roll-up of commendations ---

ROLLUP_LEVELS = [Level.COUNTRY, Level.PROVINCE, Level.DISTRICT, Level.WARD]


@login_required
@require_GET
def commendation_rollup(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Every commendation of the wards under a division, counted by form and kind."""
    division = get_division_for(request.user, pk, levels=ROLLUP_LEVELS)
    return render(
        request,
        "reporting/commendations.html",
        {"division": division, **commendations.rollup_page(division)},
    )


@login_required
@require_GET
def commendation_export(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    division = get_division_for(request.user, pk, levels=ROLLUP_LEVELS)
    content = commendations.rollup_workbook(division, timezone.localdate())
    response = HttpResponse(content, content_type=XLSX)
    name = file_name(_("Khen thưởng %(division)s") % {"division": division.name}, "xlsx")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
