"""Reads of the decisions after the count: the latest version of a decision, the
inspection board's elected members, and the outcomes and elected head as a decision
quotes them."""

from __future__ import annotations

from elections.models import ContestKind, Decision, DecisionKind, Election, Plan
from elections.selectors.count import current_result
from wardvote.text import natural_key

# The inspection board's decisions belong to the ward Front; every other decision to the ward.
BOARD_KINDS = (DecisionKind.RECOGNISE_BOARD, DecisionKind.BOARD_OFFICERS)


def latest_decision(election: Election | None, kind: str, plan: Plan | None = None) -> Decision | None:
    decisions = Decision.objects.filter(kind=kind)
    decisions = (
        decisions.filter(election=election) if election else decisions.filter(plan=plan, election=None)
    )
    return decisions.order_by("-version", "-pk").first()


def board_members(plan: Plan) -> tuple[list[dict], list[str]]:
    """Each khu phố's elected inspection-board member, and the khu phố still without one."""
    members, missing = [], []
    elections = plan.elections.select_related("neighborhood").order_by("neighborhood__name")
    for election in sorted(elections, key=lambda e: natural_key(e.neighborhood.name)):
        contest = election.contests.filter(kind=ContestKind.INSPECTION_BOARD).first()
        if contest is None:
            continue
        result = current_result(contest)
        if result and result.elected:
            members.append(
                {
                    "candidate": result.elected_id,
                    "full_name": result.elected.full_name,
                    "neighborhood": election.neighborhood.name,
                }
            )
        else:
            missing.append(election.neighborhood.name)
    return members, missing


def board_complete(plan: Plan) -> bool:
    """Whether every member of the plan's inspection board is recognised by the ward Front."""
    return latest_decision(None, DecisionKind.RECOGNISE_BOARD, plan) is not None


def outcome_lines(election: Election) -> list[str]:
    """Each contest's standing outcome in words, as a decision after the count quotes it."""
    lines = []
    for contest in election.contests.order_by("kind"):
        result = current_result(contest)
        if result:
            lines.append(f"{contest.get_kind_display()}: {result.reason}")
    return lines


def elected_details(election: Election) -> dict:
    """The elected head as the recognition decision names them (empty while no one is)."""
    head = election.contests.filter(kind=ContestKind.HEAD).first()
    result = current_result(head) if head else None
    if result is None or result.elected is None:
        return {}
    approvals = result.counts[str(result.elected_id)]
    approvals = approvals[0] if isinstance(approvals, list) else approvals
    return {
        "full_name": result.elected.full_name,
        "birth_year": result.elected.birth_date.year,
        "approvals": approvals,
        "household_total": result.household_total,
        "reason": result.reason,
        "result_version": result.version,
    }
