"""Dashboard server time against the bare SQL aggregate that computes the same figures.

The dashboard is requested through Django's test client (middleware, session,
access checks, template and charts included); the bare aggregate runs the same
GROUP BY statements the roll-up issues (stages, turnout and overdue, turnout
bands) straight on a cursor, with nothing around them. Medians of repeated runs.
"""

from __future__ import annotations

import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from elections import rules
from reporting import progress

REPEAT = 15


def _median_ms(action, repeat: int = REPEAT) -> float:
    action()  # warm: plans cached by the database, templates compiled
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def bare_statements(division) -> list[tuple[str, tuple]]:
    """The aggregate statements of a dashboard, as SQL with parameters."""
    child = progress.child_field(division)
    elections = progress.elections_below(division)
    conditions = progress.overdue_conditions(timezone.localdate(), rules.DEFAULTS)
    return [
        progress.figures_query(elections, child, conditions).query.sql_with_params(),
        progress.turnout_bands_query(elections).query.sql_with_params(),
    ]


def _run_bare(statements) -> None:
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
            cursor.fetchall()


def measure(campaign, user) -> list[tuple[str, float, float, int]]:
    """(division, dashboard ms, bare aggregate ms, queries) for the country down to a ward."""
    client = Client()
    client.force_login(user)
    rows = []
    for division in (campaign.country, campaign.hcmc, campaign.binh_thanh, campaign.phuong_22):
        url = reverse("reporting:dashboard", args=[division.pk])

        def get(url=url):
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        dashboard_ms = _median_ms(get)
        statements = bare_statements(division)
        bare_ms = _median_ms(lambda statements=statements: _run_bare(statements))
        with CaptureQueriesContext(connection) as queries:
            get()
        rows.append((division.name, dashboard_ms, bare_ms, len(queries)))
    return rows
