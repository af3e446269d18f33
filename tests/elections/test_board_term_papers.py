"""The papers of the board between elections, read back from their PDFs: the ward Front's
proposal to the khu phố, its decision letting the member go, its guidance for the
by-election, the recognition of the by-elected member, the notice issued again, and the
minutes of the board's vote replacing its head."""

import datetime as dt

import pytest

from elections import board_documents, board_term_documents, count_documents
from elections.models import BoardNotice, BoardRelease, DecisionKind, Vacancy
from elections.services import board, board_term, decisions, tenures
from tests.elections.board_term_helpers import (
    approve_list,
    board_in_office,
    hold_meeting,
    kp1_member,
    release_through_meeting,
)
from tests.issuing import draft, issue, text_of


@pytest.fixture
def released(recognised_kp1, hcm_map, personas):
    member = kp1_member(hcm_map.kp1)
    return release_through_meeting(
        member, personas, proposed_on=dt.date(2026, 5, 4), decided_on=dt.date(2026, 5, 20)
    )


def test_the_fronts_proposal_is_a_letter_to_the_khu_pho(
    released, personas, signers, django_capture_on_commit_callbacks
):
    paper = issue(
        board_term_documents.RELEASE_PROPOSAL,
        released,
        django_capture_on_commit_callbacks,
        by=personas.p22_mttq,
        signed_on=dt.date(2026, 5, 4),
        signer=signers.front_chairman,
    )
    text = text_of(paper)
    assert "MTTQ" in paper.number
    assert (
        "V/v đề nghị xem xét, cho thôi làm thành viên Ban Thanh tra nhân dân đối với ông Nguyễn Văn" in text
    )
    assert "Kính gửi: Ban công tác Mặt trận Khu phố 1; Trưởng Khu phố 1" in text
    assert "Căn cứ đề nghị: không hoàn thành nhiệm vụ. Lý do: Nhiều lần không tham gia kiểm tra." in text
    assert "khoản 2 Điều 36 Luật Thực hiện dân chủ ở cơ sở" in text
    assert "vào ngày 14/05/2026, tại Nhà văn hóa khu phố 1" in text
    assert "Đặng Văn Hải" in text


def test_the_fronts_decision_lets_the_member_go_and_says_a_by_election_follows(
    released, django_capture_on_commit_callbacks
):
    text = text_of(draft(count_documents.DECISION, released.decision, django_capture_on_commit_callbacks))
    assert released.decision.kind == DecisionKind.RELEASE_BOARD_MEMBER
    assert "Về việc cho thôi làm thành viên Ban Thanh tra nhân dân Phường 22, nhiệm kỳ 2024 - 2029" in text
    assert "Cho ông Nguyễn Văn inspection_board thôi làm thành viên Ban Thanh tra nhân dân Phường 22" in text
    assert "7 (bảy) hộ đồng ý trên tổng số 10 (mười) hộ gia đình" in text
    assert "tổ chức bầu bổ sung thành viên Ban Thanh tra nhân dân theo hướng dẫn" in text
    assert "BAN THƯỜNG TRỰC ỦY BAN MTTQ VIỆT NAM" in text.upper()


def test_a_release_in_the_last_months_says_no_by_election(
    recognised_kp1, hcm_map, personas, django_capture_on_commit_callbacks
):
    member = kp1_member(hcm_map.kp1)
    late = member.term_ends_on - dt.timedelta(days=100)
    release = release_through_meeting(
        member, personas, proposed_on=late - dt.timedelta(days=20), decided_on=late, ground="own_request"
    )
    text = text_of(draft(count_documents.DECISION, release.decision, django_capture_on_commit_callbacks))
    assert "dưới 06 tháng: không bầu bổ sung" in text
    assert "Căn cứ đề nghị: xin thôi làm nhiệm vụ" in text


def test_the_guidance_the_by_election_recognition_and_the_notice_again(
    released, recognised_kp1, personas, django_capture_on_commit_callbacks
):
    vacancy = Vacancy.objects.get(left=released.tenure)
    guidance = board_term.by_election_open(
        by=personas.p22_mttq,
        vacancy=vacancy,
        guided_on=dt.date(2026, 5, 22),
        text="Ban công tác Mặt trận giới thiệu người ứng cử",
        meeting_date=dt.date(2026, 6, 14),
        meeting_place="Nhà văn hóa khu phố 1",
    )
    text = text_of(
        draft(board_term_documents.BY_ELECTION_GUIDANCE, guidance, django_capture_on_commit_callbacks)
    )
    assert "V/v hướng dẫn bầu bổ sung thành viên Ban Thanh tra nhân dân tại Khu phố 1" in text
    assert (
        "khuyết từ ngày 20/05/2026; thời gian còn lại của nhiệm kỳ (đến ngày 31/10/2029) từ 06 tháng trở lên"
        in text
    )
    assert "vào ngày 14/06/2026, tại Nhà văn hóa khu phố 1" in text
    assert "Ban công tác Mặt trận giới thiệu người ứng cử." in text

    approve_list(guidance.election, personas)
    hold_meeting(guidance.election, personas)
    recognition = decisions.board_member_recognise(
        by=personas.p22_mttq,
        election=guidance.election,
        received_on=dt.date(2026, 6, 15),
        decided_on=dt.date(2026, 6, 17),
    )
    text = text_of(draft(count_documents.DECISION, recognition, django_capture_on_commit_callbacks))
    assert "Về việc công nhận thành viên Ban Thanh tra nhân dân được bầu bổ sung" in text
    assert (
        "Công nhận bà Đỗ Thị Mới, sinh năm 1980, trúng cử bổ sung thành viên Ban Thanh tra nhân dân" in text
    )


