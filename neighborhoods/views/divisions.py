from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from neighborhoods.forms.households import NeighborhoodForm, NeighborhoodRenameForm
from neighborhoods.models import Level
from neighborhoods.selectors import children_with_counts, get_division_for
from neighborhoods.services.neighborhoods import neighborhood_create, neighborhood_rename
from neighborhoods.ward_page import add_neighborhood_details, division_panels
from wardvote import access
from wardvote.forms import add_validation_errors
from wardvote.once import one_submission
from wardvote.types import AuthenticatedHttpRequest


@login_required
@require_GET
def division_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    division = get_division_for(request.user, pk)
    children = children_with_counts(division)
    if division.level == Level.WARD:
        # The election column is filled in by the apps that know elections (see ward_page).
        add_neighborhood_details(request.user, children)
    context = {
        "division": division,
        "breadcrumbs": [d for d in division.ancestors() if access.can(request.user, access.READ, d)],
        "children": children,
        "is_ward": division.level == Level.WARD,
        "is_neighborhood": division.level == Level.NEIGHBORHOOD,
        "can_manage_register": access.can(request.user, access.MANAGE_REGISTER, division),
        "can_manage_staff": access.can(request.user, access.MANAGE_STAFF, division),
        "total_households": sum(getattr(child, "household_count", 0) for child in children),
        # Sections the apps above the map add (a khu phố's term history, a ward's vacancies).
        "panels": division_panels(request.user, division),
    }
    return render(request, "neighborhoods/division_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@one_submission
def neighborhood_create_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    ward = get_division_for(request.user, pk, access.MANAGE_REGISTER, levels=[Level.WARD])
    form = NeighborhoodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            neighborhood = neighborhood_create(ward=ward, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Đã tạo %(name)s.") % {"name": neighborhood.name})
            return redirect("neighborhoods:division_detail", pk=ward.pk)
    return render(request, "neighborhoods/neighborhood_form.html", {"form": form, "ward": ward})


@login_required
@require_http_methods(["GET", "POST"])
def neighborhood_rename_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    neighborhood = get_division_for(request.user, pk, access.MANAGE_REGISTER, levels=[Level.NEIGHBORHOOD])
    form = NeighborhoodRenameForm(request.POST or None, initial={"name": neighborhood.name})
    if request.method == "POST" and form.is_valid():
        try:
            neighborhood_rename(neighborhood=neighborhood, name=form.cleaned_data["name"])
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Đã đổi tên thành %(name)s.") % {"name": form.cleaned_data["name"]})
            return redirect("neighborhoods:division_detail", pk=neighborhood.parent_id)
    return render(
        request,
        "neighborhoods/neighborhood_form.html",
        {"form": form, "ward": neighborhood.parent, "neighborhood": neighborhood},
    )
