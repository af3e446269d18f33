from __future__ import annotations

from typing import cast

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from neighborhoods.models import Division, HouseholdStatus
from neighborhoods.phones import PHONE_INVALID, normalise_phone
from neighborhoods.services.household_import import MAX_ROWS, check_upload
from neighborhoods.services.neighborhoods import NEIGHBORHOOD_TYPE_WORDS
from wardvote.forms import SafeForm
from wardvote.once import OneTimeFormMixin


class HouseholdForm(SafeForm):
    neighborhood: forms.ModelChoiceField[Division] = forms.ModelChoiceField(label=_("Khu phố"), queryset=None)
    code = forms.CharField(label=_("Mã hộ"), max_length=32)
    head_name = forms.CharField(label=_("Họ tên chủ hộ"), max_length=150)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    member_count = forms.IntegerField(
        label=_("Số nhân khẩu"),
        min_value=1,
        max_value=99,
        initial=1,
        error_messages={
            "min_value": _("Số nhân khẩu phải từ 1 trở lên."),
            "max_value": _("Số nhân khẩu không quá 99."),
            "invalid": _("Số nhân khẩu phải là một số nguyên."),
        },
    )
    representative_name = forms.CharField(label=_("Người đại diện hộ"), max_length=150, required=False)
    phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=20,  # room for the spaces and dots people type; kept as at most 11 digits
        required=False,
        help_text=_("Để ban bầu cử gọi khi hộ chưa đến họp; ví dụ 0912 345 678."),
    )
    status = forms.ChoiceField(
        label=_("Tình trạng"), choices=HouseholdStatus.choices, initial=HouseholdStatus.ACTIVE
    )

    def __init__(self, *args, neighborhoods, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["neighborhood"]).queryset = neighborhoods
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Lưu")))

    def clean_code(self):
        return self.cleaned_data["code"].strip()

    def clean_head_name(self):
        return " ".join(self.cleaned_data["head_name"].split())

    def clean_phone(self):
        phone = normalise_phone(self.cleaned_data["phone"])
        if phone is None:
            raise forms.ValidationError(PHONE_INVALID)
        return phone


class NeighborhoodForm(OneTimeFormMixin, SafeForm):
    name = forms.CharField(label=_("Tên"), max_length=200, help_text=_("Ví dụ: Khu phố 27"))
    type_word = forms.ChoiceField(
        label=_("Loại"), choices=[(w, w) for w in NEIGHBORHOOD_TYPE_WORDS], initial=NEIGHBORHOOD_TYPE_WORDS[0]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Lưu")))


class NeighborhoodRenameForm(SafeForm):
    name = forms.CharField(label=_("Tên mới"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Đổi tên")))


class HouseholdImportForm(SafeForm):
    file = forms.FileField(
        label=_("Tệp sổ hộ (.xlsx hoặc .csv)"),
        help_text=_("Tối đa %(rows)s dòng. Dòng đầu là tên cột như tệp mẫu.")
        % {"rows": f"{MAX_ROWS:,}".replace(",", ".")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("upload", _("Tải lên và kiểm tra")))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload(upload)  # size and zip bomb, refused here (on this field) before any row is read
        return upload


class NewHouseholdForm(OneTimeFormMixin, HouseholdForm):
    """The household form when it creates: sent once, whatever the clicks."""
