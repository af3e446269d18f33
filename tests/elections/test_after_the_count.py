"""Re-runs, household ballots, interim heads, recognition, corrections and the papers."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from elections.count_documents import COMMUNITY_DECISION, COUNTING_MINUTES, DECISION, HOUSEHOLD_BALLOT_MINUTES
from elections.models import ContestKind, ContestResult, Decision, DecisionKind, Stage
from elections.selectors import meeting as meeting_selectors
from elections.selectors.count import candidates_of, current_result, unelected_contests
from elections.selectors.plans import checklist
from elections.services import decisions, household_ballots, results
from elections.services import meeting as meeting_services
from elections.services.plans import election_schedule
from reporting.models import DocumentState, StoredDocument
from reporting.services import document_request
from tests.elections.ballot_helpers import decide_team, ready_round, start_round
from tests.elections.count_helpers import (
    check_in_first,
    contest,
    enter_twice,
    run_procedure,
    secret_ballot,
    vote_every_contest,
)
from tests.forms import with_token
from tests.issuing import issue, text_of
from tests.reporting.pdf import pdf_text


@pytest.fixture
def team(personas):
    return personas.p22_kp1_tobaucu, personas.p22_kp1_thuky


def hold_meeting(election, team, present: int, share: int | None = None):
    meeting = meeting_services.meeting_open(by=team[0], election=election)
    check_in_first(meeting, team[0], present)
    meeting = run_procedure(meeting)
    vote_every_contest(meeting, *team, share=share)
    meeting.refresh_from_db()
    election.refresh_from_db()
    return meeting


@pytest.fixture
def failed(ready_election, team):
    """Khu phố 1: 6 of 10 present, only 5 approvals each — nobody elected."""
    return hold_meeting(ready_election, team, present=6, share=5)


@pytest.fixture
def lacking(ready_election, team):
    """Khu phố 1: 5 of 10 present — half, not more: nobody could be elected at the meeting,
    so the household-ballot route is open (Luật Art. 19.1.b; NĐ 59 Art. 4.1.b)."""
    return hold_meeting(ready_election, team, present=5)


@pytest.fixture
def head_only(ready_election, team):
    """Khu phố 1: 7 of 10 present; the head elected with 7, the board's candidate only 3."""
    meeting = meeting_services.meeting_open(by=team[0], election=ready_election)
    check_in_first(meeting, team[0], 7)
    meeting = run_procedure(meeting)
    for c, approvals in ((contest(meeting), 7), (contest(meeting, ContestKind.INSPECTION_BOARD), 3)):
        enter_twice(meeting, c, *team, secret_ballot({candidates_of(c)[0]: approvals}, issued=7))
    ready_election.refresh_from_db()
    return meeting


def decide_rerun(meeting, personas):
    decisions.rerun_decide(
        by=personas.p22_ubnd,
        election=meeting.election,
        decided_on=dt.date(2024, 10, 28),
        meeting_date=dt.date(2024, 11, 10),
    )
    meeting.election.refresh_from_db()


@pytest.fixture
def elected(ready_election, team):
    return hold_meeting(ready_election, team, present=7)


def read_back(kind, source, django_capture_on_commit_callbacks) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        document = document_request(kind=kind, source=source)
    document.refresh_from_db()
    return " ".join(pdf_text(document.file.read()).split())


# --- Re-run ---------------------------------------------------------------------------


def test_nobody_elected_leaves_the_election_counted_with_the_reason(failed):
    assert failed.election.stage == Stage.COUNTED
    assert [c.kind for c in unelected_contests(failed.election)] == [
        ContestKind.HEAD,
        ContestKind.INSPECTION_BOARD,
    ]


def test_recognition_is_refused_when_nobody_was_elected(failed, personas):
    with pytest.raises(ValidationError, match="Chưa có người trúng cử Trưởng khu phố"):
        decisions.head_recognise(
            by=personas.p22_ubnd,
            election=failed.election,
            received_on=dt.date(2024, 10, 28),
            decided_on=dt.date(2024, 10, 30),
        )


