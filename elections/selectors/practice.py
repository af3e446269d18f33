"""Practice copies: whether a record belongs to one, and the ward's copies of a real plan.

A practice copy is a ward plan flagged ``practice`` (with its elections flagged too, see
``elections.services.practice``). Every record of the election workflow leads to a plan or an
election in a few steps; ``is_practice`` follows them, so that the page banner and the printed
papers need no list of their own.
"""

from __future__ import annotations

from django.db.models import QuerySet

from elections.models import Election, Plan

# The attribute by which a record leads towards its election or plan, tried in this order.
TOWARDS_ELECTION = ("election", "meeting", "contest", "plan")


def is_practice(record: object, depth: int = 4) -> bool:
    """Whether ``record`` (a plan, an election, or anything that leads to one: a meeting, a
    contest, a decision, a result, a budget...) belongs to a practice copy."""
    if isinstance(record, Plan | Election):
        return record.practice
    if depth == 0 or record is None:
        return False
    for name in TOWARDS_ELECTION:
        related = getattr(record, name, None)
        if related is not None:
            return is_practice(related, depth - 1)
    return False


def practice_copies(plan: Plan) -> QuerySet[Plan]:
    """The current practice copies of a real ward plan, newest first (retired ones are hidden)."""
    return Plan.objects.filter(practice_of=plan, retired_at__isnull=True).order_by("-created_at", "-pk")
