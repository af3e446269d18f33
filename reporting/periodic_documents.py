"""The papers and workbooks of the periodic grassroots-democracy reports (issue 15).

- A ward's report is a paper of the ward People's Committee ("Báo cáo kết quả thực hiện dân
  chủ ở cơ sở quý IV năm 2024"), issued through the numbered issuing (``BC-UBND``) like the
  budget report, sent to the district's home-affairs office (on the 2025 map, the province's).
- A district's report over its wards is the home-affairs office's summary: the issuing has no
  district authority, so it is printed as a paper of the office without a number, signed by hand.

Both are worded in Vietnamese whatever the reader's language, as every paper the app prints."""

from __future__ import annotations

import datetime
import io

from django.conf import settings
from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.styles import Font

from elections import rules
from neighborhoods.models import Division, Level
from reporting import periodic
from reporting.documents import DocumentKind, register
from reporting.issuing import Authority, Issuer
from reporting.models import PeriodicReport
from reporting.vietnamese import long_date
from wardvote.spreadsheets import append_inert

WARD_REPORT = "periodic_report"
DISTRICT_REPORT = "periodic_aggregate"
SECTION_TITLES = (
    ("results", "Kết quả thực hiện"),
    ("shortcomings", "Tồn tại, hạn chế"),
    ("directions", "Phương hướng, kiến nghị"),
)


