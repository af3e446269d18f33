"""The periodic grassroots-democracy reports (issue 15): a ward's page of reports by period (its
official prepares, writes, sends), a report's page, and a district's page (its wards by period,
on time or not, received or not; its own report over them). Whoever reads a division reads its
reports; each level acts on its own; the level above receives."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from neighborhoods.models import Level, subtree_q
from neighborhoods.selectors import get_division_for
from reporting import periodic, periodic_documents, queue
from reporting import periodic_services as services
from reporting.models import PeriodicReport, PeriodicReportStatus
from reporting.periodic_forms import CorrectionForm, PrepareForm, ReceiveForm, SectionsForm, SendForm
from reporting.services import document_request, latest_document
from reporting.vietnamese import file_name
from wardvote.forms import add_validation_errors
from wardvote.messages import message_form_errors, message_validation_errors
from wardvote.types import AuthenticatedHttpRequest

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LEVELS = (Level.WARD, Level.DISTRICT, Level.PROVINCE)


def _year(request: AuthenticatedHttpRequest, division) -> int:
    """The year asked for (``?nam=``), else the latest with a report here or below, else this year."""
    asked = request.GET.get("nam", "")
    if asked.isdigit() and 2000 <= int(asked) <= 2100:
        return int(asked)
    latest = PeriodicReport.objects.filter(subtree_q(division, "division__path")).aggregate(year=Max("year"))
    return latest["year"] or timezone.localdate().year


@login_required
@require_GET
def periodic_reports(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    division = get_division_for(request.user, pk, levels=LEVELS)
    if not periodic.reports_upward(division):
        raise Http404  # a province of the 2024 map: its districts sum the wards' reports
    today, year = timezone.localdate(), _year(request, division)
    can_act = periodic.acts_for(request.user, division)
    context = {
        "division": division,
        "year": year,
        "years": range(year - 2, year + 2),
        "own": periodic.ward_reports(division, year, today),
        "can_act": can_act,
        "prepare_form": PrepareForm(initial={"year": year}) if can_act else None,
        "is_ward": division.level == Level.WARD,
        "labels": periodic.TIMELINESS_LABELS,
    }
    if division.level != Level.WARD:
        context["table"] = periodic.district_year(division, year, today)
        context["receive_form"] = ReceiveForm(initial={"received_on": today}) if can_act else None
    return render(request, "reporting/periodic_reports.html", context)


@login_required
@require_POST
def periodic_report_prepare(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    division = get_division_for(request.user, pk, levels=LEVELS)
    if not periodic.acts_for(request.user, division):
        raise Http404
    form = PrepareForm(request.POST)
    if not form.is_valid():
        message_form_errors(request, form)
        return redirect("reporting:periodic_reports", pk=division.pk)
    try:
        report = services.periodic_report_prepare(by=request.user, division=division, **form.cleaned_data)
    except ValidationError as error:
        message_validation_errors(request, error)
        return redirect("reporting:periodic_reports", pk=division.pk)
    return redirect("reporting:periodic_report_detail", pk=report.pk)


def _detail(request, report: PeriodicReport, sections_form=None) -> HttpResponse:
    today = timezone.localdate()
    can_act = periodic.acts_for(request.user, report.division)
    versions = periodic.versions_of(report)
    latest = versions[-1] if versions else report
    figures, wards = periodic.report_figures(report, today)
    draft = report.is_draft
    return render(
        request,
        "reporting/periodic_report.html",
        {
            "report": report,
            "period": periodic.period_of(report),
            "is_ward": report.division.level == Level.WARD,
            "lines": periodic.figure_lines(figures),
            "wards": [{**w, "label": periodic.timeliness_label(w["timeliness"])} for w in wards],
            "versions": versions,
            "latest": latest,
            "can_act": can_act,
            "sections_form": (sections_form or SectionsForm(initial=_sections(report)))
            if can_act and draft
            else None,
            "send_form": SendForm(initial={"sent_on": today}) if can_act and draft else None,
            "receive_form": ReceiveForm(initial={"received_on": today})
            if report.status == PeriodicReportStatus.SENT and periodic.receives_for(request.user, report)
            else None,
            "correction_form": CorrectionForm() if can_act and not draft and latest.pk == report.pk else None,
            "document": latest_document(kind=periodic_documents.document_kind(report), source=report),
        },
    )


def _sections(report: PeriodicReport) -> dict:
    return {key: getattr(report, key) for key in services.SECTIONS}


@login_required
@require_http_methods(["GET", "POST"])
def periodic_report_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = periodic.get_periodic_report_for(request.user, pk)
    if request.method != "POST":
        return _detail(request, report)
    if not periodic.acts_for(request.user, report.division):
        raise Http404
    form = SectionsForm(request.POST)
    if form.is_valid():
        try:
            services.periodic_report_write(by=request.user, report=report, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Đã lưu nội dung báo cáo."))
            return redirect("reporting:periodic_report_detail", pk=report.pk)
    return _detail(request, report, form)


@login_required
@require_POST
def periodic_report_send(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = periodic.get_periodic_report_for(request.user, pk)
    if not periodic.acts_for(request.user, report.division):
        raise Http404
    form = SendForm(request.POST)
    if not form.is_valid():
        message_form_errors(request, form)
    else:
        try:
            services.periodic_report_send(by=request.user, report=report, **form.cleaned_data)
        except ValidationError as error:
            message_validation_errors(request, error)
        else:
            messages.success(request, _("Đã gửi báo cáo lên cấp trên."))
    return redirect("reporting:periodic_report_detail", pk=report.pk)


@login_required
@require_POST
def periodic_report_receive(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = periodic.get_periodic_report_for(request.user, pk)
    if not periodic.receives_for(request.user, report):
        raise Http404
    form = ReceiveForm(request.POST)
    if not form.is_valid():
        message_form_errors(request, form)
    else:
        try:
            services.periodic_report_receive(by=request.user, report=report, **form.cleaned_data)
        except ValidationError as error:
            message_validation_errors(request, error)
        else:
            messages.success(
                request, _("Đã tiếp nhận báo cáo của %(division)s.") % {"division": report.division.name}
            )
    if request.POST.get("back") == "district" and report.division.parent_id:
        return redirect(f"{_reports_url(report.division.parent_id)}?nam={report.year}")
    return redirect("reporting:periodic_report_detail", pk=report.pk)


def _reports_url(pk: int) -> str:
    return reverse("reporting:periodic_reports", kwargs={"pk": pk})


@login_required
@require_POST
def periodic_report_correct(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = periodic.get_periodic_report_for(request.user, pk)
    if not periodic.acts_for(request.user, report.division):
        raise Http404
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        message_form_errors(request, form)
        return redirect("reporting:periodic_report_detail", pk=report.pk)
    try:
        correction = services.periodic_report_correct(by=request.user, report=report, **form.cleaned_data)
    except ValidationError as error:
        message_validation_errors(request, error)
        return redirect("reporting:periodic_report_detail", pk=report.pk)
    messages.success(request, _("Đã lập bản đính chính: sửa nội dung rồi gửi lại."))
    return redirect("reporting:periodic_report_detail", pk=correction.pk)


@login_required
@require_GET
def periodic_report_export(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = periodic.get_periodic_report_for(request.user, pk)
    response = HttpResponse(periodic_documents.report_workbook(report), content_type=XLSX)
    name = file_name(periodic_documents.report_title(report), "xlsx")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def periodic_report_document(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = periodic.get_periodic_report_for(request.user, pk)
    if not periodic.acts_for(request.user, report.division):
        raise Http404
    document = document_request(
        kind=periodic_documents.document_kind(report), source=report, user=request.user
    )
    if document.queued is False:
        messages.warning(request, queue.QUEUE_DOWN)
    else:
        messages.info(request, _("Đang tạo văn bản: %(title)s.") % {"title": document.title})
    return redirect("reporting:periodic_report_detail", pk=report.pk)