def test_a_re_run_is_a_new_sitting_of_the_same_election_with_history_kept(failed, personas, team):
    election = failed.election
    decision = decisions.rerun_decide(
        by=personas.p22_ubnd,
        election=election,
        decided_on=dt.date(2024, 10, 28),
        meeting_date=dt.date(2024, 11, 10),
    )
    election.refresh_from_db()
    assert election.stage == Stage.RERUN_PENDING and election.meeting_date == dt.date(2024, 11, 10)
    assert decision.details["previous_date"] == "27/10/2024"
    second = hold_meeting(election, team, present=8)
    assert second.number == 2 and second.held_on == dt.date(2024, 11, 10)
    assert election.stage == Stage.COUNTED
    assert unelected_contests(election) == []
    assert ContestResult.objects.filter(meeting=failed).count() == 2, "the failed sitting's results stay"


def test_a_re_run_date_must_follow_the_failed_meeting(failed, personas):
    with pytest.raises(ValidationError, match="Ngày họp lại phải sau ngày họp trước \\(27/10/2024\\)"):
        decisions.rerun_decide(
            by=personas.p22_ubnd,
            election=failed.election,
            decided_on=dt.date(2024, 10, 28),
            meeting_date=dt.date(2024, 10, 27),
        )


# --- Household ballots ----------------------------------------------------------------


@pytest.fixture
def ballot_round(lacking, personas):
    """The head's plan, the team, the notice and the count day with its witnesses (NĐ 59 Art. 4)."""
    return ready_round(lacking.election, personas.p22_ubnd)


def test_the_household_ballot_team_has_three_to_five_members(lacking, personas):
    meeting = start_round(lacking.election, personas.p22_ubnd)
    with pytest.raises(ValidationError, match="từ 3 đến 5 người, không phải 2"):
        decide_team(meeting, personas.p22_ubnd, team=["Trần Văn Bình", "Lê Thị Cúc"])


def test_household_ballots_track_each_household_and_elect_by_all_households(
    ballot_round, team, django_capture_on_commit_callbacks
):
    assert ballot_round.election.stage == Stage.HOUSEHOLD_BALLOTS
    households = list(ballot_round.election.neighborhood.households.order_by("code"))
    for household in households[:8]:
        ballot = household_ballots.ballot_distribute(by=team[0], meeting=ballot_round, household=household)
        household_ballots.ballot_return(by=team[0], ballot=ballot)
    with pytest.raises(ValidationError, match=f"Hộ {households[0].code} đã nhận phiếu"):
        household_ballots.ballot_distribute(by=team[0], meeting=ballot_round, household=households[0])
    for c in meeting_selectors.contests_to_vote(ballot_round):
        candidate = candidates_of(c)[0]
        enter_twice(ballot_round, c, *team, secret_ballot({candidate: 6}, issued=8, invalid=1))
    ballot_round.refresh_from_db()
    assert ballot_round.election.stage == Stage.COUNTED
    assert unelected_contests(ballot_round.election) == []
    text = read_back(HOUSEHOLD_BALLOT_MINUTES, ballot_round, django_capture_on_commit_callbacks)
    assert "Số hộ đã nhận phiếu: 8 (tám)" in text
    assert "Số phiếu không hợp lệ 1 (một)" in text
    assert "6/10 hộ = 60,0 % > 50 % — trúng cử" in text


def test_household_ballot_papers_cover_every_household_plus_spares(
    ballot_round, django_capture_on_commit_callbacks
):
    from pypdf import PdfReader

    from elections.count_documents import BALLOT_PAPERS

    with django_capture_on_commit_callbacks(execute=True):
        document = document_request(kind=BALLOT_PAPERS, source=contest(ballot_round))
    document.refresh_from_db()
    data = document.file.read()
    assert len(PdfReader(io.BytesIO(data)).pages) == 1 + 10 + 10  # the cover, then the ballots
    assert "Tổ phát phiếu thu lại phiếu tại hộ" in " ".join(pdf_text(data).split())


def test_no_more_ballots_than_households_reached(ballot_round, team):
    household = ballot_round.election.neighborhood.households.order_by("code").first()
    household_ballots.ballot_distribute(by=team[0], meeting=ballot_round, household=household)
    c = contest(ballot_round)
    with pytest.raises(ValidationError, match="Phiếu phát ra \\(2\\) nhiều hơn số hộ có mặt \\(1\\)"):
        results.tally_submit(
            by=team[0],
            meeting=ballot_round,
            contest=c,
            **secret_ballot({candidates_of(c)[0]: 1}, issued=2),
        )


# --- Interim head ---------------------------------------------------------------------


