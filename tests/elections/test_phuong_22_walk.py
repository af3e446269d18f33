"""The whole campaign of the demo Phường 22, from its plan to a recognised inspection board.

All 26 khu phố meet (Khu phố 12 in three residential clusters, whose counts add up);
Khu phố 5 elects nobody and re-runs; Khu phố 9 cannot gather
half of its households and goes to household ballots; every head is recognised by the
ward, each khu phố's board member by the ward Front on its own date; then the Front
convenes the board's first meeting, where the board elects its head and two deputies.
"""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from elections import consultation
from elections.models import ContestKind, Decision, DecisionKind, Election, Plan, Stage
from elections.selectors import clusters as cluster_selectors
from elections.selectors import count as count_selectors
from elections.selectors import meeting as meeting_selectors
from elections.selectors.decisions import board_complete, board_members
from elections.services import board as board_services
from elections.services import decisions, household_ballots
from elections.services import meeting as meeting_services
from elections.services.candidates import candidate_add
from elections.services.plans import election_schedule
from elections.services.team import team_member_add
from neighborhoods.models import Division, Role
from tests.elections import ballot_helpers as ballot_steps
from tests.elections.count_helpers import enter_twice, run_procedure, secret_ballot
from tests.factories import HISTORICAL, make_staff

MEETING_DAY = dt.date(2024, 10, 27)
RERUN, HOUSEHOLD_BALLOTS = "Khu phố 5", "Khu phố 9"


