"""Issuing a paper from the page, keeping the register of signers, and checking a paper at
/xac-minh/<code>/ as anyone holding it would (no login)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from elections.documents import DECISION_TO_HOLD
from reporting.models import DocumentState, OfficeHolder, StoredDocument
from tests.issuing import draft, issue


def _issue_page(paper):
    return reverse("reporting:document_issue", args=[paper.pk])


def test_the_ward_official_issues_a_draft_from_its_page(
    login,
    personas,
    prepared,
    signers,
    django_capture_on_commit_callbacks,
):
    paper = draft(DECISION_TO_HOLD, prepared, django_capture_on_commit_callbacks)
    client = login(personas.p22_ubnd)
    page = client.get(_issue_page(paper)).content.decode()
    assert "Dự thảo" in page and "Phạm Minh Đức" in page and "Võ Thị Lan" in page
    assert "Đặng Văn Hải" not in page  # the Front's chairman does not sign the ward's decision
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_issue_page(paper), {"signed_on": "08/10/2024", "signer": signers.chairman.pk})
    issued = StoredDocument.objects.get(state=DocumentState.ISSUED)
    assert response.status_code == 302 and response["Location"] == _issue_page(issued)
    page = client.get(response["Location"]).content.decode()
    assert "01/QĐ-UBND" in page and "08/10/2024" in page and issued.verification_code in page


def test_a_refused_date_is_said_on_the_form_and_nothing_is_issued(
    login,
    personas,
    prepared,
    signers,
    django_capture_on_commit_callbacks,
):
    paper = draft(DECISION_TO_HOLD, prepared, django_capture_on_commit_callbacks)
    client = login(personas.p22_ubnd)
    response = client.post(_issue_page(paper), {"signed_on": "01/10/2024", "signer": signers.chairman.pk})
    assert response.status_code == 200
    assert "không được trước ngày ban hành Kế hoạch" in response.content.decode()
    assert not StoredDocument.objects.filter(state=DocumentState.ISSUED).exists()


def test_the_front_does_not_issue_the_wards_decision_nor_another_ward(
    login,
    personas,
    prepared,
    signers,
    django_capture_on_commit_callbacks,
):
    paper = draft(DECISION_TO_HOLD, prepared, django_capture_on_commit_callbacks)
    for persona in (personas.p22_mttq, personas.p25_ubnd):
        response = login(persona).post(
            _issue_page(paper), {"signed_on": "08/10/2024", "signer": signers.chairman.pk}
        )
        assert response.status_code == 404
    assert not StoredDocument.objects.filter(state=DocumentState.ISSUED).exists()


def test_the_register_adds_one_chairman_at_a_time_and_keeps_those_who_leave(
    login, personas, hcm_map, signers
):
    client = login(personas.p22_ubnd)
    url = reverse("reporting:office_holders", args=[hcm_map.p22.pk])
    second = {
        "division": hcm_map.p22.pk,
        "body": "peoples_committee",
        "position": "chairman",
        "full_name": "Lý Văn Nam",
    }
    page = client.post(url, second).content.decode()
    assert "đang có Phạm Minh Đức giữ chức vụ" in page
    client.post(reverse("reporting:office_holder_retire", args=[signers.chairman.pk]))
    assert client.post(url, second).status_code == 302
    signers.chairman.refresh_from_db()
    assert not signers.chairman.active  # kept, no longer offered
    assert OfficeHolder.objects.filter(full_name="Lý Văn Nam", active=True).exists()
    assert login(personas.p25_ubnd).get(url).status_code == 404


@pytest.fixture
def issued(prepared, personas, signers, django_capture_on_commit_callbacks):
    return issue(
        DECISION_TO_HOLD,
        prepared,
        django_capture_on_commit_callbacks,
        by=personas.p22_ubnd,
        signed_on=dt.date(2024, 10, 8),
        signer=signers.chairman,
    )


def _verify(client, paper):
    return reverse("verify_document", args=[paper.verification_code])


def test_anyone_checks_an_issued_paper_by_its_code_and_its_file(client, issued):
    page = client.get(_verify(client, issued)).content.decode()
    for fact in ("ỦY BAN NHÂN DÂN", "Quyết định", "01/QĐ-UBND", "08/10/2024", "Phạm Minh Đức", issued.sha256):
        assert fact in page
    assert "Nguyễn Thị Hường" not in page and "Trần Văn Bình" not in page  # nothing else of the election
    with issued.file.open("rb") as pdf:
        same = SimpleUploadedFile("qd.pdf", pdf.read(), content_type="application/pdf")
    assert (
        "Khớp với văn bản đã ban hành"
        in client.post(_verify(client, issued), {"file": same}).content.decode()
    )
    forged = SimpleUploadedFile("qd.pdf", b"%PDF-1.7 not the paper", content_type="application/pdf")
    page = client.post(_verify(client, issued), {"file": forged}).content.decode()
    assert "Không khớp với văn bản đã ban hành" in page


def test_a_draft_and_a_replaced_paper_say_so(
    client,
    issued,
    prepared,
    personas,
    signers,
    django_capture_on_commit_callbacks,
):
    assert "Đây là dự thảo" in client.get(_verify(client, issued.draft)).content.decode()
    prepared.meeting_place = "Hội trường khu phố 1"
    prepared.save()
    newer = issue(
        DECISION_TO_HOLD,
        prepared,
        django_capture_on_commit_callbacks,
        by=personas.p22_ubnd,
        signed_on=dt.date(2024, 10, 12),
        signer=signers.chairman,
    )
    page = client.get(_verify(client, issued)).content.decode()
    assert "Văn bản đã bị thay thế" in page and "02/QĐ-UBND" in page and newer.verification_code in page


def test_an_unknown_code_is_not_found(client, db):
    assert client.get(reverse("verify_document", args=["AAAAA-BBBBB"])).status_code == 404


def test_the_page_says_when_no_one_in_the_register_may_sign_yet(
    login, personas, prepared, hcm_map, django_capture_on_commit_callbacks
):
    paper = draft(DECISION_TO_HOLD, prepared, django_capture_on_commit_callbacks)
    page = login(personas.p22_ubnd).get(_issue_page(paper)).content.decode()
    assert "Sổ người ký chưa có người ký văn bản này." in page
    assert reverse("reporting:office_holders", args=[hcm_map.p22.pk]) in page


def test_the_ward_page_leads_its_office_to_the_register_of_signers(login, personas, hcm_map):
    page = login(personas.p22_ubnd).get(reverse("neighborhoods:division_detail", args=[hcm_map.p22.pk]))
    assert reverse("reporting:office_holders", args=[hcm_map.p22.pk]) in page.content.decode()


def test_an_oversized_upload_is_refused_before_it_is_read(client, issued):
    from reporting.forms import MAX_UPLOAD_MB

    response = client.post(
        _verify(client, issued),
        data=b"x",
        content_type="application/pdf",
        CONTENT_LENGTH=str(MAX_UPLOAD_MB * 1024 * 1024 + 1),
    )
    assert response.status_code == 413


def test_the_ward_front_issues_form_05_of_the_front_committee(
    login, personas, prepared, signers, django_capture_on_commit_callbacks
):
    from elections.documents import LIST_MINUTES
    from elections.services.candidates import list_conference_record

    list_conference_record(
        election=prepared,
        held_at=dt.datetime(2024, 10, 14, 8, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
        place="Nhà văn hóa khu phố 1",
        members_total=9,
        members_present=8,
        chair="Huỳnh Văn Tâm",
        secretary="Mai Thị Thư",
        party_cell_opinion="Chi bộ thống nhất danh sách",
        votes_for=8,
    )
    paper = draft(LIST_MINUTES, prepared, django_capture_on_commit_callbacks)
    client = login(personas.p22_mttq)
    page = client.get(_issue_page(paper)).content.decode()
    assert 'value="14/10/2024"' in page  # minutes: the form proposes the conference's day
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _issue_page(paper), {"signed_on": "14/10/2024", "front_committee_head": signers.kp1_front_head.pk}
        )
    assert response.status_code == 302
    issued = StoredDocument.objects.get(state=DocumentState.ISSUED)
    assert issued.signed_on == dt.date(2024, 10, 14) and issued.number == ""