def test_an_interim_head_is_appointed_when_the_post_stays_vacant(
    failed, personas, django_capture_on_commit_callbacks
):
    decide_rerun(failed, personas)
    decision = decisions.interim_head_appoint(
        by=personas.p22_ubnd,
        election=failed.election,
        decided_on=dt.date(2024, 11, 20),
        full_name="Lý Văn Tạm",
        front_agreed_on=dt.date(2024, 10, 28),
        front_agreed_by="Phạm Thị Mặt Trận",
    )
    failed.election.refresh_from_db()
    assert failed.election.stage == Stage.INTERIM_HEAD
    text = read_back(DECISION, decision, django_capture_on_commit_callbacks)
    assert "Cử ông (bà) Lý Văn Tạm làm Trưởng Khu phố 1 lâm thời" in text


def test_no_interim_head_when_a_head_was_elected(head_only, personas):
    # Only the board's seat is re-run: the head's post is not vacant.
    decide_rerun(head_only, personas)
    with pytest.raises(ValidationError, match="Đã có Trưởng khu phố trúng cử"):
        decisions.interim_head_appoint(
            by=personas.p22_ubnd,
            election=head_only.election,
            decided_on=dt.date(2024, 11, 20),
            full_name="Lý Văn Tạm",
            front_agreed_on=dt.date(2024, 10, 28),
            front_agreed_by="Phạm Thị Mặt Trận",
        )


# --- Recognition, finality ------------------------------------------------------------


@pytest.fixture
def recognised(elected, personas):
    """Both posts recognised, each by its own authority (Luật Art. 21.2, 40.2.b)."""
    decisions.head_recognise(
        by=personas.p22_ubnd,
        election=elected.election,
        received_on=dt.date(2024, 10, 28),
        decided_on=dt.date(2024, 11, 1),
    )
    decisions.board_member_recognise(
        by=personas.p22_mttq,
        election=elected.election,
        received_on=dt.date(2024, 10, 28),
        decided_on=dt.date(2024, 11, 1),
    )
    elected.election.refresh_from_db()
    return elected


def test_recognition_is_tracked_against_five_working_days_from_receipt(recognised):
    election = recognised.election
    assert election.stage == Stage.RECOGNISED
    line = {line.key: line for line in checklist(election, dt.date(2024, 11, 30))}["recognition"]
    assert line.due == dt.date(2024, 11, 4)  # Mon 28/10 + 5 working days
    assert line.status == "done"


def test_the_recognition_decision_reads_back_in_figures_and_words(
    recognised, django_capture_on_commit_callbacks
):
    decision = Decision.objects.get(kind=DecisionKind.RECOGNISE_HEAD)
    text = read_back(DECISION, decision, django_capture_on_commit_callbacks)
    assert "Công nhận ông Nguyễn Văn head" in text
    assert "với 7 (bảy) hộ đồng ý trên tổng số 10 (mười) hộ gia đình của khu phố (70,0 %)" in text
    assert "QĐ-UBND" in text


def test_a_correction_is_a_new_version_and_reissues_the_recognition(
    recognised, personas, signers, django_capture_on_commit_callbacks
):
    head = contest(recognised)
    first_paper = issue(
        DECISION,
        Decision.objects.get(kind=DecisionKind.RECOGNISE_HEAD),
        django_capture_on_commit_callbacks,
        by=personas.p22_ubnd,
        signed_on=dt.date(2024, 11, 1),
        signer=signers.chairman,
    )
    original = current_result(head)
    corrected = results.result_correct(
        by=personas.p22_ubnd,
        result=original,
        reason="Cộng nhầm phiếu hợp lệ",
        **{
            k: v
            for k, v in secret_ballot({candidates_of(head)[0]: 6}, issued=7, invalid=1).items()
            if k != "method"
        },
    )
    original.refresh_from_db()
    assert (original.version, original.valid, corrected.version, corrected.valid) == (1, 7, 2, 6)
    assert current_result(head) == corrected
    new, old = Decision.objects.filter(kind=DecisionKind.RECOGNISE_HEAD).order_by("-version")
    assert new.supersedes == old and new.details["approvals"] == 6
    # The corrected decision is a new paper, with its own date and number, naming the first.
    paper = issue(
        DECISION,
        new,
        django_capture_on_commit_callbacks,
        by=personas.p22_ubnd,
        signed_on=dt.date(2024, 11, 5),
        signer=signers.chairman,
    )
    text = text_of(paper)
    assert paper.replaces == first_paper and paper.number == "02/QĐ-UBND"
    assert "Phường 22, ngày 05 tháng 11 năm 2024" in text
    assert (
        f"số {first_paper.number}, ký ngày 01/11/2024 (mã xác minh {first_paper.verification_code})" in text
    )
    assert "Lý do đính chính: Cộng nhầm phiếu hợp lệ" in text


