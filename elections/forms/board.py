"""Forms of the inspection board after its members are recognised: the Front's choice of
seats per khu phố, the convening of the board's meeting, its attendance and its vote, and
the notice of its composition."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from elections.forms.candidates import DATE_HELP
from elections.forms.count import ServiceForm
from wardvote.once import OneTimeFormMixin


def _member_choices(members: list[dict]) -> list[tuple[int, str]]:
    return [(m["candidate"], f"{m['full_name']} ({m['neighborhood']})") for m in members]


class BoardMeetingConveneForm(OneTimeFormMixin, ServiceForm):
    convened_on = forms.DateField(label=_("Ngày triệu tập"), help_text=DATE_HELP)
    held_on = forms.DateField(label=_("Ngày họp"), help_text=DATE_HELP)
    time = forms.TimeField(label=_("Giờ họp"), required=False, help_text=_("hh:mm"))
    place = forms.CharField(label=_("Địa điểm"), max_length=255)
    chair = forms.CharField(label=_("Người chủ trì (đại diện Ủy ban MTTQ phường)"), max_length=150)
    secretary = forms.CharField(label=_("Thư ký"), max_length=150, required=False)
    deputies = forms.IntegerField(label=_("Số Phó Trưởng ban (tối đa 2)"), min_value=0, initial=2)


class BoardAttendanceForm(ServiceForm):
    present = forms.TypedMultipleChoiceField(
        label=_("Thành viên có mặt"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, members: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["present"]).choices = _member_choices(members)


class BoardElectionForm(ServiceForm):
    """The head and each deputy the Front set, with the votes of the members for each."""

    head = forms.TypedChoiceField(label=_("Trưởng ban"), coerce=int)
    head_votes = forms.IntegerField(label=_("Số thành viên tán thành Trưởng ban"), min_value=0)

    def __init__(self, *args, members: list[dict], deputies: int, **kwargs):
        super().__init__(*args, **kwargs)
        choices = _member_choices(members)
        cast(forms.ChoiceField, self.fields["head"]).choices = choices
        self.deputies = deputies
        for n in range(1, deputies + 1):
            self.fields[f"deputy_{n}"] = forms.TypedChoiceField(
                label=_("Phó Trưởng ban %(n)s") % {"n": n}, coerce=int, choices=choices
            )
            self.fields[f"deputy_{n}_votes"] = forms.IntegerField(
                label=_("Số thành viên tán thành Phó Trưởng ban %(n)s") % {"n": n}, min_value=0
            )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        numbers = range(1, self.deputies + 1)
        return {
            "head": data["head"],
            "head_votes": data["head_votes"],
            "deputies": [data[f"deputy_{n}"] for n in numbers],
            "deputy_votes": [data[f"deputy_{n}_votes"] for n in numbers],
        }


class BoardNoticeForm(OneTimeFormMixin, ServiceForm):
    issued_on = forms.DateField(label=_("Ngày thông báo"), help_text=DATE_HELP)


class BoardSeatsForm(ServiceForm):
    """How many members each khu phố elects (the ward Front decides, NĐ 59 Art. 13.2)."""

    def __init__(self, *args, elections: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.election_ids = []
        for election, seats in elections:
            self.fields[f"seats_{election.pk}"] = forms.IntegerField(
                label=election.neighborhood.name, min_value=0, initial=seats
            )
            self.election_ids.append(election.pk)

    def service_kwargs(self) -> dict:
        return {"seats": {pk: self.cleaned_data[f"seats_{pk}"] for pk in self.election_ids}}
