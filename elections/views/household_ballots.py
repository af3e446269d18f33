"""The steps of a household-ballot round (Luật Art. 19; NĐ 59 Art. 4), entered on the khu phố
head's behalf by the election team or the ward official: the team, the notice, the ballot
paper, the count day with its witnesses. The plan itself is entered from the election page
(``views.count.election_decide``, action "household_ballots")."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from elections import count_documents
from elections.forms import household_ballots as forms
from elections.forms.count import ServiceForm
from elections.selectors import fetch
from elections.services import household_ballots
from elections.views.contexts import request_document
from wardvote.messages import message_form_errors, message_validation_errors
from wardvote.types import AuthenticatedHttpRequest, StrOrPromise

STEPS: dict[str, tuple[type[ServiceForm], Callable[..., object], StrOrPromise]] = {
    "team": (
        forms.BallotTeamForm,
        household_ballots.ballot_team_decide,
        gettext_lazy("Đã ghi quyết định thành lập Tổ phát phiếu."),
    ),
    "notice": (
        forms.BallotNoticeForm,
        household_ballots.ballot_notice_record,
        gettext_lazy("Đã ghi thông báo công khai."),
    ),
    "count": (
        forms.BallotCountForm,
        household_ballots.ballot_count_prepare,
        gettext_lazy("Đã ghi ngày kiểm phiếu và người chứng kiến."),
    ),
}


def _to_round(pk: int):
    return redirect("elections:meeting_household_ballots", pk=pk)


@login_required
@require_POST
def ballot_step(request: AuthenticatedHttpRequest, pk: int, step: str) -> HttpResponse:
    meeting = fetch.get_ballot_round_for(request.user, pk)
    if step not in STEPS:
        raise Http404
    form_class, record, done = STEPS[step]
    form = form_class(request.POST, prefix=step)
    if not form.is_valid():
        message_form_errors(request, form)
        return _to_round(meeting.pk)
    try:
        record(by=request.user, meeting=meeting, **form.service_kwargs())
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, str(done))
    return _to_round(meeting.pk)


@login_required
@require_POST
def ballot_paper(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The round's ballot, one per household, signed by the head (NĐ 59 Art. 4.5)."""
    meeting = fetch.get_ballot_round_for(request.user, pk)
    request_document(request, count_documents.HOUSEHOLD_BALLOT_PAPER, meeting)
    return _to_round(meeting.pk)
