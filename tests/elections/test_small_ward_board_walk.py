"""A ward with 4 khu phố elects a board of 5 (Luật Art. 36.1; NĐ 59 Art. 13.2): the ward
Front allots two seats to Khu phố 1; its meeting elects two members counted with
``rules.seats_outcome``; the Front recognises each khu phố's members on their own, both of
Khu phố 1 in one decision; the board is complete with exactly 5 and its first meeting can be
convened. And the half-filled case: Khu phố 1 elects one of its two, the elected one is
recognised and stands, and the re-run votes only for the open seat.
"""

import datetime as dt
import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from elections import consultation, count_documents
from elections.models import ContestKind, Decision, Plan, Stage
from elections.selectors import count as count_selectors
from elections.selectors import meeting as meeting_selectors
from elections.selectors.decisions import (
    board_complete,
    board_member_details,
    board_member_list,
    board_members,
    post_recognition_problems,
    unrecognised_contests,
)
from elections.services import board as board_services
from elections.services import decisions, results
from elections.services import meeting as meeting_services
from elections.services.candidates import candidate_add
from elections.services.plans import election_schedule
from elections.services.team import team_member_add
from neighborhoods.models import Role
from reporting.models import DocumentStatus
from reporting.services import document_request
from tests.elections.count_helpers import check_in_first, enter_twice, run_procedure, secret_ballot
from tests.factories import HouseholdFactory, make_neighborhood, make_staff
from tests.reporting.pdf import pdf_text

MEETING_DAY = dt.date(2024, 10, 27)
HOUSEHOLDS = 10  # per khu phố: more than half is 6
BOARD_NAMES = ["Lê Thị An", "Phạm Văn Bình", "Võ Thị Cúc"]


@pytest.fixture
def hcm_map(hcm_map):
    """The test map's Phường 22 with a fourth khu phố: a ward of 4 khu phố."""
    make_neighborhood(hcm_map.p22, 4)
    return hcm_map


@pytest.fixture
def team(hcm_map):
    return (
        make_staff("p22.tobaucu.a", hcm_map.p22, Role.ELECTION_TEAM),
        make_staff("p22.tobaucu.b", hcm_map.p22, Role.ELECTION_TEAM),
    )


@pytest.fixture
def ward(plans, personas, team):
    """The plan of a ward of 4 khu phố, Khu phố 1 electing two board members, every list approved."""
    plan = Plan.objects.get(pk=plans["ward"].pk)
    elections = {e.neighborhood.name: e for e in plan.elections.select_related("neighborhood")}
    assert len(elections) == 4
    board_services.board_seats_allocate(
        by=personas.p22_mttq,
        plan=plan,
        seats={e.pk: 2 if name == "Khu phố 1" else 1 for name, e in elections.items()},
    )
    for number, election in enumerate(sorted(elections.values(), key=lambda e: e.neighborhood.name), start=1):
        _prepare(election, personas, number)
    return plan, elections


def _prepare(election, personas, number: int) -> None:
    HouseholdFactory.create_batch(HOUSEHOLDS, neighborhood=election.neighborhood)
    election_schedule(
        by=personas.p22_ubnd,
        election=election,
        meeting_date=MEETING_DAY,
        meeting_time=None,
        meeting_place="Nhà văn hóa",
    )
    team_member_add(
        election=election, full_name=f"Trần Văn Tổ {number}", role="head", represents="front_committee"
    )
    for contest in election.contests.all():
        names = [f"Nguyễn Văn Trưởng {number}"] if contest.kind == ContestKind.HEAD else []
        if contest.kind == ContestKind.INSPECTION_BOARD:
            names = BOARD_NAMES if contest.seats == 2 else [f"Đỗ Thị Thành Viên {number}"]
        for n, name in enumerate(names):
            candidate_add(
                contest=contest,
                full_name=name,
                gender="male" if " Văn " in name else "female",
                birth_date=dt.date(1965 + n, 3, 1 + number),
                nomination_source="front_committee",
            )
        for step, user in (
            ("record_party_opinion", personas.p22_ubnd),
            ("fix_official_list", personas.p22_ubnd),
            ("send_to_ward", personas.p22_ubnd),
            ("approve", personas.p22_mttq),
        ):
            consultation.list_transition(contest, step, by=user)
    election.refresh_from_db()
    assert election.stage == Stage.LIST_APPROVED


