from __future__ import annotations

from typing import cast

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from neighborhoods.models import Division, Role
from wardvote.forms import SafeForm
from wardvote.once import OneTimeFormMixin


class _StaffFormBase(SafeForm):
    division: forms.ModelChoiceField[Division] = forms.ModelChoiceField(label=_("Đơn vị"), queryset=None)
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)

    def __init__(self, *args, divisions, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["division"]).queryset = divisions
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Lưu")))


class NewStaffForm(OneTimeFormMixin, _StaffFormBase):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    password = forms.CharField(label=_("Mật khẩu"), widget=forms.PasswordInput)

    field_order = ["username", "full_name", "password", "division", "role"]


class AssignmentForm(OneTimeFormMixin, _StaffFormBase):
    user = forms.ModelChoiceField(label=_("Người dùng"), queryset=get_user_model().objects.none())

    field_order = ["user", "division", "role"]

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["user"]).queryset = users


class PasswordResetForm(SafeForm):
    """A temporary password for someone who lost theirs; they replace it at their next login."""

    user = forms.ModelChoiceField(label=_("Người dùng"), queryset=get_user_model().objects.none())
    password = forms.CharField(label=_("Mật khẩu tạm thời"), widget=forms.PasswordInput, strip=False)

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["user"]).queryset = users
