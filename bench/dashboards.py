"""Dashboard server time against the bare SQL aggregate that computes the same figures.

The dashboard is requested through Django's test client (middleware, session,
access checks, template and charts included); the bare aggregate runs the same
GROUP BY statements the roll-up issues (stages, turnout and overdue, turnout
bands) straight on a cursor, with nothing around them. The signed copies still missing are
one more aggregate, over the issued papers (the bench issues each counted sitting's form 02,
none back signed): it is timed apart. Medians of repeated runs.
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
from elections.models import Election
from elections.selectors.signed_copies import missing_by_child_query
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


def papers_statement(division) -> tuple[str, tuple]:
    """The signed copies still missing below a division, the dashboard's one aggregate over the
    issued papers (timed apart: the elections' aggregate above is what the ratio compares to)."""
    return missing_by_child_query(division, progress.campaign_plans()).query.sql_with_params()


def _run_bare(statements) -> None:
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
            cursor.fetchall()


def measure(campaign, user) -> list[tuple[str, float, float, float, int]]:
    """(division, dashboard ms, bare aggregate ms, the papers' aggregate ms, queries) for the
    country down to a ward."""
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
        papers = [papers_statement(division)]
        papers_ms = _median_ms(lambda papers=papers: _run_bare(papers))
        with CaptureQueriesContext(connection) as queries:
            get()
        rows.append((division.name, dashboard_ms, bare_ms, papers_ms, len(queries)))
    return rows


TERMS = (1, 3, 10)
TERM_TABLES = ["elections_plan", "elections_election"]


def measure_terms(campaign, user) -> list[dict]:
    """The country dashboard with 1, 3 and 10 terms kept: its time, the bare aggregate's, and
    whether its figures are still the current term's (the same as with one term).

    The earlier terms are committed and the tables vacuumed before each measure, as a database
    that has kept its terms for years is; they are removed at the end, so the campaign is left
    as it was built for the benchmarks that follow."""
    from bench import campaign as synthetic

    client = Client()
    client.force_login(user)
    url = reverse("reporting:dashboard", args=[campaign.country.pk])
    today = timezone.localdate()

    def get():
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    rows = []
    first = progress.progress(campaign.country, today).as_dict()["total"]
    try:
        for terms in TERMS:
            synthetic.add_earlier_terms(terms - synthetic.terms_kept())
            _vacuum(TERM_TABLES)
            statements = bare_statements(campaign.country)
            rows.append(
                {
                    "terms": terms,
                    "elections": Election.objects.count(),
                    "dashboard_ms": _median_ms(get),
                    "bare_ms": _median_ms(lambda statements=statements: _run_bare(statements)),
                    "current_only": progress.progress(campaign.country, today).as_dict()["total"] == first,
                }
            )
    finally:
        synthetic.remove_earlier_terms()
        _vacuum(TERM_TABLES)
    return rows


def _vacuum(tables: list[str]) -> None:
    """Reclaims deleted rows and refreshes the planner's figures (PostgreSQL)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"VACUUM ANALYZE {table}")
