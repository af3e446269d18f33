"""The household register: list, add, edit, import, export."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from neighborhoods.forms.households import HouseholdForm, HouseholdImportForm, NewHouseholdForm
from neighborhoods.models import Division, Household, HouseholdStatus, Level
from neighborhoods.selectors import children_with_counts
from neighborhoods.services import household_import
from neighborhoods.services.households import household_create, household_delete, household_update
from neighborhoods.services.neighborhoods import current_neighborhoods
from wardvote import access, audit
from wardvote.forms import add_validation_errors, search_query
from wardvote.once import one_submission

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION_KEY = "household_imports"


def _ward_of(division: Division) -> Division:
    return division if division.level == Level.WARD else division.parent


def _households_of(user, division: Division):
    households = access.households_for(user).select_related("neighborhood")
    if division.level == Level.WARD:
        return households.filter(ward=division)
    return households.filter(neighborhood=division)


def _household_counts(request, division: Division):
    """Staff above the ward see how many households each khu phố has, never who they are."""
    if division.level == Level.WARD:
        neighborhoods = children_with_counts(division)
    else:
        division.household_count = Household.objects.filter(
            neighborhood=division, status=HouseholdStatus.ACTIVE
        ).count()
        neighborhoods = [division]
    return render(
        request,
        "neighborhoods/household_counts.html",
        {
            "division": division,
            "neighborhoods": neighborhoods,
            "total": sum(n.household_count for n in neighborhoods),
        },
    )


@login_required
@require_GET
def household_list(request, pk):
    division = access.get_division_for(request.user, pk, levels=[Level.WARD, Level.NEIGHBORHOOD])
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
def household_create_view(request, pk):
    division = access.get_division_for(
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
def household_update_view(request, pk):
    household = access.get_household_for(request.user, pk, access.MANAGE_REGISTER)
    ward = household.ward
    fields = ["neighborhood", "code", "head_name", "address", "member_count", "representative_name", "status"]
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
def household_import_view(request, pk):
    ward = access.get_division_for(request.user, pk, access.MANAGE_REGISTER, levels=[Level.WARD])
    form = HouseholdImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        token = uuid.uuid4().hex
        extension = upload.name.rsplit(".", 1)[-1].lower()
        path = default_storage.save(f"imports/{token}.{extension}", ContentFile(upload.read()))
        request.session.setdefault(SESSION_KEY, {})[token] = {
            "ward": ward.pk,
            "name": upload.name,
            "path": path,
        }
        request.session.modified = True
        return redirect("neighborhoods:household_import_preview", pk=ward.pk, token=token)
    return render(request, "neighborhoods/household_import.html", {"form": form, "ward": ward})


def _pending_import(request, ward: Division, token: str) -> dict:
    """The upload this user made for this ward; anything else is 404."""
    pending = request.session.get(SESSION_KEY, {}).get(token)
    if not pending or pending["ward"] != ward.pk or not default_storage.exists(pending["path"]):
        raise Http404
    return pending


@login_required
@require_http_methods(["GET", "POST"])
def household_import_preview(request, pk, token):
    ward = access.get_division_for(request.user, pk, access.MANAGE_REGISTER, levels=[Level.WARD])
    pending = _pending_import(request, ward, token)
    with default_storage.open(pending["path"], "rb") as handle:
        data = handle.read()
    if request.method == "POST":
        try:
            count = household_import.households_import(
                ward=ward, filename=pending["name"], data=data, by=request.user
            )
        except household_import.ImportFileError as error:
            messages.error(request, str(error))
            return redirect("neighborhoods:household_import_preview", pk=ward.pk, token=token)
        default_storage.delete(pending["path"])
        del request.session[SESSION_KEY][token]
        request.session.modified = True
        messages.success(request, _("Đã nhập %(count)s hộ.") % {"count": count})
        return redirect("neighborhoods:household_list", pk=ward.pk)
    preview, file_error = None, None
    try:
        preview = household_import.preview_file(ward, pending["name"], data)
    except household_import.ImportFileError as error:
        file_error = str(error)
    return render(
        request,
        "neighborhoods/household_import_preview.html",
        {
            "ward": ward,
            "token": token,
            "filename": pending["name"],
            "preview": preview,
            "file_error": file_error,
            "sample": preview.households[:20] if preview else [],
        },
    )


@login_required
@require_GET
def household_import_template(request, pk):
    access.get_division_for(request.user, pk, access.MANAGE_REGISTER, levels=[Level.WARD])
    response = HttpResponse(household_import.template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-so-ho.xlsx"'
    return response


@login_required
@require_GET
def household_export(request, pk):
    division = access.get_division_for(
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
def household_delete_view(request, pk):
    household = access.get_household_for(request.user, pk, access.MANAGE_REGISTER)
    if request.method == "POST":
        try:
            household_delete(household=household)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("neighborhoods:household_update", pk=household.pk)
        messages.success(request, _("Đã xóa hộ %(household)s.") % {"household": household})
        return redirect("neighborhoods:household_list", pk=household.neighborhood_id)
    return render(request, "neighborhoods/household_confirm_delete.html", {"household": household})
