"""While a khu phố has no head: who stands in, and the election of a new head (issue 14).

A head's post falls vacant when the head leaves within the term (``services.tenures.tenure_end``
after the recognition of a resignation or a dismissal) or when a new khu phố is made by a
reorganisation (``services.reorganisations``). Then the ward:

- appoints an interim head (lâm thời), after agreeing with the ward Front, to run the khu phố
  until a head is elected (NĐ 59 Art. 9.3, last paragraph): a ward decision
  (``DecisionKind.INTERIM_HEAD``), and a tenure of kind ``interim``;
- or has its chairman designate a convener (NĐ 59 Art. 3.1.d): a representative of the khu
  phố's Front committee or a reputable resident, who convenes the community's meetings while
  the post is vacant (``DecisionKind.CONVENER``, a tenure of kind ``convener``);
- decides to elect a new head, within 60 days of recognising the head's release (NĐ 59 Art.
  9.3; a new khu phố has no such day): a ward decision (``DecisionKind.NEW_ELECTION``) that
  opens an ``Election`` of purpose ``new_head`` under the ward's current plan, with a head
  contest. That election runs the whole existing workflow, and its recognition
  (``services.decisions.head_recognise``) begins the new head's tenure, which fills the
  vacancy and ends the interim head's or convener's.

A late decision is not refused: the vacancy's line on the checklist shows it late.
Each decision is a ``Decision`` row, never changed; its details name the vacancy.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from elections import rules
from elections.models import (
    Contest,
    ContestKind,
    Decision,
    DecisionKind,
    Election,
    ElectionPurpose,
    OfficePost,
    Plan,
    Tenure,
    TenureKind,
    Vacancy,
)
from elections.selectors.tenures import current_ward_plan, term_ends_on
from elections.selectors.vacancies import new_election_problems, stand_in_problems
from elections.services.plans import election_during_term, election_record_milestone, election_schedule
from elections.services.tenures import tenure_begin, vacancy_election_decided


def _locked(vacancy: Vacancy) -> Vacancy:
    related = Vacancy.objects.select_related("neighborhood", "left__election")
    return related.select_for_update(of=("self",)).get(pk=vacancy.pk)


def _plan(vacancy: Vacancy) -> Plan:
    plan = current_ward_plan(vacancy.ward)
    assert plan is not None, "checked by the selectors' problems"
    return plan


def _vacancy_details(vacancy: Vacancy) -> dict:
    """What every decision about the vacancy states of it, as it was when decided."""
    left: Tenure | None = vacancy.left
    return {
        "vacancy": vacancy.pk,
        "neighborhood": vacancy.neighborhood.name,
        "vacant_from": f"{vacancy.vacant_from:%d/%m/%Y}",
        "left_name": left.full_name if left is not None else "",
        "left_reason": left.get_end_reason_display() if left is not None else "",
        "vacancy_reason": vacancy.reason,
    }


def _decide(
    vacancy: Vacancy,
    kind: str,
    *,
    by: User,
    decided_on: datetime.date,
    reason: str,
    details: dict,
    election: Election | None,
) -> Decision:
    return Decision.objects.create(
        plan=_plan(vacancy),
        election=election,
        kind=kind,
        decided_on=decided_on,
        reason=reason.strip(),
        by=by,
        details={**_vacancy_details(vacancy), **details},
    )


def _stand_in(
    *,
    by: User,
    vacancy: Vacancy,
    kind: str,
    decision_kind: str,
    decided_on: datetime.date,
    full_name: str,
    problems: list[str],
    details: dict,
    reason: str,
) -> Decision:
    locked = _locked(vacancy)
    problems = stand_in_problems(locked, kind, decided_on) + problems
    if problems:
        raise ValidationError(problems)
    plan = _plan(locked)
    # The decision is filed with the election the head who left came from (none for a new khu phố).
    decision = _decide(
        locked,
        decision_kind,
        by=by,
        decided_on=decided_on,
        reason=reason,
        details={"full_name": full_name, **details},
        election=locked.left.election if locked.left is not None else None,
    )
    tenure_begin(
        by=by,
        neighborhood=locked.neighborhood,
        post=OfficePost.HEAD,
        kind=kind,
        full_name=full_name,
        started_on=decided_on,
        term_ends_on=term_ends_on(plan),
        election=None,
        decision=decision,
    )
    return decision


@transaction.atomic
def vacancy_interim_head_appoint(
    *,
    by: User,
    vacancy: Vacancy,
    decided_on: datetime.date,
    full_name: str,
    front_agreed_on: datetime.date | None,
    front_agreed_by: str,
    reason: str = "",
) -> Decision:
    """While the head's post is vacant, the ward, after agreeing with the ward Front (who for
    the Front and when, printed on the decision), appoints an interim head to run the khu phố
    until a head is elected (NĐ 59 Art. 9.3). A convener standing in gives way to them."""
    full_name = " ".join(full_name.split())
    front_agreed_by = " ".join(front_agreed_by.split())
    problems = [] if full_name else [_("Ghi họ tên người được cử làm Trưởng khu phố lâm thời.")]
    problems += rules.front_agreement_problems(front_agreed_on, front_agreed_by, decided_on)
    return _stand_in(
        by=by,
        vacancy=vacancy,
        kind=TenureKind.INTERIM,
        decision_kind=DecisionKind.INTERIM_HEAD,
        decided_on=decided_on,
        full_name=full_name,
        problems=problems,
        details={
            "front_agreed_on": f"{front_agreed_on:%d/%m/%Y}" if front_agreed_on else "",
            "front_agreed_by": front_agreed_by,
        },
        reason=reason,
    )


@transaction.atomic
def convener_designate(
    *,
    by: User,
    vacancy: Vacancy,
    decided_on: datetime.date,
    full_name: str,
    capacity: str,
    reason: str = "",
) -> Decision:
    """The ward chairman designates who convenes and runs the community's meetings while the
    head's post is vacant: a representative of the khu phố's Front committee or a reputable
    resident (NĐ 59 Art. 3.1.d). Not a head: the khu phố still elects one."""
    full_name = " ".join(full_name.split())
    return _stand_in(
        by=by,
        vacancy=vacancy,
        kind=TenureKind.CONVENER,
        decision_kind=DecisionKind.CONVENER,
        decided_on=decided_on,
        full_name=full_name,
        problems=rules.convener_problems(full_name, capacity),
        details={
            "capacity": capacity,
            "capacity_label": str(rules.CONVENER_CAPACITIES.get(capacity, "")),
        },
        reason=reason,
    )


@transaction.atomic
def new_election_decide(
    *,
    by: User,
    vacancy: Vacancy,
    decided_on: datetime.date,
    meeting_date: datetime.date | None = None,
    reason: str = "",
) -> Decision:
    """The ward decides to elect a new head (NĐ 59 Art. 9.3: within 60 days of recognising the
    head's release; a new khu phố's first head has no such day). Opens the election (purpose
    ``new_head``, under the ward's current plan, a head contest) that then runs as any other;
    the vacancy waits for it and is no longer overdue. A late decision is taken all the same:
    the checklist shows it was late."""
    locked = _locked(vacancy)
    plan = current_ward_plan(locked.ward)
    term_end = term_ends_on(plan) if plan is not None else None
    problems = new_election_problems(locked, decided_on)
    if term_end is not None:
        problems += rules.new_election_meeting_problems(decided_on, meeting_date, term_end)
    if problems:
        raise ValidationError(problems)
    assert plan is not None and term_end is not None
    election = election_during_term(
        plan=plan, neighborhood=locked.neighborhood, purpose=ElectionPurpose.NEW_HEAD
    )
    Contest.objects.create(election=election, kind=ContestKind.HEAD)
    decision = _decide(
        locked,
        DecisionKind.NEW_ELECTION,
        by=by,
        decided_on=decided_on,
        reason=reason,
        details={
            "due_on": f"{locked.due_on:%d/%m/%Y}" if locked.due_on else "",
            "meeting_date": f"{meeting_date:%d/%m/%Y}" if meeting_date else "",
            "term_ends_on": f"{term_end:%d/%m/%Y}",
            "first_head": locked.left_id is None,
        },
        election=election,
    )
    vacancy_election_decided(by=by, vacancy=locked, election=election)
    # The decision is the election's "decision to hold" on its checklist (NĐ 59 Art. 6.1.a).
    election_record_milestone(by=by, election=election, key="plan", done_on=decided_on)
    if meeting_date is not None:
        election_schedule(
            by=by, election=election, meeting_date=meeting_date, meeting_time=None, meeting_place=""
        )
    return decision
