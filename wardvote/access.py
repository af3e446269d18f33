"""Access control, in one place.

Every view fetches what it shows through these helpers. A user's reach is the
union of the subtrees of the divisions they are assigned to, narrowed to the
assignments whose role grants the capability asked for. Readers at district and
city level only ever hold ``READ``.
"""

from __future__ import annotations

from typing import TypeVar

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from neighborhoods.models import Division, Role, StaffAssignment, on_two_level_map, subtree_q

M = TypeVar("M", bound=Model)

READ = "read"
MANAGE_REGISTER = "manage_register"  # khu phố, households, reorganisations
MANAGE_STAFF = "manage_staff"
MANAGE_ELECTIONS = "manage_elections"  # plans, meetings, teams, candidate data
RUN_CONSULTATION = "run_consultation"  # ward Front: approve or return lists
RUN_MEETING = "run_meeting"  # election team: check-in and tallies
MANAGE_PLANS = "manage_plans"  # issue the plan of one's own level (city, district, ward)
# Households' names and addresses: only the ward's own roles and the khu phố's team need them;
# staff above the ward see counts (data minimisation, Decree 13/2023/NĐ-CP).
READ_PERSONAL_DATA = "read_personal_data"

ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.SYSTEM_ADMIN: frozenset(
        {
            READ,
            READ_PERSONAL_DATA,
            MANAGE_REGISTER,
            MANAGE_STAFF,
            MANAGE_ELECTIONS,
            RUN_CONSULTATION,
            RUN_MEETING,
            MANAGE_PLANS,
        }
    ),
    Role.CITY_HOME_AFFAIRS: frozenset({READ, MANAGE_PLANS}),
    Role.CITY_FRONT: frozenset({READ}),
    Role.DISTRICT_HOME_AFFAIRS: frozenset({READ, MANAGE_STAFF, MANAGE_PLANS}),
    Role.DISTRICT_FRONT: frozenset({READ}),
    Role.WARD_OFFICIAL: frozenset(
        {READ, READ_PERSONAL_DATA, MANAGE_REGISTER, MANAGE_STAFF, MANAGE_ELECTIONS, MANAGE_PLANS}
    ),
    Role.WARD_FRONT: frozenset({READ, READ_PERSONAL_DATA, RUN_CONSULTATION}),
    Role.ELECTION_TEAM: frozenset({READ, READ_PERSONAL_DATA, RUN_MEETING}),
}

# The roles a holder of MANAGE_STAFF may hand out inside their subtree.
ASSIGNABLE_ROLES: dict[str, frozenset[str]] = {
    Role.SYSTEM_ADMIN: frozenset(Role.values),
    Role.DISTRICT_HOME_AFFAIRS: frozenset(
        {Role.DISTRICT_FRONT, Role.WARD_OFFICIAL, Role.WARD_FRONT, Role.ELECTION_TEAM}
    ),
    Role.WARD_OFFICIAL: frozenset({Role.WARD_OFFICIAL, Role.WARD_FRONT, Role.ELECTION_TEAM}),
    # Only where the role manages staff: at a province of the two-level map (below).
    Role.CITY_HOME_AFFAIRS: frozenset({Role.WARD_OFFICIAL, Role.WARD_FRONT, Role.ELECTION_TEAM}),
}

# On the two-level map (from 1 July 2025) there is no district: the province's home-affairs
# department (Sở Nội vụ) also does what the district's did, and assigns the wards' staff.
TWO_LEVEL_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.CITY_HOME_AFFAIRS: frozenset({MANAGE_STAFF}),
}


def capabilities_of(assignment: StaffAssignment) -> frozenset[str]:
    """What one assignment grants: its role's capabilities, and on the two-level map those the
    province's offices took over from the district's."""
    capabilities = ROLE_CAPABILITIES[assignment.role]
    if on_two_level_map(assignment.division):
        capabilities |= TWO_LEVEL_CAPABILITIES.get(assignment.role, frozenset())
    return capabilities


def active_assignments(user) -> list[StaffAssignment]:
    """The user's active assignments, fetched once per request and cached on the user."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return []
    cached = getattr(user, "_wardvote_assignments", None)
    if cached is None:
        cached = list(
            StaffAssignment.objects.filter(user=user, active=True)
            .select_related("division")
            .order_by("division__path", "role")
        )
        user._wardvote_assignments = cached
    return cached


def assignments_with(user, capability: str) -> list[StaffAssignment]:
    return [a for a in active_assignments(user) if capability in capabilities_of(a)]


def scope_q(user, capability: str = READ, field: str = "path") -> Q:
    """A filter on ``field`` (a division path) for the rows the user may reach.

    Matches nothing when the user holds no assignment granting ``capability``.
    """
    query = Q(pk__in=[])
    for assignment in assignments_with(user, capability):
        query |= subtree_q(assignment.division, field=field)
    return query


def can(user, capability: str, division: Division) -> bool:
    return any(division.is_within(a.division) for a in assignments_with(user, capability))


def get_or_404(queryset: QuerySet[M], pk) -> M:
    """The row ``pk`` of an already scoped queryset, or 404.

    Missing, out of reach and malformed ids all answer 404, never 403: a guessed id
    must not reveal that another ward's object exists. Every ``get_<model>_for``
    fetcher ends here.
    """
    try:
        return queryset.get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404 from None


def require_reach(user, capability: str, division: Division | None) -> None:
    """404 unless the user may act with ``capability`` on this division (see ``get_or_404``)."""
    if division is None or not can(user, capability, division):
        raise Http404


def on_election_team(user, neighborhood: Division) -> bool:
    """Whether the user holds an active election-team assignment covering this khu phố."""
    return any(
        a.role == Role.ELECTION_TEAM and neighborhood.is_within(a.division) for a in active_assignments(user)
    )


def primary_assignment(user) -> StaffAssignment | None:
    """The assignment shown in the header: the highest division, then the first role."""
    assignments = active_assignments(user)
    if not assignments:
        return None
    return min(assignments, key=lambda a: (a.division.path.count("/"), a.role))


def can_issue_plan(user, division: Division) -> bool:
    """Plans are issued at one's own level: the city's by the city, a ward's by the ward
    (the system administrator anywhere)."""
    return any(
        a.division.pk == division.pk or a.role == Role.SYSTEM_ADMIN
        for a in assignments_with(user, MANAGE_PLANS)
        if division.is_within(a.division)
    )
