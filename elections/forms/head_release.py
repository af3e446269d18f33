"""Forms of a head's resignation or dismissal (NĐ 59/2023, Art. 9): the request, the
convening of the meeting, the ward's three answers."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from elections.forms.candidates import DATE_HELP
from elections.forms.count import ServiceForm
from elections.models import ReleaseChair, ReleaseGround, ReleaseWayIn
from wardvote.once import OneTimeFormMixin


class HeadReleaseRequestForm(OneTimeFormMixin, ServiceForm):
    way_in = forms.ChoiceField(label=_("Hình thức (NĐ 59/2023, Điều 9.1)"), choices=ReleaseWayIn.choices)
    received_on = forms.DateField(label=_("Ngày phường nhận"), help_text=DATE_HELP)
    proposed_by = forms.CharField(label=_("Người đề nghị / đại diện người kiến nghị"), max_length=150)
    reasons = forms.CharField(
        label=_("Lý do"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    grounds = forms.MultipleChoiceField(
        label=_("Căn cứ đề nghị của Trưởng ban công tác Mặt trận (Điều 9.1.b)"),
        choices=ReleaseGround.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    petitioners = forms.IntegerField(label=_("Số hộ kiến nghị"), min_value=0, required=False)
    household_total = forms.IntegerField(
        label=_("Tổng số hộ gia đình của khu phố"),
        min_value=1,
        required=False,
        help_text=_("Để trống: lấy số hộ trong sổ hộ của khu phố."),
    )


class ReleaseConveneForm(OneTimeFormMixin, ServiceForm):
    meeting_date = forms.DateField(label=_("Ngày họp"), help_text=DATE_HELP)
    meeting_time = forms.TimeField(label=_("Giờ họp"), required=False, help_text=_("hh:mm"))
    meeting_place = forms.CharField(label=_("Địa điểm"), max_length=255)
    head_is_front_head = forms.BooleanField(
        label=_("Trưởng khu phố đồng thời là Trưởng ban công tác Mặt trận khu phố"), required=False
    )
    chair = forms.ChoiceField(
        label=_("Người triệu tập, chủ trì (NĐ 59/2023, Điều 3.1.c)"), choices=ReleaseChair.choices
    )
    chair_name = forms.CharField(label=_("Họ tên người chủ trì"), max_length=150)
    front_agreed_by = forms.CharField(
        label=_("Chủ tịch UBND phường chủ trì: người đại diện Ủy ban MTTQ phường đã thống nhất"),
        max_length=150,
        required=False,
    )
    front_agreed_on = forms.DateField(
        label=_("Ngày thống nhất với Chủ tịch Ủy ban MTTQ phường"), required=False, help_text=DATE_HELP
    )


class ReleaseRecogniseForm(OneTimeFormMixin, ServiceForm):
    received_on = forms.DateField(
        label=_("Ngày nhận quyết định của cộng đồng dân cư (mẫu 03)"), help_text=DATE_HELP
    )
    decided_on = forms.DateField(label=_("Ngày ký quyết định công nhận"), help_text=DATE_HELP)


class ReleaseAnswerForm(OneTimeFormMixin, ServiceForm):
    received_on = forms.DateField(
        label=_("Ngày nhận quyết định của cộng đồng dân cư (mẫu 03)"), help_text=DATE_HELP
    )
    decided_on = forms.DateField(label=_("Ngày trả lời"), help_text=DATE_HELP)
    reason = forms.CharField(
        label=_("Lý do không công nhận"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


LET_GO, KEEP = "let_go", "keep"


class ReleaseDecideForm(OneTimeFormMixin, ServiceForm):
    decided_on = forms.DateField(label=_("Ngày quyết định"), help_text=DATE_HELP)
    outcome = forms.ChoiceField(
        label=_("Quyết định của phường"),
        choices=[(LET_GO, _("Cho thôi làm Trưởng khu phố")), (KEEP, _("Tiếp tục làm Trưởng khu phố"))],
    )
    front_agreed_by = forms.CharField(
        label=_("Người đại diện Ủy ban MTTQ phường đã thống nhất"), max_length=150
    )
    front_agreed_on = forms.DateField(label=_("Ngày thống nhất với Ủy ban MTTQ phường"), help_text=DATE_HELP)
    reason = forms.CharField(
        label=_("Lý do"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["let_go"] = data.pop("outcome") == LET_GO
        return data
