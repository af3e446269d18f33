"""Every permission-checked read of the elections app: one ``*_for`` fetcher per model.

A view gets each object it acts on here, with the capability its action needs.
Missing, out of reach and malformed ids all answer 404 (``access.get_or_404``,
``access.require_reach``): a guessed id reveals nothing. Rows reached through an
object already fetched under permission (a contest or a household of a sitting)
are fetched with that object instead of the user.
"""

from __future__ import annotations

from django.db.models import OuterRef, Subquery
from django.http import Http404

from elections.models import (
    Attendance,
    BoardMeeting,
    BoardNotice,
    BoardRelease,
    ByElectionGuidance,
    Candidate,
    Cluster,
    ClusterPlan,
    Commendation,
    Commendee,
    Complaint,
    Contest,
    ContestResult,
    Decision,
    Election,
    ElectionQuerySet,
    HeadReleaseRequest,
    HouseholdBallot,
    Meeting,
    MeetingMode,
    OfficePost,
    Plan,
    PlanQuerySet,
    TeamMember,
    Tenure,
    Vacancy,
)
from elections.selectors.decisions import BOARD_KINDS
from elections.selectors.meeting import with_cluster_flag
from neighborhoods import selectors as neighborhoods_selectors
from neighborhoods.models import Household, Reorganisation
from wardvote import access


def plans_for(user, capability: str = access.READ) -> PlanQuerySet:
    """The plans the user may reach; a practice copy that was started over is gone from reach."""
    return Plan.objects.filter(
        access.scope_q(user, capability, field="division__path"), retired_at__isnull=True
    ).select_related("division", "parent")


def get_plan_for(user, pk, capability: str = access.READ) -> Plan:
    return access.get_or_404(plans_for(user, capability), pk)


def elections_for(user, capability: str = access.READ) -> ElectionQuerySet:
    return Election.objects.filter(
        access.scope_q(user, capability, field="neighborhood__path"), plan__retired_at__isnull=True
    ).select_related("neighborhood", "plan")


def get_election_for(user, pk, capability: str = access.READ) -> Election:
    return access.get_or_404(elections_for(user, capability), pk)


def get_meeting_for(user, pk, capability: str = access.READ, *, locked: bool = False) -> Meeting:
    """One sitting the user may reach, or 404. The reach is checked on the fetched khu phố
    (the user's assignments are already in memory): one simple query on meeting day.

    ``locked``: the row is read under its lock (inside the caller's transaction), with whether
    its round is held by cluster, so that a write to the sitting reads it once."""
    meetings = Meeting.objects.select_related("election__neighborhood", "election__plan")
    if locked:
        # Only the sitting's row is locked (of=self): its election and khu phố come along unlocked.
        meetings = with_cluster_flag(meetings).select_for_update(of=("self",))
    meeting = access.get_or_404(meetings, pk)
    access.require_reach(user, capability, meeting.election.neighborhood)
    return meeting


def meter_version_for(user, pk, capability: str = access.READ) -> int:
    """The version of a sitting's quorum meter (its round's ``attendance_version``, see
    ``services.meeting.meter_changed``), or 404: one query with the reach checked inside it, so
    that a poll answered "unchanged" costs no more, and a user out of reach learns nothing."""
    round_row = Meeting.objects.filter(
        election_id=OuterRef("election_id"), number=OuterRef("number"), cluster__isnull=True
    )
    version = (
        Meeting.objects.filter(access.scope_q(user, capability, field="election__neighborhood__path"), pk=pk)
        .annotate(version=Subquery(round_row.values("attendance_version")[:1]))
        .values_list("version", flat=True)
        .first()
    )
    if version is None:
        raise Http404
    return version


def get_contest_for(user, pk, capability: str = access.READ) -> Contest:
    contests = Contest.objects.select_related("election__neighborhood", "election__plan").filter(
        election__in=elections_for(user, capability)
    )
    return access.get_or_404(contests, pk)


