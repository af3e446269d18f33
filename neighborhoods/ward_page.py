"""What the apps above the division map show on a ward's page, without the map importing them.

A ward's page lists its khu phố. The election column (each khu phố's latest election,
its stage and its late deadlines) belongs to the apps that know elections; the map
(``neighborhoods``) imports neither ``elections`` nor ``reporting``. Such an app
registers a function from its ``AppConfig.ready``; the page calls each one with the
user and the khu phố, and the function sets the attributes the template reads on
each khu phố (``election`` and ``late``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from neighborhoods.models import Division

NeighborhoodDetails = Callable[[Any, list[Division]], None]

_details: list[NeighborhoodDetails] = []


def register_neighborhood_details(add_details: NeighborhoodDetails) -> None:
    """Have ``add_details(user, neighborhoods)`` called for every ward page (once per function)."""
    if add_details not in _details:
        _details.append(add_details)


def add_neighborhood_details(user, neighborhoods: list[Division]) -> None:
    """Let each registered app set what it shows on these khu phố, as the user may see it."""
    for add_details in _details:
        add_details(user, neighborhoods)


# --- Panels: whole sections of a division's page that an app above the map fills in ---------
# A khu phố's page shows the term's history of its heads and board members, a ward's page its
# open vacancies (issue 14). Each registered function returns the panels it shows for the
# division, as the user may see it; the page includes each panel's template with its context.


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict = field(default_factory=dict)


DivisionPanels = Callable[[Any, Division], list[Panel]]

_panels: list[DivisionPanels] = []


def register_division_panels(panels_for: DivisionPanels) -> None:
    """Have ``panels_for(user, division)`` called for every division page (once per function)."""
    if panels_for not in _panels:
        _panels.append(panels_for)


def division_panels(user, division: Division) -> list[Panel]:
    """The panels every registered app shows on this division's page, in registration order."""
    return [panel for panels_for in _panels for panel in panels_for(user, division)]
