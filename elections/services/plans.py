"""Plans and the elections they open; scheduling the meetings; recording the preparation."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elections import transitions
from elections.models import Contest, ContestKind, Election, ElectionPurpose, Plan, PlanLevel, Stage
from elections.selectors.plans import (
    MILESTONES,
    PREPARATION_MILESTONES,
    milestone_label,
    record_closed,
    schedule_closed,
)
from elections.selectors.tenures import term_ends_on
from elections.services.corrections import correction_record
from neighborhoods.models import Division, Level, on_two_level_map
from wardvote.audit import audited_bulk_create, audited_update

SCHEDULE_CLOSED = gettext_lazy("Cuộc họp đã diễn ra; không đổi lịch được nữa.")
MILESTONE_CLOSED = gettext_lazy("Cuộc họp đã khai mạc: ngày thực hiện các bước chuẩn bị không sửa được nữa.")

NO_DISTRICT = gettext_lazy(
    "Bản đồ hành chính từ 01/07/2025 không có cấp quận, huyện: kế hoạch của phường, xã thực hiện "
    "thẳng kế hoạch của tỉnh, thành phố."
)

PLAN_LEVEL: dict[str, str] = {
    Level.PROVINCE: PlanLevel.CITY,
    Level.DISTRICT: PlanLevel.DISTRICT,
    Level.WARD: PlanLevel.WARD,
}


def _check_parent(division: Division, parent: Plan | None) -> None:
    """The plan carries out the plan of the level directly above: a ward's plan the district's on
    the three-level map, the province's on the two-level map of 1 July 2025 (no district)."""
    if division.level == Level.DISTRICT and on_two_level_map(division):
        raise ValidationError(NO_DISTRICT)
    if division.level == Level.PROVINCE:
        if parent is not None:
            raise ValidationError({"parent": _("Kế hoạch của thành phố không có kế hoạch cấp trên.")})
        return
    if parent is None:
        raise ValidationError({"parent": _("Chọn kế hoạch cấp trên mà kế hoạch này thực hiện.")})
    if parent.level == PlanLevel.DISTRICT and on_two_level_map(division):
        raise ValidationError({"parent": NO_DISTRICT})
    if parent.division_id != division.parent_id:
        above = division.parent
        assert above is not None, "every division below the province has a parent"
        raise ValidationError(
            {"parent": _("Kế hoạch cấp trên phải là của %(parent)s.") % {"parent": above.name}}
        )


@transaction.atomic
def plan_create(
    *,
    by: User,
    division: Division,
    parent: Plan | None,
    number: str,
    issued_on: datetime.date,
    title: str,
    issuing_bodies: str,
    signers: str = "",
    legal_basis: str = "",
    term_start_year: int,
    term_end_year: int,
    elects_head: bool,
    elects_inspection_board: bool,
    completion_deadline: datetime.date,
) -> Plan:
    """Record a plan; a ward plan opens one election per khu phố as the map stood on its date."""
    if division.level not in PLAN_LEVEL:
        raise ValidationError(_("Chỉ thành phố, quận và phường ban hành kế hoạch bầu cử."))
    _check_parent(division, parent)
    if term_end_year <= term_start_year:
        raise ValidationError({"term_end_year": _("Năm kết thúc nhiệm kỳ phải sau năm bắt đầu.")})
    if completion_deadline < issued_on:
        raise ValidationError(
            {"completion_deadline": _("Thời hạn hoàn thành không được trước ngày ban hành.")}
        )
    if not (elects_head or elects_inspection_board):
        raise ValidationError(
            _("Kế hoạch phải bầu Trưởng khu phố, thành viên Ban Thanh tra nhân dân hoặc cả hai.")
        )
    number = number.strip()
    if Plan.objects.official().filter(division=division, number=number).exists():
        raise _number_taken(division, number)
    try:
        with transaction.atomic():
            plan = Plan.objects.create(
                division=division,
                level=PLAN_LEVEL[division.level],
                parent=parent,
                number=number,
                issued_on=issued_on,
                title=title,
                issuing_bodies=issuing_bodies,
                signers=signers,
                legal_basis=legal_basis,
                term_start_year=term_start_year,
                term_end_year=term_end_year,
                elects_head=elects_head,
                elects_inspection_board=elects_inspection_board,
                completion_deadline=completion_deadline,
                created_by=by,
                superseded=_later_term_kept(division, term_start_year),
            )
    except IntegrityError as error:  # the same plan saved by another request at the same moment
        raise _number_taken(division, number) from error
    if not plan.superseded:
        _supersede_earlier_terms(plan)
    if division.level == Level.WARD:
        open_elections(plan)
    return plan


