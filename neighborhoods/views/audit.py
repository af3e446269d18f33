"""The audit log of a division's subtree: who changed what, when, before → after, and who read
households' personal data."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from neighborhoods.selectors import get_division_for
from wardvote import access, audit
from wardvote.types import AuthenticatedHttpRequest

ACTIONS = {
    LogEntry.Action.CREATE: _("Tạo"),
    LogEntry.Action.UPDATE: _("Sửa"),
    LogEntry.Action.DELETE: _("Xóa"),
    LogEntry.Action.ACCESS: _("Xem"),
}


READS = {
    audit.READ_LIST: _("Xem danh sách hộ"),
    audit.READ_SEARCH: _("Tìm hộ"),
    audit.READ_EXPORT: _("Xuất sổ hộ ra Excel"),
}
# Names and addresses of households, hidden from readers above the ward (Decree 13/2023/NĐ-CP):
# the models whose entries carry them, and their fields.
PERSONAL_MODELS = {"household", "attendance", "householdballot"}
PERSONAL_FIELDS = {"head_name", "address", "representative_name", "received_by"}
HIDDEN = "***"


def _field_label(model, name: str) -> str:
    """The field's Vietnamese name; reverse relations have none, so keep the code name."""
    try:
        field = model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return name
    return str(getattr(field, "verbose_name", name))


def _changes(entry: LogEntry) -> dict:
    return entry.changes if isinstance(entry.changes, dict) else {}


def _is_user_field(model, name: str) -> bool:
    try:
        field = model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return False
    return getattr(field, "related_model", None) is get_user_model()


def _usernames(entries) -> dict[str, str]:
    """User id → login name for the people the entries name (who assigned, created, reset whom),
    in one query for the page."""
    ids = {
        value
        for entry in entries
        for name, values in _changes(entry).items()
        if _is_user_field(entry.content_type.model_class(), name)
        for value in values
        if str(value).isdigit()
    }
    users = get_user_model().objects.filter(pk__in=ids).values_list("pk", "username")
    return {str(pk): username for pk, username in users}


def _reading(entry: LogEntry, personal: bool) -> str:
    """What a read of personal data was: how, how many rows, and (for those who may) the search."""
    data = entry.additional_data if isinstance(entry.additional_data, dict) else {}
    if entry.action != LogEntry.Action.ACCESS or "read" not in data:
        return ""
    rows = number_format(data.get("rows", 0), force_grouping=True)
    text = _("%(how)s: %(rows)s hộ") % {"how": READS.get(data["read"], data["read"]), "rows": rows}
    if data.get("query"):
        text += " · " + _("từ khóa “%(query)s”") % {"query": data["query"] if personal else HIDDEN}
    return text


def _readable(entry: LogEntry, personal: bool, usernames: dict[str, str]) -> dict:
    """One entry as the page shows it: people by login name; without ``personal``, households'
    names and addresses hidden."""
    model = entry.content_type.model_class()
    changes = _changes(entry)
    hide = not personal and entry.content_type.model in PERSONAL_MODELS

    def shown(name, value):
        if hide and name in PERSONAL_FIELDS:
            return HIDDEN
        return usernames.get(str(value), value) if _is_user_field(model, name) else value

    return {
        "entry": entry,
        "action": ACTIONS.get(entry.action, entry.action),
        "kind": model._meta.verbose_name if model else entry.content_type.model,
        # Household and attendance read "code – name": the code alone stays.
        "object": entry.object_repr.split(" – ")[0] if hide else entry.object_repr,
        "changes": [
            (_field_label(model, field), shown(field, values[0]), shown(field, values[1]))
            for field, values in changes.items()
            if isinstance(values, list | tuple) and len(values) == 2
        ],
        "reading": _reading(entry, personal),
    }


@login_required
@require_GET
def audit_log(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    division = get_division_for(request.user, pk)
    entries = (
        LogEntry.objects.filter(additional_data__division_path__startswith=division.path)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    usernames = _usernames(page)
    personal = access.can(request.user, access.READ_PERSONAL_DATA, division)
    return render(
        request,
        "neighborhoods/audit/list.html",
        {
            "division": division,
            "page": page,
            "rows": [_readable(entry, personal, usernames) for entry in page],
        },
    )