def get_candidate_for(user, pk, capability: str = access.READ) -> Candidate:
    candidates = Candidate.objects.select_related("contest").filter(
        contest__election__in=elections_for(user, capability)
    )
    return access.get_or_404(candidates, pk)


def get_team_member_for(user, pk, capability: str = access.READ) -> TeamMember:
    return access.get_or_404(TeamMember.objects.filter(election__in=elections_for(user, capability)), pk)


def get_complaint_for(user, pk, capability: str = access.READ) -> Complaint:
    complaints = Complaint.objects.select_related("election__neighborhood").filter(
        election__in=elections_for(user, capability)
    )
    return access.get_or_404(complaints, pk)


def get_attendance_for(user, pk, capability: str = access.READ) -> Attendance:
    attendances = Attendance.objects.select_related("meeting").filter(
        meeting__election__in=elections_for(user, capability)
    )
    return access.get_or_404(attendances, pk)


def get_ballot_for(user, pk, capability: str = access.READ) -> HouseholdBallot:
    """One household's ballot of a household-ballot round."""
    ballots = HouseholdBallot.objects.select_related("meeting", "household").filter(
        meeting__election__in=elections_for(user, capability)
    )
    return access.get_or_404(ballots, pk)


def get_result_for(user, pk, capability: str = access.READ) -> ContestResult:
    results = ContestResult.objects.select_related("meeting__election", "contest").filter(
        meeting__election__in=elections_for(user, capability)
    )
    return access.get_or_404(results, pk)


def get_cluster_plan_for(user, pk, capability: str = access.READ) -> ClusterPlan:
    """A khu phố's plan to meet by residential cluster."""
    plans = ClusterPlan.objects.select_related("election__neighborhood", "election__plan").filter(
        election__in=elections_for(user, capability)
    )
    return access.get_or_404(plans, pk)


def get_cluster_for(user, pk, capability: str = access.READ) -> Cluster:
    """One cluster of a plan to meet by residential cluster."""
    clusters = Cluster.objects.select_related("plan__election__neighborhood").filter(
        plan__election__in=elections_for(user, capability)
    )
    return access.get_or_404(clusters, pk)


def decision_capability(decision: Decision) -> str:
    """Who acts on a decision's paper: the ward Front for the board's, the ward otherwise."""
    return access.RUN_CONSULTATION if decision.kind in BOARD_KINDS else access.MANAGE_ELECTIONS


def get_decision_for(user, pk, capability: str | None = None) -> Decision:
    """One decision, checked on its khu phố (or, for a plan's decision, the plan's division).
    Without ``capability``, the decision's own (``decision_capability``)."""
    decision = access.get_or_404(
        Decision.objects.select_related("plan__division", "election__neighborhood"), pk
    )
    division = decision.election.neighborhood if decision.election is not None else decision.plan.division
    access.require_reach(user, capability or decision_capability(decision), division)
    return decision


def get_contest_of(meeting: Meeting, pk) -> Contest:
    """A contest of the sitting's election (the sitting was fetched under permission), or 404."""
    return access.get_or_404(meeting.election.contests.all(), pk)


def household_of(meeting: Meeting, pk) -> Household:
    """A household of the sitting's khu phố (posted by the team), or 404."""
    return access.get_or_404(Household.objects.filter(neighborhood=meeting.election.neighborhood), pk)


def invitation_household_of(election: Election, pk) -> Household:
    """A household of the election's khu phố (an invitation's door), or 404."""
    return access.get_or_404(Household.objects.filter(neighborhood=election.neighborhood_id), pk)


def cluster_of_election(election: Election, pk) -> Cluster:
    """A residential cluster of the election's plan to meet by cluster, or 404."""
    return access.get_or_404(Cluster.objects.filter(plan__election=election), pk)


def get_ballot_round_for(user, pk) -> Meeting:
    """A household-ballot round whose steps the user may record on the khu phố head's behalf
    (the election team, or the ward official), or 404."""
    meeting = access.get_or_404(
        Meeting.objects.select_related("election__neighborhood", "election__plan").filter(
            mode=MeetingMode.HOUSEHOLD_BALLOTS
        ),
        pk,
    )
    neighborhood = meeting.election.neighborhood
    if not access.can(user, access.RUN_MEETING, neighborhood):
        access.require_reach(user, access.MANAGE_ELECTIONS, neighborhood)
    return meeting


