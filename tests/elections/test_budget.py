"""The election budget of a ward plan (issue 15, item 2): the ward official enters the estimate
by line and later the settlement; figures that do not add up are refused, naming the line; the
district and the city see the wards' budgets rolled up; .xlsx exports and the ND30 report."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from elections.budget_documents import BUDGET_REPORT
from elections.models import Budget, BudgetStatus
from elections.selectors.budget import budget_rollup
from elections.services.budget import EstimateLine, SpentLine, budget_estimate, budget_settle
from reporting.vietnamese import dong, dong_in_words
from tests.documents import layout
from tests.issuing import draft, issue, text_of
from tests.two_level import hue_map, hue_people, hue_plans  # noqa: F401  (fixtures)

# The first page is saved for a reviewer, beside the golden papers' (tests/documents).
PNG_DIR = Path(__file__).resolve().parents[2] / "var" / "golden-png"
ESTIMATED_ON = dt.date(2024, 10, 10)
SETTLED_ON = dt.date(2024, 12, 5)
LINES = [
    ("printing", "", "3.500.000"),
    ("meetings", "", "5.000.000"),
    ("team_allowances", "", "4.000.000"),
    ("commendation", "", "2.000.000"),
]


def estimate_post(lines=LINES, total="14.500.000", estimated_on="10/10/2024") -> dict:
    data = {"total": total, "estimated_on": estimated_on}
    for n, (item, label, amount) in enumerate(lines, start=1):
        data |= {f"item_{n}": item, f"label_{n}": label, f"estimate_{n}": amount}
    return data


def estimate(plan, by, amounts=(3_500_000, 5_000_000, 4_000_000, 2_000_000), total=None) -> Budget:
    items = ["printing", "meetings", "team_allowances", "commendation"]
    lines = [EstimateLine(item, "", amount) for item, amount in zip(items, amounts, strict=True)]
    return budget_estimate(by=by, plan=plan, lines=lines, estimated_on=ESTIMATED_ON, total=total)


def settle(budget: Budget, by, spent: list[tuple[int, str]]) -> Budget:
    lines = list(budget.lines.all())
    entries = {line.pk: SpentLine(amount, why) for line, (amount, why) in zip(lines, spent, strict=True)}
    return budget_settle(by=by, budget=budget, spent=entries, settled_on=SETTLED_ON)


SPENT = [
    (4_100_000, "In thêm phiếu bầu cho hai khu phố bầu lại"),
    (4_200_000, "Một số khu phố họp tại nhà văn hóa, không thuê hội trường"),
    (4_000_000, ""),
    (2_000_000, ""),
]


@pytest.fixture
def ward_plan(plans):
    return plans["ward"]


def page(plan) -> str:
    return reverse("elections:budget_page", args=[plan.pk])


def settle_post(budget: Budget, spent=SPENT, total="14.300.000", settled_on="05/12/2024") -> dict:
    data = {"total": total, "settled_on": settled_on}
    for line, (amount, why) in zip(budget.lines.all(), spent, strict=True):
        data |= {f"spent_{line.pk}": f"{amount:,}".replace(",", "."), f"explanation_{line.pk}": why}
    return data


# --- Amounts as the papers write them ---------------------------------------------------------


def test_amounts_are_written_with_dots_between_thousands_and_totals_also_in_words():
    assert dong(12_500_000) == "12.500.000 đồng"
    assert dong(0) == "0 đồng"
    assert dong_in_words(14_500_000) == "14.500.000 đồng (Mười bốn triệu năm trăm nghìn đồng)"


# --- The ward official enters the estimate, then the settlement --------------------------------


def test_the_ward_official_enters_the_estimate_by_line_with_its_total(ward_plan, personas, login):
    client = login(personas.p22_ubnd)
    response = client.post(page(ward_plan), estimate_post())
    assert response.status_code == 302
    budget = Budget.objects.get(plan=ward_plan)
    assert budget.status == BudgetStatus.ESTIMATED
    assert [(line.label, line.estimate) for line in budget.lines.all()] == [
        ("In ấn tài liệu", 3_500_000),
        ("Tổ chức hội nghị, họp", 5_000_000),
        ("Bồi dưỡng Tổ bầu cử", 4_000_000),
        ("Khen thưởng", 2_000_000),
    ]
    body = client.get(page(ward_plan)).content.decode()
    assert "14.500.000 đồng" in body
    assert "Dự toán lập ngày 10/10/2024, chưa quyết toán" in body
    # Both forms offer the figures as the office types them: the estimate to change, the
    # settlement to start from.
    assert body.count('value="3.500.000"') == 2


def test_an_estimate_whose_stated_total_does_not_add_up_is_refused_and_nothing_is_saved(
    ward_plan, personas, login
):
    client = login(personas.p22_ubnd)
    response = client.post(page(ward_plan), estimate_post(total="15.000.000"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Tổng cộng dự toán ghi 15.000.000 đồng nhưng cộng các dòng được 14.500.000 đồng." in body
    assert not Budget.objects.exists()


def test_a_negative_or_fractional_amount_is_refused_naming_its_line(ward_plan, personas):
    with pytest.raises(ValidationError) as refused:
        estimate(ward_plan, personas.p22_ubnd, amounts=(3_500_000, -5_000, Decimal("4000000.5"), 2_000_000))
    messages = refused.value.messages
    assert "Dòng “Tổ chức hội nghị, họp”: số dự toán không được âm (-5.000 đồng)." in messages
    assert any(
        m.startswith("Dòng “Bồi dưỡng Tổ bầu cử”: số dự toán phải là số đồng nguyên") for m in messages
    )
    assert not Budget.objects.exists()


def test_a_fraction_typed_on_the_form_is_refused_naming_the_line(ward_plan, personas, login):
    lines = [*LINES[:2], ("team_allowances", "", "4.000.000,50"), LINES[3]]
    response = login(personas.p22_ubnd).post(page(ward_plan), estimate_post(lines=lines))
    assert "Dòng “Bồi dưỡng Tổ bầu cử”: số dự toán phải là số đồng nguyên (4.000.000,50 đồng)" in (
        response.content.decode()
    )


def test_a_line_of_other_costs_needs_its_own_label(ward_plan, personas, login):
    client = login(personas.p22_ubnd)
    response = client.post(
        page(ward_plan), estimate_post(lines=[*LINES, ("other", "", "500.000")], total="15.000.000")
    )
    assert "Dòng 5: khoản “Khác” phải ghi nội dung." in response.content.decode()
    response = client.post(
        page(ward_plan),
        estimate_post(lines=[*LINES, ("other", "Nước uống, khánh tiết", "500.000")], total="15.000.000"),
    )
    assert response.status_code == 302
    assert Budget.objects.get().lines.last().label == "Nước uống, khánh tiết"


def test_the_estimate_can_be_entered_again_until_it_is_settled(ward_plan, personas):
    estimate(ward_plan, personas.p22_ubnd)
    budget = estimate(ward_plan, personas.p22_ubnd, amounts=(3_000_000, 5_000_000, 4_000_000, 2_000_000))
    assert budget.estimate_total == 14_000_000
    assert budget.lines.count() == 4
    assert Budget.objects.count() == 1


def test_a_line_spent_differently_without_an_explanation_is_refused_naming_the_line(ward_plan, personas):
    budget = estimate(ward_plan, personas.p22_ubnd)
    spent = [(4_100_000, ""), *SPENT[1:]]
    with pytest.raises(ValidationError) as refused:
        settle(budget, personas.p22_ubnd, spent)
    assert refused.value.messages[0].startswith(
        "Dòng “In ấn tài liệu”: thực chi 4.100.000 đồng khác dự toán 3.500.000 đồng; "
        "phải giải thích chênh lệch"
    )
    budget.refresh_from_db()
    assert budget.status == BudgetStatus.ESTIMATED
    assert budget.lines.filter(spent__isnull=False).count() == 0


def test_the_official_settles_the_budget_with_one_line_over_and_one_under_explained(
    ward_plan, personas, login
):
    estimate(ward_plan, personas.p22_ubnd)
    client = login(personas.p22_ubnd)
    budget = Budget.objects.get()
    wrong = client.post(
        reverse("elections:budget_settle", args=[ward_plan.pk]), settle_post(budget, total="14.500.000")
    )
    assert "Tổng cộng thực chi ghi 14.500.000 đồng nhưng cộng các dòng được 14.300.000 đồng." in (
        wrong.content.decode()
    )
    response = client.post(reverse("elections:budget_settle", args=[ward_plan.pk]), settle_post(budget))
    assert response.status_code == 302
    budget.refresh_from_db()
    assert budget.status == BudgetStatus.SETTLED
    assert (budget.spent_total, budget.difference, budget.settled_on) == (14_300_000, -200_000, SETTLED_ON)
    assert budget.settled_by == personas.p22_ubnd
    body = client.get(page(ward_plan)).content.decode()
    assert "Đã quyết toán ngày 05/12/2024" in body
    assert "+600.000 đồng" in body and "-800.000 đồng" in body and "-200.000 đồng" in body
    assert 'data-testid="estimate-form"' not in body and 'data-testid="settle-form"' not in body


def test_a_settled_budget_is_never_changed(ward_plan, personas):
    budget = settle(estimate(ward_plan, personas.p22_ubnd), personas.p22_ubnd, SPENT)
    with pytest.raises(ValidationError) as refused:
        estimate(ward_plan, personas.p22_ubnd)
    assert refused.value.messages == [
        "Kinh phí đã quyết toán ngày 05/12/2024; không sửa được (muốn sửa, lập bản đính chính có lý do)."
    ]
    with pytest.raises(ValidationError):
        settle(budget, personas.p22_ubnd, SPENT)


def test_the_settlement_is_not_dated_before_the_estimate(ward_plan, personas):
    budget = estimate(ward_plan, personas.p22_ubnd)
    lines = {line.pk: SpentLine(line.estimate) for line in budget.lines.all()}
    with pytest.raises(ValidationError) as refused:
        budget_settle(by=personas.p22_ubnd, budget=budget, spent=lines, settled_on=dt.date(2024, 10, 1))
    assert refused.value.messages == ["Ngày quyết toán (01/10/2024) trước ngày lập dự toán (10/10/2024)."]


def test_only_a_ward_plan_has_a_budget(plans, personas):
    with pytest.raises(ValidationError) as refused:
        estimate(plans["district"], personas.binhthanh_noivu)
    assert refused.value.code == "not_ward"


# --- Who may read and write ------------------------------------------------------------------


def test_the_ward_front_and_the_district_read_the_budget_but_do_not_enter_it(ward_plan, personas, login):
    estimate(ward_plan, personas.p22_ubnd)
    for reader in (personas.p22_mttq, personas.binhthanh_noivu, personas.hcm_noivu):
        client = login(reader)
        body = client.get(page(ward_plan)).content.decode()
        assert "14.500.000 đồng" in body
        assert 'data-testid="estimate-form"' not in body
        assert client.post(page(ward_plan), estimate_post(total="14.500.000")).status_code == 404


def test_phuong_25_cannot_see_phuong_22s_budget(ward_plan, personas, login):
    estimate(ward_plan, personas.p22_ubnd)
    client = login(personas.p25_ubnd)
    assert client.get(page(ward_plan)).status_code == 404
    assert client.get(reverse("elections:budget_export", args=[ward_plan.pk])).status_code == 404
    assert client.post(page(ward_plan), estimate_post()).status_code == 404


# --- The export and the report ---------------------------------------------------------------


def rows_of(content: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def test_the_export_has_one_row_per_line_and_the_total(ward_plan, personas, login):
    settle(estimate(ward_plan, personas.p22_ubnd), personas.p22_ubnd, SPENT)
    response = login(personas.p22_mttq).get(reverse("elections:budget_export", args=[ward_plan.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = rows_of(response.content)
    assert rows[0][0] == "Quyết toán kinh phí bầu cử – Phường 22 – Kế hoạch 192/KHLT-UBND-UBMTTQ"
    assert rows[1] == (
        "STT",
        "Nội dung",
        "Dự toán (đồng)",
        "Thực chi (đồng)",
        "Chênh lệch (đồng)",
        "Giải thích",
    )
    assert rows[2] == (1, "In ấn tài liệu", 3_500_000, 4_100_000, 600_000, SPENT[0][1])
    assert rows[3] == (2, "Tổ chức hội nghị, họp", 5_000_000, 4_200_000, -800_000, SPENT[1][1])
    assert rows[-1] == (None, "Tổng cộng", 14_500_000, 14_300_000, -200_000, None)


def test_the_settlement_report_reads_back_from_its_pdf(
    ward_plan, personas, signers, django_capture_on_commit_callbacks
):
    budget = settle(estimate(ward_plan, personas.p22_ubnd), personas.p22_ubnd, SPENT)
    paper = issue(
        BUDGET_REPORT,
        budget,
        django_capture_on_commit_callbacks,
        by=personas.p22_ubnd,
        signed_on=dt.date(2024, 12, 6),
        signer=signers.chairman,
    )
    text = text_of(paper)
    with paper.file.open("rb") as pdf:
        first = layout.first_page(pdf.read())
    layout.save_png(first, PNG_DIR / "budget_report_settled.png")
    report = layout.check_first_page(first, expects_subject_rule=True)
    assert not report.problems, report.problems
    assert "ỦY BAN NHÂN DÂN PHƯỜNG 22" in text
    assert "BC-UBND" in text
    assert "BÁO CÁO" in text
    assert (
        "Quyết toán kinh phí tổ chức bầu Trưởng khu phố và thành viên Ban Thanh tra nhân dân"
        " nhiệm kỳ 2024 - 2029 trên địa bàn Phường 22"
    ) in text
    assert "Kế hoạch liên tịch số 192/KHLT-UBND-UBMTTQ ngày 07/10/2024" in text
    assert "In ấn tài liệu 3.500.000 4.100.000 +600.000" in text
    assert "Tổng cộng 14.500.000 14.300.000 -200.000" in text
    assert "Tổng dự toán: 14.500.000 đồng (Mười bốn triệu năm trăm nghìn đồng)." in text
    assert (
        "Tổng thực chi (quyết toán ngày 05/12/2024): 14.300.000 đồng (Mười bốn triệu ba trăm nghìn đồng)."
        in text
    )
    assert "Thực chi thấp hơn dự toán 200.000 đồng (Hai trăm nghìn đồng)." in text
    assert "Phòng Tài chính - Kế hoạch Quận Bình Thạnh" in text
    assert "TM. ỦY BAN NHÂN DÂN" in text and "Phạm Minh Đức" in text


def test_the_official_asks_for_the_estimate_report_from_the_budget_page(
    ward_plan, personas, login, django_capture_on_commit_callbacks
):
    estimate(ward_plan, personas.p22_ubnd)
    client = login(personas.p22_ubnd)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("elections:budget_document", args=[ward_plan.pk]))
    assert response.status_code == 302
    body = client.get(page(ward_plan)).content.decode()
    assert "Báo cáo dự toán kinh phí bầu cử – Phường 22" in body


# --- The roll-up: district → city, and on the 2025 map province → ward -------------------------


def test_the_district_sees_each_wards_estimate_spent_and_difference_and_the_total(
    plans, hcm_map, personas, login, django_assert_max_num_queries
):
    from elections.services.plans import plan_create
    from tests.conftest import PLAN_DEFAULTS

    settle(estimate(plans["ward"], personas.p22_ubnd), personas.p22_ubnd, SPENT)
    p25_plan = plan_create(
        by=personas.p25_ubnd,
        division=hcm_map.p25,
        parent=plans["district"],
        number="88/KHLT-UBND-UBMTTQ",
        issued_on=dt.date(2024, 10, 8),
        title="Bầu cử",
        **PLAN_DEFAULTS,
    )
    estimate(p25_plan, personas.p25_ubnd, amounts=(2_000_000, 3_000_000, 2_500_000, 1_000_000))
    with django_assert_max_num_queries(3):
        rollup = budget_rollup(hcm_map.binh_thanh)
    assert [(r.name, r.wards, r.settled, r.estimate, r.spent, r.difference) for r in rollup.rows] == [
        ("Phường 22", 1, 1, 14_500_000, 14_300_000, -200_000),
        ("Phường 25", 1, 0, 8_500_000, 0, 0),
    ]
    total = rollup.total
    assert (total.wards, total.settled, total.estimate, total.spent, total.difference) == (
        2,
        1,
        23_000_000,
        14_300_000,
        -200_000,
    )
    body = login(personas.binhthanh_noivu).get(
        reverse("elections:budget_rollup", args=[hcm_map.binh_thanh.pk])
    )
    text = body.content.decode()
    assert "23.000.000 đồng" in text and "1/2" in text
    city = budget_rollup(hcm_map.hcm)
    assert [(r.name, r.estimate, r.spent) for r in city.rows] == [("Quận Bình Thạnh", 23_000_000, 14_300_000)]
    export = login(personas.hcm_noivu).get(reverse("elections:budget_rollup_export", args=[hcm_map.hcm.pk]))
    rows = rows_of(export.content)
    assert rows[0][0] == "Kinh phí bầu cử – Thành phố Hồ Chí Minh nhiệm kỳ 2024 - 2029"
    assert rows[2] == ("Quận Bình Thạnh", 2, 1, 23_000_000, 14_500_000, 14_300_000, -200_000)
    assert rows[3] == ("Tổng cộng", 2, 1, 23_000_000, 14_500_000, 14_300_000, -200_000)


def test_the_ward_cannot_open_the_districts_roll_up(plans, hcm_map, personas, login):
    client = login(personas.p22_ubnd)
    assert client.get(reverse("elections:budget_rollup", args=[hcm_map.binh_thanh.pk])).status_code == 404


def test_on_the_2025_map_the_province_sees_its_wards_budgets_directly(hue_map, hue_people, hue_plans):  # noqa: F811
    estimate(hue_plans["phu_xuan"], hue_people.px_ubnd)
    thuan_hoa = estimate(hue_plans["thuan_hoa"], hue_people.th_ubnd, amounts=(1_000_000, 2_000_000, 0, 0))
    settle(
        thuan_hoa, hue_people.th_ubnd, [(1_000_000, ""), (2_500_000, "Thêm một buổi họp"), (0, ""), (0, "")]
    )
    rollup = budget_rollup(hue_map.hue)
    assert [(r.name, r.estimate, r.spent, r.difference) for r in rollup.rows] == [
        ("Phường Phú Xuân", 14_500_000, 0, 0),
        ("Phường Thuận Hóa", 3_000_000, 3_500_000, 500_000),
    ]
    assert (rollup.total.estimate, rollup.total.spent, rollup.total.difference) == (
        17_500_000,
        3_500_000,
        500_000,
    )
    assert rollup.term_label == "2025 - 2030"


def test_a_label_that_looks_like_a_formula_is_exported_as_inert_text(ward_plan, personas, login):
    payload = '=HYPERLINK("http://evil.example/","Xem")'
    budget_estimate(
        by=personas.p22_ubnd,
        plan=ward_plan,
        lines=[EstimateLine("other", payload, 1_000)],
        estimated_on=ESTIMATED_ON,
    )
    response = login(personas.p22_ubnd).get(reverse("elections:budget_export", args=[ward_plan.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    cell = sheet.cell(row=3, column=2)
    assert (cell.value, cell.data_type, cell.quotePrefix) == (payload, "s", True)


def test_the_estimate_report_reads_back_with_its_lines_and_its_total_in_words(
    ward_plan, personas, django_capture_on_commit_callbacks
):

    text = text_of(
        draft(BUDGET_REPORT, estimate(ward_plan, personas.p22_ubnd), django_capture_on_commit_callbacks)
    )
    assert "Dự toán kinh phí tổ chức bầu Trưởng khu phố" in text
    assert (
        "Ủy ban nhân dân Phường 22 báo cáo dự toán kinh phí phục vụ công tác tổ chức bầu cử như sau:" in text
    )
    assert "1 In ấn tài liệu 3.500.000 2 Tổ chức hội nghị, họp 5.000.000" in text
    assert "Tổng cộng 14.500.000" in text
    assert "Tổng dự toán: 14.500.000 đồng (Mười bốn triệu năm trăm nghìn đồng)." in text
    assert "Thực chi" not in text and "Tổng thực chi" not in text


def test_every_change_of_the_budget_is_in_the_wards_audit_log(ward_plan, personas):
    from auditlog.models import LogEntry

    settle(estimate(ward_plan, personas.p22_ubnd), personas.p22_ubnd, SPENT)
    budget = Budget.objects.get()
    entries = LogEntry.objects.get_for_object(budget)
    assert [entry.action for entry in entries.order_by("pk")] == [
        LogEntry.Action.CREATE,
        LogEntry.Action.UPDATE,
    ]
    assert all(entry.additional_data == {"division_path": ward_plan.division.path} for entry in entries)
    line = budget.lines.first()
    changes = LogEntry.objects.get_for_object(line).filter(action=LogEntry.Action.UPDATE).get().changes_dict
    assert changes["spent"] == ["None", "4100000"]


def test_the_districts_dashboard_links_to_its_wards_budgets(plans, hcm_map, personas, login):
    body = login(personas.binhthanh_noivu).get(reverse("reporting:dashboard", args=[hcm_map.binh_thanh.pk]))
    assert reverse("elections:budget_rollup", args=[hcm_map.binh_thanh.pk]) in body.content.decode()


def test_a_line_left_blank_in_the_settlement_is_refused_by_its_name(ward_plan, personas, login):
    budget = estimate(ward_plan, personas.p22_ubnd)
    data = settle_post(budget)
    data[f"spent_{budget.lines.last().pk}"] = ""
    response = login(personas.p22_ubnd).post(reverse("elections:budget_settle", args=[ward_plan.pk]), data)
    assert "Dòng “Khen thưởng”: chưa nhập số thực chi." in response.content.decode()
    budget.refresh_from_db()
    assert budget.status == BudgetStatus.ESTIMATED


def test_a_correction_of_a_settled_budget_is_a_new_version_naming_the_old_and_its_reason(
    ward_plan, personas, login, signers, django_capture_on_commit_callbacks
):
    first = settle(estimate(ward_plan, personas.p22_ubnd), personas.p22_ubnd, SPENT)
    old_paper = issue(
        BUDGET_REPORT,
        first,
        django_capture_on_commit_callbacks,
        by=personas.p22_ubnd,
        signed_on=dt.date(2024, 12, 6),
        signer=signers.chairman,
    )
    client = login(personas.p22_ubnd)
    url = reverse("elections:budget_correct", args=[ward_plan.pk])
    refused = client.post(url, {"reason": " ", "on": "10/12/2024"}, follow=True)
    assert "Lý do đính chính" in refused.content.decode()
    assert Budget.objects.count() == 1
    client.post(url, {"reason": "Hóa đơn in ấn ghi nhầm", "on": "10/12/2024"})
    correction = Budget.objects.get(version=2)
    assert (correction.supersedes, correction.status) == (first, BudgetStatus.ESTIMATED)
    assert [line.estimate for line in correction.lines.all()] == [3_500_000, 5_000_000, 4_000_000, 2_000_000]
    first.refresh_from_db()
    assert (first.status, first.spent_total) == (BudgetStatus.SETTLED, 14_300_000)  # kept as it was
    body = client.get(page(ward_plan)).content.decode()
    assert (
        "Bản đính chính lần 2, thay thế bản quyết toán ngày 05/12/2024. Lý do: Hóa đơn in ấn ghi nhầm" in body
    )
    with pytest.raises(ValidationError):
        settle(first, personas.p22_ubnd, SPENT)  # the old version stays as it was

    spent = [(4_000_000, "In thêm phiếu bầu"), *SPENT[1:]]
    lines = {line.pk: SpentLine(a, why) for line, (a, why) in zip(correction.lines.all(), spent, strict=True)}
    correction = budget_settle(
        by=personas.p22_ubnd, budget=correction, spent=lines, settled_on=dt.date(2024, 12, 12)
    )
    # The roll-up counts the latest version only.
    row = budget_rollup(ward_plan.division.parent).rows[0]
    assert (row.wards, row.estimate, row.spent) == (1, 14_500_000, 14_200_000)
    paper = issue(
        BUDGET_REPORT,
        correction,
        django_capture_on_commit_callbacks,
        by=personas.p22_ubnd,
        signed_on=dt.date(2024, 12, 13),
        signer=signers.chairman,
    )
    text = text_of(paper)
    assert (
        "Báo cáo này đính chính bản quyết toán ngày 05/12/2024 (lần 1). Lý do: Hóa đơn in ấn ghi nhầm" in text
    )
    assert f"Văn bản này thay thế {old_paper.title}" in text


def test_a_refusal_names_the_row_of_the_form_even_after_blank_rows(ward_plan, personas, login):
    data = estimate_post(total="14.500.000")
    data |= {"item_6": "other", "label_6": "", "estimate_6": "1.000"}
    response = login(personas.p22_ubnd).post(page(ward_plan), data)
    assert "Dòng 6: khoản “Khác” phải ghi nội dung." in response.content.decode()
