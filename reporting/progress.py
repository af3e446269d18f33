"""Progress of the elections below any division, rolled up per child division.

Every figure is an aggregate query grouped by one column of ``Election`` (its
province, district, ward or khu phố), so a dashboard costs the same fixed number
of queries for Phường 22 as for the whole country. Deadlines come from
``elections.rules``: each "at least n days before the meeting" rule becomes a
condition on the meeting date, and each "within n working days" rule a cut-off
date computed once per request from the Vietnamese working-day calendar, with
the plan's own cut-offs for the elections of a plan that overrides the rules.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import BooleanField, Count, F, Func, Q, QuerySet, Sum

from elections import rules
from elections.models import Election, ElectionPurpose, Plan, Stage
from elections.selectors.plans import ALSO_DONE_BY, MILESTONES
from elections.selectors.signed_copies import missing_by_child
from elections.selectors.tenures import TermFigures, term_figures
from neighborhoods.models import Division, Level, on_two_level_map, subtree_q
from wardvote.text import natural_key

# Rolling up from a division groups its elections by the column of the level below.
SCOPE_FIELD: dict[str, str | None] = {
    Level.COUNTRY: None,
    Level.PROVINCE: "province",
    Level.DISTRICT: "district",
    Level.WARD: "ward",
    Level.NEIGHBORHOOD: "neighborhood",
}
CHILD_FIELD: dict[str, str] = {
    Level.COUNTRY: "province",
    Level.PROVINCE: "district",
    Level.DISTRICT: "ward",
    Level.WARD: "neighborhood",
    Level.NEIGHBORHOOD: "neighborhood",
}


def child_field(division: Division) -> str:
    """The column of ``Election`` a division's dashboard groups by: the level below it, which
    for a province of the two-level map (1 July 2025, no district) is the ward."""
    if division.level == Level.PROVINCE and on_two_level_map(division):
        return "ward"
    return CHILD_FIELD[division.level]


# An interim head keeps the post filled until the re-run, but the election is not done.
DONE_STAGES = (Stage.RECOGNISED,)
STAGES = list(Stage.values)


@dataclass(frozen=True)
class OverdueRule:
    key: str
    label: str
    basis: str


def _rules(today: datetime.date, settings: rules.RuleSettings) -> list[OverdueRule]:
    return [OverdueRule(d.key, d.label, d.basis) for d in rules.deadlines(today, today, settings)]


# The day each deadline runs from: the meeting, or for recognition the receipt of form 03.
START = {"recognition": "community_decision_on"}


def overdue_conditions(
    today: datetime.date,
    settings: rules.RuleSettings,
    plan_rules: Mapping[int, rules.RuleSettings] | None = None,
) -> dict[str, Q]:
    """Per deadline, the condition for an election to be late on ``today``: the checklist's
    ``deadline_status(...) == LATE``, written as a filter so that the database counts it.

    ``plan_rules`` gives the settings of the plans that override ``settings``: their
    elections are late by their own cut-off, so that the dashboard agrees with each
    election's checklist. Plans are grouped by cut-off day, so a plan whose overrides do
    not move a deadline adds nothing to the query."""
    default = rules.late_cutoffs(today, settings)
    by_day: dict[str, dict[datetime.date, list[int]]] = {key: {} for key in default}
    for pk, plan_settings in sorted((plan_rules or {}).items()):
        for key, cutoff in rules.late_cutoffs(today, plan_settings).items():
            if cutoff != default[key]:
                by_day[key].setdefault(cutoff, []).append(pk)
    return {key: _late(key, cutoff, by_day[key]) for key, cutoff in default.items()}


def _started_by(key: str, cutoff: datetime.date) -> Q:
    """The deadline's start day is on or before ``cutoff``. After household ballots the
    community's decision runs from the end of the collection (NĐ 59 Art. 4.7), as in
    ``elections.selectors.plans.collection_end``."""
    if key != "community_decision":
        return Q(**{f"{START.get(key, 'meeting_date')}__lte": cutoff})
    on_ballots = Q(ballot_collection_ends_on__isnull=False, meeting_date__isnull=False)
    at_meeting = Q(ballot_collection_ends_on__isnull=True)
    return (on_ballots & Q(ballot_collection_ends_on__lte=cutoff)) | (
        at_meeting & Q(meeting_date__lte=cutoff)
    )


def _late(key: str, default: datetime.date, others: dict[datetime.date, list[int]]) -> Q:
    """Late by ``default`` unless the plan is one of ``others``, late by its own day."""

    def late_by(cutoff: datetime.date) -> Q:
        not_done = Q(**{f"{MILESTONES[key]}__isnull": True})
        if key in ALSO_DONE_BY:
            not_done &= Q(**{f"{ALSO_DONE_BY[key]}__isnull": True})
        return _started_by(key, cutoff) & not_done

    if not others:
        return late_by(default)
    condition = late_by(default) & ~Q(plan_id__in=[pk for pks in others.values() for pk in pks])
    for cutoff, pks in others.items():
        condition |= late_by(cutoff) & Q(plan_id__in=pks)
    return condition


def campaign_plans(campaign: int | None = None) -> QuerySet[Plan]:
    """The official plans of one campaign: with ``campaign`` None the current one, each
    division's latest plan; else the plans of the term that starts in the year ``campaign``.

    "Current" is per division, not one year for the country: a province sets its own term for
    the neighbourhood head (2½ or 5 years), so provinces start their terms in different years.
    A plan of an earlier term is ``superseded`` once its division has a later one."""
    plans = Plan.objects.official()
    if campaign is not None:
        return plans.filter(term_start_year=campaign)
    return plans.filter(superseded=False)


def campaign_terms(division: Division) -> list[tuple[int, int]]:
    """(start, end) of every term with an official plan that governs ``division`` or a division
    below it, the latest first: the choice its dashboard offers. Another province's terms are not
    offered: provinces start their terms in different years, and that term has nothing here."""
    # order_by(): the model's default ordering would add its columns to the UNION.
    official = Plan.objects.official().order_by()
    if division.parent_id is None:  # the country: every plan, with no join to the divisions
        return sorted(official.values_list("term_start_year", "term_end_year").distinct(), reverse=True)
    above = official.filter(division_id__in=division.ancestor_ids)
    below = plans_in_subtree(official, division)
    # A UNION rather than OR: each side is read through its own index (the plan's division, the
    # division's path), where an OR across the two tables reads every plan.
    terms = above.values_list("term_start_year", "term_end_year").union(
        below.values_list("term_start_year", "term_end_year")
    )
    return sorted(terms, reverse=True)


def plans_in_subtree(plans: QuerySet[Plan], division: Division) -> QuerySet[Plan]:
    """``plans`` of ``division`` and the divisions below it (a plan hangs on a province,
    district or ward, never on a khu phố)."""
    planned = Division.objects.filter(subtree_q(division)).exclude(level=Level.NEIGHBORHOOD).values("pk")
    if connection.vendor != "postgresql":
        return plans.filter(division_id__in=planned)
    # "= ANY(ARRAY(subquery))": the divisions are read once through the path index, then the
    # plans through their division's. As a join (or IN) PostgreSQL chose a merge join walking
    # every division of the country by its key: 40-70 ms for a city against 1 ms (make bench).
    return plans.filter(EqualsAny(F("division_id"), ArraySubquery(planned)))


class EqualsAny(Func):
    """The condition ``value = ANY(array)`` (PostgreSQL)."""

    arg_joiner = " = ANY("
    template = "%(expressions)s)"
    output_field = BooleanField()


def term_elections(campaign: int | None = None) -> QuerySet[Election]:
    """The campaign's elections: each khu phố's election of the term, of the current campaign
    unless ``campaign`` names an earlier one (``campaign_plans``); the terms kept from before
    are in no figure of the current one. The proceedings within the term (a new head, a
    dismissal, a by-election) are ``Election`` rows too, but no part of the campaign's progress:
    the dashboards count them apart (``term_figures``). A practice copy's elections are no part
    of any figure (``official()``)."""
    elections = Election.objects.official().filter(purpose=ElectionPurpose.TERM)
    if campaign is None:
        # The election's own copy of its plan's flag: the partial indexes on it hold the current
        # campaign alone, so the figures cost the same with one term kept or ten.
        return elections.filter(superseded=False)
    return elections.filter(plan__term_start_year=campaign)


def elections_below(division: Division, campaign: int | None = None) -> QuerySet[Election]:
    scope = SCOPE_FIELD[division.level]
    elections = term_elections(campaign)
    return elections.filter(**{scope: division}) if scope else elections


# --- The figures ----------------------------------------------------------------------


@dataclass
class Row:
    """One child division's figures (or the total of all of them)."""

    pk: int | None
    name: str
    code: str = ""
    stages: dict[str, int] = field(default_factory=dict)
    households: int = 0
    present: int = 0
    overdue: dict[str, int] = field(default_factory=dict)
    # Between elections (issue 14): open vacancies, interim heads and conveners standing in,
    # and head vacancies whose new election was due and is not decided (NĐ 59 Art. 9.3).
    term: TermFigures = field(default_factory=TermFigures)
    # Issue 16 item 10: issued papers (forms 02, 03, the ward's decisions) whose signed copy the
    # ward has not received yet.
    signed_missing: int = 0

    @property
    def total(self) -> int:
        return sum(self.stages.values())

    @property
    def done(self) -> int:
        return sum(self.stages.get(s, 0) for s in DONE_STAGES)

    @property
    def completion(self) -> Decimal:
        return rules.percent(self.done, self.total)

    @property
    def turnout(self) -> Decimal | None:
        return rules.percent(self.present, self.households) if self.households else None

    @property
    def stage_list(self) -> list[int]:
        """The counts in the order of ``STAGES`` (for tables)."""
        return [self.stages.get(stage, 0) for stage in STAGES]

    @property
    def overdue_total(self) -> int:
        return sum(self.overdue.values())

    def as_dict(self) -> dict:
        return {
            "division": {"id": self.pk, "code": self.code, "name": self.name},
            "elections": self.total,
            "stages": {stage: self.stages.get(stage, 0) for stage in STAGES},
            "completed": self.done,
            "completion_percent": float(self.completion),
            "households": self.households,
            "present": self.present,
            "turnout_percent": float(self.turnout) if self.turnout is not None else None,
            "overdue": self.overdue,
            "term": {
                "vacancies": self.term.vacancies,
                "interim_heads": self.term.interim_heads,
                "overdue_new_elections": self.term.overdue,
            },
            "signed_copies_missing": self.signed_missing,
        }


