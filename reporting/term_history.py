"""The term at a glance (issue 14): who held each post of a khu phố over the terms, and which
posts of a ward are vacant with their deadlines.

The khu phố's page shows its history, the ward's page its open vacancies: both pages are the
division map's (``neighborhoods:division_detail``), so this module fills them in through the
map's panel hook (``neighborhoods.ward_page.register_division_panels``, registered from
``ReportingConfig.ready``). The same rows make the ``.xlsx`` of a khu phố's history and of the
whole ward's (``reporting:term_history_export``). Names of office holders are public-office
data, not the household register: whoever may read the division reads them.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from elections.models import Decision, Election, OfficePost, Plan, Tenure, TenureEnd, TenureKind, Vacancy
from elections.selectors.tenures import (
    STANDING_IN,
    history,
    is_overdue,
    open_vacancies,
    serving,
    standing_in,
    term_ends_on,
    ward_history,
    ward_plans,
)
from neighborhoods.models import Division, Level
from neighborhoods.ward_page import Panel
from reporting.selectors import issued_numbers
from wardvote.spreadsheets import append_inert
from wardvote.text import natural_key

# The head's post first, then the board's, as the khu phố's page lists them.
POST_ORDER: dict[str, int] = {OfficePost.HEAD.value: 0, OfficePost.BOARD_MEMBER.value: 1}


def _day(day: datetime.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def _decision_line(decision: Decision | None, numbers: dict[int, tuple[str, datetime.date | None]]) -> str:
    """ "QĐ số 05/QĐ-UBND ngày 04/11/2024" once the paper is issued (the day it was signed);
    the decision's own day until then."""
    if decision is None:
        return ""
    if decision.pk in numbers:
        number, signed_on = numbers[decision.pk]
        return _("QĐ số %(number)s ngày %(day)s") % {
            "number": number,
            "day": _day(signed_on or decision.decided_on),
        }
    return _("Quyết định ngày %(day)s") % {"day": _day(decision.decided_on)}


def _term_label(tenure: Tenure, plans: list[Plan]) -> str:
    """The term the tenure belongs to ("2024–2029"): its election's plan, or the ward's plan
    whose term ends the day the tenure's does (an interim head appointed without an election)."""
    if tenure.election is not None:
        return tenure.election.plan.term_label
    for plan in plans:
        if term_ends_on(plan) == tenure.term_ends_on:
            return plan.term_label
    for plan in plans:
        if plan.term_end_year == tenure.term_ends_on.year:
            return plan.term_label
    return _("đến %(day)s") % {"day": _day(tenure.term_ends_on)}


@dataclass(frozen=True)
class HistoryRow:
    """One line of the history table: one person in one post for one period, already worded."""

    neighborhood: str
    post: str
    full_name: str
    kind: str
    standing_in: bool  # interim head or convener: visibly marked
    started_on: str
    start_decision: str
    ended_on: str  # "" while serving
    end_reason: str
    end_note: str
    end_decision: str
    term: str

    @property
    def serving(self) -> bool:
        return not self.ended_on

    def cells(self) -> list[str]:
        return [
            self.neighborhood,
            self.post,
            self.full_name,
            self.kind,
            self.started_on,
            self.start_decision,
            self.ended_on or _("Đang giữ chức danh"),
            self.end_reason,
            self.end_note,
            self.end_decision,
            self.term,
        ]


def history_headers() -> list[str]:
    return [
        _("Khu phố"),
        _("Chức danh"),
        _("Họ và tên"),
        _("Hình thức"),
        _("Từ ngày"),
        _("Quyết định công nhận, bổ nhiệm"),
        _("Đến ngày"),
        _("Lý do thôi"),
        _("Ghi chú"),
        _("Quyết định cho thôi"),
        _("Nhiệm kỳ"),
    ]


def _sort_key(tenure: Tenure) -> tuple:
    post = POST_ORDER.get(tenure.post, 9)
    return (natural_key(tenure.neighborhood.name), post, tenure.started_on, tenure.pk)


def history_rows(tenures: list[Tenure], plans: list[Plan]) -> list[HistoryRow]:
    """The rows of these tenures, by khu phố (the Vietnamese order), the head's post first,
    each post oldest first."""
    decision_ids = {d for t in tenures for d in (t.start_decision_id, t.end_decision_id) if d}
    numbers = issued_numbers(Decision, decision_ids)
    rows = []
    for tenure in sorted(tenures, key=_sort_key):
        rows.append(
            HistoryRow(
                neighborhood=tenure.neighborhood.name,
                post=str(OfficePost(tenure.post).label),
                full_name=tenure.full_name,
                kind=str(TenureKind(tenure.kind).label),
                standing_in=tenure.kind in STANDING_IN,
                started_on=_day(tenure.started_on),
                start_decision=_decision_line(tenure.start_decision, numbers),
                ended_on=_day(tenure.ended_on),
                end_reason=str(TenureEnd(tenure.end_reason).label) if tenure.end_reason else "",
                end_note=tenure.end_note,
                end_decision=_decision_line(tenure.end_decision, numbers),
                term=_term_label(tenure, plans),
            )
        )
    return rows


def division_history_rows(division: Division) -> list[HistoryRow]:
    """A khu phố's history, or every khu phố's of a ward."""
    if division.level == Level.NEIGHBORHOOD:
        assert division.parent is not None
        tenures = history(division)
        for tenure in tenures:
            tenure.neighborhood = division  # the same khu phố: no query per row for its name
        return history_rows(tenures, ward_plans(division.parent))
    return history_rows(ward_history(division), ward_plans(division))


