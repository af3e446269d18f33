from __future__ import annotations

from typing import cast

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from elections.models import Election, Plan, Represents, TeamRole
from elections.selectors.plans import MILESTONES
from wardvote.forms import TEXT_MAX_LENGTH, SafeForm
from wardvote.once import OneTimeFormMixin

DATE_HELP = _("dd/mm/yyyy")


def correction_reason_field() -> forms.CharField:
    """The reason a change of the record after the meeting opened is a correction; the pages
    show it only then (``record_closed``), and the services refuse the change without it."""
    return forms.CharField(  # optional here: the service decides whether a reason is needed
        label=_("Lý do đính chính"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PlanForm(OneTimeFormMixin, SafeForm):
    parent = forms.ModelChoiceField(
        label=_("Kế hoạch cấp trên"), queryset=Plan.objects.none(), required=False
    )
    number = forms.CharField(label=_("Số"), max_length=64, help_text=_("Ví dụ: 192/KHLT-UBND-UBMTTQ"))
    issued_on = forms.DateField(label=_("Ngày ban hành"), help_text=DATE_HELP)
    title = forms.CharField(label=_("Trích yếu"), max_length=300)
    issuing_bodies = forms.CharField(label=_("Cơ quan ban hành"), max_length=300, initial="UBND – UBMTTQ")
    signers = forms.CharField(label=_("Người ký"), max_length=300, required=False)
    legal_basis = forms.CharField(label=_("Căn cứ"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    term_start_year = forms.IntegerField(label=_("Nhiệm kỳ từ năm"), min_value=2000, max_value=2100)
    term_end_year = forms.IntegerField(label=_("Nhiệm kỳ đến năm"), min_value=2000, max_value=2100)
    elects_head = forms.BooleanField(label=_("Bầu Trưởng khu phố"), required=False, initial=True)
    elects_inspection_board = forms.BooleanField(
        label=_("Bầu thành viên Ban Thanh tra nhân dân"), required=False
    )
    completion_deadline = forms.DateField(label=_("Thời hạn hoàn thành"), help_text=DATE_HELP)

    def __init__(self, *args, parents, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["parent"]).queryset = parents
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Lưu kế hoạch")))


class ScheduleForm(SafeForm):
    meeting_date = forms.DateField(label=_("Ngày họp"), help_text=DATE_HELP)
    meeting_time = forms.TimeField(label=_("Giờ họp"), required=False, help_text=_("Ví dụ: 08:00"))
    meeting_place = forms.CharField(label=_("Địa điểm họp"), max_length=255, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    correction_reason = correction_reason_field()

    def __init__(self, *args, asks_reason: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not asks_reason:  # a page shows the reason only once a change would be a correction
            del self.fields["correction_reason"]


class BulkScheduleForm(ScheduleForm):
    elections: forms.ModelMultipleChoiceField[Election] = forms.ModelMultipleChoiceField(
        label=_("Khu phố"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, elections, **kwargs):
        super().__init__(*args, asks_reason=False, **kwargs)  # only meetings still to come
        field = cast(forms.ModelMultipleChoiceField, self.fields["elections"])
        field.queryset = elections
        # Django calls label_from_instance on the field instance, so replacing it here is
        # the documented alternative to a subclass; the stubs only know it as a method.
        field.label_from_instance = lambda e: e.neighborhood.name  # type: ignore[method-assign, assignment]


class MilestoneForm(SafeForm):
    key = forms.ChoiceField(choices=[(key, key) for key in MILESTONES], widget=forms.HiddenInput)
    done_on = forms.DateField(label=_("Ngày thực hiện"), required=False, help_text=DATE_HELP)
    correction_reason = correction_reason_field()


class TeamMemberForm(OneTimeFormMixin, SafeForm):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    role = forms.ChoiceField(label=_("Chức danh trong tổ"), choices=TeamRole.choices, initial=TeamRole.MEMBER)
    represents = forms.ChoiceField(label=_("Đại diện"), choices=Represents.choices)
    organisation = forms.CharField(label=_("Tổ chức"), max_length=150, required=False)
    correction_reason = correction_reason_field()

    def __init__(self, *args, asks_reason: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not asks_reason:  # a page shows the reason only once a change would be a correction
            del self.fields["correction_reason"]
