"""Dashboards of any division the user may read, their JSON twin, and the report exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from neighborhoods.selectors import get_division_by_code_for, get_division_for, readable_ancestors
from reporting import charts, queue, statistics
from reporting import progress as rollup
from reporting.exports import export_request, export_retry
from reporting.forms import ExportForm
from reporting.meeting_day import meeting_day_curves
from reporting.models import DocumentStatus, ExportFormat, ReportExport
from reporting.selectors import completion_points, get_report_export_for, recent_exports
from reporting.vietnamese import file_name
from reporting.views import after_retry
from wardvote import access
from wardvote.messages import validation_error_text
from wardvote.once import one_submission
from wardvote.replica import reads_from_replica
from wardvote.types import AuthenticatedHttpRequest


@login_required
@require_GET
def dashboard_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The dashboard of the user's highest division."""
    assignment = access.primary_assignment(request.user)
    if assignment is None:
        raise Http404
    return dashboard(request, assignment.division_id)


# The term a dashboard shows, by the year it starts (?nhiem-ky=2024); none: the current one.
CAMPAIGN_PARAMETER = "nhiem-ky"


def chosen_campaign(request: AuthenticatedHttpRequest, terms: list[tuple[int, int]]) -> int | None:
    """The starting year of the term asked for, None for the current campaign; a year without a
    term is a ValidationError."""
    value = request.GET.get(CAMPAIGN_PARAMETER, "").strip()
    if not value:
        return None
    if value.isascii() and value.isdigit() and int(value) in {start for start, _end in terms}:
        return int(value)
    raise ValidationError(
        _("Không có nhiệm kỳ bắt đầu năm “%(year)s”.") % {"year": value[:20]}, code="unknown_campaign"
    )


@login_required
@require_GET
def dashboard(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    division = get_division_for(request.user, pk)
    today = timezone.localdate()
    with reads_from_replica():
        terms = rollup.campaign_terms(division)
        try:
            campaign = chosen_campaign(request, terms)
        except ValidationError as error:
            messages.error(request, f"{validation_error_text(error)} " + _("Đang xem nhiệm kỳ hiện tại."))
            campaign = None
        figures = rollup.progress(division, today, campaign=campaign)
        history = completion_points(division)
        meeting_day = meeting_day_curves(division, today)
    return render(
        request,
        "reporting/dashboard.html",
        {
            "division": division,
            "ancestors": readable_ancestors(request.user, division),
            "figures": figures,
            "stages": [(stage, label, charts.STAGE_COLOURS[stage]) for stage, label in rollup.Stage.choices],
            "stages_chart": charts.stages_stacked_bar(figures.rows, _("Giai đoạn của các cuộc bầu cử")),
            "turnout_chart": charts.turnout_histogram(
                figures.turnout_histogram, _("Phân bố tỷ lệ hộ tham gia")
            ),
            "completion_chart": charts.completion_over_time(
                history, figures.deadline, _("Tỷ lệ hoàn thành theo ngày")
            ),
            "drills_down": division.level != "neighborhood",
            "terms": terms,
            "campaign_query": f"?{CAMPAIGN_PARAMETER}={campaign}" if campaign else "",
            "meeting_day": meeting_day,
            "exports": recent_exports(division),
            "export_form": ExportForm(),
        },
    )


@login_required
@require_GET
def statistics_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Statistics of the elected, by child division: the tables upper levels ask for."""
    division = get_division_for(request.user, pk)
    today = timezone.localdate()
    with reads_from_replica():
        names = statistics.child_names(division, set())
        tables = statistics.all_tables(division, today, names)
    return render(
        request,
        "reporting/statistics.html",
        {
            "division": division,
            "ancestors": readable_ancestors(request.user, division),
            "today": today,
            "tables": tables,
        },
    )


@login_required
@require_GET
def progress_json(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The dashboard's figures for other systems: same numbers, same access rules."""
    division = get_division_by_code_for(request.user, code, request.GET.get("map"))
    with reads_from_replica():
        try:
            campaign = (
                chosen_campaign(request, rollup.campaign_terms(division))
                if request.GET.get(CAMPAIGN_PARAMETER)
                else None
            )
        except ValidationError as error:
            return JsonResponse(
                {"error": validation_error_text(error)}, status=400, json_dumps_params={"ensure_ascii": False}
            )
        figures = rollup.progress(division, timezone.localdate(), campaign=campaign)
    return JsonResponse(figures.as_dict(), json_dumps_params={"ensure_ascii": False})


@login_required
@require_POST
@one_submission
def export_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Queue one report build; a double-click or a resent request lands on the first one's status."""
    division = get_division_for(request.user, pk)
    form = ExportForm(request.POST)
    if not form.is_valid():
        if "format" in form.errors:
            raise Http404
        # A missing, forged or day-old token: the dashboard again, with a fresh one.
        for error in form.non_field_errors():
            messages.error(request, str(error))
        return redirect("reporting:dashboard", pk=division.pk)
    export = export_request(division=division, fmt=form.cleaned_data["format"], user=request.user)
    # The task is sent once the one-time token's transaction commits; only then is it known
    # whether the broker took it (this callback runs after the one that sends it).
    transaction.on_commit(lambda: _say_whether_queued(request, export))
    return redirect("reporting:dashboard", pk=division.pk)


def _say_whether_queued(request: AuthenticatedHttpRequest, export: ReportExport) -> None:
    if export.queued is False:
        messages.warning(request, queue.QUEUE_DOWN)
    else:
        messages.info(request, _("Đang lập báo cáo; thanh tiến độ cho biết khi nào xong."))


@login_required
@require_GET
def export_status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """htmx: the progress bar, polled until the report is ready."""
    return render(
        request, "reporting/partials/export_status.html", {"export": get_report_export_for(request.user, pk)}
    )


@login_required
@require_POST
def export_retry_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """On "Thử lại": build again a report that failed or never reached a worker."""
    export = export_retry(export=get_report_export_for(request.user, pk))
    return after_retry(request, export, "reporting/partials/export_status.html", "export")


@login_required
@require_GET
def export_download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    export = get_report_export_for(request.user, pk)
    if export.status != DocumentStatus.READY:
        raise Http404
    content_type = (
        "application/pdf"
        if export.format == ExportFormat.PDF
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = file_name(f"Báo cáo tiến độ {export.division.name} {export.created_at:%d-%m-%Y}", export.format)
    return FileResponse(export.file.open("rb"), content_type=content_type, as_attachment=True, filename=name)