@dataclass
class Progress:
    division: Division
    today: datetime.date
    rows: list[Row]
    total: Row
    rules: list[OverdueRule]
    deadline: datetime.date | None
    turnout_histogram: list[int]  # elections per 10 % band of turnout, 0–10 % … 90–100 %
    campaign: int | None = None  # the year its term starts; None: the current campaign

    def as_dict(self) -> dict:
        return {
            "campaign": self.campaign,
            "division": {
                "id": self.division.pk,
                "code": self.division.code,
                "name": self.division.name,
                "level": self.division.level,
            },
            "date": self.today.isoformat(),
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "total": self.total.as_dict(),
            "children": [row.as_dict() for row in self.rows],
            "turnout_histogram": self.turnout_histogram,
            "overdue_rules": [{"key": r.key, "label": r.label, "basis": r.basis} for r in self.rules],
        }


def figures_query(elections: QuerySet, child: str, conditions: dict[str, Q]) -> QuerySet:
    """One pass over the elections, grouped by child: stages, turnout and each overdue rule."""
    stages = {f"stage_{stage}": Count("pk", filter=Q(stage=stage)) for stage in STAGES}
    overdue = {f"late_{key}": Count("pk", filter=condition) for key, condition in conditions.items()}
    return (
        elections.values(child)
        .annotate(**stages, households=Sum("households"), present=Sum("present"), **overdue)
        .order_by()
    )