def _board(election):
    return election.contests.get(kind=ContestKind.INSPECTION_BOARD)


def _by_name(contest):
    return {c.full_name: c for c in contest.candidates.all()}


def sitting(election, team, *, present: int = 8, board: dict[str, int] | None = None, head: int = 7):
    """One sitting: the head's single candidate gets ``head``; the board's candidates ``board``
    by name (default: the single candidate gets 7). Only the contests still open are voted."""
    meeting = meeting_services.meeting_open(by=team[0], election=election)
    check_in_first(meeting, team[0], present)
    meeting = run_procedure(meeting)
    for contest in meeting_selectors.contests_to_vote(meeting):
        candidates = count_selectors.candidates_of(contest)
        if contest.kind == ContestKind.HEAD:
            approvals = {candidates[0]: head}
        elif board is None:
            approvals = {candidates[0]: 7}
        else:
            approvals = {c: board[c.full_name] for c in candidates}
        enter_twice(meeting, contest, *team, secret_ballot(approvals, issued=present))
    election.refresh_from_db()
    return meeting


def recognise_member(election, personas, day: int = 29) -> Decision:
    return decisions.board_member_recognise(
        by=personas.p22_mttq,
        election=election,
        received_on=dt.date(2024, 10, 28),
        decided_on=dt.date(2024, 10, day),
    )


def render_decision(decision, django_capture_on_commit_callbacks) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        document = document_request(kind=count_documents.DECISION, source=decision)
    document.refresh_from_db()
    assert document.status == DocumentStatus.READY, document.error
    return " ".join(unicodedata.normalize("NFC", pdf_text(document.file.read())).split())


