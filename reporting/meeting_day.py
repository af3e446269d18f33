"""The ward's dashboard on a meeting day (issue 18): the hour-by-hour arrivals of each khu phố's
community meeting held today against its threshold. Counts only, no names: whoever reads the
ward's dashboard may see it."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from elections.selectors.mobilisation import meetings_of_the_day
from neighborhoods.models import Division, Level
from reporting.charts import arrivals_over_time, hourly


def meeting_day_curves(division: Division, today: datetime.date) -> list[dict]:
    """One chart per community meeting held today in the ward (none above or below a ward)."""
    if division.level != Level.WARD:
        return []
    curves = []
    for came in meetings_of_the_day(division, today):
        name = came.meeting.election.neighborhood.name
        curves.append(
            {
                "name": name,
                "meeting": came.meeting,
                "quorum": came.quorum,
                "chart": arrivals_over_time(
                    hourly(came.times, came.opened_at),
                    start=came.opened_at,
                    needed=came.quorum.needed,
                    total=came.quorum.total_households,
                    title=_("%(name)s: số hộ có mặt theo giờ") % {"name": name},
                    threshold_label=_("Cần %(n)s hộ") % {"n": came.quorum.needed},
                    steps=False,
                ),
            }
        )
    return curves
