"""Reads of plans and elections, always through the user's reach."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from elections import rules
from elections.models import Election, Meeting, Plan
from elections.services.plans import MILESTONES
from wardvote import access


def plans_for(user) -> QuerySet[Plan]:
    return Plan.objects.filter(access.scope_q(user, field="division__path")).select_related(
        "division", "parent"
    )


def get_plan_for(user, pk) -> Plan:
    try:
        return plans_for(user).get(pk=pk)
    except (Plan.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def elections_for(user, capability: str = access.READ) -> QuerySet[Election]:
    return Election.objects.filter(
        access.scope_q(user, capability, field="neighborhood__path")
    ).select_related("neighborhood", "plan")


def get_election_for(user, pk, capability: str = access.READ) -> Election:
    try:
        return elections_for(user, capability).get(pk=pk)
    except (Election.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_meeting_for(user, pk, capability: str = access.READ) -> Meeting:
    """One sitting the user may reach, or 404. The reach is checked on the fetched khu phố
    (the user's assignments are already in memory): one simple query on meeting day."""
    try:
        meeting = Meeting.objects.select_related("election__neighborhood", "election__plan").get(pk=pk)
    except (Meeting.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not access.can(user, capability, meeting.election.neighborhood):
        raise Http404
    return meeting


def household_of(meeting: Meeting, pk):
    """A household of the sitting's khu phố (posted by the team), or 404."""
    from neighborhoods.models import Household

    try:
        return Household.objects.get(pk=pk, neighborhood=meeting.election.neighborhood)
    except (Household.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


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