@pytest.fixture
def demo(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", *HISTORICAL, stdout=StringIO())


@pytest.fixture
def people(demo):
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    p22 = Division.objects.get(code="26956", map_edition="2024")
    return {
        "ward": users.get(username="p22.ubnd"),
        "front": users.get(username="p22.mttq"),
        # Double entry in every khu phố: two members of the ward's election teams.
        "team": (
            make_staff("p22.tobaucu.a", p22, Role.ELECTION_TEAM),
            make_staff("p22.tobaucu.b", p22, Role.ELECTION_TEAM),
        ),
        "p22": p22,
    }


def prepare(election: Election, people, number: int) -> None:
    """Schedule, team, one candidate per post, the consultation up to the Front's approval."""
    election_schedule(
        by=people["ward"],
        election=election,
        meeting_date=MEETING_DAY,
        meeting_time=None,
        meeting_place="Nhà văn hóa",
    )
    if not election.team_members.exists():  # the demo's Khu phố 1 has its team (its decision is issued)
        team_member_add(
            election=election, full_name=f"Trần Văn Tổ {number}", role="head", represents="front_committee"
        )
    for c in election.contests.all():
        candidate_add(
            contest=c,
            full_name=f"{'Nguyễn Văn' if c.kind == ContestKind.HEAD else 'Lê Thị'} Ứng Viên {number}",
            gender="male" if c.kind == ContestKind.HEAD else "female",
            birth_date=dt.date(1965 + number % 20, 3, 1),
            nomination_source="front_committee",
        )
        for step, user in (
            ("record_party_opinion", people["ward"]),
            ("fix_official_list", people["ward"]),
            ("send_to_ward", people["ward"]),
            ("approve", people["front"]),
        ):
            consultation.list_transition(c, step, by=user)


def meet(election: Election, people, present: int, approvals: int):
    """The khu phố's meeting: ``present`` households come and ``approvals`` of them approve the
    first candidate of each post. A khu phố that meets by cluster (the demo's Khu phố 12) shares
    both among its sittings in proportion to their households."""
    team = people["team"]
    meeting = meeting_services.meeting_open(by=team[0], election=election)
    sittings = cluster_selectors.sittings_of(meeting)
    if not sittings:
        vote_at(meeting, team, meeting.election.neighborhood.households, present, approvals)
    else:
        for sitting, came, approve in zip(sittings, *_shares(sittings, present, approvals), strict=True):
            vote_at(sitting, team, cluster_selectors.cluster_households(sitting.cluster), came, approve)
    election.refresh_from_db()
    return meeting


def _shares(sittings, present: int, approvals: int) -> tuple[list[int], list[int]]:
    total = sum(s.household_total for s in sittings)
    came = [present * s.household_total // total for s in sittings]
    came[-1] += present - sum(came)
    approve = [approvals * c // present for c in came]
    approve[-1] += approvals - sum(approve)
    return came, approve


def vote_at(meeting, team, households, present: int, approvals: int) -> None:
    for household in households.filter(status="active").order_by("code")[:present]:
        meeting_services.check_in(by=team[0], meeting=meeting, household=household)
    meeting = run_procedure(meeting)
    for c in meeting_selectors.contests_to_vote(meeting):
        candidate = count_selectors.candidates_of(c)[0]
        enter_twice(meeting, c, *team, secret_ballot({candidate: approvals}, issued=present))


def test_phuong_22_from_plan_to_recognised_inspection_board(people):
    plan = Plan.objects.get(number="192/KHLT-UBND-UBMTTQ")
    elections = {e.neighborhood.name: e for e in plan.elections.select_related("neighborhood")}
    assert len(elections) == 26
    for number, (name, election) in enumerate(sorted(elections.items()), start=1):
        prepare(election, people, number)
        total = meeting_selectors.household_total(election)
        if name == HOUSEHOLD_BALLOTS:
            meeting = meet(election, people, present=total // 2, approvals=total // 2)
            assert not meeting_selectors.meeting_quorum(meeting).can_elect
        elif name == RERUN:
            meet(election, people, present=total // 2 + 5, approvals=total // 2)
        else:
            meet(election, people, present=total // 2 + 10, approvals=total // 2 + 3)
        assert election.stage == Stage.COUNTED, name

    # Khu phố 5: nobody reached more than half of all households — the ward re-runs it.
    rerun = elections[RERUN]
    assert len(count_selectors.unelected_contests(rerun)) == 2
    decisions.rerun_decide(
        by=people["ward"],
        election=rerun,
        decided_on=dt.date(2024, 10, 28),
        meeting_date=dt.date(2024, 11, 10),
    )
    total = meeting_selectors.household_total(rerun)
    second = meet(rerun, people, present=total // 2 + 20, approvals=total // 2 + 15)
    assert second.number == 2 and rerun.stage == Stage.COUNTED

    # Khu phố 9: half or fewer came — one ballot per household, handed out and collected.
    ballots = elections[HOUSEHOLD_BALLOTS]
    team = people["team"]
    # The head's plan, the team the head decides, the notice, the count day and its witnesses
    # (NĐ 59 Art. 4; walked step by step in test_household_ballot_walk.py).
    round_ = ballot_steps.start_round(ballots, people["ward"], deadline=dt.date(2024, 11, 5))
    ballot_steps.decide_team(round_, people["ward"], team=["Trần Văn Tổ 9", "Lê Thị Phát", "Phạm Văn Thu"])
    ballot_steps.give_notice(round_, people["ward"])
    ballot_steps.prepare_count(round_, people["ward"], counted_on=dt.date(2024, 11, 5))
    reached = list(ballots.neighborhood.households.filter(status="active").order_by("code"))[
        : round_.household_total * 3 // 4
    ]
    for household in reached:
        household_ballots.ballot_return(
            by=team[0],
            ballot=household_ballots.ballot_distribute(by=team[0], meeting=round_, household=household),
        )
    for c in meeting_selectors.contests_to_vote(round_):
        candidate = count_selectors.candidates_of(c)[0]
        enter_twice(round_, c, *team, secret_ballot({candidate: len(reached) - 2}, issued=len(reached)))
    ballots.refresh_from_db()
    assert ballots.stage == Stage.COUNTED

    # Every head recognised within 5 working days of receiving form 03.
    for election in elections.values():
        decisions.head_recognise(
            by=people["ward"],
            election=election,
            received_on=dt.date(2024, 11, 11),
            decided_on=dt.date(2024, 11, 13),
        )
    # Each post on its own: the elections are done only once the Front recognises the members.
    assert set(Election.objects.filter(plan=plan).values_list("stage", flat=True)) == {Stage.COUNTED}

    # The ward Front recognises each khu phố's member on that khu phố's own receipt date.
    for election in elections.values():
        decisions.board_member_recognise(
            by=people["front"],
            election=election,
            received_on=dt.date(2024, 11, 11),
            decided_on=dt.date(2024, 11, 14),
        )
    assert set(Election.objects.filter(plan=plan).values_list("stage", flat=True)) == {Stage.RECOGNISED}

    # The 26 recognised members; the Front convenes the board, which elects its head and the
    # two deputies the Front set (Luật Art. 40.2.b; NĐ 59 Art. 13.3).
    members, missing = board_members(plan)
    assert missing == [] and board_complete(plan)
    assert len(members) == 26
    assert [m["neighborhood"] for m in members][:3] == ["Khu phố 1", "Khu phố 2", "Khu phố 3"]
    meeting = board_services.board_meeting_convene(
        by=people["front"],
        plan=plan,
        convened_on=dt.date(2024, 11, 20),
        held_on=dt.date(2024, 11, 22),
        place="Hội trường UBND phường",
        chair="Nguyễn Văn Chủ",
        deputies=2,
    )
    meeting = board_services.board_attendance_record(
        by=people["front"], meeting=meeting, present=[m["candidate"] for m in members[:20]]
    )
    officers = board_services.board_officers_elect(
        by=people["front"],
        meeting=meeting,
        head=members[0]["candidate"],
        head_votes=18,
        deputies=[members[1]["candidate"], members[2]["candidate"]],
        deputy_votes=[15, 14],
    ).officers
    assert officers["head"]["neighborhood"] == "Khu phố 1"
    assert Decision.objects.filter(plan=plan, kind=DecisionKind.RECOGNISE_HEAD).count() == 26


def test_the_board_waits_for_every_khu_pho_and_takes_at_most_two_deputies(people):
    from django.core.exceptions import ValidationError

    plan = Plan.objects.get(number="192/KHLT-UBND-UBMTTQ")
    with pytest.raises(ValidationError, match="chưa được công nhận đủ thành viên"):
        board_services.board_meeting_convene(
            by=people["front"],
            plan=plan,
            convened_on=dt.date(2024, 11, 20),
            held_on=dt.date(2024, 11, 22),
            place="Hội trường UBND phường",
            chair="Nguyễn Văn Chủ",
            deputies=2,
        )
    _, missing = board_members(plan)
    assert missing[:2] == ["Khu phố 1", "Khu phố 2"]
    for n, election in enumerate(plan.elections.all(), start=1):
        Decision.objects.create(
            plan=plan,
            election=election,
            kind=DecisionKind.RECOGNISE_BOARD_MEMBER,
            decided_on=dt.date(2024, 11, 20),
            received_on=dt.date(2024, 11, 18),
            details={
                "candidate": n,
                "full_name": f"Người của {election.neighborhood.name}",
                "neighborhood": election.neighborhood.name,
            },
        )
    assert board_complete(plan)
    with pytest.raises(ValidationError, match="không quá 2 Phó Trưởng ban"):
        board_services.board_meeting_convene(
            by=people["front"],
            plan=plan,
            convened_on=dt.date(2024, 11, 20),
            held_on=dt.date(2024, 11, 22),
            place="Hội trường UBND phường",
            chair="Nguyễn Văn Chủ",
            deputies=3,
        )
    members, _ = board_members(plan)
    assert members[0]["full_name"] == "Người của Khu phố 1" and members[0]["neighborhood"] == "Khu phố 1"
