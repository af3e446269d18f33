from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from neighborhoods.models import Division, ReorganisationKind
from wardvote.forms import SafeForm
from wardvote.once import OneTimeFormMixin


class ResolutionForm(OneTimeFormMixin, SafeForm):
    """The resolution every reorganisation rests on; subclasses add what each kind needs."""

    resolution_number = forms.CharField(
        label=_("Số nghị quyết"), max_length=64, help_text=_("Ví dụ: 11/NQ-HĐND")
    )
    resolution_date = forms.DateField(label=_("Ngày ban hành"), help_text=_("dd/mm/yyyy"))
    issuing_body = forms.CharField(
        label=_("Cơ quan ban hành"), max_length=200, required=False, initial="HĐND Thành phố Hồ Chí Minh"
    )
    effective_date = forms.DateField(label=_("Ngày hiệu lực"), help_text=_("dd/mm/yyyy"))
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    RESOLUTION_FIELDS = ("resolution_number", "resolution_date", "issuing_body", "effective_date", "note")

    def __init__(self, *args, neighborhoods=None, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField | forms.ModelMultipleChoiceField):
                field.queryset = neighborhoods
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Ghi nhận")))

    def resolution(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.RESOLUTION_FIELDS}


class EstablishForm(ResolutionForm):
    name = forms.CharField(label=_("Tên khu phố mới"), max_length=200)


class MergeForm(ResolutionForm):
    sources: forms.ModelMultipleChoiceField[Division] = forms.ModelMultipleChoiceField(
        label=_("Các khu phố sáp nhập"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    name = forms.CharField(label=_("Tên khu phố sau sáp nhập"), max_length=200)


class SplitForm(ResolutionForm):
    source: forms.ModelChoiceField[Division] = forms.ModelChoiceField(
        label=_("Khu phố chia tách"), queryset=None
    )
    first_name = forms.CharField(
        label=_("Tên khu phố mới thứ nhất"),
        max_length=200,
        help_text=_("Nhận các hộ không được liệt kê bên dưới."),
    )
    second_name = forms.CharField(label=_("Tên khu phố mới thứ hai"), max_length=200)
    second_codes = forms.CharField(
        label=_("Mã các hộ chuyển sang khu phố thứ hai"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mỗi mã một dòng, hoặc cách nhau bằng dấu phẩy."),
    )

    def clean_second_codes(self):
        codes = [
            c.strip() for c in self.cleaned_data["second_codes"].replace(",", "\n").splitlines() if c.strip()
        ]
        if not codes:
            raise forms.ValidationError(_("Cần ít nhất một mã hộ."))
        return codes


class RenameForm(ResolutionForm):
    source: forms.ModelChoiceField[Division] = forms.ModelChoiceField(
        label=_("Khu phố đổi tên"), queryset=None
    )
    name = forms.CharField(label=_("Tên mới"), max_length=200)


class DissolveForm(ResolutionForm):
    source: forms.ModelChoiceField[Division] = forms.ModelChoiceField(
        label=_("Khu phố giải thể"), queryset=None
    )
    move_households_to: forms.ModelChoiceField[Division] = forms.ModelChoiceField(
        label=_("Chuyển các hộ về khu phố"), queryset=None
    )


FORMS: dict[str, type[ResolutionForm]] = {
    ReorganisationKind.ESTABLISH: EstablishForm,
    ReorganisationKind.MERGE: MergeForm,
    ReorganisationKind.SPLIT: SplitForm,
    ReorganisationKind.RENAME: RenameForm,
    ReorganisationKind.DISSOLVE: DissolveForm,
}
