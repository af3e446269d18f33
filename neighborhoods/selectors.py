"""Reads of the division tree that views share."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet

from neighborhoods.models import Division, Household, HouseholdStatus, Level
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


def households_for(user, capability: str = access.READ_PERSONAL_DATA) -> QuerySet[Household]:
    """Households with their names and addresses: never for a mere ``READ``."""
    return Household.objects.filter(access.scope_q(user, capability, field="neighborhood__path"))


def get_household_for(user, pk, capability: str = access.READ_PERSONAL_DATA) -> Household:
    return access.get_or_404(households_for(user, capability).select_related("neighborhood"), pk)


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
