"""Page contexts and helpers that several elections views share.

Not a view module (no view function, no URL): the views of ``plans``, ``meeting``
and ``count`` import from here, so that no view module imports another.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elections import count_documents, rules
from elections.forms import count as forms
from elections.forms import head_release as release_forms
from elections.forms import household_ballots as ballot_forms
from elections.models import Contest, ContestKind, DecisionKind, Election, Meeting, MeetingMode
from elections.selectors.count import current_result, minutes_can_be_drawn_up, tally_state
from elections.selectors.decisions import (
    annul_problems,
    annulled_sittings,
    answer_problems,
    post_recognition_problems,
)
from elections.selectors.fetch import decision_capability
from elections.selectors.head_release import (
    is_release_meeting,
    meeting_agreed,
    release_decision_problems,
    request_of,
)
from elections.selectors.household_ballots import ballot_round_of, round_count_problems
from elections.selectors.meeting import contests_to_vote, procedure_problems, rounds, tally_started
from elections.services import decisions, head_release, household_ballots
from elections.transitions import may_take
from reporting import queue
from reporting.services import document_request, latest_document
from wardvote import access
from wardvote.messages import message_form_errors, message_validation_errors
from wardvote.types import StrOrPromise

# The ward's decisions after the count: action → (form, service, success message).
DECISIONS: dict[str, tuple[type[forms.ServiceForm], Callable[..., object], StrOrPromise]] = {
    "recognise": (
        forms.RecogniseForm,
        decisions.head_recognise,
        gettext_lazy("Đã công nhận Trưởng khu phố."),
    ),
    "rerun": (forms.RerunForm, decisions.rerun_decide, gettext_lazy("Đã quyết định bầu lại.")),
    # Not a ward decision: the khu phố head's plan, entered on the head's behalf (NĐ 59 Art. 4.2).
    "household_ballots": (
        ballot_forms.BallotPlanForm,
        household_ballots.household_ballots_start,
        gettext_lazy("Đã ghi Kế hoạch phát phiếu lấy ý kiến hộ gia đình của Trưởng khu phố."),
    ),
    "interim_head": (
        forms.InterimHeadForm,
        decisions.interim_head_appoint,
        gettext_lazy("Đã cử Trưởng khu phố lâm thời."),
    ),
    "answer": (
        forms.WrittenAnswerForm,
        decisions.ward_answer,
        gettext_lazy("Đã ghi nhận văn bản trả lời."),
    ),
    "annul": (
        forms.AnnulForm,
        decisions.community_decision_annul,
        gettext_lazy("Đã bãi bỏ quyết định của cộng đồng dân cư; khu phố bầu lại."),
    ),
    "amend": (
        forms.AmendRequestForm,
        decisions.community_decision_amend_request,
        gettext_lazy("Đã gửi văn bản đề nghị sửa đổi quyết định của cộng đồng dân cư."),
    ),
    # h1: the ward's answers to the meeting that decides whether to let the head go (NĐ 59 Art. 9.3).
    "release_recognise": (
        release_forms.ReleaseRecogniseForm,
        head_release.release_recognise,
        gettext_lazy("Đã công nhận kết quả cho thôi làm Trưởng khu phố."),
    ),
    "release_answer": (
        release_forms.ReleaseAnswerForm,
        head_release.release_answer,
        gettext_lazy("Đã ghi nhận văn bản trả lời về việc cho thôi làm Trưởng khu phố."),
    ),
    "release_decide": (
        release_forms.ReleaseDecideForm,
        head_release.release_decide,
        gettext_lazy("Đã ghi nhận quyết định của phường về việc cho thôi làm Trưởng khu phố."),
    ),
}
# The actions that answer a dismissal meeting, and the decision each records.
RELEASE_ACTIONS = {
    "release_recognise": DecisionKind.RECOGNISE_RELEASE,
    "release_answer": DecisionKind.RELEASE_ANSWER,
    "release_decide": DecisionKind.RELEASE_DECIDED,
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
        "procedure_problems": (
            procedure_problems(meeting)
            if meeting.mode == MeetingMode.MEETING
            else round_count_problems(meeting)
        ),
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
        # An annulled sitting's results are not corrected (Luật Art. 22.2): no link for them.
        "annulled_sittings": annulled_sittings(election),
        # The paper of each decision is offered to whoever acts on it: the ward Front for a
        # board member's recognition, the ward otherwise.
        "decisions": [
            (
                d,
                latest_document(kind=count_documents.DECISION, source=d),
                access.can(user, decision_capability(d), election.neighborhood),
            )
            for d in election.decisions.select_related("supersedes").order_by("pk")
        ],
    }
    if is_release_meeting(election):
        context["release_request"] = request_of(election)
        context["release_agreed"] = meeting_agreed(election)
    if can_manage and is_release_meeting(election):
        offered = {
            action: not release_decision_problems(election, kind) for action, kind in RELEASE_ACTIONS.items()
        }
        context["offered"] = offered
        context["any_offered"] = any(offered.values())
        context["decision_forms"] = {
            action: DECISIONS[action][0](prefix=action) for action in RELEASE_ACTIONS
        }
    elif can_manage:
        context["decision_forms"] = {
            action: form(prefix=action) for action, (form, *_rest) in DECISIONS.items()
        }
        # Each offered only when it can succeed now (a form that can only fail is not shown).
        answerable = not answer_problems(election)
        offered = {
            "recognise": not post_recognition_problems(election, ContestKind.HEAD),
            "rerun": may_take(election, "decide_rerun"),
            "household_ballots": may_take(election, "start_household_ballots"),
            "interim_head": may_take(election, "appoint_interim_head"),
            "answer": answerable,
            "annul": not annul_problems(election),
            "amend": answerable,
        }
        context["offered"] = offered
        context["any_offered"] = any(offered.values())
        context["can_recognise"] = offered["recognise"]
    return context


def ballot_round_context(meeting: Meeting, user, today: datetime.date) -> dict:
    """The steps of a household-ballot round on its page (NĐ 59 Art. 4), each form offered only
    when its step can be recorded now: the team until the notice, the notice until the first
    ballot, distribution from the announced day, the count day and witnesses until the count."""
    round_ = ballot_round_of(meeting)
    neighborhood = meeting.election.neighborhood
    can_enter = access.can(user, access.RUN_MEETING, neighborhood) or access.can(
        user, access.MANAGE_ELECTIONS, neighborhood
    )
    open_ = meeting.closed_at is None and not tally_started(meeting)
    context: dict[str, object] = {
        "ballot_round": round_,
        "can_enter_steps": can_enter,
        "plan_sent": rules.ballot_plan_sent_deadline(round_.plan_issued_on, meeting.election.rules)
        if round_
        else None,
        "ballot_paper": latest_document(kind=count_documents.HOUSEHOLD_BALLOT_PAPER, source=meeting),
        # A round started before the steps existed goes on as it was.
        "can_distribute": open_
        and (
            round_ is None
            or (
                round_.distribution_starts_on is not None
                and not rules.ballot_distribution_problems(today, round_.distribution_starts_on)
            )
        ),
    }
    if round_ is None or not can_enter or not open_:
        return context
    if round_.noticed_on is None:
        context["team_form"] = ballot_forms.BallotTeamForm(
            prefix="team",
            initial={
                "decided_by": round_.team_decided_by or round_.planner_name,
                "leader_represents_front": True,
            },
        )
    if round_.team_decided_on is not None and not meeting.household_ballots.exists():
        context["notice_form"] = ballot_forms.BallotNoticeForm(prefix="notice")
    if round_.distribution_starts_on is not None:
        context["count_form"] = ballot_forms.BallotCountForm(prefix="count")
    return context


def take_decision(request: HttpRequest, decisions: dict, action: str, **subject) -> None:
    """One of a page's decisions (``DECISIONS`` of the election page, ``VACANCY_DECISIONS`` of
    the vacancy page: action → form, service, message): bind its posted form, call its service
    once with ``by`` and the page's ``subject``, and report the outcome in messages. An action
    the page does not have is a 404."""
    if action not in decisions:
        raise Http404
    form_class, decide, done = decisions[action]
    form = form_class(request.POST, prefix=action)
    if not form.is_valid():
        message_form_errors(request, form)
        return
    try:
        decide(by=request.user, **subject, **form.service_kwargs())
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, str(done))
