"""A board member let go and a by-election (Luật Art. 36.2; NĐ 59 Art. 13.1), and a board
officer replaced by the board's own vote (NĐ 59 Art. 13.3): the services and their refusals."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.urls import reverse

from elections import transitions
from elections.models import (
    BoardNotice,
    BoardRelease,
    Candidate,
    DecisionKind,
    Election,
    ElectionPurpose,
    OfficePost,
    Stage,
    TenureEnd,
    TenureKind,
    Vacancy,
)
from elections.selectors import board_term as board_selectors
from elections.selectors import tenures as tenure_selectors
from elections.selectors.plans import election_checklist
from elections.services import board, board_term, decisions, tenures
from tests.elections.board_term_helpers import (
    approve_list,
    board_in_office,
    hold_meeting,
    kp1_member,
    release_through_meeting,
)


@pytest.fixture
def member(recognised_kp1, hcm_map):
    return kp1_member(hcm_map.kp1)


def propose(member, personas, **overrides):
    fields = {
        "ground": "not_completing",
        "reasons": "Nhiều lần không tham gia kiểm tra",
        "proposed_on": dt.date(2026, 5, 4),
    }
    return board_term.board_release_propose(by=personas.p22_mttq, tenure=member, **(fields | overrides))


# --- The Front's proposal -------------------------------------------------------------------


def test_the_front_proposes_and_the_khu_pho_meeting_has_the_member_as_its_only_candidate(member, personas):
    release = propose(member, personas)
    election = release.election
    assert (election.purpose, election.plan, election.neighborhood) == (
        ElectionPurpose.BOARD_RELEASE,
        member.election.plan,
        member.neighborhood,
    )
    (contest,) = election.contests.all()
    assert [c.full_name for c in contest.candidates.all()] == ["Nguyễn Văn inspection_board"]


def test_a_proposal_that_fails_half_way_leaves_no_meeting_behind(member, personas, monkeypatch):
    """All or nothing: the meeting's election is created before the member's candidacy, and a
    fault between them must not leave an election without its proposal."""
    elections_before = Election.objects.count()

    def fail(**fields):
        raise DatabaseError("the connection dropped")

    monkeypatch.setattr(Candidate.objects, "create", fail)
    with pytest.raises(DatabaseError):
        propose(member, personas)
    assert Election.objects.count() == elections_before
    assert not BoardRelease.objects.exists()


def test_only_the_ward_front_proposes(member, personas):
    with pytest.raises(ValidationError, match="Chỉ Ủy ban MTTQ phường"):
        board_term.board_release_propose(
            by=personas.p22_ubnd,
            tenure=member,
            ground="lost_trust",
            reasons="x",
            proposed_on=dt.date(2026, 5, 4),
        )
    assert not BoardRelease.objects.exists()


def test_a_proposal_needs_a_ground_and_reasons(member, personas):
    with pytest.raises(ValidationError) as refused:
        propose(member, personas, ground="", reasons="  ")
    assert "Chọn căn cứ đề nghị" in str(refused.value) and "Ghi rõ lý do" in str(refused.value)
    assert not BoardRelease.objects.exists()


def test_a_member_who_no_longer_serves_cannot_be_proposed(member, personas):
    tenures.tenure_end(
        by=personas.p22_mttq, tenure=member, ended_on=dt.date(2026, 1, 5), reason=TenureEnd.RESIGNED
    )
    with pytest.raises(ValidationError, match="không đang là thành viên"):
        propose(member, personas)


def test_one_open_proposal_per_member(member, personas):
    propose(member, personas)
    with pytest.raises(ValidationError, match="đang chờ khu phố họp"):
        propose(member, personas)


def test_the_front_lets_go_only_once_the_meeting_agreed_with_more_than_half_of_all_households(
    member, personas
):
    release = propose(member, personas)
    board_term.board_release_schedule(
        by=personas.p22_mttq, release=release, meeting_date=dt.date(2026, 5, 17)
    )
    with pytest.raises(ValidationError, match="chưa họp"):
        board_term.board_release_decide(
            by=personas.p22_mttq, release=release, decided_on=dt.date(2026, 5, 20)
        )
    # 7 of 10 households met, 5 agreed: not more than half of all 10.
    hold_meeting(release.election, personas, share=5)
    with pytest.raises(ValidationError, match="không đồng ý cho thôi"):
        board_term.board_release_decide(
            by=personas.p22_mttq, release=release, decided_on=dt.date(2026, 5, 20)
        )
    assert kp1_member(member.neighborhood) == member


def test_a_release_meeting_that_did_not_agree_is_not_re_run_nor_put_to_household_ballots(member, personas):
    release = propose(member, personas)
    board_term.board_release_schedule(
        by=personas.p22_mttq, release=release, meeting_date=dt.date(2026, 5, 17)
    )
    hold_meeting(release.election, personas, share=5)
    election = release.election
    election.refresh_from_db()
    assert not transitions.may_take(election, "decide_rerun")
    with pytest.raises(ValidationError, match="Không áp dụng cho cuộc họp cho thôi làm thành viên"):
        transitions.transition(election, "decide_rerun", by=personas.p22_ubnd)
    assert not transitions.may_take(election, "start_household_ballots")


def test_the_release_meeting_is_not_recognised_as_an_election(member, personas):
    release = propose(member, personas)
    board_term.board_release_schedule(
        by=personas.p22_mttq, release=release, meeting_date=dt.date(2026, 5, 17)
    )
    hold_meeting(release.election, personas)
    with pytest.raises(ValidationError, match="không bầu ai để công nhận"):
        decisions.board_member_recognise(
            by=personas.p22_mttq,
            election=release.election,
            received_on=dt.date(2026, 5, 18),
            decided_on=dt.date(2026, 5, 19),
        )


def test_a_member_let_go_with_more_than_6_months_left_leaves_a_seat_for_a_by_election(member, personas):
    release = release_through_meeting(
        member, personas, proposed_on=dt.date(2026, 5, 4), decided_on=dt.date(2026, 5, 20)
    )
    member.refresh_from_db()
    assert (member.ended_on, member.end_reason, member.end_decision) == (
        dt.date(2026, 5, 20),
        TenureEnd.RELEASED,
        release.decision,
    )
    assert release.decision.kind == DecisionKind.RELEASE_BOARD_MEMBER
    vacancy = Vacancy.objects.get(left=member)
    assert vacancy.by_election_required and vacancy.post == OfficePost.BOARD_MEMBER


def test_a_member_at_their_own_request_resigns(member, personas):
    release_through_meeting(
        member,
        personas,
        proposed_on=dt.date(2026, 5, 4),
        decided_on=dt.date(2026, 5, 20),
        ground="own_request",
    )
    member.refresh_from_db()
    assert member.end_reason == TenureEnd.RESIGNED


# --- The by-election ------------------------------------------------------------------------


def guide(vacancy, personas, **overrides):
    fields = {
        "guided_on": dt.date(2026, 5, 22),
        "text": "Ban công tác Mặt trận giới thiệu người ứng cử; họp cộng đồng dân cư bầu một thành viên",
        "meeting_date": dt.date(2026, 6, 14),
        "meeting_place": "Nhà văn hóa khu phố 1",
    }
    return board_term.by_election_open(by=personas.p22_mttq, vacancy=vacancy, **(fields | overrides))


def test_a_by_election_elects_and_the_front_recognises_the_new_member_who_fills_the_seat(member, personas):
    release_through_meeting(
        member, personas, proposed_on=dt.date(2026, 5, 4), decided_on=dt.date(2026, 5, 20)
    )
    vacancy = Vacancy.objects.get(left=member)
    guidance = guide(vacancy, personas)
    election = guidance.election
    assert (election.purpose, election.stage) == (ElectionPurpose.BY_ELECTION, Stage.PREPARING)
    approve_list(election, personas)
    assert election.stage == Stage.LIST_APPROVED
    hold_meeting(election, personas)
    decisions.board_member_recognise(
        by=personas.p22_mttq,
        election=election,
        received_on=dt.date(2026, 6, 15),
        decided_on=dt.date(2026, 6, 17),
    )
    new = kp1_member(member.neighborhood)
    vacancy.refresh_from_db()
    assert (new.full_name, new.kind, new.started_on) == (
        "Đỗ Thị Mới",
        TenureKind.BY_ELECTED,
        dt.date(2026, 6, 17),
    )
    assert new.term_ends_on == member.term_ends_on
    assert (vacancy.filled_on, vacancy.filled_by) == (dt.date(2026, 6, 17), new)
    election.refresh_from_db()
    assert election.stage == Stage.RECOGNISED


def test_a_seat_vacant_in_the_last_months_has_no_by_election(member, personas):
    last_months = member.term_ends_on - dt.timedelta(days=120)
    vacancy = tenures.tenure_end(
        by=personas.p22_mttq, tenure=member, ended_on=last_months, reason=TenureEnd.RESIGNED
    )
    assert "dưới 6 tháng" in board_selectors.no_by_election_reason(vacancy)
    with pytest.raises(ValidationError) as refused:
        guide(vacancy, personas, guided_on=last_months, meeting_date=last_months + dt.timedelta(days=10))
    assert "Luật 10/2022/QH15, Điều 36.2" in str(refused.value)
    assert refused.value.error_list[0].code == "no_by_election"
    vacancy.refresh_from_db()
    assert vacancy.new_election is None


def test_one_by_election_per_vacancy(member, personas):
    vacancy = tenures.tenure_end(
        by=personas.p22_mttq, tenure=member, ended_on=dt.date(2026, 5, 20), reason=TenureEnd.RESIGNED
    )
    guide(vacancy, personas)
    with pytest.raises(ValidationError, match="đã có hướng dẫn"):
        guide(vacancy, personas)


def test_the_by_election_needs_guidance_and_a_meeting_after_it(member, personas):
    vacancy = tenures.tenure_end(
        by=personas.p22_mttq, tenure=member, ended_on=dt.date(2026, 5, 20), reason=TenureEnd.RESIGNED
    )
    with pytest.raises(ValidationError) as refused:
        guide(vacancy, personas, text=" ", meeting_date=dt.date(2026, 5, 21))
    assert "Ghi nội dung hướng dẫn" in str(refused.value) and "không thể trước ngày hướng dẫn" in str(
        refused.value
    )


# --- The notice again, and an officer replaced ---------------------------------------------


def test_the_composition_notice_is_issued_again_naming_the_by_elected_member(
    member, recognised_kp1, personas
):
    first_meeting = board_in_office(recognised_kp1, personas)
    plan = recognised_kp1.plan
    first = BoardNotice.objects.get()
    assert not board_selectors.notice_outdated(plan)
    release_through_meeting(
        member, personas, proposed_on=dt.date(2026, 5, 4), decided_on=dt.date(2026, 5, 20)
    )
    assert board_selectors.notice_outdated(plan)
    guidance = guide(Vacancy.objects.get(left=member), personas)
    approve_list(guidance.election, personas)
    hold_meeting(guidance.election, personas)
    decisions.board_member_recognise(
        by=personas.p22_mttq,
        election=guidance.election,
        received_on=dt.date(2026, 6, 15),
        decided_on=dt.date(2026, 6, 17),
    )
    notice = board_term.board_notice_reissue(
        by=personas.p22_mttq,
        plan=plan,
        issued_on=dt.date(2026, 6, 20),
        reason="Bầu bổ sung thành viên tại Khu phố 1",
    )
    assert (notice.version, notice.supersedes, notice.meeting) == (2, first, first_meeting)
    assert [(m["full_name"], m["post"]) for m in notice.details["members"]] == [
        ("Phạm Văn Bình", "Trưởng ban"),
        ("Võ Thị Cúc", "Phó Trưởng ban"),
        ("Đỗ Thị Mới", "Ủy viên"),
    ]
    first.refresh_from_db()
    assert "Nguyễn Văn inspection_board" in [m["full_name"] for m in first.details["members"]]
    with pytest.raises(ValidationError, match="không thay đổi"):
        board_term.board_notice_reissue(
            by=personas.p22_mttq, plan=plan, issued_on=dt.date(2026, 6, 21), reason="Lần nữa"
        )


def test_a_head_of_the_board_who_leaves_is_replaced_by_the_boards_own_vote(member, recognised_kp1, personas):
    board_in_office(recognised_kp1, personas, head_from="Khu phố 1")
    plan = recognised_kp1.plan
    release_through_meeting(
        member, personas, proposed_on=dt.date(2026, 5, 4), decided_on=dt.date(2026, 5, 20)
    )
    (vacant,) = board_selectors.vacant_offices(plan)
    assert (vacant.office, vacant.left["full_name"]) == ("head", "Nguyễn Văn inspection_board")
    with pytest.raises(ValidationError, match="Ban bầu người thay thế"):
        board_term.board_notice_reissue(
            by=personas.p22_mttq, plan=plan, issued_on=dt.date(2026, 5, 25), reason="x"
        )
    meeting = board_term.board_officer_meeting_convene(
        by=personas.p22_mttq,
        plan=plan,
        convened_on=dt.date(2026, 5, 22),
        held_on=dt.date(2026, 5, 25),
        place="Hội trường UBND phường",
        chair="Nguyễn Văn Chủ",
    )
    assert (meeting.number, meeting.elects_office) == (2, "head")
    assert [m["full_name"] for m in meeting.members] == ["Phạm Văn Bình", "Võ Thị Cúc"]
    meeting = board.board_attendance_record(
        by=personas.p22_mttq, meeting=meeting, present=[m["candidate"] for m in meeting.members]
    )
    deputy = next(m for m in meeting.members if m["full_name"] == "Võ Thị Cúc")
    other = next(m for m in meeting.members if m["full_name"] == "Phạm Văn Bình")
    with pytest.raises(ValidationError, match="không giữ hai chức danh"):
        board_term.board_officer_replace(
            by=personas.p22_mttq, meeting=meeting, member=deputy["candidate"], votes=2
        )
    with pytest.raises(ValidationError, match="quá một nửa"):
        board_term.board_officer_replace(
            by=personas.p22_mttq, meeting=meeting, member=other["candidate"], votes=1
        )
    meeting = board_term.board_officer_replace(
        by=personas.p22_mttq, meeting=meeting, member=other["candidate"], votes=2
    )
    assert meeting.officers["head"]["full_name"] == "Phạm Văn Bình"
    assert [d["full_name"] for d in meeting.officers["deputies"]] == ["Võ Thị Cúc"]
    assert board_selectors.vacant_offices(plan) == []
    notice = board.board_notice_issue(by=personas.p22_mttq, meeting=meeting, issued_on=dt.date(2026, 5, 26))
    assert notice.version == 2 and notice.details["head"]["full_name"] == "Phạm Văn Bình"


def test_no_replacement_meeting_while_every_officer_serves(recognised_kp1, personas):
    board_in_office(recognised_kp1, personas)
    with pytest.raises(ValidationError, match="không có chức danh để bầu thay"):
        board_term.board_officer_meeting_convene(
            by=personas.p22_mttq,
            plan=recognised_kp1.plan,
            convened_on=dt.date(2026, 5, 22),
            held_on=dt.date(2026, 5, 25),
            place="Hội trường",
            chair="Nguyễn Văn Chủ",
        )


def test_the_serving_members_come_from_the_tenures(member, hcm_map):
    assert [t.full_name for t in board_selectors.serving_members(hcm_map.p22)] == [member.full_name]
    assert tenure_selectors.serving(hcm_map.kp1, OfficePost.BOARD_MEMBER) == [member]


def test_the_wards_answers_about_an_election_are_not_offered_on_a_release_meeting(member, personas, login):
    release = propose(member, personas)
    board_term.board_release_schedule(
        by=personas.p22_mttq, release=release, meeting_date=dt.date(2026, 5, 17)
    )
    hold_meeting(release.election, personas)
    with pytest.raises(ValidationError, match="Điều 13.1"):
        decisions.ward_answer(
            by=personas.p22_ubnd,
            election=release.election,
            received_on=dt.date(2026, 5, 18),
            decided_on=dt.date(2026, 5, 19),
            reason="x",
        )
    url = reverse("elections:election_detail", args=[release.election.pk])
    page = login(personas.p22_ubnd).get(url).content.decode()
    assert "Ghi văn bản trả lời" not in page and "Gửi đề nghị sửa đổi" not in page


def test_the_checklist_of_a_meeting_within_the_term_keeps_only_the_khu_phos_own_deadlines(member, personas):
    release = propose(member, personas)
    board_term.board_release_schedule(
        by=personas.p22_mttq, release=release, meeting_date=dt.date(2026, 5, 17)
    )
    hold_meeting(release.election, personas)
    today = dt.date(2026, 5, 18)
    assert [line.key for line in election_checklist(release.election, today)] == [
        "meeting_notice",
        "community_decision",
    ]
    vacancy = tenures.tenure_end(
        by=personas.p22_mttq, tenure=member, ended_on=dt.date(2026, 5, 20), reason=TenureEnd.RESIGNED
    )
    by_election = guide(vacancy, personas).election
    approve_list(by_election, personas)
    hold_meeting(by_election, personas)
    keys = [line.key for line in election_checklist(by_election, dt.date(2026, 6, 15))]
    assert keys[:2] == ["meeting_notice", "community_decision"] and len(keys) == 3
