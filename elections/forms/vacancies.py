"""The ward's decisions while a khu phố has no head, and carrying a reorganisation into the posts."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from elections import rules
from elections.forms.candidates import DATE_HELP
from elections.forms.count import ServiceForm
from wardvote.forms import SafeForm
from wardvote.once import OneTimeFormMixin


class VacancyInterimHeadForm(OneTimeFormMixin, ServiceForm):
    decided_on = forms.DateField(label=_("Ngày quyết định"), help_text=DATE_HELP)
    full_name = forms.CharField(label=_("Họ tên người được cử làm Trưởng khu phố lâm thời"), max_length=150)
    # NĐ 59 Art. 9.3: the ward appoints after agreeing with the ward Front.
    front_agreed_by = forms.CharField(
        label=_("Người đại diện Ủy ban MTTQ phường đã thống nhất"), max_length=150
    )
    front_agreed_on = forms.DateField(label=_("Ngày thống nhất với Ủy ban MTTQ phường"), help_text=DATE_HELP)
    reason = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)


class ConvenerForm(OneTimeFormMixin, ServiceForm):
    decided_on = forms.DateField(label=_("Ngày quyết định"), help_text=DATE_HELP)
    full_name = forms.CharField(label=_("Họ tên người được chỉ định triệu tập"), max_length=150)
    # NĐ 59 Art. 3.1.d: the khu phố Front committee's representative or a reputable resident.
    capacity = forms.ChoiceField(
        label=_("Tư cách"), choices=[(k, v) for k, v in rules.CONVENER_CAPACITIES.items()]
    )
    reason = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)


class NewElectionForm(OneTimeFormMixin, ServiceForm):
    decided_on = forms.DateField(label=_("Ngày quyết định"), help_text=DATE_HELP)
    meeting_date = forms.DateField(label=_("Ngày họp bầu (nếu đã định)"), help_text=DATE_HELP, required=False)
    reason = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)


class ReorganisationApplyForm(OneTimeFormMixin, SafeForm):
    """Only the button: what is applied is the recorded resolution."""
