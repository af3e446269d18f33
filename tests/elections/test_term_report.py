"""The outgoing head's term report and the khu phố's finances at the term election's meeting
(issue 15, item 1): the ward files them for the head; a statement that does not add up is
refused, naming the line; the meeting page lists them before the vote and the team records
them heard with the objections; form 03 says so; the papers read back from their PDFs; the
ward's public page shows each statement once the meeting is held."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from elections.count_documents import COMMUNITY_DECISION
from elections.models import AgendaHearing, FinanceStatement, TermReport
from elections.rules import FinanceFigure, finance_statement_problems
from elections.services import meeting as meeting_services
from elections.services.term_report import agenda_hearing_record, finance_statement_file, term_report_file
from elections.term_report_documents import FINANCE_STATEMENT, TERM_REPORT
from tests.documents import layout
from tests.elections.count_helpers import check_in_first
from tests.elections.test_meeting_papers import counted, minutes_facts, read_back
from tests.issuing import draft, text_of

# The first page is saved for a reviewer, beside the golden papers' (tests/documents).
PNG_DIR = Path(__file__).resolve().parents[2] / "var" / "golden-png"
FILED_ON = dt.date(2024, 10, 20)
# Khu phố 1's funds over the term 2022 - 2024 (the form's rows: 1-2 income, 3-4 spending).
LINES = [
    ("income", "Đóng góp của các hộ gia đình", "24.000.000"),
    ("income", "Ủng hộ của doanh nghiệp trên địa bàn", "5.000.000"),
    ("spending", "Quỹ khuyến học", "8.000.000"),
    ("spending", "Thăm hỏi gia đình chính sách", "6.500.000"),
]


def statement_post(
    lines=LINES, opening="3.200.000", income="29.000.000", spending="14.500.000", closing="17.700.000"
):
    data = {
        "finance-head_name": "Nguyễn Văn Tư",
        "finance-period_from": "01/10/2022",
        "finance-period_to": "30/09/2024",
        "finance-opening_balance": opening,
        "finance-income_total": income,
        "finance-spending_total": spending,
        "finance-closing_balance": closing,
        "finance-filed_on": "20/10/2024",
    }
    for n, (kind, label, amount) in enumerate(lines, start=1):
        data |= {f"finance-kind_{n}": kind, f"finance-label_{n}": label, f"finance-amount_{n}": amount}
    return data


def file_statement(election, by, **overrides) -> FinanceStatement:
    figures = [
        FinanceFigure(n, k, label, Decimal(a.replace(".", ""))) for n, (k, label, a) in enumerate(LINES, 1)
    ]
    kwargs = {
        "by": by,
        "election": election,
        "head_name": "Nguyễn Văn Tư",
        "period_from": dt.date(2022, 10, 1),
        "period_to": dt.date(2024, 9, 30),
        "opening_balance": 3_200_000,
        "lines": figures,
        "income_total": 29_000_000,
        "spending_total": 14_500_000,
        "closing_balance": 17_700_000,
        "filed_on": FILED_ON,
    }
    return finance_statement_file(**(kwargs | overrides))


def file_report(election, by) -> TermReport:
    return term_report_file(
        by=by,
        election=election,
        head_name="Nguyễn Văn Tư",
        text="Khu phố giữ vững an ninh trật tự.\nVận động 100% hộ tham gia quỹ khuyến học.",
        filed_on=FILED_ON,
    )


def page(election) -> str:
    return reverse("elections:term_report_page", args=[election.pk])


@pytest.fixture
def kp1_team(personas):
    return personas.p22_kp1_tobaucu, personas.p22_kp1_thuky


@pytest.fixture
def kp1_meeting(ready_election, kp1_team):
    """Khu phố 1's meeting opened by its team, 6 of its 10 households present."""
    sitting = meeting_services.meeting_open(by=kp1_team[0], election=ready_election)
    check_in_first(sitting, kp1_team[0], 6)
    return sitting


# --- The rule: the statement adds up -------------------------------------------------------


def _problems(lines, opening=1_000, income=500, spending=300, closing=1_200, **dates):
    return finance_statement_problems(
        period_from=dates.get("start"),
        period_to=dates.get("end"),
        opening=opening,
        lines=[FinanceFigure(n, kind, label, amount) for n, (kind, label, amount) in enumerate(lines, 1)],
        income_stated=income,
        spending_stated=spending,
        closing_stated=closing,
    )


