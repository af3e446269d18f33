"""The ward's other answers after the count (NĐ 59 Art. 8; Luật Art. 22), the Front's
recognition of each board member through its page, and their papers."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from elections import rules
from elections.count_documents import DECISION
from elections.models import ContestKind, ContestResult, Decision, DecisionKind, Election, Stage
from elections.selectors.count import current_result, unelected_contests
from elections.selectors.meeting import contests_to_vote
from elections.selectors.plans import election_checklist
from elections.services import decisions, results
from reporting import progress
from tests.elections.count_helpers import contest
from tests.elections.test_after_the_count import hold_meeting, read_back
from tests.forms import with_token


@pytest.fixture
def team(personas):
    return personas.p22_kp1_tobaucu, personas.p22_kp1_thuky


@pytest.fixture
def elected(ready_election, team):
    """Khu phố 1: 7 of 10 present, both posts elected."""
    return hold_meeting(ready_election, team, present=7)


def page_of(client, election) -> str:
    return client.get(reverse("elections:election_detail", args=[election.pk])).content.decode()


# --- The written answer (NĐ 59 Art. 8) ---------------------------------------------------


def test_the_written_answer_needs_its_reasons(elected, personas):
    with pytest.raises(ValidationError, match="Ghi rõ lý do"):
        decisions.ward_answer(
            by=personas.p22_ubnd,
            election=elected.election,
            received_on=dt.date(2024, 10, 28),
            decided_on=dt.date(2024, 10, 30),
            reason="  ",
        )
    assert not Decision.objects.exists()


def test_the_ward_answers_in_writing_through_the_election_page(
    elected, login, personas, django_capture_on_commit_callbacks
):
    client = login(personas.p22_ubnd)
    assert "Trả lời bằng văn bản" in page_of(client, elected.election)
    client.post(
        reverse("elections:election_decide", args=[elected.election.pk, "answer"]),
        with_token(
            {
                "answer-received_on": "28/10/2024",
                "answer-decided_on": "30/10/2024",
                "answer-reason": "Biên bản thiếu chữ ký của 02 đại diện hộ gia đình.",
            },
            "answer",
        ),
    )
    answer = Decision.objects.get(kind=DecisionKind.WRITTEN_ANSWER)
    elected.election.refresh_from_db()
    assert elected.election.stage == Stage.COUNTED, "the ward may still recognise"
    assert answer.details["deadline"] == "04/11/2024"  # Mon 28/10 + 5 working days
    assert elected.election.community_decision_on == dt.date(2024, 10, 28)
    text = read_back(DECISION, answer, django_capture_on_commit_callbacks)
    assert "V/v trả lời về kết quả bầu cử Trưởng khu phố tại Khu phố 1" in text
    assert "Kính gửi: Ban công tác Mặt trận Khu phố 1" in text
    assert "Lý do: Biên bản thiếu chữ ký của 02 đại diện hộ gia đình." in text
    assert "Điều 8 Nghị định số 59/2023/NĐ-CP" in text and "/UBND" in text and "QĐ-UBND" not in text


def test_no_written_answer_once_the_head_is_recognised(elected, login, personas):
    decisions.head_recognise(
        by=personas.p22_ubnd,
        election=elected.election,
        received_on=dt.date(2024, 10, 28),
        decided_on=dt.date(2024, 10, 30),
    )
    assert "Trả lời bằng văn bản" not in page_of(login(personas.p22_ubnd), elected.election)
    with pytest.raises(ValidationError, match="Trưởng khu phố đã được công nhận"):
        decisions.ward_answer(
            by=personas.p22_ubnd,
            election=elected.election,
            received_on=dt.date(2024, 10, 28),
            decided_on=dt.date(2024, 10, 30),
            reason="x",
        )


# --- Annulment and the request to amend (Luật Art. 22) -------------------------------------


def test_annulling_the_community_decision_sends_the_election_to_a_re_run(
    elected, login, personas, team, django_capture_on_commit_callbacks
):
    client = login(personas.p22_ubnd)
    assert "Bãi bỏ quyết định của cộng đồng dân cư" in page_of(client, elected.election)
    client.post(
        reverse("elections:election_decide", args=[elected.election.pk, "annul"]),
        with_token(
            {
                "annul-decided_on": "30/10/2024",
                "annul-ground": rules.IRREGULAR_PROCEDURE,
                "annul-reason": "Cuộc họp không lập danh sách hộ tham dự.",
                "annul-meeting_date": "10/11/2024",
            },
            "annul",
        ),
    )
    election = elected.election
    election.refresh_from_db()
    assert election.stage == Stage.RERUN_PENDING and election.meeting_date == dt.date(2024, 11, 10)
    assert [c.kind for c in unelected_contests(election)] == [ContestKind.HEAD, ContestKind.INSPECTION_BOARD]
    head = current_result(contest(elected))
    assert head.version == 2 and head.elected is None and "Bị bãi bỏ" in head.reason
    assert ContestResult.objects.filter(meeting=elected, version=1, elected__isnull=False).count() == 2
    annul = Decision.objects.get(kind=DecisionKind.ANNUL)
    text = read_back(DECISION, annul, django_capture_on_commit_callbacks)
    assert "Bãi bỏ quyết định của cộng đồng dân cư Khu phố 1 tại cuộc họp ngày 27/10/2024" in text
    assert "không tuân thủ quy định về trình tự, thủ tục (điểm b khoản 1 Điều 22" in text
    assert "Tổ chức bầu cử lại tại Khu phố 1 vào ngày 10/11/2024" in text
    # The annulled result is not corrected back into force, and no link offers it.
    assert reverse("elections:result_correct", args=[head.pk]) not in page_of(client, election)
    with pytest.raises(ValidationError, match="đã bị bãi bỏ"):
        results.result_correct(
            by=personas.p22_ubnd,
            result=head,
            reason="Đếm lại",
            figures={"issued": 7, "returned": 7, "valid": 7, "invalid": 0},
            counts={str(k): v for k, v in head.counts.items()},
        )
    # The re-run votes both posts again, and its due date shows on the checklist.
    rerun = {line.key: line for line in election_checklist(election, dt.date(2024, 11, 1))}["rerun"]
    assert rerun.due == dt.date(2024, 11, 11) and "mặc định 15 ngày" in rerun.basis
    second = hold_meeting(election, team, present=8)
    assert [c.kind for c in contests_to_vote(second)] == [ContestKind.HEAD, ContestKind.INSPECTION_BOARD]
    assert unelected_contests(election) == []


def test_no_annulment_once_a_post_of_the_sitting_is_recognised(elected, login, personas):
    decisions.board_member_recognise(
        by=personas.p22_mttq,
        election=elected.election,
        received_on=dt.date(2024, 10, 28),
        decided_on=dt.date(2024, 10, 30),
    )
    assert "Bãi bỏ quyết định" not in page_of(login(personas.p22_ubnd), elected.election)
    with pytest.raises(ValidationError, match="Đã công nhận Thành viên Ban Thanh tra nhân dân"):
        decisions.community_decision_annul(
            by=personas.p22_ubnd,
            election=elected.election,
            decided_on=dt.date(2024, 10, 30),
            ground=rules.CONTRARY_TO_LAW,
            reason="x",
            meeting_date=dt.date(2024, 11, 10),
        )
    elected.election.refresh_from_db()
    assert elected.election.stage == Stage.COUNTED


def test_a_decision_contrary_to_the_law_is_not_sent_back_for_amendment(elected, personas):
    with pytest.raises(ValidationError, match="không đề nghị sửa đổi"):
        decisions.community_decision_amend_request(
            by=personas.p22_ubnd,
            election=elected.election,
            decided_on=dt.date(2024, 10, 30),
            ground=rules.CONTRARY_TO_LAW,
            reason="x",
        )


def test_the_ward_asks_the_community_to_amend_its_decision(
    elected, login, personas, django_capture_on_commit_callbacks
):
    client = login(personas.p22_ubnd)
    client.post(
        reverse("elections:election_decide", args=[elected.election.pk, "amend"]),
        with_token(
            {
                "amend-decided_on": "30/10/2024",
                "amend-ground": rules.IRREGULAR_PROCEDURE,
                "amend-reason": "Bổ sung chữ ký của Trưởng ban công tác Mặt trận.",
            },
            "amend",
        ),
    )
    request = Decision.objects.get(kind=DecisionKind.REQUEST_AMENDMENT)
    elected.election.refresh_from_db()
    assert elected.election.stage == Stage.COUNTED
    text = read_back(DECISION, request, django_capture_on_commit_callbacks)
    assert "V/v đề nghị sửa đổi quyết định của cộng đồng dân cư Khu phố 1" in text
    assert "Lý do: Bổ sung chữ ký của Trưởng ban công tác Mặt trận." in text
    # The ward then recognises once the amended decision is received.
    decisions.head_recognise(
        by=personas.p22_ubnd,
        election=elected.election,
        received_on=dt.date(2024, 11, 4),
        decided_on=dt.date(2024, 11, 5),
    )


# --- The Front's page: each khu phố on its own ----------------------------------------------


def test_the_front_recognises_a_board_member_from_its_page(
    elected, login, personas, django_capture_on_commit_callbacks
):
    plan = elected.election.plan
    client = login(personas.p22_mttq)
    board_page = reverse("elections:inspection_board", args=[plan.pk])
    page = client.get(board_page).content.decode()
    assert page.count("Công nhận thành viên Ban Thanh tra nhân dân</button>") == 1, (
        "only where it can succeed"
    )
    assert "Khu phố 1" in page
    prefix = f"member-{elected.election.pk}"
    response = client.post(
        reverse("elections:board_member_recognise", args=[elected.election.pk]),
        with_token({f"{prefix}-received_on": "28/10/2024", f"{prefix}-decided_on": "31/10/2024"}, prefix),
        follow=True,
    )
    assert "Đã công nhận thành viên Ban Thanh tra nhân dân của Khu phố 1." in response.content.decode()
    page = client.get(board_page).content.decode()
    assert "Đã công nhận" in page and "31/10/2024" in page
    assert "Công nhận thành viên Ban Thanh tra nhân dân</button>" not in page
    member = Decision.objects.get(kind=DecisionKind.RECOGNISE_BOARD_MEMBER)
    text = read_back(DECISION, member, django_capture_on_commit_callbacks)
    assert "QĐ-MTTQ" in text and "Công nhận ông Nguyễn Văn" in text
    assert "trúng cử thành viên Ban Thanh tra nhân dân" in text and "nhận ngày 28/10/2024" in text
    assert "với 7 (bảy) hộ đồng ý trên tổng số 10 (mười) hộ gia đình" in text


def test_the_election_page_offers_the_members_paper_to_the_front_only(elected, login, personas):
    decision = decisions.board_member_recognise(
        by=personas.p22_mttq,
        election=elected.election,
        received_on=dt.date(2024, 10, 28),
        decided_on=dt.date(2024, 10, 30),
    )
    paper = reverse("elections:decision_document", args=[decision.pk])
    assert paper not in page_of(login(personas.p22_ubnd), elected.election)
    assert paper in page_of(login(personas.p22_mttq), elected.election)


def test_the_ward_official_is_not_offered_the_fronts_recognition(elected, login, personas):
    page = (
        login(personas.p22_ubnd)
        .get(reverse("elections:inspection_board", args=[elected.election.plan.pk]))
        .content.decode()
    )
    assert "Công nhận thành viên Ban Thanh tra nhân dân</button>" not in page


def test_the_interim_head_form_records_the_fronts_agreement(
    ready_election, team, login, personas, django_capture_on_commit_callbacks
):
    failed = hold_meeting(ready_election, team, present=6, share=5)
    decisions.rerun_decide(
        by=personas.p22_ubnd,
        election=failed.election,
        decided_on=dt.date(2024, 10, 28),
        meeting_date=dt.date(2024, 11, 10),
    )
    client = login(personas.p22_ubnd)
    assert "Ngày thống nhất với Ủy ban MTTQ phường" in page_of(client, failed.election)
    client.post(
        reverse("elections:election_decide", args=[failed.election.pk, "interim_head"]),
        with_token(
            {
                "interim_head-decided_on": "30/10/2024",
                "interim_head-full_name": "Lý Văn Tạm",
                "interim_head-front_agreed_by": "Phạm Thị Mặt Trận",
                "interim_head-front_agreed_on": "29/10/2024",
            },
            "interim_head",
        ),
    )
    decision = Decision.objects.get(kind=DecisionKind.INTERIM_HEAD)
    text = read_back(DECISION, decision, django_capture_on_commit_callbacks)
    assert (
        "Sau khi thống nhất với Ủy ban MTTQ Việt Nam phường (ông (bà) Phạm Thị Mặt Trận, ngày 29/10/2024)"
        in text
    )


def test_the_written_answer_meets_the_recognition_deadline_on_the_checklist_and_the_dashboard(
    elected, personas
):
    """NĐ 59 Art. 8: within 5 working days the ward recognises, re-runs or answers in writing."""
    election, later = elected.election, dt.date(2024, 12, 2)
    election.community_decision_on = dt.date(2024, 10, 28)
    election.save(update_fields=["community_decision_on"])
    late = progress.overdue_conditions(later, rules.DEFAULTS)["recognition"]
    assert Election.objects.filter(late, pk=election.pk).exists()

    decisions.ward_answer(
        by=personas.p22_ubnd,
        election=election,
        received_on=dt.date(2024, 10, 28),
        decided_on=dt.date(2024, 10, 31),
        reason="Biên bản thiếu chữ ký của 02 đại diện hộ gia đình.",
    )
    election.refresh_from_db()
    line = {line.key: line for line in election_checklist(election, later)}["recognition"]
    assert line.status == rules.DONE and line.done_on == dt.date(2024, 10, 31)
    assert not Election.objects.filter(late, pk=election.pk).exists()
    assert election.recognised_on is None and election.stage == Stage.COUNTED
