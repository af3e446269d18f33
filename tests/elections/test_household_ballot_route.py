"""The household-ballot route step by step (Luật Art. 19-20; NĐ 59 Art. 4): the services,
the papers and the pages, on Khu phố 1 (10 households, 5 present at the failed meeting)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from elections import rules
from elections.count_documents import (
    HOUSEHOLD_BALLOT_DECISION,
    HOUSEHOLD_BALLOT_MINUTES,
    HOUSEHOLD_BALLOT_PAPER,
)
from elections.models import BallotRound, Decision, Election, Meeting, PlannerRole, Stage
from elections.selectors import meeting as meeting_selectors
from elections.selectors.count import candidates_of
from elections.selectors.plans import election_checklist
from elections.services import household_ballots, results
from elections.services import meeting as meeting_services
from reporting.progress import overdue_conditions
from reporting.services import document_request
from tests.elections import ballot_helpers as steps
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

D = dt.date


@pytest.fixture
def team(personas):
    return personas.p22_kp1_tobaucu, personas.p22_kp1_thuky


@pytest.fixture
def lacking(ready_election, team):
    """Khu phố 1 on 27/10/2024: 5 of 10 present -- nobody could be elected, household ballots open."""
    meeting = meeting_services.meeting_open(by=team[0], election=ready_election)
    check_in_first(meeting, team[0], 5)
    meeting = run_procedure(meeting)
    vote_every_contest(meeting, *team)
    ready_election.refresh_from_db()
    assert ready_election.stage == Stage.COUNTED
    return ready_election


def read_back(kind, source, django_capture_on_commit_callbacks) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        document = document_request(kind=kind, source=source)
    document.refresh_from_db()
    return " ".join(pdf_text(document.file.read()).split())


def hand_out_and_count(meeting, team, reached: int, approvals: int):
    for household in meeting.election.neighborhood.households.order_by("code")[:reached]:
        ballot = household_ballots.ballot_distribute(by=team[0], meeting=meeting, household=household)
        household_ballots.ballot_return(by=team[0], ballot=ballot)
    for c in meeting_selectors.contests_to_vote(meeting):
        enter_twice(meeting, c, *team, secret_ballot({candidates_of(c)[0]: approvals}, issued=reached))
    meeting.refresh_from_db()


# --- 1. The plan is the khu phố head's (NĐ 59 Art. 4.2) --------------------------------------


def test_the_plan_is_recorded_as_the_heads_and_no_ward_decision_is_made(lacking, personas):
    meeting = steps.start_round(lacking, personas.p22_ubnd)
    lacking.refresh_from_db()
    assert lacking.stage == Stage.HOUSEHOLD_BALLOTS
    assert lacking.ballot_collection_ends_on == steps.DEADLINE
    plan = BallotRound.objects.get(meeting=meeting)
    assert (plan.planner_name, plan.planner_role, plan.front_head_name) == (
        "Nguyễn Văn Trưởng",
        PlannerRole.HEAD,
        "Võ Thị Mặt Trận",
    )
    assert (plan.plan_number, plan.plan_issued_on, plan.plan_sent_on) == (
        "01/KH-KP",
        steps.PLAN_ISSUED,
        steps.PLAN_SENT,
    )
    assert not Decision.objects.filter(election=lacking).exists()
    assert meeting.ballot_team == [] and meeting.ballot_deadline == steps.DEADLINE


def test_a_plan_without_the_front_committee_head_is_refused_and_nothing_is_saved(lacking, personas):
    with pytest.raises(ValidationError, match="Trưởng ban công tác Mặt trận khu phố"):
        steps.start_round(lacking, personas.p22_ubnd, front_head_name="  ")
    lacking.refresh_from_db()
    assert lacking.stage == Stage.COUNTED and lacking.ballot_collection_ends_on is None
    assert not Meeting.objects.filter(election=lacking, mode="household_ballots").exists()


def test_a_plan_sent_three_days_after_issue_is_accepted_and_flagged_late(lacking, personas):
    steps.start_round(lacking, personas.p22_ubnd, plan_sent_on=D(2024, 10, 31))
    lacking.refresh_from_db()
    lines = {line.key: line for line in election_checklist(lacking, D(2024, 12, 1))}
    sent = lines["ballot_plan_sent"]
    assert sent.status == rules.DONE_LATE and sent.due == D(2024, 10, 30) and not sent.recordable


def test_a_convener_makes_the_plan_while_the_post_is_vacant(lacking, personas):
    meeting = steps.start_round(lacking, personas.p22_ubnd, planner_role=PlannerRole.CONVENER)
    assert meeting.ballot_round.get_planner_role_display().startswith(
        "Người được Chủ tịch UBND phường chỉ định"
    )


def test_the_community_decision_is_due_five_working_days_after_the_collection_ends(lacking, personas):
    # Meeting-based, it would have been due 01/11/2024; collection ends 08/11/2024: due 15/11/2024.
    steps.start_round(lacking, personas.p22_ubnd)
    lacking.refresh_from_db()
    line = {line.key: line for line in election_checklist(lacking, D(2024, 11, 12))}["community_decision"]
    assert line.due == D(2024, 11, 15) and line.status == rules.DUE
    assert "NĐ 59/2023, Điều 4.7" in line.basis


def test_the_dashboard_counts_the_decision_late_from_the_end_of_collection(lacking, personas):
    steps.start_round(lacking, personas.p22_ubnd)
    late = overdue_conditions(D(2024, 11, 12), rules.DEFAULTS)["community_decision"]
    assert not Election.objects.filter(late, pk=lacking.pk).exists()
    late = overdue_conditions(D(2024, 11, 18), rules.DEFAULTS)["community_decision"]
    assert Election.objects.filter(late, pk=lacking.pk).exists()


def test_an_election_without_household_ballots_keeps_the_meeting_clock_on_the_dashboard(lacking):
    late = overdue_conditions(D(2024, 11, 4), rules.DEFAULTS)["community_decision"]
    assert Election.objects.filter(late, pk=lacking.pk).exists()


# --- 2. The team, decided by the head (NĐ 59 Art. 4.3) --------------------------------------


def test_the_team_is_decided_by_the_head_led_by_the_front_representative(lacking, personas):
    meeting = steps.start_round(lacking, personas.p22_ubnd)
    steps.decide_team(meeting, personas.p22_ubnd)
    meeting.refresh_from_db()
    assert meeting.ballot_team == steps.TEAM
    assert (meeting.ballot_round.team_decided_by, meeting.ballot_round.team_decided_on) == (
        "Nguyễn Văn Trưởng",
        steps.TEAM_DECIDED,
    )
    assert not Decision.objects.filter(election=lacking).exists()


def test_a_team_not_led_by_the_front_representative_is_refused(lacking, personas):
    meeting = steps.start_round(lacking, personas.p22_ubnd)
    with pytest.raises(ValidationError, match="Tổ trưởng Tổ phát phiếu là đại diện Ban công tác Mặt trận"):
        household_ballots.ballot_team_decide(
            by=personas.p22_ubnd,
            meeting=meeting,
            decided_by="",
            decided_on=steps.TEAM_DECIDED,
            leader="Trần Văn Bình",
            members=["Lê Thị Cúc", "Phạm Văn Dân"],
            leader_represents_front=False,
        )
    meeting.refresh_from_db()
    assert meeting.ballot_team == [] and meeting.ballot_round.team_decided_on is None


def test_the_team_cannot_change_once_the_notice_announced_it(lacking, personas):
    meeting = steps.start_round(lacking, personas.p22_ubnd)
    steps.decide_team(meeting, personas.p22_ubnd)
    steps.decide_team(meeting, personas.p22_ubnd, team=["Trần Văn Bình", "Lê Thị Cúc", "Hồ Văn Giang"])
    steps.give_notice(meeting, personas.p22_ubnd)
    with pytest.raises(ValidationError, match="Đã thông báo công khai thành phần Tổ phát phiếu"):
        steps.decide_team(meeting, personas.p22_ubnd)
    meeting.refresh_from_db()
    assert meeting.ballot_team == ["Trần Văn Bình", "Lê Thị Cúc", "Hồ Văn Giang"]


# --- 3. The notice, at least 2 days before distribution (Luật 19.2; NĐ 59 Art. 4.4) ----------


def test_the_notice_needs_the_team_first(lacking, personas):
    meeting = steps.start_round(lacking, personas.p22_ubnd)
    with pytest.raises(ValidationError, match="Chưa có quyết định thành lập Tổ phát phiếu"):
        steps.give_notice(meeting, personas.p22_ubnd)


def test_a_notice_one_day_before_distribution_is_refused(lacking, personas):
    meeting = steps.start_round(lacking, personas.p22_ubnd)
    steps.decide_team(meeting, personas.p22_ubnd)
    with pytest.raises(ValidationError, match="tức là đến ngày 30/10/2024"):
        steps.give_notice(meeting, personas.p22_ubnd, noticed_on=D(2024, 10, 31))
    meeting.ballot_round.refresh_from_db()
    assert meeting.ballot_round.noticed_on is None


def test_no_ballot_before_the_notice_nor_before_the_announced_day(lacking, personas, team):
    meeting = steps.start_round(lacking, personas.p22_ubnd)
    steps.decide_team(meeting, personas.p22_ubnd)
    household = lacking.neighborhood.households.order_by("code").first()
    with pytest.raises(ValidationError, match="Chưa thông báo công khai việc phát phiếu"):
        household_ballots.ballot_distribute(by=team[0], meeting=meeting, household=household)
    steps.give_notice(meeting, personas.p22_ubnd)
    with pytest.raises(ValidationError, match="Chưa đến ngày phát phiếu đã thông báo \\(01/11/2024\\)"):
        household_ballots.ballot_distribute(
            by=team[0], meeting=meeting, household=household, on=D(2024, 10, 31)
        )
    assert not meeting.household_ballots.exists()
    household_ballots.ballot_distribute(by=team[0], meeting=meeting, household=household, on=D(2024, 11, 1))
    with pytest.raises(ValidationError, match="Đã phát phiếu: không ghi lại thông báo"):
        steps.give_notice(meeting, personas.p22_ubnd)


# --- 5. The count with 2 household witnesses, on its day (NĐ 59 Art. 4.6.a) ------------------


def test_the_count_is_refused_until_the_count_day_and_two_witnesses_are_recorded(lacking, personas, team):
    meeting = steps.ready_round(lacking, personas.p22_ubnd, count=False)
    household = lacking.neighborhood.households.order_by("code").first()
    household_ballots.ballot_distribute(by=team[0], meeting=meeting, household=household)
    c = contest(meeting)
    with pytest.raises(
        ValidationError, match="Chưa ghi ngày kiểm phiếu và 02 đại diện hộ gia đình chứng kiến"
    ):
        results.tally_submit(
            by=team[0], meeting=meeting, contest=c, **secret_ballot({candidates_of(c)[0]: 1}, issued=1)
        )
    with pytest.raises(ValidationError, match="Cần đúng 2 đại diện hộ gia đình .*Điều 4.6.a"):
        steps.prepare_count(meeting, personas.p22_ubnd, witnesses=["Đỗ Văn Dũng"])
    with pytest.raises(ValidationError, match="không phải thành viên Tổ phát phiếu"):
        steps.prepare_count(meeting, personas.p22_ubnd, witnesses=["Đỗ Văn Dũng", "Lê Thị Cúc"])
    with pytest.raises(ValidationError, match="trước ngày bắt đầu phát phiếu"):
        steps.prepare_count(meeting, personas.p22_ubnd, counted_on=D(2024, 10, 31))
    steps.prepare_count(meeting, personas.p22_ubnd)
    results.tally_submit(
        by=team[0], meeting=meeting, contest=c, **secret_ballot({candidates_of(c)[0]: 1}, issued=1)
    )
    with pytest.raises(ValidationError, match="Đã bắt đầu kiểm phiếu"):
        steps.prepare_count(meeting, personas.p22_ubnd)


def test_a_round_started_before_the_steps_existed_goes_on_as_it_was(lacking, team):
    legacy = Meeting.objects.create(
        election=lacking,
        number=2,
        household_total=10,
        mode="household_ballots",
        voting_method="secret_ballot",
    )
    household = lacking.neighborhood.households.order_by("code").first()
    household_ballots.ballot_distribute(by=team[0], meeting=legacy, household=household)
    with pytest.raises(ValidationError, match="trước khi có Kế hoạch của Trưởng khu phố"):
        steps.decide_team(legacy, team[0])


# --- 4-6. The papers --------------------------------------------------------------------------


def test_form_04_is_dated_the_count_day_and_lists_the_witnesses(
    lacking, personas, team, django_capture_on_commit_callbacks
):
    meeting = steps.ready_round(lacking, personas.p22_ubnd)
    hand_out_and_count(meeting, team, reached=8, approvals=6)
    paper = issue(
        HOUSEHOLD_BALLOT_MINUTES,
        meeting,
        django_capture_on_commit_callbacks,
        by=personas.p22_ubnd,
        signed_on=dt.date(2024, 11, 8),
    )
    text = text_of(paper)
    assert "Khu phố 1, ngày 08 tháng 11 năm 2024" in text
    assert "Kiểm phiếu lấy ý kiến bằng phiếu tại hộ gia đình (Mẫu số 04" in text
    assert "chứng kiến việc kiểm phiếu: ông (bà) Đỗ Văn Dũng, ông (bà) Ngô Thị Em" in text
    assert "Kế hoạch số 01/KH-KP ngày 28/10/2024 của Trưởng khu phố" in text
    assert "ĐẠI DIỆN HỘ GIA ĐÌNH CHỨNG KIẾN" in text
    assert "Số hộ đã nhận phiếu: 8 (tám)" in text


def test_the_community_decision_states_what_luat_article_20_2_requires(
    lacking, personas, team, django_capture_on_commit_callbacks
):
    meeting = steps.ready_round(lacking, personas.p22_ubnd)
    hand_out_and_count(meeting, team, reached=8, approvals=6)
    text = read_back(HOUSEHOLD_BALLOT_DECISION, meeting, django_capture_on_commit_callbacks)
    assert "QUYẾT ĐỊNH CỦA CỘNG ĐỒNG DÂN CƯ" in text
    assert "từ ngày 01/11/2024 đến ngày 08/11/2024" in text  # a) time
    assert "Tổng số hộ gia đình thuộc cộng đồng dân cư: 10 (mười)" in text  # b)
    assert "Số đại diện hộ gia đình tham gia (phiếu thu về): 8 (tám)" in text
    assert "Số hộ gia đình không có đại diện tham gia: 2 (hai)" in text
    assert "Nguyễn Văn head" in text  # c) what was decided on
    assert "phát phiếu lấy ý kiến của từng hộ gia đình" in text  # d) the form
    assert "6/10 hộ = 60,0 % > 50 % — trúng cử" in text  # đ) the result
    assert "ông Nguyễn Văn head trúng cử Trưởng khu phố" in text  # e) the decision
    assert "chậm nhất ngày 15/11/2024" in text
    for signer in ("Nguyễn Văn Trưởng", "Võ Thị Mặt Trận", "Đỗ Văn Dũng", "Ngô Thị Em"):  # g)
        assert signer in text
    assert "TRƯỞNG BAN CÔNG TÁC MẶT TRẬN KHU PHỐ" in text


def test_the_ballot_paper_has_everything_article_4_5_asks_and_the_heads_signature(
    lacking, personas, django_capture_on_commit_callbacks
):
    from pypdf import PdfReader

    meeting = steps.ready_round(lacking, personas.p22_ubnd, count=False)
    with django_capture_on_commit_callbacks(execute=True):
        document = document_request(kind=HOUSEHOLD_BALLOT_PAPER, source=meeting)
    document.refresh_from_db()
    data = document.file.read()
    import io

    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 2  # how to print it, then the ballot to copy
    cover = " ".join(reader.pages[0].extract_text().split())
    assert "In 10 (mười) phiếu" in cover and "mỗi hộ gia đình của khu phố một phiếu" in cover
    first = " ".join(pdf_text(data).split("Căn cứ: Kế hoạch số 01/KH-KP ngày 28/10/2024.")[1].split())
    assert "PHIẾU LẤY Ý KIẾN HỘ GIA ĐÌNH" in first
    assert "Về việc bầu Trưởng khu phố và thành viên Ban Thanh tra nhân dân Khu phố 1" in first
    assert "Nguyễn Văn head" in first and "Nguyễn Văn inspection_board" in first
    assert "Đồng ý" in first and "Không đồng ý" in first and "Hướng dẫn cách lựa chọn" in first
    assert "Ý kiến khác (nếu có)" in first
    assert "Thời hạn thu phiếu: ngày 08 tháng 11 năm 2024" in first
    # The head's signature block closes the ballot, at the bottom right.
    assert first.endswith("TRƯỞNG KHU PHỐ (Ký trực tiếp, ghi rõ họ tên) Nguyễn Văn Trưởng")


# --- 7. The pages -----------------------------------------------------------------------------


def test_the_steps_are_entered_through_the_pages_each_offered_only_when_it_can_succeed(
    lacking, login, personas
):
    client = login(personas.p22_ubnd)
    response = client.post(
        reverse("elections:election_decide", args=[lacking.pk, "household_ballots"]),
        with_token(
            {
                "household_ballots-planner_name": "Nguyễn Văn Trưởng",
                "household_ballots-planner_role": "head",
                "household_ballots-front_head_name": "Võ Thị Mặt Trận",
                "household_ballots-plan_number": "01/KH-KP",
                "household_ballots-plan_issued_on": "28/10/2024",
                "household_ballots-plan_sent_on": "29/10/2024",
                "household_ballots-deadline": "08/11/2024",
            },
            "household_ballots",
        ),
    )
    assert response.status_code == 302
    election_page = client.get(response["Location"]).content.decode()
    assert "Đã ghi Kế hoạch phát phiếu lấy ý kiến hộ gia đình của Trưởng khu phố." in election_page
    meeting = Meeting.objects.get(election=lacking, mode="household_ballots")
    url = reverse("elections:meeting_household_ballots", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert "01/KH-KP" in page and "Võ Thị Mặt Trận" in page
    assert "Quyết định thành lập Tổ phát phiếu (Trưởng khu phố)" in page
    assert "Ghi thông báo" not in page and "Phát</button>" not in page

    step = lambda name: reverse("elections:ballot_round_step", args=[meeting.pk, name])  # noqa: E731
    client.post(
        step("team"),
        {
            "team-decided_by": "Nguyễn Văn Trưởng",
            "team-decided_on": "29/10/2024",
            "team-leader": "Trần Văn Bình",
            "team-leader_represents_front": "on",
            "team-members": "Lê Thị Cúc\nPhạm Văn Dân",
        },
    )
    page = client.get(url).content.decode()
    assert "Trần Văn Bình, Lê Thị Cúc, Phạm Văn Dân" in page and "Ghi thông báo" in page
    assert "Phát</button>" not in page

    # Too short a notice: refused with the rule, nothing recorded.
    response = client.post(
        step("notice"), {"notice-noticed_on": "31/10/2024", "notice-distribution_starts_on": "01/11/2024"}
    )
    page = client.get(response["Location"]).content.decode()
    assert "tức là đến ngày 30/10/2024" in page and "chưa thông báo" in page

    client.post(
        step("notice"), {"notice-noticed_on": "30/10/2024", "notice-distribution_starts_on": "01/11/2024"}
    )
    page = client.get(url).content.decode()
    assert "ngày 30/10/2024, phát phiếu từ ngày 01/11/2024" in page
    assert "Quyết định thành lập Tổ phát phiếu (Trưởng khu phố)" not in page
    assert "Ngày kiểm phiếu và 02 đại diện hộ chứng kiến" in page
    assert "In phiếu lấy ý kiến" in page

    client.post(
        step("count"),
        {"count-counted_on": "08/11/2024", "count-witness_1": "Đỗ Văn Dũng", "count-witness_2": "Ngô Thị Em"},
    )
    page = client.get(url).content.decode()
    assert "ngày 08/11/2024" in page and "Đỗ Văn Dũng, Ngô Thị Em" in page
    assert "Chưa ghi ngày kiểm phiếu" not in page


def test_the_election_team_may_enter_the_steps_a_district_reader_may_not(lacking, login, personas):
    meeting = steps.start_round(lacking, personas.p22_ubnd)
    url = reverse("elections:ballot_round_step", args=[meeting.pk, "team"])
    data = {
        "team-decided_by": "",
        "team-decided_on": "29/10/2024",
        "team-leader": "Trần Văn Bình",
        "team-leader_represents_front": "on",
        "team-members": "Lê Thị Cúc\nPhạm Văn Dân",
    }
    assert login(personas.binhthanh_noivu).post(url, data).status_code == 404
    assert login(personas.p22_kp1_tobaucu).post(url, data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.ballot_team == steps.TEAM and meeting.ballot_round.team_decided_by == "Nguyễn Văn Trưởng"


def test_household_ballots_chosen_after_a_re_run_was_decided_run_the_decision_from_collection(
    lacking, personas
):
    from elections.services import decisions

    decisions.rerun_decide(
        by=personas.p22_ubnd, election=lacking, decided_on=D(2024, 10, 28), meeting_date=D(2024, 11, 10)
    )
    steps.start_round(lacking, personas.p22_ubnd)
    lacking.refresh_from_db()
    line = {line.key: line for line in election_checklist(lacking, D(2024, 11, 12))}["community_decision"]
    assert line.due == D(2024, 11, 15) and "Điều 4.7" in line.basis


def test_a_re_run_after_a_failed_round_runs_the_decision_from_the_re_run_again(lacking, personas, team):
    from elections.services import decisions

    meeting = steps.ready_round(lacking, personas.p22_ubnd)
    hand_out_and_count(meeting, team, reached=4, approvals=4)  # 4 of 10: nobody elected
    lacking.refresh_from_db()
    assert lacking.stage == Stage.COUNTED
    decisions.rerun_decide(
        by=personas.p22_ubnd, election=lacking, decided_on=D(2024, 11, 12), meeting_date=D(2024, 11, 24)
    )
    lacking.refresh_from_db()
    assert lacking.ballot_collection_ends_on is None
    line = {line.key: line for line in election_checklist(lacking, D(2024, 11, 25))}["community_decision"]
    assert line.due == rules.working_days_after(D(2024, 11, 24), 5) and "Điều 3.5" in line.basis
