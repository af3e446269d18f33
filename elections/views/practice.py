"""Practice copies: create one from a real ward plan or election, start one over."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from elections.selectors import fetch
from elections.services import practice as services
from wardvote import access
from wardvote.messages import message_validation_errors
from wardvote.types import AuthenticatedHttpRequest

# The reset form's checkbox: starting over drops everything practised so far.
CONFIRM_FIELD = "confirm"


def _created(request: AuthenticatedHttpRequest, copy) -> HttpResponse:
    messages.success(request, _("Đã tạo bản thực hành %(number)s.") % {"number": copy.number})
    return redirect("elections:plan_detail", pk=copy.pk)


@login_required
@require_POST
def plan_practice_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = fetch.get_plan_for(request.user, pk, access.MANAGE_ELECTIONS)
    try:
        copy = services.practice_plan_create(by=request.user, plan=plan)
    except ValidationError as error:
        message_validation_errors(request, error)
        return redirect("elections:plan_detail", pk=plan.pk)
    return _created(request, copy)


@login_required
@require_POST
def election_practice_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    election = fetch.get_election_for(request.user, pk, access.MANAGE_ELECTIONS)
    try:
        copy = services.practice_election_create(by=request.user, election=election)
    except ValidationError as error:
        message_validation_errors(request, error)
        return redirect("elections:election_detail", pk=election.pk)
    return _created(request, copy)


@login_required
@require_POST
def plan_practice_reset(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = fetch.get_plan_for(request.user, pk, access.MANAGE_ELECTIONS)
    if request.POST.get(CONFIRM_FIELD) != "yes":
        messages.error(request, _("Đánh dấu ô xác nhận để làm lại bản thực hành từ đầu."))
        return redirect("elections:plan_detail", pk=plan.pk)
    try:
        fresh = services.practice_plan_reset(by=request.user, plan=plan)
    except ValidationError as error:
        message_validation_errors(request, error)
        return redirect("elections:plan_detail", pk=plan.pk)
    messages.success(request, _("Đã làm lại bản thực hành từ đầu: mọi khu phố trở về chưa triển khai."))
    return redirect("elections:plan_detail", pk=fresh.pk)
