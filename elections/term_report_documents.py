"""The outgoing head's papers before the term election's meeting: the term report and the
statement of the khu phố's income and spending over the term, both signed by the head (the
ward prints them for the head), ND30 in form, the totals in words."""

from __future__ import annotations

from elections.models import FinanceStatement, TermReport
from elections.selectors.term_report import finance_lines, split_lines
from reporting.documents import DocumentKind, register
from reporting.vietnamese import dong, dong_in_words, keep_last_words_together, long_date

TERM_REPORT = "term_report"
FINANCE_STATEMENT = "finance_statement"


def _amount(value: int) -> str:
    return dong(value).removesuffix(" đồng")


def _header(election, day) -> dict:
    ward = election.plan.division
    plan = election.plan
    return {
        "issuer_parent": ward.name,
        "issuer": election.neighborhood.name,
        "place_date": f"{ward.name}, {long_date(day)}",
        "doc_type": "Báo cáo",
        "authority": [],
        "signer_title": "Trưởng khu phố",
        "term": f"{plan.term_start_year} - {plan.term_end_year}",
        "neighborhood": election.neighborhood.name,
        "recipients": [
            f"Ủy ban nhân dân {ward.name}",
            f"Ban công tác Mặt trận {election.neighborhood.name}",
            "Lưu tại khu phố",
        ],
    }


def term_report_title(report: TermReport) -> str:
    return f"Báo cáo kết quả hoạt động nhiệm kỳ – {report.election.neighborhood.name}"


def term_report_context(report: TermReport) -> dict:
    election = report.election
    header = _header(election, report.filed_on)
    paragraphs = [" ".join(part.split()) for part in report.text.replace("\r\n", "\n").split("\n")]
    return {
        **header,
        "subject": keep_last_words_together(
            f"Kết quả hoạt động nhiệm kỳ của Trưởng khu phố\n{election.neighborhood.name}"
        ),
        "signer_name": report.head_name,
        "opening": (
            f"Trước cuộc họp cộng đồng dân cư bầu Trưởng khu phố nhiệm kỳ {header['term']}, "
            f"Trưởng khu phố {report.head_name} báo cáo kết quả hoạt động trong nhiệm kỳ như sau:"
        ),
        "paragraphs": [p for p in paragraphs if p],
        "attachment": report.attachment_name,
    }


def finance_statement_title(statement: FinanceStatement) -> str:
    return f"Báo cáo công khai thu, chi quỹ – {statement.election.neighborhood.name}"


def _lines(lines) -> list[dict]:
    return [{"label": line.label, "amount": _amount(line.amount)} for line in lines]


def finance_statement_context(statement: FinanceStatement) -> dict:
    election = statement.election
    header = _header(election, statement.filed_on)
    income, spending = split_lines(finance_lines(statement))
    period = f"từ ngày {statement.period_from:%d/%m/%Y} đến ngày {statement.period_to:%d/%m/%Y}"
    old = statement.supersedes
    return {
        **header,
        "subject": keep_last_words_together(f"Công khai thu, chi quỹ {election.neighborhood.name}\n{period}"),
        "signer_name": statement.head_name,
        "opening": (
            f"Thực hiện việc công khai thu, chi tài chính của khu phố trước nhân dân trong khu phố, "
            f"Trưởng khu phố {statement.head_name} báo cáo thu, chi quỹ {election.neighborhood.name} "
            f"{period} như sau:"
        ),
        "opening_balance": _amount(statement.opening_balance),
        "income": _lines(income),
        "spending": _lines(spending),
        "income_total": _amount(statement.income_total),
        "spending_total": _amount(statement.spending_total),
        "closing_balance": _amount(statement.closing_balance),
        "words": [
            f"Số dư đầu kỳ: {dong_in_words(statement.opening_balance)}.",
            f"Tổng thu: {dong_in_words(statement.income_total)}.",
            f"Tổng chi: {dong_in_words(statement.spending_total)}.",
            f"Số dư cuối kỳ: {dong_in_words(statement.closing_balance)}.",
        ],
        "correction": (
            f"Báo cáo này đính chính bản lập ngày {old.filed_on:%d/%m/%Y} (lần {old.version}). "
            f"Lý do: {statement.correction_reason}"
            if old
            else ""
        ),
    }


KINDS = [
    DocumentKind(
        TERM_REPORT,
        "documents/elections/term_report.html",
        term_report_context,
        term_report_title,
        lambda report: report.election.neighborhood,
    ),
    DocumentKind(
        FINANCE_STATEMENT,
        "documents/elections/finance_statement.html",
        finance_statement_context,
        finance_statement_title,
        lambda statement: statement.election.neighborhood,
    ),
]


def register_all() -> None:
    for kind in KINDS:
        register(kind)
