"""What the ward and the ward Front decide after the count.

Recognition of the head (Luật Art. 21.2; NĐ 59 Art. 8), a re-run, the
household-ballot route after a meeting that lacked the households (Luật Art.
19.1.b; NĐ 59 Art. 4.1.b), an interim head (lâm thời) while a re-run is pending
(NĐ 59 Art. 9.3), and the Front's recognition of the inspection board's members (its
head and deputies are elected by the board: ``elections.services.board``). Each is a
``Decision`` row, never edited: a correction is a new version that names the one it
replaces.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from elections import rules
from elections.models import (
    Decision,
    DecisionKind,
    Election,
    HouseholdBallot,
    Meeting,
    MeetingMode,
    Plan,
    TallyEntry,
    VotingMethod,
)
from elections.selectors.decisions import board_members, elected_details, latest_decision, outcome_lines
from elections.selectors.meeting import current_meeting_any, household_total, next_number
from elections.services.plans import election_record_milestone
from elections.transitions import transition
from neighborhoods.models import Account, Household
from wardvote import access


def _decide(
    election: Election, kind: str, *, decided_on: datetime.date, by: User, reason: str = "", **fields
) -> Decision:
    """A ward decision about one khu phố's election (never changed afterwards)."""
    return Decision.objects.create(
        plan=election.plan,
        election=election,
        kind=kind,
        decided_on=decided_on,
        reason=reason,
        by=by,
        **fields,
    )


# --- When no one is elected -----------------------------------------------------------


@transaction.atomic
def rerun_decide(
    *, by: User, election: Election, decided_on: datetime.date, meeting_date: datetime.date, reason: str = ""
) -> Decision:
    """A new sitting of the same election; the failed one stays in the history."""
    failed = current_meeting_any(election)
    if failed and failed.held_on and meeting_date <= failed.held_on:
        raise ValidationError(
            _("Ngày họp lại phải sau ngày họp trước (%(day)s).") % {"day": f"{failed.held_on:%d/%m/%Y}"}
        )
    moved = transition(election, "decide_rerun", by=by, reason=reason)
    # Saved (not a bulk update) so that the audit log records the new date.
    moved.meeting_date = meeting_date
    moved.version += 1
    moved.save(update_fields=["meeting_date", "version", "updated_at"])
    return _decide(
        election,
        DecisionKind.RERUN,
        decided_on=decided_on,
        by=by,
        reason=reason,
        details={
            "meeting_date": f"{meeting_date:%d/%m/%Y}",
            "previous_date": f"{failed.held_on:%d/%m/%Y}" if failed and failed.held_on else "",
            "outcomes": outcome_lines(election),
        },
    )


@transaction.atomic
def household_ballots_start(
    *,
    by: User,
    election: Election,
    decided_on: datetime.date,
    team: list[str],
    deadline: datetime.date,
    reason: str = "",
) -> Meeting:
    """One ballot per household, handed out and collected by a team led by the Front's
    representative (listed first); the same > 50 % of all households elects."""
    settings = election.rules
    team = [" ".join(name.split()) for name in team if name and name.strip()]
    problems = rules.household_ballot_team_problems(len(team), settings)
    if deadline < decided_on:
        problems.append(_("Hạn thu phiếu phải từ ngày quyết định trở đi."))
    if problems:
        raise ValidationError(problems)
    transition(election, "start_household_ballots", by=by, reason=reason)
    meeting = Meeting.objects.create(
        election=election,
        number=next_number(election),
        household_total=household_total(election),
        held_on=decided_on,
        opened_by=by,
        mode=MeetingMode.HOUSEHOLD_BALLOTS,
        voting_method=VotingMethod.SECRET_BALLOT,
        ballot_team=team,
        ballot_deadline=deadline,
    )
    _decide(
        election,
        DecisionKind.HOUSEHOLD_BALLOTS,
        decided_on=decided_on,
        by=by,
        reason=reason,
        details={
            "team": team,
            "deadline": f"{deadline:%d/%m/%Y}",
            "household_total": meeting.household_total,
            "outcomes": outcome_lines(election),
        },
    )
    return meeting


def _open_round(meeting: Meeting) -> Meeting:
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.mode != MeetingMode.HOUSEHOLD_BALLOTS or locked.closed_at is not None:
        raise ValidationError(_("Đợt phát phiếu đã kết thúc."))
    if locked.tally_entries.exists():
        raise ValidationError(_("Đã bắt đầu kiểm phiếu: không phát, thu thêm phiếu."))
    return locked


@transaction.atomic
def ballot_distribute(
    *, by: User, meeting: Meeting, household: Household, received_by: str = ""
) -> HouseholdBallot:
    meeting = _open_round(meeting)
    if household.neighborhood_id != meeting.election.neighborhood_id:
        raise ValidationError(_("Hộ %(code)s không thuộc khu phố này.") % {"code": household.code})
    earlier = meeting.household_ballots.filter(household=household).first()
    if earlier:
        raise ValidationError(
            _("Hộ %(code)s đã nhận phiếu ngày %(day)s.")
            % {"code": household.code, "day": f"{earlier.distributed_at:%d/%m/%Y}"}
        )
    name = " ".join((received_by or household.representative_name or household.head_name).split())
    return HouseholdBallot.objects.create(
        meeting=meeting, household=household, received_by=name, distributed_by=by
    )


