"""The changes of an election's stage on the audit page, read from their ``StageChange`` rows:
the record of each change (who, when, from, to, why), which the election's own audit entries
leave out. Registered with the audit page by ``ElectionsConfig.ready``."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page
from django.utils.translation import gettext_lazy as _

from elections.models import Election, Stage, StageChange
from neighborhoods.audit_sources import AuditSource
from neighborhoods.models import Division


class StageEntry:
    """A change of an election's stage, shown like an audit entry: its StageChange row is the
    record of it (the election's own audit entries leave the stage out)."""

    def __init__(self, change):
        self.timestamp, self.actor, self.remote_addr = change.at, change.by, None


def stage_change_rows(division: Division, filters: dict, page: Page) -> list[dict]:
    """The stage changes of the subtree that fall among the page's entries (all of them when the
    page is the only one), filtered like the entries."""
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


def stage_changers(division: Division) -> list[int]:
    changes = StageChange.objects.filter(election__neighborhood__path__startswith=division.path)
    return list(changes.exclude(by=None).values_list("by_id", flat=True).distinct().order_by())


STAGE_CHANGES = AuditSource(actor_ids=stage_changers, rows=stage_change_rows)
