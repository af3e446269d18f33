"""Progress of the elections below any division, rolled up per child division.

Every figure is an aggregate query grouped by one column of ``Election`` (its
province, district, ward or khu phố), so a dashboard costs the same fixed number
of queries for Phường 22 as for the whole country. Deadlines come from
``elections.rules``: each "at least n days before the meeting" rule becomes a
condition on the meeting date, and each "within n working days" rule a cut-off
date computed once per request from the Vietnamese working-day calendar.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet, Sum

from elections import rules
from elections.models import Election, Plan, Stage
from neighborhoods.models import Division, Level

# Rolling up from a division groups its elections by the column of the level below.
SCOPE_FIELD = {
    Level.COUNTRY: None,
    Level.PROVINCE: "province",
    Level.DISTRICT: "district",
    Level.WARD: "ward",
    Level.NEIGHBORHOOD: "neighborhood",
}
CHILD_FIELD = {
    Level.COUNTRY: "province",
    Level.PROVINCE: "district",
    Level.DISTRICT: "ward",
    Level.WARD: "neighborhood",
    Level.NEIGHBORHOOD: "neighborhood",
}
DONE_STAGES = (Stage.RECOGNISED, Stage.INTERIM_HEAD)
STAGES = list(Stage.values)


@dataclass(frozen=True)
class OverdueRule:
    key: str
    label: str
    basis: str


def _rules(settings: rules.RuleSettings) -> list[OverdueRule]:
    sample = rules.deadlines(datetime.date(2024, 10, 27), datetime.date(2024, 10, 28), settings)
    return [OverdueRule(d.key, d.label, d.basis) for d in sample]


# Which milestone of Election records each deadline as done.
MILESTONE = {
    "plan": "plan_decided_on",
    "candidate_list_minutes": "candidate_list_minutes_on",
    "team_decision": "team_decided_on",
    "posting": "posted_on",
    "meeting_notice": "meeting_notice_on",
    "community_decision": "community_decision_on",
    "recognition": "recognised_on",
}
BEFORE_DAYS = {
    "plan": "plan_days",
    "candidate_list_minutes": "candidate_list_minutes_days",
    "team_decision": "team_decision_days",
    "posting": "posting_days",
    "meeting_notice": "meeting_notice_days",
}


def working_days_cutoff(today: datetime.date, n: int) -> datetime.date:
    """The last start date whose deadline "n working days after" has passed by ``today``."""
    day = today - datetime.timedelta(days=1)
    while rules.working_days_after(day, n) >= today:
        day -= datetime.timedelta(days=1)
    return day


def overdue_conditions(today: datetime.date, settings: rules.RuleSettings) -> dict[str, Q]:
    """Per deadline, the condition for an election to be late on ``today``.

    The same answer as ``rules.deadline_status(...) == LATE`` for each election's
    checklist, written as a filter so that the database counts it.
    """
    conditions = {}
    for key, setting in BEFORE_DAYS.items():
        # due = meeting - n days; late when not done and today > due.
        latest_meeting = today + datetime.timedelta(days=getattr(settings, setting))
        conditions[key] = Q(meeting_date__lt=latest_meeting, **{f"{MILESTONE[key]}__isnull": True})
    after_meeting = working_days_cutoff(today, settings.community_decision_working_days)
    conditions["community_decision"] = Q(meeting_date__lte=after_meeting, community_decision_on__isnull=True)
    after_receipt = working_days_cutoff(today, settings.recognition_working_days)
    conditions["recognition"] = Q(community_decision_on__lte=after_receipt, recognised_on__isnull=True)
    return conditions


def elections_below(division: Division) -> QuerySet[Election]:
    scope = SCOPE_FIELD[division.level]
    elections = Election.objects.all()
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

    @property
    def total(self) -> int:
        return sum(self.stages.values())

    @property
    def done(self) -> int:
        return sum(self.stages.get(s, 0) for s in DONE_STAGES)

    @property
    def completion(self) -> float:
        return round(100 * self.done / self.total, 1) if self.total else 0.0

    @property
    def turnout(self) -> float | None:
        return round(100 * self.present / self.households, 1) if self.households else None

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
            "completion_percent": self.completion,
            "households": self.households,
            "present": self.present,
            "turnout_percent": self.turnout,
            "overdue": self.overdue,
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

    def as_dict(self) -> dict:
        return {
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


def _figures(elections: QuerySet, child: str, conditions: dict[str, Q]) -> dict[int, dict]:
    """One pass over the elections, grouped by child: stages, turnout and each overdue rule."""
    stages = {f"stage_{stage}": Count("pk", filter=Q(stage=stage)) for stage in STAGES}
    overdue = {f"late_{key}": Count("pk", filter=condition) for key, condition in conditions.items()}
    rows = elections.values(child).annotate(
        **stages, households=Sum("households"), present=Sum("present"), **overdue
    )
    return {row[child]: row for row in rows.order_by()}


def _histogram(elections: QuerySet) -> list[int]:
    bands = [0] * 10
    counted = elections.filter(households__gt=0, present__isnull=False)
    for row in (
        counted.annotate(band=F("present") * 10 / F("households"))
        .values("band")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        bands[min(int(row["band"]), 9)] += row["n"]
    return bands


def _children(division: Division, ids: set[int]) -> list[Division]:
    """The child divisions to show: those with elections, and the current ones without."""
    if division.level == Level.NEIGHBORHOOD:
        return [division]
    children = Division.objects.filter(parent=division).only(
        "pk", "name", "code", "level", "path", "valid_until"
    )
    return [child for child in children if child.pk in ids or child.valid_until is None]


def plan_deadline(division: Division) -> datetime.date | None:
    """The completion deadline of the plan that governs ``division`` (its own, else the nearest above)."""
    ancestors = [int(pk) for pk in division.path.strip("/").split("/") if pk]
    plan = (
        Plan.objects.filter(division_id__in=ancestors)
        .order_by("-division__path", "-issued_on")
        .values_list("completion_deadline", flat=True)
        .first()
    )
    return plan


def progress(
    division: Division, today: datetime.date, settings: rules.RuleSettings | None = None
) -> Progress:
    """Every figure of a division's dashboard, in a fixed number of queries."""
    from wardvote.text import natural_key

    settings = settings or rules.DEFAULTS
    child = CHILD_FIELD[division.level]
    elections = elections_below(division)
    conditions = overdue_conditions(today, settings)
    figures = _figures(elections, child, conditions)
    rows = []
    for child_division in _children(division, set(figures)):
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
    return Progress(
        division, today, rows, total, _rules(settings), plan_deadline(division), _histogram(elections)
    )
