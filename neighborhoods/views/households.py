"""The household register: list, add, edit, import, export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from neighborhoods.forms.households import HouseholdForm, HouseholdImportForm, NewHouseholdForm
from neighborhoods.models import Division, Household, HouseholdImport, HouseholdStatus, ImportStatus, Level
from neighborhoods.selectors import (
    children_with_counts,
    get_division_for,
    get_household_for,
    get_household_import_for,
    households_for,
)
from neighborhoods.services import household_import
from neighborhoods.services.households import household_create, household_delete, household_update
from neighborhoods.services.neighborhoods import current_neighborhoods
from wardvote import access, audit
from wardvote.forms import add_validation_errors, search_query
from wardvote.messages import message_validation_errors
from wardvote.once import one_submission
from wardvote.types import AuthenticatedHttpRequest

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _ward_of(division: Division) -> Division:
    ward = division if division.level == Level.WARD else division.parent
    assert ward is not None, "a khu phố always has its ward"
    return ward


def _households_of(user, division: Division):
    households = households_for(user).select_related("neighborhood")
    if division.level == Level.WARD:
        return households.filter(ward=division)
    return households.filter(neighborhood=division)


def _household_counts(request: AuthenticatedHttpRequest, division: Division):
    """Staff above the ward see how many households each khu phố has, never who they are."""
    if division.level == Level.WARD:
        neighborhoods = children_with_counts(division)
    else:
        # The attribute children_with_counts annotates on khu phố; the stubs cannot see it.
        division.household_count = Household.objects.filter(  # type: ignore[attr-defined]
            neighborhood=division, status=HouseholdStatus.ACTIVE
        ).count()
        neighborhoods = [division]
    return render(
        request,
        "neighborhoods/household_counts.html",
        {
            "division": division,
            "neighborhoods": neighborhoods,
            "total": sum(n.household_count for n in neighborhoods),  # type: ignore[attr-defined]
        },
    )


@login_required
@require_GET
def household_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    division = get_division_for(request.user, pk, levels=[Level.WARD, Level.NEIGHBORHOOD])
    if not access.can(request.user, access.READ_PERSONAL_DATA, division):
        return _household_counts(request, division)
    households = _households_of(request.user, division).order_by("code")
    query = search_query(request.GET)
    if query:
        households = households.filter(
            Q(code__icontains=query) | Q(head_name__icontains=query) | Q(address__icontains=query)
        )
    page = Paginator(households, 50).get_page(request.GET.get("page"))
    audit.personal_data_read(
        request=request,
        division=division,
        kind=audit.READ_SEARCH if query else audit.READ_LIST,
        rows=len(page.object_list),
        query=query,
    )
    return render(
        request,
        "neighborhoods/household_list.html",
        {
            "division": division,
            "ward": _ward_of(division),
            "page": page,
            "query": query,
            "can_manage": access.can(request.user, access.MANAGE_REGISTER, division),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@one_submission
def household_create_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    division = get_division_for(
        request.user, pk, access.MANAGE_REGISTER, levels=[Level.WARD, Level.NEIGHBORHOOD]
    )
    ward = _ward_of(division)
    initial = {"neighborhood": division} if division.level == Level.NEIGHBORHOOD else {}
    form = NewHouseholdForm(request.POST or None, neighborhoods=current_neighborhoods(ward), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            household = household_create(**form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Đã thêm hộ %(household)s.") % {"household": household})
            return redirect("neighborhoods:household_list", pk=division.pk)
    return render(
        request, "neighborhoods/household_form.html", {"form": form, "division": division, "ward": ward}
    )


@login_required
@require_http_methods(["GET", "POST"])
def household_update_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    household = get_household_for(request.user, pk, access.MANAGE_REGISTER)
    ward = household.ward
    fields = [
        "neighborhood",
        "code",
        "head_name",
        "address",
        "member_count",
        "representative_name",
        "phone",
        "status",
    ]
    initial = {name: getattr(household, name) for name in fields}
    form = HouseholdForm(request.POST or None, neighborhoods=current_neighborhoods(ward), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            household_update(household=household, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Đã lưu hộ %(code)s.") % {"code": form.cleaned_data["code"]})
            return redirect("neighborhoods:household_list", pk=household.neighborhood_id)
    return render(
        request,
        "neighborhoods/household_form.html",
        {"form": form, "division": household.neighborhood, "ward": ward, "household": household},
    )


@login_required
@require_http_methods(["GET", "POST"])
def household_import_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    ward = get_division_for(request.user, pk, access.MANAGE_REGISTER, levels=[Level.WARD])
    form = HouseholdImportForm(request.POST or None, request.FILES or None)
    if getattr(request, "upload_too_large", False):  # dropped while it streamed in
        form.is_valid()
        form.errors["file"] = form.error_class([_("Tệp lớn hơn 30 MB.")])
    elif request.method == "POST" and form.is_valid():
        upload = household_import.household_import_upload(
            ward=ward, upload=form.cleaned_data["file"], by=request.user
        )
        return redirect("neighborhoods:household_import_preview", pk=ward.pk, token=upload.token)
    return render(request, "neighborhoods/household_import.html", {"form": form, "ward": ward})


@login_required
@require_http_methods(["GET", "POST"])
def household_import_preview(request: AuthenticatedHttpRequest, pk: int, token: str) -> HttpResponse:
    upload = get_household_import_for(request.user, pk, token)
    if request.method == "POST":
        confirmed = household_import.household_import_confirm(household_import=upload)
        upload.refresh_from_db()
        if upload.status == ImportStatus.DONE:  # committed already (no broker: the task ran in-process)
            return _imported(request, upload)
        if not confirmed:
            messages.error(request, _("Tệp này không thể nhập: hãy sửa các lỗi rồi tải lên lại."))
        return redirect("neighborhoods:household_import_preview", pk=pk, token=token)
    errors = upload.rows.filter(has_errors=True).order_by("number")
    return render(
        request,
        "neighborhoods/household_import_preview.html",
        {
            "ward": upload.ward,
            "upload": upload,
            "error_page": Paginator(errors, 200).get_page(request.GET.get("page")),
            "sample": upload.rows.filter(has_errors=False)
            .select_related("neighborhood")
            .order_by("number")[:20],
        },
    )


@login_required
@require_GET
def household_import_status(request: AuthenticatedHttpRequest, pk: int, token: str) -> HttpResponse:
    """htmx: the progress bar, polled while a task works; the page reloads when it is done."""
    upload = get_household_import_for(request.user, pk, token)
    response = render(request, "neighborhoods/partials/import_status.html", {"upload": upload})
    if upload.status == ImportStatus.DONE:
        response["HX-Redirect"] = _imported(request, upload).url
    elif not upload.is_running:
        response["HX-Refresh"] = "true"
    return response


def _imported(request: AuthenticatedHttpRequest, upload: HouseholdImport):
    """Done: the register, with how many households were added."""
    messages.success(request, _("Đã nhập %(count)s hộ.") % {"count": upload.imported_count})
    return redirect("neighborhoods:household_list", pk=upload.ward_id)


@login_required
@require_GET
def household_import_template(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    get_division_for(request.user, pk, access.MANAGE_REGISTER, levels=[Level.WARD])
    response = HttpResponse(household_import.template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-so-ho.xlsx"'
    return response


@login_required
@require_GET
def household_export(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    division = get_division_for(
        request.user, pk, access.READ_PERSONAL_DATA, levels=[Level.WARD, Level.NEIGHBORHOOD]
    )
    households = _households_of(request.user, division).order_by("neighborhood__pk", "code")
    audit.personal_data_read(
        request=request, division=division, kind=audit.READ_EXPORT, rows=households.count()
    )
    response = HttpResponse(
        household_import.export_workbook(households.iterator(chunk_size=2000)), content_type=XLSX
    )
    response["Content-Disposition"] = f'attachment; filename="so-ho-{division.pk}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def household_delete_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    household = get_household_for(request.user, pk, access.MANAGE_REGISTER)
    if request.method == "POST":
        try:
            household_delete(household=household)
        except ValidationError as error:
            message_validation_errors(request, error)
            return redirect("neighborhoods:household_update", pk=household.pk)
        messages.success(request, _("Đã xóa hộ %(household)s.") % {"household": household})
        return redirect("neighborhoods:household_list", pk=household.neighborhood_id)
    return render(request, "neighborhoods/household_confirm_delete.html", {"household": household})
