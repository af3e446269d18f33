"""An invitation for every door (issue 18): the households of a khu phố (or of one of its
clusters) in the order a team walks them, and which of them the team has reached.

Names and addresses: the callers have checked ``READ_PERSONAL_DATA`` and record the read."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.db.models import QuerySet

from elections import rules
from elections.models import Cluster, Election, InvitationDelivery
from elections.selectors.clusters import cluster_households
from elections.selectors.plans import schedule_closed
from neighborhoods.models import Household, HouseholdStatus
from wardvote.text import natural_key, vietnamese_sort_key

# The house number that opens an address: "12", "12A", "12/5", "12/5B", "K12/3-4".
HOUSE_NUMBER = re.compile(r"^\s*(\S*\d\S*)\s+(.*)$")


def walking_key(address: str) -> tuple:
    """The order a team walks: by street (Vietnamese alphabet), then house number as numbers
    ("12/5 Lê Lợi" before "12/10 Lê Lợi" before "100 Lê Lợi"); an address without a house
    number comes after the numbered ones of its street."""
    match = HOUSE_NUMBER.match(address)
    number, street = (match.group(1), match.group(2)) if match else ("", address)
    # The street is what follows the number up to a comma ("12 Lê Lợi, tổ 3").
    street_name = street.split(",", 1)[0].strip()
    return (vietnamese_sort_key(street_name.casefold()), number == "", natural_key(number), address)


def households_to_invite(election: Election, cluster: Cluster | None = None) -> list[Household]:
    """The active households invited to the meeting: the khu phố's, or one cluster's, walked
    street by street."""
    households: QuerySet[Household] = (
        cluster_households(cluster)
        if cluster is not None
        else Household.objects.filter(neighborhood=election.neighborhood_id, status=HouseholdStatus.ACTIVE)
    )
    rows = households.only("pk", "code", "head_name", "address", "neighborhood_id")
    return sorted(rows, key=lambda h: (walking_key(h.address), h.code))


def deliveries(election: Election) -> dict[int, InvitationDelivery]:
    """The invitations handed in for the meeting now scheduled, by household."""
    if election.meeting_date is None:
        return {}
    rows = InvitationDelivery.objects.filter(election=election, meeting_date=election.meeting_date)
    return {row.household_id: row for row in rows.select_related("delivered_by")}


@dataclass(frozen=True)
class DeliveryRow:
    household: Household
    delivery: InvitationDelivery | None


@dataclass(frozen=True)
class DeliveryChecklist:
    rows: list[DeliveryRow]
    delivered: int
    total: int
    problems: list[str]

    @property
    def not_reached(self) -> list[Household]:
        return [row.household for row in self.rows if row.delivery is None]

    @property
    def missing(self) -> int:
        return self.total - self.delivered


def delivery_checklist(
    election: Election, today: datetime.date, cluster: Cluster | None = None
) -> DeliveryChecklist:
    """Each invited household with its delivery (None: not reached yet), the counts, and the
    warning of NĐ 59 Art. 3.3 once the notice is due (``rules.invitation_delivery_problems``)."""
    done = deliveries(election)
    rows = [DeliveryRow(h, done.get(h.pk)) for h in households_to_invite(election, cluster)]
    delivered = sum(1 for row in rows if row.delivery is not None)
    problems = rules.invitation_delivery_problems(
        election.meeting_date, today, delivered, len(rows), election.rules
    )
    return DeliveryChecklist(rows, delivered, len(rows), problems)


def delivery_counts(election: Election) -> tuple[int, int]:
    """(invitations handed in, active households) of the khu phố for the scheduled meeting."""
    total = Household.objects.filter(
        neighborhood=election.neighborhood_id, status=HouseholdStatus.ACTIVE
    ).count()
    if election.meeting_date is None:
        return 0, total
    delivered = InvitationDelivery.objects.filter(
        election=election,
        meeting_date=election.meeting_date,
        household__status=HouseholdStatus.ACTIVE,
        household__neighborhood=election.neighborhood_id,
    ).count()
    return delivered, total


@dataclass(frozen=True)
class DeliverySummary:
    delivered: int
    total: int
    problems: list[str]


def delivery_summary(election: Election, today: datetime.date) -> DeliverySummary | None:
    """The election page's line on the invitations: handed in, households, the warning of NĐ 59
    Art. 3.3; None before the meeting is scheduled or once it took place."""
    if election.meeting_date is None or schedule_closed(election):
        return None
    delivered, total = delivery_counts(election)
    problems = rules.invitation_delivery_problems(
        election.meeting_date, today, delivered, total, election.rules
    )
    return DeliverySummary(delivered, total, problems)
