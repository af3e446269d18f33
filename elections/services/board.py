"""The inspection board after its members are recognised: the ward Front convenes its
meeting and sets the number of deputies, the meeting records who is present and the board
elects its head and deputies, then the Front notifies the ward People's Council, the
People's Committee and the public of the board's composition (Luật Art. 40.2.b; NĐ 59
Art. 13.3). Also the Front's choice of which khu phố elect two members in a ward with
fewer than 5 khu phố (Luật Art. 36.1; NĐ 59 Art. 13.2)."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from elections import rules
from elections.models import BoardMeeting, BoardNotice, ContestKind, ListStatus, Plan
from elections.selectors.board import composition, latest_board_notice, open_board_meeting
from elections.selectors.decisions import board_complete, board_members
from elections.selectors.tenures import term_elections

HEAD, DEPUTY = "Trưởng ban", "Phó Trưởng ban"


def _clean(text: str) -> str:
    return " ".join((text or "").split())


@transaction.atomic
def board_meeting_convene(
    *,
    by: User,
    plan: Plan,
    convened_on: datetime.date,
    held_on: datetime.date,
    place: str,
    chair: str,
    deputies: int,
    time: datetime.time | None = None,
    secretary: str = "",
) -> BoardMeeting:
    """The ward Front convenes the board's meeting once its members are recognised, and sets
    how many deputies it elects (at most 2, NĐ 59 Art. 13.3); its representative chairs."""
    Plan.objects.select_for_update().get(pk=plan.pk)
    if not board_complete(plan):
        raise ValidationError(
            _("Ban Thanh tra nhân dân chưa được công nhận đủ thành viên: chưa triệu tập cuộc họp.")
        )
    if open_board_meeting(plan) is not None:
        raise ValidationError(_("Đã triệu tập một cuộc họp của Ban chưa kết thúc."))
    members, _missing = board_members(plan)
    problems = rules.inspection_board_deputy_problems(deputies, plan.rules)
    if deputies < 0 or deputies + 1 > len(members):
        problems.append(
            _("Số Phó Trưởng ban phải từ 0 đến %(most)s (Ban có %(members)s thành viên).")
            % {"most": max(len(members) - 1, 0), "members": len(members)}
        )
    if held_on < convened_on:
        problems.append(_("Ngày họp không thể trước ngày triệu tập."))
    place, chair, secretary = _clean(place), _clean(chair), _clean(secretary)
    if not place:
        problems.append(_("Ghi địa điểm họp."))
    if not chair:
        problems.append(_("Ghi họ tên đại diện Ủy ban MTTQ phường chủ trì cuộc họp."))
    if problems:
        raise ValidationError(problems)
    return BoardMeeting.objects.create(
        plan=plan,
        number=plan.board_meetings.count() + 1,
        deputies=deputies,
        convened_on=convened_on,
        held_on=held_on,
        time=time,
        place=place,
        chair=chair,
        secretary=secretary,
        members=members,
        convened_by=by,
    )


def _lock_open(meeting: BoardMeeting) -> BoardMeeting:
    locked = BoardMeeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.closed_at is not None:
        raise ValidationError(_("Cuộc họp của Ban đã kết thúc: không sửa được."))
    return locked


@transaction.atomic
def board_attendance_record(*, by: User, meeting: BoardMeeting, present: list[int]) -> BoardMeeting:
    """Who of the members is present. Without more than half of the members the meeting
    cannot elect: it is recorded and closed, and the Front convenes another
    (``rules.board_meeting_quorum``)."""
    meeting = _lock_open(meeting)
    known = {m["candidate"] for m in meeting.members}
    chosen = sorted(set(present))
    if any(pk not in known for pk in chosen):
        raise ValidationError(_("Người có mặt phải là thành viên của Ban."))
    meeting.present = chosen
    meeting.attendance_recorded_at = timezone.now()
    fields = ["present", "attendance_recorded_at"]
    if not rules.board_meeting_quorum(len(chosen), len(meeting.members)):
        meeting.closed_at = meeting.attendance_recorded_at
        fields.append("closed_at")
    meeting.save(update_fields=fields)
    return meeting


@transaction.atomic
def board_officers_elect(
    *,
    by: User,
    meeting: BoardMeeting,
    head: int,
    head_votes: int,
    deputies: list[int],
    deputy_votes: list[int],
) -> BoardMeeting:
    """The board elects its head and the deputies the Front set, each with the votes of more
    than half of all its members (``rules.board_officer_elected``); then the meeting closes."""
    meeting = _lock_open(meeting)
    if meeting.attendance_recorded_at is None:
        raise ValidationError(_("Ghi danh sách thành viên có mặt trước khi bầu."))
    members = {m["candidate"]: m for m in meeting.members}
    total, present = len(members), len(meeting.present)
    problems = rules.board_meeting_quorum_problems(present, total)
    if len(deputies) != len(deputy_votes):
        problems.append(_("Ghi số phiếu của từng Phó Trưởng ban."))
    if len(deputies) != meeting.deputies:
        problems.append(
            _("Ủy ban MTTQ phường đã quyết định %(n)s Phó Trưởng ban, không phải %(given)s.")
            % {"n": meeting.deputies, "given": len(deputies)}
        )
    chosen = [head, *deputies]
    if any(pk not in members for pk in chosen):
        problems.append(_("Trưởng ban, Phó Trưởng ban phải là thành viên của Ban."))
    elif len(set(chosen)) != len(chosen):
        problems.append(_("Một người không giữ hai chức danh."))
    if problems:
        raise ValidationError(problems)
    votes = [
        (HEAD, head, head_votes),
        *((DEPUTY, pk, n) for pk, n in zip(deputies, deputy_votes, strict=True)),
    ]
    for post, pk, n in votes:
        problems += rules.board_officer_vote_problems(post, members[pk]["full_name"], n, present, total)
    if problems:
        raise ValidationError(problems)
    meeting.officers = {
        "head": {**members[head], "votes": head_votes},
        "deputies": [{**members[pk], "votes": n} for pk, n in zip(deputies, deputy_votes, strict=True)],
    }
    meeting.elected_at = meeting.closed_at = timezone.now()
    meeting.save(update_fields=["officers", "elected_at", "closed_at"])
    return meeting


@transaction.atomic
def board_notice_issue(*, by: User, meeting: BoardMeeting, issued_on: datetime.date) -> BoardNotice:
    """The ward Front's notice of the result and of the board's composition (Luật Art.
    40.2.b); it supersedes an earlier notice of the plan."""
    meeting = BoardMeeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.elected_at is None:
        raise ValidationError(_("Ban chưa bầu Trưởng ban, Phó Trưởng ban: chưa thông báo được."))
    if meeting.notices.exists():
        raise ValidationError(_("Đã thông báo kết quả của cuộc họp này."))
    if issued_on < meeting.held_on:
        raise ValidationError(
            _("Ngày thông báo không thể trước ngày họp (%(day)s).") % {"day": f"{meeting.held_on:%d/%m/%Y}"}
        )
    previous = latest_board_notice(meeting.plan)
    return BoardNotice.objects.create(
        plan=meeting.plan,
        meeting=meeting,
        issued_on=issued_on,
        details={
            "held_on": f"{meeting.held_on:%d/%m/%Y}",
            "members": composition(meeting),
            "head": meeting.officers["head"],
            "deputies": meeting.officers["deputies"],
        },
        version=previous.version + 1 if previous else 1,
        supersedes=previous,
        by=by,
    )


@transaction.atomic
def board_seats_allocate(*, by: User, plan: Plan, seats: dict[int, int]) -> list[int]:
    """The ward Front decides how many board members each khu phố elects (``seats`` maps an
    election's id to its number), before the lists are approved; the total must be the
    board's seats (``rules.board_seat_allocation_problems``). Returns the contests changed."""
    Plan.objects.select_for_update().get(pk=plan.pk)
    elections = list(term_elections(plan).select_related("neighborhood"))
    if set(seats) != {e.pk for e in elections}:
        raise ValidationError(_("Ghi số thành viên được bầu cho mọi khu phố của kế hoạch."))
    problems = rules.board_seat_allocation_problems(
        {e.neighborhood.name: seats[e.pk] for e in elections}, plan.rules
    )
    contests = {e.pk: e.contests.filter(kind=ContestKind.INSPECTION_BOARD).first() for e in elections}
    for election in elections:
        contest = contests[election.pk]
        if contest is None:
            problems.append(
                _("%(name)s không bầu thành viên Ban Thanh tra nhân dân trong kế hoạch này.")
                % {"name": election.neighborhood.name}
            )
        elif contest.seats != seats[election.pk] and contest.list_status == ListStatus.APPROVED:
            problems.append(
                _("Danh sách của %(name)s đã được duyệt: không đổi số thành viên được bầu.")
                % {"name": election.neighborhood.name}
            )
    if problems:
        raise ValidationError(problems)
    changed = []
    for election in elections:
        contest = contests[election.pk]
        assert contest is not None
        if contest.seats != seats[election.pk]:
            # Saved one by one (not a bulk update) so that the audit log records each change.
            contest.seats = seats[election.pk]
            contest.version += 1
            contest.save(update_fields=["seats", "version"])
            changed.append(contest.pk)
    return changed