def _later_term_kept(division: Division, term_start_year: int) -> bool:
    """Whether ``division`` already has an official plan of a later term (a plan entered late,
    for a term kept from before)."""
    return Plan.objects.official().filter(division=division, term_start_year__gt=term_start_year).exists()


def _supersede_earlier_terms(plan: Plan) -> None:
    """The division's official plans of earlier terms, and their elections, leave the current
    campaign (``Plan.superseded``): the dashboards count a division's latest term."""
    earlier = Plan.objects.official().filter(
        division_id=plan.division_id, term_start_year__lt=plan.term_start_year, superseded=False
    )
    earlier_ids = list(earlier.values_list("pk", flat=True))
    if earlier_ids:
        audited_update(Election.objects.filter(plan_id__in=earlier_ids, superseded=False), superseded=True)
        audited_update(Plan.objects.filter(pk__in=earlier_ids), superseded=True)


def _number_taken(division: Division, number: str) -> ValidationError:
    return ValidationError(
        {
            "number": _("%(division)s đã có kế hoạch số %(number)s.")
            % {"division": division.name, "number": number}
        }
    )


def divisions_above(ward: Division) -> dict[str, Division | None]:
    """The ``ward``, ``district`` and ``province`` an election of one of the ward's khu phố copies
    (the roll-ups group by them): on the two-level map the ward's parent is the province and
    the district is None."""
    above = ward.parent
    if above is not None and above.level == Level.DISTRICT:
        return {"ward": ward, "district": above, "province": above.parent}
    return {
        "ward": ward,
        "district": None,
        "province": above if above and above.level == Level.PROVINCE else None,
    }


def election_during_term(*, plan: Plan, neighborhood: Division, purpose: str, **fields) -> Election:
    """An election opened during the term (a new head after a vacancy, a release meeting, a
    board by-election) under the ward's ``plan``: it copies the plan's flags and the divisions
    above as the term's own elections do, so that every roll-up places it alike."""
    return Election.objects.create(
        plan=plan,
        neighborhood=neighborhood,
        purpose=purpose,
        **divisions_above(plan.division),
        **plan.election_flags,
        **fields,
    )


def open_elections(plan: Plan, neighborhoods: QuerySet[Division] | None = None) -> None:
    """One election per khu phố of the ward as the map stood on the plan's date (or of
    ``neighborhoods``, for a practice copy), flagged practice as its plan is."""
    if neighborhoods is None:
        neighborhoods = Division.objects.subtree(plan.division).neighborhoods().valid_on(plan.issued_on)
    above = divisions_above(plan.division)
    elections = audited_bulk_create(
        Election,
        [Election(plan=plan, neighborhood=kp, **plan.election_flags, **above) for kp in neighborhoods],
    )
    kinds = [
        kind
        for kind, wanted in (
            (ContestKind.HEAD, plan.elects_head),
            (ContestKind.INSPECTION_BOARD, plan.elects_inspection_board),
        )
        if wanted
    ]
    audited_bulk_create(Contest, [Contest(election=e, kind=kind) for e in elections for kind in kinds])