def _day(day: datetime.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def home_affairs_office(division: Division | None) -> str:
    """The office a ward's report goes to: the district's Phòng Nội vụ, or on the 2025 map the
    province's Sở Nội vụ."""
    if division is None:
        return "Cơ quan cấp trên"
    if division.level == Level.DISTRICT:
        return f"Phòng Nội vụ {division.name}"
    return f"Sở Nội vụ {division.name}"


def report_title(report: PeriodicReport) -> str:
    period = periodic.period_of(report)
    if report.division.level == Level.WARD:
        return f"Báo cáo kết quả thực hiện dân chủ ở cơ sở {period.label} – {report.division.name}"
    return f"Báo cáo tổng hợp kết quả thực hiện dân chủ ở cơ sở {period.label} – {report.division.name}"


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _figure_groups(figures: dict) -> list[dict]:
    groups: list[dict] = []
    for line in periodic.figure_lines(figures):
        if not groups or groups[-1]["title"] != line.group:
            groups.append({"title": line.group, "lines": []})
        groups[-1]["lines"].append({"label": line.label, "value": line.value})
    return groups


def _sections(report: PeriodicReport) -> list[dict]:
    return [
        {"title": title, "paragraphs": _paragraphs(getattr(report, key))} for key, title in SECTION_TITLES
    ]


def _correction(report: PeriodicReport) -> str:
    old = report.supersedes
    if old is None:
        return ""
    return (
        f"Báo cáo này đính chính báo cáo gửi ngày {_day(old.sent_on)} (lần {old.version}). "
        f"Lý do: {report.correction_reason}"
    )


def _common(report: PeriodicReport) -> tuple[dict, list[dict]]:
    """What both papers share: the period, the figures as the report stands, its sections; and
    a district's wards with their standing as codes."""
    period = periodic.period_of(report)
    figures, wards = periodic.report_figures(report, timezone.localdate())
    return {
        "period": f"{period.label} (từ ngày {_day(period.start)} đến ngày {_day(period.end)})",
        "figure_groups": _figure_groups(figures),
        "wards": [{**ward, "timeliness": periodic.timeliness_label(ward["timeliness"])} for ward in wards],
        "sections": _sections(report),
        "correction": _correction(report),
        "doc_type": "Báo cáo",
    }, wards


def ward_report_context(report: PeriodicReport) -> dict:
    with translation.override(settings.LANGUAGE_CODE):
        ward, above = report.division, report.division.parent
        period = periodic.period_of(report)
        common, _wards = _common(report)
        return {
            **common,
            "issuer_parent": f"Ủy ban nhân dân {above.name}" if above else "",
            "issuer": f"Ủy ban nhân dân\n{ward.name}",
            "authority": ["TM. Ủy ban nhân dân"],
            "signer_title": "Chủ tịch",
            "signer_name": "",
            "place_date": f"{ward.name}, {long_date(report.sent_on)}" if report.sent_on else "",
            "subject": f"Kết quả thực hiện dân chủ ở cơ sở {period.label}",
            "opening": (
                f"Thực hiện chế độ báo cáo định kỳ về công tác dân vận chính quyền và thực hiện dân chủ ở "
                f"cơ sở, Ủy ban nhân dân {ward.name} báo cáo kết quả thực hiện {period.label} "
                f"(từ ngày {_day(period.start)} đến ngày {_day(period.end)}) như sau:"
            ),
            "closing": f"Ủy ban nhân dân {ward.name} kính báo cáo./.",
            "recipients": [home_affairs_office(above), "Lưu: VT"],
        }


def district_report_context(report: PeriodicReport) -> dict:
    with translation.override(settings.LANGUAGE_CODE):
        division, above = report.division, report.division.parent
        period = periodic.period_of(report)
        common, wards = _common(report)
        on_time = sum(1 for w in wards if w["timeliness"] == rules.ON_TIME)
        late = sum(1 for w in wards if w["timeliness"] == rules.LATE)
        sent = sum(1 for w in wards if w["sent_on"])
        return {
            **common,
            "issuer_parent": f"Ủy ban nhân dân {division.name}",
            "issuer": "Phòng Nội vụ" if division.level == Level.DISTRICT else "Sở Nội vụ",
            "authority": [],
            "signer_title": "Trưởng phòng" if division.level == Level.DISTRICT else "Giám đốc",
            "signer_name": "",
            "place_date": f"{division.name}, {long_date(report.sent_on)}" if report.sent_on else "",
            "subject": f"Tổng hợp kết quả thực hiện dân chủ ở cơ sở {period.label}",
            "opening": (
                f"Tổng hợp báo cáo định kỳ của {len(wards)} phường trực thuộc {division.name} về kết quả "
                f"thực hiện dân chủ ở cơ sở {period.label} (từ ngày {_day(period.start)} đến ngày "
                f"{_day(period.end)}; hạn gửi ngày {_day(period.due)}):"
            ),
            "tally": (
                f"{sent}/{len(wards)} phường đã gửi báo cáo, trong đó {on_time} phường gửi đúng hạn, "
                f"{late} phường gửi trễ hạn; {len(wards) - sent} phường chưa gửi."
            ),
            "closing": "Kính báo cáo./.",
            "recipients": [
                f"Ủy ban nhân dân {division.name}",
                home_affairs_office(above) if above and above.level != Level.COUNTRY else "Bộ Nội vụ",
                "Lưu: VT",
            ],
        }


def _ward_issuer(report: PeriodicReport) -> Issuer:
    """The ward People's Committee reports (the Quận 10 plan, seed 004): not dated before it was
    sent, or while a draft, before the period began."""
    ward = report.division
    if report.sent_on:
        return Issuer(
            Authority.WARD_COMMITTEE, "BC-UBND", ward, ward.name, report.sent_on, "ngày gửi báo cáo"
        )
    period = periodic.period_of(report)
    return Issuer(Authority.WARD_COMMITTEE, "BC-UBND", ward, ward.name, period.start, "ngày đầu kỳ báo cáo")


def document_kind(report: PeriodicReport) -> str:
    return WARD_REPORT if report.division.level == Level.WARD else DISTRICT_REPORT


KINDS = [
    DocumentKind(
        WARD_REPORT,
        "documents/reporting/periodic_report.html",
        ward_report_context,
        report_title,
        lambda report: report.division,
        issuer=_ward_issuer,
        replaced_source=lambda report: report.supersedes,
    ),
    DocumentKind(
        DISTRICT_REPORT,
        "documents/reporting/periodic_report.html",
        district_report_context,
        report_title,
        lambda report: report.division,
    ),
]


def register_all() -> None:
    for kind in KINDS:
        register(kind)


# --- The .xlsx workbook: counts stay numbers, texts are inert ---------------------------------


def report_workbook(report: PeriodicReport) -> bytes:
    """One sheet: the title, the period, the wards' standing (a district's report), the figures
    by group, then the sections."""
    with translation.override(settings.LANGUAGE_CODE):
        period = periodic.period_of(report)
        figures, wards = periodic.report_figures(report, timezone.localdate())
        book = Workbook()
        sheet = book.worksheets[0]
        sheet.title = "Báo cáo định kỳ"
        append_inert(sheet, [report_title(report)])
        sheet["A1"].font = Font(bold=True)
        append_inert(sheet, ["Kỳ báo cáo", f"{period.label} ({_day(period.start)} - {_day(period.end)})"])
        append_inert(sheet, ["Hạn gửi", _day(period.due)])
        append_inert(sheet, ["Tình trạng", report.get_status_display(), "Ngày gửi", _day(report.sent_on)])
        if report.supersedes is not None:
            append_inert(sheet, ["Đính chính", _correction(report)])
        if wards:
            append_inert(sheet, [])
            append_inert(sheet, ["Phường", "Ngày gửi", "Tình trạng"])
            for ward in wards:
                append_inert(
                    sheet, [ward["name"], ward["sent_on"], periodic.timeliness_label(ward["timeliness"])]
                )
        append_inert(sheet, [])
        append_inert(sheet, ["Nhóm", "Chỉ tiêu", "Số lượng"])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for line in periodic.figure_lines(figures):
            append_inert(sheet, [line.group, line.label, line.value])
        append_inert(sheet, [])
        for key, title in SECTION_TITLES:
            append_inert(sheet, [title, getattr(report, key)])
        sheet.column_dimensions["A"].width = 36
        sheet.column_dimensions["B"].width = 60
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
