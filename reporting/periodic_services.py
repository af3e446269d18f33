"""Writes of the periodic grassroots-democracy reports (issue 15; the Quận 10 plan, seed 004):
a ward's office (or a district's, for its own report over its wards) prepares the report of a
period, writes its sections and sends it upward, which freezes its figures; the office above
receives it. A sent report never changes: a correction is a new version naming the one it
replaces and why, sent again."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from elections import rules
from neighborhoods.models import Division
from reporting import periodic
from reporting.models import PeriodicReport, PeriodicReportStatus

SECTIONS = ("results", "shortcomings", "directions")


def _clean(text: str) -> str:
    """A section as written, each paragraph's inner spaces kept, blank lines at the ends dropped."""
    return "\n".join(line.rstrip() for line in (text or "").strip().splitlines())


def _latest(division: Division, year: int, period: str) -> PeriodicReport | None:
    reports = PeriodicReport.objects.filter(division=division, year=year, period=period)
    return reports.order_by("-version").first()


@transaction.atomic
def periodic_report_prepare(*, by: User | None, division: Division, year: int, period: str) -> PeriodicReport:
    """The report of ``division`` for the period: the one already begun, or a new draft."""
    if not periodic.reports_upward(division):
        raise ValidationError(
            _("%(division)s không lập báo cáo định kỳ: chỉ phường, xã và cấp trên trực tiếp của phường lập.")
            % {"division": division.name},
            code="not_reporting",
        )
    span = rules.report_period(year, period)
    Division.objects.select_for_update().filter(pk=division.pk).first()
    report = _latest(division, year, period)
    if report is not None:
        return report
    return PeriodicReport.objects.create(
        division=division, year=year, period=period, due_on=span.due, created_by=by
    )


def _refuse_sent(report: PeriodicReport) -> None:
    if not report.is_draft:
        raise ValidationError(
            _("Báo cáo đã gửi ngày %(day)s; không sửa được (muốn sửa, lập bản đính chính có lý do).")
            % {"day": f"{report.sent_on:%d/%m/%Y}" if report.sent_on else ""},
            code="sent",
        )


@transaction.atomic
def periodic_report_write(
    *, by: User | None, report: PeriodicReport, results: str, shortcomings: str, directions: str
) -> PeriodicReport:
    """Write the report's sections while it is a draft."""
    report = PeriodicReport.objects.select_for_update().get(pk=report.pk)
    _refuse_sent(report)
    report.results, report.shortcomings, report.directions = (
        _clean(results),
        _clean(shortcomings),
        _clean(directions),
    )
    report.save(update_fields=list(SECTIONS))
    return report


@transaction.atomic
def periodic_report_send(
    *, by: User | None, report: PeriodicReport, sent_on: datetime.date, today: datetime.date | None = None
) -> PeriodicReport:
    """Send the report upward: its figures are computed once more and frozen with it."""
    report = PeriodicReport.objects.select_related("division").select_for_update().get(pk=report.pk)
    _refuse_sent(report)
    today = today or timezone.localdate()
    period = periodic.period_of(report)
    problems = rules.report_sending_problems(period, sent_on, today, report.results)
    if report.supersedes is not None and report.supersedes.sent_on and sent_on < report.supersedes.sent_on:
        problems.append(
            _("Ngày gửi bản đính chính (%(day)s) trước ngày gửi bản cũ (%(old)s).")
            % {"day": f"{sent_on:%d/%m/%Y}", "old": f"{report.supersedes.sent_on:%d/%m/%Y}"}
        )
    if problems:
        raise ValidationError(problems, code="not_sendable")
    figures, wards = periodic.report_figures(report, sent_on)
    if wards:
        figures["wards"] = wards
    report.figures = figures
    report.status, report.sent_on, report.sent_by = PeriodicReportStatus.SENT, sent_on, by
    report.save(update_fields=["figures", "status", "sent_on", "sent_by"])
    return report


@transaction.atomic
def periodic_report_receive(
    *, by: User | None, report: PeriodicReport, received_on: datetime.date, today: datetime.date | None = None
) -> PeriodicReport:
    """The office above records that it received the report."""
    report = PeriodicReport.objects.select_for_update().get(pk=report.pk)
    today = today or timezone.localdate()
    if report.status == PeriodicReportStatus.RECEIVED:
        raise ValidationError(
            _("Báo cáo đã được tiếp nhận ngày %(day)s.") % {"day": f"{report.received_on:%d/%m/%Y}"},
            code="received",
        )
    if report.status != PeriodicReportStatus.SENT or report.sent_on is None:
        raise ValidationError(_("Báo cáo chưa được gửi; chưa tiếp nhận được."), code="not_sent")
    problems = []
    if received_on < report.sent_on:
        problems.append(
            _("Ngày tiếp nhận (%(day)s) trước ngày gửi (%(sent)s).")
            % {"day": f"{received_on:%d/%m/%Y}", "sent": f"{report.sent_on:%d/%m/%Y}"}
        )
    if received_on > today:
        problems.append(
            _("Ngày tiếp nhận (%(day)s) không được sau ngày hôm nay (%(today)s).")
            % {"day": f"{received_on:%d/%m/%Y}", "today": f"{today:%d/%m/%Y}"}
        )
    if problems:
        raise ValidationError(problems, code="bad_date")
    report.status, report.received_on, report.received_by = PeriodicReportStatus.RECEIVED, received_on, by
    report.save(update_fields=["status", "received_on", "received_by"])
    return report


@transaction.atomic
def periodic_report_correct(*, by: User | None, report: PeriodicReport, reason: str) -> PeriodicReport:
    """A sent report is never changed: its correction is a new draft with the same sections,
    naming the version it replaces and why; it is sent again like the first."""
    report = PeriodicReport.objects.select_for_update().get(pk=report.pk)
    latest = _latest(report.division, report.year, report.period)
    if latest is None or latest.pk != report.pk:
        raise ValidationError(_("Chỉ đính chính được bản báo cáo mới nhất."), code="superseded")
    if report.is_draft:
        raise ValidationError(
            _("Báo cáo chưa gửi: sửa thẳng nội dung, không cần đính chính."), code="not_sent"
        )
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": [_("Ghi lý do đính chính.")]}, code="reason_required")
    return PeriodicReport.objects.create(
        division=report.division,
        year=report.year,
        period=report.period,
        version=report.version + 1,
        supersedes=report,
        correction_reason=reason,
        due_on=report.due_on,
        results=report.results,
        shortcomings=report.shortcomings,
        directions=report.directions,
        created_by=by,
    )