def get_board_meeting_for(user, pk, capability: str = access.READ) -> BoardMeeting:
    """A meeting of a ward's inspection board, checked on the plan's division."""
    meeting = access.get_or_404(BoardMeeting.objects.select_related("plan__division"), pk)
    access.require_reach(user, capability, meeting.plan.division)
    return meeting


def get_board_notice_for(user, pk, capability: str = access.READ) -> BoardNotice:
    """The ward Front's notice of the board's composition, checked on the plan's division."""
    notice = access.get_or_404(BoardNotice.objects.select_related("plan__division"), pk)
    access.require_reach(user, capability, notice.plan.division)
    return notice


def get_vacancy_for(user, pk, capability: str = access.READ) -> Vacancy:
    """A vacant post of a khu phố, checked on that khu phố."""
    vacancy = access.get_or_404(Vacancy.objects.select_related("neighborhood", "ward", "left"), pk)
    access.require_reach(user, capability, vacancy.neighborhood)
    return vacancy


def get_reorganisation_for(user, pk, capability: str = access.READ) -> Reorganisation:
    """A recorded reorganisation of a ward the user reaches with ``capability``."""
    return neighborhoods_selectors.get_reorganisation_for(user, pk, capability)


# --- The inspection board between elections ------------------------------------------------


def get_board_tenure_for(user, pk, capability: str = access.READ) -> Tenure:
    """A board member's tenure, checked on its khu phố."""
    tenure = access.get_or_404(
        Tenure.objects.select_related("neighborhood", "candidate").filter(post=OfficePost.BOARD_MEMBER), pk
    )
    access.require_reach(user, capability, tenure.neighborhood)
    return tenure


def get_board_release_for(user, pk, capability: str = access.READ) -> BoardRelease:
    """The ward Front's proposal to let a member go, checked on the khu phố."""
    release = access.get_or_404(BoardRelease.objects.select_related("neighborhood", "ward", "tenure"), pk)
    access.require_reach(user, capability, release.neighborhood)
    return release


def get_board_vacancy_for(user, pk, capability: str = access.READ) -> Vacancy:
    """An open or filled board seat, checked on its khu phố."""
    vacancy = access.get_or_404(
        Vacancy.objects.select_related("neighborhood", "left").filter(post=OfficePost.BOARD_MEMBER), pk
    )
    access.require_reach(user, capability, vacancy.neighborhood)
    return vacancy


def get_by_election_guidance_for(user, pk, capability: str = access.READ) -> ByElectionGuidance:
    guidance = access.get_or_404(ByElectionGuidance.objects.select_related("vacancy__neighborhood"), pk)
    access.require_reach(user, capability, guidance.vacancy.neighborhood)
    return guidance


# --- h1: a head's resignation or dismissal -----------------------------------------------


def get_release_request_for(user, pk, capability: str = access.READ) -> HeadReleaseRequest:
    """One request to let a head go, checked on its khu phố, or 404."""
    request = access.get_or_404(
        HeadReleaseRequest.objects.select_related("neighborhood", "tenure", "ward"), pk
    )
    access.require_reach(user, capability, request.neighborhood)
    return request


# --- h7: commendations after the campaign ---


def get_commendation_for(user, pk, capability: str = access.READ) -> Commendation:
    """A ward's commendation list, checked on the ward."""
    commendation = access.get_or_404(Commendation.objects.select_related("plan", "ward", "supersedes"), pk)
    access.require_reach(user, capability, commendation.ward)
    return commendation


def get_commendee_for(user, pk, capability: str = access.READ) -> Commendee:
    commendee = access.get_or_404(Commendee.objects.select_related("commendation__ward"), pk)
    access.require_reach(user, capability, commendee.commendation.ward)
    return commendee