def turnout_bands_query(elections: QuerySet) -> QuerySet:
    """Counted elections per 10 % band of turnout (band 10 is a full 100 %)."""
    counted = elections.filter(households__gt=0, present__isnull=False)
    return (
        counted.annotate(band=F("present") * 10 / F("households"))
        .values("band")
        .annotate(n=Count("pk"))
        .order_by()
    )


def _figures(elections: QuerySet, child: str, conditions: dict[str, Q]) -> dict[int, dict]:
    return {row[child]: row for row in figures_query(elections, child, conditions)}


def _histogram(elections: QuerySet) -> list[int]:
    bands = [0] * 10
    for row in turnout_bands_query(elections):
        bands[min(int(row["band"]), 9)] += row["n"]
    return bands


def children_of(division: Division, ids: set[int]) -> list[Division]:
    """The child divisions to show: those with elections, and the current ones without."""
    if division.level == Level.NEIGHBORHOOD:
        return [division]
    children = Division.objects.filter(parent=division).only(
        "pk", "name", "code", "level", "path", "valid_until"
    )
    return [child for child in children if child.pk in ids or child.valid_until is None]


def plans_around(
    division: Division, campaign: int | None = None
) -> tuple[datetime.date | None, dict[int, rules.RuleSettings]]:
    """In one query: the completion deadline of the campaign's plan that governs ``division``
    (its own, else the nearest above) and the rules of every plan of the campaign with overrides
    that governs an election below it: a ward's plan, the division's own or one below it. Plans
    without overrides (nearly all) are not read; an override of a plan above the ward governs no
    election and only adds a condition that nothing meets."""
    ancestors = division.ancestor_ids
    fields = ("pk", "division_id", "issued_on", "completion_deadline", "rule_overrides")
    plans = campaign_plans(campaign).order_by().only(*fields)
    governing = plans.filter(division_id__in=ancestors)
    overriding = plans.filter(subtree_q(division, "division__path")).exclude(rule_overrides={})
    # A UNION, as in campaign_terms: each side through its own index.
    found = list(governing.union(overriding))
    nearest_first = sorted(
        (plan for plan in found if plan.division_id in ancestors),
        key=lambda plan: (ancestors.index(plan.division_id), plan.issued_on),
        reverse=True,
    )
    deadline = nearest_first[0].completion_deadline if nearest_first else None
    plan_rules = {plan.pk: plan.rules for plan in found if plan.rule_overrides}
    return deadline, plan_rules


