"""Reorganisations of khu phố (seed 002: merged, split, renamed by resolution)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from neighborhoods.forms.reorganisations import FORMS
from neighborhoods.models import Level, Reorganisation, ReorganisationKind
from neighborhoods.reorganisation_page import reorganisation_links
from neighborhoods.selectors import get_division_for, get_reorganisation_for
from neighborhoods.services import reorganisations as services
from neighborhoods.services.neighborhoods import current_neighborhoods
from wardvote import access
from wardvote.forms import add_validation_errors
from wardvote.once import one_submission
from wardvote.types import AuthenticatedHttpRequest


def _apply(kind: str, *, ward, user, data: dict, resolution: dict) -> Reorganisation:
    common = {"ward": ward, "by": user, **resolution}
    if kind == ReorganisationKind.ESTABLISH:
        return services.reorganisation_establish(name=data["name"], **common)
    if kind == ReorganisationKind.MERGE:
        return services.reorganisation_merge(sources=list(data["sources"]), name=data["name"], **common)
    if kind == ReorganisationKind.SPLIT:
        parts = [(data["first_name"], []), (data["second_name"], data["second_codes"])]
        return services.reorganisation_split(source=data["source"], parts=parts, **common)
    if kind == ReorganisationKind.RENAME:
        return services.reorganisation_rename(source=data["source"], name=data["name"], **common)
    return services.reorganisation_dissolve(
        source=data["source"], move_households_to=data["move_households_to"], **common
    )


@login_required
@require_GET
def reorganisation_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    ward = get_division_for(request.user, pk, levels=[Level.WARD])
    reorganisations = ward.reorganisations.prefetch_related("sources", "results")
    return render(
        request,
        "neighborhoods/reorganisations/list.html",
        {
            "ward": ward,
            "reorganisations": reorganisations,
            "kinds": ReorganisationKind.choices,
            "can_manage": access.can(request.user, access.MANAGE_REGISTER, ward),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@one_submission
def reorganisation_create(request: AuthenticatedHttpRequest, pk: int, kind: str) -> HttpResponse:
    ward = get_division_for(request.user, pk, access.MANAGE_REGISTER, levels=[Level.WARD])
    if kind not in FORMS:
        raise Http404
    form = FORMS[kind](request.POST or None, neighborhoods=current_neighborhoods(ward).order_by("pk"))
    if request.method == "POST" and form.is_valid():
        try:
            reorganisation = _apply(
                kind, ward=ward, user=request.user, data=form.cleaned_data, resolution=form.resolution()
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Đã ghi nhận: %(item)s.") % {"item": reorganisation})
            return redirect("neighborhoods:reorganisation_detail", pk=reorganisation.pk)
    return render(
        request,
        "neighborhoods/reorganisations/form.html",
        {
            "ward": ward,
            "form": form,
            "kind_label": ReorganisationKind(kind).label,
        },
    )


@login_required
@require_GET
def reorganisation_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    reorganisation = get_reorganisation_for(request.user, pk)
    return render(
        request,
        "neighborhoods/reorganisations/detail.html",
        # What the apps above the map link from here (the posts: see reorganisation_page).
        {"reorganisation": reorganisation, "links": reorganisation_links(request.user, reorganisation)},
    )


@login_required
@require_GET
def neighborhood_lineage(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    neighborhood = get_division_for(request.user, pk, levels=[Level.NEIGHBORHOOD])
    before, after = services.lineage(neighborhood)
    return render(
        request,
        "neighborhoods/reorganisations/lineage.html",
        {
            "neighborhood": neighborhood,
            "before": before,
            "after": after,
        },
    )
