"""Demo data for `make run`: idempotent, deterministic, a few seconds on SQLite.

Each step is a small function; later features add their own steps to STEPS.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from neighborhoods.models import Role, StaffAssignment
from neighborhoods.services.divisions import country

DEMO_PASSWORD = "wardvote-demo"

# (username, full name, role, how to find the division)
DEMO_USERS: list[tuple[str, str, str, str]] = [
    ("admin", "Quản trị hệ thống", Role.SYSTEM_ADMIN, "country"),
]


def _division(key: str):
    if key == "country":
        return country()
    raise KeyError(key)


def create_demo_users(stdout) -> None:
    User = get_user_model()
    for username, full_name, role, division_key in DEMO_USERS:
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.set_password(DEMO_PASSWORD)
        last_name, _, first_name = full_name.rpartition(" ")
        user.first_name, user.last_name = first_name, last_name
        user.is_staff = user.is_superuser = role == Role.SYSTEM_ADMIN
        user.save()
        StaffAssignment.objects.get_or_create(user=user, division=_division(division_key), role=role)


STEPS = [create_demo_users]


def write_logins(stdout) -> None:
    stdout.write(f"Tài khoản thử nghiệm (mật khẩu chung: {DEMO_PASSWORD}):")
    for username, _name, role, _division_key in DEMO_USERS:
        stdout.write(f"  {username:<18} {Role(role).label}")


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu (chạy lại nhiều lần không tạo trùng)."

    def add_arguments(self, parser):
        parser.add_argument("--print-logins", action="store_true", help="Chỉ in danh sách tài khoản mẫu.")

    def handle(self, *args, print_logins: bool = False, **options):
        if print_logins:
            write_logins(self.stdout)
            return
        for step in STEPS:
            with transaction.atomic():
                step(self.stdout)
        self.stdout.write(self.style.SUCCESS("Đã tạo dữ liệu mẫu."))
