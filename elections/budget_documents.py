"""The ward's report on its election budget, an ND30 paper of the ward People's Committee:
"Báo cáo dự toán kinh phí …" while it is an estimate, "Báo cáo quyết toán kinh phí …" once
settled, the figures by line with the totals in words, sent to the district's (on the 2025
map, the province's) finance office as the ward plan asks (mục III.1, IV.2)."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from elections.documents import people_committee
from elections.models import Budget
from elections.selectors.budget import BudgetRollup, budget_lines
from neighborhoods.models import Level
from reporting.documents import DocumentKind, register
from reporting.vietnamese import dong, dong_in_words, keep_last_words_together, long_date
from wardvote.spreadsheets import append_inert

BUDGET_REPORT = "budget_report"


def _difference(value: int | None) -> str:
    if value is None:
        return ""
    if value == 0:
        return "0"
    return ("+" if value > 0 else "-") + dong(abs(value)).removesuffix(" đồng")


def _amount(value: int | None) -> str:
    return "" if value is None else dong(value).removesuffix(" đồng")


def _finance_office(ward) -> str:
    parent = ward.parent
    if parent is None:
        return "Cơ quan tài chính cấp trên"
    if parent.level == Level.DISTRICT:
        return f"Phòng Tài chính - Kế hoạch {parent.name}"
    return f"Sở Tài chính {parent.name}"


def budget_report_title(budget: Budget) -> str:
    what = "quyết toán" if budget.settled else "dự toán"
    return f"Báo cáo {what} kinh phí bầu cử – {budget.plan.division.name}"


def budget_report_context(budget: Budget) -> dict:
    plan = budget.plan
    ward = plan.division
    settled = budget.settled
    what = "quyết toán" if settled else "dự toán"
    lines = budget_lines(budget)
    day = budget.settled_on if settled and budget.settled_on else budget.estimated_on
    board = "\nvà thành viên Ban Thanh tra nhân dân" if plan.elects_inspection_board else ""
    return {
        **people_committee(plan),
        "place_date": f"{ward.name}, {long_date(day)}",
        "doc_type": "Báo cáo",
        "subject": keep_last_words_together(
            f"{what.capitalize()} kinh phí tổ chức bầu Trưởng khu phố{board}"
            f" nhiệm kỳ {plan.term_start_year} - {plan.term_end_year}\ntrên địa bàn {ward.name}"
        ),
        "settled": settled,
        "opening": (
            f"Thực hiện Kế hoạch liên tịch số {plan.number} ngày {plan.issued_on:%d/%m/%Y} "
            f"về {plan.title[:1].lower()}{plan.title[1:]}, Ủy ban nhân dân {ward.name} báo cáo {what} "
            f"kinh phí phục vụ công tác tổ chức bầu cử như sau:"
        ),
        "lines": [
            {
                "label": line.label,
                "estimate": _amount(line.estimate),
                "spent": _amount(line.spent),
                "difference": _difference(line.difference),
                "explanation": line.explanation,
            }
            for line in lines
        ],
        "estimate_total": _amount(budget.estimate_total),
        "spent_total": _amount(budget.spent_total),
        "difference_total": _difference(budget.difference),
        "estimate_words": dong_in_words(budget.estimate_total),
        "spent_words": dong_in_words(budget.spent_total) if budget.spent_total is not None else "",
        "difference_sentence": _difference_sentence(budget),
        "settled_on": f"{budget.settled_on:%d/%m/%Y}" if budget.settled_on else "",
        "correction": _correction(budget),
        "recipients": [_finance_office(ward), f"Ủy ban MTTQ Việt Nam {ward.name}", "Lưu: VT"],
    }


def _correction(budget: Budget) -> str:
    old = budget.supersedes
    if old is None:
        return ""
    settled = f" ngày {old.settled_on:%d/%m/%Y}" if old.settled_on else ""
    reason = budget.correction_reason
    return f"Báo cáo này đính chính bản quyết toán{settled} (lần {old.version}). Lý do: {reason}"


def _difference_sentence(budget: Budget) -> str:
    difference = budget.difference
    if difference is None:
        return ""
    if difference == 0:
        return "Thực chi bằng dự toán."
    if difference > 0:
        return f"Thực chi vượt dự toán {dong_in_words(difference)}."
    return f"Thực chi thấp hơn dự toán {dong_in_words(-difference)}."


# --- The .xlsx exports: numbers stay numbers (whole đồng), texts are inert ---------------------

BUDGET_HEADER = ["STT", "Nội dung", "Dự toán (đồng)", "Thực chi (đồng)", "Chênh lệch (đồng)", "Giải thích"]
ROLLUP_HEADER = [
    "Đơn vị",
    "Số phường có dự toán",
    "Số phường đã quyết toán",
    "Dự toán (đồng)",
    "Dự toán của các phường đã quyết toán (đồng)",
    "Thực chi (đồng)",
    "Chênh lệch (đồng)",
]


def budget_rows(budget: Budget) -> list[list]:
    rows: list[list] = [
        [n, line.label, line.estimate, _blank(line.spent), _blank(line.difference), line.explanation]
        for n, line in enumerate(budget_lines(budget), start=1)
    ]
    spent, difference = _blank(budget.spent_total), _blank(budget.difference)
    rows.append(["", "Tổng cộng", budget.estimate_total, spent, difference, ""])
    return rows


def rollup_rows(rollup: BudgetRollup) -> list[list]:
    return [
        [row.name, row.wards, row.settled, row.estimate, row.settled_estimate, row.spent, row.difference]
        for row in [*rollup.rows, rollup.total]
    ]


def _blank(value):
    return "" if value is None else value


def _sheet(title: str, header: list[str], rows: list[list]) -> bytes:
    book = Workbook()
    book.remove(book.worksheets[0])  # the empty sheet a new workbook opens on
    sheet = book.create_sheet("Kinh phí")
    append_inert(sheet, [title])
    sheet["A1"].font = Font(bold=True)
    append_inert(sheet, header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        append_inert(sheet, row)
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 36
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def budget_workbook(budget: Budget) -> bytes:
    plan = budget.plan
    what = "Quyết toán" if budget.settled else "Dự toán"
    title = f"{what} kinh phí bầu cử – {plan.division.name} – Kế hoạch {plan.number}"
    return _sheet(title, BUDGET_HEADER, budget_rows(budget))


def rollup_workbook(rollup: BudgetRollup) -> bytes:
    term = f"nhiệm kỳ {rollup.term_label}" if rollup.term_label else ""
    title = f"Kinh phí bầu cử – {rollup.division.name} {term}".strip()
    return _sheet(title, ROLLUP_HEADER, rollup_rows(rollup))


KINDS = [
    DocumentKind(
        BUDGET_REPORT,
        "documents/elections/budget_report.html",
        budget_report_context,
        budget_report_title,
        lambda budget: budget.plan.division,
    ),
]


def register_all() -> None:
    for kind in KINDS:
        register(kind)
