"""Writes to the division tree. Paths are derived here and nowhere else."""

from __future__ import annotations

import datetime

from django.db import transaction

from neighborhoods.models import Division, Level
from wardvote.audit import audited_update


def child_path(parent: Division | None, pk: int) -> str:
    return f"{parent.path if parent else '/'}{pk}/"


@transaction.atomic
def division_create(
    *,
    level: str,
    name: str,
    type_word: str,
    parent: Division | None = None,
    code: str = "",
    valid_from: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    map_edition: str = "",
) -> Division:
    division = Division.objects.create(
        level=level,
        name=name,
        type_word=type_word,
        parent=parent,
        code=code,
        valid_from=valid_from,
        valid_until=valid_until,
        map_edition=map_edition,
    )
    division.path = child_path(parent, division.pk)
    audited_update(Division.objects.filter(pk=division.pk), path=division.path)
    return division


def country() -> Division:
    """The single root of the tree, created on first use."""
    root = Division.objects.filter(level=Level.COUNTRY, parent__isnull=True).first()
    if root is None:
        root = division_create(level=Level.COUNTRY, name="Việt Nam", type_word="Nước", code="VN")
    return root
