import datetime as dt
import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from elections.documents import (
    CANDIDATE_NOTICE,
    DECISION_TO_HOLD,
    LIST_MINUTES,
    MEETING_INVITATION,
    TEAM_DECISION,
)
from reporting.models import DocumentState, DocumentStatus, NumberCounter, StoredDocument
from reporting.services import document_issue, document_request
from tests.issuing import draft, issue, text_of
from tests.reporting.pdf import pdf_text


def render(kind, election, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = document_request(kind=kind, source=election)
    document.refresh_from_db()
    assert document.status == DocumentStatus.READY, document.error
    # Lines wrap where the page ends them: compare with single spaces.
    return " ".join(unicodedata.normalize("NFC", pdf_text(document.file.read())).split())


def test_a_draft_has_no_number_no_date_and_says_draft(prepared, django_capture_on_commit_callbacks):
    text = render(DECISION_TO_HOLD, prepared, django_capture_on_commit_callbacks)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "DỰ THẢO" in text
    assert "Số: /QĐ-UBND" in text and "01/QĐ-UBND" not in text
    assert "Phường 22, ngày …… tháng …… năm ……" in text
    assert "Kế hoạch số 192/KHLT-UBND-UBMTTQ" in text and "Khu phố 1" in text


def test_the_decision_to_hold_is_issued_by_the_chairman_with_the_next_number(
    prepared, personas, signers, django_capture_on_commit_callbacks
):
    paper = issue(
        DECISION_TO_HOLD,
        prepared,
        django_capture_on_commit_callbacks,
        by=personas.p22_ubnd,
        signed_on=dt.date(2024, 10, 8),
        signer=signers.chairman,
    )
    text = text_of(paper)
    assert "DỰ THẢO" not in text
    assert "Số: 01/QĐ-UBND" in text and "Phường 22, ngày 08 tháng 10 năm 2024" in text
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG 22" in text  # the chairman enacts
    assert "CHỦ TỊCH Phạm Minh Đức" in text and "TM. ỦY BAN NHÂN DÂN" not in text
    assert f"Mã xác minh: {paper.verification_code}" in text
    assert (paper.number, paper.signed_on, paper.signer_name) == (
        "01/QĐ-UBND",
        dt.date(2024, 10, 8),
        "Phạm Minh Đức",
    )


def test_a_vice_chairman_signs_on_behalf_of_the_chairman(
    prepared, personas, signers, django_capture_on_commit_callbacks
):
    paper = issue(
        TEAM_DECISION,
        prepared,
        django_capture_on_commit_callbacks,
        by=personas.p22_ubnd,
        signed_on=dt.date(2024, 10, 9),
        signer=signers.vice_chairman,
    )
    assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Võ Thị Lan" in text_of(paper)


def test_the_committee_posts_the_list_on_behalf_of_the_ward_peoples_committee(
    prepared, personas, signers, django_capture_on_commit_callbacks
):
    paper = issue(
        CANDIDATE_NOTICE,
        prepared,
        django_capture_on_commit_callbacks,
        by=personas.p22_ubnd,
        signed_on=dt.date(2024, 10, 15),
        signer=signers.chairman,
    )
    text = text_of(paper)
    assert "Số: 01/TB-UBND" in text and "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Phạm Minh Đức" in text


def test_numbers_follow_the_order_of_issue_in_the_issuers_year(
    prepared, personas, signers, django_capture_on_commit_callbacks
):
    # Drafted first, issued second: the number is taken when the paper is signed.
    first_draft = draft(DECISION_TO_HOLD, prepared, django_capture_on_commit_callbacks)
    team = issue(
        TEAM_DECISION,
        prepared,
        django_capture_on_commit_callbacks,
        by=personas.p22_ubnd,
        signed_on=dt.date(2024, 10, 8),
        signer=signers.chairman,
    )
    with django_capture_on_commit_callbacks(execute=True):
        hold = document_issue(
            document=first_draft,
            by=personas.p22_ubnd,
            signed_on=dt.date(2024, 10, 9),
            signer=signers.chairman,
        )
    assert (team.number, hold.number) == ("01/QĐ-UBND", "02/QĐ-UBND")


def test_a_paper_is_not_dated_before_the_issuers_last_numbered_paper(
    prepared, personas, signers, django_capture_on_commit_callbacks
):
    issue(
        TEAM_DECISION,
        prepared,
        django_capture_on_commit_callbacks,
        by=personas.p22_ubnd,
        signed_on=dt.date(2024, 10, 10),
        signer=signers.chairman,
    )
    paper = draft(DECISION_TO_HOLD, prepared, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError) as refused:
        document_issue(
            document=paper, by=personas.p22_ubnd, signed_on=dt.date(2024, 10, 9), signer=signers.chairman
        )
    assert "văn bản có số liền trước" in str(refused.value)
    assert not StoredDocument.objects.filter(kind=DECISION_TO_HOLD, state=DocumentState.ISSUED).exists()


@pytest.mark.parametrize(
    ("signed_on", "why"),
    [
        (
            dt.date(2024, 10, 6),
            "không được trước ngày ban hành Kế hoạch số 192/KHLT-UBND-UBMTTQ (07/10/2024)",
        ),
        ("tomorrow", "không được sau ngày hôm nay"),
    ],
)
def test_a_paper_is_never_backdated_nor_dated_in_the_future(
    prepared, personas, signers, django_capture_on_commit_callbacks, signed_on, why
):
    if signed_on == "tomorrow":
        signed_on = timezone.localdate() + dt.timedelta(days=1)
    paper = draft(DECISION_TO_HOLD, prepared, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError) as refused:
        document_issue(document=paper, by=personas.p22_ubnd, signed_on=signed_on, signer=signers.chairman)
    assert why in str(refused.value)
    assert NumberCounter.objects.filter(last__gt=0).count() == 0  # no number was spent


def test_a_paper_is_issued_once_and_never_changes(
    prepared, personas, signers, django_capture_on_commit_callbacks
):
    paper = draft(DECISION_TO_HOLD, prepared, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        issued = document_issue(
            document=paper, by=personas.p22_ubnd, signed_on=dt.date(2024, 10, 8), signer=signers.chairman
        )
    for again in (paper, issued):
        with pytest.raises(ValidationError):
            document_issue(
                document=again, by=personas.p22_ubnd, signed_on=dt.date(2024, 10, 9), signer=signers.chairman
            )
    # Asking for the paper again gives the issued one while the record is unchanged.
    assert document_request(kind=DECISION_TO_HOLD, source=prepared).pk == issued.pk


def test_only_the_register_of_the_issuing_body_signs(
    prepared, personas, signers, hcm_map, django_capture_on_commit_callbacks
):
    from reporting.issuing import OfficeBody, Position
    from reporting.models import OfficeHolder

    other_ward = OfficeHolder.objects.create(
        division=hcm_map.p25,
        body=OfficeBody.PEOPLES_COMMITTEE,
        position=Position.CHAIRMAN,
        full_name="Mai Văn Tú",
    )
    paper = draft(DECISION_TO_HOLD, prepared, django_capture_on_commit_callbacks)
    for wrong in (other_ward, signers.front_chairman, signers.kp1_front_head, None):
        with pytest.raises(ValidationError):
            document_issue(document=paper, by=personas.p22_ubnd, signed_on=dt.date(2024, 10, 8), signer=wrong)
    signers.chairman.active = False  # left office
    signers.chairman.save()
    with pytest.raises(ValidationError):
        document_issue(
            document=paper, by=personas.p22_ubnd, signed_on=dt.date(2024, 10, 8), signer=signers.chairman
        )


def test_a_correction_is_a_new_paper_that_names_the_one_it_replaces(
    prepared, personas, signers, django_capture_on_commit_callbacks
):
    first = issue(
        DECISION_TO_HOLD,
        prepared,
        django_capture_on_commit_callbacks,
        by=personas.p22_ubnd,
        signed_on=dt.date(2024, 10, 8),
        signer=signers.chairman,
    )
    prepared.meeting_place = "Hội trường khu phố 1"
    prepared.save()
    second = issue(
        DECISION_TO_HOLD,
        prepared,
        django_capture_on_commit_callbacks,
        by=personas.p22_ubnd,
        signed_on=dt.date(2024, 10, 12),
        signer=signers.chairman,
    )
    text = text_of(second)
    assert second.number == "02/QĐ-UBND" and second.replaces == first
    assert "Hội trường khu phố 1" in text
    assert "thay thế Quyết định tổ chức bầu cử – Khu phố 1, số 01/QĐ-UBND, ký ngày 08/10/2024" in text
    first.refresh_from_db()
    assert first.number == "01/QĐ-UBND" and first.signed_on == dt.date(2024, 10, 8)  # unchanged
    assert "Nhà văn hóa khu phố 1" in text_of(first)


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
def test_twenty_papers_issued_at_once_in_one_ward_get_twenty_distinct_numbers(
    hcm_map, upper_plans, personas, signers, monkeypatch
):
    from elections.services.plans import plan_create
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
    monkeypatch.setattr("reporting.services._enqueue_render", lambda document: None)  # numbers only
    drafts = [
        document_request(kind=kind, source=e)
        for e in ward_plan.elections.all()
        for kind in (DECISION_TO_HOLD, TEAM_DECISION)
    ]
    assert len(drafts) == 20

    def sign(paper):
        return document_issue(
            document=paper, by=personas.p22_ubnd, signed_on=dt.date(2024, 10, 8), signer=signers.chairman
        )

    documents, errors = at_once(sign, [(d,) for d in drafts])
    assert errors == []
    numbers = sorted(d.number for d in documents)
    assert numbers == [f"{n:02d}/QĐ-UBND" for n in range(1, 21)]


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
