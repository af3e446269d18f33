"""Reads of the election budget: a ward plan's budget, and the roll-up of the budgets below a
district or a province (on the 2025 map, province → ward)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Max, Q, Sum

from elections.models import Budget, BudgetStatus, Plan, PlanLevel
from neighborhoods.models import Division, Level, subtree_q
from wardvote.text import natural_key


def budget_of(plan: Plan) -> Budget | None:
    """The plan's budget as it stands: its latest version."""
    budgets = Budget.objects.filter(plan=plan).select_related("estimated_by", "settled_by", "supersedes")
    return budgets.order_by("-version").first()


def budget_lines(budget: Budget | None) -> list:
    return list(budget.lines.all()) if budget is not None else []


@dataclass
class BudgetRow:
    """One division's budgets: its wards' estimates, what the settled ones spent, and the
    difference of the settled ones (spent − their estimate)."""

    pk: int
    name: str
    wards: int = 0
    settled: int = 0
    estimate: int = 0
    settled_estimate: int = 0
    spent: int = 0
    plan_pk: int | None = None  # a ward's own plan: its row links to its budget page

    @property
    def difference(self) -> int:
        return self.spent - self.settled_estimate

    def add(self, other: BudgetRow) -> None:
        self.wards += other.wards
        self.settled += other.settled
        self.estimate += other.estimate
        self.settled_estimate += other.settled_estimate
        self.spent += other.spent


@dataclass
class BudgetRollup:
    division: Division
    term: int | None
    terms: list[int]
    term_label: str
    rows: list[BudgetRow] = field(default_factory=list)
    total: BudgetRow = field(default_factory=lambda: BudgetRow(0, "Tổng cộng"))


ROLLUP_LEVELS = (Level.COUNTRY, Level.PROVINCE, Level.DISTRICT)


def budget_rollup(division: Division, term: int | None = None) -> BudgetRollup:
    """Each child division's estimate, spent and difference, and the total: one aggregate query
    over the ward plans' budgets of the term (by default the latest term with a budget)."""
    # A corrected budget counts by its latest version only.
    budgets = Budget.objects.filter(
        subtree_q(division, "plan__division__path"),
        plan__level=PlanLevel.WARD,
        plan__practice=False,
        superseded_by__isnull=True,
    )
    spans = dict(budgets.values_list("plan__term_start_year", "plan__term_end_year").distinct())
    terms = sorted(spans, reverse=True)
    if term is None or term not in spans:
        term = terms[0] if terms else None
    rollup = BudgetRollup(division, term, terms, f"{term} - {spans[term]}" if term else "")
    if term is None:
        return rollup
    is_settled = Q(status=BudgetStatus.SETTLED)
    figures = (
        budgets.filter(plan__term_start_year=term)
        .values("plan__division", "plan__division__path", "plan__division__name")
        .annotate(
            wards=Count("pk"),
            settled_count=Count("pk", filter=is_settled),
            estimate=Sum("estimate_total"),
            settled_estimate=Sum("estimate_total", filter=is_settled),
            spent=Sum("spent_total", filter=is_settled),
            plan_pk=Max("plan"),  # one plan per ward and term: its own
        )
        .order_by()
    )
    rows: dict[int, BudgetRow] = {}
    for figure in figures:
        ward = BudgetRow(
            figure["plan__division"],
            figure["plan__division__name"],
            wards=figure["wards"],
            settled=figure["settled_count"],
            estimate=figure["estimate"] or 0,
            settled_estimate=figure["settled_estimate"] or 0,
            spent=figure["spent"] or 0,
            plan_pk=figure["plan_pk"] if figure["wards"] == 1 else None,
        )
        # The district on the 2024 map; on the 2025 map (and under a district) the ward itself.
        key = division.child_id_on(figure["plan__division__path"])
        if key == ward.pk:
            rows[key] = ward
        else:
            rows.setdefault(key, BudgetRow(key, "")).add(ward)
    unnamed = [key for key, row in rows.items() if not row.name]
    names = dict(Division.objects.filter(pk__in=unnamed).values_list("pk", "name"))
    for key, row in rows.items():
        row.name = row.name or names.get(key, "")
        rollup.total.add(row)
    rollup.rows = sorted(rows.values(), key=lambda r: natural_key(r.name))
    return rollup
