"""Project-wide pages: home, health check and error pages."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from elections import selectors
from neighborhoods.models import Level, StaffAssignment
from wardvote import access
from wardvote.celery import app as celery_app


def _actions(user, assignment: StaffAssignment) -> list[tuple[str, str]]:
    """What an assignment lets its holder do, as (label, url).

    Only pages that exist and that the holder may open: the home page must never
    offer a link that ends in a 404.
    """
    division = assignment.division
    capabilities = access.ROLE_CAPABILITIES[assignment.role]
    local = division.level in (Level.WARD, Level.NEIGHBORHOOD)
    is_ward = division.level == Level.WARD

    def url(name: str, pk: int) -> str:
        return reverse(name, args=[pk])

    actions = [
        (_("Tiến độ bầu cử, thống kê, báo cáo"), url("reporting:dashboard", division.pk)),
        (_("Xem địa bàn và các đơn vị trực thuộc"), url("neighborhoods:division_detail", division.pk)),
    ]
    if local:
        actions.append((_("Xem sổ hộ gia đình"), url("neighborhoods:household_list", division.pk)))
    if is_ward and access.MANAGE_REGISTER in capabilities:
        actions.append((_("Nhập sổ hộ từ tệp Excel"), url("neighborhoods:household_import", division.pk)))
    if is_ward:
        if access.MANAGE_REGISTER in capabilities:
            label = _("Sắp xếp khu phố (thành lập, chia tách, sáp nhập, đổi tên)")
        else:
            label = _("Xem các lần sắp xếp khu phố")
        actions.append((label, url("neighborhoods:reorganisation_list", division.pk)))
    if local and access.RUN_MEETING in capabilities:
        elections = selectors.elections_for(user, access.RUN_MEETING).filter(neighborhood=division)
        election = elections.order_by("-pk").first()
        if election is not None:
            actions.append((_("Ngày họp: điểm danh hộ gia đình"), url("elections:meeting_page", election.pk)))
    if access.MANAGE_STAFF in capabilities:
        actions.append((_("Phân công cán bộ"), url("neighborhoods:staff_list", division.pk)))
    actions.append((_("Xem nhật ký thay đổi"), url("neighborhoods:audit_log", division.pk)))
    return actions


@login_required
def home(request):
    assignments = access.active_assignments(request.user)
    cards = [(assignment, _actions(request.user, assignment)) for assignment in assignments]
    return render(request, "wardvote/home.html", {"assignments": assignments, "cards": cards})


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return "ok"
    except Exception as exc:  # noqa: BLE001 - any failure is reported, not raised
        return f"error: {exc.__class__.__name__}"


def _broker_state() -> str:
    if celery_app.conf.task_always_eager:
        return "eager"
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception as exc:  # noqa: BLE001
        return f"error: {exc.__class__.__name__}"


def _pdf_state() -> str:
    from reporting.services import pdf_health

    return pdf_health()


def _storage_state() -> str:
    from reporting.storage import storage_state

    return storage_state()


@never_cache
@require_GET
def healthz(request):
    checks = {
        "database": _database_state(),
        "broker": _broker_state(),
        "pdf": _pdf_state(),
        "storage": _storage_state(),
    }
    healthy = all(value in ("ok", "eager") for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


def forbidden(request, exception=None):
    return render(request, "403.html", status=403)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No request context: its processors query the database, which may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())
