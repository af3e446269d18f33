"""The household-ballot route in a few calls (NĐ 59 Art. 4), as the ward or the election team
enters it on the khu phố head's behalf; used by several tests."""

from __future__ import annotations

import datetime as dt

from elections.models import Election, Meeting, PlannerRole
from elections.services import household_ballots

PLAN_ISSUED = dt.date(2024, 10, 28)
PLAN_SENT = dt.date(2024, 10, 29)
TEAM_DECIDED = dt.date(2024, 10, 29)
NOTICED = dt.date(2024, 10, 30)
STARTS = dt.date(2024, 11, 1)
DEADLINE = dt.date(2024, 11, 8)
COUNTED = dt.date(2024, 11, 8)
TEAM = ["Trần Văn Bình", "Lê Thị Cúc", "Phạm Văn Dân"]
WITNESSES = ["Đỗ Văn Dũng", "Ngô Thị Em"]


def start_round(election: Election, by, **overrides) -> Meeting:
    """The khu phố head's plan, entered on the head's behalf: the round opens."""
    kwargs = {
        "planner_name": "Nguyễn Văn Trưởng",
        "planner_role": PlannerRole.HEAD,
        "front_head_name": "Võ Thị Mặt Trận",
        "plan_number": "01/KH-KP",
        "plan_issued_on": PLAN_ISSUED,
        "plan_sent_on": PLAN_SENT,
        "deadline": DEADLINE,
        **overrides,
    }
    return household_ballots.household_ballots_start(by=by, election=election, **kwargs)


def decide_team(meeting: Meeting, by, team=TEAM, decided_on=TEAM_DECIDED) -> None:
    household_ballots.ballot_team_decide(
        by=by,
        meeting=meeting,
        decided_by="Nguyễn Văn Trưởng",
        decided_on=decided_on,
        leader=team[0],
        members=list(team[1:]),
        leader_represents_front=True,
    )


def give_notice(meeting: Meeting, by, noticed_on=NOTICED, starts_on=STARTS) -> None:
    household_ballots.ballot_notice_record(
        by=by, meeting=meeting, noticed_on=noticed_on, distribution_starts_on=starts_on, means="Niêm yết"
    )


def prepare_count(meeting: Meeting, by, counted_on=COUNTED, witnesses=WITNESSES) -> None:
    household_ballots.ballot_count_prepare(
        by=by, meeting=meeting, witnesses=list(witnesses), counted_on=counted_on
    )


def ready_round(election: Election, by, *, count: bool = True) -> Meeting:
    """Plan, team, notice (and the count day with its witnesses): ballots may be handed out."""
    meeting = start_round(election, by)
    decide_team(meeting, by)
    give_notice(meeting, by)
    if count:
        prepare_count(meeting, by)
    meeting.refresh_from_db()
    return meeting
