"""Meeting day after check-in: the procedure, the tally (double entry), household ballots,
the papers, and the ward's and the Front's decisions after the count."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from elections import count_documents, rules
from elections.forms import count as forms
from elections.models import Contest, ContestKind, Meeting, MeetingMode
from elections.selectors import fetch
from elections.selectors.count import BALLOT_FIGURES, candidates_of, minutes_can_be_drawn_up, tally_state
from elections.selectors.decisions import (
    BOARD_KINDS,
    board_member_details,
    board_members,
    post_recognition,
    post_recognition_problems,
)
from elections.selectors.meeting import households_matching, voters
from elections.selectors.plans import board_recognition_line
from elections.selectors.tenures import term_elections
from elections.services import decisions, procedure, results
from elections.services import household_ballots as ballot_services
from elections.services import meeting as meeting_services
from elections.views.contexts import (
    DECISIONS,
    ballot_round_context,
    meeting_count_context,
    nomination_prefix,
    request_document,
    take_decision,
    to_meeting_page,
)
from neighborhoods.models import HouseholdStatus
from reporting.services import latest_document
from wardvote import access, audit, client_keys
from wardvote.forms import SEARCH_MAX_LENGTH, add_validation_errors, posted_text, search_query
from wardvote.messages import form_errors_text, message_form_errors, message_validation_errors
from wardvote.once import one_submission
from wardvote.text import natural_key
from wardvote.types import AuthenticatedHttpRequest


def _to_meeting(meeting: Meeting):
    return to_meeting_page(meeting)


# --- The procedure --------------------------------------------------------------------

PROCEDURE_STEPS: dict[str, tuple[type[forms.ServiceForm], Callable[..., object]]] = {
    "secretary": (forms.SecretaryForm, procedure.secretary_approve),
    "method": (forms.VotingMethodForm, procedure.voting_method_choose),
    "board": (forms.CountingBoardForm, procedure.counting_board_approve),
    "minutes": (forms.MeetingMinutesForm, meeting_services.meeting_minutes_record),
}


@login_required
@require_POST
def procedure_step(request: AuthenticatedHttpRequest, pk: int, step: str) -> HttpResponse:
    meeting = fetch.get_meeting_for(request.user, pk, access.RUN_MEETING)
    try:
        if step == "list":
            procedure.list_present(meeting=meeting)
        elif step in PROCEDURE_STEPS:
            form_class, record = PROCEDURE_STEPS[step]
            form = form_class(request.POST, prefix=step)
            if not form.is_valid():
                message_form_errors(request, form)
                return _to_meeting(meeting)
            record(meeting=meeting, **form.service_kwargs())
        else:
            raise Http404
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, _("Đã ghi nhận."))
    return _to_meeting(meeting)


@login_required
@require_POST
@one_submission
def floor_nomination(request: AuthenticatedHttpRequest, pk: int, contest_pk: int) -> HttpResponse:
    meeting = fetch.get_meeting_for(request.user, pk, access.RUN_MEETING)
    contest = fetch.get_contest_of(meeting, contest_pk)
    form = forms.FloorNominationForm(request.POST, prefix=nomination_prefix(contest))
    if not form.is_valid():
        message_form_errors(request, form)
        return _to_meeting(meeting)
    try:
        candidate = procedure.floor_nomination_add(meeting=meeting, contest=contest, **form.cleaned_data)
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, _("Đã thêm người được đề cử: %(name)s.") % {"name": candidate.full_name})
    return _to_meeting(meeting)


# --- The tally ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def tally(request: AuthenticatedHttpRequest, pk: int, contest_pk: int) -> HttpResponse:
    """Enter one contest's count; accepted when a second person's entry matches."""
    if request.method == "POST":
        return _tally_post(request, pk, contest_pk)
    meeting = fetch.get_meeting_for(request.user, pk)
    contest = fetch.get_contest_of(meeting, contest_pk)
    can_enter = access.can(request.user, access.RUN_MEETING, meeting.election.neighborhood)
    candidates = candidates_of(contest)
    form = forms.TallyForm(method=meeting.voting_method, candidates=candidates)
    return _tally_page(request, meeting, contest, candidates, form, can_enter=can_enter)


def _tally_post(request: AuthenticatedHttpRequest, pk: int, contest_pk: int) -> HttpResponse:
    """One entry, in one transaction that reads the sitting once, under its lock; a refusal
    rolls all of it back, and the form comes back with its reasons once the lock is let go."""
    with transaction.atomic():
        meeting = fetch.get_meeting_for(request.user, pk, locked=True)
        contest = fetch.get_contest_of(meeting, contest_pk)
        if not access.can(request.user, access.RUN_MEETING, meeting.election.neighborhood):
            raise Http404
        candidates = candidates_of(contest)
        if client_keys.is_queued(request):
            return _queued_tally(request, meeting, contest, candidates)
        try:
            client_key = client_keys.client_key_from(request.POST)
        except ValidationError as error:
            return HttpResponseBadRequest(" ".join(error.messages))
        form = forms.TallyForm(request.POST, method=meeting.voting_method, candidates=candidates)
        if form.is_valid():
            try:
                state = _enter_tally(request, meeting, contest, candidates, form, client_key)
            except ValidationError as error:
                add_validation_errors(form, error)
                transaction.set_rollback(True)
            else:
                _announce(request, state)
                return redirect("elections:meeting_tally", pk=meeting.pk, contest_pk=contest.pk)
    return _tally_page(request, meeting, contest, candidates, form, can_enter=True)


def _tally_page(request, meeting: Meeting, contest, candidates, form, *, can_enter: bool) -> HttpResponse:
    state = tally_state(meeting, contest, candidates)
    return render(
        request,
        "elections/meeting/tally.html",
        {
            "meeting": meeting,
            "election": meeting.election,
            "contest": contest,
            "candidates": candidates,
            "state": state,
            # Beside the figures, so the team checks the ballots against who took part.
            "voters": voters(meeting),
            "form": form,
            "can_enter": can_enter and state.result is None,
        },
    )


def _enter_tally(
    request: AuthenticatedHttpRequest,
    meeting: Meeting,
    contest: Contest,
    candidates: list,
    form: forms.TallyForm,
    client_key: uuid.UUID | None,
) -> results.TallyState:
    """The entry, with the sitting ``meeting`` already held under its lock by the caller."""
    return results.tally_enter(
        by=request.user,
        meeting=meeting,
        contest=contest,
        method=meeting.voting_method,
        figures=form.figures(),
        counts=form.counts(),
        candidates=candidates,
        client_key=client_key,
    )


def _queued_tally(
    request: AuthenticatedHttpRequest, meeting: Meeting, contest: Contest, candidates: list
) -> HttpResponse:
    """An entry typed while offline, sent by the browser's queue: the answer is JSON, the
    sentence the page would have shown (accepted, mismatch, waiting for the second person).
    Runs inside ``_tally_post``'s transaction, the sitting locked; a refusal rolls it back."""
    contest_name = contest.get_kind_display()
    try:
        client_key = client_keys.client_key_from(request.POST)
    except ValidationError as error:
        return client_keys.queued_answer(" ".join(error.messages), status=400)
    form = forms.TallyForm(request.POST, method=meeting.voting_method, candidates=candidates)
    if not form.is_valid():
        return client_keys.queued_answer(f"{contest_name}: {form_errors_text(form)}", status=409)
    try:
        state = _enter_tally(request, meeting, contest, candidates, form, client_key)
    except ValidationError as error:
        transaction.set_rollback(True)
        text = f"{contest_name}: {' '.join(error.messages)}"
        return client_keys.queued_answer(text, status=client_keys.refusal_status(error))
    return client_keys.queued_answer(f"{contest_name}: {_tally_outcome(state)[1]}")


