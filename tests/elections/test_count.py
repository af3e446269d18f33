"""The procedure, tally entry with its invariants, double entry and the result by law."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from elections.models import ContestKind, ContestResult, Stage, TallyEntry, VotingMethod
from elections.selectors import count as count_selectors
from elections.services import meeting as meeting_services
from elections.services import procedure, results
from tests.elections.count_helpers import (
    check_in_first,
    contest,
    enter_twice,
    run_procedure,
    secret_ballot,
    vote_every_contest,
)


@pytest.fixture
def meeting(ready_election, personas):
    """Khu phố 1 (10 households) with 6 representatives present."""
    meeting = meeting_services.meeting_open(by=personas.p22_kp1_tobaucu, election=ready_election)
    check_in_first(meeting, personas.p22_kp1_tobaucu, 6)
    return meeting


@pytest.fixture
def counting(meeting):
    return run_procedure(meeting)


def head(meeting):
    return contest(meeting, ContestKind.HEAD)


def only_candidate(meeting, kind=ContestKind.HEAD):
    return count_selectors.candidates_of(contest(meeting, kind))[0]


# --- The procedure --------------------------------------------------------------------


def test_opening_the_meeting_moves_the_election_to_meeting_held(meeting):
    meeting.election.refresh_from_db()
    assert meeting.election.stage == Stage.MEETING_HELD
    assert meeting.held_on == dt.date(2024, 10, 27)


def test_the_secretary_needs_more_than_half_of_those_present(meeting):
    with pytest.raises(ValidationError, match="3/6 hộ có mặt tán thành, chưa quá 50 %"):
        procedure.secretary_approve(meeting=meeting, name="Trần Thị Thư", votes_for=3)
    procedure.secretary_approve(meeting=meeting, name="Trần Thị Thư", votes_for=4)
    meeting.refresh_from_db()
    assert (meeting.secretary_name, meeting.secretary_votes) == ("Trần Thị Thư", 4)


def test_a_vote_count_above_those_present_is_refused(meeting):
    with pytest.raises(ValidationError, match="phải từ 0 đến số hộ có mặt \\(6\\), không phải 7"):
        procedure.voting_method_choose(meeting=meeting, method=VotingMethod.SECRET_BALLOT, votes_for=7)


def test_the_counting_board_has_three_to_five_members_and_two_witnesses(meeting):
    with pytest.raises(ValidationError) as refused:
        procedure.counting_board_approve(meeting=meeting, members=["A", "B"], votes_for=6, witnesses=["C"])
    assert "từ 3 đến 5 người, không phải 2" in " ".join(refused.value.messages)
    assert "đúng 2 đại diện hộ gia đình chứng kiến" in " ".join(refused.value.messages)


def test_the_count_cannot_be_entered_before_the_procedure(meeting, personas):
    tally = secret_ballot({only_candidate(meeting): 6}, issued=6)
    with pytest.raises(ValidationError) as refused:
        results.tally_submit(by=personas.p22_kp1_tobaucu, meeting=meeting, contest=head(meeting), **tally)
    assert "Chưa biểu quyết thư ký cuộc họp." in refused.value.messages
    assert not TallyEntry.objects.exists()


def test_a_floor_nomination_is_added_with_its_source_and_checked(meeting):
    procedure.list_present(meeting=meeting)
    candidate = procedure.floor_nomination_add(
        meeting=meeting,
        contest=head(meeting),
        full_name="  Lâm   Văn Sáu ",
        gender="male",
        birth_date=dt.date(1980, 5, 1),
        nomination_source="floor",
    )
    assert candidate.full_name == "Lâm Văn Sáu" and candidate.get_nomination_source_display() == (
        "Đề cử tại hội nghị"
    )
    with pytest.raises(ValidationError, match="Chưa đủ 21 tuổi"):
        procedure.floor_nomination_add(
            meeting=meeting,
            contest=head(meeting),
            full_name="Lâm Văn Trẻ",
            gender="male",
            birth_date=dt.date(2005, 1, 1),
            nomination_source="self",
        )


def test_a_floor_nomination_waits_for_the_official_list(meeting):
    with pytest.raises(ValidationError, match="Giới thiệu danh sách chính thức trước"):
        procedure.floor_nomination_add(
            meeting=meeting,
            contest=head(meeting),
            full_name="Lâm Văn Sáu",
            gender="male",
            birth_date=dt.date(1980, 5, 1),
            nomination_source="floor",
        )


# --- Invariants -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("figures", "approvals", "message"),
    [
        (
            {"issued": 7, "returned": 6, "valid": 6, "invalid": 0},
            5,
            "Phiếu phát ra (7) nhiều hơn số hộ có mặt (6)",
        ),
        (
            {"issued": 5, "returned": 6, "valid": 6, "invalid": 0},
            5,
            "Phiếu thu vào (6) nhiều hơn phiếu phát ra (5)",
        ),
        (
            {"issued": 6, "returned": 6, "valid": 5, "invalid": 0},
            5,
            "Phiếu hợp lệ (5) + không hợp lệ (0) = 5, khác",
        ),
        (
            {"issued": 6, "returned": 6, "valid": 5, "invalid": 1},
            6,
            "Phiếu đồng ý Nguyễn Văn head (6) nhiều hơn",
        ),
        (
            {"issued": 6, "returned": 6, "valid": 6, "invalid": -1},
            5,
            "Số phiếu không hợp lệ không được âm (-1)",
        ),
        (
            {"issued": 6, "returned": 6, "valid": 6, "invalid": 0},
            -2,
            "Số phiếu đồng ý Nguyễn Văn head không được âm",
        ),
    ],
    ids=[
        "issued_above_present",
        "returned_above_issued",
        "valid_plus_invalid",
        "approvals_above_valid",
        "negative_invalid",
        "negative_approvals",
    ],
)
def test_a_tally_that_breaks_an_invariant_is_not_saved(counting, personas, figures, approvals, message):
    tally = {
        "method": VotingMethod.SECRET_BALLOT,
        "figures": figures,
        "counts": {only_candidate(counting).pk: approvals},
    }
    with pytest.raises(ValidationError) as refused:
        results.tally_submit(by=personas.p22_kp1_tobaucu, meeting=counting, contest=head(counting), **tally)
    assert message in " ".join(refused.value.messages)
    assert not TallyEntry.objects.exists()


def test_total_approvals_cannot_exceed_valid_ballots_times_seats(counting, personas):
    first = only_candidate(counting)
    procedure_contest = head(counting)
    second = procedure_contest.candidates.create(
        full_name="Bùi Văn Hai", gender="male", birth_date=dt.date(1970, 1, 1), nomination_source="floor"
    )
    tally = secret_ballot({first: 4, second: 3}, issued=6)
    with pytest.raises(ValidationError, match=r"Tổng phiếu đồng ý \(7\) vượt quá số phiếu hợp lệ × số người"):
        results.tally_submit(
            by=personas.p22_kp1_tobaucu, meeting=counting, contest=procedure_contest, **tally
        )


def test_show_of_hands_for_against_abstain_cannot_exceed_those_present(meeting, personas):
    meeting = run_procedure(meeting, VotingMethod.SHOW_OF_HANDS)
    tally = {
        "method": VotingMethod.SHOW_OF_HANDS,
        "figures": {},
        "counts": {only_candidate(meeting).pk: [5, 1, 1]},
    }
    with pytest.raises(ValidationError, match="đồng ý 5 \\+ không đồng ý 1 \\+ không biểu quyết 1 = 7"):
        results.tally_submit(by=personas.p22_kp1_tobaucu, meeting=meeting, contest=head(meeting), **tally)


def test_the_method_entered_must_be_the_one_the_meeting_chose(counting, personas):
    tally = {
        "method": VotingMethod.SHOW_OF_HANDS,
        "figures": {},
        "counts": {only_candidate(counting).pk: [6, 0, 0]},
    }
    with pytest.raises(ValidationError, match="Cuộc họp đã chọn hình thức “Bỏ phiếu kín”"):
        results.tally_submit(by=personas.p22_kp1_tobaucu, meeting=counting, contest=head(counting), **tally)


# --- Double entry ---------------------------------------------------------------------


def test_one_entry_waits_for_a_second_person(counting, personas):
    tally = secret_ballot({only_candidate(counting): 6}, issued=6)
    state = results.tally_submit(
        by=personas.p22_kp1_tobaucu, meeting=counting, contest=head(counting), **tally
    )
    assert state.waiting_for_second
    again = results.tally_submit(
        by=personas.p22_kp1_tobaucu, meeting=counting, contest=head(counting), **tally
    )
    assert again.waiting_for_second and again.result is None, "the same person twice is not double entry"


def test_double_entry_catches_a_single_mistyped_digit_and_resolves_by_re_entry(counting, personas):
    candidate = only_candidate(counting)
    right = secret_ballot({candidate: 6}, issued=6)
    typo = secret_ballot({candidate: 5}, issued=6)
    results.tally_submit(by=personas.p22_kp1_tobaucu, meeting=counting, contest=head(counting), **right)
    state = results.tally_submit(by=personas.p22_kp1_thuky, meeting=counting, contest=head(counting), **typo)
    assert state.mismatch and state.result is None
    assert [(d.label, d.first, d.second) for d in state.differences] == [("Nguyễn Văn head", "6", "5")]
    assert not ContestResult.objects.exists()
    state = results.tally_submit(by=personas.p22_kp1_thuky, meeting=counting, contest=head(counting), **right)
    assert state.result is not None and state.result.elected == candidate
    assert TallyEntry.objects.count() == 3, "every entry is kept"


def test_the_mismatch_names_both_people_in_vietnamese_order(counting, personas, login):
    from django.urls import reverse

    for user, (family, given) in (
        (personas.p22_kp1_tobaucu, ("Huỳnh Văn", "Phúc")),
        (personas.p22_kp1_thuky, ("Lê Thị", "Mai")),
    ):
        user.last_name, user.first_name = family, given
        user.save()
    candidate = only_candidate(counting)
    results.tally_submit(
        by=personas.p22_kp1_tobaucu,
        meeting=counting,
        contest=head(counting),
        **secret_ballot({candidate: 6}, issued=6),
    )
    page = login(personas.p22_kp1_thuky).get(
        reverse("elections:meeting_tally", args=[counting.pk, head(counting).pk])
    )
    assert "Huỳnh Văn Phúc đã nhập lúc" in page.content.decode()
    results.tally_submit(
        by=personas.p22_kp1_thuky,
        meeting=counting,
        contest=head(counting),
        **secret_ballot({candidate: 5}, issued=6),
    )
    body = (
        login(personas.p22_kp1_thuky)
        .get(reverse("elections:meeting_tally", args=[counting.pk, head(counting).pk]))
        .content.decode()
    )
    table = body[body.index('data-testid="mismatch"') :]
    assert "<th>Huỳnh Văn Phúc</th>" in table and "<th>Lê Thị Mai</th>" in table
    assert "Phúc Huỳnh Văn" not in body


def test_the_tally_page_shows_who_took_part_beside_the_figures(counting, personas, login):
    from django.urls import reverse

    from elections.selectors.meeting import present_count

    page = login(personas.p22_kp1_tobaucu).get(
        reverse("elections:meeting_tally", args=[counting.pk, head(counting).pk])
    )
    expected = f"Số hộ tham gia: {present_count(counting)} / tổng số hộ: {counting.household_total}"
    assert expected in page.content.decode()


def test_a_third_person_cannot_enter_once_two_have(counting, personas):
    candidate = only_candidate(counting)
    results.tally_submit(
        by=personas.p22_kp1_tobaucu,
        meeting=counting,
        contest=head(counting),
        **secret_ballot({candidate: 6}, issued=6),
    )
    results.tally_submit(
        by=personas.p22_kp1_thuky,
        meeting=counting,
        contest=head(counting),
        **secret_ballot({candidate: 5}, issued=6),
    )
    with pytest.raises(ValidationError, match="Đã có hai người nhập kết quả"):
        results.tally_submit(
            by=personas.admin,
            meeting=counting,
            contest=head(counting),
            **secret_ballot({candidate: 6}, issued=6),
        )


def test_an_accepted_count_cannot_be_entered_again(counting, personas):
    tally = secret_ballot({only_candidate(counting): 6}, issued=6)
    enter_twice(counting, head(counting), personas.p22_kp1_tobaucu, personas.p22_kp1_thuky, tally)
    with pytest.raises(ValidationError, match="Kết quả đã được chốt"):
        results.tally_submit(by=personas.p22_kp1_tobaucu, meeting=counting, contest=head(counting), **tally)


@pytest.mark.django_db(transaction=True)
def test_two_people_submitting_at_the_same_instant_lose_nothing(ready_election, personas):
    meeting = meeting_services.meeting_open(by=personas.p22_kp1_tobaucu, election=ready_election)
    check_in_first(meeting, personas.p22_kp1_tobaucu, 6)
    meeting = run_procedure(meeting)
    tally = secret_ballot({only_candidate(meeting): 6}, issued=6)
    start, errors = threading.Barrier(2), []

    def submit(user):
        try:
            start.wait()
            results.tally_submit(by=user, meeting=meeting, contest=head(meeting), **tally)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=submit, args=(u,)) for u in (personas.p22_kp1_tobaucu, personas.p22_kp1_thuky)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert TallyEntry.objects.count() == 2
    assert ContestResult.objects.filter(contest=head(meeting)).count() == 1


# --- The result -----------------------------------------------------------------------


def test_the_result_uses_all_households_of_the_snapshot(counting, personas):
    """5 of 6 present approve: 5/10 households is not more than half — not elected."""
    tally = secret_ballot({only_candidate(counting): 5}, issued=6)
    state = enter_twice(counting, head(counting), personas.p22_kp1_tobaucu, personas.p22_kp1_thuky, tally)
    assert state.result.elected is None
    assert state.result.reason.startswith("Cao nhất 5/10 hộ = 50,0\u00a0%, không quá 50 % tổng số hộ (cần 6)")


def test_when_every_contest_is_counted_the_meeting_closes_and_the_election_is_counted(counting, personas):
    vote_every_contest(counting, personas.p22_kp1_tobaucu, personas.p22_kp1_thuky)
    counting.refresh_from_db()
    counting.election.refresh_from_db()
    assert counting.closed_at is not None
    assert counting.election.stage == Stage.COUNTED
    elected = ContestResult.objects.get(contest=head(counting)).elected
    assert elected == only_candidate(counting)
    assert ContestResult.objects.get(contest=head(counting)).reason == (
        "6/10 hộ = 60,0\u00a0% > 50 % — trúng cử (Luật 10/2022/QH15, Điều 21.1)."
    )


def test_walk_in_households_count_in_the_threshold(meeting, personas):
    """10 households + 2 added at the meeting: 6 approvals, enough of 10, are not more than half of 12."""
    for code in ("P22-KP01-9998", "P22-KP01-9999"):
        meeting_services.household_add_at_meeting(
            by=personas.p22_kp1_tobaucu, meeting=meeting, code=code, head_name="Võ Văn Mới"
        )
    meeting = run_procedure(meeting)
    tally = secret_ballot({only_candidate(meeting): 6}, issued=8)
    state = enter_twice(meeting, head(meeting), personas.p22_kp1_tobaucu, personas.p22_kp1_thuky, tally)
    assert state.result.household_total == 12 and state.result.elected is None
    assert "6/12 hộ = 50,0\u00a0%, không quá 50 % tổng số hộ (cần 7)" in state.result.reason


def test_show_of_hands_elects_by_hands_for_against_all_households(meeting, personas):
    meeting = run_procedure(meeting, VotingMethod.SHOW_OF_HANDS)
    candidate = only_candidate(meeting)
    tally = {"method": VotingMethod.SHOW_OF_HANDS, "figures": {}, "counts": {candidate.pk: [6, 0, 0]}}
    state = enter_twice(meeting, head(meeting), personas.p22_kp1_tobaucu, personas.p22_kp1_thuky, tally)
    assert state.result.elected == candidate and state.result.issued is None


def test_ballot_papers_are_printed_for_those_present_plus_spares(
    counting, django_capture_on_commit_callbacks
):
    from pypdf import PdfReader

    from elections.count_documents import BALLOT_PAPERS
    from reporting.services import document_request
    from tests.reporting.pdf import pdf_text

    c = head(counting)
    c.candidates.create(
        full_name="Bùi Văn Hai", gender="male", birth_date=dt.date(1970, 1, 1), nomination_source="floor"
    )
    with django_capture_on_commit_callbacks(execute=True):
        document = document_request(kind=BALLOT_PAPERS, source=c)
    document.refresh_from_db()
    data = document.file.read()
    import io

    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1 + 6 + 10  # how many to print, then the identical ballots
    assert "In 16 (mười sáu) phiếu" in " ".join(reader.pages[0].extract_text().split())
    first_page = reader.pages[1].extract_text()
    assert "Phiếu số" not in pdf_text(data)
    assert first_page.index("Bùi Văn Hai") < first_page.index("Nguyễn Văn head"), (
        "Vietnamese order: by given name"
    )
    assert "PHIẾU BẦU TRƯỞNG KHU PHỐ" in first_page