def test_after_recognition_a_correction_cannot_change_who_was_elected(recognised, personas):
    head = contest(recognised)
    with pytest.raises(ValidationError, match="không được làm thay đổi người trúng cử"):
        results.result_correct(
            by=personas.p22_ubnd,
            result=current_result(head),
            reason="Đếm lại",
            **{
                k: v for k, v in secret_ballot({candidates_of(head)[0]: 5}, issued=7).items() if k != "method"
            },
        )
    assert ContestResult.objects.filter(contest=head).count() == 1


def test_the_minutes_read_back_with_every_item_in_figures_and_words(
    elected, django_capture_on_commit_callbacks
):
    text = read_back(COMMUNITY_DECISION, elected, django_capture_on_commit_callbacks)
    for expected in (
        "Tổng số hộ gia đình trong khu phố: 10 (mười)",
        "Số đại diện hộ gia đình tham dự: 7 (bảy), đạt 70,0 % tổng số hộ",
        "Số hộ gia đình không có đại diện tham dự: 3 (ba)",
        "Thư ký cuộc họp: ông (bà) Trần Thị Thư",
        "Bỏ phiếu kín, được 7 (bảy) đại diện hộ tán thành",
        "ông Nguyễn Văn head trúng cử Trưởng khu phố",
        "TỔ TRƯỞNG TỔ BẦU CỬ",
        "ĐẠI DIỆN HỘ GIA ĐÌNH",
    ):
        assert expected in text
    counting = read_back(COUNTING_MINUTES, elected, django_capture_on_commit_callbacks)
    assert "Số phiếu phát ra 7 (bảy)" in counting and "Số phiếu hợp lệ 7 (bảy)" in counting
    assert (
        "01 bản gửi Ủy ban nhân dân Phường 22; 01 bản gửi Ủy ban Mặt trận Tổ quốc Việt Nam Phường 22; "
        "01 bản lưu tại khu phố" in counting
    )


# --- Through the pages ----------------------------------------------------------------


def test_the_ward_decides_a_re_run_through_the_election_page(lacking, login, personas):
    client = login(personas.p22_ubnd)
    page = client.get(reverse("elections:election_detail", args=[lacking.election.pk])).content.decode()
    assert "Không có người trúng cử" in page and "Quyết định bầu lại" in page
    response = client.post(
        reverse("elections:election_decide", args=[lacking.election.pk, "rerun"]),
        with_token({"rerun-decided_on": "28/10/2024", "rerun-meeting_date": "10/11/2024"}, "rerun"),
    )
    lacking.election.refresh_from_db()
    assert lacking.election.stage == Stage.RERUN_PENDING
    page = client.get(response["Location"]).content.decode()
    assert "Đã quyết định bầu lại." in page
    # Waiting for the re-run, the ward may still choose household ballots or an interim head.
    assert "Ghi Kế hoạch phát phiếu" in page and "Cử Trưởng khu phố lâm thời" in page
    assert "Công nhận Trưởng khu phố</button>" not in page


def test_the_tally_page_shows_a_mismatch_side_by_side(login, personas, ready_election, team):
    meeting = meeting_services.meeting_open(by=team[0], election=ready_election)
    check_in_first(meeting, team[0], 6)
    meeting = run_procedure(meeting)
    head = contest(meeting)
    candidate = candidates_of(head)[0]
    url = reverse("elections:meeting_tally", args=[meeting.pk, head.pk])
    figures = {"issued": 6, "returned": 6, "valid": 6, "invalid": 0}
    login(team[0]).post(url, {**figures, f"candidate_{candidate.pk}": 6})
    client = login(team[1])
    page = client.post(url, {**figures, f"candidate_{candidate.pk}": 5}, follow=True).content.decode()
    assert "Hai lần nhập không khớp" in page
    assert "<td>Nguyễn Văn head</td><td>6</td><td>5</td>" in page
    refused = client.post(url, {**figures, "valid": 4, f"candidate_{candidate.pk}": 5}).content.decode()
    assert "Phiếu hợp lệ (4) + không hợp lệ (0) = 4, khác số phiếu thu vào (6)." in refused


