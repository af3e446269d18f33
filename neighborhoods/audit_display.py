"""The audit log's changes as a ward official reads them.

django-auditlog stores every value as text the way Python prints it: choice codes
("counted"), related rows by their key ("17"), booleans as "True", date-times naive in UTC and
JSON with its non-ASCII letters escaped ("Nguy\\u1ec5n"). This module turns a page of entries into
Vietnamese: the choice's label, the related row's name (a person's in Vietnamese order), "có" /
"không", local time as "07/10/2024 08:00", and JSON with its real letters. Related rows are read
in one query per model for the whole page."""

from __future__ import annotations

import datetime
import json
from collections import defaultdict
from collections.abc import Iterable

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from wardvote.templatetags.wardvote_tags import vn_name

# Names, addresses and phones of households, hidden from readers above the ward (Decree 13/2023/NĐ-CP):
# the models whose entries (and whose rows named in other entries) carry them, and their fields.
PERSONAL_MODELS = {"household", "attendance", "householdballot"}
PERSONAL_FIELDS = {"head_name", "address", "representative_name", "phone", "received_by"}
HIDDEN = "***"
EMPTY = "—"


def changes_of(entry: LogEntry) -> dict:
    return entry.changes if isinstance(entry.changes, dict) else {}


def field_of(model, name: str) -> models.Field | None:
    try:
        return model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return None


def field_label(model, name: str) -> str:
    """The field's Vietnamese name; reverse relations have none, so keep the code name."""
    field = field_of(model, name)
    return str(getattr(field, "verbose_name", name)) if field is not None else name


def _is_reference(field) -> bool:
    return field is not None and (field.many_to_one or field.one_to_one) and field.concrete


def _without_personal(model, text: str) -> str:
    """A household or attendance row reads "code – name": for those who may not read names, the
    code alone."""
    return text.split(" – ")[0] if model._meta.model_name in PERSONAL_MODELS else text


class RelatedNames:
    """The rows the entries of a page name by key, read in one query per related model."""

    def __init__(self, entries: Iterable[LogEntry], *, personal: bool):
        self.personal = personal
        wanted: dict[type[models.Model], set[str]] = defaultdict(set)
        for entry in entries:
            model = entry.content_type.model_class()
            for name, values in changes_of(entry).items():
                field = field_of(model, name)
                if field is not None and _is_reference(field) and isinstance(values, list | tuple):
                    related: type[models.Model] = field.related_model  # type: ignore[assignment]
                    wanted[related].update(str(v) for v in values if str(v).isdigit())
        self.names: dict[tuple[type[models.Model], str], str] = {}
        for related, keys in wanted.items():
            for row in related._default_manager.filter(pk__in=keys):
                self.names[(related, str(row.pk))] = self._name(row)

    def _name(self, row: models.Model) -> str:
        if isinstance(row, get_user_model()):
            return vn_name(row)
        text = str(row)
        return text if self.personal else _without_personal(type(row), text)

    def get(self, related: type[models.Model], key: str) -> str:
        # A row deleted since keeps its key, marked so that it is not mistaken for a name.
        return self.names.get((related, key), _("(mã %(key)s, đã xóa)") % {"key": key})


def _parse_datetime(text: str) -> datetime.datetime | None:
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    if timezone.is_naive(moment):  # auditlog keeps date-times naive, in UTC
        moment = moment.replace(tzinfo=datetime.UTC)
    return timezone.localtime(moment)


def _date_text(field, text: str) -> str | None:
    if isinstance(field, models.DateTimeField):
        moment = _parse_datetime(text)
        return f"{moment:%d/%m/%Y %H:%M}" if moment else None
    try:
        if isinstance(field, models.DateField):
            return f"{datetime.date.fromisoformat(text[:10]):%d/%m/%Y}"
        if isinstance(field, models.TimeField):
            return f"{datetime.time.fromisoformat(text):%H:%M}"
    except ValueError:
        return None
    return None


def _json_text(text: str) -> str:
    try:
        value = json.loads(text)
    except ValueError:
        return text
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def display_value(field, value, related: RelatedNames) -> str:
    """One value of a change, as the page shows it."""
    if value is None or value in ("None", ""):
        return EMPTY
    text = str(value)
    if field is None or not field.concrete:  # a reverse relation auditlog names: keep its text
        return text
    if field.choices:
        return str({str(key): label for key, label in field.flatchoices}.get(text, text))
    if _is_reference(field):
        return related.get(field.related_model, text) if text.isdigit() else text
    if isinstance(field, models.BooleanField):
        return _("có") if text == "True" else _("không") if text == "False" else text
    if isinstance(field, models.DateField | models.TimeField):  # DateTimeField is a DateField
        return _date_text(field, text) or text
    if isinstance(field, models.JSONField):
        return _json_text(text)
    return text


def readable_changes(entry: LogEntry, related: RelatedNames) -> list[tuple[str, str, str]]:
    """(field's label, before, after) of one entry; without ``related.personal``, households'
    names and addresses hidden."""
    model = entry.content_type.model_class()
    hide = not related.personal and entry.content_type.model in PERSONAL_MODELS
    rows = []
    for name, values in changes_of(entry).items():
        if not (isinstance(values, list | tuple) and len(values) == 2):
            continue
        field = field_of(model, name)
        if hide and name in PERSONAL_FIELDS:
            before = after = HIDDEN
        else:
            before, after = (display_value(field, value, related) for value in values)
        rows.append((field_label(model, name), before, after))
    return rows
