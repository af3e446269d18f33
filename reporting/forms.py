"""The report-export request, issuing a paper, and the register of who signs."""

from django import forms
from django.utils.translation import gettext_lazy as _

from neighborhoods.models import Division
from reporting.issuing import OfficeBody, Position
from reporting.models import ExportFormat
from wardvote.forms import SafeForm
from wardvote.once import OneTimeFormMixin


class ExportForm(OneTimeFormMixin, forms.Form):
    # The dashboard's two buttons each send their own value of this field.
    format = forms.ChoiceField(choices=ExportFormat.choices)


class IssueForm(SafeForm):
    """Issuing a draft: the date it is signed and, for a body's paper, who signs it."""

    signed_on = forms.DateField(label=_("Ngày ký"), help_text=_("dd/mm/yyyy"))

    def __init__(self, *args, signers=None, slots=(), **kwargs):
        super().__init__(*args, **kwargs)
        if signers is not None:
            self.fields["signer"] = forms.ModelChoiceField(
                queryset=signers, label=_("Người ký"), empty_label=_("— Chọn người ký —")
            )
        # The signers of minutes that a register fills (form 03's khu phố Front committee head).
        for name, title, holders in slots:
            self.fields[name] = forms.ModelChoiceField(queryset=holders, label=title)
        self.slot_names = [name for name, _title, _holders in slots]
        self.harden_fields()

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "signed_on": data["signed_on"],
            "signer": data.get("signer"),
            "slot_signers": {name: data[name] for name in self.slot_names},
        }


class OfficeHolderForm(SafeForm):
    division = forms.ModelChoiceField(queryset=Division.objects.none(), label=_("Đơn vị"))
    body = forms.ChoiceField(label=_("Cơ quan"), choices=OfficeBody.choices)
    position = forms.ChoiceField(label=_("Chức vụ"), choices=Position.choices)
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)

    def __init__(self, *args, divisions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division"].queryset = divisions  # type: ignore[attr-defined]  # a ModelChoiceField


# A paper of a few pages is well under this; the limit keeps a stranger's upload small.
MAX_UPLOAD_MB = 20


class VerifyUploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp PDF cần đối chiếu"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("Tệp lớn quá %(limit)s MB.") % {"limit": MAX_UPLOAD_MB}, code="too_large"
            )
        return upload
