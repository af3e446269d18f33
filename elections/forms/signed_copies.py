"""Forms of the signed copies: the upload of a photo or scan, and the ward's reason for refusing
one. The service judges the file itself (its kind, its size, whether it reads)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from elections import rules
from elections.forms.count import ServiceForm

ACCEPT = ".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"


class SignedCopyUploadForm(ServiceForm):
    file = forms.FileField(
        label=_("Ảnh chụp hoặc bản quét có chữ ký"),
        help_text=_("Ảnh JPG, PNG hoặc tệp PDF, tối đa %(mb)s MB.") % {"mb": rules.SIGNED_COPY_MAX_MB},
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )


class SignedCopyRefuseForm(ServiceForm):
    reason = forms.CharField(
        label=_("Lý do không nhận"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
