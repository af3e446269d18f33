"""Reads for bringing the households in while the meeting waits for them (issue 18): who has not
come yet, grouped by street or by cluster, with the doors already knocked on; and the arrivals
over the morning, for the meeting's chart and the ward's dashboard on meeting days.

Names, addresses and the visits are personal data: the caller has checked ``READ_PERSONAL_DATA``
on the khu phố and records the read (``wardvote.audit.personal_data_read``). The arrivals are
counts only."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from elections import rules
from elections.models import Attendance, ClusterHousehold, Meeting, MeetingMode, MobilisationVisit
from elections.selectors.clusters import cluster_plan_of, round_of
from elections.selectors.meeting import meeting_quorum, round_attendances
from neighborhoods.models import Division, Household, HouseholdStatus, subtree_q
from wardvote.text import natural_key, street_of

# How the list is grouped (``?nhom=``): by the street of the address, or by the meeting's clusters.
BY_STREET, BY_CLUSTER = "duong", "cum"


@dataclass(frozen=True)
class AbsentHousehold:
    household: Household
    street: str
    last_visit: MobilisationVisit | None


@dataclass(frozen=True)
class AbsentGroup:
    name: str
    households: list[AbsentHousehold]


@dataclass(frozen=True)
class NotYetCome:
    """The round's households not represented yet, and how many more the meeting needs."""

    meeting: Meeting  # the round's own row: a household checks in once across its sittings
    quorum: rules.Quorum
    groups: list[AbsentGroup]
    grouping: str
    can_group_by_cluster: bool

    @property
    def count(self) -> int:
        return sum(len(group.households) for group in self.groups)


def absent_households(round_row: Meeting) -> QuerySet[Household]:
    """The khu phố's active households with no check-in (not undone) at any sitting of the round."""
    return Household.objects.filter(
        neighborhood_id=round_row.election.neighborhood_id, status=HouseholdStatus.ACTIVE
    ).exclude(pk__in=round_attendances(round_row).values("household_id"))


def latest_visits(round_row: Meeting) -> dict[int, MobilisationVisit]:
    """Each household's latest visit at this round (one query)."""
    visits = round_row.mobilisation_visits.select_related("visited_by").order_by("visited_at", "pk")
    return {visit.household_id: visit for visit in visits}


def not_yet_come(meeting: Meeting, grouping: str = BY_STREET) -> NotYetCome:
    """Who has not come to the round ``meeting`` belongs to, grouped by street (the default) or,
    when the khu phố meets by cluster, by cluster; with each household's latest visit."""
    round_row = round_of(meeting)
    visits = latest_visits(round_row)
    rows = [
        AbsentHousehold(household, street_of(household.address), visits.get(household.pk))
        for household in absent_households(round_row)
    ]
    rows.sort(key=_street_order)
    plan = cluster_plan_of(round_row.election)
    by_cluster = grouping == BY_CLUSTER and plan is not None
    groups = _by_cluster(rows, plan.pk) if by_cluster and plan is not None else _by_street(rows)
    return NotYetCome(
        meeting=round_row,
        quorum=meeting_quorum(round_row),
        groups=groups,
        grouping=BY_CLUSTER if by_cluster else BY_STREET,
        can_group_by_cluster=plan is not None,
    )


def _street_order(row: AbsentHousehold) -> tuple:
    """By street, then by house number as numbers ("2" before "10"), then by code."""
    return natural_key(row.street), natural_key(row.household.address), row.household.code


def _by_street(rows: list[AbsentHousehold]) -> list[AbsentGroup]:
    """One group per street in the alphabet's order; an address that names none comes last."""
    groups: dict[str, list[AbsentHousehold]] = defaultdict(list)
    for row in rows:
        groups[row.street].append(row)
    named = [AbsentGroup(street, households) for street, households in groups.items() if street]
    if "" in groups:
        named.append(AbsentGroup(_("Địa chỉ chưa ghi tên đường"), groups[""]))
    return named


def _by_cluster(rows: list[AbsentHousehold], plan_id: int) -> list[AbsentGroup]:
    """One group per cluster of the plan in its order; households in no cluster come last."""
    memberships = ClusterHousehold.objects.filter(plan_id=plan_id).select_related("cluster")
    cluster_of = {m.household_id: m.cluster for m in memberships}
    order = sorted({c.pk: c for c in cluster_of.values()}.values(), key=lambda c: (c.position, c.pk))
    groups: dict[int | None, list[AbsentHousehold]] = defaultdict(list)
    for row in rows:
        cluster = cluster_of.get(row.household.pk)
        groups[cluster.pk if cluster else None].append(row)
    made = [AbsentGroup(cluster.name, groups[cluster.pk]) for cluster in order if groups[cluster.pk]]
    if groups[None]:
        made.append(AbsentGroup(_("Chưa thuộc cụm nào"), groups[None]))
    return made


# --- arrivals over the morning ---


@dataclass(frozen=True)
class Arrivals:
    """When each household present came (local time, earliest first), against the threshold."""

    meeting: Meeting  # the round's own row
    opened_at: datetime.datetime
    times: list[datetime.datetime]
    quorum: rules.Quorum


def arrivals(meeting: Meeting) -> Arrivals:
    """The round's check-ins not undone by time of check-in: the curve of the morning."""
    round_row = round_of(meeting)
    times = round_attendances(round_row).order_by("checked_in_at").values_list("checked_in_at", flat=True)
    return Arrivals(
        meeting=round_row,
        opened_at=timezone.localtime(round_row.opened_at),
        times=[timezone.localtime(at) for at in times],
        quorum=rules.quorum(len(times), round_row.household_total),
    )


def meetings_of_the_day(division: Division, day: datetime.date) -> list[Arrivals]:
    """The community meetings of the khu phố under ``division`` held on ``day`` (practice copies
    left out), each with its arrivals: two queries, whatever the number of khu phố."""
    rounds = list(
        Meeting.objects.filter(
            subtree_q(division, field="election__neighborhood__path"),
            cluster__isnull=True,
            mode=MeetingMode.MEETING,
            held_on=day,
            election__practice=False,
        ).select_related("election__neighborhood")
    )
    if not rounds:
        return []
    same_round = Q(pk__in=[])
    for round_row in rounds:
        same_round |= Q(meeting__election_id=round_row.election_id, meeting__number=round_row.number)
    times: dict[tuple[int, int], list[datetime.datetime]] = defaultdict(list)
    checked_in = (
        Attendance.objects.filter(same_round, undone_at__isnull=True)
        .order_by("checked_in_at")
        .values_list("meeting__election_id", "meeting__number", "checked_in_at")
    )
    for election_id, number, at in checked_in:
        times[(election_id, number)].append(timezone.localtime(at))
    made = [
        Arrivals(
            meeting=round_row,
            opened_at=timezone.localtime(round_row.opened_at),
            times=(came := times[(round_row.election_id, round_row.number)]),
            quorum=rules.quorum(len(came), round_row.household_total),
        )
        for round_row in rounds
    ]
    return sorted(made, key=lambda a: natural_key(a.meeting.election.neighborhood.name))
