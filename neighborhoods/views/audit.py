"""The audit log of a division's subtree: who changed what, when, before → after, and who read
households' personal data; filtered by person, kind of record or its name, and date."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from neighborhoods import audit_sources
from neighborhoods.audit_display import HIDDEN, PERSONAL_MODELS, RelatedNames, readable_changes
from neighborhoods.forms.audit import AuditFilterForm
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


def _readable(entry: LogEntry, related: RelatedNames) -> dict:
    model = entry.content_type.model_class()
    hide = not related.personal and entry.content_type.model in PERSONAL_MODELS
    return {
        "entry": entry,
        "action": ACTIONS.get(entry.action, entry.action),
        "kind": model._meta.verbose_name if model else entry.content_type.model,
        # Household and attendance read "code – name": the code alone stays.
        "object": entry.object_repr.split(" – ")[0] if hide else entry.object_repr,
        "changes": readable_changes(entry, related),
        "reading": _reading(entry, related.personal),
    }


def _record_named(text: str, personal: bool) -> Q:
    """Entries whose record's name contains ``text``; households' names only for those who may
    read them (others find a household by its code, the start of its name here)."""
    if personal:
        return Q(object_repr__icontains=text)
    return Q(object_repr__icontains=text) & ~Q(content_type__model__in=PERSONAL_MODELS) | Q(
        content_type__model__in=PERSONAL_MODELS, object_repr__istartswith=text
    )


def _filtered(entries: QuerySet[LogEntry], filters: dict, personal: bool) -> QuerySet[LogEntry]:
    if filters.get("person"):
        entries = entries.filter(actor_id=filters["person"])
    if filters.get("kind"):
        entries = entries.filter(content_type_id=filters["kind"])
    if filters.get("record"):
        entries = entries.filter(_record_named(filters["record"].strip(), personal))
    # Days are the ward's days (the lookup converts to the project's time zone).
    if filters.get("since"):
        entries = entries.filter(timestamp__date__gte=filters["since"])
    if filters.get("until"):
        entries = entries.filter(timestamp__date__lte=filters["until"])
    return entries


@login_required
@require_GET
def audit_log(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    division = get_division_for(request.user, pk)
    personal = access.can(request.user, access.READ_PERSONAL_DATA, division)
    entries = LogEntry.objects.filter(additional_data__division_path__startswith=division.path)
    actor_ids = list(entries.exclude(actor=None).values_list("actor_id", flat=True).distinct().order_by())
    actor_ids += audit_sources.actor_ids(division)
    form = AuditFilterForm(request.GET or None, actor_ids=actor_ids)
    filters: dict | None = {}
    if form.is_bound and form.is_valid():
        filters = form.cleaned_data
        entries = _filtered(entries, filters, personal)
    elif form.is_bound:
        entries, filters = entries.none(), None
    entries = entries.select_related("actor", "content_type").order_by("-timestamp", "-pk")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    related = RelatedNames(page, personal=personal)
    rows = [_readable(entry, related) for entry in page]
    if filters is not None:
        rows += audit_sources.rows(division, filters, page)
        rows.sort(key=lambda row: row["entry"].timestamp, reverse=True)
    return render(
        request,
        "neighborhoods/audit/list.html",
        {
            "division": division,
            "form": form,
            "page": page,
            "rows": rows,
        },
    )
