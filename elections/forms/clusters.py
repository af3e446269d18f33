"""Forms of the plan to meet by residential cluster (cụm dân cư): the ward's pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from elections.forms.candidates import DATE_HELP
from elections.forms.count import ServiceForm
from elections.models import ChairCapacity


class ClusterPlanForm(ServiceForm):
    scattered = forms.BooleanField(
        label=_("Địa bàn dân cư sinh sống không tập trung (khu phố dưới 200 hộ)"), required=False
    )


class ClusterForm(ServiceForm):
    name = forms.CharField(label=_("Tên cụm dân cư"), max_length=150)
    chair_name = forms.CharField(
        label=_("Người chủ trì (được Trưởng khu phố ủy quyền)"), max_length=150, required=False
    )
    chair_capacity = forms.ChoiceField(
        label=_("Tư cách người chủ trì"), choices=[("", "—"), *ChairCapacity.choices], required=False
    )
    meeting_date = forms.DateField(label=_("Ngày họp"), help_text=DATE_HELP, required=False)
    meeting_time = forms.TimeField(label=_("Giờ họp"), help_text=_("hh:mm"), required=False)
    meeting_place = forms.CharField(label=_("Địa điểm họp"), max_length=255, required=False)
    reporter_name = forms.CharField(label=_("Người báo cáo kết quả"), max_length=150, required=False)


class ClusterUpdateForm(ClusterForm):
    correction_reason = forms.CharField(
        label=_("Lý do đính chính (bắt buộc sau khi đã khai mạc)"), max_length=500, required=False
    )


class AssignForm(ServiceForm):
    cluster = forms.TypedChoiceField(label=_("Đưa vào cụm"), coerce=int)
    codes = forms.CharField(
        label=_("Mã hộ (mỗi dòng hoặc cách nhau bởi dấu phẩy)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
        required=False,
    )
    code_from = forms.CharField(label=_("Từ mã hộ"), max_length=32, required=False)
    code_to = forms.CharField(label=_("Đến mã hộ"), max_length=32, required=False)
    address_prefix = forms.CharField(
        label=_("Địa chỉ bắt đầu bằng (đường, tổ)"), max_length=255, required=False
    )

    def __init__(self, *args, clusters=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].choices = [(c.pk, c.name) for c in clusters]  # type: ignore[attr-defined]

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("cluster")
        data["codes"] = [
            code for part in data["codes"].replace(",", "\n").splitlines() if (code := part.strip())
        ]
        return data


class FrontAgreementForm(ServiceForm):
    agreed_on = forms.DateField(
        label=_("Ngày thống nhất với Ban công tác Mặt trận khu phố"), help_text=DATE_HELP
    )
    agreed_with = forms.CharField(label=_("Người đại diện Ban công tác Mặt trận"), max_length=150)


class ApproveForm(ServiceForm):
    approved_on = forms.DateField(label=_("Ngày phường phê duyệt"), help_text=DATE_HELP)
