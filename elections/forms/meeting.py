from django import forms
from django.utils.translation import gettext_lazy as _

from wardvote.forms import SafeForm
from wardvote.once import OneTimeFormMixin


class WalkInHouseholdForm(OneTimeFormMixin, SafeForm):
    code = forms.CharField(label=_("Mã hộ"), max_length=32)
    head_name = forms.CharField(label=_("Họ tên chủ hộ"), max_length=150)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    representative_name = forms.CharField(label=_("Người đại diện"), max_length=150, required=False)
