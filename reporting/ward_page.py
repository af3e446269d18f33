"""The election column of a ward's page: each khu phố's latest election and its late deadlines.

The page itself is the division map's (``neighborhoods:division_detail``); this module
fills in what only the apps above the map know, registered from ``ReportingConfig.ready``
(see ``neighborhoods.ward_page``).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from elections.models import ElectionPurpose
from elections.selectors.fetch import elections_for
from elections.selectors.plans import late_lines
from neighborhoods.models import Division

# Meetings that elect no one (a head or a board member let go): the khu phố's page and the
# vacancy list show them; the ward's election column keeps the khu phố's latest election.
NOT_ELECTIONS = (ElectionPurpose.HEAD_DISMISSAL, ElectionPurpose.BOARD_RELEASE)


def latest_elections(user, neighborhoods: list[Division], today: datetime.date) -> dict:
    """Each khu phố's most recent election the user may read, with its late deadlines (one query)."""
    latest = {}
    elections = (
        elections_for(user)
        .official()
        .filter(neighborhood__in=neighborhoods)
        .exclude(purpose__in=NOT_ELECTIONS)
        .order_by("plan__issued_on", "pk")
    )
    for election in elections:
        latest[election.neighborhood_id] = (election, late_lines(election, today))
    return latest


def add_latest_elections(user, neighborhoods: list[Division]) -> None:
    """Sets ``election`` (or None) and ``late`` (the late deadlines' lines) on each khu phố."""
    latest = latest_elections(user, neighborhoods, timezone.localdate())
    for neighborhood in neighborhoods:
        # Read by the template only; Division has no such fields, hence the ignore.
        neighborhood.election, neighborhood.late = latest.get(neighborhood.pk, (None, []))  # type: ignore[attr-defined]
