"""The audit log of a division's subtree: who changed what, when, before → after."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from wardvote import access

ACTIONS = {
    LogEntry.Action.CREATE: _("Tạo"),
    LogEntry.Action.UPDATE: _("Sửa"),
    LogEntry.Action.DELETE: _("Xóa"),
    LogEntry.Action.ACCESS: _("Xem"),
}


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


def _readable(entry: LogEntry, usernames: dict[str, str]) -> dict:
    model = entry.content_type.model_class()

    def shown(name, value):
        return usernames.get(str(value), value) if _is_user_field(model, name) else value

    return {
        "entry": entry,
        "action": ACTIONS.get(entry.action, entry.action),
        "kind": model._meta.verbose_name if model else entry.content_type.model,
        "changes": [
            (_field_label(model, field), shown(field, values[0]), shown(field, values[1]))
            for field, values in _changes(entry).items()
            if isinstance(values, list | tuple) and len(values) == 2
        ],
    }


@login_required
@require_GET
def audit_log(request, pk):
    division = access.get_division_for(request.user, pk)
    entries = (
        LogEntry.objects.filter(additional_data__division_path__startswith=division.path)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    usernames = _usernames(page)
    return render(
        request,
        "neighborhoods/audit/list.html",
        {
            "division": division,
            "page": page,
            "rows": [_readable(entry, usernames) for entry in page],
        },
    )
