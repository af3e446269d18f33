"""Records kept outside the audit log that the audit page lists among its entries.

The map app knows nothing of the apps above it: an app whose own table is the record of some
change (the elections app's ``StageChange``, the record of every change of stage) registers a
source here from its ``AppConfig.ready``, and the audit page asks every source for its people
and its rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.paginator import Page

from neighborhoods.models import Division


@dataclass(frozen=True)
class AuditSource:
    # Who acted in the division's subtree (for the filter by person).
    actor_ids: Callable[[Division], list[int]]
    # The rows that fall among the page's entries, filtered like them; each row a dict as the
    # audit page's rows: entry (timestamp, actor, remote_addr), action, kind, object, changes.
    rows: Callable[[Division, dict, Page], list[dict]]


_SOURCES: list[AuditSource] = []


def register(source: AuditSource) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


def actor_ids(division: Division) -> list[int]:
    return [pk for source in _SOURCES for pk in source.actor_ids(division)]


def rows(division: Division, filters: dict, page: Page) -> list[dict]:
    return [row for source in _SOURCES for row in source.rows(division, filters, page)]
