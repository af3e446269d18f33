"""Forms of meeting day and after: the procedure, the tally, the ward's decisions."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from elections import rules
from elections.forms.candidates import DATE_HELP, CandidateForm
from elections.models import NominationSource, VotingMethod
from elections.selectors.count import BALLOT_FIGURES, FIGURE_LABELS
from neighborhoods.models import Household
from wardvote.forms import SafeForm
from wardvote.once import OneTimeFormMixin

VOTES_LABEL = _("Số hộ tán thành")


class ServiceForm(SafeForm):
    """A form whose cleaned data become a service's keyword arguments."""

    def service_kwargs(self) -> dict:
        return self.cleaned_data


class SecretaryForm(ServiceForm):
    name = forms.CharField(label=_("Họ tên thư ký cuộc họp"), max_length=150)
    votes_for = forms.IntegerField(label=VOTES_LABEL)


class MeetingMinutesForm(ServiceForm):
    """What form 03 records beyond the procedure: the chair, the discussion, its 2 signers."""

    chair_name = forms.CharField(label=_("Họ tên người chủ trì cuộc họp"), max_length=150)
    discussion = forms.CharField(
        label=_("Ý kiến thảo luận"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
    )
    representative_1 = forms.CharField(label=_("Đại diện hộ gia đình ký biên bản thứ nhất"), max_length=150)
    representative_2 = forms.CharField(label=_("Đại diện hộ gia đình ký biên bản thứ hai"), max_length=150)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "chair_name": data["chair_name"],
            "discussion": data["discussion"],
            "representatives": [data["representative_1"], data["representative_2"]],
        }


class VotingMethodForm(ServiceForm):
    method = forms.ChoiceField(label=_("Hình thức bầu"), choices=VotingMethod.choices)
    votes_for = forms.IntegerField(label=VOTES_LABEL)


