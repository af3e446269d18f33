"""Bringing the households in (issue 18): someone of the team, the ward or the Front went to the
door of a household that had not come yet ("đã đến nhà vận động"), at a time they give."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from elections.models import Meeting, MeetingMode, MobilisationVisit
from elections.selectors.clusters import round_of
from elections.selectors.meeting import active_attendance
from elections.services.meeting import meter_changed
from neighborhoods.models import Household

NOTE_LENGTH = 255


@transaction.atomic
def mobilisation_visit_record(
    *,
    by: User,
    meeting: Meeting,
    household: Household,
    visited_at: datetime.datetime | None = None,
    note: str = "",
) -> MobilisationVisit:
    """Record a visit to a household not yet come, on the round's own row (now, unless the
    volunteer says when). The list of those not yet come rides on the quorum meter's version, so
    the version is raised with the visit: every open list shows it at its next poll."""
    round_row = Meeting.objects.select_for_update().select_related("election").get(pk=round_of(meeting).pk)
    if round_row.closed_at is not None:
        raise ValidationError(_("Cuộc họp đã kết thúc: không còn ghi nhận việc đến nhà vận động."))
    if round_row.mode != MeetingMode.MEETING:
        raise ValidationError(_("Đang lấy ý kiến bằng phiếu tại hộ gia đình: không có cuộc họp để vận động."))
    if household.neighborhood_id != round_row.election.neighborhood_id:
        raise ValidationError(_("Hộ %(code)s không thuộc khu phố này.") % {"code": household.code})
    present = active_attendance(round_row, household)
    if present is not None:
        raise ValidationError(
            _("Hộ %(code)s đã có mặt tại cuộc họp (điểm danh lúc %(time)s): không cần đến nhà vận động.")
            % {"code": household.code, "time": timezone.localtime(present.checked_in_at).strftime("%H:%M")},
            code="already_present",
        )
    now = timezone.now()
    at = visited_at or now
    if at > now:
        raise ValidationError({"visited_at": [_("Thời điểm đến nhà không thể sau lúc này.")]})
    # A volunteer gives the time to the minute: the minute the meeting opened is not before it.
    if at < round_row.opened_at.replace(second=0, microsecond=0):
        raise ValidationError({"visited_at": [_("Thời điểm đến nhà không thể trước lúc khai mạc cuộc họp.")]})
    note = " ".join(note.split())
    if len(note) > NOTE_LENGTH:
        raise ValidationError({"note": [_("Ghi chú dài quá %(n)s ký tự.") % {"n": NOTE_LENGTH}]})
    visit = MobilisationVisit.objects.create(
        meeting=round_row, household=household, visited_at=at, visited_by=by, note=note
    )
    meter_changed(round_row)
    return visit
