"""The ward's pages for a khu phố's plan to meet by residential cluster (cụm dân cư):
draw it up, record the Front committee's agreement, put households in clusters, approve."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Max, Min
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from elections.forms import clusters as forms
from elections.models import ClusterPlan
from elections.selectors import fetch
from elections.selectors.clusters import cluster_plan_of, clusters_of, plan_problems, unassigned_households
from elections.selectors.meeting import household_total
from elections.selectors.plans import record_closed
from elections.services import clusters as services
from wardvote import access
from wardvote.messages import message_form_errors, message_validation_errors
from wardvote.types import AuthenticatedHttpRequest

UNASSIGNED_SHOWN = 50


def _to_plan(plan: ClusterPlan):
    return redirect("elections:cluster_plan", pk=plan.election_id)


@login_required
@require_http_methods(["GET", "POST"])
def cluster_plan(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The plan of one khu phố's election: its clusters, their households, what it lacks."""
    election = fetch.get_election_for(request.user, pk)
    can_manage = access.can(request.user, access.MANAGE_ELECTIONS, election.neighborhood)
    if request.method == "POST":
        if not can_manage:
            raise Http404
        form = forms.ClusterPlanForm(request.POST)
        if form.is_valid():
            try:
                services.cluster_plan_create(by=request.user, election=election, **form.service_kwargs())
            except ValidationError as error:
                message_validation_errors(request, error)
            else:
                messages.success(request, _("Đã lập phương án họp theo cụm dân cư."))
        else:
            message_form_errors(request, form)
        return redirect("elections:cluster_plan", pk=election.pk)
    plan = cluster_plan_of(election)
    context: dict[str, object] = {
        "election": election,
        "plan": plan,
        "can_manage": can_manage,
        "household_total": household_total(election),
        "closed": record_closed(election),
    }
    if plan is None:
        context["plan_form"] = forms.ClusterPlanForm()
    else:
        clusters = clusters_of(plan)
        ranges = {
            row["cluster"]: row
            for row in plan.memberships.values("cluster").annotate(
                first=Min("household__code"), last=Max("household__code")
            )
        }
        unassigned = unassigned_households(plan).order_by("code")
        context.update(
            {
                "clusters": [
                    (c, ranges.get(c.pk), forms.ClusterUpdateForm(prefix=f"c{c.pk}", initial=_initial(c)))
                    for c in clusters
                ],
                "unassigned_count": unassigned.count(),
                "unassigned_codes": list(unassigned.values_list("code", flat=True)[:UNASSIGNED_SHOWN]),
                "problems": plan_problems(plan),
                "cluster_form": forms.ClusterForm(prefix="new"),
                "assign_form": forms.AssignForm(prefix="assign", clusters=clusters),
                "front_form": forms.FrontAgreementForm(
                    prefix="front",
                    initial={"agreed_on": plan.front_agreed_on, "agreed_with": plan.front_agreed_with},
                ),
                "approve_form": forms.ApproveForm(prefix="approve"),
            }
        )
    return render(request, "elections/cluster_plan.html", context)


def _initial(cluster) -> dict:
    return {name: getattr(cluster, name) for name in services.CLUSTER_FIELDS}


def _plan_action(
    request: AuthenticatedHttpRequest,
    plan: ClusterPlan,
    form,
    call: Callable[..., object],
    success: str,
) -> HttpResponse:
    """Bind, call one service, tell the outcome, back to the plan's page."""
    if not form.is_valid():
        message_form_errors(request, form)
        return _to_plan(plan)
    try:
        call(form)
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, success)
    return _to_plan(plan)


@login_required
@require_POST
def cluster_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = fetch.get_cluster_plan_for(request.user, pk, access.MANAGE_ELECTIONS)
    form = forms.ClusterForm(request.POST, prefix="new")
    return _plan_action(
        request,
        plan,
        form,
        lambda f: services.cluster_add(by=request.user, plan=plan, **f.service_kwargs()),
        _("Đã thêm cụm dân cư."),
    )


@login_required
@require_POST
def cluster_update(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cluster = fetch.get_cluster_for(request.user, pk, access.MANAGE_ELECTIONS)
    form = forms.ClusterUpdateForm(request.POST, prefix=f"c{cluster.pk}")
    return _plan_action(
        request,
        cluster.plan,
        form,
        lambda f: services.cluster_update(by=request.user, cluster=cluster, **f.service_kwargs()),
        _("Đã cập nhật cụm dân cư."),
    )


@login_required
@require_POST
def cluster_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cluster = fetch.get_cluster_for(request.user, pk, access.MANAGE_ELECTIONS)
    try:
        services.cluster_remove(by=request.user, cluster=cluster)
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, _("Đã bỏ %(name)s khỏi phương án.") % {"name": cluster.name})
    return _to_plan(cluster.plan)


@login_required
@require_POST
def cluster_assign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = fetch.get_cluster_plan_for(request.user, pk, access.MANAGE_ELECTIONS)
    form = forms.AssignForm(request.POST, prefix="assign", clusters=plan.clusters.all())
    if not form.is_valid():
        message_form_errors(request, form)
        return _to_plan(plan)
    cluster = plan.clusters.get(pk=form.cleaned_data["cluster"])  # a valid choice is one of the plan's
    try:
        moved = services.households_assign(by=request.user, cluster=cluster, **form.service_kwargs())
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(
            request, _("Đã đưa %(count)s hộ vào %(cluster)s.") % {"count": moved, "cluster": cluster.name}
        )
    return _to_plan(plan)


@login_required
@require_POST
def cluster_front_agreement(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = fetch.get_cluster_plan_for(request.user, pk, access.MANAGE_ELECTIONS)
    form = forms.FrontAgreementForm(request.POST, prefix="front")
    return _plan_action(
        request,
        plan,
        form,
        lambda f: services.front_agreement_record(by=request.user, plan=plan, **f.service_kwargs()),
        _("Đã ghi nhận việc thống nhất với Ban công tác Mặt trận khu phố."),
    )


@login_required
@require_POST
def cluster_plan_approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = fetch.get_cluster_plan_for(request.user, pk, access.MANAGE_ELECTIONS)
    form = forms.ApproveForm(request.POST, prefix="approve")
    return _plan_action(
        request,
        plan,
        form,
        lambda f: services.cluster_plan_approve(by=request.user, plan=plan, **f.service_kwargs()),
        _("Phường đã phê duyệt phương án họp theo cụm dân cư."),
    )


@login_required
@require_POST
def cluster_plan_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = fetch.get_cluster_plan_for(request.user, pk, access.MANAGE_ELECTIONS)
    try:
        services.cluster_plan_withdraw(by=request.user, plan=plan)
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, _("Đã hủy phê duyệt: phương án có thể sửa lại."))
    return _to_plan(plan)
