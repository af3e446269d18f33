"""Practice copies: whether a record belongs to one, and the ward's copies of a real plan.

A practice copy is a ward plan flagged ``practice`` (with its elections flagged too, see
``elections.services.practice``). Every record of the election workflow leads to a plan or an
election in a few steps; ``is_practice`` follows them, so that the page banner and the printed
papers need no list of their own. ``plan_of`` follows the same steps to the plan itself: each
paper keeps it, so that a dashboard counts one campaign's papers.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet

from elections.models import Election, Plan

# The attribute by which a record leads towards its election or plan, tried in this order.
TOWARDS_ELECTION = ("election", "meeting", "contest", "plan")


def _towards_plan(record: object, steps: int = 4) -> Iterator[object]:
    """``record``, then each record it leads to, one step at a time towards its election and plan
    (at most ``steps`` steps)."""
    while record is not None and steps >= 0:
        yield record
        record = next(
            (related for name in TOWARDS_ELECTION if (related := getattr(record, name, None)) is not None),
            None,
        )
        steps -= 1


def is_practice(record: object) -> bool:
    """Whether ``record`` (a plan, an election, or anything that leads to one: a meeting, a
    contest, a decision, a result, a budget...) belongs to a practice copy."""
    for step in _towards_plan(record):
        if isinstance(step, Plan | Election):
            return step.practice
    return False


def plan_of(record: object) -> Plan | None:
    """The plan ``record`` belongs to: a plan itself, an election's, or the plan of anything that
    leads to one (a meeting, a decision, ...); None for a record of no plan."""
    return next((step for step in _towards_plan(record) if isinstance(step, Plan)), None)


def practice_copies(plan: Plan) -> QuerySet[Plan]:
    """The current practice copies of a real ward plan, newest first (retired ones are hidden)."""
    return Plan.objects.filter(practice_of=plan, retired_at__isnull=True).order_by("-created_at", "-pk")