def _tally_outcome(state: results.TallyState) -> tuple[int, str]:
    """Where the double entry stands after an entry: (message level, sentence)."""
    if state.result:
        text = _("Hai lần nhập khớp nhau: kết quả đã được chốt. %(reason)s") % {"reason": state.result.reason}
        return messages.SUCCESS, text
    if state.mismatch:
        return messages.WARNING, _("Hai lần nhập không khớp: xem bảng so sánh và nhập lại.")
    return messages.INFO, _("Đã ghi lần nhập của bạn. Chờ người thứ hai nhập độc lập để đối chiếu.")


def _announce(request: AuthenticatedHttpRequest, state: results.TallyState) -> None:
    level, text = _tally_outcome(state)
    messages.add_message(request, level, text)


# --- Papers ---------------------------------------------------------------------------


@login_required
@require_POST
def meeting_document(request: AuthenticatedHttpRequest, pk: int, kind: str) -> HttpResponse:
    meeting = fetch.get_meeting_for(request.user, pk, access.RUN_MEETING)
    if kind not in dict(count_documents.meeting_documents(meeting)):
        raise Http404
    if not minutes_can_be_drawn_up(meeting.results.all()):
        messages.error(request, _("Chưa có kết quả kiểm phiếu để lập biên bản."))
        return _to_meeting(meeting)
    waiting = count_documents.drawing_up_problems(meeting, kind)
    if waiting:
        for problem in waiting:
            messages.error(request, problem)
        return _to_meeting(meeting)
    request_document(request, kind, meeting)
    return _to_meeting(meeting)