def test_a_ward_of_four_khu_pho_elects_and_recognises_a_board_of_five(
    ward, personas, team, django_capture_on_commit_callbacks
):
    plan, elections = ward
    kp1 = elections["Khu phố 1"]
    contest = _board(kp1)
    assert contest.seats == 2
    ballot = count_documents.ballot_papers_context(contest)
    assert any("Chỉ đồng ý tối đa 2 (hai) người." in line for line in ballot["instructions"])

    # Khu phố 1 elects two of its three candidates: both above half of all 10 households.
    meeting = sitting(kp1, team, board={"Lê Thị An": 6, "Phạm Văn Bình": 7, "Võ Thị Cúc": 2})
    assert kp1.stage == Stage.COUNTED
    names = _by_name(contest)
    result = count_selectors.current_result(contest)
    assert result is not None and result.seats == 2
    assert result.elected_all == [names["Phạm Văn Bình"].pk, names["Lê Thị An"].pk]
    assert result.elected_id == names["Phạm Văn Bình"].pk and not result.tie
    assert (
        result.reason
        == "2/2 người được quá 50 % tổng số hộ (cần 6) — trúng cử (Luật 10/2022/QH15, Điều 21.1)."
    )
    assert result.elected_names == "Phạm Văn Bình, Lê Thị An"
    contest.refresh_from_db()
    assert contest.elected_id == names["Phạm Văn Bình"].pk
    assert count_selectors.unelected_contests(kp1) == []
    # Form 02 and form 03 name both.
    for context in (
        count_documents.counting_minutes_context(meeting),
        count_documents.community_decision_context(meeting),
    ):
        board_line = next(r for r in context["results"] if r["kind"] == "thành viên Ban Thanh tra nhân dân")
        assert board_line["elected"] == "ông Phạm Văn Bình, bà Lê Thị An"

    for name in ("Khu phố 2", "Khu phố 3", "Khu phố 4"):
        sitting(elections[name], team)
        assert elections[name].stage == Stage.COUNTED, name

    # The ward Front recognises each khu phố's members on their own; Khu phố 1's decision names both.
    assert [m["full_name"] for m in board_member_list(kp1)] == ["Phạm Văn Bình", "Lê Thị An"]
    recognition = recognise_member(kp1, personas)
    assert [m["full_name"] for m in recognition.details["members"]] == ["Phạm Văn Bình", "Lê Thị An"]
    assert {m["approvals"] for m in recognition.details["members"]} == {7, 6}
    assert not board_complete(plan)
    for name in ("Khu phố 2", "Khu phố 3", "Khu phố 4"):
        recognise_member(elections[name], personas)
    members, missing = board_members(plan)
    assert missing == []
    assert [(m["neighborhood"], m["full_name"]) for m in members] == [
        ("Khu phố 1", "Phạm Văn Bình"),
        ("Khu phố 1", "Lê Thị An"),
        ("Khu phố 2", "Đỗ Thị Thành Viên 2"),
        ("Khu phố 3", "Đỗ Thị Thành Viên 3"),
        ("Khu phố 4", "Đỗ Thị Thành Viên 4"),
    ]
    assert board_complete(plan)

    text = render_decision(recognition, django_capture_on_commit_callbacks)
    assert "Công nhận ông Phạm Văn Bình, sinh năm 1966" in text
    assert "Công nhận bà Lê Thị An, sinh năm 1965" in text
    assert "với 7 (bảy) hộ đồng ý" in text and "với 6 (sáu) hộ đồng ý" in text

    # The board's first meeting can be convened: 5 members.
    board_meeting = board_services.board_meeting_convene(
        by=personas.p22_mttq,
        plan=plan,
        convened_on=dt.date(2024, 11, 1),
        held_on=dt.date(2024, 11, 5),
        place="Hội trường UBND phường",
        chair="Nguyễn Văn Chủ",
        deputies=2,
    )
    assert board_meeting.pk is not None


