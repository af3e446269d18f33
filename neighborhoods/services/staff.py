"""Staff accounts and their assignments (division × role), managed inside one's subtree."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from neighborhoods.models import ROLE_LEVEL, Division, Role, StaffAssignment
from wardvote import access


def assignable_roles(by, division: Division) -> list[str]:
    """The roles ``by`` may give at ``division``: allowed to them and meant for that level."""
    roles: set[str] = set()
    for assignment in access.assignments_with(by, access.MANAGE_STAFF):
        if division.is_within(assignment.division):
            roles |= access.ASSIGNABLE_ROLES.get(assignment.role, frozenset())
    return [role for role in Role.values if role in roles and ROLE_LEVEL[role] == division.level]


@transaction.atomic
def assignment_create(*, by, user, division: Division, role: str) -> StaffAssignment:
    if role not in assignable_roles(by, division):
        raise ValidationError(
            {
                "role": _("Bạn không thể giao vai trò “%(role)s” tại %(division)s.")
                % {"role": Role(role).label, "division": division.name}
            }
        )
    assignment, created = StaffAssignment.objects.get_or_create(user=user, division=division, role=role)
    if not created and not assignment.active:
        assignment.active = True
        assignment.save(update_fields=["active"])
    return assignment


@transaction.atomic
def assignment_deactivate(*, by, assignment: StaffAssignment) -> StaffAssignment:
    if assignment.role not in assignable_roles(by, assignment.division):
        raise ValidationError(_("Bạn không thể thu hồi phân công này."))
    assignment.active = False
    assignment.save(update_fields=["active"])
    return assignment


@transaction.atomic
def staff_user_create(*, by, username: str, full_name: str, password: str, division: Division, role: str):
    """A new account with its first assignment; the password must pass Django's validators."""
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Tên đăng nhập %(username)s đã có.") % {"username": username}})
    family_and_middle, _sep, given = " ".join(full_name.split()).rpartition(" ")
    user = User(username=username, first_name=given, last_name=family_and_middle)
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from error
    user.set_password(password)
    user.save()
    assignment_create(by=by, user=user, division=division, role=role)
    return user
