"""The election budget of a ward plan: the ward official enters the estimate by line, then the
settlement (what each line spent, the difference explained). The totals typed on the form must
equal the sum of the lines; every refusal names the line. A settled budget is never changed."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from elections import rules
from elections.models import Budget, BudgetItem, BudgetLine, BudgetStatus, Plan, PlanLevel

ITEM_LABELS = dict(BudgetItem.choices)


@dataclass(frozen=True)
class EstimateLine:
    item: str
    label: str
    estimate: Decimal | int | None
    row: int | None = None  # the form's row, which a refusal names (blank rows are skipped)


@dataclass(frozen=True)
class SpentLine:
    spent: Decimal | int | None
    explanation: str = ""


def _label(line: EstimateLine) -> str:
    label = " ".join((line.label or "").split())
    if line.item == BudgetItem.OTHER or not line.item:
        return label
    return label or str(ITEM_LABELS.get(line.item, line.item))


def _refuse_settled(budget: Budget | None) -> None:
    if budget is not None and budget.status == BudgetStatus.SETTLED:
        raise ValidationError(
            _("Kinh phí đã quyết toán ngày %(day)s; không sửa được (muốn sửa, lập bản đính chính có lý do).")
            % {"day": f"{budget.settled_on:%d/%m/%Y}"},
            code="settled",
        )


def _latest(plan: Plan) -> Budget | None:
    return Budget.objects.filter(plan=plan).order_by("-version").first()


@transaction.atomic
def budget_estimate(
    *,
    by: User | None,
    plan: Plan,
    lines: list[EstimateLine],
    estimated_on: datetime.date,
    total: Decimal | int | None = None,
) -> Budget:
    """Enter (or enter again, until it is settled) the estimate of a ward plan's election
    budget: its lines in order and the total stated on the form."""
    if plan.level != PlanLevel.WARD:
        raise ValidationError(_("Chỉ kế hoạch của phường có dự toán kinh phí bầu cử."), code="not_ward")
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    budget = _latest(plan)
    _refuse_settled(budget)
    problems: list[str] = []
    cleaned: list[tuple[str, str, int]] = []
    if not lines:
        problems.append(_("Dự toán phải có ít nhất một dòng."))
    for index, line in enumerate(lines, start=1):
        number = line.row or index
        if line.item not in ITEM_LABELS:
            problems.append(_("Dòng %(n)s: khoản chi không hợp lệ.") % {"n": number})
            continue
        label = _label(line)
        if not label:
            problems.append(_("Dòng %(n)s: khoản “Khác” phải ghi nội dung.") % {"n": number})
            continue
        amount_problems = rules.money_problems(label, line.estimate, _("số dự toán"))
        problems += amount_problems
        if not amount_problems:
            cleaned.append((line.item, label, int(Decimal(line.estimate or 0))))
    labels = [label for _item, label, _amount in cleaned]
    for label in sorted({label for label in labels if labels.count(label) > 1}):
        problems.append(_("Dòng “%(line)s” được ghi hai lần.") % {"line": label})
    if not problems:
        problems += rules.budget_total_problems(_("dự toán"), total, [amount for *_rest, amount in cleaned])
    if problems:
        raise ValidationError(problems, code="budget_refused")
    estimate_total = sum(amount for *_rest, amount in cleaned)
    if budget is None:
        budget = Budget.objects.create(
            plan=plan, estimate_total=estimate_total, estimated_on=estimated_on, estimated_by=by
        )
    else:
        budget.estimate_total, budget.estimated_on, budget.estimated_by = estimate_total, estimated_on, by
        budget.save(update_fields=["estimate_total", "estimated_on", "estimated_by"])
        for old in budget.lines.all():
            old.delete()  # one by one, so that the log keeps each line's removal
    for position, (item, label, amount) in enumerate(cleaned, start=1):
        BudgetLine.objects.create(budget=budget, position=position, item=item, label=label, estimate=amount)
    return budget


@transaction.atomic
def budget_settle(
    *,
    by: User | None,
    budget: Budget,
    spent: dict[int, SpentLine],
    settled_on: datetime.date,
    total: Decimal | int | None = None,
) -> Budget:
    """Settle the budget: what each line spent (keyed by line id), the difference of a line
    explained, the spent total stated on the form equal to the sum. Once settled, it is final."""
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    _refuse_settled(budget)
    if Budget.objects.filter(supersedes=budget).exists():
        raise ValidationError(_("Bản kinh phí này đã được đính chính."), code="superseded")
    problems: list[str] = []
    if settled_on < budget.estimated_on:
        problems.append(
            _("Ngày quyết toán (%(settled)s) trước ngày lập dự toán (%(estimated)s).")
            % {"settled": f"{settled_on:%d/%m/%Y}", "estimated": f"{budget.estimated_on:%d/%m/%Y}"}
        )
    lines = list(budget.lines.all())
    amounts: list[int] = []
    for line in lines:
        entry = spent.get(line.pk) or SpentLine(None)
        amount_problems = rules.money_problems(line.label, entry.spent, _("số thực chi"))
        problems += amount_problems
        if amount_problems:
            continue
        amount = int(Decimal(entry.spent or 0))
        amounts.append(amount)
        explanation = " ".join((entry.explanation or "").split())
        problems += rules.settlement_line_problems(line.label, line.estimate, amount, explanation)
        line.spent, line.explanation = amount, explanation
    if not problems:
        problems += rules.budget_total_problems(_("thực chi"), total, amounts)
    if problems:
        raise ValidationError(problems, code="budget_refused")
    for line in lines:
        line.save(update_fields=["spent", "explanation"])
    budget.status, budget.spent_total = BudgetStatus.SETTLED, sum(amounts)
    budget.settled_on, budget.settled_by = settled_on, by
    budget.save(update_fields=["status", "spent_total", "settled_on", "settled_by"])
    return budget


@transaction.atomic
def budget_correct(*, by: User | None, budget: Budget, reason: str, on: datetime.date) -> Budget:
    """A settled budget is never changed: its correction is a new version, estimated again from
    the same lines, that names the one it replaces and why; the official settles it anew, and
    its report replaces the old one's."""
    plan = Plan.objects.select_for_update().get(pk=budget.plan_id)
    latest = _latest(plan)
    if latest is None or latest.pk != budget.pk:
        raise ValidationError(_("Chỉ đính chính được bản kinh phí mới nhất."), code="superseded")
    if budget.status != BudgetStatus.SETTLED:
        raise ValidationError(
            _("Kinh phí chưa quyết toán: sửa thẳng dự toán, không cần đính chính."), code="not_settled"
        )
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": [_("Ghi lý do đính chính.")]}, code="reason_required")
    if budget.settled_on and on < budget.settled_on:
        raise ValidationError(
            _("Ngày đính chính (%(on)s) trước ngày quyết toán (%(settled)s).")
            % {"on": f"{on:%d/%m/%Y}", "settled": f"{budget.settled_on:%d/%m/%Y}"},
            code="impossible_date",
        )
    correction = Budget.objects.create(
        plan=plan,
        version=budget.version + 1,
        supersedes=budget,
        correction_reason=reason,
        estimate_total=budget.estimate_total,
        estimated_on=on,
        estimated_by=by,
    )
    for line in budget.lines.all():
        BudgetLine.objects.create(
            budget=correction,
            position=line.position,
            item=line.item,
            label=line.label,
            estimate=line.estimate,
        )
    return correction
