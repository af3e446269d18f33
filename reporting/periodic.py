"""Reads of the periodic grassroots-democracy reports (issue 15; the Quận 10 plan, seed 004):
the figures of a ward for a period, computed from what the records know in a fixed number of
aggregate queries whatever the data; a ward's reports; the table of a district's wards by
period with each one's standing against its due day; the district's figures summed from its
wards' sent reports.

A ward reports to the level above it: the district, or on the 2025 map (no district) the
province. So "the district" below is ``ward.parent`` whatever its level."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import Coalesce, TruncDate
from django.utils.translation import gettext_lazy as _

from elections import rules
from elections.models import (
    HELD_STAGES,
    BallotRound,
    Complaint,
    Election,
    ElectionPurpose,
    Meeting,
    MeetingMode,
    Tenure,
    TenureEnd,
    Vacancy,
)
from neighborhoods.models import Division, Level, on_two_level_map
from reporting.models import PeriodicReport, PeriodicReportStatus, ReportPeriodCode
from wardvote import access
from wardvote.text import natural_key

PURPOSES = [purpose.value for purpose in ElectionPurpose]
RELEASE_ENDS = (TenureEnd.RESIGNED, TenureEnd.DISMISSED, TenureEnd.RELEASED)

# Every figure of a report, in the order the pages, the workbook and the paper print them:
# (key, group, label). The keys are those of ``PeriodicReport.figures``.
_PURPOSE_WORDS = {
    ElectionPurpose.TERM: _("bầu cử nhiệm kỳ"),
    ElectionPurpose.NEW_HEAD: _("bầu Trưởng khu phố mới"),
    ElectionPurpose.HEAD_DISMISSAL: _("cho thôi làm Trưởng khu phố"),
    ElectionPurpose.BOARD_RELEASE: _("cho thôi làm thành viên Ban Thanh tra nhân dân"),
    ElectionPurpose.BY_ELECTION: _("bầu bổ sung thành viên Ban Thanh tra nhân dân"),
}
GROUPS = {
    "elections": _("Bầu cử, họp cộng đồng dân cư"),
    "ballots": _("Phát phiếu lấy ý kiến hộ gia đình"),
    "complaints": _("Khiếu nại, tố cáo"),
    "vacancies": _("Chức danh khuyết"),
    "releases": _("Thôi giữ chức danh"),
}


def _figure_rows() -> list[tuple[str, str, object]]:
    rows: list[tuple[str, str, object]] = []
    for purpose in PURPOSES:
        words = _PURPOSE_WORDS[ElectionPurpose(purpose)]
        rows.append((f"held_{purpose}", "elections", _FormatLazy(_("Cuộc họp %(what)s đã tổ chức"), words)))
        rows.append(
            (f"recognised_{purpose}", "elections", _FormatLazy(_("Kết quả %(what)s được công nhận"), words))
        )
    rows += [
        ("sittings", "elections", _("Số lần họp cộng đồng dân cư (kể cả họp lại)")),
        ("rounds_started", "ballots", _("Đợt phát phiếu đã lập kế hoạch")),
        ("rounds_counted", "ballots", _("Đợt phát phiếu đã kiểm phiếu")),
        ("complaints_received", "complaints", _("Đơn đã nhận")),
        ("complaints_resolved", "complaints", _("Đơn đã giải quyết")),
        ("complaints_open", "complaints", _("Đơn chưa giải quyết cuối kỳ")),
        ("vacancies_opened", "vacancies", _("Chức danh bị khuyết trong kỳ")),
        ("vacancies_filled", "vacancies", _("Chức danh khuyết đã có người")),
        ("vacancies_open", "vacancies", _("Chức danh còn khuyết cuối kỳ")),
        ("ended_resigned", "releases", _("Xin thôi")),
        ("ended_dismissed", "releases", _("Bị cho thôi")),
        ("ended_released", "releases", _("Được cho thôi theo đề nghị của Ủy ban MTTQ phường")),
    ]
    return rows


class _FormatLazy:
    """A lazy label with a lazy word in it, worded in the language active when shown."""

    def __init__(self, template, word):
        self.template, self.word = template, word

    def __str__(self) -> str:
        return str(self.template) % {"what": str(self.word)}


FIGURES = _figure_rows()
FIGURE_KEYS = [key for key, _group, _label in FIGURES]


@dataclass(frozen=True)
class FigureLine:
    key: str
    group: str
    label: str
    value: int


def figure_lines(figures: dict) -> list[FigureLine]:
    """The figures in print order, each with its label in the active language."""
    return [
        FigureLine(key, str(GROUPS[group]), str(label), int(figures.get(key, 0)))
        for key, group, label in FIGURES
    ]


def period_of(report: PeriodicReport) -> rules.ReportPeriod:
    return rules.report_period(report.year, report.period)


def _in(field_name: str, start: datetime.date, end: datetime.date) -> Q:
    return Q(**{f"{field_name}__gte": start, f"{field_name}__lte": end})


def ward_figures(ward: Division, start: datetime.date, end: datetime.date) -> dict[str, int]:
    """What the records of ``ward`` say about the days ``start``..``end`` (both included): six
    aggregate queries, whatever the number of elections, complaints or posts."""
    figures = dict.fromkeys(FIGURE_KEYS, 0)
    held = _in("meeting_date", start, end) & Q(stage__in=HELD_STAGES)
    by_purpose = (
        Election.objects.official()
        .filter(ward=ward)
        .values("purpose")
        .annotate(
            held=Count("pk", filter=held), recognised=Count("pk", filter=_in("recognised_on", start, end))
        )
        .order_by()
    )
    for row in by_purpose:
        figures[f"held_{row['purpose']}"] = row["held"]
        figures[f"recognised_{row['purpose']}"] = row["recognised"]
    figures["sittings"] = (
        Meeting.objects.filter(election__ward=ward, election__practice=False, mode=MeetingMode.MEETING)
        .annotate(day=Coalesce("held_on", TruncDate("opened_at")))
        .filter(_in("day", start, end))
        .count()
    )
    rounds = BallotRound.objects.filter(
        meeting__election__ward=ward, meeting__election__practice=False
    ).aggregate(
        started=Count("pk", filter=_in("plan_issued_on", start, end)),
        counted=Count("pk", filter=_in("counted_on", start, end)),
    )
    figures["rounds_started"], figures["rounds_counted"] = rounds["started"], rounds["counted"]
    complaints = Complaint.objects.filter(election__ward=ward, election__practice=False).aggregate(
        received=Count("pk", filter=_in("received_on", start, end)),
        resolved=Count("pk", filter=_in("resolved_on", start, end)),
        open=Count(
            "pk", filter=Q(received_on__lte=end) & (Q(resolved_on__isnull=True) | Q(resolved_on__gt=end))
        ),
    )
    figures["complaints_received"] = complaints["received"]
    figures["complaints_resolved"] = complaints["resolved"]
    figures["complaints_open"] = complaints["open"]
    vacancies = Vacancy.objects.filter(ward=ward).aggregate(
        opened=Count("pk", filter=_in("vacant_from", start, end)),
        filled=Count("pk", filter=_in("filled_on", start, end)),
        open=Count("pk", filter=Q(vacant_from__lte=end) & (Q(filled_on__isnull=True) | Q(filled_on__gt=end))),
    )
    figures["vacancies_opened"] = vacancies["opened"]
    figures["vacancies_filled"] = vacancies["filled"]
    figures["vacancies_open"] = vacancies["open"]
    ended = (
        Tenure.objects.filter(ward=ward, end_reason__in=RELEASE_ENDS)
        .filter(_in("ended_on", start, end))
        .values("end_reason")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for ended_row in ended:
        figures[f"ended_{ended_row['end_reason']}"] = ended_row["n"]
    return figures


def summed(figure_sets: list[dict]) -> dict[str, int]:
    total = dict.fromkeys(FIGURE_KEYS, 0)
    for figures in figure_sets:
        for key in FIGURE_KEYS:
            total[key] += int(figures.get(key, 0))
    return total


# --- Who does what: each level acts on its own reports; the level above receives them --------


def reports_upward(division: Division) -> bool:
    """Whether ``division`` makes periodic reports: a ward, or a division whose children are
    wards (a district; on the 2025 map, a province), which sums its wards' reports."""
    if division.level == Level.PROVINCE:
        return on_two_level_map(division)
    return division.level in (Level.WARD, Level.DISTRICT)


