from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from elections.forms.candidates import ComplaintForm, ResolveForm
from elections.models import Candidate
from elections.selectors import fetch
from elections.services import complaints as services
from wardvote import access
from wardvote.forms import add_validation_errors
from wardvote.messages import message_validation_errors
from wardvote.once import one_submission
from wardvote.types import AuthenticatedHttpRequest

HANDLERS = (access.MANAGE_ELECTIONS, access.RUN_CONSULTATION)


def _can_handle(user, election) -> bool:
    return any(access.can(user, cap, election.neighborhood) for cap in HANDLERS)


@login_required
@require_http_methods(["GET", "POST"])
@one_submission
def complaint_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    election = fetch.get_election_for(request.user, pk)
    can_handle = _can_handle(request.user, election)
    candidates = Candidate.objects.filter(contest__election=election)
    form = ComplaintForm(request.POST or None, candidates=candidates)
    if request.method == "POST":
        if not can_handle:
            raise Http404
        if form.is_valid():
            try:
                services.complaint_file(election=election, **form.cleaned_data)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("Đã ghi nhận khiếu nại, tố cáo."))
                return redirect("elections:complaint_list", pk=election.pk)
    return render(
        request,
        "elections/complaints/list.html",
        {
            "election": election,
            "form": form,
            "can_handle": can_handle,
            "resolve_form": ResolveForm(),
            "complaints": election.complaints.select_related("candidate").order_by("-received_on", "-pk"),
        },
    )


@login_required
@require_POST
def complaint_resolve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    complaint = fetch.get_complaint_for(request.user, pk)
    if not _can_handle(request.user, complaint.election):
        raise Http404
    form = ResolveForm(request.POST)
    if form.is_valid():
        try:
            services.complaint_resolve(complaint=complaint, **form.cleaned_data)
        except ValidationError as error:
            message_validation_errors(request, error)
        else:
            messages.success(request, _("Đã ghi nhận kết quả giải quyết."))
    else:
        messages.error(request, _("Ghi kết quả và ngày giải quyết (dd/mm/yyyy)."))
    return redirect("elections:complaint_list", pk=complaint.election_id)