def test_a_half_filled_two_seat_khu_pho_reruns_for_the_open_seat_only(ward, personas, team):
    plan, elections = ward
    kp1 = elections["Khu phố 1"]
    contest = _board(kp1)
    names = _by_name(contest)

    # Only Lê Thị An passes half of all households: one of two seats is filled.
    sitting(kp1, team, board={"Lê Thị An": 7, "Phạm Văn Bình": 4, "Võ Thị Cúc": 3})
    result = count_selectors.current_result(contest)
    assert result is not None and result.elected_all == [names["Lê Thị An"].pk]
    assert result.reason.startswith("1/2 người được quá 50 % tổng số hộ")
    assert count_selectors.open_seats(contest) == 1
    assert count_selectors.unelected_contests(kp1) == [contest]

    # The elected one stands: the head and her are recognised; the election is not done.
    decisions.head_recognise(
        by=personas.p22_ubnd,
        election=kp1,
        received_on=dt.date(2024, 10, 28),
        decided_on=dt.date(2024, 10, 29),
    )
    first = recognise_member(kp1, personas)
    assert [m["full_name"] for m in first.details["members"]] == ["Lê Thị An"]
    kp1.refresh_from_db()
    assert kp1.stage == Stage.COUNTED
    assert unrecognised_contests(kp1) == [contest]
    assert post_recognition_problems(kp1, ContestKind.INSPECTION_BOARD) == [
        "Thành viên Ban Thanh tra nhân dân đã được công nhận."
    ]
    for name in ("Khu phố 2", "Khu phố 3", "Khu phố 4"):
        sitting(elections[name], team)
        recognise_member(elections[name], personas)
    members, missing = board_members(plan)
    assert len(members) == 4 and missing == ["Khu phố 1"]
    assert not board_complete(plan)

    # The re-run votes only for the open seat: the board contest alone, one seat.
    decisions.rerun_decide(
        by=personas.p22_ubnd,
        election=kp1,
        decided_on=dt.date(2024, 10, 30),
        meeting_date=dt.date(2024, 11, 3),
    )
    rerun = meeting_services.meeting_open(by=team[0], election=kp1)
    assert [c.kind for c in meeting_selectors.contests_to_vote(rerun)] == [ContestKind.INSPECTION_BOARD]
    ballot = count_documents.ballot_papers_context(contest)
    assert any("tối đa 1 (một) người" in line for line in ballot["instructions"])
    check_in_first(rerun, team[0], 8)
    rerun = run_procedure(rerun)
    # Two approvals on one ballot are more than the one open seat allows.
    with pytest.raises(ValidationError):
        enter_twice(
            rerun,
            contest,
            *team,
            secret_ballot(
                {names["Lê Thị An"]: 0, names["Phạm Văn Bình"]: 7, names["Võ Thị Cúc"]: 5}, issued=8
            ),
        )
    enter_twice(
        rerun,
        contest,
        *team,
        secret_ballot({names["Lê Thị An"]: 0, names["Phạm Văn Bình"]: 7, names["Võ Thị Cúc"]: 1}, issued=8),
    )
    kp1.refresh_from_db()
    assert kp1.stage == Stage.COUNTED
    second = count_selectors.current_result(contest)
    assert second is not None and second.seats == 1 and second.elected_all == [names["Phạm Văn Bình"].pk]
    assert count_selectors.elected_ids(contest) == [names["Lê Thị An"].pk, names["Phạm Văn Bình"].pk]
    assert count_selectors.unelected_contests(kp1) == []
    assert [m["full_name"] for m in board_member_details(kp1)["members"]] == ["Lê Thị An", "Phạm Văn Bình"]

    # The Front recognises the second member: a new version naming both.
    both = recognise_member(kp1, personas, day=31)
    assert both.version == 2 and both.supersedes_id == first.pk
    assert [m["full_name"] for m in both.details["members"]] == ["Lê Thị An", "Phạm Văn Bình"]
    kp1.refresh_from_db()
    assert kp1.stage == Stage.RECOGNISED
    members, missing = board_members(plan)
    assert len(members) == 5 and missing == []
    assert board_complete(plan)


# --- The count and recognition of several seats, case by case ------------------------------


def _figures(present: int = 8) -> dict:
    return {"issued": present, "returned": present, "valid": present, "invalid": 0}


def test_a_tie_for_the_last_of_two_seats_elects_one_and_leaves_the_seat_open(ward, team):
    _plan, elections = ward
    contest = _board(elections["Khu phố 1"])
    sitting(
        elections["Khu phố 1"], team, present=10, board={"Lê Thị An": 8, "Phạm Văn Bình": 6, "Võ Thị Cúc": 6}
    )
    result = count_selectors.current_result(contest)
    assert result is not None and result.tie
    assert result.elected_all == [_by_name(contest)["Lê Thị An"].pk]
    assert "vị trí còn lại chưa quyết định" in result.reason
    assert count_selectors.open_seats(contest) == 1
    assert count_selectors.unelected_contests(elections["Khu phố 1"]) == [contest]


def test_a_one_seat_contest_keeps_its_one_elected_in_the_list(ward, team):
    _plan, elections = ward
    contest = _board(elections["Khu phố 2"])
    sitting(elections["Khu phố 2"], team)
    result = count_selectors.current_result(contest)
    assert result is not None and result.seats == 1
    assert result.elected_all == [result.elected_id] and result.elected_id is not None
    assert [m["full_name"] for m in board_member_list(elections["Khu phố 2"])] == ["Đỗ Thị Thành Viên 2"]
    assert board_member_details(elections["Khu phố 2"])["full_name"] == "Đỗ Thị Thành Viên 2"


