"""Forms of the election budget: the estimate by line with its stated total, and the
settlement (spent per line, the difference explained, the stated total). The forms only read
the figures as the office writes them ("12.500.000"); the services judge them."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from elections.forms.candidates import DATE_HELP
from elections.forms.count import ServiceForm
from elections.models import BudgetItem
from elections.services.budget import EstimateLine, SpentLine

MONEY_HELP = _("Số đồng, ví dụ 12.500.000")
# Blank lines offered under the ones already entered.
SPARE_LINES = 3
MIN_LINES = 6

_MONEY = re.compile(r"^-?[0-9]+(,[0-9]+)?$")


class MoneyField(forms.Field):
    """An amount as written in Vietnamese: dots between thousands, a comma before a fraction,
    "đồng" or "đ" after it. Gives a Decimal, so that the rules can refuse a fraction by name."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", MONEY_HELP)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "maxlength": "40"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        text = str(value or "")
        if len(text) > 40:
            raise ValidationError(_("Số tiền dài quá 40 ký tự."))
        text = re.sub(r"\s*(đồng|đ|VND)$", "", text.strip(), flags=re.IGNORECASE).replace(" ", "")
        if not text:
            return None
        text = text.replace(".", "")
        if not _MONEY.match(text):
            raise ValidationError(_("Số tiền “%(value)s” không đọc được."), params={"value": value})
        try:
            return Decimal(text.replace(",", "."))
        except InvalidOperation as error:  # pragma: no cover - the pattern already checked
            raise ValidationError(_("Số tiền không đọc được.")) from error


class EstimateForm(ServiceForm):
    estimated_on = forms.DateField(label=_("Ngày lập dự toán"), help_text=DATE_HELP)
    total = MoneyField(label=_("Tổng cộng dự toán (đồng)"))

    def __init__(self, *args, rows: int = MIN_LINES, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for n in range(1, rows + 1):
            item_label = _("Khoản chi %(n)s") % {"n": n}
            self.fields[f"item_{n}"] = forms.ChoiceField(
                label=item_label,
                choices=[("", "—"), *BudgetItem.choices],
                required=False,
                # The select stands alone in a table cell: its name is read out from the label.
                widget=forms.Select(attrs={"class": "form-select form-select-sm", "aria-label": item_label}),
            )
            self.fields[f"label_{n}"] = forms.CharField(
                label=_("Nội dung %(n)s") % {"n": n}, max_length=200, required=False
            )
            self.fields[f"estimate_{n}"] = MoneyField(label=_("Dự toán %(n)s (đồng)") % {"n": n})

    def line_rows(self) -> list[tuple]:
        numbers = range(1, self.rows + 1)
        return [(self[f"item_{n}"], self[f"label_{n}"], self[f"estimate_{n}"]) for n in numbers]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        lines = []
        for n in range(1, self.rows + 1):
            item, label = data.get(f"item_{n}"), data.get(f"label_{n}", "")
            estimate = data.get(f"estimate_{n}")
            if not item and not label and estimate is None:
                continue  # a blank row
            lines.append(EstimateLine(item=item or BudgetItem.OTHER, label=label, estimate=estimate, row=n))
        return {"lines": lines, "estimated_on": data["estimated_on"], "total": data["total"]}


class SettlementForm(ServiceForm):
    settled_on = forms.DateField(label=_("Ngày quyết toán"), help_text=DATE_HELP)
    total = MoneyField(label=_("Tổng cộng thực chi (đồng)"))

    def __init__(self, *args, lines: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            self.fields[f"spent_{line.pk}"] = MoneyField(label=_("Thực chi: %(line)s") % {"line": line.label})
            self.fields[f"explanation_{line.pk}"] = forms.CharField(
                label=_("Giải thích chênh lệch: %(line)s") % {"line": line.label},
                max_length=1000,
                required=False,
            )

    def line_rows(self) -> list[tuple]:
        return [(line, self[f"spent_{line.pk}"], self[f"explanation_{line.pk}"]) for line in self.lines]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        spent = {
            line.pk: SpentLine(data.get(f"spent_{line.pk}"), data.get(f"explanation_{line.pk}", ""))
            for line in self.lines
        }
        return {"spent": spent, "settled_on": data["settled_on"], "total": data["total"]}


class CorrectionForm(ServiceForm):
    reason = forms.CharField(
        label=_("Lý do đính chính"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    on = forms.DateField(label=_("Ngày đính chính"), help_text=DATE_HELP)