def _check_meeting_date(election: Election, meeting_date: datetime.date) -> None:
    plan = election.plan
    if election.purpose != ElectionPurpose.TERM:
        # Within the term (issue 14): held before the term ends, not by the plan's deadline.
        term_end = term_ends_on(plan)
        if meeting_date > term_end:
            raise ValidationError(
                {
                    "meeting_date": _("Ngày họp %(day)s sau ngày kết thúc nhiệm kỳ %(end)s.")
                    % {"day": f"{meeting_date:%d/%m/%Y}", "end": f"{term_end:%d/%m/%Y}"}
                }
            )
    elif meeting_date > plan.completion_deadline:
        raise ValidationError(
            {
                "meeting_date": _(
                    "Ngày họp %(day)s sau thời hạn hoàn thành %(deadline)s của kế hoạch %(plan)s."
                )
                % {
                    "day": f"{meeting_date:%d/%m/%Y}",
                    "deadline": f"{plan.completion_deadline:%d/%m/%Y}",
                    "plan": plan.number,
                }
            }
        )
    if meeting_date < plan.issued_on:
        raise ValidationError({"meeting_date": _("Ngày họp không được trước ngày ban hành kế hoạch.")})


@transaction.atomic
def election_schedule(
    *,
    by: User,
    election: Election,
    meeting_date: datetime.date,
    meeting_time: datetime.time | None,
    meeting_place: str,
    expected_version: int | None = None,
    correction_reason: str = "",
) -> Election:
    """Set a khu phố's meeting. ``expected_version`` refuses to overwrite someone else's edit.

    Once the meeting took place its schedule is on record: it changes only as a correction
    with ``correction_reason``, which the papers issued afterwards print.
    """
    locked = Election.objects.select_for_update().select_related("plan").get(pk=election.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ValidationError(
            _("Người khác vừa sửa cuộc bầu cử này. Hãy tải lại trang để xem thông tin mới.")
        )
    if schedule_closed(locked):
        correction_record(
            by=by,
            election=locked,
            subject=_("lịch họp %(day)s %(time)s, %(place)s")
            % {
                "day": f"{meeting_date:%d/%m/%Y}",
                "time": f"{meeting_time:%H:%M}" if meeting_time else "",
                "place": meeting_place or "—",
            },
            correction_reason=correction_reason,
            refusal=SCHEDULE_CLOSED,
        )
    _check_meeting_date(locked, meeting_date)
    locked.meeting_date, locked.meeting_time, locked.meeting_place = meeting_date, meeting_time, meeting_place
    locked.version += 1
    locked.save(update_fields=["meeting_date", "meeting_time", "meeting_place", "version", "updated_at"])
    if locked.stage == Stage.NOT_STARTED:
        locked = transitions.transition(locked, "start_preparation", by=by)
    return locked


@transaction.atomic
def elections_schedule_bulk(
    *,
    by: User,
    elections: list[Election],
    meeting_date: datetime.date,
    meeting_time: datetime.time | None,
    meeting_place: str,
) -> int:
    for election in elections:
        election_schedule(
            by=by,
            election=election,
            meeting_date=meeting_date,
            meeting_time=meeting_time,
            meeting_place=meeting_place,
        )
    return len(elections)


@transaction.atomic
def election_record_milestone(
    *, by: User, election: Election, key: str, done_on: datetime.date | None, correction_reason: str = ""
) -> Election:
    """Record (or clear) the day one preparation step was done.

    Once the meeting opened, the steps before it are on record: their dates change only as a
    correction with ``correction_reason``.
    """
    if key not in MILESTONES:
        raise ValidationError(_("Bước chuẩn bị không hợp lệ."))
    locked = Election.objects.select_for_update().get(pk=election.pk)
    if key in PREPARATION_MILESTONES and record_closed(locked):
        correction_record(
            by=by,
            election=locked,
            subject=_("ngày thực hiện “%(step)s”: %(day)s")
            % {"step": milestone_label(locked, key), "day": f"{done_on:%d/%m/%Y}" if done_on else "—"},
            correction_reason=correction_reason,
            refusal=MILESTONE_CLOSED,
        )
    setattr(locked, MILESTONES[key], done_on)
    locked.version += 1
    locked.save(update_fields=[MILESTONES[key], "version", "updated_at"])
    return locked
