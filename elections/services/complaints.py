"""Complaints and denunciations (khiếu nại, tố cáo) about a candidate or the process."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from elections.models import Candidate, Complaint, ComplaintStatus, Election


@transaction.atomic
def complaint_file(
    *,
    election: Election,
    received_on: datetime.date,
    complainant: str,
    content: str,
    candidate: Candidate | None = None,
    assigned_to: str = "",
) -> Complaint:
    if candidate is not None and candidate.contest.election_id != election.pk:
        raise ValidationError({"candidate": _("Người ứng cử không thuộc cuộc bầu cử này.")})
    return Complaint.objects.create(
        election=election,
        received_on=received_on,
        complainant=complainant,
        content=content,
        candidate=candidate,
        assigned_to=assigned_to,
    )


@transaction.atomic
def complaint_resolve(*, complaint: Complaint, resolution: str, resolved_on: datetime.date) -> Complaint:
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if not resolution.strip():
        raise ValidationError({"resolution": _("Ghi rõ kết quả giải quyết.")})
    if resolved_on < locked.received_on:
        raise ValidationError({"resolved_on": _("Ngày giải quyết không được trước ngày nhận.")})
    locked.resolution, locked.resolved_on, locked.status = resolution, resolved_on, ComplaintStatus.RESOLVED
    locked.save(update_fields=["resolution", "resolved_on", "status"])
    return locked
