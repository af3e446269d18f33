"""Who holds each post of a khu phố, since when, and which posts are vacant (issue 14).

The term at a glance: ``Tenure`` rows (one person, one post, one period) begun by a
recognition or an appointment and ended by the decision that let the person go; ``Vacancy``
rows from a post left empty within the term until someone is elected to it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Value

from elections import rules
from elections.models import (
    Election,
    ElectionPurpose,
    OfficePost,
    Plan,
    PlanLevel,
    Tenure,
    TenureKind,
    Vacancy,
)
from neighborhoods.models import Division, Level, subtree_q

# The kinds of tenure that hold the head's post only until a head is elected.
STANDING_IN = (TenureKind.INTERIM, TenureKind.CONVENER)


def serving(neighborhood: Division, post: str) -> list[Tenure]:
    """Who holds ``post`` in the khu phố today (one head; one or two board members)."""
    return list(
        Tenure.objects.filter(neighborhood=neighborhood, post=post, ended_on__isnull=True).order_by(
            "started_on", "pk"
        )
    )


def serving_head(neighborhood: Division) -> Tenure | None:
    """The khu phố's head today: elected, interim or a convener standing in; None when vacant."""
    heads = serving(neighborhood, OfficePost.HEAD)
    return heads[0] if heads else None


def history(neighborhood: Division) -> list[Tenure]:
    """Every tenure of the khu phố, the head's first, each post oldest first."""
    return list(
        Tenure.objects.filter(neighborhood=neighborhood)
        .select_related("election__plan", "start_decision", "end_decision")
        .order_by("post", "started_on", "pk")
    )


def open_vacancies(division: Division) -> QuerySet[Vacancy]:
    """The posts left vacant below ``division`` (a khu phố, a ward or any level above)."""
    field = "neighborhood__path" if division.level == Level.NEIGHBORHOOD else "ward__path"
    return (
        Vacancy.objects.filter(subtree_q(division, field), filled_on__isnull=True)
        .select_related("neighborhood", "left")
        .order_by("due_on", "vacant_from", "pk")
    )


def current_ward_plan(ward: Division) -> Plan | None:
    """The ward-level plan of the term now running: where the proceedings between elections
    (a dismissal meeting, the election of a new head, a by-election) are filed."""
    return (
        Plan.objects.official()
        .filter(division=ward, level=PlanLevel.WARD)
        .order_by("-term_end_year", "-issued_on")
        .first()
    )


def term_ends_on(plan: Plan) -> datetime.date:
    """The day the plan's term ends (see ``rules.term_end_date``)."""
    return rules.term_end_date(plan.completion_deadline, plan.term_start_year, plan.term_end_year)


@dataclass
class TermFigures:
    """What a dashboard row counts of the term between elections."""

    vacancies: int = 0
    overdue: int = 0  # head vacancies whose new election was due before today, not decided (NĐ 59 Art. 9.3)
    interim_heads: int = 0  # interim heads and conveners standing in for a head

    def add(self, other: TermFigures) -> None:
        self.vacancies += other.vacancies
        self.overdue += other.overdue
        self.interim_heads += other.interim_heads


def OVERDUE(today: datetime.date) -> Q:  # noqa: N802 - reads as the condition it is
    """A head's vacancy whose new election the ward has not decided by its due day."""
    return Q(post=OfficePost.HEAD, due_on__lt=today, new_election__isnull=True)


def _row_key(division: Division, ward_path: str, neighborhood_id: int) -> int:
    """The id of the child of ``division`` a row belongs to: the khu phố under a ward, else the
    next division down on the ward's path."""
    if division.level == Level.WARD:
        return neighborhood_id
    return division.child_id_on(ward_path)


def term_figures(division: Division, today: datetime.date) -> dict[int, TermFigures]:
    """Vacancies, overdue new elections and interim heads below ``division``, per child
    division (per khu phố for a ward), in one query (a UNION ALL of the open vacancies and the
    stand-ins, each grouped by ward and khu phố), so that a dashboard keeps its fixed budget."""
    in_division = subtree_q(division, "ward__path")
    vacancies = (
        Vacancy.objects.filter(in_division, filled_on__isnull=True)
        .values("ward__path", "neighborhood_id")
        .annotate(vacancies=Count("pk"), overdue=Count("pk", filter=OVERDUE(today)), interim=Value(0))
        .order_by()
    )
    standing_in = (
        Tenure.objects.filter(in_division, ended_on__isnull=True, post=OfficePost.HEAD, kind__in=STANDING_IN)
        .values("ward__path", "neighborhood_id")
        .annotate(vacancies=Value(0), overdue=Value(0), interim=Count("pk"))
        .order_by()
    )
    figures: dict[int, TermFigures] = {}
    for row in vacancies.union(standing_in, all=True):
        key = _row_key(division, row["ward__path"], row["neighborhood_id"])
        figures.setdefault(key, TermFigures()).add(
            TermFigures(vacancies=row["vacancies"], overdue=row["overdue"], interim_heads=row["interim"])
        )
    return figures


def term_elections(plan: Plan) -> QuerySet[Election]:
    """The plan's term elections, one per khu phố: what the board's composition and the term's
    figures count. The proceedings within the term (a new head, a by-election, …) are further
    elections under the same plan (``Election.purpose``)."""
    return plan.elections.filter(purpose=ElectionPurpose.TERM)


# --- h5: the term at a glance on the khu phố's and the ward's pages --------------------------


def is_overdue(vacancy: Vacancy, today: datetime.date) -> bool:
    """``OVERDUE`` for one vacancy: a head's post whose new election was due before today and
    that the ward has not decided (NĐ 59 Art. 9.3)."""
    return (
        vacancy.post == OfficePost.HEAD
        and vacancy.due_on is not None
        and vacancy.due_on < today
        and vacancy.new_election_id is None
    )


def ward_history(ward: Division) -> list[Tenure]:
    """Every tenure in every khu phố of the ward, with what the history table prints."""
    return list(
        Tenure.objects.filter(ward=ward)
        .select_related("neighborhood", "election__plan", "start_decision", "end_decision")
        .order_by("started_on", "pk")
    )


def standing_in(neighborhood_ids) -> dict[int, Tenure]:
    """The interim head or convener serving today in each of these khu phố, by khu phố id."""
    return {
        tenure.neighborhood_id: tenure
        for tenure in Tenure.objects.filter(
            neighborhood_id__in=list(neighborhood_ids),
            post=OfficePost.HEAD,
            kind__in=STANDING_IN,
            ended_on__isnull=True,
        )
    }


def ward_plans(ward: Division) -> list[Plan]:
    """The ward-level plans of the ward, each a term: where a tenure without an election finds
    its term (by the day the term ends)."""
    return list(
        Plan.objects.official().filter(division=ward, level=PlanLevel.WARD).order_by("term_start_year", "pk")
    )
