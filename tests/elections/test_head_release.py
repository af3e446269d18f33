"""A head's resignation or dismissal (NĐ 59/2023, Art. 9): the three ways in, the meeting's
chair (Art. 3.1.c), the meeting that lets the head go or not, and the ward's answers (9.3)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from elections import rules
from elections.models import (
    DecisionKind,
    ElectionPurpose,
    HeadReleaseRequest,
    ListStatus,
    ReleaseChair,
    ReleaseGround,
    ReleaseStatus,
    ReleaseWayIn,
    Stage,
    TenureEnd,
)
from elections.selectors import head_release as release_selectors
from elections.selectors import tenures as tenure_selectors
from elections.selectors.plans import election_checklist
from elections.services import decisions, head_release
from tests.elections.release_helpers import MEETING, convene, hold, record_request
from tests.forms import with_token

# --- The three ways in ---------------------------------------------------------------------


def test_the_heads_own_request_needs_its_reasons(recognised_kp1, personas, hcm_map):
    with pytest.raises(ValidationError) as refused:
        record_request(personas, hcm_map, reasons="  ")
    assert "phải nêu rõ lý do (NĐ 59/2023/NĐ-CP, Điều 9.1.a)" in refused.value.messages[0]
    request = record_request(personas, hcm_map)
    assert (request.way_in, request.status, request.tenure.full_name) == (
        ReleaseWayIn.OWN_REQUEST,
        ReleaseStatus.RECEIVED,
        "Nguyễn Văn head",
    )


def test_the_front_committee_heads_proposal_names_at_least_one_ground_of_article_9_1_b(
    recognised_kp1, personas, hcm_map
):
    with pytest.raises(ValidationError) as refused:
        record_request(
            personas, hcm_map, ReleaseWayIn.FRONT_PROPOSAL, proposed_by="Lê Thị Mặt Trận", reasons=""
        )
    assert "ít nhất một căn cứ (NĐ 59/2023/NĐ-CP, Điều 9.1.b)" in refused.value.messages[0]
    request = record_request(
        personas,
        hcm_map,
        ReleaseWayIn.FRONT_PROPOSAL,
        proposed_by="Lê Thị Mặt Trận",
        grounds=[ReleaseGround.DUTIES_UNFULFILLED, ReleaseGround.NOT_TRUSTED],
    )
    assert request.grounds == ["duties_unfulfilled", "not_trusted"]


def test_a_petition_of_200_of_400_households_is_accepted(recognised_kp1, personas, hcm_map):
    request = record_request(
        personas, hcm_map, ReleaseWayIn.PETITION, petitioners=200, household_total=400, reasons=""
    )
    assert (request.petitioners, request.household_total) == (200, 400)


def test_a_petition_of_200_of_401_households_is_refused_with_the_article(recognised_kp1, personas, hcm_map):
    with pytest.raises(ValidationError) as refused:
        record_request(personas, hcm_map, ReleaseWayIn.PETITION, petitioners=200, household_total=401)
    assert refused.value.messages == [
        "Kiến nghị cho thôi làm Trưởng khu phố cần ít nhất 50% tổng số hộ gia đình của khu phố "
        "(201/401 hộ); mới có 200 hộ (NĐ 59/2023/NĐ-CP, Điều 9.1.b)."
    ]
    assert not HeadReleaseRequest.objects.exists()


def test_a_petition_counts_the_households_of_the_register_when_no_total_is_given(
    recognised_kp1, personas, hcm_map
):
    with pytest.raises(ValidationError):
        record_request(personas, hcm_map, ReleaseWayIn.PETITION, petitioners=4)
    request = record_request(personas, hcm_map, ReleaseWayIn.PETITION, petitioners=5)
    assert request.household_total == 10


def test_a_head_has_one_request_under_way_at_a_time(recognised_kp1, personas, hcm_map):
    record_request(personas, hcm_map)
    with pytest.raises(ValidationError) as refused:
        record_request(personas, hcm_map)
    assert "chưa giải quyết xong" in refused.value.messages[0]


# --- The chair (NĐ 59 Art. 3.1.c) -----------------------------------------------------------


def test_the_front_committee_head_convenes_and_chairs_the_meeting(recognised_kp1, personas, hcm_map):
    election = convene(personas, record_request(personas, hcm_map))
    assert (election.purpose, election.stage, election.plan) == (
        ElectionPurpose.HEAD_DISMISSAL,
        Stage.LIST_APPROVED,
        recognised_kp1.plan,
    )
    (head_contest,) = election.contests.all()
    assert head_contest.list_status == ListStatus.APPROVED
    assert [c.full_name for c in head_contest.candidates.all()] == ["Nguyễn Văn head"]
    request = release_selectors.request_of(election)
    assert (request.status, request.chair, request.chair_name) == (
        ReleaseStatus.CONVENED,
        ReleaseChair.FRONT_COMMITTEE_HEAD,
        "Lê Thị Mặt Trận",
    )


def test_the_ward_chairman_chairs_when_the_head_is_also_the_front_committee_head(
    recognised_kp1, personas, hcm_map
):
    request = record_request(personas, hcm_map)
    with pytest.raises(ValidationError) as refused:
        convene(personas, request, head_is_front_head=True)
    assert "Chủ tịch UBND phường triệu tập và chủ trì" in refused.value.messages[0]
    with pytest.raises(ValidationError) as refused:
        convene(
            personas,
            request,
            head_is_front_head=True,
            chair=ReleaseChair.WARD_CHAIRMAN,
            chair_name="Trần Chủ Tịch",
        )
    assert refused.value.messages == [
        "Ghi người đại diện Ủy ban MTTQ phường đã thống nhất (NĐ 59/2023/NĐ-CP, Điều 3.1.c).",
        "Ghi ngày thống nhất với Chủ tịch Ủy ban MTTQ phường (NĐ 59/2023/NĐ-CP, Điều 3.1.c).",
    ]
    election = convene(
        personas,
        request,
        head_is_front_head=True,
        chair=ReleaseChair.WARD_CHAIRMAN,
        chair_name="Trần Chủ Tịch",
        front_agreed_on=dt.date(2025, 3, 5),
        front_agreed_by="Phạm Văn Mặt Trận",
    )
    request.refresh_from_db()
    assert (request.chair, request.front_agreed_on, request.front_agreed_by) == (
        ReleaseChair.WARD_CHAIRMAN,
        dt.date(2025, 3, 5),
        "Phạm Văn Mặt Trận",
    )
    assert election.stage == Stage.LIST_APPROVED


def test_the_ward_chairman_does_not_chair_when_the_front_committee_head_can(
    recognised_kp1, personas, hcm_map
):
    with pytest.raises(ValidationError) as refused:
        convene(
            personas,
            record_request(personas, hcm_map),
            chair=ReleaseChair.WARD_CHAIRMAN,
            chair_name="Trần Chủ Tịch",
            front_agreed_on=dt.date(2025, 3, 5),
            front_agreed_by="Phạm Văn Mặt Trận",
        )
    assert "Trưởng ban công tác Mặt trận khu phố triệu tập và chủ trì" in refused.value.messages[0]


def test_the_chair_rule_names_the_chair_by_article_3_1_c():
    assert rules.release_chair(False) == rules.CHAIR_FRONT_COMMITTEE_HEAD
    assert rules.release_chair(True) == rules.CHAIR_WARD_CHAIRMAN
    late = rules.release_chair_problems(
        True, rules.CHAIR_WARD_CHAIRMAN, "A", dt.date(2025, 3, 11), "B", MEETING
    )
    assert late == [
        "Ngày thống nhất với Ủy ban MTTQ phường (11/03/2025) không được sau ngày họp (10/03/2025)."
    ]


# --- The meeting passes: the ward recognises the release -------------------------------------


def test_a_meeting_that_agrees_lets_the_head_go_once_the_ward_recognises_it(
    recognised_kp1, personas, hcm_map
):
    election = convene(personas, record_request(personas, hcm_map))
    hold(personas, election, agree=6)
    assert election.stage == Stage.COUNTED
    assert release_selectors.meeting_agreed(election) is True
    (line,) = election_checklist(election, dt.date(2025, 3, 12))
    assert (line.key, line.due, line.status) == ("release_answer", dt.date(2025, 3, 17), "due")
    with pytest.raises(ValidationError) as refused:
        head_release.release_decide(
            by=personas.p22_ubnd,
            election=election,
            decided_on=dt.date(2025, 3, 12),
            let_go=True,
            front_agreed_on=dt.date(2025, 3, 11),
            front_agreed_by="Phạm Văn Mặt Trận",
        )
    assert "phường công nhận kết quả hoặc trả lời bằng văn bản" in refused.value.messages[0]
    decision = head_release.release_recognise(
        by=personas.p22_ubnd,
        election=election,
        received_on=dt.date(2025, 3, 11),
        decided_on=dt.date(2025, 3, 14),
    )
    assert decision.kind == DecisionKind.RECOGNISE_RELEASE
    assert tenure_selectors.serving_head(hcm_map.kp1) is None
    head = recognised_kp1.tenures.get(post="head")
    assert (head.ended_on, head.end_reason, head.end_decision) == (
        dt.date(2025, 3, 14),
        TenureEnd.RESIGNED,
        decision,
    )
    vacancy = head.vacancy
    assert (vacancy.vacant_from, vacancy.due_on) == (dt.date(2025, 3, 14), dt.date(2025, 5, 13))
    election.refresh_from_db()
    assert election.stage == Stage.RECOGNISED
    assert release_selectors.request_of(election).status == ReleaseStatus.RELEASED
    (line,) = election_checklist(election, dt.date(2025, 3, 20))
    assert (line.due, line.done_on, line.status) == (dt.date(2025, 3, 18), dt.date(2025, 3, 14), "done")


def test_the_ward_may_answer_in_writing_instead_and_the_head_stays(recognised_kp1, personas, hcm_map):
    election = convene(personas, record_request(personas, hcm_map))
    hold(personas, election, agree=6)
    with pytest.raises(ValidationError):
        head_release.release_answer(
            by=personas.p22_ubnd, election=election, received_on=MEETING, decided_on=MEETING, reason=" "
        )
    decision = head_release.release_answer(
        by=personas.p22_ubnd,
        election=election,
        received_on=MEETING,
        decided_on=dt.date(2025, 3, 12),
        reason="Biên bản thiếu chữ ký đại diện hộ gia đình.",
    )
    assert decision.kind == DecisionKind.RELEASE_ANSWER
    assert tenure_selectors.serving_head(hcm_map.kp1).full_name == "Nguyễn Văn head"
    assert release_selectors.request_of(election).status == ReleaseStatus.ANSWERED


def test_the_election_team_cannot_recognise_the_count_it_entered(recognised_kp1, personas, hcm_map):
    election = convene(personas, record_request(personas, hcm_map))
    hold(personas, election, agree=6)
    with pytest.raises(ValidationError):
        head_release.release_recognise(
            by=personas.p22_kp1_tobaucu, election=election, received_on=MEETING, decided_on=MEETING
        )
    assert tenure_selectors.serving_head(hcm_map.kp1) is not None


def test_a_dismissal_meeting_is_never_recognised_as_an_election(recognised_kp1, personas, hcm_map):
    election = convene(personas, record_request(personas, hcm_map))
    hold(personas, election, agree=6)
    with pytest.raises(ValidationError):
        decisions.head_recognise(
            by=personas.p22_ubnd, election=election, received_on=MEETING, decided_on=MEETING
        )
    with pytest.raises(ValidationError):
        decisions.rerun_decide(
            by=personas.p22_ubnd, election=election, decided_on=MEETING, meeting_date=dt.date(2025, 4, 1)
        )


# --- The meeting fails: the ward decides after the ward Front's agreement ----------------------


def test_when_the_meeting_does_not_agree_nothing_can_be_recognised(recognised_kp1, personas, hcm_map):
    request = record_request(
        personas, hcm_map, ReleaseWayIn.PETITION, petitioners=5, household_total=10, proposed_by="Đỗ Văn Dân"
    )
    election = convene(personas, request)
    hold(personas, election, agree=5)  # exactly half of 10 households: not more than half
    assert release_selectors.meeting_agreed(election) is False
    with pytest.raises(ValidationError) as refused:
        head_release.release_recognise(
            by=personas.p22_ubnd, election=election, received_on=MEETING, decided_on=MEETING
        )
    assert "phường quyết định sau khi thống nhất với Ủy ban MTTQ phường" in refused.value.messages[0]


def test_the_ward_decides_to_let_the_head_go_after_the_fronts_agreement(recognised_kp1, personas, hcm_map):
    request = record_request(
        personas, hcm_map, ReleaseWayIn.PETITION, petitioners=5, household_total=10, proposed_by="Đỗ Văn Dân"
    )
    election = convene(personas, request)
    hold(personas, election, agree=4)
    with pytest.raises(ValidationError) as refused:
        head_release.release_decide(
            by=personas.p22_ubnd,
            election=election,
            decided_on=dt.date(2025, 3, 20),
            let_go=True,
            front_agreed_on=None,
            front_agreed_by="",
        )
    assert len(refused.value.messages) == 2
    decision = head_release.release_decide(
        by=personas.p22_ubnd,
        election=election,
        decided_on=dt.date(2025, 3, 20),
        let_go=True,
        front_agreed_on=dt.date(2025, 3, 18),
        front_agreed_by="Phạm Văn Mặt Trận",
        reason="Trưởng khu phố vi phạm quy định của cấp trên.",
    )
    head = recognised_kp1.tenures.get(post="head")
    assert (head.end_reason, head.end_decision) == (TenureEnd.DISMISSED, decision)
    assert head.vacancy.due_on == dt.date(2025, 5, 19)
    assert release_selectors.request_of(election).status == ReleaseStatus.RELEASED


def test_the_ward_may_decide_to_keep_the_head_after_the_fronts_agreement(recognised_kp1, personas, hcm_map):
    request = record_request(
        personas, hcm_map, ReleaseWayIn.PETITION, petitioners=5, household_total=10, proposed_by="Đỗ Văn Dân"
    )
    election = convene(personas, request)
    hold(personas, election, agree=3)
    head_release.release_decide(
        by=personas.p22_ubnd,
        election=election,
        decided_on=dt.date(2025, 3, 20),
        let_go=False,
        front_agreed_on=dt.date(2025, 3, 18),
        front_agreed_by="Phạm Văn Mặt Trận",
    )
    assert tenure_selectors.serving_head(hcm_map.kp1).full_name == "Nguyễn Văn head"
    assert release_selectors.request_of(election).status == ReleaseStatus.KEPT
    election.refresh_from_db()
    assert election.stage == Stage.RECOGNISED
    # The head may face another request later.
    assert record_request(personas, hcm_map).status == ReleaseStatus.RECEIVED


# --- The pages ------------------------------------------------------------------------------


def test_the_ward_front_records_its_committee_heads_proposal_and_convenes_the_meeting(
    client, recognised_kp1, personas, hcm_map
):
    client.force_login(personas.p22_mttq, backend="django.contrib.auth.backends.ModelBackend")
    data = {
        "request-way_in": "front_proposal",
        "request-received_on": "03/03/2025",
        "request-proposed_by": "Lê Thị Mặt Trận",
        "request-grounds": ["duties_unfulfilled", "insubordination"],
        "request-reasons": "Không tổ chức họp khu phố trong 6 tháng.",
    }
    url = reverse("elections:head_release_request", args=[hcm_map.kp1.pk])
    client.post(url, with_token(data, "request"))
    (request,) = HeadReleaseRequest.objects.all()
    assert request.ground_labels == [
        "Không hoàn thành nhiệm vụ",
        "Không phục tùng sự chỉ đạo điều hành của UBND phường, các quy định của cấp trên",
    ]
    page = client.get(reverse("elections:head_release_page", args=[hcm_map.kp1.pk])).content.decode()
    assert "Triệu tập cuộc họp cộng đồng dân cư" in page and "Ghi nhận đề nghị" not in page
    convene_data = {
        "convene-meeting_date": "10/03/2025",
        "convene-meeting_place": "Nhà văn hóa khu phố 1",
        "convene-chair": "front_committee_head",
        "convene-chair_name": "Lê Thị Mặt Trận",
    }
    response = client.post(
        reverse("elections:head_release_convene", args=[request.pk]), with_token(convene_data, "convene")
    )
    request.refresh_from_db()
    assert request.status == ReleaseStatus.CONVENED
    assert response["Location"] == reverse("elections:election_detail", args=[request.election_id])


def test_the_election_team_reads_the_heads_page_but_records_nothing(
    client, recognised_kp1, personas, hcm_map
):
    client.force_login(personas.p22_kp1_tobaucu, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("elections:head_release_page", args=[hcm_map.kp1.pk]))
    assert page.status_code == 200 and "Nguyễn Văn head" in page.content.decode()
    assert "Ghi nhận đề nghị" not in page.content.decode()
    data = {"request-way_in": "own_request", "request-received_on": "03/03/2025", "request-proposed_by": "X"}
    response = client.post(
        reverse("elections:head_release_request", args=[hcm_map.kp1.pk]), with_token(data, "request")
    )
    assert response.status_code == 404
    assert not HeadReleaseRequest.objects.exists()


def test_the_wards_page_keeps_the_khu_phos_election_in_its_column_after_a_dismissal_meeting(
    recognised_kp1, personas, hcm_map, client
):
    election = convene(personas, record_request(personas, hcm_map))
    hold(personas, election, agree=6)
    client.force_login(personas.p22_ubnd)
    page = client.get(reverse("neighborhoods:division_detail", args=[hcm_map.p22.pk])).content.decode()
    assert reverse("elections:election_detail", args=[recognised_kp1.pk]) in page
    assert reverse("elections:election_detail", args=[election.pk]) not in page
