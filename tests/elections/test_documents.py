import datetime as dt
import unicodedata

import pytest
from django.urls import reverse

from elections import consultation
from elections.documents import (
    CANDIDATE_NOTICE,
    DECISION_TO_HOLD,
    LIST_MINUTES,
    MEETING_INVITATION,
    TEAM_DECISION,
)
from elections.models import ContestKind
from elections.services.candidates import candidate_add
from elections.services.plans import election_schedule
from elections.services.team import team_member_add
from reporting.models import DocumentStatus
from reporting.services import document_request
from tests.reporting.pdf import pdf_text


@pytest.fixture
def prepared(kp1_election, personas):
    election = election_schedule(
        by=personas.p22_ubnd,
        election=kp1_election,
        meeting_date=dt.date(2024, 10, 27),
        meeting_time=dt.time(8, 0),
        meeting_place="Nhà văn hóa khu phố 1",
    )
    team_member_add(election=election, full_name="Trần Văn Bình", role="head", represents="front_committee")
    team_member_add(
        election=election,
        full_name="Lê Thị Cúc",
        role="secretary",
        represents="mass_organisation",
        organisation="Hội Liên hiệp Phụ nữ",
    )
    head = election.contests.get(kind=ContestKind.HEAD)
    candidate_add(
        contest=head,
        full_name="Nguyễn Thị Hường",
        gender="female",
        birth_date=dt.date(1972, 3, 8),
        nomination_source="front_committee",
        education_level="Đại học",
        occupation="Hưu trí",
        party_member=True,
        biography="Nguyên Trưởng khu phố 1 nhiệm kỳ 2019 - 2024",
    )
    for step, user in (
        ("record_party_opinion", personas.p22_ubnd),
        ("fix_official_list", personas.p22_ubnd),
        ("send_to_ward", personas.p22_ubnd),
        ("approve", personas.p22_mttq),
    ):
        consultation.list_transition(head, step, by=user)
    election.refresh_from_db()
    return election


def render(kind, election, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = document_request(kind=kind, source=election)
    document.refresh_from_db()
    assert document.status == DocumentStatus.READY, document.error
    # Lines wrap where the page ends them: compare with single spaces.
    return " ".join(unicodedata.normalize("NFC", pdf_text(document.file.read())).split())


def test_the_decision_to_hold_the_election_reads_back_with_its_number(
    prepared, django_capture_on_commit_callbacks
):
    text = render(DECISION_TO_HOLD, prepared, django_capture_on_commit_callbacks)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "Số: 01/QĐ-UBND" in text
    assert "ỦY BAN NHÂN DÂN" in text and "PHƯỜNG 22" in text
    assert "Phường 22, ngày 07 tháng 10 năm 2024" in text  # the legal deadline, 20 days before
    assert "08 giờ 00 ngày 27 tháng 10 năm 2024" in text


def test_numbers_run_per_issuer_and_year_and_stay_with_their_document(
    prepared, django_capture_on_commit_callbacks
):
    render(DECISION_TO_HOLD, prepared, django_capture_on_commit_callbacks)
    text = render(TEAM_DECISION, prepared, django_capture_on_commit_callbacks)
    assert "Số: 02/QĐ-UBND" in text
    assert "Trần Văn Bình" in text and "Tổ trưởng" in text and "Hội Liên hiệp Phụ nữ" in text
    prepared.meeting_place = "Hội trường khu phố 1"  # the paper changes, the number does not
    prepared.save()
    again = render(DECISION_TO_HOLD, prepared, django_capture_on_commit_callbacks)
    assert "Số: 01/QĐ-UBND" in again and "Hội trường khu phố 1" in again


def test_the_team_decision_is_dated_by_the_plans_own_deadline_when_the_plan_overrides_it(
    prepared, django_capture_on_commit_callbacks
):
    # The default is 10 days before the meeting of 27/10 (17/10); this plan asks for 12.
    plan = prepared.plan
    plan.rule_overrides = {"team_decision_days": 12}
    plan.save()
    election = type(prepared).objects.get(pk=prepared.pk)
    text = render(TEAM_DECISION, election, django_capture_on_commit_callbacks)
    assert "Phường 22, ngày 15 tháng 10 năm 2024" in text
    assert "ngày 17 tháng 10 năm 2024" not in text


def test_the_committee_minutes_form_05(prepared, django_capture_on_commit_callbacks):
    text = render(LIST_MINUTES, prepared, django_capture_on_commit_callbacks)
    assert "BIÊN BẢN" in text and "Mẫu số 05" in text
    assert "Nguyễn Thị Hường" in text and "01 (một)" in text


def test_the_public_notice_lists_the_approved_candidates_with_a_biography(
    prepared, django_capture_on_commit_callbacks
):
    text = render(CANDIDATE_NOTICE, prepared, django_capture_on_commit_callbacks)
    assert "THÔNG BÁO" in text and "Nguyễn Thị Hường" in text and "1972" in text
    assert "Nguyên Trưởng khu phố 1" in text
    assert f"/bau-cu/cong-khai/phuong/{prepared.plan.division_id}/" in text.replace(" ", "")


def test_the_meeting_invitation_form_01(prepared, django_capture_on_commit_callbacks):
    text = render(MEETING_INVITATION, prepared, django_capture_on_commit_callbacks)
    assert "GIẤY MỜI" in text and "Mẫu số 01" in text and "Nhà văn hóa khu phố 1" in text


def test_the_ward_requests_a_document_from_the_election_page(
    login, personas, prepared, django_capture_on_commit_callbacks
):
    client = login(personas.p22_ubnd)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("elections:election_document", args=[prepared.pk, DECISION_TO_HOLD]))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Tải về" in page and "Quyết định tổ chức bầu cử – Khu phố 1" in page


