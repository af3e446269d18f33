"""Reads of a meeting held by residential cluster (cụm dân cư; Luật 10/2022/QH15 Art. 18.3,
NĐ 59/2023 Art. 3.6): the plan, its clusters and households, the sittings of a round, which
clusters have not reported yet and the sum of their counts. The writes are in
``elections.services.clusters`` (the plan) and ``elections.services.results`` (the sum)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from elections import rules
from elections.models import Cluster, ClusterHousehold, ClusterPlan, Contest, ContestResult, Election, Meeting
from elections.selectors.count import BALLOT_FIGURES
from elections.selectors.meeting import cluster_sittings, household_total
from neighborhoods.models import Household, HouseholdStatus


def cluster_plan_of(election: Election) -> ClusterPlan | None:
    return ClusterPlan.objects.filter(election=election).first()


def clusters_of(plan: ClusterPlan) -> list[Cluster]:
    """The plan's clusters in order, each with ``household_count`` (its active households)."""
    return list(
        plan.clusters.annotate(
            household_count=Count(
                "memberships", filter=Q(memberships__household__status=HouseholdStatus.ACTIVE)
            )
        ).order_by("position", "pk")
    )


def cluster_households(cluster: Cluster) -> QuerySet[Household]:
    """The active households of the cluster."""
    return Household.objects.filter(
        pk__in=cluster.memberships.values("household_id"), status=HouseholdStatus.ACTIVE
    )


def unassigned_households(plan: ClusterPlan) -> QuerySet[Household]:
    """The khu phố's active households that belong to no cluster of the plan."""
    return Household.objects.filter(
        neighborhood_id=plan.election.neighborhood_id, status=HouseholdStatus.ACTIVE
    ).exclude(pk__in=plan.memberships.values("household_id"))


def cluster_of_household(plan: ClusterPlan, household: Household) -> Cluster | None:
    membership = ClusterHousehold.objects.filter(plan=plan, household=household).select_related("cluster")
    found = membership.first()
    return found.cluster if found else None


def cluster_incomplete(cluster: Cluster) -> bool:
    """Whether the cluster lacks what the plan must say of it (NĐ 59/2023 Art. 3.6)."""
    return not (
        cluster.chair_name and cluster.meeting_date and cluster.meeting_place and cluster.reporter_name
    )


def plan_problems(plan: ClusterPlan, approved_on: datetime.date | None = None) -> list[str]:
    """Why the ward may not approve the plan (on ``approved_on``), or open a meeting by it, now."""
    election = plan.election
    problems = rules.cluster_meetings_problems(household_total(election), plan.scattered)
    clusters = clusters_of(plan)
    problems += rules.cluster_plan_problems(
        len(clusters),
        unassigned_households(plan).count(),
        [c.name for c in clusters if cluster_incomplete(c)],
    )
    return problems + rules.cluster_plan_agreement_problems(
        plan.front_agreed_on, plan.front_agreed_with, approved_on
    )


# --- The sittings of a round ------------------------------------------------------------


def round_of(meeting: Meeting) -> Meeting:
    """The round's own row (the khu phố's meeting) of a cluster sitting; the meeting itself otherwise."""
    if meeting.cluster_id is None:
        return meeting
    return Meeting.objects.select_related("election__neighborhood", "election__plan").get(
        election_id=meeting.election_id, number=meeting.number, cluster__isnull=True
    )


def sittings_of(meeting: Meeting) -> list[Meeting]:
    """The cluster sittings of the round ``meeting`` belongs to (none for a single sitting)."""
    return list(cluster_sittings(round_of(meeting)).select_related("cluster"))


def clusters_missing(round_meeting: Meeting) -> list[Cluster]:
    """The clusters whose sitting has not reported (closed with every count) yet."""
    sittings = cluster_sittings(round_meeting).select_related("cluster")
    return [s.cluster for s in sittings if s.closed_at is None and s.cluster is not None]


def sitting_result(sitting: Meeting, contest: Contest) -> ContestResult | None:
    """The standing count of one cluster sitting: its latest version."""
    return sitting.results.filter(contest=contest).order_by("-version").first()


@dataclass
class ClusterSum:
    method: str
    present: int
    figures: dict[str, int | None] = field(default_factory=dict)
    counts: dict[str, object] = field(default_factory=dict)


def cluster_sum(round_meeting: Meeting, contest: Contest) -> ClusterSum | None:
    """The khu phố's count of ``contest``: the sum of every cluster's standing count
    (Luật 10/2022/QH15 Art. 18.3: the clusters' results add up to the khu phố's). None while a
    cluster has not counted it. Every sitting votes by the same method (the procedure sees to it)."""
    results = [sitting_result(s, contest) for s in cluster_sittings(round_meeting)]
    if not results or any(r is None for r in results):
        return None
    standing = [r for r in results if r is not None]
    method = standing[0].method
    total = ClusterSum(method=method, present=sum(r.present for r in standing))
    for name in BALLOT_FIGURES:
        values = [getattr(r, name) for r in standing]
        total.figures[name] = (
            None if any(v is None for v in values) else sum(v for v in values if v is not None)
        )
    keys = {key for r in standing for key in r.counts}
    for key in keys:
        values = [r.counts.get(key) for r in standing]
        if any(isinstance(v, list) for v in values):
            total.counts[key] = [sum(v[i] for v in values if isinstance(v, list)) for i in range(3)]
        else:
            total.counts[key] = sum(v for v in values if isinstance(v, int))
    return total
