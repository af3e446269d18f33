"""Loading the official maps of provinces, districts and wards.

Two editions: "2024", the three-level map in force until 30 June 2025 (a data
file extracted once from the `vietnam-provinces` 0.6.0 release, see
neighborhoods/data/README.md), and "2025", today's two-level map (34 provinces,
communes directly below them) read from the installed `vietnam-provinces`
package. Both hang under the one country root; a row is identified by its
official code within its edition. Loading is idempotent and never deletes: an
election may still point at a division that left the official list.
"""

from __future__ import annotations

import csv
import datetime
import gzip
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from vietnam_provinces import Province, Ward

from neighborhoods.models import Division, Level
from neighborhoods.services.divisions import child_path, country

DATA_2024 = Path(__file__).resolve().parent.parent / "data" / "divisions-2024.csv.gz"
EDITIONS = ("2024", "2025")
# The official codes have a fixed width: province 2 digits, district 3, ward 5.
CODE_WIDTH: dict[str, int] = {Level.PROVINCE: 2, Level.DISTRICT: 3, Level.WARD: 5}
LEVELS_TOP_DOWN = [Level.PROVINCE, Level.DISTRICT, Level.WARD]
VALIDITY = {
    "2024": (None, datetime.date(2025, 6, 30)),
    "2025": (datetime.date(2025, 7, 1), None),
}
TYPE_WORD_2025 = {"phường": "Phường", "xã": "Xã", "đặc khu": "Đặc khu"}


@dataclass(frozen=True)
class MapRow:
    level: str
    code: str
    name: str
    type_word: str
    parent_code: str  # empty for a province


@dataclass
class LoadReport:
    edition: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    seconds: float = 0.0
    by_level: dict[str, int] = field(default_factory=dict)


def _code(level: str, raw) -> str:
    return str(int(raw)).zfill(CODE_WIDTH[level])


def rows_2024() -> Iterator[MapRow]:
    parent_level: dict[str, str] = {Level.DISTRICT: Level.PROVINCE, Level.WARD: Level.DISTRICT}
    with gzip.open(DATA_2024, "rt", encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            level = record["level"]
            parent = _code(parent_level[level], record["parent_code"]) if record["parent_code"] else ""
            yield MapRow(level, _code(level, record["code"]), record["name"], record["type_word"], parent)


def rows_2025() -> Iterator[MapRow]:
    for province in Province.iter_all():
        word = "Thành phố" if province.name.startswith("Thành phố") else "Tỉnh"
        yield MapRow(Level.PROVINCE, _code(Level.PROVINCE, province.code), province.name, word, "")
    for ward in Ward.iter_all():
        word = TYPE_WORD_2025[ward.division_type.value]
        yield MapRow(
            Level.WARD,
            _code(Level.WARD, ward.code),
            ward.name,
            word,
            _code(Level.PROVINCE, ward.province_code),
        )


def map_rows(edition: str, province_code: str | None = None) -> list[MapRow]:
    if edition not in EDITIONS:
        raise ValidationError(
            _("Bản đồ không hợp lệ: %(edition)s (chọn 2024 hoặc 2025)."),
            code="unknown_edition",
            params={"edition": edition},
        )
    rows = list(rows_2024() if edition == "2024" else rows_2025())
    if province_code is None:
        return rows
    wanted = {_code(Level.PROVINCE, province_code)}
    kept = []
    for row in rows:  # rows come top-down, so a parent is always seen before its children
        if (row.level == Level.PROVINCE and row.code in wanted) or row.parent_code in wanted:
            kept.append(row)
            if row.level != Level.PROVINCE:
                wanted.add(row.code)
    if not kept:
        raise ValidationError(
            _("Không có tỉnh/thành phố mã %(code)s trong bản đồ %(edition)s."),
            code="unknown_province",
            params={"code": province_code, "edition": edition},
        )
    return kept


@transaction.atomic
def load_map(edition: str, province_code: str | None = None) -> LoadReport:
    """Create or update the official divisions of one edition, in bulk, level by level."""
    started = time.perf_counter()
    rows = map_rows(edition, province_code)
    report = LoadReport(edition=edition)
    valid_from, valid_until = VALIDITY[edition]
    root = country()
    existing = {d.code: d for d in Division.objects.filter(map_edition=edition).exclude(code="")}

    for level in LEVELS_TOP_DOWN:
        new, changed = [], []
        for row in (r for r in rows if r.level == level):
            parent = root if not row.parent_code else existing[row.parent_code]
            current = existing.get(row.code)
            if current is None:
                new.append(
                    Division(
                        level=level,
                        code=row.code,
                        name=row.name,
                        type_word=row.type_word,
                        parent=parent,
                        valid_from=valid_from,
                        valid_until=valid_until,
                        map_edition=edition,
                    )
                )
            elif (current.name, current.type_word, current.parent_id) != (row.name, row.type_word, parent.pk):
                current.name, current.type_word, current.parent = row.name, row.type_word, parent
                current.path = child_path(parent, current.pk)
                changed.append(current)
            else:
                report.unchanged += 1
        created = Division.objects.bulk_create(new, batch_size=1000)
        for division in created:
            division.path = child_path(division.parent, division.pk)
            existing[division.code] = division
        Division.objects.bulk_update(created, ["path"], batch_size=1000)
        Division.objects.bulk_update(changed, ["name", "type_word", "parent", "path"], batch_size=1000)
        report.created += len(created)
        report.updated += len(changed)
        report.by_level[level] = sum(1 for r in rows if r.level == level)

    report.seconds = time.perf_counter() - started
    return report
