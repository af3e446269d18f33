"""Household import throughput: a 100,000-row .xlsx and .csv, checked and committed.

Runs against the configured database (SQLite by default, PostgreSQL with
DATABASE_URL) in a throw-away test database; prints rows per second.
"""

from __future__ import annotations

import csv
import io
import time

from openpyxl import Workbook

ROWS = 100_000
NEIGHBORHOODS = 20


def make_rows(count: int = ROWS) -> list[list]:
    return [
        [
            f"HGD-{i:06d}",
            f"Nguyễn Văn {i}",
            f"{i % 300}/{i % 40} Xô Viết Nghệ Tĩnh",
            1 + i % 8,
            "",
            f"Khu phố {1 + i % NEIGHBORHOODS}",
            "Đang cư trú",
        ]
        for i in range(count)
    ]


def as_xlsx(headers, rows) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_csv(headers, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def run() -> list[tuple[str, float, float]]:
    """(format, seconds, rows per second) for each format, each into an empty ward."""
    from django.db import transaction

    from neighborhoods.models import Level
    from neighborhoods.services.divisions import country, division_create
    from neighborhoods.services.household_import import HEADERS, households_import
    from neighborhoods.services.neighborhoods import neighborhood_create

    rows = make_rows()
    results = []
    for fmt, data in (("xlsx", as_xlsx(HEADERS, rows)), ("csv", as_csv(HEADERS, rows))):
        ward = division_create(
            level=Level.WARD, name=f"Phường thử {fmt}", type_word="Phường", parent=country()
        )
        for n in range(1, NEIGHBORHOODS + 1):
            neighborhood_create(ward=ward, name=f"Khu phố {n}")
        started = time.perf_counter()
        with transaction.atomic():
            count = households_import(ward=ward, filename=f"so-ho.{fmt}", data=data)
        seconds = time.perf_counter() - started
        assert count == ROWS
        results.append((fmt, seconds, ROWS / seconds))
    return results
