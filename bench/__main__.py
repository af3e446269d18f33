"""`make bench`: the measured figures, printed as one table (see docs/benchmarks.md).

Builds a national synthetic campaign in a throw-away copy of the configured
database (PostgreSQL: `make bench` points DATABASE_URL at the local server), then
measures dashboards, documents, tally submissions under load and household import.
"""

import argparse
import os
import sys

import django


def _line(label: str, value: str, target: str = "") -> None:
    print(f"{label:<58} {value:>26}  {target}")


def _import_lines(results: dict) -> None:
    rows = results["rows"]
    reading = results["reading"]
    for engine, seconds in reading.items():
        _line(f"read {rows:,}-row .xlsx with {engine}", f"{rows / seconds:,.0f} rows/s", f"({seconds:.2f} s)")
    if not results["imports"]:
        _line("household import through the web app", "needs REDIS_URL and PostgreSQL", "")
    for fmt, f in results["imports"].items():
        _line(
            f"household import, {rows:,} rows ({fmt}, {f['size_mb']:.1f} MB), register {f['register']:,}",
            f"{f['rows_per_second']:,.0f} rows/s ({f['seconds']:.2f} s)",
            f"median of {f['rounds']}",
        )
        _line(
            "  the worker's tasks, check + commit",
            f"{f['task_rows_per_second']:,.0f} rows/s ({f['check_task']:.2f} + {f['commit_task']:.2f} s)",
            "≥ 20,000 rows/s",
        )
        _line("  upload request answered in", f"{f['upload_ms']:.0f} ms", "")
        _line(
            f"  /healthz during the imports, p50 / p99 / max ({f['probes']} requests)",
            f"{f['probe_p50']:.0f} / {f['probe_p99']:.0f} / {f['probe_max']:.0f} ms",
            "≤ 100 ms",
        )
        _line("  /healthz answers slower than 100 ms", f"{f['probe_slow']}", "")
        _line("  /healthz errors", f"{f['probe_failures']}", "0")
    imports = results["imports"]
    if {"csv", "xlsx"} <= set(imports):
        for label, key in (("end to end", "rows_per_second"), ("worker's tasks", "task_rows_per_second")):
            _line(
                f"  .xlsx ÷ .csv rate, {label}",
                f"{imports['xlsx'][key] / imports['csv'][key]:.2f}×",
                "≥ 0.8×",
            )


def _terms_lines(rows: list[dict]) -> None:
    one = rows[0]
    for row in rows:
        _line(
            f"dashboard Việt Nam, {row['terms']} term(s) kept ({row['elections']:,} elections)",
            f"{row['dashboard_ms']:.1f} ms = {row['dashboard_ms'] / one['dashboard_ms']:.2f}× one term",
            f"bare SQL {row['bare_ms']:.1f} ms; ≤ 1.2× at 10 terms",
        )
        _line("  its figures are the current term's", "yes" if row["current_only"] else "NO", "yes")


def _check_in_lines(f: dict) -> None:
    from bench.check_in import MEASURED, PRESENT
    from elections.selectors.meeting import ATTENDANCE_PAGE

    _line(
        f"check-in round trip (htmx), {PRESENT} already present, p50 / p95 / max",
        f"{f['p50']:.1f} / {f['p95']:.1f} / {f['max']:.1f} ms",
        "< 100 ms",
    )
    _line(f"  its answer ({MEASURED} check-ins), bytes", f"{f['answer_min']:,}–{f['answer_max']:,}", "fixed")
    _line(
        "  its SQL queries, a tap / Enter",
        f"{'–'.join(map(str, f['queries']['tap']))} / {'–'.join(map(str, f['queries']['enter']))}",
        "fixed",
    )
    _line("household search, median of 4 queries", f"{f['search_p50']:.1f} ms", "")
    _line(
        f"meeting page, 0 / {ATTENDANCE_PAGE} (one page) / {PRESENT} present, bytes",
        f"{f['empty_page']:,} / {f['one_page']:,} / {f['full_page']:,}",
        "about equal",
    )


def _poll_lines(f: dict) -> None:
    from bench.quorum_poll import CLIENTS, DEVICES_PER_MEETING, MEETINGS, POLL_EVERY, WORKERS

    for side, label in (
        ("etag", "with ETag (304 unless changed)"),
        ("full", "without (every poll rendered)"),
    ):
        r = f[side]
        _line(
            f"quorum polls {label}, {CLIENTS} clients, {MEETINGS} meetings, gunicorn {WORKERS} workers",
            f"{r['per_second']:,.0f}/s ({r['not_modified']:,} × 304, {r['full']:,} × 200)",
            "",
        )
        _line(
            "  per core: web processes / web and PostgreSQL",
            f"{r['per_web_core']:,.0f} / {r['per_core']:,.0f} polls/s",
            "",
        )
        _line("  latency p50 / p99", f"{r['p50']:.1f} / {r['p99']:.1f} ms", "")
        _line("  errors", f"{r['errors']}", "0")
        _line(
            f"  meetings per 2-core machine ({DEVICES_PER_MEETING} devices, a poll / {POLL_EVERY:.0f} s)",
            f"{r['meetings_per_machine']:,.0f} (web only: {r['meetings_per_web_machine']:,.0f})",
            "",
        )
    _line(
        "  etag / full, polls per core (web and PostgreSQL)",
        f"{f['etag']['per_core'] / f['full']['per_core']:.2f}×",
        "",
    )
    _line("  check-ins during the polls", f"{f['check_ins']}", "")
    _line("  load generator's own CPU (same machine)", f"{100 * f['client_share']:.0f} % of a core", "")


