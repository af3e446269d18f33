"""Commendations after the campaign: the ward's office drafts the list of collectives and
individuals with their achievements, proposes it, and records the chairman's decision of his
Giấy khen, whose ND30 paper is drafted and then issued through ``reporting:document_issue``;
the higher forms are proposed to the district. Everyone who reads the ward reads the lists."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from elections import rules
from elections.commendation_documents import COMMENDATION_DECISION
from elections.forms import commendations as forms
from elections.models import CommendationStatus, PlanLevel
from elections.selectors import fetch
from elections.selectors.commendations import commendations_of
from elections.services import commendations as services
from elections.views.contexts import request_document
from reporting.services import latest_document
from wardvote import access
from wardvote.messages import message_form_errors, message_validation_errors
from wardvote.once import one_submission
from wardvote.types import AuthenticatedHttpRequest


def _to_list(pk: int):
    return redirect("elections:commendation_detail", pk=pk)


@login_required
@require_GET
def commendation_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = fetch.get_plan_for(request.user, pk)
    can_manage = plan.level == PlanLevel.WARD and access.can(
        request.user, access.MANAGE_ELECTIONS, plan.division
    )
    return render(
        request,
        "elections/commendations/list.html",
        {
            "plan": plan,
            "commendations": commendations_of(plan),
            "can_manage": can_manage,
            "create_form": forms.CommendationCreateForm() if can_manage else None,
        },
    )


@login_required
@require_POST
@one_submission
def commendation_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = fetch.get_plan_for(request.user, pk, access.MANAGE_ELECTIONS)
    form = forms.CommendationCreateForm(request.POST)
    if not form.is_valid():
        message_form_errors(request, form)
        return redirect("elections:commendation_list", pk=plan.pk)
    try:
        commendation = services.commendation_create(by=request.user, plan=plan, **form.service_kwargs())
    except ValidationError as error:
        message_validation_errors(request, error)
        return redirect("elections:commendation_list", pk=plan.pk)
    messages.success(request, _("Đã lập danh sách khen thưởng."))
    return _to_list(commendation.pk)


@login_required
@require_GET
def commendation_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    commendation = fetch.get_commendation_for(request.user, pk)
    can_manage = access.can(request.user, access.MANAGE_ELECTIONS, commendation.ward)
    draft = commendation.status == CommendationStatus.DRAFT
    decidable = commendation.status == CommendationStatus.PROPOSED and rules.ward_decides_commendation(
        commendation.form
    )
    today = timezone.localdate()
    return render(
        request,
        "elections/commendations/detail.html",
        {
            "commendation": commendation,
            "plan": commendation.plan,
            "commendees": commendation.commendees.all(),
            "can_manage": can_manage,
            "ward_decides": rules.ward_decides_commendation(commendation.form),
            "corrected_by": commendation.superseded_by.first(),
            "add_form": forms.CommendeeForm() if can_manage and draft else None,
            "propose_form": forms.CommendationProposeForm(initial={"proposed_on": today})
            if can_manage and draft
            else None,
            "decide_form": forms.CommendationDecideForm(initial={"decided_on": today})
            if can_manage and decidable
            else None,
            "correct_form": forms.CommendationCorrectForm()
            if can_manage and not draft and not commendation.superseded_by.exists()
            else None,
            "document": latest_document(kind=COMMENDATION_DECISION, source=commendation)
            if commendation.status == CommendationStatus.DECIDED
            else None,
        },
    )


@login_required
@require_POST
def commendee_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    commendation = fetch.get_commendation_for(request.user, pk, access.MANAGE_ELECTIONS)
    form = forms.CommendeeForm(request.POST)
    if not form.is_valid():
        message_form_errors(request, form)
        return _to_list(commendation.pk)
    try:
        services.commendee_add(by=request.user, commendation=commendation, **form.service_kwargs())
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, _("Đã thêm vào danh sách: %(name)s.") % {"name": form.cleaned_data["name"]})
    return _to_list(commendation.pk)


@login_required
@require_POST
def commendee_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    commendee = fetch.get_commendee_for(request.user, pk, access.MANAGE_ELECTIONS)
    try:
        services.commendee_remove(by=request.user, commendee=commendee)
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, _("Đã bỏ khỏi danh sách: %(name)s.") % {"name": commendee.name})
    return _to_list(commendee.commendation_id)


@login_required
@require_POST
def commendation_propose(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    commendation = fetch.get_commendation_for(request.user, pk, access.MANAGE_ELECTIONS)
    form = forms.CommendationProposeForm(request.POST)
    if not form.is_valid():
        message_form_errors(request, form)
        return _to_list(commendation.pk)
    try:
        services.commendation_propose(by=request.user, commendation=commendation, **form.service_kwargs())
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, _("Đã đề nghị khen thưởng."))
    return _to_list(commendation.pk)


@login_required
@require_POST
def commendation_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    commendation = fetch.get_commendation_for(request.user, pk, access.MANAGE_ELECTIONS)
    form = forms.CommendationDecideForm(request.POST)
    if not form.is_valid():
        message_form_errors(request, form)
        return _to_list(commendation.pk)
    try:
        commendation = services.commendation_decide(
            by=request.user, commendation=commendation, **form.service_kwargs()
        )
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, _("Đã ghi quyết định khen thưởng."))
        request_document(request, COMMENDATION_DECISION, commendation)
    return _to_list(commendation.pk)


@login_required
@require_POST
def commendation_document(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    commendation = fetch.get_commendation_for(request.user, pk, access.MANAGE_ELECTIONS)
    if commendation.status != CommendationStatus.DECIDED:
        messages.error(request, _("Danh sách chưa có quyết định khen thưởng: chưa lập văn bản."))
    else:
        request_document(request, COMMENDATION_DECISION, commendation)
    return _to_list(commendation.pk)


@login_required
@require_POST
@one_submission
def commendation_correct(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    commendation = fetch.get_commendation_for(request.user, pk, access.MANAGE_ELECTIONS)
    form = forms.CommendationCorrectForm(request.POST)
    if not form.is_valid():
        message_form_errors(request, form)
        return _to_list(commendation.pk)
    try:
        correction = services.commendation_correct(
            by=request.user, commendation=commendation, **form.service_kwargs()
        )
    except ValidationError as error:
        message_validation_errors(request, error)
        return _to_list(commendation.pk)
    messages.success(request, _("Đã lập danh sách đính chính; danh sách cũ vẫn được lưu."))
    return _to_list(correction.pk)
