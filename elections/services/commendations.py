"""Commendations after the campaign (khen thưởng): the ward's office drafts the list of
collectives and individuals with their achievements, proposes it (to the ward chairman for
his own Giấy khen, to the district for the higher forms), and the chairman decides his
Giấy khen; the decision is an ND30 paper (``elections.commendation_documents``). A proposed
or decided list never changes in place: a correction is a new list naming the one it
replaces (``commendation_correct``)."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from elections import rules
from elections.models import (
    Commendation,
    CommendationForm,
    CommendationStatus,
    Commendee,
    CommendeeKind,
    Plan,
    PlanLevel,
)
from elections.selectors.commendations import campaign_ended_on


def _clean(text: str) -> str:
    return " ".join((text or "").split())


def _lock(commendation: Commendation) -> Commendation:
    return Commendation.objects.select_for_update().select_related("plan", "ward").get(pk=commendation.pk)


def _require_draft(commendation: Commendation) -> None:
    if commendation.status != CommendationStatus.DRAFT:
        raise ValidationError(
            _("Danh sách đã %(status)s: không sửa được; muốn sửa, hãy lập danh sách đính chính thay thế.")
            % {"status": commendation.get_status_display().lower()},
            code="wrong_status",
        )


def lines_of(commendation: Commendation) -> list[rules.CommendeeLine]:
    return [
        rules.CommendeeLine(c.kind, c.name, c.position, c.unit, c.achievement)
        for c in commendation.commendees.all()
    ]


@transaction.atomic
def commendation_create(*, by: User, plan: Plan, form: str) -> Commendation:
    """A new draft list of the ward's plan, in one form of commendation."""
    if plan.level != PlanLevel.WARD:
        raise ValidationError(
            _("Danh sách khen thưởng lập theo kế hoạch bầu cử của phường."), code="wrong_level"
        )
    if form not in CommendationForm.values:
        raise ValidationError({"form": _("Hình thức khen thưởng không hợp lệ.")})
    return Commendation.objects.create(plan=plan, ward=plan.division, form=form, created_by=by)


@transaction.atomic
def commendee_add(
    *,
    by: User,
    commendation: Commendation,
    kind: str,
    name: str,
    achievement: str,
    position: str = "",
    unit: str = "",
) -> Commendee:
    commendation = _lock(commendation)
    _require_draft(commendation)
    if kind not in CommendeeKind.values:
        raise ValidationError({"kind": _("Chọn tập thể hoặc cá nhân.")})
    name = _clean(name)
    if not name:
        raise ValidationError({"name": _("Chưa ghi tên tập thể hoặc họ và tên cá nhân.")})
    line = rules.CommendeeLine(kind, name, _clean(position), _clean(unit), achievement.strip())
    earlier = lines_of(commendation)
    problems = rules.commendation_list_problems([*earlier, line])
    # Only the new line's problems: the others were shown when they were added.
    label = rules.commendee_label(len(earlier) + 1, name)
    own = [p for p in problems if p.startswith(label)]
    if own:
        raise ValidationError(own)
    last = commendation.commendees.aggregate(last=Max("order"))["last"] or 0
    return Commendee.objects.create(
        commendation=commendation,
        kind=kind,
        name=name,
        position=line.position,
        unit=line.unit,
        achievement=line.achievement,
        order=last + 1,
    )


@transaction.atomic
def commendee_remove(*, by: User, commendee: Commendee) -> None:
    _require_draft(_lock(commendee.commendation))
    commendee.delete()


@transaction.atomic
def commendation_propose(
    *, by: User, commendation: Commendation, proposed_on: datetime.date, note: str = ""
) -> Commendation:
    """The office proposes the list: to the ward chairman for his Giấy khen, else to the district."""
    commendation = _lock(commendation)
    _require_draft(commendation)
    problems = rules.commendation_list_problems(lines_of(commendation))
    problems += rules.commendation_date_problems(
        plan_issued_on=commendation.plan.issued_on,
        today=timezone.localdate(),
        proposed_on=proposed_on,
        campaign_ended_on=campaign_ended_on(commendation.plan),
    )
    if problems:
        raise ValidationError(problems)
    commendation.status = CommendationStatus.PROPOSED
    commendation.proposed_on = proposed_on
    commendation.proposed_by = by
    commendation.proposal_note = note.strip()
    commendation.save(update_fields=["status", "proposed_on", "proposed_by", "proposal_note"])
    return commendation


@transaction.atomic
def commendation_decide(*, by: User, commendation: Commendation, decided_on: datetime.date) -> Commendation:
    """The ward chairman decides his own Giấy khen on a proposed list."""
    commendation = _lock(commendation)
    if commendation.status != CommendationStatus.PROPOSED:
        raise ValidationError(_("Chỉ quyết định khen thưởng trên danh sách đã đề nghị."), code="wrong_status")
    if not rules.ward_decides_commendation(commendation.form):
        raise ValidationError(
            _(
                "%(form)s do cấp trên quyết định: phường chỉ đề nghị, không ra quyết định khen thưởng "
                "hình thức này."
            )
            % {"form": commendation.get_form_display()},
            code="forbidden",
        )
    problems = rules.commendation_date_problems(
        plan_issued_on=commendation.plan.issued_on,
        today=timezone.localdate(),
        proposed_on=commendation.proposed_on,
        decided_on=decided_on,
    )
    if problems:
        raise ValidationError(problems)
    commendation.status = CommendationStatus.DECIDED
    commendation.decided_on = decided_on
    commendation.decided_by = by
    commendation.save(update_fields=["status", "decided_on", "decided_by"])
    return commendation


@transaction.atomic
def commendation_correct(*, by: User, commendation: Commendation, reason: str) -> Commendation:
    """A new draft that copies a proposed or decided list and names it; the old one stays."""
    commendation = _lock(commendation)
    if commendation.status == CommendationStatus.DRAFT:
        raise ValidationError(_("Danh sách còn là dự thảo: sửa trực tiếp, không cần đính chính."))
    if commendation.superseded_by.exists():
        raise ValidationError(_("Danh sách này đã có danh sách đính chính thay thế."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Phải ghi lý do đính chính.")})
    new = Commendation.objects.create(
        plan=commendation.plan,
        ward=commendation.ward,
        form=commendation.form,
        version=commendation.version + 1,
        supersedes=commendation,
        reason=reason,
        created_by=by,
    )
    for c in commendation.commendees.all():
        Commendee.objects.create(
            commendation=new,
            kind=c.kind,
            name=c.name,
            position=c.position,
            unit=c.unit,
            achievement=c.achievement,
            order=c.order,
        )
    return new
