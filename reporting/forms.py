"""The report-export request: which format, and the one-time token of the dashboard's form."""

from django import forms

from reporting.models import ExportFormat
from wardvote.once import OneTimeFormMixin


class ExportForm(OneTimeFormMixin, forms.Form):
    # The dashboard's two buttons each send their own value of this field.
    format = forms.ChoiceField(choices=ExportFormat.choices)
