"""The community meeting: opening it, checking household representatives in, the quorum."""

from __future__ import annotations

import uuid

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from elections import rules
from elections.models import Attendance, Election, Meeting, MeetingMode, Stage
from elections.selectors.clusters import cluster_of_household, cluster_plan_of, round_of
from elections.selectors.meeting import (
    active_attendance,
    current_meeting,
    held_by_cluster,
    household_total,
    next_number,
)
from elections.services.clusters import cluster_sittings_open, household_join_cluster
from elections.transitions import transition
from neighborhoods.models import Household
from neighborhoods.services.households import household_create
from wardvote.client_keys import key_taken

# An interim head does not end the election: the re-run decided before it is still held.
OPENABLE = (Stage.LIST_APPROVED, Stage.NOTICE_POSTED, Stage.RERUN_PENDING, Stage.INTERIM_HEAD)


def meter_changed(meeting: Meeting) -> None:
    """Raise the round's ``attendance_version`` in the caller's transaction: every open meter of
    the round (the khu phố's, each cluster sitting's) then answers its next poll in full.

    Only the round's row is written: a check-in already holds its lock, and a cluster sitting's
    meter shows the whole round's figures anyway."""
    round_row = Meeting.objects.filter(
        election_id=meeting.election_id, number=meeting.number, cluster__isnull=True
    )
    round_row.update(attendance_version=F("attendance_version") + 1)


@transaction.atomic
def meeting_open(*, by: User, election: Election) -> Meeting:
    """Open a sitting and snapshot the households of the khu phố: every majority counts from it."""
    locked = Election.objects.select_for_update().get(pk=election.pk)
    if current_meeting(locked):
        raise ValidationError(_("Cuộc họp đang diễn ra."))
    if locked.stage not in OPENABLE:
        raise ValidationError(
            _(
                "Chỉ khai mạc cuộc họp sau khi danh sách người ứng cử đã được duyệt "
                "(giai đoạn hiện tại: %(stage)s)."
            )
            % {"stage": locked.get_stage_display()}
        )
    plan = cluster_plan_of(locked)
    if plan is not None and plan.approved_on is None:
        raise ValidationError(
            _(
                "Khu phố có phương án họp theo cụm dân cư chưa được phường phê duyệt: phường phê "
                "duyệt phương án trước khi khai mạc."
            )
        )
    meeting = Meeting.objects.create(
        election=locked,
        number=next_number(locked),
        household_total=household_total(locked),
        held_on=locked.meeting_date or timezone.localdate(),
        opened_by=by,
    )
    if plan is not None:
        # Held by cluster (Luật Art. 18.3): one sitting per cluster, the sum in this round's row.
        cluster_sittings_open(by=by, round_meeting=meeting, plan=plan)
    transition(locked, "hold_meeting", by=by)
    election.stage = locked.stage
    return meeting


@transaction.atomic
def check_in(
    *,
    by: User,
    meeting: Meeting,
    household: Household,
    representative_name: str = "",
    client_key: uuid.UUID | None = None,
) -> Attendance:
    """One representative per household; a second check-in is refused and says who came.

    ``client_key``: the browser's key for this check-in. Sent again (the answer was lost, or the
    check-in waited offline), it answers with the attendance it made the first time.

    When the khu phố meets by cluster a household checks in once across all the sittings of the
    round, at its own cluster's: the round's row is locked, so two sittings take check-ins one
    after the other, and a second check-in at another cluster is refused naming the first.
    """
    # One check-in at a time per meeting (per round, for the sittings of a meeting by cluster).
    Meeting.objects.select_for_update().filter(pk=round_of(meeting).pk).first()
    if client_key is not None:
        # Under the lock: two copies of one check-in sent at once are taken one after the other.
        sent = Attendance.objects.filter(client_key=client_key).first()
        if sent is not None:
            same = (sent.checked_in_by_id, sent.meeting_id, sent.household_id)
            if same != (by.pk, meeting.pk, household.pk):
                raise key_taken()
            return sent
    if meeting.closed_at is not None:
        raise ValidationError(_("Cuộc họp đã kết thúc."))
    if meeting.mode != MeetingMode.MEETING:
        raise ValidationError(_("Đang lấy ý kiến bằng phiếu tại hộ gia đình: không điểm danh."))
    if household.neighborhood_id != meeting.election.neighborhood_id:
        raise ValidationError(_("Hộ %(code)s không thuộc khu phố này.") % {"code": household.code})
    if held_by_cluster(meeting):
        raise ValidationError(_("Khu phố họp theo cụm dân cư: chọn cuộc họp của cụm để điểm danh."))
    earlier = active_attendance(meeting, household)
    if earlier:
        figures = {
            "code": household.code,
            "time": timezone.localtime(earlier.checked_in_at).strftime("%H:%M"),
            "name": earlier.representative_name,
        }
        if earlier.meeting.cluster is not None:
            raise ValidationError(
                _(
                    "Hộ %(code)s đã điểm danh tại cuộc họp của %(cluster)s lúc %(time)s, người đại diện: "
                    "%(name)s. Mỗi hộ chỉ điểm danh một lần trong các cuộc họp cụm dân cư."
                )
                % {**figures, "cluster": earlier.meeting.cluster.name},
                code="already_present",
            )
        raise ValidationError(
            _("Hộ %(code)s đã điểm danh lúc %(time)s, người đại diện: %(name)s.") % figures,
            code="already_present",
        )
    if meeting.cluster is not None:
        own = cluster_of_household(meeting.cluster.plan, household)
        if own is None:
            raise ValidationError(
                _("Hộ %(code)s chưa thuộc cụm dân cư nào của phương án.") % {"code": household.code}
            )
        if own.pk != meeting.cluster_id:
            raise ValidationError(
                _("Hộ %(code)s thuộc %(cluster)s: điểm danh tại cuộc họp của cụm đó.")
                % {"code": household.code, "cluster": own.name},
                code="other_cluster",
            )
    name = " ".join((representative_name or household.representative_name or household.head_name).split())
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(
                meeting=meeting,
                household=household,
                representative_name=name,
                checked_in_by=by,
                client_key=client_key,
            )
    except IntegrityError as error:  # the constraint caught a concurrent check-in
        if client_key is not None and Attendance.objects.filter(client_key=client_key).exists():
            raise key_taken() from error  # the key came with a check-in at another meeting
        raise ValidationError(_("Hộ %(code)s vừa được điểm danh.") % {"code": household.code}) from error
    meter_changed(meeting)
    return attendance