def _tally_lines(load: dict) -> None:
    from bench import tally_load

    figures = tally_load.summary(load)
    ceiling = figures[tally_load.CEILING]
    _line(
        f"tally submissions (POST + the page it redirects to), {load['clients']} clients, "
        f"gunicorn {tally_load.WORKERS} workers × {tally_load.THREADS} threads",
        "",
        "",
    )
    _line(
        "  ceiling: minimal logged-in audited write, same redirect",
        f"{ceiling['rate']:.0f}/s ({ceiling['submissions']:,})",
        f"p50 {ceiling['p50']:.0f} / p99 {ceiling['p99']:.0f} ms, POST p50 {ceiling['post_p50']:.0f} ms",
    )
    for kind in tally_load.KINDS:
        f = figures[kind]
        each = ", ".join(f"{r:.2f}" for r in f["ratios"])
        _line(
            f"  {kind} entries: rate, ÷ ceiling beside it (each round)",
            f"{f['rate']:.0f}/s = {f['ratio']:.2f}× ({each})",
            "≥ 0.5×",
        )
        _line(
            f"    {kind}: round trip p50 / p99, POST alone p50 ({f['submissions']:,})",
            f"{f['p50']:.0f} / {f['p99']:.0f} ms, {f['post_p50']:.0f} ms",
            "p99 ≤ 300 ms",
        )
    errors = sum(figures[k]["errors"] for k in figures)
    dead = sum(figures[k]["dead"] for k in figures)
    _line("  errors (of which dead clients)", f"{errors} ({dead})", "0")
    cpu = f"{100 * load['client_cpu_share']:.0f} % of a core"
    _line("  load generator's own CPU (same machine)", cpu, "")
    _line(
        "  counts accepted by double entry",
        f"{100 * tally_load.accepted_share(load['contests']):.0f} % of contests",
        "100 %",
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="make bench")
    parser.add_argument(
        "--only",
        choices=["dashboards", "documents", "tallies", "import", "checkin", "polls"],
        action="append",
    )
    parser.add_argument("--keepdb", action="store_true", help="keep the built campaign for the next run")
    options = parser.parse_args()
    wanted = set(options.only or ["dashboards", "documents", "tallies", "import", "checkin", "polls"])

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wardvote.settings")
    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    from bench import campaign as synthetic
    from bench import check_in, dashboards, documents, import_households, quorum_poll, tally_load

    setup_test_environment()
    # serialize=False: nothing restores the database from a copy, and copying a kept national
    # campaign into memory takes minutes.
    old_name = connection.creation.create_test_db(
        verbosity=0, autoclobber=True, serialize=False, keepdb=options.keepdb
    )
    try:
        print(f"database: {connection.vendor}; machine: {os.cpu_count()} cores")
        built = None
        if wanted - {"import", "checkin", "polls"}:  # these make their own ward: no campaign needed
            built = (options.keepdb and synthetic.load()) or synthetic.build()
            _line(
                "synthetic campaign (2024 map, every ward)",
                f"{built.elections:,} elections",
                f"{built.seconds:.0f} s",
            )
        print()
        _line("measure", "value", "target")
        if "dashboards" in wanted:
            from django.contrib.auth import get_user_model

            reader = get_user_model().objects.get(username="bench.noivu")
            for name, dashboard_ms, bare_ms, papers_ms, queries in dashboards.measure(built, reader):
                ratio = dashboard_ms / bare_ms if bare_ms else float("inf")
                _line(
                    f"dashboard {name}",
                    f"{dashboard_ms:7.1f} ms = {ratio:4.2f}× bare SQL ({bare_ms:.1f} ms)",
                    "country ≤ 300 ms and ≤ 2×; ward ≤ 50 ms",
                )
                _line(f"  the papers out, bare SQL, {name}", f"{papers_ms:.1f} ms")
                _line(f"  SQL queries, {name}", f"{queries}", "fixed")
            _terms_lines(dashboards.measure_terms(built, reader))
        if "documents" in wanted:
            from elections.models import Election

            elections = list(
                Election.objects.filter(ward=built.phuong_22).select_related(
                    "plan__division", "neighborhood"
                )[:45]
            )
            _line(
                "PDF render, one decision (warm, median)",
                f"{documents.warm_render_ms(elections[0]):.0f} ms",
                "≤ 400 ms",
            )
            app_ms, bare_ms = documents.against_bare(elections[0])
            _line(
                "  ÷ a bare write_pdf() of the same HTML (median, alternated)",
                f"{app_ms:.0f} ms ÷ {bare_ms:.0f} ms = {app_ms / bare_ms:4.2f}×",
                "≤ 0.8×",
            )
            resident = documents.memory_over_renders(elections[0])
            _line(
                "  resident memory after " + " / ".join(f"{n:,}" for n in resident) + " renders",
                " / ".join(f"{mb:.0f}" for mb in resident.values()) + " MB",
                "no growth",
            )
            rate = documents.worker_throughput(elections)
            _line(
                "PDF documents per second, 2 Celery workers",
                f"{rate:.1f} docs/s" if rate else "needs REDIS_URL",
                "",
            )
        if "tallies" in wanted:
            _tally_lines(tally_load.run(built))
        if "import" in wanted:
            _import_lines(import_households.run())
        if "checkin" in wanted:
            _check_in_lines(check_in.run())
        if "polls" in wanted:
            _poll_lines(quorum_poll.run())
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=options.keepdb)
        teardown_test_environment()


if __name__ == "__main__":
    sys.exit(main())
