"""Forms of the periodic reports: which period to prepare, the sections, the day it is sent or
received, a correction's reason. They only read the input; the services judge it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from reporting.models import ReportPeriodCode
from wardvote.forms import SafeForm

DATE_HELP = _("dd/mm/yyyy")
SECTION_WIDGET = {"rows": 6}


class PrepareForm(SafeForm):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    period = forms.ChoiceField(label=_("Kỳ báo cáo"), choices=ReportPeriodCode.choices)


class SectionsForm(SafeForm):
    results = forms.CharField(
        label=_("Kết quả thực hiện"), max_length=20000, required=False, widget=forms.Textarea(SECTION_WIDGET)
    )
    shortcomings = forms.CharField(
        label=_("Tồn tại, hạn chế"), max_length=20000, required=False, widget=forms.Textarea(SECTION_WIDGET)
    )
    directions = forms.CharField(
        label=_("Phương hướng, kiến nghị"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(SECTION_WIDGET),
    )


class SendForm(SafeForm):
    sent_on = forms.DateField(label=_("Ngày gửi"), help_text=DATE_HELP)


class ReceiveForm(SafeForm):
    received_on = forms.DateField(label=_("Ngày tiếp nhận"), help_text=DATE_HELP)


class CorrectionForm(SafeForm):
    reason = forms.CharField(
        label=_("Lý do đính chính"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