def acts_for(user, division: Division) -> bool:
    """Whether the user prepares and sends ``division``'s own report: its own office, at its own
    level (the ward official for the ward, the home-affairs office for the district or the
    province), as a plan is issued (``access.can_issue_plan``)."""
    return access.can_issue_plan(user, division)


def receives_for(user, report: PeriodicReport) -> bool:
    """Whether the user receives ``report``: the office of the level it is sent to."""
    parent = report.division.parent
    return parent is not None and access.can_issue_plan(user, parent)


def get_periodic_report_for(user, pk, capability: str = access.READ) -> PeriodicReport:
    reports = PeriodicReport.objects.filter(access.scope_q(user, capability, "division__path"))
    return access.get_or_404(
        reports.select_related("division", "division__parent", "sent_by", "received_by"), pk
    )


def latest_versions(reports) -> dict[tuple[int, int, str], PeriodicReport]:
    """The latest version of each (division, year, period), from rows already read."""
    latest: dict[tuple[int, int, str], PeriodicReport] = {}
    for report in sorted(reports, key=lambda r: r.version):
        latest[(report.division_id, report.year, report.period)] = report
    return latest


def first_sent(reports) -> dict[tuple[int, int, str], datetime.date]:
    """The day each (division, year, period) was first sent: a correction sent later does not
    make the report late."""
    sent: dict[tuple[int, int, str], datetime.date] = {}
    for report in reports:
        if report.sent_on is None:
            continue
        key = (report.division_id, report.year, report.period)
        if key not in sent or report.sent_on < sent[key]:
            sent[key] = report.sent_on
    return sent


