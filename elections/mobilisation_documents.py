"""The mobilisation sheet ("Danh sách hộ chưa đến – phiếu vận động"): the households not yet
come, one street (or cluster) per page for the volunteer who walks it, as a PDF in the papers'
ND30 layout and as a workbook with one sheet per street.

It is a working list, not a paper: it is neither numbered nor signed nor kept (it holds names,
addresses and phones, and is out of date at the next check-in), so it is rendered when asked for and
not registered as a ``DocumentKind``."""

from __future__ import annotations

import datetime
import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from elections.selectors.mobilisation import NotYetCome
from reporting.vietnamese import long_date
from wardvote.spreadsheets import append_inert

TITLE = "Danh sách hộ chưa đến – phiếu vận động"
HEADER = ["STT", "Mã hộ", "Chủ hộ", "Địa chỉ", "Điện thoại", "Đã đến nhà vận động", "Ghi chú"]
# What a worksheet's name may not hold, and its length (Excel's limits).
SHEET_NAME_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))
SHEET_NAME_LENGTH = 31


def _visit_text(row) -> str:
    visit = row.last_visit
    if visit is None:
        return ""
    who = (visit.visited_by.get_full_name() or visit.visited_by.username) if visit.visited_by else ""
    at = timezone.localtime(visit.visited_at).strftime("%H:%M")
    return f"{at} – {who}" if who else at


def _rows(group) -> list[list]:
    return [
        [
            number,
            row.household.code,
            row.household.head_name,
            row.household.address,
            row.household.phone_spaced,
            _visit_text(row),
            row.last_visit.note if row.last_visit else "",
        ]
        for number, row in enumerate(group.households, start=1)
    ]


def mobilisation_title(data: NotYetCome) -> str:
    return f"{TITLE} – {data.meeting.election.neighborhood.name}"


def mobilisation_sheet_context(data: NotYetCome, now: datetime.datetime) -> dict:
    """Every word the sheet prints: the team's header, the figures at ``now``, one page per group."""
    election = data.meeting.election
    ward = election.plan.division
    quorum = data.quorum
    return {
        "issuer_parent": ward.name,
        "issuer": f"Tổ bầu cử\n{election.neighborhood.name}",
        "number": "",
        "place_date": f"{ward.name}, {long_date(now.date())}",
        "doc_type": TITLE,
        "subject": f"Cuộc họp cộng đồng dân cư {election.neighborhood.name}, lần {data.meeting.number}",
        "as_of": (
            f"Lập lúc {now:%H:%M} ngày {now:%d/%m/%Y}: có mặt {quorum.present}/{quorum.total_households} hộ, "
            + (
                f"còn thiếu {quorum.still_needed} hộ để có thể bầu được."
                if quorum.still_needed
                else "đã đủ số hộ để có thể bầu được."
            )
        ),
        "header": HEADER,
        "groups": [{"name": group.name, "rows": _rows(group)} for group in data.groups],
        "count": data.count,
    }


def _sheet_name(name: str, taken: set[str]) -> str:
    """A worksheet name Excel accepts, unique in the workbook."""
    base = " ".join(name.translate(SHEET_NAME_FORBIDDEN).split())[:SHEET_NAME_LENGTH] or "Khác"
    candidate, n = base, 2
    while candidate.casefold() in taken:
        suffix = f" ({n})"
        candidate, n = base[: SHEET_NAME_LENGTH - len(suffix)] + suffix, n + 1
    taken.add(candidate.casefold())
    return candidate


def mobilisation_workbook(data: NotYetCome, now: datetime.datetime) -> bytes:
    """One worksheet per street (or cluster), each a sheet to hand to whoever walks it."""
    book = Workbook()
    book.remove(book.worksheets[0])  # the empty sheet a new workbook opens on
    taken: set[str] = set()
    context = mobilisation_sheet_context(data, now)
    for group in context["groups"] or [{"name": "Khác", "rows": []}]:
        sheet = book.create_sheet(_sheet_name(group["name"], taken))
        append_inert(sheet, [f"{mobilisation_title(data)} – {group['name']}"])
        sheet["A1"].font = Font(bold=True)
        append_inert(sheet, [context["as_of"]])
        append_inert(sheet, HEADER)
        for cell in sheet[3]:
            cell.font = Font(bold=True)
        for row in group["rows"]:
            append_inert(sheet, row)
        for column, width in zip("ABCDEFG", (6, 16, 28, 36, 15, 22, 30), strict=True):
            sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