@login_required
@require_POST
def ballot_papers(request: AuthenticatedHttpRequest, pk: int, contest_pk: int) -> HttpResponse:
    meeting = fetch.get_meeting_for(request.user, pk, access.RUN_MEETING)
    contest = fetch.get_contest_of(meeting, contest_pk)
    request_document(request, count_documents.BALLOT_PAPERS, contest)
    return _to_meeting(meeting)


# --- Household ballots ----------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def household_ballots(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = fetch.get_meeting_for(request.user, pk)
    if meeting.mode != MeetingMode.HOUSEHOLD_BALLOTS:
        raise Http404
    neighborhood = meeting.election.neighborhood
    query = search_query(request.GET)
    ballots = {b.household_id: b for b in meeting.household_ballots.all()}
    rows = []
    can_read_households = access.can(request.user, access.READ_PERSONAL_DATA, neighborhood)
    if can_read_households:
        households = households_matching(neighborhood, query).filter(status=HouseholdStatus.ACTIVE)
        rows = [(h, ballots.get(h.pk)) for h in households.order_by("code")[:200]]
        audit.personal_data_read(
            request=request,
            division=neighborhood,
            kind=audit.READ_SEARCH if query else audit.READ_LIST,
            rows=len(rows),
            query=query,
        )
    return render(
        request,
        "elections/meeting/household_ballots.html",
        {
            "meeting": meeting,
            "election": meeting.election,
            "rows": rows,
            "query": query,
            "distributed": len(ballots),
            "returned": sum(1 for b in ballots.values() if b.returned_at),
            "can_run": access.can(request.user, access.RUN_MEETING, neighborhood),
            "can_read_households": can_read_households,
            **meeting_count_context(meeting),
            **ballot_round_context(meeting, request.user, timezone.localdate()),
        },
    )


def _to_ballots(meeting: Meeting, query: str = ""):
    response = redirect("elections:meeting_household_ballots", pk=meeting.pk)
    if query:
        response["Location"] += "?" + urlencode({"q": query[:SEARCH_MAX_LENGTH]})
    return response


@login_required
@require_POST
def ballot_distribute(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = fetch.get_meeting_for(request.user, pk, access.RUN_MEETING)
    household = fetch.household_of(meeting, request.POST.get("household"))
    try:
        ballot_services.ballot_distribute(
            by=request.user,
            meeting=meeting,
            household=household,
            received_by=posted_text(request.POST, "received_by", max_length=150),
        )
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, _("Đã phát phiếu cho hộ %(code)s.") % {"code": household.code})
    return _to_ballots(meeting, request.POST.get("q", ""))


@login_required
@require_POST
def ballot_return(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    ballot = fetch.get_ballot_for(request.user, pk, access.RUN_MEETING)
    try:
        ballot_services.ballot_return(by=request.user, ballot=ballot)
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, _("Đã thu phiếu của hộ %(code)s.") % {"code": ballot.household.code})
    return _to_ballots(ballot.meeting, request.POST.get("q", ""))


# --- The ward's decisions -------------------------------------------------------------


@login_required
@require_POST
@one_submission
def election_decide(request: AuthenticatedHttpRequest, pk: int, action: str) -> HttpResponse:
    election = fetch.get_election_for(request.user, pk, access.MANAGE_ELECTIONS)
    take_decision(request, DECISIONS, action, election=election)
    return redirect("elections:election_detail", pk=election.pk)


