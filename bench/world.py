"""What several benches build or compute alike: a division of their own, a ward's plan, a percentile."""

from __future__ import annotations

import datetime
import math

from elections.models import Plan, PlanLevel
from neighborhoods.models import Division


def division_under(parent: Division, level: str, name: str, type_word: str) -> Division:
    """A new division below ``parent``, its materialised path filled once its key is known."""
    division = Division.objects.create(level=level, name=name, type_word=type_word, parent=parent, path="")
    division.path = f"{parent.path}{division.pk}/"
    division.save(update_fields=["path"])
    return division


def ward_plan(ward: Division) -> Plan:
    """The ward's plan of the 2024–2029 term, electing both posts, as the benches' meetings need."""
    return Plan.objects.create(
        division=ward,
        level=PlanLevel.WARD,
        number="1/KHLT",
        issued_on=datetime.date(2024, 10, 1),
        title="Kế hoạch bầu cử",
        issuing_bodies="UBND – UBMTTQ",
        term_start_year=2024,
        term_end_year=2029,
        elects_inspection_board=True,
        completion_deadline=datetime.date(2024, 11, 30),
    )


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (``share`` 0.95 for p95); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]
