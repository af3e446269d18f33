"""Reads of the division tree that views share."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from neighborhoods.models import (
    Division,
    Household,
    HouseholdImport,
    HouseholdStatus,
    Level,
    Reorganisation,
    StaffAssignment,
)
from wardvote import access
from wardvote.text import natural_key


def divisions_for(user, capability: str = access.READ) -> QuerySet[Division]:
    return Division.objects.filter(access.scope_q(user, capability))


def get_division_for(
    user, pk, capability: str = access.READ, levels: Iterable[str] | None = None
) -> Division:
    """One division the user may reach with ``capability`` (of one of ``levels``), or 404."""
    queryset = divisions_for(user, capability)
    if levels is not None:
        queryset = queryset.filter(level__in=list(levels))
    return access.get_or_404(queryset, pk)


def get_division_by_code_for(
    user, code: str, edition: str | None = None, capability: str = access.READ
) -> Division:
    """The division of this official code in map ``edition`` (else the newest) the user may reach, or 404."""
    divisions = divisions_for(user, capability).filter(code=code)
    if edition:
        divisions = divisions.filter(map_edition=edition)
    division = divisions.order_by("-map_edition").first()
    if division is None:
        raise Http404
    return division


def readable_ancestors(user, division: Division) -> list[Division]:
    """The breadcrumb: the divisions above this one that the user may also read, from the top."""
    ids = division.ancestor_ids[:-1]
    readable = divisions_for(user).filter(pk__in=ids).only("pk", "name", "path")
    return sorted(readable, key=lambda d: d.path.count("/"))


def households_for(user, capability: str = access.READ_PERSONAL_DATA) -> QuerySet[Household]:
    """Households with their names and addresses: never for a mere ``READ``."""
    return Household.objects.filter(access.scope_q(user, capability, field="neighborhood__path"))


def get_household_for(user, pk, capability: str = access.READ_PERSONAL_DATA) -> Household:
    return access.get_or_404(households_for(user, capability).select_related("neighborhood"), pk)


def get_household_import_for(
    user, ward_pk, token: str, capability: str = access.MANAGE_REGISTER
) -> HouseholdImport:
    """The upload this user made for this ward (which they may reach with ``capability``), or 404."""
    ward = get_division_for(user, ward_pk, capability, levels=[Level.WARD])
    upload = (
        HouseholdImport.objects.select_related("ward")
        .filter(token=token, ward=ward, uploaded_by=user)
        .first()
    )
    if upload is None:
        raise Http404
    return upload


def get_reorganisation_for(user, pk, capability: str = access.READ) -> Reorganisation:
    """A reorganisation of a ward the user may reach with ``capability``, or 404."""
    wards = divisions_for(user, capability).filter(level=Level.WARD)
    reorganisations = Reorganisation.objects.prefetch_related("sources", "results").filter(ward__in=wards)
    return access.get_or_404(reorganisations, pk)


def get_staff_assignment_for(user, pk, capability: str = access.MANAGE_STAFF) -> StaffAssignment:
    """An assignment in a division the user may reach with ``capability`` (managing staff), or 404."""
    assignments = StaffAssignment.objects.select_related("division").filter(
        division__in=divisions_for(user, capability)
    )
    return access.get_or_404(assignments, pk)


def children_with_counts(division: Division) -> list[Division]:
    """The division's current and past children in natural order, in one query.

    Khu phố carry ``household_count`` (active households); higher levels carry
    ``child_count``.
    """
    children = division.children.all()
    if division.level == Level.WARD:
        children = children.annotate(
            household_count=Count("households", filter=Q(households__status=HouseholdStatus.ACTIVE))
        )
    else:
        children = children.annotate(child_count=Count("children"))
    return sorted(children, key=lambda child: natural_key(child.name))


def get_public_ward(pk) -> Division:
    """A ward for its public page (no login: the page shows only what the posted notices show)."""
    return access.get_or_404(Division.objects.filter(level=Level.WARD), pk)


def get_public_khu_pho(pk) -> Division:
    """A khu phố for its "my meeting" answer (no login), with its ward; 404 for anything else."""
    return access.get_or_404(Division.objects.filter(level=Level.NEIGHBORHOOD).select_related("parent"), pk)