@login_required
@require_http_methods(["GET", "POST"])
def result_correct(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    result = fetch.get_result_for(request.user, pk, access.MANAGE_ELECTIONS)
    candidates = candidates_of(result.contest)
    initial = {n: getattr(result, n) for n in BALLOT_FIGURES}
    for c in candidates:
        value = result.counts.get(str(c.pk))
        if isinstance(value, list):
            for (suffix, _label), n in zip(forms.HAND_FIELDS, value, strict=True):
                initial[f"{forms.candidate_field(c.pk)}_{suffix}"] = n
        else:
            initial[forms.candidate_field(c.pk)] = value
    form = forms.CorrectionForm(initial=initial, method=result.method, candidates=candidates)
    if request.method == "POST":
        form = forms.CorrectionForm(request.POST, method=result.method, candidates=candidates)
        if form.is_valid():
            try:
                results.result_correct(
                    by=request.user,
                    result=result,
                    reason=form.cleaned_data["reason"],
                    figures=form.figures(),
                    counts=form.counts(),
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("Đã đính chính kết quả; bản cũ vẫn được lưu."))
                return redirect("elections:election_detail", pk=result.meeting.election_id)
    return render(
        request,
        "elections/result_correct.html",
        {"result": result, "election": result.meeting.election, "form": form},
    )


@login_required
@require_POST
def decision_document(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    decision = fetch.get_decision_for(request.user, pk)
    request_document(request, count_documents.DECISION, decision)
    if "vacancy" in decision.details:  # a decision about a vacant head's post (issue 14)
        return redirect("elections:vacancy_detail", pk=decision.details["vacancy"])
    if decision.election_id and decision.kind not in BOARD_KINDS:
        return redirect("elections:election_detail", pk=decision.election_id)
    return redirect("elections:inspection_board", pk=decision.plan_id)


# --- The inspection board -------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def inspection_board(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The ward Front's page: each khu phố with its member's recognition, on its own date."""
    plan = fetch.get_plan_for(request.user, pk)
    members, missing = board_members(plan)
    neighborhood_count = term_elections(plan).count()
    can_decide = access.can(request.user, access.RUN_CONSULTATION, plan.division)
    rows = []
    elections = term_elections(plan).select_related("neighborhood", "plan")
    for election in sorted(elections, key=lambda e: natural_key(e.neighborhood.name)):
        if not election.contests.filter(kind=ContestKind.INSPECTION_BOARD).exists():
            continue
        recognition = post_recognition(election, ContestKind.INSPECTION_BOARD)
        details = board_member_details(election)
        offered = can_decide and not post_recognition_problems(election, ContestKind.INSPECTION_BOARD)
        rows.append(
            {
                "election": election,
                "elected": ", ".join(m["full_name"] for m in details.get("members", [])),
                "recognition": recognition,
                "document": latest_document(kind=count_documents.DECISION, source=recognition)
                if recognition
                else None,
                "line": board_recognition_line(election, timezone.localdate()),
                "form": forms.BoardMemberRecogniseForm(prefix=f"member-{election.pk}") if offered else None,
            }
        )
    board_decisions = [
        (d, latest_document(kind=count_documents.DECISION, source=d))
        for d in plan.decisions.filter(kind__in=BOARD_KINDS, election=None).order_by("pk")
    ]
    return render(
        request,
        "elections/inspection_board.html",
        {
            "plan": plan,
            "members": members,
            "missing": missing,
            "rows": rows,
            "seats": rules.inspection_board_seats(neighborhood_count, plan.rules),
            "seats_basis": rules.inspection_board_seats_basis(neighborhood_count, plan.rules),
            "board_decisions": board_decisions,
            "can_decide": can_decide,
        },
    )


@login_required
@require_POST
@one_submission
def board_member_recognise(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The ward Front recognises one khu phố's board member (Luật Art. 21.2, 40.2.b)."""
    election = fetch.get_election_for(request.user, pk, access.RUN_CONSULTATION)
    form = forms.BoardMemberRecogniseForm(request.POST, prefix=f"member-{election.pk}")
    if not form.is_valid():
        message_form_errors(request, form)
    else:
        try:
            decisions.board_member_recognise(by=request.user, election=election, **form.service_kwargs())
        except ValidationError as error:
            message_validation_errors(request, error)
        else:
            messages.success(
                request,
                _("Đã công nhận thành viên Ban Thanh tra nhân dân của %(kp)s.")
                % {"kp": election.neighborhood.name},
            )
    return redirect("elections:inspection_board", pk=election.plan_id)
