"""The roll-up of commendations (issue 15): a district (a province on the 2025 map, or the
city) sees every standing proposed or decided commendation list of its wards, counted by form
and by kind (collective, individual), with every line, and exports it as one ``.xlsx`` sheet.
Names here are those of people commended for public work, published by the decision itself:
whoever reads the division reads them."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from elections.models import Commendation, CommendationStatus, Commendee
from elections.selectors.commendations import RollUp, commendation_rollup
from neighborhoods.models import Division
from reporting.selectors import issued_numbers
from wardvote.spreadsheets import append_inert


def _day(day: datetime.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


@dataclass(frozen=True)
class Line:
    """One commended collective or individual as the roll-up lists it, already worded."""

    ward: str
    form: str
    status: str
    kind: str
    name: str
    position: str
    unit: str
    achievement: str
    proposed_on: str
    decision: str

    def cells(self) -> list[str]:
        return [
            self.ward,
            self.form,
            self.status,
            self.kind,
            self.name,
            self.position,
            self.unit,
            self.achievement,
            self.proposed_on,
            self.decision,
        ]


def headers() -> list[str]:
    return [
        _("Phường/Xã"),
        _("Hình thức"),
        _("Trạng thái"),
        _("Tập thể / cá nhân"),
        _("Tên tập thể / họ và tên"),
        _("Chức vụ"),
        _("Đơn vị"),
        _("Thành tích"),
        _("Ngày đề nghị"),
        _("Quyết định"),
    ]


def _decision(commendation: Commendation, numbers: dict[int, tuple[str, datetime.date | None]]) -> str:
    if commendation.pk in numbers:
        number, signed_on = numbers[commendation.pk]
        return _("QĐ số %(number)s ngày %(day)s") % {
            "number": number,
            "day": _day(signed_on or commendation.decided_on),
        }
    if commendation.status == CommendationStatus.DECIDED:
        return _("Quyết định ngày %(day)s") % {"day": _day(commendation.decided_on)}
    return ""


def lines(rollup: RollUp) -> list[Line]:
    numbers = issued_numbers(Commendation, {c.pk for c, _line in rollup.lines})
    made = []
    for commendation, commendee in rollup.lines:
        made.append(_line(commendation, commendee, numbers))
    return made


def _line(commendation: Commendation, commendee: Commendee, numbers) -> Line:
    return Line(
        ward=commendation.ward.name,
        form=commendation.get_form_display(),
        status=commendation.get_status_display(),
        kind=commendee.get_kind_display(),
        name=commendee.name,
        position=commendee.position,
        unit=commendee.unit,
        achievement=commendee.achievement,
        proposed_on=_day(commendation.proposed_on),
        decision=_decision(commendation, numbers),
    )


def rollup_page(division: Division) -> dict:
    rollup = commendation_rollup(division)
    return {"rollup": rollup, "lines": lines(rollup), "headers": headers()}


def rollup_workbook(division: Division, today: datetime.date) -> bytes:
    """One sheet: a title line, the counts by form, the headers, a line per commended
    collective or individual; texts inert. In Vietnamese, as every report the app exports."""
    with translation.override(settings.LANGUAGE_CODE):
        rollup = commendation_rollup(division)
        book = Workbook()
        sheet = book.worksheets[0]
        sheet.title = _("Khen thưởng")
        append_inert(
            sheet,
            [
                _("Khen thưởng sau bầu cử – %(division)s, ngày %(day)s")
                % {"division": division.name, "day": _day(today)}
            ],
        )
        sheet["A1"].font = Font(bold=True)
        append_inert(sheet, [_("Hình thức"), _("Tập thể"), _("Cá nhân")])
        for form, collectives, individuals in rollup.by_form:
            append_inert(sheet, [form, collectives, individuals])
        append_inert(sheet, [_("Tổng cộng"), rollup.collectives, rollup.individuals])
        append_inert(sheet, [])
        append_inert(sheet, headers())
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for line in lines(rollup):
            append_inert(sheet, line.cells())
        for column, width in zip("ABCDEFGHIJ", (16, 40, 16, 12, 30, 24, 20, 40, 12, 30), strict=True):
            sheet.column_dimensions[column].width = width
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
