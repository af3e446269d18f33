"""An invitation for every door (issue 18): the team ticks off each household it handed the
invitation (form 01) to, for the meeting now scheduled (NĐ 59/2023 Art. 3.3)."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from elections.models import Election, InvitationDelivery
from elections.selectors.plans import schedule_closed
from neighborhoods.models import Household, HouseholdStatus


def _check_can_record(election: Election, household: Household) -> datetime.date:
    """The day of the meeting the invitation announces, or why the list may not change."""
    problems = []
    if election.meeting_date is None:
        problems.append(_("Chưa ấn định ngày họp: chưa có giấy mời để đưa đến các hộ."))
    elif schedule_closed(election):
        problems.append(_("Cuộc họp đã diễn ra: danh sách đưa giấy mời không thay đổi được nữa."))
    if household.neighborhood_id != election.neighborhood_id or household.status != HouseholdStatus.ACTIVE:
        problems.append(
            _("Hộ %(code)s không thuộc danh sách hộ được mời của khu phố.") % {"code": household.code}
        )
    if problems or election.meeting_date is None:
        raise ValidationError(problems)
    return election.meeting_date


@transaction.atomic
def invitation_delivery_mark(*, by: User, election: Election, household: Household) -> InvitationDelivery:
    """Tick a household off: its invitation was handed in now, by ``by``. A second tick (a
    double tap, a colleague at the same door) keeps the first one's time and name."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    meeting_date = _check_can_record(election, household)
    delivery, _created = InvitationDelivery.objects.get_or_create(
        election=election,
        household=household,
        meeting_date=meeting_date,
        defaults={"delivered_at": timezone.now(), "delivered_by": by},
    )
    return delivery


@transaction.atomic
def invitation_delivery_unmark(*, by: User, election: Election, household: Household) -> None:
    """Untick a household ticked by mistake: the row goes, the audit log keeps who ticked and
    who unticked it (``by`` is the request's actor there)."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    meeting_date = _check_can_record(election, household)
    for delivery in InvitationDelivery.objects.filter(
        election=election, household=household, meeting_date=meeting_date
    ):
        delivery.delete()
