"""Forms of the commendation lists: a new list, a line, the proposal, the decision, a correction."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from elections.forms.candidates import DATE_HELP
from elections.forms.count import ServiceForm
from elections.models import CommendationForm, CommendeeKind
from wardvote.once import OneTimeFormMixin


class CommendationCreateForm(OneTimeFormMixin, ServiceForm):
    form = forms.ChoiceField(label=_("Hình thức khen thưởng"), choices=CommendationForm.choices)


class CommendeeForm(ServiceForm):
    kind = forms.ChoiceField(label=_("Tập thể / cá nhân"), choices=CommendeeKind.choices)
    name = forms.CharField(label=_("Tên tập thể / họ và tên"), max_length=200)
    position = forms.CharField(label=_("Chức vụ (cá nhân)"), max_length=200, required=False)
    unit = forms.CharField(label=_("Đơn vị (cá nhân)"), max_length=200, required=False)
    achievement = forms.CharField(
        label=_("Thành tích"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class CommendationProposeForm(ServiceForm):
    proposed_on = forms.DateField(label=_("Ngày tờ trình đề nghị"), help_text=DATE_HELP)
    note = forms.CharField(
        label=_("Nội dung tờ trình"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class CommendationDecideForm(ServiceForm):
    decided_on = forms.DateField(label=_("Ngày quyết định"), help_text=DATE_HELP)


class CommendationCorrectForm(OneTimeFormMixin, ServiceForm):
    reason = forms.CharField(label=_("Lý do đính chính"), max_length=1000)