@pytest.mark.django_db(transaction=True)
def test_three_simultaneous_identical_re_run_decisions_record_one(failed, personas):
    from django.test import Client

    from elections.models import Decision
    from tests.concurrency import at_once

    data = with_token({"rerun-decided_on": "28/10/2024", "rerun-meeting_date": "10/11/2024"}, "rerun")
    url = reverse("elections:election_decide", args=[failed.election.pk, "rerun"])
    clients = [Client() for _ in range(3)]
    for client in clients:
        client.force_login(personas.p22_ubnd, backend="django.contrib.auth.backends.ModelBackend")

    responses, errors = at_once(lambda client: (client, client.post(url, data)), [(c,) for c in clients])

    assert errors == []
    assert Decision.objects.filter(election=failed.election, kind="rerun").count() == 1
    assert {r["Location"] for _c, r in responses} == {
        reverse("elections:election_detail", args=[failed.election.pk])
    }
    pages = [client.get(response["Location"]).content.decode() for client, response in responses]
    assert sum("Biểu mẫu này đã được gửi; đây là kết quả lần gửi trước." in page for page in pages) == 2


# --- The household-ballot gate (Luật Art. 19.1.b; NĐ 59 Art. 4.1.b) -------------------


def test_household_ballots_are_refused_after_a_meeting_with_more_than_half_present(failed, personas):
    with pytest.raises(ValidationError, match="6/10 hộ tham dự, quá 50 % tổng số hộ") as error:
        start_round(failed.election, personas.p22_ubnd)
    assert "Điều 19.1.b" in str(error.value) and "chỉ có thể bầu lại" in str(error.value)
    failed.election.refresh_from_db()
    assert failed.election.stage == Stage.COUNTED


def test_household_ballots_stay_refused_after_the_re_run_is_decided(failed, personas):
    decide_rerun(failed, personas)
    with pytest.raises(ValidationError, match="chỉ có thể bầu lại"):
        start_round(failed.election, personas.p22_ubnd)


def test_the_election_page_offers_household_ballots_only_after_a_meeting_that_lacked_households(
    failed, login, personas
):
    url = reverse("elections:election_detail", args=[failed.election.pk])
    page = login(personas.p22_ubnd).get(url).content.decode()
    assert "Quyết định bầu lại" in page and "Ghi Kế hoạch phát phiếu" not in page


def test_the_election_page_offers_household_ballots_after_half_or_fewer_came(lacking, login, personas):
    url = reverse("elections:election_detail", args=[lacking.election.pk])
    page = login(personas.p22_ubnd).get(url).content.decode()
    assert "Ghi Kế hoạch phát phiếu" in page


# --- Interim head: only while a re-run is pending, never the end ------------------------


def test_no_interim_head_before_a_re_run_is_decided(failed, personas):
    with pytest.raises(ValidationError) as error:
        decisions.interim_head_appoint(
            by=personas.p22_ubnd,
            election=failed.election,
            decided_on=dt.date(2024, 10, 28),
            full_name="Lý Văn Tạm",
            front_agreed_on=dt.date(2024, 10, 28),
            front_agreed_by="Phạm Thị Mặt Trận",
        )
    assert error.value.error_list[0].code == "wrong_stage"
    assert "Cử Trưởng khu phố lâm thời" in str(error.value)


def test_the_re_run_is_held_after_an_interim_head_and_elects_the_head(failed, personas, team):
    decide_rerun(failed, personas)
    decisions.interim_head_appoint(
        by=personas.p22_ubnd,
        election=failed.election,
        decided_on=dt.date(2024, 10, 30),
        full_name="Lý Văn Tạm",
        front_agreed_on=dt.date(2024, 10, 28),
        front_agreed_by="Phạm Thị Mặt Trận",
    )
    election = failed.election
    election.refresh_from_db()
    assert election.stage == Stage.INTERIM_HEAD
    # The re-run still to come: the ward sets its date as for any meeting, no correction needed.
    election_schedule(
        by=personas.p22_ubnd,
        election=election,
        meeting_date=dt.date(2024, 10, 31),
        meeting_time=dt.time(8, 0),
        meeting_place="Nhà văn hóa khu phố",
    )
    election.refresh_from_db()
    assert election.meeting_date == dt.date(2024, 10, 31)
    assert election.stage == Stage.INTERIM_HEAD
    second = hold_meeting(election, team, present=8)
    assert second.number == 2 and election.stage == Stage.COUNTED
    assert unelected_contests(election) == []
    decisions.head_recognise(
        by=personas.p22_ubnd,
        election=election,
        received_on=dt.date(2024, 11, 11),
        decided_on=dt.date(2024, 11, 12),
    )
    # The board seat was refilled at the same re-run: the Front recognises it on its own.
    decisions.board_member_recognise(
        by=personas.p22_mttq,
        election=election,
        received_on=dt.date(2024, 11, 11),
        decided_on=dt.date(2024, 11, 12),
    )
    election.refresh_from_db()
    assert election.stage == Stage.RECOGNISED


