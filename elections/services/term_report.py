"""The outgoing head's term report and the khu phố's finance statement, filed before the term
election's meeting (by the ward for the head, who holds no account), and the election team's
record that the meeting heard them with the objections raised.

A report or statement the meeting heard never changes: the statement's correction is a new
version naming the one it replaces and why; the report is then final."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import PurePath

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from elections import rules
from elections.models import (
    AgendaHearing,
    AgendaItem,
    Election,
    FinanceLine,
    FinanceStatement,
    Meeting,
    MeetingMode,
    TermReport,
)
from elections.selectors.term_report import finance_statement_of, has_agenda, is_final, is_heard


def _check_term_election(election: Election) -> None:
    if not has_agenda(election):
        raise ValidationError(
            _("Chỉ cuộc bầu cử nhiệm kỳ mới nghe báo cáo nhiệm kỳ và công khai thu, chi quỹ khu phố."),
            code="not_term",
        )


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


@transaction.atomic
def term_report_file(
    *,
    by: User | None,
    election: Election,
    head_name: str,
    text: str,
    filed_on: datetime.date,
    attachment: UploadedFile | None = None,
) -> TermReport:
    """File (or file again, until the meeting heard it) the outgoing head's term report: its
    text and an optional attachment (a new one replaces the old)."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    _check_term_election(election)
    report = TermReport.objects.filter(election=election).first()
    if is_heard(report):
        raise ValidationError(
            _("Báo cáo nhiệm kỳ đã được trình bày tại cuộc họp; không sửa được."), code="heard"
        )
    problems: dict[str, list[str]] = {}
    head_name, text = _clean(head_name), (text or "").strip()
    if not head_name:
        problems["head_name"] = [_("Ghi họ và tên Trưởng khu phố báo cáo.")]
    if not text:
        problems["text"] = [_("Ghi nội dung báo cáo nhiệm kỳ.")]
    if problems:
        raise ValidationError(problems, code="term_report_refused")
    if report is None:
        report = TermReport(election=election)
    report.head_name, report.text, report.filed_on, report.filed_by = head_name, text, filed_on, by
    if attachment is not None:
        suffix = PurePath(attachment.name or "").suffix.lower()
        report.attachment_name = (attachment.name or "")[:200]
        report.attachment.save(f"bao-cao-nhiem-ky-{election.pk}{suffix}", attachment, save=False)
    report.save()
    return report


@transaction.atomic
def finance_statement_file(
    *,
    by: User | None,
    election: Election,
    head_name: str,
    period_from: datetime.date,
    period_to: datetime.date,
    opening_balance: Decimal | int | None,
    lines: list[rules.FinanceFigure],
    income_total: Decimal | int | None,
    spending_total: Decimal | int | None,
    closing_balance: Decimal | int | None,
    filed_on: datetime.date,
    correction_reason: str = "",
) -> FinanceStatement:
    """File the statement of the khu phố's funds over the term. Figures that do not add up are
    refused, naming the line. Until the meeting heard it, filing again replaces it; afterwards
    filing makes a correction (version n+1) and needs its reason, and a correction is itself
    corrected only by a further version."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    _check_term_election(election)
    latest = finance_statement_of(election)
    heard = is_final(latest)
    reason = _clean(correction_reason)
    if heard and not reason:
        raise ValidationError(
            {
                "correction_reason": [
                    _(
                        "Báo cáo thu, chi đã được trình bày tại cuộc họp: không sửa được; muốn sửa, "
                        "lập bản đính chính và ghi lý do."
                    )
                ]
            },
            code="heard",
        )
    problems = rules.finance_statement_problems(
        period_from=period_from,
        period_to=period_to,
        opening=opening_balance,
        lines=lines,
        income_stated=income_total,
        spending_stated=spending_total,
        closing_stated=closing_balance,
    )
    if not lines:
        problems.insert(0, _("Báo cáo thu, chi phải có ít nhất một dòng thu hoặc chi."))
    head_name = _clean(head_name)
    if not head_name:
        problems.insert(0, _("Ghi họ và tên Trưởng khu phố báo cáo."))
    if problems:
        raise ValidationError(problems, code="finance_refused")
    figures = {
        "head_name": head_name,
        "period_from": period_from,
        "period_to": period_to,
        "opening_balance": int(Decimal(opening_balance or 0)),
        "income_total": int(Decimal(income_total or 0)),
        "spending_total": int(Decimal(spending_total or 0)),
        "closing_balance": int(Decimal(closing_balance or 0)),
        "filed_on": filed_on,
        "filed_by": by,
    }
    if latest is None or heard:
        statement = FinanceStatement.objects.create(
            election=election,
            version=latest.version + 1 if latest else 1,
            supersedes=latest if heard else None,
            correction_reason=reason if heard else "",
            **figures,
        )
    else:
        statement = latest
        for name, value in figures.items():
            setattr(statement, name, value)
        statement.save(update_fields=list(figures))
        for old in statement.lines.all():
            old.delete()  # one by one, so that the log keeps each line's removal
    for position, line in enumerate(lines, start=1):
        FinanceLine.objects.create(
            statement=statement,
            position=position,
            kind=line.kind,
            label=_clean(line.label),
            amount=int(Decimal(line.amount)),
        )
    return statement


@transaction.atomic
def agenda_hearing_record(
    *, by: User | None, meeting: Meeting, item: str, objections: str = ""
) -> AgendaHearing:
    """The election team records, during the meeting, that it heard the term report or the
    finance statement (the one filed now) and the objections raised (blank: none)."""
    meeting = Meeting.objects.select_for_update().select_related("election").get(pk=meeting.pk)
    election = meeting.election
    _check_term_election(election)
    if item not in AgendaItem.values:
        raise ValidationError(_("Nội dung không có trong chương trình cuộc họp."), code="unknown_item")
    if meeting.mode != MeetingMode.MEETING or meeting.cluster_id is not None:
        raise ValidationError(_("Chỉ ghi nhận tại cuộc họp của khu phố."), code="not_meeting")
    if meeting.closed_at is not None:
        raise ValidationError(_("Cuộc họp đã kết thúc; không ghi nhận thêm được."), code="closed")
    if AgendaHearing.objects.filter(meeting__election=election, item=item).exists():
        raise ValidationError(
            _("Đã ghi nhận nội dung “%(item)s” được trình bày.") % {"item": AgendaItem(item).label},
            code="already_heard",
        )
    report = TermReport.objects.filter(election=election).first() if item == AgendaItem.TERM_REPORT else None
    statement = finance_statement_of(election) if item == AgendaItem.FINANCES else None
    if report is None and statement is None:
        raise ValidationError(
            _("Chưa nộp “%(item)s”: phường nhập trước khi trình bày.") % {"item": AgendaItem(item).label},
            code="not_filed",
        )
    return AgendaHearing.objects.create(
        meeting=meeting,
        item=item,
        term_report=report,
        finance_statement=statement,
        objections=(objections or "").strip(),
        recorded_by=by,
    )
