"""Project-wide pages: home, one's own password, health check and error pages."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from elections.selectors.fetch import elections_for
from elections.selectors.public import public_page_url
from neighborhoods.models import Level, StaffAssignment
from neighborhoods.services.staff import password_change_by_owner
from reporting import services as reporting_services
from reporting import work
from reporting.storage import storage_state
from wardvote import access
from wardvote.celery import app as celery_app
from wardvote.forms import OwnPasswordForm
from wardvote.middleware import MUST_SET_PASSWORD
from wardvote.types import AuthenticatedHttpRequest


def _actions(user, assignment: StaffAssignment) -> list[tuple[str, str]]:
    """What an assignment lets its holder do, as (label, url).

    Only pages that exist and that the holder may open: the home page must never
    offer a link that ends in a 404.
    """
    division = assignment.division
    capabilities = access.capabilities_of(assignment)
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
        elections = elections_for(user, access.RUN_MEETING).filter(neighborhood=division)
        election = elections.official().order_by("-pk").first()
        if election is not None:
            actions.append((_("Ngày họp: điểm danh hộ gia đình"), url("elections:meeting_page", election.pk)))
        # The team trains on the ward's practice copy: its meeting is reached from here too, apart.
        practice = elections.filter(practice=True).order_by("-pk").first()
        if practice is not None:
            actions.append(
                (
                    _("Ngày họp thực hành (tập huấn): điểm danh hộ gia đình"),
                    url("elections:meeting_page", practice.pk),
                )
            )
    if local:
        # Where residents read the notices: the ward's public page, at this khu phố's section.
        actions.append((_("Trang công khai cho người dân"), public_page_url(division) or ""))
    if access.MANAGE_STAFF in capabilities:
        actions.append((_("Phân công cán bộ"), url("neighborhoods:staff_list", division.pk)))
    actions.append((_("Xem nhật ký thay đổi"), url("neighborhoods:audit_log", division.pk)))
    return actions


@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    assignments = access.active_assignments(request.user)
    today = timezone.localdate()
    cards = [
        (assignment, _actions(request.user, assignment), work.tasks_for(request.user, assignment, today))
        for assignment in assignments
    ]
    return render(request, "wardvote/home.html", {"assignments": assignments, "cards": cards})


@sensitive_post_parameters()
@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every user changes their own password here; an account whose password someone else
    chose is sent here first and can do nothing else until it has."""
    form = OwnPasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        password_change_by_owner(user=request.user, password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)
        request.session.pop(MUST_SET_PASSWORD, None)
        messages.success(request, _("Đã đổi mật khẩu. Từ nay chỉ bạn biết mật khẩu này."))
        return redirect("home")
    return render(
        request,
        "registration/password_change.html",
        {"form": form, "must_set": request.session.get(MUST_SET_PASSWORD, False)},
    )


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
    return reporting_services.pdf_health()


def _storage_state() -> str:
    return storage_state()


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {
        "database": _database_state(),
        "broker": _broker_state(),
        "pdf": _pdf_state(),
        "storage": _storage_state(),
    }
    healthy = all(value in ("ok", "eager") for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def forbidden(request, exception=None):
    return render(request, "403.html", status=403)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No request context: its processors query the database, which may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())
