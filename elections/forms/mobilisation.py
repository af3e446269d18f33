"""The mark a volunteer leaves on the list of households not yet come: "đã đến nhà vận động"."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elections.services.mobilisation import NOTE_LENGTH
from wardvote.forms import SafeForm


class MobilisationVisitForm(SafeForm):
    visited_time = forms.TimeField(
        label=_("Giờ đến nhà"),
        required=False,
        help_text=_("Để trống: lúc này."),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=NOTE_LENGTH, required=False)

    def service_kwargs(self) -> dict:
        """The visit's time today (the meeting's day) in the ward's time, or None for now."""
        at = self.cleaned_data.get("visited_time")
        if at is None:
            return {"visited_at": None, "note": self.cleaned_data.get("note", "")}
        visited_at = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), at))
        return {"visited_at": visited_at, "note": self.cleaned_data.get("note", "")}
