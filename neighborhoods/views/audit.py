"""The audit log of a division's subtree: who changed what, when, before → after."""

from __future__ import annotations

from auditlog.models import LogEntry
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


def _readable(entry: LogEntry) -> dict:
    model = entry.content_type.model_class()
    changes = entry.changes if isinstance(entry.changes, dict) else {}
    return {
        "entry": entry,
        "action": ACTIONS.get(entry.action, entry.action),
        "kind": model._meta.verbose_name if model else entry.content_type.model,
        "changes": [
            (_field_label(model, field), values[0], values[1])
            for field, values in changes.items()
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
    return render(
        request,
        "neighborhoods/audit/list.html",
        {
            "division": division,
            "page": page,
            "rows": [_readable(entry) for entry in page],
        },
    )
