"""The outgoing head's term report and the khu phố's finance statement: the ward official files
them for the head on the election's page "Báo cáo nhiệm kỳ, thu chi quỹ"; whoever reads the khu
phố reads them and their papers; the election team records on the meeting page that the
meeting heard them, with the objections raised."""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from elections import term_report_documents
from elections.forms.term_report import (
    MIN_LINES,
    SPARE_LINES,
    FinanceStatementForm,
    HearingForm,
    TermReportForm,
)
from elections.selectors import fetch
from elections.selectors.tenures import serving_head
from elections.selectors.term_report import (
    finance_lines,
    finance_statement_of,
    has_agenda,
    hearing_sitting,
    is_final,
    is_heard,
    split_lines,
    term_report_of,
)
from elections.services import term_report as services
from elections.views.contexts import request_document
from reporting.services import latest_document
from reporting.vietnamese import dong, file_name
from wardvote import access
from wardvote.forms import add_validation_errors
from wardvote.messages import message_form_errors, message_validation_errors
from wardvote.types import AuthenticatedHttpRequest


def _term_election(request: AuthenticatedHttpRequest, pk: int, capability: str = access.READ):
    election = fetch.get_election_for(request.user, pk, capability)
    if not has_agenda(election):
        raise Http404
    return election


def _grouped(amount: int) -> str:
    return dong(amount).removesuffix(" đồng")


def _head_name(election) -> str:
    head = serving_head(election.neighborhood)
    return head.full_name if head else ""


def _report_form(election, report, data=None, files=None) -> TermReportForm:
    initial = {"head_name": _head_name(election), "filed_on": timezone.localdate()}
    if report is not None:
        initial |= {"head_name": report.head_name, "text": report.text, "filed_on": report.filed_on}
    return TermReportForm(data, files, initial=initial, prefix="report")


def _statement_form(election, statement, data=None) -> FinanceStatementForm:
    lines = finance_lines(statement)
    initial: dict[str, object] = {"head_name": _head_name(election), "filed_on": timezone.localdate()}
    if statement is not None:
        initial |= {
            "head_name": statement.head_name,
            "period_from": statement.period_from,
            "period_to": statement.period_to,
            "opening_balance": _grouped(statement.opening_balance),
            "income_total": _grouped(statement.income_total),
            "spending_total": _grouped(statement.spending_total),
            "closing_balance": _grouped(statement.closing_balance),
            "filed_on": statement.filed_on,
        }
    for n, line in enumerate(lines, start=1):
        initial |= {f"kind_{n}": line.kind, f"label_{n}": line.label, f"amount_{n}": _grouped(line.amount)}
    rows = max(MIN_LINES, len(lines) + SPARE_LINES)
    if data is not None:
        rows = max(rows, *(int(k.split("_")[-1]) for k in data if k.startswith("finance-kind_")), 0)
    return FinanceStatementForm(data, rows=rows, initial=initial, prefix="finance")


def _render(request, election, report_form=None, statement_form=None) -> HttpResponse:
    can_manage = access.can(request.user, access.MANAGE_ELECTIONS, election.neighborhood)
    report, statement = term_report_of(election), finance_statement_of(election)
    income, spending = split_lines(finance_lines(statement))
    report_heard, statement_heard = is_heard(report), is_heard(statement)
    statement_final = is_final(statement)
    if can_manage and report_form is None and not report_heard:
        report_form = _report_form(election, report)
    if can_manage and statement_form is None:
        statement_form = _statement_form(election, statement)
    return render(
        request,
        "elections/term_report.html",
        {
            "election": election,
            "can_manage": can_manage,
            "report": report,
            "report_heard": report_heard,
            "statement": statement,
            "statement_heard": statement_heard,
            "statement_final": statement_final,
            "income": income,
            "spending": spending,
            "report_form": report_form if can_manage and not report_heard else None,
            "statement_form": statement_form if can_manage else None,
            "report_document": latest_document(kind=term_report_documents.TERM_REPORT, source=report)
            if report
            else None,
            "statement_document": latest_document(
                kind=term_report_documents.FINANCE_STATEMENT, source=statement
            )
            if statement
            else None,
        },
    )


@login_required
@require_GET
def term_report_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _render(request, _term_election(request, pk))


@login_required
@require_POST
def term_report_file(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    election = _term_election(request, pk, access.MANAGE_ELECTIONS)
    form = _report_form(election, term_report_of(election), request.POST, request.FILES)
    if form.is_valid():
        try:
            services.term_report_file(by=request.user, election=election, **form.service_kwargs())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Đã lưu báo cáo nhiệm kỳ."))
            return redirect("elections:term_report_page", pk=election.pk)
    return _render(request, election, report_form=form)


@login_required
@require_POST
def finance_statement_file(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    election = _term_election(request, pk, access.MANAGE_ELECTIONS)
    form = _statement_form(election, finance_statement_of(election), request.POST)
    if form.is_valid():
        try:
            services.finance_statement_file(by=request.user, election=election, **form.service_kwargs())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Đã lưu báo cáo thu, chi quỹ khu phố."))
            return redirect("elections:term_report_page", pk=election.pk)
    return _render(request, election, statement_form=form)


@login_required
@require_GET
def term_report_attachment(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    report = term_report_of(_term_election(request, pk))
    if report is None or not report.attachment:
        raise Http404
    name = PurePath(report.attachment_name or report.attachment.name or "")
    download = file_name(name.stem, name.suffix.lstrip(".").lower() or "bin")
    return FileResponse(report.attachment.open("rb"), as_attachment=True, filename=download)


@login_required
@require_POST
def term_report_document(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    election = _term_election(request, pk, access.MANAGE_ELECTIONS)
    report = term_report_of(election)
    if report is None:
        raise Http404
    request_document(request, term_report_documents.TERM_REPORT, report)
    return redirect("elections:term_report_page", pk=election.pk)


@login_required
@require_POST
def finance_statement_document(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    election = _term_election(request, pk, access.MANAGE_ELECTIONS)
    statement = finance_statement_of(election)
    if statement is None:
        raise Http404
    request_document(request, term_report_documents.FINANCE_STATEMENT, statement)
    return redirect("elections:term_report_page", pk=election.pk)


@login_required
@require_POST
def agenda_hearing_record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The team's button on the meeting page: the meeting heard this item; the objections."""
    election = _term_election(request, pk, access.RUN_MEETING)
    meeting = hearing_sitting(election)
    if meeting is None:
        raise Http404
    form = HearingForm(request.POST)
    if not form.is_valid():
        message_form_errors(request, form)
        return redirect("elections:meeting_page", pk=election.pk)
    try:
        services.agenda_hearing_record(by=request.user, meeting=meeting, **form.service_kwargs())
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, _("Đã ghi nhận nội dung đã trình bày tại cuộc họp."))
    return redirect("elections:meeting_page", pk=election.pk)
