"""Forms of the inspection board between elections: the ward Front's proposal to let a
member go, the day of the khu phố's meeting on it, the Front's decision, its guidance for a
by-election, the notice issued again, and the board's vote replacing an officer."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from elections.forms.candidates import DATE_HELP
from elections.forms.count import ServiceForm
from elections.models import BoardReleaseGround
from wardvote.once import OneTimeFormMixin


class ReleaseProposeForm(OneTimeFormMixin, ServiceForm):
    ground = forms.ChoiceField(
        label=_("Căn cứ đề nghị (Luật 10/2022/QH15, Điều 36.2)"),
        choices=[("", "---------"), *BoardReleaseGround.choices],
        required=False,
    )
    reasons = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)
    proposed_on = forms.DateField(label=_("Ngày đề nghị"), help_text=DATE_HELP)


class ReleaseScheduleForm(ServiceForm):
    meeting_date = forms.DateField(label=_("Ngày họp của khu phố"), help_text=DATE_HELP)
    meeting_time = forms.TimeField(label=_("Giờ họp"), required=False, help_text=_("hh:mm"))
    meeting_place = forms.CharField(label=_("Địa điểm họp"), max_length=255, required=False)


class ReleaseDecideForm(OneTimeFormMixin, ServiceForm):
    decided_on = forms.DateField(label=_("Ngày quyết định cho thôi"), help_text=DATE_HELP)


class ByElectionOpenForm(OneTimeFormMixin, ServiceForm):
    guided_on = forms.DateField(label=_("Ngày hướng dẫn"), help_text=DATE_HELP)
    text = forms.CharField(
        label=_("Nội dung hướng dẫn"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )
    meeting_date = forms.DateField(label=_("Ngày họp bầu bổ sung"), help_text=DATE_HELP)
    meeting_time = forms.TimeField(label=_("Giờ họp"), required=False, help_text=_("hh:mm"))
    meeting_place = forms.CharField(label=_("Địa điểm họp"), max_length=255, required=False)


class NoticeReissueForm(OneTimeFormMixin, ServiceForm):
    issued_on = forms.DateField(label=_("Ngày thông báo"), help_text=DATE_HELP)
    reason = forms.CharField(label=_("Lý do thông báo lại"), max_length=300)


class OfficerMeetingForm(OneTimeFormMixin, ServiceForm):
    convened_on = forms.DateField(label=_("Ngày triệu tập"), help_text=DATE_HELP)
    held_on = forms.DateField(label=_("Ngày họp"), help_text=DATE_HELP)
    time = forms.TimeField(label=_("Giờ họp"), required=False, help_text=_("hh:mm"))
    place = forms.CharField(label=_("Địa điểm"), max_length=255)
    chair = forms.CharField(label=_("Người chủ trì (đại diện Ủy ban MTTQ phường)"), max_length=150)
    secretary = forms.CharField(label=_("Thư ký"), max_length=150, required=False)


class OfficerReplaceForm(ServiceForm):
    member = forms.TypedChoiceField(label=_("Người được bầu"), coerce=int)
    votes = forms.IntegerField(label=_("Số thành viên tán thành"), min_value=0)

    def __init__(self, *args, members: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["member"]).choices = [
            (m["candidate"], f"{m['full_name']} ({m['neighborhood']})") for m in members
        ]