def test_a_result_counted_before_several_seats_reads_its_one_elected(ward, team):
    _plan, elections = ward
    contest = _board(elections["Khu phố 2"])
    sitting(elections["Khu phố 2"], team)
    result = count_selectors.current_result(contest)
    assert result is not None
    result.elected_all = []  # as the rows saved before the field existed (the migration backfills them)
    assert count_selectors.result_elected(result) == [result.elected_id]


def test_no_board_member_details_while_no_one_is_elected(ward):
    _plan, elections = ward
    assert board_member_list(elections["Khu phố 1"]) == []
    assert board_member_details(elections["Khu phố 1"]) == {}


def test_a_correction_of_a_two_seat_count_recounts_both_seats(ward, team):
    _plan, elections = ward
    contest = _board(elections["Khu phố 1"])
    names = _by_name(contest)
    sitting(elections["Khu phố 1"], team, board={"Lê Thị An": 7, "Phạm Văn Bình": 4, "Võ Thị Cúc": 3})
    result = count_selectors.current_result(contest)
    assert result is not None
    corrected = results.result_correct(
        by=team[0],
        result=result,
        reason="Nhập nhầm số phiếu của bà Cúc",
        figures=_figures(),
        counts={names["Lê Thị An"].pk: 7, names["Phạm Văn Bình"].pk: 2, names["Võ Thị Cúc"].pk: 6},
    )
    assert corrected.seats == 2 and corrected.elected_all == [names["Lê Thị An"].pk, names["Võ Thị Cúc"].pk]
    assert count_selectors.unelected_contests(elections["Khu phố 1"]) == []


def test_a_correction_after_recognition_cannot_change_who_of_the_two_is_elected(ward, team, personas):
    _plan, elections = ward
    kp1 = elections["Khu phố 1"]
    contest = _board(kp1)
    names = _by_name(contest)
    sitting(kp1, team, board={"Lê Thị An": 7, "Phạm Văn Bình": 6, "Võ Thị Cúc": 2})
    recognise_member(kp1, personas)
    result = count_selectors.current_result(contest)
    assert result is not None
    with pytest.raises(ValidationError, match="không được làm thay đổi người trúng cử"):
        results.result_correct(
            by=team[0],
            result=result,
            reason="Nhập nhầm",
            figures=_figures(),
            counts={names["Lê Thị An"].pk: 7, names["Phạm Văn Bình"].pk: 2, names["Võ Thị Cúc"].pk: 6},
        )


def test_the_rerun_does_not_count_again_whom_the_first_sitting_elected(ward, team, personas):
    _plan, elections = ward
    kp1 = elections["Khu phố 1"]
    contest = _board(kp1)
    names = _by_name(contest)
    sitting(kp1, team, board={"Lê Thị An": 7, "Phạm Văn Bình": 4, "Võ Thị Cúc": 3})
    decisions.rerun_decide(
        by=personas.p22_ubnd,
        election=kp1,
        decided_on=dt.date(2024, 10, 30),
        meeting_date=dt.date(2024, 11, 3),
    )
    # Lê Thị An's approvals at the re-run do not elect her twice: the open seat goes to Bình.
    sitting(kp1, team, board={"Lê Thị An": 1, "Phạm Văn Bình": 6, "Võ Thị Cúc": 1})
    result = count_selectors.current_result(contest)
    assert result is not None and result.elected_all == [names["Phạm Văn Bình"].pk]
    assert count_selectors.elected_ids(contest) == [names["Lê Thị An"].pk, names["Phạm Văn Bình"].pk]


def test_the_board_page_names_both_members_of_a_khu_pho_electing_two(ward, team, personas, login):
    plan, elections = ward
    sitting(elections["Khu phố 1"], team, board={"Lê Thị An": 6, "Phạm Văn Bình": 7, "Võ Thị Cúc": 2})
    response = login(personas.p22_mttq).get(reverse("elections:inspection_board", args=[plan.pk]))
    assert response.status_code == 200
    assert "Phạm Văn Bình, Lê Thị An" in response.content.decode()
