"""Staff accounts and their assignments (division × role), managed inside one's subtree."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from neighborhoods.models import ROLE_LEVEL, Account, Division, Level, Role, StaffAssignment, on_two_level_map
from wardvote import access


def assignable_roles(by: User, division: Division) -> list[str]:
    """The roles ``by`` may give at ``division``: allowed to them and meant for that level."""
    roles: set[str] = set()
    for assignment in access.assignments_with(by, access.MANAGE_STAFF):
        if division.is_within(assignment.division):
            roles |= access.ASSIGNABLE_ROLES.get(assignment.role, frozenset())
    return [role for role in Role.values if role in roles and ROLE_LEVEL[role] == division.level]


@transaction.atomic
def assignment_create(*, by: User, user, division: Division, role: str) -> StaffAssignment:
    if user.pk == by.pk:
        # Separation of duties: a role is always given by someone else.
        raise ValidationError({"user": _("Không ai tự giao vai trò cho chính mình.")})
    if ROLE_LEVEL.get(role) == Level.DISTRICT and on_two_level_map(division):
        raise ValidationError(
            {
                "role": _(
                    "Bản đồ hành chính từ 01/07/2025 không có cấp quận, huyện: không giao được vai trò "
                    "“%(role)s” tại %(division)s."
                )
                % {"role": Role(role).label, "division": division.name}
            }
        )
    if role not in assignable_roles(by, division):
        raise ValidationError(
            {
                "role": _("Bạn không thể giao vai trò “%(role)s” tại %(division)s.")
                % {"role": Role(role).label, "division": division.name}
            }
        )
    assignment, created = StaffAssignment.objects.get_or_create(
        user=user, division=division, role=role, defaults={"assigned_by": by}
    )
    if not created and not assignment.active:
        assignment.active, assignment.assigned_by = True, by
        assignment.save(update_fields=["active", "assigned_by"])
    return assignment


@transaction.atomic
def assignment_deactivate(*, by: User, assignment: StaffAssignment) -> StaffAssignment:
    if assignment.role not in assignable_roles(by, assignment.division):
        raise ValidationError(_("Bạn không thể thu hồi phân công này."))
    assignment.active = False
    assignment.save(update_fields=["active"])
    return assignment


@transaction.atomic
def staff_user_create(
    *, by: User, username: str, full_name: str, password: str, division: Division, role: str
):
    """A new account with its first assignment; the password must pass Django's validators.

    Its creator knows this first password, so the holder must replace it at first login.
    """
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
    Account.objects.create(user=user, created_by=by, must_set_password=True)
    return user


def account_of(user) -> Account:
    """The user's account record; an unsaved one (nothing known) for logins made outside the app."""
    try:
        return Account.objects.get(user_id=user.pk)
    except Account.DoesNotExist:
        return Account(user_id=user.pk, must_set_password=False)


def password_set_by_owner(user) -> bool:
    return account_of(user).password_set_by_owner_at is not None


def manages(by: User, user) -> bool:
    """Whether ``by`` could have given every role ``user`` holds: only then may they reset its password."""
    assignments = list(StaffAssignment.objects.filter(user=user, active=True).select_related("division"))
    return bool(assignments) and all(a.role in assignable_roles(by, a.division) for a in assignments)


@transaction.atomic
def password_reset(*, by: User, user, password: str) -> Account:
    """Someone else gives ``user`` a new password: its holder must replace it at next login."""
    if user.pk == by.pk:
        raise ValidationError({"user": _("Hãy đổi mật khẩu của chính mình ở trang Đổi mật khẩu.")})
    if not manages(by, user):
        message = _("Bạn không thể đặt lại mật khẩu của %(username)s.")
        raise ValidationError({"user": message % {"username": user.get_username()}})
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from error
    user.set_password(password)
    user.save(update_fields=["password"])
    return password_reset_record(by=by, user=user)


def password_reset_record(*, by: User, user) -> Account:
    """Record that ``by`` chose the password ``user`` now has."""
    account = account_of(user)
    account.must_set_password, account.password_reset_by = True, by
    account.password_set_by_owner_at = None
    account.save()
    return account


@transaction.atomic
def password_change_by_owner(*, user, password: str) -> Account:
    """The holder sets their own password (already checked by the form against the validators)."""
    user.set_password(password)
    user.save(update_fields=["password"])
    return password_owner_set_record(user=user)


def password_owner_set_record(*, user) -> Account:
    """Record that the holder chose the password ``user`` now has."""
    account = account_of(user)
    account.must_set_password = False
    account.password_set_by_owner_at = timezone.now()
    account.save()
    return account
