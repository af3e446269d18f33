"""PDF rendering: one document warm, then documents per second through 2 Celery workers."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

from django.db import connection

from elections.documents import DECISION_TO_HOLD
from elections.models import Election
from reporting.documents import get_kind
from reporting.models import DocumentStatus, StoredDocument
from reporting.services import document_request, render_pdf

WARM_REPEAT = 10
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
