"""The audit log's filters: by person, by kind of record or its name, by date."""

from __future__ import annotations

from typing import cast

from auditlog.registry import auditlog
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from wardvote.templatetags.wardvote_tags import vn_name
from wardvote.text import person_sort_key, vietnamese_sort_key

DATE_HELP = _("dd/mm/yyyy")


def kind_choices() -> list[tuple[str, object]]:
    """Every audited kind of record by its Vietnamese name, in Vietnamese order."""
    kinds = ContentType.objects.get_for_models(*auditlog.get_models())
    named: list[tuple[str, str]] = [
        (str(ct.pk), str(model._meta.verbose_name).capitalize()) for model, ct in kinds.items()
    ]
    return [("", _("Mọi loại")), *sorted(named, key=lambda choice: vietnamese_sort_key(choice[1]))]


class AuditFilterForm(forms.Form):
    person = forms.TypedChoiceField(label=_("Người thực hiện"), required=False, coerce=int, empty_value=None)
    kind = forms.TypedChoiceField(label=_("Loại hồ sơ"), required=False, coerce=int, empty_value=None)
    record = forms.CharField(label=_("Tên, mã hồ sơ"), required=False, max_length=100)
    since = forms.DateField(label=_("Từ ngày"), required=False, help_text=DATE_HELP)
    until = forms.DateField(label=_("Đến ngày"), required=False, help_text=DATE_HELP)

    def __init__(self, *args, actor_ids: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        people = get_user_model().objects.filter(pk__in=actor_ids)
        named = sorted(
            ((user.pk, vn_name(user)) for user in people), key=lambda choice: person_sort_key(choice[1])
        )
        cast(forms.ChoiceField, self.fields["person"]).choices = [("", _("Mọi người")), *named]
        cast(forms.ChoiceField, self.fields["kind"]).choices = kind_choices()

    def clean(self):
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("“Đến ngày” phải sau “Từ ngày”."))
        return cleaned