def test_the_notice_again_names_the_new_member_and_why(
    recognised_kp1, hcm_map, personas, django_capture_on_commit_callbacks
):
    board_in_office(recognised_kp1, personas)
    member = kp1_member(hcm_map.kp1)
    tenures.tenure_end(by=personas.p22_mttq, tenure=member, ended_on=dt.date(2026, 5, 20), reason="released")
    notice = board_term.board_notice_reissue(
        by=personas.p22_mttq,
        plan=recognised_kp1.plan,
        issued_on=dt.date(2026, 5, 25),
        reason="Ông Nguyễn Văn inspection_board thôi làm thành viên",
    )
    text = text_of(draft(board_documents.BOARD_NOTICE, notice, django_capture_on_commit_callbacks))
    assert "Ban Thanh tra nhân dân gồm 2 (hai) thành viên" in text
    assert "Nguyễn Văn inspection_board" in text  # in the reason only
    assert "Lý do thông báo lại: Ông Nguyễn Văn inspection_board thôi làm thành viên" in text
    assert BoardNotice.objects.count() == 2


def test_the_minutes_of_the_boards_vote_replacing_its_head(
    recognised_kp1, hcm_map, personas, django_capture_on_commit_callbacks
):
    board_in_office(recognised_kp1, personas, head_from="Khu phố 1")
    tenures.tenure_end(
        by=personas.p22_mttq, tenure=kp1_member(hcm_map.kp1), ended_on=dt.date(2026, 5, 20), reason="released"
    )
    meeting = board_term.board_officer_meeting_convene(
        by=personas.p22_mttq,
        plan=recognised_kp1.plan,
        convened_on=dt.date(2026, 5, 22),
        held_on=dt.date(2026, 5, 25),
        place="Hội trường UBND phường",
        chair="Nguyễn Văn Chủ",
        secretary="Trần Thị Thư",
    )
    meeting = board.board_attendance_record(
        by=personas.p22_mttq, meeting=meeting, present=[m["candidate"] for m in meeting.members]
    )
    other = next(m for m in meeting.members if m["full_name"] == "Phạm Văn Bình")
    meeting = board_term.board_officer_replace(
        by=personas.p22_mttq, meeting=meeting, member=other["candidate"], votes=2
    )
    text = text_of(draft(board_documents.BOARD_MINUTES, meeting, django_capture_on_commit_callbacks))
    assert "bầu Trưởng ban thay thế" in text
    assert "(cuộc họp lần 2)" in text
    assert (
        "Phạm Văn Bình (Khu phố 2) được 2 (hai) thành viên tán thành" in text
        and "trúng cử Trưởng ban" in text
    )
    assert BoardRelease.objects.count() == 0


def test_the_counting_minutes_of_the_khu_phos_meeting_speak_of_letting_the_member_go(
    released, django_capture_on_commit_callbacks
):
    meeting = released.election.meetings.get()
    result = meeting.results.get()
    assert result.reason.endswith(
        "— đồng ý cho thôi làm thành viên Ban Thanh tra nhân dân (Luật 10/2022/QH15, Điều 21.1, 36.2)."
    )
    text = text_of(draft(count_documents.COUNTING_MINUTES, meeting, django_capture_on_commit_callbacks))
    assert "Số hộ đồng ý cần có để cho thôi" in text
    assert (
        "cộng đồng dân cư đồng ý cho ông Nguyễn Văn inspection_board thôi làm "
        "thành viên Ban Thanh tra nhân dân" in text
    )
    assert "trúng cử" not in text


def test_form_03_of_the_release_meeting_records_the_communitys_decision_to_let_the_member_go(
    released, personas, django_capture_on_commit_callbacks
):
    meeting = released.election.meetings.get()
    text = text_of(draft(count_documents.COMMUNITY_DECISION, meeting, django_capture_on_commit_callbacks))
    assert (
        "Cuộc họp cộng đồng dân cư Khu phố 1 xem xét, cho thôi làm thành viên Ban Thanh tra nhân dân" in text
    )
    assert (
        "xem xét đề nghị của Ủy ban MTTQ Việt Nam phường cho thôi làm thành viên Ban Thanh tra nhân dân"
        in text
    )
    assert "VI. Quyết định của cộng đồng dân cư: đồng ý cho ông Nguyễn Văn inspection_board thôi làm" in text
    assert "trúng cử" not in text and "Không có người được đề cử" not in text


def test_form_03_of_the_by_election_names_it(released, personas, django_capture_on_commit_callbacks):
    guidance = board_term.by_election_open(
        by=personas.p22_mttq,
        vacancy=Vacancy.objects.get(left=released.tenure),
        guided_on=dt.date(2026, 5, 22),
        text="Giới thiệu người ứng cử",
        meeting_date=dt.date(2026, 6, 14),
    )
    approve_list(guidance.election, personas)
    hold_meeting(guidance.election, personas)
    meeting = guidance.election.meetings.get()
    text = text_of(draft(count_documents.COMMUNITY_DECISION, meeting, django_capture_on_commit_callbacks))
    assert "Cuộc họp cộng đồng dân cư Khu phố 1 bầu bổ sung thành viên Ban Thanh tra nhân dân" in text
    assert "Đỗ Thị Mới trúng cử thành viên Ban Thanh tra nhân dân" in text
