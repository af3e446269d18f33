"""Recognition per post on the demo Phường 22, each post on its own clock.

Khu phố 1 elects its head but not its board member: the ward recognises the head while
the board seat goes to a re-run; the re-run fills the seat and the ward Front recognises it
on its own receipt date. Khu phố 2's member is recognised before the other khu phố have even
voted. Khu phố 3 stays without a head: a re-run is decided, an interim head appointed with the
ward Front's agreement, the re-run elects a head, who is recognised — and every progress
figure counts Khu phố 3 as not done until then.
"""

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command

from elections.models import ContestKind, Decision, DecisionKind, Plan, Stage
from elections.selectors import count as count_selectors
from elections.selectors import meeting as meeting_selectors
from elections.selectors.decisions import board_complete, board_members, unrecognised_contests
from elections.selectors.plans import election_checklist
from elections.services import decisions
from elections.services import meeting as meeting_services
from neighborhoods.models import Division, Role
from reporting import progress
from tests.elections.count_helpers import check_in_first, enter_twice, run_procedure, secret_ballot
from tests.elections.test_phuong_22_walk import prepare
from tests.factories import HISTORICAL, make_staff

PLAN = "192/KHLT-UBND-UBMTTQ"


@pytest.fixture
def demo(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", *HISTORICAL, stdout=StringIO())


@pytest.fixture
def people(demo):
    users = get_user_model().objects
    p22 = Division.objects.get(code="26956", map_edition="2024")
    return {
        "ward": users.get(username="p22.ubnd"),
        "front": users.get(username="p22.mttq"),
        "team": (
            make_staff("p22.tobaucu.a", p22, Role.ELECTION_TEAM),
            make_staff("p22.tobaucu.b", p22, Role.ELECTION_TEAM),
        ),
        "p22": p22,
    }


def sitting(election, people, *, present: int, head: int, board: int):
    """One sitting with its own approvals per post; only the posts still unfilled are voted."""
    team = people["team"]
    meeting = meeting_services.meeting_open(by=team[0], election=election)
    check_in_first(meeting, team[0], present)
    meeting = run_procedure(meeting)
    for c in meeting_selectors.contests_to_vote(meeting):
        approvals = head if c.kind == ContestKind.HEAD else board
        candidate = count_selectors.candidates_of(c)[0]
        enter_twice(meeting, c, *team, secret_ballot({candidate: approvals}, issued=present))
    election.refresh_from_db()
    return meeting


def lines(election, today):
    election.refresh_from_db()
    return {line.key: line for line in election_checklist(election, today)}


@pytest.fixture
def walk(people):
    plan = Plan.objects.get(number=PLAN)
    elections = {e.neighborhood.name: e for e in plan.elections.select_related("neighborhood")}
    for number, name in enumerate(("Khu phố 1", "Khu phố 2", "Khu phố 3"), start=1):
        prepare(elections[name], people, number)
    return plan, elections


def test_the_head_and_each_board_member_are_recognised_on_their_own_clocks(walk, people):
    plan, elections = walk
    kp1, kp2 = elections["Khu phố 1"], elections["Khu phố 2"]
    total1 = meeting_selectors.household_total(kp1)
    total2 = meeting_selectors.household_total(kp2)

    # Khu phố 2 elects both; its member is recognised before any other khu phố has voted.
    sitting(kp2, people, present=total2 // 2 + 10, head=total2 // 2 + 5, board=total2 // 2 + 5)
    assert kp2.stage == Stage.COUNTED
    assert lines(kp2, dt.date(2024, 10, 28))["board_recognition"].status == "due"
    member = decisions.board_member_recognise(
        by=people["front"], election=kp2, received_on=dt.date(2024, 10, 29), decided_on=dt.date(2024, 10, 31)
    )
    assert (
        member.details["full_name"]
        == count_selectors.candidates_of(kp2.contests.get(kind=ContestKind.INSPECTION_BOARD))[0].full_name
    )
    members, missing = board_members(plan)
    assert [m["neighborhood"] for m in members] == ["Khu phố 2"] and "Khu phố 1" in missing
    assert not board_complete(plan)
    kp2.refresh_from_db()
    assert kp2.stage == Stage.COUNTED, "the head is not recognised yet"
    line = lines(kp2, dt.date(2024, 11, 30))["board_recognition"]
    assert (line.due, line.done_on, line.status) == (dt.date(2024, 11, 5), dt.date(2024, 10, 31), "done")
    decisions.head_recognise(
        by=people["ward"], election=kp2, received_on=dt.date(2024, 10, 29), decided_on=dt.date(2024, 10, 30)
    )
    kp2.refresh_from_db()
    assert kp2.stage == Stage.RECOGNISED

    # Khu phố 1: the head is elected, the board member is not.
    sitting(kp1, people, present=total1 // 2 + 10, head=total1 // 2 + 5, board=total1 // 2)
    assert [c.kind for c in count_selectors.unelected_contests(kp1)] == [ContestKind.INSPECTION_BOARD]
    # The Front cannot recognise a member no one was elected as.
    with pytest.raises(ValidationError, match="Chưa có người trúng cử Thành viên Ban Thanh tra nhân dân"):
        decisions.board_member_recognise(
            by=people["front"],
            election=kp1,
            received_on=dt.date(2024, 10, 29),
            decided_on=dt.date(2024, 10, 30),
        )
    # The ward recognises the head within its 5 working days, whatever the board seat.
    decisions.head_recognise(
        by=people["ward"], election=kp1, received_on=dt.date(2024, 10, 28), decided_on=dt.date(2024, 10, 30)
    )
    kp1.refresh_from_db()
    assert kp1.stage == Stage.COUNTED
    assert [c.kind for c in unrecognised_contests(kp1)] == [ContestKind.INSPECTION_BOARD]
    # ... and decides a re-run for the unfilled seat only.
    decisions.rerun_decide(
        by=people["ward"], election=kp1, decided_on=dt.date(2024, 10, 30), meeting_date=dt.date(2024, 11, 10)
    )
    kp1.refresh_from_db()
    assert kp1.stage == Stage.RERUN_PENDING
    second = sitting(kp1, people, present=total1 // 2 + 20, head=0, board=total1 // 2 + 15)
    assert [c.kind for c in meeting_selectors.contests_to_vote(second)] == [ContestKind.INSPECTION_BOARD]
    assert kp1.stage == Stage.COUNTED and second.number == 2
    assert lines(kp1, dt.date(2024, 11, 30))["rerun"].status == "done"
    # The Front recognises the refilled seat on this khu phố's own receipt date.
    line = lines(kp1, dt.date(2024, 11, 11))["board_recognition"]
    assert line.due == dt.date(2024, 11, 22) and line.status == "due"  # 10/11 + 5 + 5 working days
    decisions.board_member_recognise(
        by=people["front"], election=kp1, received_on=dt.date(2024, 11, 12), decided_on=dt.date(2024, 11, 14)
    )
    kp1.refresh_from_db()
    assert kp1.stage == Stage.RECOGNISED
    line = lines(kp1, dt.date(2024, 11, 30))["board_recognition"]
    assert (line.due, line.done_on, line.status) == (dt.date(2024, 11, 19), dt.date(2024, 11, 14), "done")
    recognised = Decision.objects.filter(election=kp1, kind=DecisionKind.RECOGNISE_BOARD_MEMBER).get()
    assert recognised.details["meeting_number"] == 2 and recognised.received_on == dt.date(2024, 11, 12)
    members, _missing = board_members(plan)
    assert [m["neighborhood"] for m in members] == ["Khu phố 1", "Khu phố 2"]
    # Twice is refused.
    with pytest.raises(ValidationError, match="đã được công nhận"):
        decisions.board_member_recognise(
            by=people["front"],
            election=kp1,
            received_on=dt.date(2024, 11, 12),
            decided_on=dt.date(2024, 11, 14),
        )


def test_only_the_ward_front_recognises_a_board_member(walk, people):
    _plan, elections = walk
    kp2 = elections["Khu phố 2"]
    total = meeting_selectors.household_total(kp2)
    sitting(kp2, people, present=total // 2 + 10, head=total // 2 + 5, board=total // 2 + 5)
    with pytest.raises(ValidationError, match="Chỉ Ủy ban MTTQ phường công nhận"):
        decisions.board_member_recognise(
            by=people["ward"],
            election=kp2,
            received_on=dt.date(2024, 10, 29),
            decided_on=dt.date(2024, 10, 30),
        )
    with pytest.raises(ValidationError, match="không thể trước ngày nhận"):
        decisions.board_member_recognise(
            by=people["front"],
            election=kp2,
            received_on=dt.date(2024, 10, 29),
            decided_on=dt.date(2024, 10, 28),
        )
    assert not Decision.objects.filter(election=kp2).exists()


def test_an_interim_head_fills_a_vacancy_until_the_re_run_elects_a_head(walk, people):
    plan, elections = walk
    kp3 = elections["Khu phố 3"]
    total = meeting_selectors.household_total(kp3)
    # Nobody reaches more than half of all households for head; the board member is elected.
    sitting(kp3, people, present=total // 2 + 10, head=total // 2, board=total // 2 + 5)
    decisions.board_member_recognise(
        by=people["front"], election=kp3, received_on=dt.date(2024, 10, 28), decided_on=dt.date(2024, 10, 30)
    )
    decisions.rerun_decide(
        by=people["ward"], election=kp3, decided_on=dt.date(2024, 10, 29), meeting_date=dt.date(2024, 11, 10)
    )
    rerun = lines(kp3, dt.date(2024, 10, 30))["rerun"]
    assert rerun.due == dt.date(2024, 11, 11) and "mặc định 15 ngày" in rerun.basis
    # No interim head without the ward Front's agreement (NĐ 59 Art. 9.3).
    with pytest.raises(ValidationError, match="Điều 9.3"):
        decisions.interim_head_appoint(
            by=people["ward"],
            election=kp3,
            decided_on=dt.date(2024, 10, 31),
            full_name="Lý Văn Tạm",
            front_agreed_on=None,
            front_agreed_by="",
        )
    interim = decisions.interim_head_appoint(
        by=people["ward"],
        election=kp3,
        decided_on=dt.date(2024, 10, 31),
        full_name="Lý Văn Tạm",
        front_agreed_on=dt.date(2024, 10, 30),
        front_agreed_by="Phạm Thị Mặt Trận",
    )
    assert interim.details["front_agreed_by"] == "Phạm Thị Mặt Trận"
    assert interim.details["front_agreed_on"] == "30/10/2024"
    kp3.refresh_from_db()
    assert kp3.stage == Stage.INTERIM_HEAD
    ward = people["p22"]
    assert progress.progress(ward, dt.date(2024, 11, 1)).total.done == 0

    second = sitting(kp3, people, present=total // 2 + 20, head=total // 2 + 15, board=0)
    assert [c.kind for c in meeting_selectors.contests_to_vote(second)] == [ContestKind.HEAD]
    assert kp3.stage == Stage.COUNTED
    assert progress.progress(ward, dt.date(2024, 11, 11)).total.done == 0, "elected is not yet recognised"
    decisions.head_recognise(
        by=people["ward"], election=kp3, received_on=dt.date(2024, 11, 11), decided_on=dt.date(2024, 11, 13)
    )
    kp3.refresh_from_db()
    assert kp3.stage == Stage.RECOGNISED
    assert progress.progress(ward, dt.date(2024, 11, 14)).total.done == 1
    assert not board_complete(plan)
