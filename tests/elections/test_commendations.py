"""Commendations after the campaign: the ward's office drafts the list of collectives and
individuals with their achievements, proposes it, and the ward chairman decides his Giấy
khen in an ND30 decision with its annexed list; what does not add up is refused, naming the
line, and a proposed or decided list never changes in place."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from elections.commendation_documents import COMMENDATION_DECISION
from elections.models import Commendation, CommendationStatus
from elections.services import commendations as svc
from reporting.issuing import OfficeBody, Position
from reporting.models import OfficeHolder
from tests.issuing import draft, issue, text_of

PROPOSED_ON = dt.date(2024, 11, 20)
DECIDED_ON = dt.date(2024, 11, 25)


def make_list(plan, by, form="ward_certificate") -> Commendation:
    commendation = svc.commendation_create(by=by, plan=plan, form=form)
    svc.commendee_add(
        by=by,
        commendation=commendation,
        kind="collective",
        name="Tổ bầu cử Khu phố 1",
        achievement="Tổ chức cuộc họp bầu cử đúng luật, đạt tỷ lệ hộ tham dự cao",
    )
    svc.commendee_add(
        by=by,
        commendation=commendation,
        kind="individual",
        name="Huỳnh Văn Phúc",
        position="Tổ trưởng Tổ bầu cử",
        unit="Khu phố 1",
        achievement="Điều hành cuộc họp bầu cử chặt chẽ",
    )
    svc.commendee_add(
        by=by,
        commendation=commendation,
        kind="individual",
        name="Trương Thị Hồng",
        position="Thư ký Tổ bầu cử",
        unit="Khu phố 1",
        achievement="Lập biên bản kiểm phiếu chính xác, kịp thời",
    )
    return commendation


@pytest.fixture
def listed(plans, personas):
    return make_list(plans["ward"], personas.p22_ubnd)


@pytest.fixture
def decided(listed, personas):
    svc.commendation_propose(by=personas.p22_ubnd, commendation=listed, proposed_on=PROPOSED_ON)
    return svc.commendation_decide(by=personas.p22_ubnd, commendation=listed, decided_on=DECIDED_ON)


@pytest.fixture
def chairman(hcm_map):
    return OfficeHolder.objects.create(
        division=hcm_map.p22,
        body=OfficeBody.PEOPLES_COMMITTEE,
        position=Position.CHAIRMAN,
        full_name="Nguyễn Thanh Tùng",
    )


def test_an_individual_without_position_or_unit_is_refused_naming_the_line(listed, personas):
    with pytest.raises(ValidationError) as refused:
        svc.commendee_add(
            by=personas.p22_ubnd,
            commendation=listed,
            kind="individual",
            name="Lê Văn Tư",
            achievement="Tuyên truyền bầu cử",
        )
    assert refused.value.messages == ["Dòng 4 (Lê Văn Tư): cá nhân phải ghi chức vụ và đơn vị công tác."]
    assert listed.commendees.count() == 3


def test_a_line_without_achievement_or_twice_on_the_list_is_refused(listed, personas):
    with pytest.raises(ValidationError) as refused:
        svc.commendee_add(
            by=personas.p22_ubnd,
            commendation=listed,
            kind="collective",
            name="Tổ bầu cử  khu phố 1",
            achievement="  ",
        )
    assert refused.value.messages == [
        "Dòng 4 (Tổ bầu cử khu phố 1): chưa ghi thành tích được khen thưởng.",
        "Dòng 4 (Tổ bầu cử khu phố 1): trùng với dòng 1; mỗi tập thể, cá nhân chỉ ghi một lần.",
    ]


def test_an_empty_list_is_not_proposed(plans, personas):
    commendation = svc.commendation_create(by=personas.p22_ubnd, plan=plans["ward"], form="ward_certificate")
    with pytest.raises(ValidationError) as refused:
        svc.commendation_propose(by=personas.p22_ubnd, commendation=commendation, proposed_on=PROPOSED_ON)
    assert refused.value.messages == ["Danh sách khen thưởng chưa có tập thể, cá nhân nào."]
    commendation.refresh_from_db()
    assert commendation.status == CommendationStatus.DRAFT


def test_a_proposal_before_the_campaign_ended_is_refused(listed, personas):
    with pytest.raises(ValidationError) as refused:
        svc.commendation_propose(by=personas.p22_ubnd, commendation=listed, proposed_on=dt.date(2024, 10, 25))
    assert refused.value.messages == [
        "Chỉ đề nghị khen thưởng sau khi kết thúc cuộc bầu cử: ngày đề nghị (25/10/2024) không được trước "
        "31/10/2024 (thời hạn hoàn thành của kế hoạch, hoặc ngày công nhận kết quả cuối cùng nếu mọi khu phố "
        "đã được công nhận sớm hơn)."
    ]
    listed.refresh_from_db()
    assert listed.status == CommendationStatus.DRAFT


def test_the_campaign_ends_when_every_khu_pho_is_recognised_before_the_deadline(plans):
    from elections.models import Decision, DecisionKind, Stage
    from elections.selectors.commendations import campaign_ended_on

    plan = plans["ward"]
    assert campaign_ended_on(plan) == dt.date(2024, 10, 31)  # the plan's completion deadline
    # Set up as the records would stand once every khu phố's head is recognised (the count and
    # the recognition themselves are tested elsewhere).
    for day, election in enumerate(plan.elections.order_by("pk"), start=20):
        Decision.objects.create(
            plan=plan, election=election, kind=DecisionKind.RECOGNISE_HEAD, decided_on=dt.date(2024, 10, day)
        )
    assert campaign_ended_on(plan) == dt.date(2024, 10, 31)  # not every election is recognised yet
    plan.elections.update(stage=Stage.RECOGNISED)
    assert campaign_ended_on(plan) == dt.date(2024, 10, 22)


def test_a_proposal_before_the_plan_is_refused():
    from elections import rules

    assert rules.commendation_date_problems(
        plan_issued_on=dt.date(2024, 10, 7), today=dt.date(2024, 12, 1), proposed_on=dt.date(2024, 10, 1)
    ) == ["Ngày đề nghị khen thưởng (01/10/2024) không được trước ngày ban hành kế hoạch (07/10/2024)."]


def test_the_decision_is_not_dated_before_the_proposal(listed, personas):
    svc.commendation_propose(by=personas.p22_ubnd, commendation=listed, proposed_on=PROPOSED_ON)
    with pytest.raises(ValidationError) as refused:
        svc.commendation_decide(by=personas.p22_ubnd, commendation=listed, decided_on=dt.date(2024, 11, 19))
    assert refused.value.messages == [
        "Ngày quyết định khen thưởng (19/11/2024) không được trước ngày đề nghị (20/11/2024)."
    ]
    listed.refresh_from_db()
    assert listed.status == CommendationStatus.PROPOSED and listed.decided_on is None


def test_a_draft_list_is_not_decided(listed, personas):
    with pytest.raises(ValidationError) as refused:
        svc.commendation_decide(by=personas.p22_ubnd, commendation=listed, decided_on=DECIDED_ON)
    assert refused.value.messages == ["Chỉ quyết định khen thưởng trên danh sách đã đề nghị."]


def test_the_ward_only_proposes_the_district_chairmans_giay_khen(plans, personas):
    commendation = make_list(plans["ward"], personas.p22_ubnd, form="district_certificate")
    svc.commendation_propose(by=personas.p22_ubnd, commendation=commendation, proposed_on=PROPOSED_ON)
    with pytest.raises(ValidationError) as refused:
        svc.commendation_decide(by=personas.p22_ubnd, commendation=commendation, decided_on=DECIDED_ON)
    assert refused.value.messages == [
        "Giấy khen của Chủ tịch Ủy ban nhân dân quận do cấp trên quyết định: phường chỉ đề nghị, "
        "không ra quyết định khen thưởng hình thức này."
    ]


def test_a_decided_list_never_changes_in_place_and_a_correction_names_it(decided, personas):
    with pytest.raises(ValidationError) as refused:
        svc.commendee_add(
            by=personas.p22_ubnd,
            commendation=decided,
            kind="collective",
            name="Khu phố 2",
            achievement="Hoàn thành sớm",
        )
    assert "không sửa được" in refused.value.messages[0]
    with pytest.raises(ValidationError):
        svc.commendee_remove(by=personas.p22_ubnd, commendee=decided.commendees.first())
    assert decided.commendees.count() == 3
    correction = svc.commendation_correct(by=personas.p22_ubnd, commendation=decided, reason="Sai chức vụ")
    assert correction.supersedes == decided and correction.version == 2
    assert [c.name for c in correction.commendees.all()] == [c.name for c in decided.commendees.all()]
    assert correction.status == CommendationStatus.DRAFT


def test_the_decision_reads_back_with_its_annexed_list(
    decided, personas, chairman, django_capture_on_commit_callbacks
):
    paper = issue(
        COMMENDATION_DECISION,
        decided,
        django_capture_on_commit_callbacks,
        by=personas.p22_ubnd,
        signed_on=DECIDED_ON,
        signer=chairman,
    )
    text = text_of(paper)
    assert paper.number == "01/QĐ-UBND"
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG 22" in text
    assert (
        "Về việc khen thưởng các tập thể, cá nhân đã có thành tích trong công tác tổ chức bầu cử "
        "Trưởng khu phố và thành viên Ban Thanh tra nhân dân nhiệm kỳ 2024 – 2029"
    ) in text
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in text
    assert (
        "Xét đề nghị của Văn phòng Hội đồng nhân dân và Ủy ban nhân dân Phường 22 tại Tờ trình "
        "ngày 20/11/2024, QUYẾT ĐỊNH:"
    ) in text
    assert (
        "Điều 1. Tặng Giấy khen của Chủ tịch Ủy ban nhân dân Phường 22 cho 01 tập thể và 02 cá nhân "
        "(có danh sách kèm theo)"
    ) in text
    assert "Nguyễn Thanh Tùng" in text
    # The annexed list: its number and date are the decision's.
    assert "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG 22" in text
    assert f"(Kèm theo Quyết định số {paper.number} ngày 25 tháng 11 năm 2024" in text
    assert "I. TẬP THỂ (01) STT Tên tập thể Thành tích 1 Tổ bầu cử Khu phố 1" in text
    assert "II. CÁ NHÂN (02)" in text
    assert "1 Huỳnh Văn Phúc Tổ trưởng Tổ bầu cử Khu phố 1 Điều hành cuộc họp bầu cử chặt chẽ" in text
    assert "2 Trương Thị Hồng Thư ký Tổ bầu cử Khu phố 1" in text


def test_the_draft_is_marked_and_dotted(decided, django_capture_on_commit_callbacks):
    text = text_of(draft(COMMENDATION_DECISION, decided, django_capture_on_commit_callbacks))
    assert "DỰ THẢO" in text
    assert "(Kèm theo Quyết định số /QĐ-UBND ngày" in text


def test_a_correction_once_decided_replaces_the_issued_decision_and_the_roll_up_counts_it_alone(
    decided, personas, chairman, hcm_map, django_capture_on_commit_callbacks
):
    from elections.selectors.commendations import commendation_rollup

    by = personas.p22_ubnd
    first = issue(
        COMMENDATION_DECISION,
        decided,
        django_capture_on_commit_callbacks,
        by=by,
        signed_on=DECIDED_ON,
        signer=chairman,
    )
    correction = svc.commendation_correct(by=by, commendation=decided, reason="Ghi sai chức vụ của bà Hồng")
    # A draft correction leaves the decided list standing.
    assert [c for c, _line in commendation_rollup(hcm_map.binh_thanh).lines][0] == decided
    hong = correction.commendees.get(name="Trương Thị Hồng")
    svc.commendee_remove(by=by, commendee=hong)
    svc.commendee_add(
        by=by,
        commendation=correction,
        kind="individual",
        name="Trương Thị Hồng",
        position="Tổ viên Tổ bầu cử",
        unit="Khu phố 1",
        achievement="Lập biên bản kiểm phiếu chính xác, kịp thời",
    )
    svc.commendation_propose(by=by, commendation=correction, proposed_on=dt.date(2024, 11, 27))
    correction = svc.commendation_decide(by=by, commendation=correction, decided_on=dt.date(2024, 11, 28))
    second = issue(
        COMMENDATION_DECISION,
        correction,
        django_capture_on_commit_callbacks,
        by=by,
        signed_on=dt.date(2024, 11, 28),
        signer=chairman,
    )
    assert second.replaces == first
    text = text_of(second)
    assert (
        "Quyết định này có hiệu lực kể từ ngày ký. Quyết định này thay thế Quyết định số 01/QĐ-UBND "
        "ngày 25/11/2024. Lý do đính chính: Ghi sai chức vụ của bà Hồng."
    ) in text
    assert "Trương Thị Hồng Tổ viên Tổ bầu cử Khu phố 1" in text
    rollup = commendation_rollup(hcm_map.binh_thanh)
    assert {c.pk for c, _line in rollup.lines} == {correction.pk}
    assert (rollup.collectives, rollup.individuals) == (1, 2)
