"""Staff assignments, managed by ward officials and district home-affairs officers (on the 2025 map
the province's) in their subtree."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from neighborhoods.forms.staff import AssignmentForm, NewStaffForm, PasswordResetForm
from neighborhoods.models import Division, StaffAssignment
from neighborhoods.selectors import get_division_for, get_staff_assignment_for
from neighborhoods.services import staff as services
from wardvote import access
from wardvote.forms import add_validation_errors
from wardvote.messages import message_validation_errors
from wardvote.once import one_submission
from wardvote.types import AuthenticatedHttpRequest


def _divisions_below(division: Division):
    """The division and its children where its managers assign people: every unit of an
    official map (a campaign runs on its map even after the map's end date) and the khu
    phố a resolution has not ended."""
    children = division.children.filter(Q(valid_until__isnull=True) | ~Q(map_edition=""))
    return Division.objects.filter(pk=division.pk) | children


@login_required
@require_http_methods(["GET", "POST"])
@one_submission
def staff_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    division = get_division_for(request.user, pk, access.MANAGE_STAFF)
    assignments = (
        StaffAssignment.objects.filter(division__in=Division.objects.subtree(division))
        .select_related("user__account", "division")
        .order_by("division__path", "role", "user__username")
    )
    users = _others_in(division, request.user)
    new_form = NewStaffForm(prefix="new", divisions=_divisions_below(division))
    assign_form = AssignmentForm(prefix="assign", divisions=_divisions_below(division), users=users)
    if request.method == "POST":
        bound, action = (
            (NewStaffForm(request.POST, prefix="new", divisions=_divisions_below(division)), "new")
            if "new-username" in request.POST
            else (
                AssignmentForm(
                    request.POST, prefix="assign", divisions=_divisions_below(division), users=users
                ),
                "assign",
            )
        )
        if bound.is_valid():
            try:
                if action == "new":
                    services.staff_user_create(by=request.user, **bound.cleaned_data)
                else:
                    services.assignment_create(by=request.user, **bound.cleaned_data)
            except ValidationError as error:
                add_validation_errors(bound, error)
            else:
                messages.success(request, _("Đã lưu phân công."))
                return redirect("neighborhoods:staff_list", pk=division.pk)
        if isinstance(bound, NewStaffForm):
            new_form = bound
        else:
            assign_form = bound
    return render(
        request,
        "neighborhoods/staff/list.html",
        {
            "division": division,
            "assignments": assignments,
            "new_form": new_form,
            "assign_form": assign_form,
            "reset_form": PasswordResetForm(prefix="reset", users=users),
        },
    )


def _others_in(division: Division, me):
    """The people assigned in the division's subtree, but not oneself: nobody gives
    themself a role or resets their own password here."""
    return (
        get_user_model()
        .objects.filter(assignments__division__in=Division.objects.subtree(division))
        .exclude(pk=me.pk)
        .distinct()
        .order_by("username")
    )


@sensitive_post_parameters("reset-password")
@login_required
@require_POST
def staff_password_reset(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A temporary password for someone in the subtree; they must replace it at next login."""
    division = get_division_for(request.user, pk, access.MANAGE_STAFF)
    form = PasswordResetForm(request.POST, prefix="reset", users=_others_in(division, request.user))
    if form.is_valid():
        try:
            services.password_reset(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
    if form.errors:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    else:
        messages.success(
            request,
            _("Đã đặt lại mật khẩu của %(username)s: người này phải tự đặt mật khẩu mới khi đăng nhập.")
            % {"username": form.cleaned_data["user"].get_username()},
        )
    return redirect("neighborhoods:staff_list", pk=division.pk)


@login_required
@require_POST
def assignment_deactivate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = get_staff_assignment_for(request.user, pk)
    try:
        services.assignment_deactivate(by=request.user, assignment=assignment)
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, _("Đã thu hồi phân công %(item)s.") % {"item": assignment})
    manager_division = next(
        a.division
        for a in access.assignments_with(request.user, access.MANAGE_STAFF)
        if assignment.division.is_within(a.division)
    )
    return redirect("neighborhoods:staff_list", pk=manager_division.pk)
