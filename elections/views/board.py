"""The inspection board after its members are recognised (Luật Art. 40.2.b; NĐ 59 Art.
13): the ward Front's page for the board's meeting, where the board elects its head and
deputies, its minutes, and the notice of its composition; and the Front's choice of
which khu phố elect two members in a ward with fewer than 5 khu phố."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from elections import board_documents, rules
from elections.forms import board as forms
from elections.models import BoardMeeting, ContestKind, ListStatus, Plan
from elections.selectors import fetch
from elections.selectors.board import board_meetings, composition, latest_board_notice, open_board_meeting
from elections.selectors.board_term import board_vacancies, no_by_election_reason, serving_members
from elections.selectors.decisions import board_complete, board_members
from elections.selectors.tenures import term_elections
from elections.services import board
from elections.views.contexts import request_document
from reporting.services import latest_document
from wardvote import access
from wardvote.messages import message_form_errors, message_validation_errors
from wardvote.once import one_submission
from wardvote.types import AuthenticatedHttpRequest


def _to_page(plan_pk: int):
    return redirect("elections:board_page", pk=plan_pk)


def _seat_rows(plan: Plan) -> list:
    """Each khu phố's election with its board seats, or None when the Front has nothing to
    choose (5 khu phố or more) or a board list is already approved."""
    elections = term_elections(plan).select_related("neighborhood")
    count = elections.count()
    # One member per khu phố: nothing for the Front to choose (Luật Art. 36.1; NĐ 59 Art. 13.2).
    if rules.inspection_board_seats(count, plan.rules) == count or not plan.elects_inspection_board:
        return []
    rows = []
    for election in elections.order_by("neighborhood__name"):
        contest = election.contests.filter(kind=ContestKind.INSPECTION_BOARD).first()
        if contest is None or contest.list_status == ListStatus.APPROVED:
            return []
        rows.append((election, contest.seats))
    return rows


@login_required
@require_http_methods(["GET"])
def board_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = fetch.get_plan_for(request.user, pk)
    can_act = access.can(request.user, access.RUN_CONSULTATION, plan.division)
    meetings = board_meetings(plan)
    current = open_board_meeting(plan)
    notice = latest_board_notice(plan)
    seat_rows = _seat_rows(plan)
    election_form = None
    # h3: a meeting that replaces one officer records its vote on the board's term page.
    if current is not None and current.attendance_recorded_at is not None and not current.elects_office:
        election_form = forms.BoardElectionForm(members=current.members, deputies=current.deputies)
    return render(
        request,
        "elections/board.html",
        {
            "plan": plan,
            "members": board_members(plan)[0],
            "complete": board_complete(plan),
            "seats": rules.inspection_board_seats(term_elections(plan).count(), plan.rules),
            "seats_basis": rules.inspection_board_seats_basis(term_elections(plan).count(), plan.rules),
            "meetings": [
                (
                    m,
                    latest_document(kind=board_documents.BOARD_MINUTES, source=m),
                    composition(m) if m.elected_at else [],
                    not m.notices.exists() and m.elected_at is not None,
                )
                for m in meetings
            ],
            "current": current,
            "notice": notice,
            "notice_document": latest_document(kind=board_documents.BOARD_NOTICE, source=notice)
            if notice
            else None,
            "can_act": can_act,
            "convene_form": forms.BoardMeetingConveneForm()
            if can_act and current is None and board_complete(plan)
            else None,
            "attendance_form": forms.BoardAttendanceForm(
                members=current.members, initial={"present": current.present}
            )
            if current is not None
            else None,
            "election_form": election_form,
            "notice_form": forms.BoardNoticeForm(),
            "seats_form": forms.BoardSeatsForm(elections=seat_rows) if can_act and seat_rows else None,
            # h3: who serves today and the seats left vacant within the term (Luật Art. 36.2).
            "serving": serving_members(plan.division),
            "board_vacancies": [(v, no_by_election_reason(v)) for v in board_vacancies(plan.division)],
        },
    )


@login_required
@require_POST
@one_submission
def board_meeting_convene(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = fetch.get_plan_for(request.user, pk, access.RUN_CONSULTATION)
    form = forms.BoardMeetingConveneForm(request.POST)
    if not form.is_valid():
        message_form_errors(request, form)
        return _to_page(plan.pk)
    try:
        board.board_meeting_convene(by=request.user, plan=plan, **form.service_kwargs())
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, _("Đã triệu tập cuộc họp Ban Thanh tra nhân dân."))
    return _to_page(plan.pk)


@login_required
@require_POST
def board_attendance(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = fetch.get_board_meeting_for(request.user, pk, access.RUN_CONSULTATION)
    form = forms.BoardAttendanceForm(request.POST, members=meeting.members)
    if not form.is_valid():
        message_form_errors(request, form)
        return _to_page(meeting.plan_id)
    try:
        meeting = board.board_attendance_record(by=request.user, meeting=meeting, **form.service_kwargs())
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        problems = rules.board_meeting_quorum_problems(len(meeting.present), len(meeting.members))
        if problems:
            messages.warning(request, " ".join(problems) + " " + _("Cuộc họp đã kết thúc."))
        else:
            messages.success(request, _("Đã ghi danh sách thành viên có mặt."))
    return _to_page(meeting.plan_id)


@login_required
@require_POST
def board_elect(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = fetch.get_board_meeting_for(request.user, pk, access.RUN_CONSULTATION)
    form = forms.BoardElectionForm(request.POST, members=meeting.members, deputies=meeting.deputies)
    if not form.is_valid():
        message_form_errors(request, form)
        return _to_page(meeting.plan_id)
    try:
        board.board_officers_elect(by=request.user, meeting=meeting, **form.service_kwargs())
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, _("Ban đã bầu Trưởng ban, Phó Trưởng ban."))
    return _to_page(meeting.plan_id)


@login_required
@require_POST
def board_minutes(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting: BoardMeeting = fetch.get_board_meeting_for(request.user, pk, access.RUN_CONSULTATION)
    if meeting.closed_at is None:
        messages.error(request, _("Cuộc họp chưa kết thúc: chưa lập biên bản."))
    else:
        request_document(request, board_documents.BOARD_MINUTES, meeting)
    return _to_page(meeting.plan_id)


@login_required
@require_POST
@one_submission
def board_notice_issue(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = fetch.get_board_meeting_for(request.user, pk, access.RUN_CONSULTATION)
    form = forms.BoardNoticeForm(request.POST)
    if not form.is_valid():
        message_form_errors(request, form)
        return _to_page(meeting.plan_id)
    try:
        notice = board.board_notice_issue(by=request.user, meeting=meeting, **form.service_kwargs())
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, _("Đã thông báo thành phần Ban Thanh tra nhân dân."))
        request_document(request, board_documents.BOARD_NOTICE, notice)
    return _to_page(meeting.plan_id)


@login_required
@require_POST
def board_notice_document(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    notice = fetch.get_board_notice_for(request.user, pk, access.RUN_CONSULTATION)
    request_document(request, board_documents.BOARD_NOTICE, notice)
    return _to_page(notice.plan_id)


@login_required
@require_POST
def board_seats(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = fetch.get_plan_for(request.user, pk, access.RUN_CONSULTATION)
    elections = [(e, 1) for e in term_elections(plan).select_related("neighborhood")]
    form = forms.BoardSeatsForm(request.POST, elections=elections)
    if not form.is_valid():
        message_form_errors(request, form)
        return _to_page(plan.pk)
    try:
        board.board_seats_allocate(by=request.user, plan=plan, **form.service_kwargs())
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, _("Đã ghi số thành viên Ban Thanh tra nhân dân mỗi khu phố bầu."))
    return _to_page(plan.pk)
