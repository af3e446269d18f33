"""The preparation of an election: its legal deadlines and what is done, due or late."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from elections import rules
from elections.models import Election

# Election fields that record when each preparation step was done, by deadline key.
MILESTONES = {
    "plan": "plan_decided_on",
    "team_decision": "team_decided_on",
    "posting": "posted_on",
    "candidate_list_minutes": "candidate_list_minutes_on",
    "meeting_notice": "meeting_notice_on",
    "community_decision": "community_decision_on",
    "recognition": "recognised_on",
}


@dataclass(frozen=True)
class ChecklistLine:
    key: str
    label: str
    basis: str
    due: datetime.date
    done_on: datetime.date | None
    status: str


def checklist(election: Election, today: datetime.date) -> list[ChecklistLine]:
    """The election's legal deadlines with what is done, due or late (no query: fields only)."""
    if election.meeting_date is None:
        return []
    settings = election.rules
    lines = []
    for deadline in rules.deadlines(election.meeting_date, election.community_decision_on, settings):
        done_on = getattr(election, MILESTONES[deadline.key])
        status = rules.deadline_status(deadline, done_on, today)
        lines.append(
            ChecklistLine(deadline.key, deadline.label, deadline.basis, deadline.due, done_on, status)
        )
    return lines


def late_lines(election: Election, today: datetime.date) -> list[ChecklistLine]:
    return [line for line in checklist(election, today) if line.status == rules.LATE]