GOOD = [("income", "Đóng góp", 500), ("spending", "Quỹ khuyến học", 300)]


def test_a_statement_that_adds_up_is_accepted_even_with_nothing_left():
    assert _problems(GOOD) == []
    assert (
        _problems(
            [("income", "Đóng góp", 0), ("spending", "Chi", 1_000)], income=0, spending=1_000, closing=0
        )
        == []
    )


def test_each_bad_line_is_named_by_its_row_and_label():
    lines = [
        ("income", "Đóng góp", Decimal("500.5")),
        ("spending", "", 100),
        ("spending", "Quỹ khuyến học", -3),
        ("", "Tiền điện", 10),
        ("income", "Ủng hộ", None),
    ]
    assert _problems(lines) == [
        "Dòng 1 (Đóng góp): số tiền phải là số đồng nguyên (500,5 đồng).",
        "Dòng 2: chưa ghi nội dung thu, chi.",
        "Dòng 3 (Quỹ khuyến học): số tiền không được âm (-3 đồng).",
        "Dòng 4 (Tiền điện): chưa chọn là khoản thu hay khoản chi.",
        "Dòng 5 (Ủng hộ): chưa nhập số tiền.",
    ]


def test_stated_totals_and_the_closing_balance_must_be_the_sums():
    assert _problems(GOOD, income=600, spending=200, closing=1_400) == [
        "Tổng thu ghi 600 đồng nhưng cộng các dòng thu quỹ được 500 đồng.",
        "Tổng chi ghi 200 đồng nhưng cộng các dòng chi quỹ được 300 đồng.",
        "Số dư cuối kỳ ghi 1.400 đồng nhưng số dư đầu kỳ 1.000 đồng + tổng thu 500 đồng − tổng chi 300 đồng "
        "= 1.200 đồng.",
    ]


def test_a_fund_cannot_go_below_zero_nor_a_period_run_backwards():
    problems = _problems(
        [("spending", "Chi", 2_000)],
        income=0,
        spending=2_000,
        closing=0,
        start=dt.date(2024, 9, 30),
        end=dt.date(2022, 10, 1),
    )
    assert problems == [
        "Kỳ báo cáo: ngày cuối (01/10/2022) trước ngày đầu (30/09/2024).",
    ]
    assert _problems([("spending", "Chi", 2_000)], income=0, spending=2_000, closing=0) == [
        "Tổng chi (2.000 đồng) vượt số dư đầu kỳ cộng tổng thu (1.000 đồng): quỹ không thể âm."
    ]


def test_the_same_line_twice_is_refused():
    assert _problems([*GOOD, ("income", "đóng góp", 0)]) == ["Dòng 3 (đóng góp): trùng nội dung với dòng 1."]


# --- Filing, as the ward official does it ---------------------------------------------------


def test_the_official_files_the_statement_for_the_head_and_a_wrong_line_is_named(
    kp1_election, personas, login
):
    client = login(personas.p22_ubnd)
    detail = client.get(reverse("elections:election_detail", args=[kp1_election.pk])).content.decode()
    assert page(kp1_election) in detail
    assert "Chưa nộp báo cáo thu, chi quỹ khu phố." in client.get(page(kp1_election)).content.decode()

    wrong = [*LINES[:2], ("spending", "Quỹ khuyến học", "8.000.000,5"), LINES[3]]
    response = client.post(
        reverse("elections:finance_statement_file", args=[kp1_election.pk]), statement_post(wrong)
    )
    assert response.status_code == 200
    assert "Dòng 3 (Quỹ khuyến học): số tiền phải là số đồng nguyên" in response.content.decode()
    assert not FinanceStatement.objects.exists()

    response = client.post(
        reverse("elections:finance_statement_file", args=[kp1_election.pk]),
        statement_post(closing="18.000.000"),
    )
    assert "Số dư cuối kỳ ghi 18.000.000 đồng nhưng số dư đầu kỳ 3.200.000 đồng" in response.content.decode()

    response = client.post(
        reverse("elections:finance_statement_file", args=[kp1_election.pk]), statement_post()
    )
    assert response.status_code == 302
    shown = client.get(page(kp1_election)).content.decode()
    assert "Đã lưu báo cáo thu, chi quỹ khu phố." in shown
    assert "17.700.000 đồng" in shown and "Quỹ khuyến học" in shown
    statement = FinanceStatement.objects.get()
    assert (statement.version, statement.closing_balance, statement.lines.count()) == (1, 17_700_000, 4)

    # Filed again before the meeting heard it: replaced in place.
    client.post(
        reverse("elections:finance_statement_file", args=[kp1_election.pk]),
        statement_post([*LINES[:3]], spending="8.000.000", closing="24.200.000"),
    )
    statement = FinanceStatement.objects.get()
    assert (statement.version, statement.closing_balance, statement.lines.count()) == (1, 24_200_000, 3)