def _term_figures(division: Division, today: datetime.date) -> dict[int, TermFigures]:
    """The term's figures per row: per child division, or for a khu phố its own (read from its
    ward's, where the figures are kept per khu phố)."""
    if division.level != Level.NEIGHBORHOOD:
        return term_figures(division, today)
    assert division.parent_id is not None, "a khu phố lies in a ward"
    ward = Division.objects.only("pk", "path", "level").get(pk=division.parent_id)
    return {division.pk: term_figures(ward, today).get(division.pk, TermFigures())}


def progress(
    division: Division,
    today: datetime.date,
    settings: rules.RuleSettings | None = None,
    campaign: int | None = None,
) -> Progress:
    """Every figure of a division's dashboard for one campaign (the current one by default), in
    a fixed number of queries."""
    settings = settings or rules.DEFAULTS
    child = child_field(division)
    elections = elections_below(division, campaign)
    deadline, plan_rules = plans_around(division, campaign)
    conditions = overdue_conditions(today, settings, plan_rules)
    figures = _figures(elections, child, conditions)
    term = _term_figures(division, today)
    signed_missing = missing_by_child(division, campaign_plans(campaign))
    rows = []
    for child_division in children_of(division, set(figures) | set(term)):
        data = figures.get(child_division.pk, {})
        rows.append(
            Row(
                child_division.pk,
                child_division.name,
                child_division.code,
                {stage: data[f"stage_{stage}"] for stage in STAGES if data.get(f"stage_{stage}")},
                data.get("households") or 0,
                data.get("present") or 0,
                {key: data.get(f"late_{key}", 0) for key in conditions},
                term.get(child_division.pk, TermFigures()),
                signed_missing.get(child_division.pk, 0),
            )
        )
    rows.sort(key=lambda row: natural_key(row.name))
    total = Row(division.pk, division.name, division.code)
    for row in rows:
        for stage, n in row.stages.items():
            total.stages[stage] = total.stages.get(stage, 0) + n
        total.households += row.households
        total.present += row.present
        for key, n in row.overdue.items():
            total.overdue[key] = total.overdue.get(key, 0) + n
        total.term.add(row.term)
        total.signed_missing += row.signed_missing
    return Progress(
        division, today, rows, total, _rules(today, settings), deadline, _histogram(elections), campaign
    )
