"""The khu phố head's page: who serves, and a request to let the head go (NĐ 59/2023, Art. 9)
recorded and its community meeting convened by the ward (or the ward Front). The meeting is
then run by the khu phố's election team at the usual meeting page, and the ward answers it on
the election page (``count.election_decide``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from elections.forms import head_release as forms
from elections.models import ReleaseStatus
from elections.selectors import fetch
from elections.selectors.head_release import open_request, requests_of
from elections.selectors.tenures import history, open_vacancies, serving_head
from elections.services import head_release
from neighborhoods.models import Division, Level
from neighborhoods.selectors import get_division_for
from wardvote import access
from wardvote.messages import message_form_errors, message_validation_errors
from wardvote.once import one_submission
from wardvote.types import AuthenticatedHttpRequest

# The ward official and the ward Front record a request and convene its meeting.
ACTORS = (access.MANAGE_ELECTIONS, access.RUN_CONSULTATION)


def _can_act(user, division: Division) -> bool:
    return any(access.can(user, capability, division) for capability in ACTORS)


def _khu_pho(request: AuthenticatedHttpRequest, pk: int, acting: bool = False) -> Division:
    division = get_division_for(request.user, pk, levels=[Level.NEIGHBORHOOD])
    if acting and not _can_act(request.user, division):
        raise Http404
    return division


@login_required
@require_GET
def head_release_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    neighborhood = _khu_pho(request, pk)
    head = serving_head(neighborhood)
    under_way = open_request(head) if head is not None else None
    can_act = _can_act(request.user, neighborhood)
    return render(
        request,
        "elections/head_release.html",
        {
            "neighborhood": neighborhood,
            "head": head,
            "history": history(neighborhood),
            "vacancies": open_vacancies(neighborhood),
            "today": timezone.localdate(),
            "requests": requests_of(neighborhood),
            "can_act": can_act,
            "request_form": forms.HeadReleaseRequestForm(prefix="request")
            if can_act and head is not None and under_way is None
            else None,
            "convene_form": forms.ReleaseConveneForm(prefix="convene")
            if can_act and under_way is not None and under_way.status == ReleaseStatus.RECEIVED
            else None,
            "under_way": under_way,
        },
    )


@login_required
@require_POST
@one_submission
def head_release_request(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    neighborhood = _khu_pho(request, pk, acting=True)
    head = serving_head(neighborhood)
    if head is None:
        raise Http404
    form = forms.HeadReleaseRequestForm(request.POST, prefix="request")
    if not form.is_valid():
        message_form_errors(request, form)
    else:
        try:
            head_release.head_release_request_record(by=request.user, tenure=head, **form.service_kwargs())
        except ValidationError as error:
            message_validation_errors(request, error)
        else:
            messages.success(request, _("Đã ghi nhận đề nghị cho thôi làm Trưởng khu phố."))
    return redirect("elections:head_release_page", pk=neighborhood.pk)


@login_required
@require_POST
@one_submission
def head_release_convene(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    release = fetch.get_release_request_for(request.user, pk)
    if not _can_act(request.user, release.neighborhood):
        raise Http404
    form = forms.ReleaseConveneForm(request.POST, prefix="convene")
    if not form.is_valid():
        message_form_errors(request, form)
    else:
        try:
            election = head_release.head_release_meeting_convene(
                by=request.user, request=release, **form.service_kwargs()
            )
        except ValidationError as error:
            message_validation_errors(request, error)
        else:
            messages.success(request, _("Đã triệu tập cuộc họp cho thôi làm Trưởng khu phố."))
            return redirect("elections:election_detail", pk=election.pk)
    return redirect("elections:head_release_page", pk=release.neighborhood_id)
