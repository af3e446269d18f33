"""Reads of the commendation lists: a plan's lists, and every list of the wards under a
division (a district, or a province on the 2025 map) for its roll-up."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Max, QuerySet

from elections.models import (
    Commendation,
    CommendationForm,
    CommendationStatus,
    Commendee,
    CommendeeKind,
    Decision,
    DecisionKind,
    ElectionPurpose,
    Plan,
    Stage,
)
from neighborhoods.models import Division, subtree_q


def commendations_of(plan: Plan) -> QuerySet[Commendation]:
    return plan.commendations.select_related("supersedes").prefetch_related("commendees", "superseded_by")


def campaign_ended_on(plan: Plan) -> datetime.date:
    """The day the campaign's work ended: the plan's completion deadline, or the day the last
    khu phố's result was recognised when every election of the term was recognised before it."""
    term = plan.elections.filter(purpose=ElectionPurpose.TERM)
    if term.exists() and not term.exclude(stage=Stage.RECOGNISED).exists():
        last = Decision.objects.filter(
            plan=plan, kind__in=[DecisionKind.RECOGNISE_HEAD, DecisionKind.RECOGNISE_BOARD_MEMBER]
        ).aggregate(last=Max("decided_on"))["last"]
        if last is not None and last < plan.completion_deadline:
            return last
    return plan.completion_deadline


def standing(queryset: QuerySet[Commendation]) -> QuerySet[Commendation]:
    """The lists no correction replaced yet: a correction replaces its list once it is proposed
    itself (a draft correction leaves the old list standing)."""
    return queryset.exclude(
        superseded_by__status__in=[CommendationStatus.PROPOSED, CommendationStatus.DECIDED]
    )


def commendations_below(division: Division) -> QuerySet[Commendation]:
    """The standing proposed or decided lists of every ward under ``division`` (or its own)."""
    return standing(
        Commendation.objects.filter(subtree_q(division, "ward__path"), plan__practice=False).exclude(
            status=CommendationStatus.DRAFT
        )
    ).select_related("ward", "plan")


@dataclass
class RollUp:
    """The roll-up of a division's wards' commendations: counts by form and kind, and the lines."""

    by_form: list[tuple[str, int, int]] = field(
        default_factory=list
    )  # (form label, collectives, individuals)
    collectives: int = 0
    individuals: int = 0
    lines: list[tuple[Commendation, Commendee]] = field(default_factory=list)


def commendation_rollup(division: Division) -> RollUp:
    commendees = (
        Commendee.objects.filter(commendation__in=commendations_below(division))
        .select_related("commendation__ward", "commendation__plan")
        .order_by("commendation__ward__name", "commendation__form", "commendation_id", "order", "pk")
    )
    counts: Counter[tuple[str, str]] = Counter()
    rollup = RollUp()
    for commendee in commendees:
        counts[(commendee.commendation.form, commendee.kind)] += 1
        rollup.lines.append((commendee.commendation, commendee))
    for form in CommendationForm:
        collectives = counts[(form.value, CommendeeKind.COLLECTIVE.value)]
        individuals = counts[(form.value, CommendeeKind.INDIVIDUAL.value)]
        if collectives or individuals:
            rollup.by_form.append((str(form.label), collectives, individuals))
        rollup.collectives += collectives
        rollup.individuals += individuals
    return rollup
