"""Forms of the household-ballot route (Luật Art. 19; NĐ 59 Art. 4), one per step."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from elections.forms.candidates import DATE_HELP
from elections.forms.count import ServiceForm
from elections.models import PlannerRole
from wardvote.once import OneTimeFormMixin


class BallotPlanForm(OneTimeFormMixin, ServiceForm):
    """The khu phố head's plan (NĐ 59 Art. 4.2), entered on the head's behalf."""

    planner_name = forms.CharField(label=_("Họ tên người lập Kế hoạch"), max_length=150)
    planner_role = forms.ChoiceField(label=_("Chức danh người lập"), choices=PlannerRole.choices)
    front_head_name = forms.CharField(label=_("Trưởng ban công tác Mặt trận khu phố"), max_length=150)
    plan_number = forms.CharField(label=_("Số Kế hoạch"), max_length=64)
    plan_issued_on = forms.DateField(label=_("Ngày ban hành Kế hoạch"), help_text=DATE_HELP)
    plan_sent_on = forms.DateField(
        label=_("Ngày gửi Kế hoạch đến Chủ tịch UBND phường và Chủ tịch Ủy ban MTTQ phường"),
        help_text=_("dd/mm/yyyy – chậm nhất 02 ngày kể từ ngày ban hành (NĐ 59/2023, Điều 4.2)"),
    )
    deadline = forms.DateField(label=_("Hạn thu phiếu"), help_text=DATE_HELP)
    reason = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)


class BallotTeamForm(ServiceForm):
    """The distribution team the head decides (NĐ 59 Art. 4.3)."""

    decided_by = forms.CharField(
        label=_("Trưởng khu phố quyết định (họ tên)"),
        max_length=150,
        required=False,
        help_text=_("Để trống: người lập Kế hoạch"),
    )
    decided_on = forms.DateField(label=_("Ngày quyết định thành lập Tổ phát phiếu"), help_text=DATE_HELP)
    leader = forms.CharField(label=_("Tổ trưởng"), max_length=150)
    leader_represents_front = forms.BooleanField(
        label=_("Tổ trưởng là đại diện Ban công tác Mặt trận khu phố"), required=False
    )
    members = forms.CharField(
        label=_("Các thành viên khác (mỗi dòng một người; cả Tổ từ 3 đến 5 người)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def service_kwargs(self) -> dict:
        return {**self.cleaned_data, "members": self.cleaned_data["members"].splitlines()}


class BallotNoticeForm(ServiceForm):
    """The public notice, at least 2 days before distribution (Luật Art. 19.2; NĐ 59 Art. 4.4)."""

    noticed_on = forms.DateField(label=_("Ngày thông báo công khai"), help_text=DATE_HELP)
    distribution_starts_on = forms.DateField(
        label=_("Ngày bắt đầu phát phiếu"),
        help_text=_("dd/mm/yyyy – ít nhất 02 ngày sau ngày thông báo (Luật 10/2022/QH15, Điều 19.2)"),
    )
    means = forms.CharField(
        label=_("Hình thức thông báo"),
        required=False,
        max_length=255,
        help_text=_("Niêm yết tại nhà văn hóa, thông báo đến từng hộ, truyền thanh, ..."),
    )


class BallotCountForm(ServiceForm):
    """The count day and its 2 household witnesses (NĐ 59 Art. 4.6.a)."""

    counted_on = forms.DateField(label=_("Ngày kiểm phiếu"), help_text=DATE_HELP)
    witness_1 = forms.CharField(label=_("Đại diện hộ chứng kiến thứ nhất"), max_length=150)
    witness_2 = forms.CharField(label=_("Đại diện hộ chứng kiến thứ hai"), max_length=150)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {"counted_on": data["counted_on"], "witnesses": [data["witness_1"], data["witness_2"]]}
