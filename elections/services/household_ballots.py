"""The household-ballot route, step by step (Luật Art. 19; NĐ 59 Art. 4).

Only after a community meeting that lacked the households to reach the majority
(Luật Art. 19.1.b; NĐ 59 Art. 4.1.b: the guard of the transition
"start_household_ballots"). Then, in order:

1. the khu phố head's plan (or the convener's while the post is vacant, NĐ 59 Art.
   3.1.d), made with the head of the khu phố Front committee and sent to the ward
   chairman and the ward Front chairman within 2 days of issue (4.2) --
   ``household_ballots_start``;
2. the distribution team of 3 to 5, led by the Front committee's representative,
   decided by the head (4.3) -- ``ballot_team_decide``;
3. the public notice at least 2 days before distribution (Luật Art. 19.2; 4.4) --
   ``ballot_notice_record``;
4. one ballot per household, handed out from the announced day and collected
   (Luật Art. 19.3; 4.6.a) -- ``ballot_distribute``, ``ballot_return``;
5. the count before 2 household witnesses, on its day (4.6.a) -- ``ballot_count_prepare``,
   then the double-entry tally of ``elections.services.results``.

The plan and the team are the head's acts: the ward official or the election team
enters them on the head's behalf, and no ward ``Decision`` is made. Rounds started
before these steps existed (no ``BallotRound``) keep working as they were.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from elections import rules
from elections.models import (
    BallotRound,
    Election,
    HouseholdBallot,
    Meeting,
    MeetingMode,
    PlannerRole,
    VotingMethod,
)
from elections.selectors.household_ballots import ballot_round_of
from elections.selectors.meeting import household_total, latest_community_meeting, next_number
from elections.transitions import transition
from neighborhoods.models import Household
from wardvote.types import StrOrPromise


def _name(value: str) -> str:
    return " ".join((value or "").split())


@transaction.atomic
def household_ballots_start(
    *,
    by: User,
    election: Election,
    planner_name: str,
    planner_role: str,
    front_head_name: str,
    plan_number: str,
    plan_issued_on: datetime.date,
    plan_sent_on: datetime.date,
    deadline: datetime.date,
    reason: str = "",
) -> Meeting:
    """Record the head's plan and open the round: one ballot per household, the same > 50 % of
    all households elects. Sending the plan late is flagged on the checklist, not refused."""
    planner_name, front_head_name, plan_number = (
        _name(planner_name),
        _name(front_head_name),
        _name(plan_number),
    )
    problems = []
    if not planner_name:
        problems.append(_("Ghi họ tên Trưởng khu phố (hoặc người được chỉ định triệu tập) lập Kế hoạch."))
    if planner_role not in PlannerRole.values:
        problems.append(_("Chọn chức danh người lập Kế hoạch."))
    if not front_head_name:
        problems.append(_("Ghi họ tên Trưởng ban công tác Mặt trận khu phố cùng xây dựng Kế hoạch."))
    if not plan_number:
        problems.append(_("Ghi số Kế hoạch."))
    failed = latest_community_meeting(election)
    problems += rules.ballot_plan_problems(
        failed_meeting_on=failed.held_on if failed else None,
        issued_on=plan_issued_on,
        sent_on=plan_sent_on,
        collection_ends_on=deadline,
    )
    if problems:
        raise ValidationError(problems)
    moved = transition(election, "start_household_ballots", by=by, reason=reason)
    moved.ballot_collection_ends_on = deadline
    moved.version += 1
    moved.save(update_fields=["ballot_collection_ends_on", "version", "updated_at"])
    election.ballot_collection_ends_on, election.version = deadline, moved.version
    meeting = Meeting.objects.create(
        election=election,
        number=next_number(election),
        household_total=household_total(election),
        held_on=plan_issued_on,
        opened_by=by,
        mode=MeetingMode.HOUSEHOLD_BALLOTS,
        voting_method=VotingMethod.SECRET_BALLOT,
        ballot_team=[],
        ballot_deadline=deadline,
    )
    BallotRound.objects.create(
        meeting=meeting,
        planner_name=planner_name,
        planner_role=planner_role,
        front_head_name=front_head_name,
        plan_number=plan_number,
        plan_issued_on=plan_issued_on,
        plan_sent_on=plan_sent_on,
        created_by=by,
    )
    return meeting


def _locked(meeting: Meeting) -> tuple[Meeting, BallotRound]:
    """The round, locked, still open (no count typed): its steps may still be recorded."""
    locked = _open_round(
        meeting, started=_("Đã bắt đầu kiểm phiếu: không ghi thêm bước nào của đợt phát phiếu.")
    )
    round_ = BallotRound.objects.select_for_update().filter(meeting=locked).first()
    if round_ is None:
        raise ValidationError(
            _(
                "Đợt phát phiếu này được lập trước khi có Kế hoạch của Trưởng khu phố trong hệ thống: "
                "không ghi các bước của đợt, đợt tiếp tục phát, thu và kiểm phiếu như trước."
            )
        )
    return locked, round_


@transaction.atomic
def ballot_team_decide(
    *,
    by: User,
    meeting: Meeting,
    decided_by: str,
    decided_on: datetime.date,
    leader: str,
    members: list[str],
    leader_represents_front: bool,
) -> BallotRound:
    """The head decides the distribution team of 3 to 5, led by the representative of the khu
    phố Front committee (NĐ 59 Art. 4.3). May be decided again until the notice announces it."""
    meeting, round_ = _locked(meeting)
    if round_.noticed_on is not None:
        raise ValidationError(_("Đã thông báo công khai thành phần Tổ phát phiếu: không thay đổi Tổ nữa."))
    decided_by, leader = _name(decided_by) or round_.planner_name, _name(leader)
    team = [leader, *(n for n in (_name(m) for m in members) if n and n != leader)] if leader else []
    problems = [] if leader else [_("Ghi họ tên Tổ trưởng Tổ phát phiếu.")]
    problems += rules.ballot_team_decision_problems(
        size=len(team),
        leader_is_front_representative=leader_represents_front,
        plan_issued_on=round_.plan_issued_on,
        decided_on=decided_on,
        settings=meeting.election.rules,
    )
    if problems:
        raise ValidationError(problems)
    meeting.ballot_team = team
    meeting.save(update_fields=["ballot_team"])
    round_.team_decided_by, round_.team_decided_on = decided_by, decided_on
    round_.save(update_fields=["team_decided_by", "team_decided_on"])
    return round_


@transaction.atomic
def ballot_notice_record(
    *,
    by: User,
    meeting: Meeting,
    noticed_on: datetime.date,
    distribution_starts_on: datetime.date,
    means: str = "",
) -> BallotRound:
    """The public notice of the round (content, time and deadline, the team), at least 2 days
    before the distribution starts (Luật Art. 19.2; NĐ 59 Art. 4.4). Refused when shorter.
    May be recorded again until the first ballot is handed out."""
    meeting, round_ = _locked(meeting)
    if round_.team_decided_on is None:
        raise ValidationError(
            _("Chưa có quyết định thành lập Tổ phát phiếu: thông báo công khai phải nêu thành phần Tổ.")
        )
    if meeting.household_ballots.exists():
        raise ValidationError(_("Đã phát phiếu: không ghi lại thông báo công khai."))
    problems = rules.ballot_notice_problems(
        noticed_on,
        distribution_starts_on,
        meeting.election.rules,
        collection_ends_on=meeting.ballot_deadline,
        team_decided_on=round_.team_decided_on,
    )
    if problems:
        raise ValidationError(problems)
    round_.noticed_on, round_.distribution_starts_on = noticed_on, distribution_starts_on
    round_.notice_means = _name(means)[:255]
    round_.save(update_fields=["noticed_on", "distribution_starts_on", "notice_means"])
    return round_


def _open_round(meeting: Meeting, started: StrOrPromise | None = None) -> Meeting:
    """The round, locked, while ballots may still be handed out and steps recorded: not closed and
    not yet counted (``started``: what is refused once the count has begun)."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.mode != MeetingMode.HOUSEHOLD_BALLOTS or locked.closed_at is not None:
        raise ValidationError(_("Đợt phát phiếu đã kết thúc."))
    if locked.tally_entries.exists():
        raise ValidationError(started or _("Đã bắt đầu kiểm phiếu: không phát, thu thêm phiếu."))
    return locked


