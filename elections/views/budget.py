"""The election budget: on a ward plan's page the ward official enters the estimate by line and
later the settlement; the ward Front and the offices above read it, export it to .xlsx and see
its report; a district (or a province) sees its wards' budgets rolled up."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from elections import budget_documents
from elections.forms.budget import MIN_LINES, SPARE_LINES, CorrectionForm, EstimateForm, SettlementForm
from elections.models import PlanLevel
from elections.selectors import fetch
from elections.selectors.budget import ROLLUP_LEVELS, budget_lines, budget_of, budget_rollup
from elections.services import budget as services
from elections.views.contexts import request_document
from neighborhoods.selectors import get_division_for
from reporting.services import latest_document
from reporting.vietnamese import dong, file_name
from wardvote import access
from wardvote.forms import add_validation_errors
from wardvote.messages import message_form_errors, message_validation_errors
from wardvote.types import AuthenticatedHttpRequest

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _ward_plan(request: AuthenticatedHttpRequest, pk: int, capability: str = access.READ):
    plan = fetch.get_plan_for(request.user, pk, capability)
    if plan.level != PlanLevel.WARD:
        raise Http404
    return plan


def _grouped(amount: int) -> str:
    """An amount as the office types it back: "3.500.000"."""
    return dong(amount).removesuffix(" đồng")


def _estimate_form(budget, data=None) -> EstimateForm:
    lines = budget_lines(budget)
    initial = {"estimated_on": budget.estimated_on if budget else timezone.localdate()}
    for n, line in enumerate(lines, start=1):
        amount = _grouped(line.estimate)
        initial |= {f"item_{n}": line.item, f"label_{n}": line.label, f"estimate_{n}": amount}
    rows = max(MIN_LINES, len(lines) + SPARE_LINES)
    return EstimateForm(data, rows=rows, initial=initial)


def _xlsx(content: bytes, title: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{file_name(title, "xlsx")}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def budget_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _ward_plan(request, pk)
    can_manage = access.can(request.user, access.MANAGE_ELECTIONS, plan.division)
    budget = budget_of(plan)
    estimate_form = _estimate_form(budget, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not can_manage:
            raise Http404
        if estimate_form.is_valid():
            try:
                services.budget_estimate(by=request.user, plan=plan, **estimate_form.service_kwargs())
            except ValidationError as error:
                add_validation_errors(estimate_form, error)
            else:
                messages.success(request, _("Đã lưu dự toán kinh phí."))
                return redirect("elections:budget_page", pk=plan.pk)
    lines = budget_lines(budget)
    settle_form = None
    if can_manage and budget is not None and not budget.settled:
        spent = {f"spent_{line.pk}": _grouped(line.estimate) for line in lines}
        settle_form = SettlementForm(
            lines=lines,
            initial={"settled_on": timezone.localdate(), **spent},
        )
    return _render(request, plan, budget, lines, can_manage, estimate_form, settle_form)


def _render(request, plan, budget, lines, can_manage, estimate_form, settle_form) -> HttpResponse:
    return render(
        request,
        "elections/budget.html",
        {
            "plan": plan,
            "budget": budget,
            "lines": lines,
            "can_manage": can_manage,
            "estimate_form": estimate_form if can_manage and (budget is None or not budget.settled) else None,
            "settle_form": settle_form,
            "correction_form": CorrectionForm(initial={"on": timezone.localdate()})
            if can_manage and budget is not None and budget.settled
            else None,
            "document": latest_document(kind=budget_documents.BUDGET_REPORT, source=budget)
            if budget
            else None,
        },
    )


@login_required
@require_POST
def budget_settle(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _ward_plan(request, pk, access.MANAGE_ELECTIONS)
    budget = budget_of(plan)
    if budget is None:
        raise Http404
    lines = budget_lines(budget)
    form = SettlementForm(request.POST, lines=lines)
    if form.is_valid():
        try:
            services.budget_settle(by=request.user, budget=budget, **form.service_kwargs())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Đã quyết toán kinh phí."))
            return redirect("elections:budget_page", pk=plan.pk)
    budget.refresh_from_db()
    return _render(request, plan, budget, budget_lines(budget), True, _estimate_form(budget), form)


@login_required
@require_POST
def budget_correct(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _ward_plan(request, pk, access.MANAGE_ELECTIONS)
    budget = budget_of(plan)
    if budget is None:
        raise Http404
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        message_form_errors(request, form)
        return redirect("elections:budget_page", pk=plan.pk)
    try:
        services.budget_correct(by=request.user, budget=budget, **form.service_kwargs())
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, _("Đã lập bản đính chính: sửa dự toán nếu cần rồi quyết toán lại."))
    return redirect("elections:budget_page", pk=plan.pk)


@login_required
@require_GET
def budget_export(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _ward_plan(request, pk)
    budget = budget_of(plan)
    if budget is None:
        raise Http404
    return _xlsx(budget_documents.budget_workbook(budget), budget_documents.budget_report_title(budget))


@login_required
@require_POST
def budget_document(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _ward_plan(request, pk, access.MANAGE_ELECTIONS)
    budget = budget_of(plan)
    if budget is None:
        raise Http404
    request_document(request, budget_documents.BUDGET_REPORT, budget)
    return redirect("elections:budget_page", pk=plan.pk)


def _rollup(request: AuthenticatedHttpRequest, pk: int):
    division = get_division_for(request.user, pk, levels=ROLLUP_LEVELS)
    term = request.GET.get("nhiem_ky", "")
    return budget_rollup(division, int(term) if term.isdigit() else None)


@login_required
@require_GET
def budget_rollup_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return render(request, "elections/budget_rollup.html", {"rollup": _rollup(request, pk)})


@login_required
@require_GET
def budget_rollup_export(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rollup = _rollup(request, pk)
    title = _("Kinh phí bầu cử %(division)s") % {"division": rollup.division.name}
    return _xlsx(budget_documents.rollup_workbook(rollup), title)
