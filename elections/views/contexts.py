"""Page contexts and helpers that several elections views share.

Not a view module (no view function, no URL): the views of ``plans``, ``meeting``
and ``count`` import from here, so that no view module imports another.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elections import count_documents, transitions
from elections.forms import count as forms
from elections.models import Contest, Election, Meeting, MeetingMode
from elections.selectors.count import current_result, minutes_can_be_drawn_up, tally_state
from elections.selectors.meeting import contests_to_vote, procedure_problems, rounds
from elections.services import decisions
from elections.transitions import may_take
from reporting import queue
from reporting.services import document_request, latest_document
from wardvote import access
from wardvote.types import StrOrPromise

# The ward's decisions after the count: action → (form, service, success message).
DECISIONS: dict[str, tuple[type[forms.ServiceForm], Callable[..., object], StrOrPromise]] = {
    "recognise": (
        forms.RecogniseForm,
        decisions.head_recognise,
        gettext_lazy("Đã công nhận Trưởng khu phố."),
    ),
    "rerun": (forms.RerunForm, decisions.rerun_decide, gettext_lazy("Đã quyết định bầu lại.")),
    "household_ballots": (
        forms.HouseholdBallotsForm,
        decisions.household_ballots_start,
        gettext_lazy("Đã quyết định lấy ý kiến bằng phiếu tại hộ gia đình."),
    ),
    "interim_head": (
        forms.InterimHeadForm,
        decisions.interim_head_appoint,
        gettext_lazy("Đã cử Trưởng khu phố lâm thời."),
    ),
}


def request_document(request: HttpRequest, kind: str, source: object) -> None:
    """Ask for a document (rendered in the background) and tell the user it is coming."""
    document = document_request(kind=kind, source=source, user=request.user)
    if document.queued is False:
        messages.warning(request, queue.QUEUE_DOWN)
    else:
        messages.info(request, _("Đang tạo văn bản: %(title)s.") % {"title": document.title})


def to_meeting_page(meeting: Meeting) -> HttpResponseRedirect:
    """Back to the meeting page, on the same cluster sitting when the khu phố meets by cluster."""
    response = redirect("elections:meeting_page", pk=meeting.election_id)
    if meeting.cluster_id is not None:
        response["Location"] += "?" + urlencode({"cum": meeting.pk})
    return response


def nomination_prefix(contest: Contest) -> str:
    return f"nomination-{contest.pk}"


def meeting_count_context(meeting: Meeting) -> dict:
    """The count part of the meeting page and of the household-ballot page."""
    states = {c: tally_state(meeting, c) for c in contests_to_vote(meeting)}
    contests = [
        {
            "contest": c,
            "state": state,
            "ballots": latest_document(kind=count_documents.BALLOT_PAPERS, source=c),
            "nomination_form": forms.FloorNominationForm(prefix=nomination_prefix(c)),
        }
        for c, state in states.items()
    ]
    return {
        "procedure_problems": procedure_problems(meeting) if meeting.mode == MeetingMode.MEETING else [],
        "count_contests": contests,
        # Prefixed so that the fields of the forms on one page keep distinct ids.
        "secretary_form": forms.SecretaryForm(prefix="secretary", initial={"name": meeting.secretary_name}),
        "method_form": forms.VotingMethodForm(prefix="method", initial={"method": meeting.voting_method}),
        "board_form": forms.CountingBoardForm(prefix="board"),
        # No minutes before the first result: the button would only be refused.
        "can_draw_up_minutes": minutes_can_be_drawn_up(state.result for state in states.values()),
        "meeting_documents": [
            (kind, label, latest_document(kind=kind, source=meeting))
            for kind, label in count_documents.meeting_documents(meeting)
        ],
    }


def election_results_context(election: Election, user) -> dict:
    """The results, sittings and decisions part of the election page."""
    can_manage = access.can(user, access.MANAGE_ELECTIONS, election.neighborhood)
    standing = [(c, current_result(c)) for c in election.contests.order_by("kind")]
    context: dict[str, object] = {
        "standing_results": [(c, r) for c, r in standing if r is not None],
        "meetings": rounds(election).order_by("number"),
        "decisions": [
            (d, latest_document(kind=count_documents.DECISION, source=d))
            for d in election.decisions.select_related("supersedes").order_by("pk")
        ],
    }
    if can_manage:
        # Recognising is offered only when it can succeed (the transition's own guard).
        context["can_recognise"] = not transitions.guard_problems(election, "recognise")
        context["decision_forms"] = {
            action: form(prefix=action) for action, (form, *_rest) in DECISIONS.items()
        }
        # Offered only when the law allows them now (a form that can only fail is not shown).
        context["household_ballots_offered"] = may_take(election, "start_household_ballots")
        context["interim_head_offered"] = may_take(election, "appoint_interim_head")
    return context