@transaction.atomic
def ballot_distribute(
    *,
    by: User,
    meeting: Meeting,
    household: Household,
    received_by: str = "",
    on: datetime.date | None = None,
) -> HouseholdBallot:
    """One ballot to one household, from the day the notice announced (``on``: the day it is
    handed out, today by default)."""
    meeting = _open_round(meeting)
    round_ = ballot_round_of(meeting)
    if round_ is not None:
        if round_.distribution_starts_on is None:
            raise ValidationError(
                _(
                    "Chưa thông báo công khai việc phát phiếu: phải thông báo ít nhất %(days)s ngày trước "
                    "ngày phát phiếu (Luật 10/2022/QH15, Điều 19.2; NĐ 59/2023, Điều 4.4)."
                )
                % {"days": meeting.election.rules.ballot_notice_days}
            )
        problems = rules.ballot_distribution_problems(
            on or timezone.localdate(), round_.distribution_starts_on
        )
        if problems:
            raise ValidationError(problems)
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
def ballot_count_prepare(
    *, by: User, meeting: Meeting, witnesses: list[str], counted_on: datetime.date
) -> BallotRound:
    """The count day and the 2 household representatives the team invites to watch the count
    (NĐ 59 Art. 4.6.a); both are printed on form 04. Recorded before the count is typed,
    again until then."""
    meeting, round_ = _locked(meeting)
    if round_.distribution_starts_on is None:
        raise ValidationError(_("Chưa thông báo công khai và phát phiếu: chưa thể kiểm phiếu."))
    names = [n for n in (_name(w) for w in witnesses) if n]
    problems = rules.ballot_count_problems(
        witnesses=len(set(names)),
        counted_on=counted_on,
        distribution_starts_on=round_.distribution_starts_on,
        settings=meeting.election.rules,
        witnesses_in_team=bool(set(names) & set(meeting.ballot_team)),
    )
    if problems:
        raise ValidationError(problems)
    meeting.witnesses = names
    meeting.save(update_fields=["witnesses"])
    round_.counted_on = counted_on
    round_.save(update_fields=["counted_on"])
    return round_