@transaction.atomic
def ballot_return(*, by: User, ballot: HouseholdBallot) -> HouseholdBallot:
    _open_round(ballot.meeting)
    locked = HouseholdBallot.objects.select_for_update().get(pk=ballot.pk)
    if locked.returned_at is not None:
        raise ValidationError(_("Phiếu của hộ %(code)s đã thu.") % {"code": locked.household.code})
    locked.returned_at, locked.returned_by = timezone.now(), by
    locked.save(update_fields=["returned_at", "returned_by"])
    return locked


@transaction.atomic
def interim_head_appoint(
    *, by: User, election: Election, decided_on: datetime.date, full_name: str, reason: str = ""
) -> Decision:
    """While the post is vacant after a re-run was decided, the ward, with the ward Front,
    appoints an interim head (lâm thời) until a head is elected (NĐ 59 Art. 9.3). It does
    not end the election: the stage becomes ``interim_head``, from which the re-run's
    sitting is still held (``hold_meeting``), and every progress figure counts it as not done."""
    full_name = " ".join(full_name.split())
    if not full_name:
        raise ValidationError(_("Ghi họ tên người được cử làm Trưởng khu phố lâm thời."))
    transition(election, "appoint_interim_head", by=by, reason=reason)
    return _decide(
        election,
        DecisionKind.INTERIM_HEAD,
        decided_on=decided_on,
        by=by,
        reason=reason,
        details={"full_name": full_name, "outcomes": outcome_lines(election)},
    )


# --- Recognition ----------------------------------------------------------------------


def _check_can_recognise(by: User, election: Election) -> None:
    """Separation of duties: whoever counted cannot also recognise the count. Refused: a
    member of this khu phố's election team, anyone who typed one of its tallies, and
    whoever created the account of someone who did or reset its password (they knew a
    password of it, and could have chosen its holder's "own" one)."""
    entrants = TallyEntry.objects.filter(meeting__election=election).values("entered_by")
    if access.on_election_team(by, election.neighborhood):
        raise ValidationError(
            _(
                "Thành viên Tổ bầu cử của %(neighborhood)s không được công nhận "
                "kết quả bầu cử của khu phố mình."
            )
            % {"neighborhood": election.neighborhood.name}
        )
    if entrants.filter(entered_by=by.pk).exists():
        raise ValidationError(_("Người đã nhập kết quả kiểm phiếu không được công nhận kết quả đó."))
    accounts = Account.objects.filter(user__in=entrants)
    if accounts.filter(Q(created_by=by.pk) | Q(password_reset_by=by.pk)).exists():
        raise ValidationError(
            _(
                "Người đã tạo tài khoản hoặc đặt lại mật khẩu cho người nhập kết quả kiểm phiếu "
                "không được công nhận kết quả đó."
            )
        )


@transaction.atomic
def head_recognise(
    *, by: User, election: Election, received_on: datetime.date, decided_on: datetime.date
) -> Decision:
    """The ward recognises the head; due within 5 working days of receiving form 03."""
    if decided_on < received_on:
        raise ValidationError(_("Ngày công nhận không thể trước ngày nhận văn bản kết quả."))
    _check_can_recognise(by, election)
    transition(election, "recognise", by=by)
    for key, day in (("community_decision", received_on), ("recognition", decided_on)):
        election_record_milestone(by=by, election=election, key=key, done_on=day)
    return _decide(
        election,
        DecisionKind.RECOGNISE_HEAD,
        decided_on=decided_on,
        by=by,
        received_on=received_on,
        details=elected_details(election),
    )


def recognition_reissue(*, by: User, election: Election, reason: str) -> Decision:
    """After a correction: a new version of the recognition that names the old and why."""
    _check_can_recognise(by, election)
    previous = latest_decision(election, DecisionKind.RECOGNISE_HEAD)
    assert previous is not None, "only a recognised head's election gets here"
    return _decide(
        election,
        DecisionKind.RECOGNISE_HEAD,
        decided_on=previous.decided_on,
        received_on=previous.received_on,
        details=elected_details(election),
        reason=reason,
        version=previous.version + 1,
        supersedes=previous,
        by=by,
    )


@transaction.atomic
def board_recognise(*, by: User, plan: Plan, decided_on: datetime.date) -> Decision:
    """The ward Front recognises the members once every khu phố has elected its member."""
    Plan.objects.select_for_update().get(pk=plan.pk)
    if latest_decision(None, DecisionKind.RECOGNISE_BOARD, plan):
        raise ValidationError(_("Ban Thanh tra nhân dân đã được công nhận."))
    members, missing = board_members(plan)
    if missing:
        raise ValidationError(
            _("Chưa bầu xong thành viên Ban Thanh tra nhân dân ở: %(names)s.") % {"names": ", ".join(missing)}
        )
    settings = plan.rules
    problems = rules.inspection_board_size_problems(len(members), plan.elections.count(), settings)
    if problems:
        raise ValidationError(problems)
    return Decision.objects.create(
        plan=plan,
        kind=DecisionKind.RECOGNISE_BOARD,
        decided_on=decided_on,
        by=by,
        details={"members": members},
    )