def latest_sent(reports) -> dict[tuple[int, int, str], PeriodicReport]:
    """The latest sent version of each (division, year, period): what the level above reads
    while a correction is still being drafted."""
    sent: dict[tuple[int, int, str], PeriodicReport] = {}
    for report in sorted(reports, key=lambda r: r.version):
        if report.sent_on is not None:
            sent[(report.division_id, report.year, report.period)] = report
    return sent


def versions_of(report: PeriodicReport) -> list[PeriodicReport]:
    return list(
        PeriodicReport.objects.filter(
            division=report.division, year=report.year, period=report.period
        ).order_by("version")
    )


def ward_reports(ward: Division, year: int, today: datetime.date) -> list[dict]:
    """A ward's page: each period of the year with its latest report, if any, and where it
    stands against its due day."""
    reports = list(PeriodicReport.objects.filter(division=ward, year=year))
    latest, sent = latest_versions(reports), first_sent(reports)
    rows = []
    for code, label in ReportPeriodCode.choices:
        period = rules.report_period(year, code)
        key = (ward.pk, year, code)
        rows.append(
            {
                "code": code,
                "label": label,
                "period": period,
                "report": latest.get(key),
                "timeliness": rules.report_timeliness(period.due, sent.get(key), today),
            }
        )
    return rows


def wards_of(division: Division, start: datetime.date, end: datetime.date) -> list[Division]:
    """The wards that report to ``division`` on the days ``start``..``end``: its children of
    level ward in force on any of them (the 2024 map's wards end on 30/06/2025, the 2025 map's
    begin on 01/07/2025)."""
    wards = Division.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=end),
        Q(valid_until__isnull=True) | Q(valid_until__gte=start),
        parent=division,
        level=Level.WARD,
    )
    return sorted(wards, key=lambda w: natural_key(w.name))


@dataclass
class WardStanding:
    ward: Division
    report: PeriodicReport | None  # its latest version
    sent: PeriodicReport | None  # its latest sent version, whose figures count
    sent_on: datetime.date | None  # the first day it was sent
    timeliness: str


