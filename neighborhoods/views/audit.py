"""The audit log of a division's subtree: who changed what, when, before → after, and who read
households' personal data; filtered by person, kind of record or its name, and date."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

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


class StageEntry:
    """A change of an election's stage, shown like an audit entry: its StageChange row is the
    record of it (the election's own audit entries leave the stage out)."""

    def __init__(self, change):
        self.timestamp, self.actor, self.remote_addr = change.at, change.by, None


def _stage_changes(division, filters: dict, page) -> list[dict]:
    """The stage changes of the subtree that fall among the page's entries (all of them when the
    page is the only one), filtered like the entries."""
    from elections.models import Election, Stage, StageChange

    if filters.get("kind") and filters["kind"] != ContentType.objects.get_for_model(Election).pk:
        return []
    changes = StageChange.objects.filter(election__neighborhood__path__startswith=division.path)
    if filters.get("person"):
        changes = changes.filter(by_id=filters["person"])
    if filters.get("record"):
        changes = changes.filter(election__neighborhood__name__icontains=filters["record"].strip())
    if filters.get("since"):
        changes = changes.filter(at__date__gte=filters["since"])
    if filters.get("until"):
        changes = changes.filter(at__date__lte=filters["until"])
    # Each page takes the changes after its last entry, up to the previous page's last one.
    if page.has_previous():
        changes = changes.filter(at__lte=page.paginator.object_list[page.start_index() - 2].timestamp)
    if page.has_next():
        changes = changes.filter(at__gt=page[len(page) - 1].timestamp)
    labels = {code: str(label) for code, label in Stage.choices}
    kind = Election._meta.verbose_name
    field = str(Election._meta.get_field("stage").verbose_name)
    rows = []
    for change in changes.select_related("by", "election__neighborhood", "election__plan"):
        moved = [(field, labels.get(change.from_stage, change.from_stage), labels.get(change.to_stage, ""))]
        if change.reason:
            moved.append((str(_("lý do")), "", change.reason))
        rows.append(
            {
                "entry": StageEntry(change),
                "action": _("Chuyển giai đoạn"),
                "kind": kind,
                "object": str(change.election),
                "changes": moved,
                "reading": "",
            }
        )
    return rows


def _stage_changers(division) -> list[int]:
    from elections.models import StageChange

    changes = StageChange.objects.filter(election__neighborhood__path__startswith=division.path)
    return list(changes.exclude(by=None).values_list("by_id", flat=True).distinct().order_by())


@login_required
@require_GET
def audit_log(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    division = get_division_for(request.user, pk)
    personal = access.can(request.user, access.READ_PERSONAL_DATA, division)
    entries = LogEntry.objects.filter(additional_data__division_path__startswith=division.path)
    actor_ids = list(entries.exclude(actor=None).values_list("actor_id", flat=True).distinct().order_by())
    actor_ids += _stage_changers(division)
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
        rows += _stage_changes(division, filters, page)
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