def test_the_public_page_shows_the_approved_list_and_nothing_else(client, prepared, households):
    page = client.get(reverse("elections:public_ward", args=[prepared.plan.division_id])).content.decode()
    assert "Nguyễn Thị Hường" in page and "1972" in page and "27/10/2024" in page
    assert "Hưu trí" in page
    assert "Nguyên Trưởng khu phố 1" not in page  # the biography stays on paper
    assert "Trần Văn Bình" not in page  # the team is not public
    assert all(h.head_name not in page and h.code not in page for h in households)


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_document_requests_in_one_ward_get_twenty_distinct_numbers(
    hcm_map, upper_plans, personas, monkeypatch
):
    from elections.services.plans import plan_create
    from reporting.models import IssuedNumber
    from tests.concurrency import at_once
    from tests.conftest import PLAN_DEFAULTS
    from tests.factories import make_neighborhood

    for number in range(4, 11):
        make_neighborhood(hcm_map.p22, number)
    ward_plan = plan_create(
        by=personas.p22_ubnd,
        division=hcm_map.p22,
        parent=upper_plans["district"],
        number="192/KHLT-UBND-UBMTTQ",
        issued_on=dt.date(2024, 10, 7),
        title="Bầu cử Trưởng khu phố và thành viên Ban TTND",
        **PLAN_DEFAULTS,
    )
    monkeypatch.setattr("reporting.services._enqueue_render", lambda document_id: None)  # numbers only
    requests = [(kind, e) for e in ward_plan.elections.all() for kind in (DECISION_TO_HOLD, TEAM_DECISION)]
    assert len(requests) == 20

    documents, errors = at_once(lambda kind, election: document_request(kind=kind, source=election), requests)
    assert errors == []
    numbers = sorted(d.context["number"] for d in documents)
    assert numbers == [f"{n:02d}/QĐ-UBND" for n in range(1, 21)]
    assert IssuedNumber.objects.count() == 20


@pytest.mark.django_db(transaction=True)
def test_the_same_document_requested_three_times_at_once_keeps_one_number(prepared, monkeypatch):
    from reporting.models import IssuedNumber
    from reporting.services import document_number
    from tests.concurrency import at_once

    def number():
        return document_number(
            kind=DECISION_TO_HOLD, source=prepared, issuer="UBND-x", symbol="QĐ-UBND", year=2024
        )

    numbers, errors = at_once(number, [(), (), ()])
    assert errors == [] and numbers == ["01/QĐ-UBND"] * 3
    assert IssuedNumber.objects.count() == 1
