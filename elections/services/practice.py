"""Practice copies of a ward plan, for training the teams (VotingWorks' test mode is the model).

A practice copy is a ward plan flagged ``practice`` that copies a real ward plan's fields, with one
practice election per khu phố of the real plan (or of the one khu phố chosen), on the same
household register, so that the team checks in real names. What keeps it apart:

- ``Plan.objects.official()`` / ``Election.objects.official()`` in every roll-up, report, export,
  task list and public page;
- its papers are watermarked and never take a number (``reporting.services``);
- its recognitions record the decision but no tenure (``services.tenures.tenure_begin``).

Starting over retires the copy (hidden, kept for the audit log) and opens a fresh one in the
same transaction: nothing of a real plan is ever deleted or changed.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from elections.models import Election, ElectionPurpose, Plan, PlanLevel
from elections.selectors.practice import practice_copies
from elections.services.plans import open_elections
from neighborhoods.models import Division

# Added to the real plan's number: the copy's number says what it is wherever it is shown.
PRACTICE_SUFFIX = "(thực hành)"


def _practice_number(plan: Plan, neighborhood: Division | None) -> str:
    if neighborhood is None:
        return f"{plan.number} {PRACTICE_SUFFIX}"
    return f"{plan.number} {PRACTICE_SUFFIX} – {neighborhood.name}"


def _check_copyable(plan: Plan) -> None:
    if plan.practice:
        raise ValidationError(_("Đây đã là bản thực hành."), code="practice")
    if plan.level != PlanLevel.WARD:
        raise ValidationError(_("Chỉ kế hoạch của phường, xã mới có bản thực hành."), code="not_ward")


def _copy(*, by: User, plan: Plan, neighborhoods: list[Division], single: bool) -> Plan:
    number = _practice_number(plan, neighborhoods[0] if single else None)
    if practice_copies(plan).filter(number=number).exists():
        raise ValidationError(
            _("Đã có bản thực hành %(number)s: hãy dùng bản đó, hoặc làm lại từ đầu trên trang của nó.")
            % {"number": number},
            code="practice_exists",
        )
    copy = Plan.objects.create(
        division=plan.division,
        level=plan.level,
        parent=plan.parent,
        number=number,
        issued_on=plan.issued_on,
        title=plan.title,
        issuing_bodies=plan.issuing_bodies,
        signers=plan.signers,
        legal_basis=plan.legal_basis,
        term_start_year=plan.term_start_year,
        term_end_year=plan.term_end_year,
        elects_head=plan.elects_head,
        elects_inspection_board=plan.elects_inspection_board,
        completion_deadline=plan.completion_deadline,
        rule_overrides=plan.rule_overrides,
        practice=True,
        practice_of=plan,
        created_by=by,
    )
    chosen = Division.objects.filter(pk__in=[kp.pk for kp in neighborhoods]).order_by("pk")
    open_elections(copy, chosen)
    return copy


def _term_neighborhoods(plan: Plan) -> list[Division]:
    """The khu phố of the real plan's term elections: the copy practises on the same ones."""
    elections = Election.objects.filter(plan=plan, purpose=ElectionPurpose.TERM).select_related(
        "neighborhood"
    )
    return [election.neighborhood for election in elections.order_by("pk")]


@transaction.atomic
def practice_plan_create(*, by: User, plan: Plan) -> Plan:
    """A practice copy of a real ward plan's whole campaign: one practice election per khu phố."""
    _check_copyable(plan)
    neighborhoods = _term_neighborhoods(plan)
    if not neighborhoods:
        raise ValidationError(_("Kế hoạch này chưa có cuộc bầu cử khu phố nào để thực hành."))
    return _copy(by=by, plan=plan, neighborhoods=neighborhoods, single=False)


@transaction.atomic
def practice_election_create(*, by: User, election: Election) -> Plan:
    """A practice copy of one khu phố's election: a practice plan with that khu phố only."""
    if election.practice:
        raise ValidationError(_("Đây đã là bản thực hành."), code="practice")
    if election.purpose != ElectionPurpose.TERM:
        raise ValidationError(_("Chỉ cuộc bầu cử nhiệm kỳ mới có bản thực hành."), code="not_term")
    _check_copyable(election.plan)
    return _copy(by=by, plan=election.plan, neighborhoods=[election.neighborhood], single=True)


@transaction.atomic
def practice_plan_reset(*, by: User, plan: Plan) -> Plan:
    """Start a practice copy over in one step: the copy is retired (hidden from every list,
    kept with its audit trail) and a fresh copy of the same khu phố replaces it."""
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    if not locked.practice or locked.practice_of is None:
        raise ValidationError(_("Chỉ bản thực hành mới làm lại từ đầu được."), code="not_practice")
    if locked.retired_at is not None:
        raise ValidationError(_("Bản thực hành này đã được làm lại; hãy mở bản mới."), code="retired")
    neighborhoods = [
        election.neighborhood
        for election in locked.elections.filter(purpose=ElectionPurpose.TERM)
        .select_related("neighborhood")
        .order_by("pk")
    ]
    # A copy of one khu phố's election carries its name after the suffix (``_practice_number``).
    single = not locked.number.endswith(PRACTICE_SUFFIX)
    locked.retired_at = timezone.now()
    locked.save(update_fields=["retired_at"])  # saved, not updated: the audit log records the reset
    return _copy(by=by, plan=locked.practice_of, neighborhoods=neighborhoods, single=single)