def test_the_official_files_the_term_report_with_an_attachment_that_readers_download(
    kp1_election, personas, login
):
    client = login(personas.p22_ubnd)
    response = client.post(
        reverse("elections:term_report_file", args=[kp1_election.pk]),
        {
            "report-head_name": "Nguyễn Văn Tư",
            "report-text": "Khu phố giữ vững an ninh trật tự.",
            "report-filed_on": "20/10/2024",
            "report-attachment": SimpleUploadedFile("Báo cáo KP1.pdf", b"%PDF-1.4 x", "application/pdf"),
        },
    )
    assert response.status_code == 302
    report = TermReport.objects.get()
    assert (report.head_name, report.attachment_name) == ("Nguyễn Văn Tư", "Báo cáo KP1.pdf")
    reader = login(personas.p22_mttq)
    assert "Khu phố giữ vững an ninh trật tự." in reader.get(page(kp1_election)).content.decode()
    download = reader.get(reverse("elections:term_report_attachment", args=[kp1_election.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 x"
    # An executable is refused on its field.
    client = login(personas.p22_ubnd)
    response = client.post(
        reverse("elections:term_report_file", args=[kp1_election.pk]),
        {
            "report-head_name": "Nguyễn Văn Tư",
            "report-text": "x",
            "report-filed_on": "20/10/2024",
            "report-attachment": SimpleUploadedFile("a.exe", b"MZ"),
        },
    )
    assert "Chỉ nhận tệp PDF, Word hoặc ảnh (JPG, PNG)." in response.content.decode()


def test_only_the_ward_office_files_and_only_the_team_records_the_hearing(kp1_election, personas, login):
    file_statement(kp1_election, personas.p22_ubnd)
    for user in (personas.p22_mttq, personas.p22_kp1_tobaucu, personas.p25_ubnd):
        client = login(user)
        url = reverse("elections:finance_statement_file", args=[kp1_election.pk])
        assert client.post(url, statement_post()).status_code == 404
    assert login(personas.p25_ubnd).get(page(kp1_election)).status_code == 404
    assert login(personas.p22_kp1_tobaucu).get(page(kp1_election)).status_code == 200
    # No sitting yet: nothing to record, for the team as for anyone.
    url = reverse("elections:agenda_hearing_record", args=[kp1_election.pk])
    assert login(personas.p22_kp1_tobaucu).post(url, {"item": "finances"}).status_code == 404
    assert login(personas.p22_ubnd).post(url, {"item": "finances"}).status_code == 404


def test_a_meeting_other_than_the_terms_has_no_term_report(kp1_election, personas, login):
    from elections.models import Election

    release = Election.objects.create(
        plan=kp1_election.plan,
        neighborhood=kp1_election.neighborhood,
        ward=kp1_election.ward,
        purpose="head_dismissal",
    )
    assert login(personas.p22_ubnd).get(page(release)).status_code == 404
    with pytest.raises(ValidationError):
        file_report(release, personas.p22_ubnd)


# --- At the meeting ---------------------------------------------------------------------------


def test_the_meeting_page_lists_the_items_before_the_vote_and_the_team_records_them(
    kp1_meeting, kp1_team, personas, login
):
    meeting = kp1_meeting
    election = meeting.election
    file_report(election, personas.p22_ubnd)
    client = login(kp1_team[0])
    shown = client.get(reverse("elections:meeting_page", args=[election.pk])).content.decode()
    assert "Báo cáo kết quả hoạt động nhiệm kỳ của Trưởng khu phố" in shown
    assert "Công khai thu, chi quỹ khu phố" in shown
    assert shown.index("Nội dung nghe trước khi bầu") < shown.index('data-testid="agenda-finances"')
    assert "chưa nộp" in shown  # the statement is not filed yet

    url = reverse("elections:agenda_hearing_record", args=[election.pk])
    response = client.post(url, {"item": "finances"}, follow=True)
    assert "Chưa nộp “Công khai thu, chi quỹ khu phố”" in response.content.decode()

    client.post(url, {"item": "term_report", "objections": "Ông Lê Văn Sáu hỏi về việc sửa đèn hẻm 12."})
    shown = client.get(reverse("elections:meeting_page", args=[election.pk])).content.decode()
    assert "Đã trình bày" in shown and "Ông Lê Văn Sáu hỏi về việc sửa đèn hẻm 12." in shown
    hearing = AgendaHearing.objects.get()
    assert (hearing.meeting, hearing.term_report, hearing.recorded_by) == (
        meeting,
        TermReport.objects.get(),
        kp1_team[0],
    )

    # Heard: the report is final, and recording it twice is refused.
    with pytest.raises(ValidationError, match="đã được trình bày"):
        file_report(election, personas.p22_ubnd)
    response = client.post(url, {"item": "term_report"}, follow=True)
    assert "Đã ghi nhận nội dung" in response.content.decode()
    assert AgendaHearing.objects.count() == 1


def test_a_heard_statement_is_corrected_by_a_new_version_with_its_reason(
    kp1_meeting, kp1_team, personas, login
):
    meeting = kp1_meeting
    election = meeting.election
    first = file_statement(election, personas.p22_ubnd)
    agenda_hearing_record(by=kp1_team[0], meeting=meeting, item="finances")
    with pytest.raises(ValidationError) as refused:
        file_statement(election, personas.p22_ubnd)
    assert "correction_reason" in refused.value.error_dict
    client = login(personas.p22_ubnd)
    assert "Lập bản đính chính báo cáo thu, chi" in client.get(page(election)).content.decode()
    response = client.post(
        reverse("elections:finance_statement_file", args=[election.pk]),
        statement_post(opening="3.300.000", closing="17.800.000")
        | {"finance-correction_reason": "Ghi nhầm số dư đầu kỳ"},
    )
    assert response.status_code == 302
    second = FinanceStatement.objects.get(version=2)
    assert (second.supersedes, second.correction_reason, second.opening_balance) == (
        first,
        "Ghi nhầm số dư đầu kỳ",
        3_300_000,
    )
    first.refresh_from_db()
    assert (first.opening_balance, first.lines.count()) == (3_200_000, 4)  # never changed
    assert "Bản đính chính lần 2. Lý do: Ghi nhầm số dư đầu kỳ" in client.get(page(election)).content.decode()
    # The correction is final too: a further one is version 3, with its own reason.
    with pytest.raises(ValidationError):
        file_statement(election, personas.p22_ubnd)
    third = file_statement(election, personas.p22_ubnd, correction_reason="Trở lại số liệu ban đầu")
    assert (third.version, third.supersedes) == (3, second)


def test_form_03_states_what_the_meeting_heard_and_the_objections(
    kp1_meeting, kp1_team, personas, django_capture_on_commit_callbacks
):
    meeting = kp1_meeting
    election = meeting.election
    file_report(election, personas.p22_ubnd)
    file_statement(election, personas.p22_ubnd)
    agenda_hearing_record(by=kp1_team[0], meeting=meeting, item="term_report")
    agenda_hearing_record(
        by=kp1_team[0],
        meeting=meeting,
        item="finances",
        objections="Bà Trịnh Thị Bảy đề nghị niêm yết chứng từ chi.",
    )
    minutes_facts(meeting)
    meeting = counted(kp1_meeting, kp1_team)
    text = read_back(COMMUNITY_DECISION, meeting, django_capture_on_commit_callbacks)
    assert (
        "Cuộc họp đã nghe ông (bà) Nguyễn Văn Tư, Trưởng khu phố, trình bày báo cáo kết quả hoạt động "
        "nhiệm kỳ. Ý kiến của cử tri: không có ý kiến."
    ) in text
    assert (
        "Cuộc họp đã nghe công khai thu, chi quỹ khu phố từ ngày 01/10/2022 đến ngày 30/09/2024: "
        "số dư đầu kỳ 3.200.000 đồng, tổng thu 29.000.000 đồng, tổng chi 14.500.000 đồng, "
        "số dư cuối kỳ 17.700.000 đồng. "
        "Ý kiến của cử tri: Bà Trịnh Thị Bảy đề nghị niêm yết chứng từ chi."
    ) in text
    # Closed: nothing more is recorded.
    with pytest.raises(ValidationError):
        agenda_hearing_record(by=kp1_team[0], meeting=meeting, item="finances")


def test_form_03_without_a_hearing_says_nothing_of_it(
    kp1_meeting, kp1_team, django_capture_on_commit_callbacks
):
    meeting = kp1_meeting
    minutes_facts(meeting)
    meeting = counted(kp1_meeting, kp1_team)
    text = read_back(COMMUNITY_DECISION, meeting, django_capture_on_commit_callbacks)
    assert "Cuộc họp đã nghe" not in text


# --- The papers -------------------------------------------------------------------------------


def test_the_finance_statement_reads_back_from_its_pdf(
    kp1_election, personas, django_capture_on_commit_callbacks
):
    statement = file_statement(kp1_election, personas.p22_ubnd)
    paper = draft(FINANCE_STATEMENT, statement, django_capture_on_commit_callbacks)
    with paper.file.open("rb") as pdf:
        first = layout.first_page(pdf.read())
    layout.save_png(first, PNG_DIR / "finance_statement.png")
    report = layout.check_first_page(first, expects_subject_rule=True)
    assert not report.problems, report.problems
    text = text_of(paper)
    assert "PHƯỜNG 22 KHU PHỐ 1" in text
    assert "Phường 22, ngày 20 tháng 10 năm 2024" in text
    assert "Công khai thu, chi quỹ Khu phố 1 từ ngày 01/10/2022 đến ngày 30/09/2024" in text
    assert "I Số dư đầu kỳ 3.200.000" in text
    assert "1 Đóng góp của các hộ gia đình 24.000.000" in text
    assert "Cộng thu 29.000.000" in text
    assert "1 Quỹ khuyến học 8.000.000" in text
    assert "Cộng chi 14.500.000" in text
    assert "Số dư cuối kỳ (I + II - III) 17.700.000" in text
    assert "Tổng thu: 29.000.000 đồng (Hai mươi chín triệu đồng)." in text
    assert "Số dư cuối kỳ: 17.700.000 đồng (Mười bảy triệu bảy trăm nghìn đồng)." in text
    assert "TRƯỞNG KHU PHỐ Nguyễn Văn Tư" in text


def test_the_term_report_reads_back_from_its_pdf(kp1_election, personas, django_capture_on_commit_callbacks):
    report = file_report(kp1_election, personas.p22_ubnd)
    paper = draft(TERM_REPORT, report, django_capture_on_commit_callbacks)
    with paper.file.open("rb") as pdf:
        first = layout.first_page(pdf.read())
    checked = layout.check_first_page(first, expects_subject_rule=True)
    assert not checked.problems, checked.problems
    text = text_of(paper)
    assert "Kết quả hoạt động nhiệm kỳ của Trưởng khu phố Khu phố 1" in text
    assert "Trưởng khu phố Nguyễn Văn Tư báo cáo kết quả hoạt động trong nhiệm kỳ như sau:" in text
    assert "Khu phố giữ vững an ninh trật tự. Vận động 100% hộ tham gia quỹ khuyến học." in text
    assert "TRƯỞNG KHU PHỐ Nguyễn Văn Tư" in text


# --- The public page --------------------------------------------------------------------------


def test_the_public_page_shows_the_statement_only_once_the_meeting_is_held(
    ready_election, kp1_team, personas, client, hcm_map
):
    election = ready_election
    file_statement(election, personas.p22_ubnd)
    url = reverse("elections:public_ward", args=[hcm_map.p22.pk])
    assert "Công khai thu, chi quỹ khu phố" not in client.get(url).content.decode()
    meeting_services.meeting_open(by=kp1_team[0], election=election)
    cache.clear()  # the public page is cached for a minute
    shown = client.get(url).content.decode()
    assert "Công khai thu, chi quỹ khu phố" in shown
    assert "Quỹ khuyến học" in shown and "17.700.000 đồng" in shown
    assert "Trưởng khu phố Nguyễn Văn Tư; kỳ báo cáo từ 01/10/2022 đến 30/09/2024." in shown
