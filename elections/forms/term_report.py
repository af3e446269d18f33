"""Forms of the outgoing head's term report and the khu phố's finance statement (lines of income
and spending, the stated totals and balances as the office writes them), and the team's record
that the meeting heard an item. The services judge the figures."""

from __future__ import annotations

from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from elections.forms.budget import MoneyField
from elections.forms.candidates import DATE_HELP
from elections.forms.count import ServiceForm
from elections.models import AgendaItem, FinanceLineKind
from elections.rules import FinanceFigure

ATTACHMENT_MAX_MB = 10
ATTACHMENT_SUFFIXES = (".pdf", ".doc", ".docx", ".odt", ".jpg", ".jpeg", ".png")
# Blank lines offered under the ones already entered.
SPARE_LINES = 3
MIN_LINES = 6


class TermReportForm(ServiceForm):
    head_name = forms.CharField(label=_("Trưởng khu phố báo cáo"), max_length=150)
    text = forms.CharField(
        label=_("Nội dung báo cáo nhiệm kỳ"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8})
    )
    attachment = forms.FileField(
        label=_("Tệp đính kèm (không bắt buộc)"),
        required=False,
        help_text=_("PDF, Word hoặc ảnh, tối đa %(mb)s MB.") % {"mb": ATTACHMENT_MAX_MB},
    )
    filed_on = forms.DateField(label=_("Ngày nộp báo cáo"), help_text=DATE_HELP)

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        if upload.size > ATTACHMENT_MAX_MB * 1024 * 1024:
            raise ValidationError(_("Tệp lớn quá %(mb)s MB.") % {"mb": ATTACHMENT_MAX_MB}, code="too_large")
        if PurePath(upload.name or "").suffix.lower() not in ATTACHMENT_SUFFIXES:
            raise ValidationError(_("Chỉ nhận tệp PDF, Word hoặc ảnh (JPG, PNG)."), code="bad_type")
        return upload


class FinanceStatementForm(ServiceForm):
    head_name = forms.CharField(label=_("Trưởng khu phố báo cáo"), max_length=150)
    period_from = forms.DateField(label=_("Từ ngày"), help_text=DATE_HELP)
    period_to = forms.DateField(label=_("Đến ngày"), help_text=DATE_HELP)
    opening_balance = MoneyField(label=_("Số dư đầu kỳ (đồng)"))
    income_total = MoneyField(label=_("Tổng thu (đồng)"))
    spending_total = MoneyField(label=_("Tổng chi (đồng)"))
    closing_balance = MoneyField(label=_("Số dư cuối kỳ (đồng)"))
    filed_on = forms.DateField(label=_("Ngày lập"), help_text=DATE_HELP)
    correction_reason = forms.CharField(
        label=_("Lý do đính chính"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, rows: int = MIN_LINES, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for n in range(1, rows + 1):
            self.fields[f"kind_{n}"] = forms.ChoiceField(
                label=_("Thu / chi %(n)s") % {"n": n},
                choices=[("", "—"), *FinanceLineKind.choices],
                required=False,
            )
            self.fields[f"label_{n}"] = forms.CharField(
                label=_("Nội dung %(n)s") % {"n": n}, max_length=200, required=False
            )
            self.fields[f"amount_{n}"] = MoneyField(label=_("Số tiền %(n)s (đồng)") % {"n": n})
        self.harden_fields()

    def line_rows(self) -> list[tuple]:
        return [
            (n, self[f"kind_{n}"], self[f"label_{n}"], self[f"amount_{n}"]) for n in range(1, self.rows + 1)
        ]

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        lines = []
        for n in range(1, self.rows + 1):
            kind, label, amount = (
                data.pop(f"kind_{n}", ""),
                data.pop(f"label_{n}", ""),
                data.pop(f"amount_{n}"),
            )
            if not kind and not label and amount is None:
                continue  # a blank row
            lines.append(FinanceFigure(row=n, kind=kind, label=label, amount=amount))
        return {**data, "lines": lines}


class HearingForm(ServiceForm):
    item = forms.ChoiceField(choices=AgendaItem.choices, widget=forms.HiddenInput)
    objections = forms.CharField(
        label=_("Ý kiến, thắc mắc của cử tri (để trống nếu không có)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
