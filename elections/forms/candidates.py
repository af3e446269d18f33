from __future__ import annotations

from typing import Any, cast

from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from elections.models import Candidate, Gender, NominationSource
from neighborhoods.models import Household
from wardvote.forms import SafeForm
from wardvote.once import OneTimeFormMixin

DATE_HELP = _("dd/mm/yyyy")


class HouseholdSearchWidget(forms.Widget):
    """The household chosen by a search box (a code, the head's name, an address), not from a
    list of every household of the khu phố: the box asks the server for a few matches, shown as
    choices; the household already chosen stays shown when the form comes back with errors."""

    template_name = "elections/candidates/household_search_widget.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.search_url = ""
        self.households = Household.objects.none()

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        selected = None
        if value not in (None, ""):
            selected = self.households.filter(pk=value).first() if str(value).isdigit() else None
        context["widget"].update({"search_url": self.search_url, "selected": selected})
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # The project's templates, where the form renderer looks only at Django's own.
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))

    def value_from_datadict(self, data, files, name):
        return data.get(name)


class CandidateForm(OneTimeFormMixin, SafeForm):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    gender = forms.ChoiceField(label=_("Giới tính"), choices=Gender.choices)
    birth_date = forms.DateField(label=_("Ngày sinh"), help_text=DATE_HELP)
    ethnicity = forms.CharField(label=_("Dân tộc"), max_length=40, initial="Kinh")
    religion = forms.CharField(label=_("Tôn giáo"), max_length=60, initial="Không", required=False)
    education_level = forms.CharField(
        label=_("Trình độ học vấn / chuyên môn"), max_length=100, required=False
    )
    theory_level = forms.CharField(label=_("Trình độ lý luận chính trị"), max_length=60, required=False)
    occupation = forms.CharField(label=_("Nghề nghiệp"), max_length=150, required=False)
    party_member = forms.BooleanField(label=_("Đảng viên"), required=False)
    party_joined_on = forms.DateField(label=_("Ngày vào Đảng"), required=False, help_text=DATE_HELP)
    household = forms.ModelChoiceField(
        label=_("Hộ gia đình"),
        queryset=Household.objects.none(),
        required=False,
        widget=HouseholdSearchWidget,
        help_text=_("Gõ mã hộ, tên chủ hộ hoặc địa chỉ rồi chọn hộ trong kết quả."),
    )
    is_incumbent = forms.BooleanField(label=_("Đang giữ chức danh"), required=False)
    nomination_source = forms.ChoiceField(
        label=_("Hình thức giới thiệu"),
        choices=[c for c in NominationSource.choices if c[0] != NominationSource.FLOOR],
    )
    resides_in_neighborhood = forms.BooleanField(label=_("Cư trú tại khu phố"), required=False, initial=True)
    permanent_resident = forms.BooleanField(label=_("Thường trú"), required=False, initial=True)
    is_ward_cadre_or_civil_servant = forms.BooleanField(
        label=_("Là cán bộ, công chức phường"), required=False
    )
    is_part_time_worker = forms.BooleanField(
        label=_("Là người hoạt động không chuyên trách ở phường hoặc khu phố"), required=False
    )
    biography = forms.CharField(
        label=_("Tóm tắt lý lịch"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, households, household_search_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["household"])
        field.queryset = households
        widget = cast(HouseholdSearchWidget, field.widget)
        widget.households, widget.search_url = households, household_search_url

    def clean(self):
        data = cast(dict[str, Any], super().clean())  # Form.clean returns cleaned_data
        if data.get("party_joined_on") and not data.get("party_member"):
            self.add_error("party_joined_on", _("Chỉ ghi ngày vào Đảng khi là đảng viên."))
        return data


class ComplaintForm(OneTimeFormMixin, SafeForm):
    received_on = forms.DateField(label=_("Ngày nhận"), help_text=DATE_HELP)
    complainant = forms.CharField(label=_("Người khiếu nại, tố cáo"), max_length=150)
    candidate: forms.ModelChoiceField[Candidate] = forms.ModelChoiceField(
        label=_("Về người ứng cử"), queryset=None, required=False
    )
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}))
    assigned_to = forms.CharField(label=_("Người được giao giải quyết"), max_length=150, required=False)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["candidate"]).queryset = candidates


class ResolveForm(SafeForm):
    resolution = forms.CharField(label=_("Kết quả giải quyết"), widget=forms.Textarea(attrs={"rows": 2}))
    resolved_on = forms.DateField(label=_("Ngày giải quyết"), help_text=DATE_HELP)


class ListConferenceForm(SafeForm):
    """The khu phố Front committee's conference agreeing the official list (form 05)."""

    held_at = forms.DateTimeField(
        label=_("Thời gian họp"),
        input_formats=["%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("dd/mm/yyyy hh:mm"),
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=200)
    members_total = forms.IntegerField(label=_("Tổng số thành viên Ban công tác Mặt trận"), min_value=1)
    members_present = forms.IntegerField(label=_("Số thành viên có mặt"), min_value=0)
    chair = forms.CharField(label=_("Chủ trì"), max_length=150)
    secretary = forms.CharField(label=_("Thư ký"), max_length=150)
    party_cell_opinion = forms.CharField(
        label=_("Ý kiến của Chi bộ"), widget=forms.Textarea(attrs={"rows": 2})
    )
    votes_for = forms.IntegerField(label=_("Số thành viên tán thành danh sách"), min_value=0)
