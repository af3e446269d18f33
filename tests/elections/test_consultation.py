import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from elections import consultation
from elections.models import ContestKind, ListStatus, Stage
from elections.selectors.candidates import list_diff
from elections.services.candidates import candidate_add
from elections.services.complaints import complaint_file, complaint_resolve
from elections.services.team import team_member_add
from tests.forms import with_token

CANDIDATE = {
    "full_name": "Nguyễn Văn An",
    "gender": "male",
    "birth_date": dt.date(1968, 5, 1),
    "nomination_source": "front_committee",
    "education_level": "Đại học",
    "occupation": "Hưu trí",
}
FORM = {
    **CANDIDATE,
    "birth_date": "01/05/1968",
    "ethnicity": "Kinh",
    "religion": "Không",
    "resides_in_neighborhood": "on",
    "permanent_resident": "on",
}


@pytest.fixture
def head(kp1_scheduled):
    return kp1_scheduled.contests.get(kind=ContestKind.HEAD)


@pytest.fixture
def board(kp1_election):
    return kp1_election.contests.get(kind=ContestKind.INSPECTION_BOARD)


def step(contest, name, user, note=""):
    return consultation.list_transition(contest, name, by=user, note=note)


def send_to_ward(contest, personas):
    for name in ("record_party_opinion", "fix_official_list", "send_to_ward"):
        contest = step(contest, name, personas.p22_ubnd)
    return contest


def test_an_under_age_head_candidate_is_refused(head):
    with pytest.raises(ValidationError, match="Chưa đủ 21 tuổi vào ngày họp 27/10/2024"):
        candidate_add(contest=head, **{**CANDIDATE, "birth_date": dt.date(2004, 1, 1)})


def test_a_ward_civil_servant_is_refused_for_the_inspection_board(board):
    with pytest.raises(ValidationError, match="cán bộ, công chức cấp xã"):
        candidate_add(contest=board, **CANDIDATE, is_ward_cadre_or_civil_servant=True)


def test_a_member_of_the_election_team_cannot_stand(head):
    team_member_add(election=head.election, full_name="Nguyễn Văn An", role="member", represents="household")
    with pytest.raises(ValidationError, match="Người ứng cử không được là thành viên Tổ bầu cử"):
        candidate_add(contest=head, **CANDIDATE)


def test_the_full_consultation_ends_with_the_lists_approved_and_the_election_moving_on(head, board, personas):
    candidate_add(contest=head, **CANDIDATE)
    candidate_add(contest=board, **{**CANDIDATE, "full_name": "Trần Thị Bình", "gender": "female"})
    for contest in (head, board):
        contest = send_to_ward(contest, personas)
        contest = step(contest, "approve", personas.p22_mttq)
        assert contest.list_status == ListStatus.APPROVED
    head.election.refresh_from_db()
    assert head.election.stage == Stage.LIST_APPROVED


def test_only_the_ward_front_approves(head, personas):
    candidate_add(contest=head, **CANDIDATE)
    contest = send_to_ward(head, personas)
    with pytest.raises(ValidationError, match="không có quyền") as refused:
        step(contest, "approve", personas.p22_ubnd)
    assert refused.value.code == "forbidden"


def test_a_list_cannot_be_approved_with_an_open_complaint_and_the_message_names_it(head, personas):
    candidate_add(contest=head, **CANDIDATE)
    contest = send_to_ward(head, personas)
    complaint = complaint_file(
        election=head.election,
        received_on=dt.date(2024, 10, 16),
        complainant="Lê Văn Cường",
        content="Ứng cử viên không cư trú tại khu phố",
    )
    with pytest.raises(ValidationError, match="Lê Văn Cường, nhận ngày 16/10/2024"):
        step(contest, "approve", personas.p22_mttq)
    complaint_resolve(
        complaint=complaint, resolution="Đã xác minh: có cư trú.", resolved_on=dt.date(2024, 10, 18)
    )
    assert step(contest, "approve", personas.p22_mttq).list_status == ListStatus.APPROVED


def test_returning_needs_a_reason_and_every_version_stays_readable(head, personas):
    candidate_add(contest=head, **CANDIDATE)
    contest = send_to_ward(head, personas)
    with pytest.raises(ValidationError, match="nêu lý do"):
        step(contest, "return_with_reasons", personas.p22_mttq)
    contest = step(contest, "return_with_reasons", personas.p22_mttq, note="Cần thêm người ứng cử nữ")
    contest = step(contest, "correct", personas.p22_ubnd)
    candidate_add(contest=contest, **{**CANDIDATE, "full_name": "Phạm Thị Dung", "gender": "female"})
    contest = send_to_ward(contest, personas)
    contest = step(contest, "approve", personas.p22_mttq)
    versions = list(contest.list_versions.order_by("number"))
    assert [v.status for v in versions] == [
        "party_opinion",
        "official",
        "submitted",
        "returned",
        "draft",
        "party_opinion",
        "official",
        "submitted",
        "approved",
    ]
    assert versions[3].note == "Cần thêm người ứng cử nữ"
    assert [c["full_name"] for c in versions[2].candidates] == ["Nguyễn Văn An"]
    diff = list_diff(versions[2].candidates, versions[-1].candidates)
    assert diff["added"] == ["Phạm Thị Dung"] and diff["removed"] == []


def test_a_sent_list_cannot_be_edited(head, personas):
    candidate_add(contest=head, **CANDIDATE)
    contest = send_to_ward(head, personas)
    with pytest.raises(ValidationError, match="không sửa được"):
        candidate_add(contest=contest, **{**CANDIDATE, "full_name": "Hồ Văn Em"})


def test_the_front_returns_and_approves_through_the_page(login, personas, head):
    candidate_add(contest=head, **CANDIDATE)
    send_to_ward(head, personas)
    client = login(personas.p22_mttq)
    client.post(
        reverse("elections:contest_transition", args=[head.pk, "return_with_reasons"]),
        {"note": "Thiếu biên bản mẫu 05"},
    )
    page = client.get(reverse("elections:contest_detail", args=[head.pk])).content.decode()
    assert "Bị trả lại" in page and "Thiếu biên bản mẫu 05" in page


def test_ward_official_adds_a_candidate_through_the_page(login, personas, head):
    response = login(personas.p22_ubnd).post(
        reverse("elections:contest_detail", args=[head.pk]), with_token(FORM)
    )
    assert response.status_code == 302
    assert head.candidates.get().full_name == "Nguyễn Văn An"


def test_readers_see_the_list_without_buttons_and_other_wards_get_404(login, personas, head):
    candidate_add(contest=head, **CANDIDATE)
    page = (
        login(personas.binhthanh_noivu)
        .get(reverse("elections:contest_detail", args=[head.pk]))
        .content.decode()
    )
    assert "Nguyễn Văn An" in page and "Thêm người ứng cử" not in page and "Duyệt danh sách" not in page
    team = (
        login(personas.p22_kp1_tobaucu)
        .get(reverse("elections:contest_detail", args=[head.pk]))
        .content.decode()
    )
    assert "Nguyễn Văn An" in team and "Duyệt danh sách" not in team
    assert (
        login(personas.p25_ubnd).get(reverse("elections:contest_detail", args=[head.pk])).status_code == 404
    )