class CountingBoardForm(ServiceForm):
    members = forms.CharField(
        label=_("Ban kiểm phiếu (mỗi dòng một người, 3 đến 5 người; người thứ nhất là Trưởng ban)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    witness_1 = forms.CharField(label=_("Đại diện hộ chứng kiến thứ nhất"), max_length=150)
    witness_2 = forms.CharField(label=_("Đại diện hộ chứng kiến thứ hai"), max_length=150)
    votes_for = forms.IntegerField(label=VOTES_LABEL)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "members": data["members"].splitlines(),
            "witnesses": [data["witness_1"], data["witness_2"]],
            "votes_for": data["votes_for"],
        }


class FloorNominationForm(CandidateForm):
    """A candidate nominated from the floor or self-nominated at the meeting."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, households=Household.objects.none(), **kwargs)
        cast(forms.ChoiceField, self.fields["nomination_source"]).choices = [
            (NominationSource.FLOOR, NominationSource.FLOOR.label),
            (NominationSource.SELF, NominationSource.SELF.label),
        ]
        del self.fields["household"]


def candidate_field(pk) -> str:
    return f"candidate_{pk}"


HAND_FIELDS = (("for", _("đồng ý")), ("against", _("không đồng ý")), ("abstain", _("không biểu quyết")))


class TallyForm(SafeForm):
    """The figures of one contest for the meeting's voting method.

    Negative or inconsistent numbers are not refused here but by the rules module,
    so that every problem is explained with the numbers that cause it.
    """

    def __init__(self, *args, method: str, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.method, self.candidates = method, candidates
        if method == VotingMethod.SECRET_BALLOT:
            for name in BALLOT_FIGURES:
                self.fields[name] = forms.IntegerField(label=FIGURE_LABELS[name])
            for c in candidates:
                self.fields[candidate_field(c.pk)] = forms.IntegerField(
                    label=_("Phiếu đồng ý: %(name)s") % {"name": c.full_name}
                )
        else:
            for c in candidates:
                for suffix, label in HAND_FIELDS:
                    self.fields[f"{candidate_field(c.pk)}_{suffix}"] = forms.IntegerField(
                        label=f"{c.full_name} – {label}"
                    )

    def figures(self) -> dict:
        return (
            {n: self.cleaned_data[n] for n in BALLOT_FIGURES}
            if self.method == VotingMethod.SECRET_BALLOT
            else {}
        )

    def counts(self) -> dict:
        data = self.cleaned_data
        if self.method == VotingMethod.SECRET_BALLOT:
            return {c.pk: data[candidate_field(c.pk)] for c in self.candidates}
        return {
            c.pk: [data[f"{candidate_field(c.pk)}_{suffix}"] for suffix, _label in HAND_FIELDS]
            for c in self.candidates
        }


class CorrectionForm(TallyForm):
    reason = forms.CharField(label=_("Lý do đính chính"), widget=forms.Textarea(attrs={"rows": 2}))


class RecogniseForm(OneTimeFormMixin, ServiceForm):
    received_on = forms.DateField(label=_("Ngày nhận văn bản kết quả (mẫu 03)"), help_text=DATE_HELP)
    decided_on = forms.DateField(label=_("Ngày ký quyết định công nhận"), help_text=DATE_HELP)


class RerunForm(OneTimeFormMixin, ServiceForm):
    decided_on = forms.DateField(label=_("Ngày quyết định"), help_text=DATE_HELP)
    meeting_date = forms.DateField(label=_("Ngày họp lại"), help_text=DATE_HELP)
    reason = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)


class InterimHeadForm(OneTimeFormMixin, ServiceForm):
    decided_on = forms.DateField(label=_("Ngày quyết định"), help_text=DATE_HELP)
    full_name = forms.CharField(label=_("Họ tên người được cử"), max_length=150)
    # NĐ 59 Art. 9.3: the ward appoints after agreeing with the ward Front.
    front_agreed_by = forms.CharField(
        label=_("Người đại diện Ủy ban MTTQ phường đã thống nhất"), max_length=150
    )
    front_agreed_on = forms.DateField(label=_("Ngày thống nhất với Ủy ban MTTQ phường"), help_text=DATE_HELP)
    reason = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)


class BoardMemberRecogniseForm(OneTimeFormMixin, ServiceForm):
    received_on = forms.DateField(
        label=_("Ngày Ủy ban MTTQ phường nhận quyết định của cộng đồng dân cư"), help_text=DATE_HELP
    )
    decided_on = forms.DateField(label=_("Ngày ký quyết định công nhận"), help_text=DATE_HELP)


class WrittenAnswerForm(OneTimeFormMixin, ServiceForm):
    received_on = forms.DateField(label=_("Ngày nhận văn bản kết quả (mẫu 03)"), help_text=DATE_HELP)
    decided_on = forms.DateField(label=_("Ngày trả lời"), help_text=DATE_HELP)
    reason = forms.CharField(
        label=_("Lý do không công nhận, không quyết định bầu lại"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


GROUND_CHOICES = [
    (rules.CONTRARY_TO_LAW, _("Trái pháp luật, thuần phong mỹ tục (Luật 10/2022/QH15, Điều 22.1.a)")),
    (rules.IRREGULAR_PROCEDURE, _("Không đúng trình tự, thủ tục (Luật 10/2022/QH15, Điều 22.1.b)")),
]


class AnnulForm(OneTimeFormMixin, ServiceForm):
    decided_on = forms.DateField(label=_("Ngày quyết định bãi bỏ"), help_text=DATE_HELP)
    ground = forms.ChoiceField(label=_("Căn cứ"), choices=GROUND_CHOICES)
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    meeting_date = forms.DateField(label=_("Ngày họp bầu lại"), help_text=DATE_HELP)


class AmendRequestForm(OneTimeFormMixin, ServiceForm):
    decided_on = forms.DateField(label=_("Ngày văn bản đề nghị"), help_text=DATE_HELP)
    ground = forms.ChoiceField(
        label=_("Căn cứ"), choices=GROUND_CHOICES[1:], initial=rules.IRREGULAR_PROCEDURE
    )
    reason = forms.CharField(
        label=_("Nội dung cần sửa đổi và lý do"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
