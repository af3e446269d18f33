"""Who holds each post of a khu phố: begun by a recognition or an appointment, ended by the
decision that lets the holder go, and the vacancy that follows (issue 14).

The recognitions call ``tenure_begin`` (``services.decisions``); the proceedings between
elections call ``tenure_end``. Ending a tenure is the one change a ``Tenure`` row ever takes,
and only once: the row stays as the khu phố's history.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from elections import rules
from elections.models import (
    Candidate,
    Decision,
    Election,
    ElectionPurpose,
    OfficePost,
    Tenure,
    TenureEnd,
    TenureKind,
    Vacancy,
)
from elections.selectors.tenures import STANDING_IN
from neighborhoods.models import Division


def _earlier_term(tenure: Tenure, election: Election | None, started_on: datetime.date) -> bool:
    """Whether ``tenure`` belongs to a term before the one ``election`` is held in."""
    if tenure.term_ends_on <= started_on:
        return True
    return (
        election is not None and tenure.election is not None and tenure.election.plan_id != election.plan_id
    )


def _end_predecessors(
    *, by: User, neighborhood: Division, post: str, election: Election | None, started_on: datetime.date
) -> None:
    """Make room for a new holder: whoever stood in for the head gives way to the elected one;
    holders of an earlier term leave when the new term's are recognised. Anyone else still
    serving in this term holds the post: a second head is refused."""
    for holder in Tenure.objects.select_for_update().filter(
        neighborhood=neighborhood, post=post, ended_on__isnull=True
    ):
        if post == OfficePost.HEAD and holder.kind in STANDING_IN:
            _close(holder, ended_on=started_on, reason=TenureEnd.SUCCEEDED)
        elif _earlier_term(holder, election, started_on):
            _close(holder, ended_on=started_on, reason=TenureEnd.TERM_ENDED)
        elif post == OfficePost.HEAD:
            raise ValidationError(
                _(
                    "%(neighborhood)s đang có Trưởng khu phố %(name)s (từ %(day)s): "
                    "phải cho thôi trước khi có người mới."
                )
                % {
                    "neighborhood": neighborhood.name,
                    "name": holder.full_name,
                    "day": f"{holder.started_on:%d/%m/%Y}",
                },
                code="post_held",
            )


def _close(
    tenure: Tenure,
    *,
    ended_on: datetime.date,
    reason: str,
    note: str = "",
    decision: Decision | None = None,
) -> None:
    tenure.ended_on, tenure.end_reason, tenure.end_note, tenure.end_decision = (
        ended_on,
        reason,
        note,
        decision,
    )
    # Saved field by field so that the audit log records the end.
    tenure.save(update_fields=["ended_on", "end_reason", "end_note", "end_decision"])


@transaction.atomic
def tenure_begin(
    *,
    by: User,
    neighborhood: Division,
    post: str,
    kind: str,
    full_name: str,
    started_on: datetime.date,
    term_ends_on: datetime.date,
    election: Election | None = None,
    candidate: Candidate | None = None,
    decision: Decision | None = None,
) -> Tenure | None:
    """Record that ``full_name`` holds ``post`` from ``started_on``. An elected holder fills the
    oldest open vacancy of the post; an interim head or a convener leaves it open (the khu phố
    still has to elect).

    A practice election's recognition records its decision, but nobody takes the post: no tenure
    is begun or ended and no vacancy is filled (None)."""
    if election is not None and election.practice:
        return None
    full_name = " ".join(full_name.split())
    if not full_name:
        raise ValidationError(_("Ghi họ tên người giữ chức danh."))
    if started_on > term_ends_on:
        raise ValidationError(
            _("Ngày bắt đầu (%(start)s) sau ngày kết thúc nhiệm kỳ (%(end)s).")
            % {"start": f"{started_on:%d/%m/%Y}", "end": f"{term_ends_on:%d/%m/%Y}"}
        )
    _end_predecessors(by=by, neighborhood=neighborhood, post=post, election=election, started_on=started_on)
    assert neighborhood.parent is not None
    tenure = Tenure.objects.create(
        neighborhood=neighborhood,
        ward=neighborhood.parent,
        post=post,
        kind=kind,
        full_name=full_name,
        candidate=candidate,
        election=election,
        started_on=started_on,
        term_ends_on=term_ends_on,
        start_decision=decision,
    )
    if kind not in STANDING_IN:
        vacancy = (
            Vacancy.objects.select_for_update()
            .filter(neighborhood=neighborhood, post=post, filled_on__isnull=True)
            .order_by("vacant_from", "pk")
            .first()
        )
        if vacancy is not None:
            vacancy.filled_on, vacancy.filled_by = started_on, tenure
            vacancy.save(update_fields=["filled_on", "filled_by"])
    return tenure


@transaction.atomic
def vacancy_open(
    *,
    by: User,
    neighborhood: Division,
    post: str,
    vacant_from: datetime.date,
    reason: str,
    due_on: datetime.date | None = None,
    left: Tenure | None = None,
    by_election_required: bool = False,
) -> Vacancy:
    """A post of the khu phố is empty from ``vacant_from`` until someone is elected to it."""
    assert neighborhood.parent is not None
    return Vacancy.objects.create(
        neighborhood=neighborhood,
        ward=neighborhood.parent,
        post=post,
        left=left,
        vacant_from=vacant_from,
        reason=reason,
        due_on=due_on,
        by_election_required=by_election_required,
    )


def _stored_reason(reason: str) -> str:
    """The reason as the record keeps it: in Vietnamese, whatever language the official reads."""
    with translation.override("vi"):
        return str(TenureEnd(reason).label)


@transaction.atomic
def tenure_end(
    *,
    by: User,
    tenure: Tenure,
    ended_on: datetime.date,
    reason: str,
    note: str = "",
    decision: Decision | None = None,
    due_on: datetime.date | None = None,
    open_vacancy: bool = True,
) -> Vacancy | None:
    """The holder leaves the post on ``ended_on`` (by the ``decision`` that let them go). An
    elected holder leaves a vacancy (``due_on``: when the new election must be decided); a
    board seat's vacancy says whether the law requires a by-election (Luật Art. 36.2)."""
    locked = Tenure.objects.select_for_update().get(pk=tenure.pk)
    if locked.ended_on is not None:
        raise ValidationError(
            _("%(name)s đã thôi giữ chức danh từ ngày %(day)s.")
            % {"name": locked.full_name, "day": f"{locked.ended_on:%d/%m/%Y}"},
            code="already_ended",
        )
    if ended_on < locked.started_on:
        raise ValidationError(
            _("Ngày thôi (%(end)s) không thể trước ngày bắt đầu giữ chức danh (%(start)s).")
            % {"end": f"{ended_on:%d/%m/%Y}", "start": f"{locked.started_on:%d/%m/%Y}"}
        )
    _close(locked, ended_on=ended_on, reason=reason, note=note, decision=decision)
    tenure.refresh_from_db()
    if not open_vacancy or locked.kind in STANDING_IN:
        return None
    required = (
        locked.post == OfficePost.BOARD_MEMBER
        and ended_on <= locked.term_ends_on
        and rules.by_election_required(locked.term_ends_on, ended_on)
    )
    return vacancy_open(
        by=by,
        neighborhood=locked.neighborhood,
        post=locked.post,
        vacant_from=ended_on,
        reason=_stored_reason(reason),
        due_on=due_on,
        left=locked,
        by_election_required=required,
    )


def tenure_kind_for(election: Election) -> str:
    """How the people an election recognises hold their post."""
    return TenureKind.BY_ELECTED if election.purpose == ElectionPurpose.BY_ELECTION else TenureKind.ELECTED


@transaction.atomic
def vacancy_election_decided(*, by: User, vacancy: Vacancy, election: Election) -> Vacancy:
    """The ward decided the election that fills the vacancy (NĐ 59 Art. 9.3): from now on the
    vacancy waits for that election, and is no longer overdue."""
    locked = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if locked.filled_on is not None or locked.new_election_id is not None:
        raise ValidationError(
            _("Vị trí khuyết này đã có người hoặc đã có quyết định bầu."), code="vacancy_settled"
        )
    locked.new_election = election
    locked.save(update_fields=["new_election"])
    return locked