def test_an_interim_head_counts_as_not_done_in_the_progress_figures(failed, personas, hcm_map):
    from reporting import progress

    decide_rerun(failed, personas)
    decisions.interim_head_appoint(
        by=personas.p22_ubnd,
        election=failed.election,
        decided_on=dt.date(2024, 10, 30),
        full_name="Lý Văn Tạm",
        front_agreed_on=dt.date(2024, 10, 28),
        front_agreed_by="Phạm Thị Mặt Trận",
    )
    figures = progress.progress(hcm_map.p22, dt.date(2024, 10, 30))
    assert figures.total.stages.get(Stage.INTERIM_HEAD) == 1
    assert figures.total.done == 0


def test_the_checklist_shows_the_re_run_due_date_with_its_basis(failed, login, personas):
    url = reverse("elections:election_detail", args=[failed.election.pk])
    assert "Tổ chức bầu lại" not in login(personas.p22_ubnd).get(url).content.decode()
    decide_rerun(failed, personas)
    lines = {line.key: line for line in checklist_with_rerun(failed.election)}
    assert lines["rerun"].due == dt.date(2024, 11, 11)  # 27/10 + 15 days
    page = login(personas.p22_ubnd).get(url).content.decode()
    assert "Tổ chức bầu lại" in page and "11/11/2024" in page
    assert "NĐ 59/2023, Điều 8 không quy định thời hạn; mặc định 15 ngày" in page


def test_the_re_run_line_is_done_once_the_new_sitting_is_held(failed, personas, team):
    decide_rerun(failed, personas)
    hold_meeting(failed.election, team, present=8)
    line = {line.key: line for line in checklist_with_rerun(failed.election)}["rerun"]
    assert line.key == "rerun" and line.done_on == dt.date(2024, 11, 10) and line.status == "done"


def checklist_with_rerun(election):
    from elections.selectors.plans import election_checklist

    election.refresh_from_db()
    return election_checklist(election, dt.date(2024, 11, 1))


# --- The board's seats on its page ----------------------------------------------------


def test_the_board_page_shows_its_seats_with_the_basis(plans, login, personas):
    from elections import rules

    plan = plans["ward"]
    count = plan.elections.count()
    page = (
        login(personas.p22_mttq).get(reverse("elections:inspection_board", args=[plan.pk])).content.decode()
    )
    assert f"Số thành viên của Ban: <strong>{rules.inspection_board_seats(count)}</strong>" in page
    assert "Luật 10/2022/QH15, Điều 36.1" in page


def test_the_ward_front_issues_its_own_recognition_of_a_board_member_and_the_ward_does_not(
    recognised, personas, signers, login, django_capture_on_commit_callbacks
):
    decision = Decision.objects.get(kind=DecisionKind.RECOGNISE_BOARD_MEMBER)
    with django_capture_on_commit_callbacks(execute=True):
        paper = document_request(kind=DECISION, source=decision)
    url = reverse("reporting:document_issue", args=[paper.pk])
    signed = {"signed_on": "01/11/2024", "signer": signers.front_chairman.pk}
    assert login(personas.p22_ubnd).post(url, signed).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        response = login(personas.p22_mttq).post(url, signed)
    assert response.status_code == 302
    issued = StoredDocument.objects.get(state=DocumentState.ISSUED)
    assert (issued.number, issued.signer_name) == ("01/QĐ-MTTQ", "Đặng Văn Hải")
    assert "TM. BAN THƯỜNG TRỰC CHỦ TỊCH Đặng Văn Hải" in text_of(issued)
