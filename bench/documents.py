"""PDF rendering: one document warm against a bare WeasyPrint render of the same HTML, the
memory of a process after 1,000 renders, then documents per second through 2 Celery workers."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

from django.db import connection
from django.template.loader import render_to_string
from weasyprint import HTML

from elections.documents import DECISION_TO_HOLD
from elections.models import Election
from reporting.documents import get_kind
from reporting.fetcher import FONT_DIR, AppFilesFetcher
from reporting.models import DocumentStatus, StoredDocument
from reporting.printing import ND30_STYLESHEET
from reporting.services import document_request, render_pdf

WARM_REPEAT = 10
# Renders compared with a bare write_pdf(), alternately, after one warm-up of each.
COMPARED = 15
MEMORY_RENDERS = (100, 1000)
QUEUED = 40


def warm_render_ms(election: Election) -> float:
    """Median time to render one decision (ND30 layout, embedded fonts) once fonts are loaded."""
    kind = get_kind(DECISION_TO_HOLD)
    context = kind.build_context(election)
    render_pdf(kind.template_name, context)
    timings = []
    for _ in range(WARM_REPEAT):
        started = time.perf_counter()
        render_pdf(kind.template_name, context)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def bare_html(template_name: str, context: dict) -> str:
    """The same paper as one self-contained HTML string, the stylesheet inline, as WeasyPrint
    would be given it without the app: the bare renderer's input."""
    css = render_to_string("documents/nd30.css", {"font_dir": FONT_DIR.as_uri()})
    html = render_to_string(template_name, {**context, "font_dir": FONT_DIR.as_uri()})
    return html.replace(ND30_STYLESHEET, f"<style>{css}</style>")


def bare_write_pdf(html: str) -> bytes:
    """WeasyPrint with nothing kept between renders: its own font configuration each time."""
    return HTML(string=html, base_url=str(FONT_DIR), url_fetcher=AppFilesFetcher()).write_pdf()


def against_bare(election: Election) -> tuple[float, float]:
    """Median ms of the app's render_pdf (template included) and of a bare write_pdf() of the
    same HTML and fonts, measured alternately so that the machine's load falls on both."""
    kind = get_kind(DECISION_TO_HOLD)
    context = kind.build_context(election)
    html = bare_html(kind.template_name, context)
    render_pdf(kind.template_name, context)
    bare_write_pdf(html)
    app, bare = [], []
    for _ in range(COMPARED):
        started = time.perf_counter()
        render_pdf(kind.template_name, context)
        app.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        bare_write_pdf(html)
        bare.append((time.perf_counter() - started) * 1000)
    return statistics.median(app), statistics.median(bare)


def resident_mb() -> float:
    """This process's resident memory now (VmRSS), in MB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def memory_over_renders(election: Election) -> dict[int, float]:
    """Resident MB after 100 and after 1,000 renders of the decision in this process."""
    kind = get_kind(DECISION_TO_HOLD)
    context = kind.build_context(election)
    resident = {}
    for done in range(1, MEMORY_RENDERS[-1] + 1):
        render_pdf(kind.template_name, context)
        if done in MEMORY_RENDERS:
            resident[done] = resident_mb()
    return resident


def service_env(extra: dict | None = None) -> dict:
    """The environment of a process serving this very (throw-away) database."""
    settings = connection.settings_dict
    host = f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
    url = f"postgres://{settings['USER']}@{host}/{settings['NAME']}"
    return {**os.environ, "DATABASE_URL": url, **(extra or {})}


def worker_throughput(elections: list[Election]) -> float | None:
    """Documents per second rendered by 2 Celery worker processes from the Redis queue."""
    if not os.environ.get("REDIS_URL"):
        return None
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "wardvote",
            "worker",
            "-c",
            "2",
            "-P",
            "prefork",
            "-l",
            "WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        env=service_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        warm_up = document_request(kind=DECISION_TO_HOLD, source=elections[0])
        _wait([warm_up.pk], timeout=60)
        started = time.perf_counter()
        queued = [document_request(kind=DECISION_TO_HOLD, source=e).pk for e in elections[1 : QUEUED + 1]]
        _wait(queued, timeout=180)
        return len(queued) / (time.perf_counter() - started)
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def _wait(ids: list[int], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pending = StoredDocument.objects.filter(pk__in=ids).exclude(status=DocumentStatus.READY).count()
        if pending == 0:
            return
        time.sleep(0.05)
    raise TimeoutError(f"{pending} documents still pending after {timeout} s")
