"""Reads of the reporting app that views share, scoped to the user (404 for missing and forbidden alike)."""

from __future__ import annotations

from django.db.models import QuerySet

from neighborhoods.models import Division
from neighborhoods.selectors import divisions_for
from reporting.models import ProgressSnapshot, ReportExport, StoredDocument
from wardvote import access


def get_stored_document_for(user, pk, capability: str = access.READ) -> StoredDocument:
    """A stored document the user may reach with ``capability`` (by its division), or 404."""
    document = access.get_or_404(StoredDocument.objects.select_related("division"), pk)
    access.require_reach(user, capability, document.division)
    return document


def get_report_export_for(user, pk, capability: str = access.READ) -> ReportExport:
    """A report export of a division the user may reach with ``capability``, or 404."""
    exports = ReportExport.objects.select_related("division").filter(
        division__in=divisions_for(user, capability)
    )
    return access.get_or_404(exports, pk)


def recent_exports(division: Division, count: int = 5) -> QuerySet[ReportExport]:
    """The division's latest exports, newest first (the dashboard's list)."""
    return ReportExport.objects.filter(division=division).order_by("-created_at")[:count]


def completion_points(division: Division) -> list[tuple]:
    """(day, percentage of elections completed) for each nightly snapshot, oldest first."""
    snapshots = (
        ProgressSnapshot.objects.filter(division=division)
        .order_by("day")
        .values_list("day", "elections", "completed")
    )
    return [(day, 100 * done / total if total else 0) for day, total, done in snapshots]