@transaction.atomic
def check_in_undo(*, by: User, attendance: Attendance, reason: str) -> Attendance:
    if not reason.strip():
        raise ValidationError(_("Ghi lý do hủy điểm danh."))
    locked = Attendance.objects.select_for_update().get(pk=attendance.pk)
    if locked.undone_at is None:
        locked.undone_at, locked.undone_by, locked.undo_reason = timezone.now(), by, reason.strip()
        locked.save(update_fields=["undone_at", "undone_by", "undo_reason"])
        meter_changed(locked.meeting)
    return locked


@transaction.atomic
def household_add_at_meeting(
    *, by: User, meeting: Meeting, code: str, head_name: str, address: str = "", representative_name: str = ""
) -> Attendance:
    """A household missing from the register joins on the spot, flagged for the ward to review.

    The meeting's household total grows with it: the household counts in the majority too.
    The meeting row is locked first and the total re-read under the lock, so two walk-ins
    at the same moment both count; ``save`` (not ``update``) leaves the change in the audit.
    """
    locked = (
        Meeting.objects.select_for_update(of=("self",)).select_related("cluster__plan").get(pk=meeting.pk)
    )
    if locked.closed_at is not None:
        raise ValidationError(_("Cuộc họp đã kết thúc."))
    if held_by_cluster(locked):
        raise ValidationError(_("Khu phố họp theo cụm dân cư: chọn cuộc họp của cụm để thêm hộ."))
    household = household_create(
        neighborhood=meeting.election.neighborhood,
        code=code,
        head_name=head_name,
        address=address,
        representative_name=representative_name,
    )
    household.needs_review = True
    household.save(update_fields=["needs_review"])
    locked.household_total += 1
    locked.save(update_fields=["household_total"])
    meeting.household_total = locked.household_total
    if locked.cluster is not None:
        # A cluster's walk-in joins its cluster and counts in the khu phố's majority too.
        household_join_cluster(plan=locked.cluster.plan, cluster=locked.cluster, household=household)
        whole = Meeting.objects.select_for_update().get(pk=round_of(locked).pk)
        whole.household_total += 1
        whole.save(update_fields=["household_total"])
    # The check-in raises the meter's version for the new total too: same transaction.
    return check_in(by=by, meeting=meeting, household=household, representative_name=representative_name)


@transaction.atomic
def meeting_minutes_record(
    *, meeting: Meeting, chair_name: str, discussion: str, representatives: list[str]
) -> Meeting:
    """What the meeting's minutes (form 03) say beyond the procedure: who chaired it, the
    discussion, and the 2 household representatives who sign it (Luật Art. 20.2.g).

    Recorded during the meeting or after it closes: the chair completes the file once the
    meeting has ended (NĐ 59 Art. 3.5.d)."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.mode != MeetingMode.MEETING:
        raise ValidationError(_("Biên bản cuộc họp chỉ ghi cho cuộc họp cộng đồng dân cư."))
    chair = " ".join(chair_name.split())
    if not chair:
        raise ValidationError(_("Ghi họ tên người chủ trì cuộc họp."))
    names = [" ".join(name.split()) for name in representatives if name and name.strip()]
    problems = rules.decision_representative_problems(names)
    if problems:
        raise ValidationError(problems)
    locked.chair_name, locked.discussion, locked.representatives = chair, discussion.strip(), names
    locked.save(update_fields=["chair_name", "discussion", "representatives"])
    return locked