@dataclass
class DistrictYear:
    """A district's wards by period for one year: the table of the district's page."""

    division: Division
    year: int
    periods: list[tuple[str, object]]
    rows: list[tuple[Division, list[WardStanding]]] = field(default_factory=list)


def district_year(division: Division, year: int, today: datetime.date) -> DistrictYear:
    """Two queries: the wards, and every report of theirs for the year."""
    wards = wards_of(division, datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    reports = list(
        PeriodicReport.objects.filter(division__in=wards, year=year).select_related("division", "sent_by")
    )
    latest, sent, sent_on = latest_versions(reports), latest_sent(reports), first_sent(reports)
    table = DistrictYear(division, year, list(ReportPeriodCode.choices))
    for ward in wards:
        cells = []
        for code, _label in ReportPeriodCode.choices:
            key = (ward.pk, year, code)
            due = rules.report_period(year, code).due
            cells.append(
                WardStanding(
                    ward,
                    latest.get(key),
                    sent.get(key),
                    sent_on.get(key),
                    rules.report_timeliness(due, sent_on.get(key), today),
                )
            )
        table.rows.append((ward, cells))
    return table


@dataclass
class Aggregate:
    """A district's report for one period: its wards' standing and the sum of the figures of
    the wards that sent theirs."""

    period: rules.ReportPeriod
    standings: list[WardStanding]
    figures: dict[str, int]

    @property
    def counts(self) -> dict[str, int]:
        counts = {rules.ON_TIME: 0, rules.LATE: 0, rules.OVERDUE: 0, rules.NOT_DUE: 0}
        for standing in self.standings:
            counts[standing.timeliness] += 1
        return counts


def district_aggregate(division: Division, year: int, code: str, today: datetime.date) -> Aggregate:
    period = rules.report_period(year, code)
    wards = wards_of(division, period.start, period.end)
    reports = list(
        PeriodicReport.objects.filter(division__in=wards, year=year, period=code).select_related("division")
    )
    latest, sent, sent_on = latest_versions(reports), latest_sent(reports), first_sent(reports)
    standings = []
    for ward in wards:
        key = (ward.pk, year, code)
        standings.append(
            WardStanding(
                ward,
                latest.get(key),
                sent.get(key),
                sent_on.get(key),
                rules.report_timeliness(period.due, sent_on.get(key), today),
            )
        )
    figures = summed([s.sent.figures for s in standings if s.sent is not None])
    return Aggregate(period, standings, figures)


def aggregate_snapshot(aggregate: Aggregate) -> dict:
    """What a district's report freezes when sent: the summed figures and its wards' standing."""
    return {
        **aggregate.figures,
        "wards": [
            {
                "name": s.ward.name,
                "code": s.ward.code,
                "sent_on": f"{s.sent_on:%d/%m/%Y}" if s.sent_on else "",
                "timeliness": s.timeliness,
                "version": s.sent.version if s.sent else None,
            }
            for s in aggregate.standings
        ],
    }


def report_figures(report: PeriodicReport, today: datetime.date) -> tuple[dict, list[dict]]:
    """The figures of a report and, for a district's, its wards' standing: frozen once sent,
    computed from the records while a draft."""
    if not report.is_draft:
        figures = dict(report.figures)
        return figures, list(figures.pop("wards", []))
    if report.division.level == Level.WARD:
        period = period_of(report)
        return ward_figures(report.division, period.start, period.end), []
    snapshot = aggregate_snapshot(district_aggregate(report.division, report.year, report.period, today))
    return snapshot, list(snapshot.pop("wards"))


TIMELINESS_LABELS = {
    rules.ON_TIME: _("Đúng hạn"),
    rules.LATE: _("Trễ hạn"),
    rules.OVERDUE: _("Quá hạn, chưa gửi"),
    rules.NOT_DUE: _("Chưa đến hạn"),
}


def timeliness_label(code: str) -> str:
    return str(TIMELINESS_LABELS.get(code, code))


def status_open(report: PeriodicReport | None) -> bool:
    return report is not None and report.status == PeriodicReportStatus.DRAFT