def history_workbook(division: Division, today: datetime.date) -> bytes:
    """One sheet: a title line, the headers, a row per tenure; texts inert, dates dd/mm/yyyy.
    In Vietnamese whatever the requester reads, as every report the app exports."""
    with translation.override(settings.LANGUAGE_CODE):
        return _history_workbook(division, today)


def _history_workbook(division: Division, today: datetime.date) -> bytes:
    book = Workbook()
    book.remove(book.worksheets[0])  # the empty sheet a new workbook opens on
    sheet = book.create_sheet(_("Lịch sử nhiệm kỳ")[:31])
    append_inert(
        sheet,
        [
            _(
                "Trưởng khu phố, thành viên Ban Thanh tra nhân dân qua các nhiệm kỳ – "
                "%(division)s, ngày %(day)s"
            )
            % {"division": division.name, "day": _day(today)}
        ],
    )
    sheet["A1"].font = Font(bold=True)
    append_inert(sheet, history_headers())
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in division_history_rows(division):
        append_inert(sheet, row.cells())
    for column, width in zip("ABCDEFGHIJK", (16, 30, 26, 22, 12, 30, 18, 36, 30, 30, 12), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class VacancyRow:
    """One open vacancy as the ward's page lists it, already worded."""

    neighborhood: Division
    post: str
    vacant_from: str
    reason: str
    due_on: str
    overdue: bool
    days_left: int | None  # until the due day; None without one or once decided
    new_election: Election | None
    by_election: str  # for a board seat: whether the law requires a by-election
    stand_in: str  # the interim head or convener serving meanwhile
    left: str = ""  # who left the post, when a tenure's end opened the vacancy


def _by_election_line(vacancy: Vacancy) -> str:
    if vacancy.post != OfficePost.BOARD_MEMBER:
        return ""
    if vacancy.by_election_required:
        return _("Phải bầu bổ sung (Luật 10/2022/QH15, Điều 36.2)")
    return _("Không bầu bổ sung: còn dưới 6 tháng của nhiệm kỳ (Luật 10/2022/QH15, Điều 36.2)")


def vacancy_rows(division: Division, today: datetime.date) -> list[VacancyRow]:
    """The open vacancies below ``division``, those with the nearest deadline first."""
    vacancies = list(open_vacancies(division).select_related("new_election"))
    standing = standing_in({v.neighborhood_id for v in vacancies if v.post == OfficePost.HEAD})
    vacancies.sort(
        key=lambda v: (
            v.due_on is None,
            v.due_on or v.vacant_from,
            natural_key(v.neighborhood.name),
            POST_ORDER.get(v.post, 9),
            v.pk,
        )
    )
    rows = []
    for vacancy in vacancies:
        stand_in = standing.get(vacancy.neighborhood_id) if vacancy.post == OfficePost.HEAD else None
        pending = vacancy.due_on is not None and vacancy.new_election_id is None
        rows.append(
            VacancyRow(
                neighborhood=vacancy.neighborhood,
                post=str(OfficePost(vacancy.post).label),
                vacant_from=_day(vacancy.vacant_from),
                reason=vacancy.reason,
                due_on=_day(vacancy.due_on),
                overdue=is_overdue(vacancy, today),
                days_left=(vacancy.due_on - today).days if pending and vacancy.due_on else None,
                new_election=vacancy.new_election,
                by_election=_by_election_line(vacancy),
                left=vacancy.left.full_name if vacancy.left else "",
                stand_in=(
                    _("%(kind)s: %(name)s (từ %(day)s)")
                    % {
                        "kind": TenureKind(stand_in.kind).label,
                        "name": stand_in.full_name,
                        "day": _day(stand_in.started_on),
                    }
                    if stand_in
                    else ""
                ),
            )
        )
    return rows


def neighborhood_context(neighborhood: Division, today: datetime.date) -> dict:
    """The khu phố's panel: who serves today, the open vacancies, the history of each post."""
    rows = division_history_rows(neighborhood)
    heads = serving(neighborhood, OfficePost.HEAD)
    return {
        "division": neighborhood,
        "head": heads[0] if heads else None,
        "head_standing_in": bool(heads) and heads[0].kind in STANDING_IN,
        "board": serving(neighborhood, OfficePost.BOARD_MEMBER),
        "vacancies": vacancy_rows(neighborhood, today),
        "posts": [
            (label, [row for row in rows if row.post == label])
            for label in (str(OfficePost.HEAD.label), str(OfficePost.BOARD_MEMBER.label))
        ],
        "today": today,
    }


def ward_context(ward: Division, today: datetime.date) -> dict:
    rows = vacancy_rows(ward, today)
    return {
        "division": ward,
        "vacancies": rows,
        "overdue": sum(1 for row in rows if row.overdue),
        "today": today,
    }


def term_panels(user, division: Division) -> list[Panel]:
    """The panels of the term at a glance: the history on a khu phố's page, the vacancies on a
    ward's. The page fetched the division for the user with READ; the panels show only what
    belongs to it."""
    today = timezone.localdate()
    if division.level == Level.NEIGHBORHOOD and division.parent is not None:
        return [Panel("reporting/partials/term_history.html", neighborhood_context(division, today))]
    if division.level == Level.WARD:
        return [Panel("reporting/partials/ward_vacancies.html", ward_context(division, today))]
    return []
