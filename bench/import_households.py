"""Household import: a ward's register file, .csv and .xlsx, imported end to end through the web app.

The ward has 20 khu phố of 150 to 600 households each, already in its register (imported
first, as the ward did); the file brings as many new households again to the same khu phố,
so every row's code is checked against a full register, and the commit's own check runs
against it too. (A code already in the register is a row error that stops the import,
so a file that can be confirmed holds new households only.)

Each file is uploaded to gunicorn on 127.0.0.1 as a ward official does, the page is
polled until the task has checked it, the import is confirmed and polled until the
households are saved. A Celery worker process does the reading and the commit (with
REDIS_URL, as `make bench` sets; without a broker the web worker itself would run
the tasks, so the import part is skipped). Meanwhile another
client asks `/healthz` every 50 ms: its response times show whether a web worker was
kept busy. Also measures reading the .xlsx with calamine against openpyxl.
"""

from __future__ import annotations

import csv
import http.client
import io
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import uuid

from django.utils import timezone
from openpyxl import Workbook

from bench.documents import service_env
from bench.tally_load import HOST, Session, _wait_for_port

NEIGHBORHOODS = 20
HOUSEHOLDS_PER_NEIGHBORHOOD = (150, 600)
PROBE_EVERY = 0.05
PORT = int(os.environ.get("BENCH_IMPORT_PORT", "8766"))
# Each format imported this many times, alternately (.csv, .xlsx, .csv, …), each into its own ward.
ROUNDS = 3
WORKERS = 2


def neighborhood_sizes(seed: int) -> list[int]:
    """Households per khu phố, 150 to 600, the same for every run with the same seed."""
    draw = random.Random(seed)
    return [draw.randint(*HOUSEHOLDS_PER_NEIGHBORHOOD) for _ in range(NEIGHBORHOODS)]


def make_rows(first: int = 1, seed: int = 17) -> list[list]:
    """A register file: each khu phố's households in a block, numbered from ``first`` in it."""
    rows = []
    for kp, size in enumerate(neighborhood_sizes(seed), start=1):
        for i in range(first, first + size):
            rows.append(
                [
                    f"KP{kp:02d}-{i:04d}",
                    f"Nguyễn Văn {kp}.{i}",
                    f"{i % 300}/{i % 40} Xô Viết Nghệ Tĩnh",
                    1 + i % 8,
                    "",
                    f"Khu phố {kp}",
                    "Đang cư trú",
                ]
            )
    return rows


# The ward's register before the file: codes from 1 on in each khu phố; the file's from 1001 on.
REGISTER_SEED, FILE_SEED, FILE_FIRST = 3, 17, 1001


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


def reading_seconds(data: bytes, expected: int) -> dict[str, float]:
    """Seconds to read every row of the .xlsx with each engine (the import keeps the faster)."""
    from neighborhoods.services.household_import import read_table

    seconds = {}
    for engine in ("calamine", "openpyxl"):
        started = time.perf_counter()
        _headers, rows = read_table("so-ho.xlsx", io.BytesIO(data), engine=engine)
        count = sum(1 for _row in rows)
        seconds[engine] = time.perf_counter() - started
        assert count == expected, (engine, count)
    return seconds


class _Probe(threading.Thread):
    """GET /healthz every PROBE_EVERY seconds; keeps every response time in ms."""

    def __init__(self, earlier: _Probe | None = None):
        """A new thread that goes on with ``earlier``'s figures (the same format's previous runs)."""
        super().__init__(daemon=True)
        self.latencies: list[float] = earlier.latencies if earlier else []
        self.failures = earlier.failures if earlier else 0
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.is_set():
            started = time.perf_counter()
            try:
                connection = http.client.HTTPConnection(HOST, PORT, timeout=30)
                connection.request("GET", "/healthz")
                ok = connection.getresponse().status == 200
                connection.close()
            except OSError:
                ok = False
            self.latencies.append((time.perf_counter() - started) * 1000)
            self.failures += not ok
            self.stopping.wait(PROBE_EVERY)


def _warm_up() -> None:
    """Every gunicorn worker answers /healthz once first: its first answer renders a PDF (seconds)."""

    def ask():
        connection = http.client.HTTPConnection(HOST, PORT, timeout=60)
        connection.request("GET", "/healthz")
        connection.getresponse().read()
        connection.close()

    for _round in range(3):
        threads = [threading.Thread(target=ask) for _ in range(WORKERS * 2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()


def _multipart(session: Session, path: str, filename: str, data: bytes) -> http.client.HTTPResponse:
    boundary = uuid.uuid4().hex
    token = session.cookies["csrftoken"]
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{token}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    connection = http.client.HTTPConnection(HOST, PORT, timeout=120)
    cookies = "; ".join(f"{k}={v}" for k, v in session.cookies.items())
    connection.request(
        "POST",
        path,
        body=body,
        headers={"Cookie": cookies, "Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def _wait_until(import_id: int, statuses: set[str], session: Session, status_path: str) -> str:
    """Poll the status fragment every second as the page does, and the import's status more
    often (a file of a few thousand rows is done within a second)."""
    from neighborhoods.models import HouseholdImport

    asked = 0.0
    while True:
        if time.monotonic() - asked >= 1:
            session.request("GET", status_path)
            asked = time.monotonic()
        status = HouseholdImport.objects.values_list("status", flat=True).get(pk=import_id)
        if status in statuses:
            return status
        time.sleep(0.02)


def _ward_with_official(fmt: str):
    """A ward of NEIGHBORHOODS khu phố whose register already holds their households."""
    from django.contrib.auth import get_user_model

    from neighborhoods.models import Level, Role, StaffAssignment
    from neighborhoods.services.divisions import country, division_create
    from neighborhoods.services.neighborhoods import neighborhood_create

    ward = division_create(level=Level.WARD, name=f"Phường thử {fmt}", type_word="Phường", parent=country())
    for n in range(1, NEIGHBORHOODS + 1):
        neighborhood_create(ward=ward, name=f"Khu phố {n}")
    user = get_user_model().objects.create_user(f"bench.import.{fmt}", password="bench-password")
    StaffAssignment.objects.create(user=user, division=ward, role=Role.WARD_OFFICIAL)
    _register(ward, user)
    return ward, user


def _register(ward, user) -> None:
    """The ward's register as it stood before the file: imported in this process, audited."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from neighborhoods.models import Household
    from neighborhoods.services import household_import as importer

    rows = make_rows(seed=REGISTER_SEED)
    upload = SimpleUploadedFile("so-ho-cu.csv", as_csv(importer.HEADERS, rows))
    with _tasks_not_sent():
        done = importer.household_import_upload(ward=ward, upload=upload, by=user)
        importer.household_import_check(done.pk)
        importer.household_import_confirm(household_import=done)
        importer.household_import_commit(done.pk)
    assert Household.objects.filter(ward=ward).count() == len(rows)


def _tasks_not_sent():
    """The register is imported here, not by the worker: the queued tasks are dropped."""
    from unittest import mock

    return mock.patch("neighborhoods.services.household_import._enqueue")


def _import_one(fmt: str, data: bytes, round_: int) -> dict:
    from neighborhoods.models import Household, HouseholdImport, ImportStatus

    ward, user = _ward_with_official(f"{fmt}{round_}")
    before = Household.objects.filter(ward=ward).count()
    session = Session(PORT)
    session.log_in(user.username, "bench-password")
    upload_path = f"/dia-ban/{ward.pk}/ho-gia-dinh/nhap/"
    session.request("GET", upload_path)
    started = time.perf_counter()
    response = _multipart(session, upload_path, f"so-ho.{fmt}", data)
    upload_ms = (time.perf_counter() - started) * 1000
    location = response.getheader("Location") or ""
    token = re.search(r"/nhap/([0-9a-f]{32})/", location)
    if response.status != 302 or not token:
        raise RuntimeError(f"upload of the .{fmt} refused: {response.status}")
    preview_path = f"/dia-ban/{ward.pk}/ho-gia-dinh/nhap/{token.group(1)}/"
    status_path = f"{preview_path}trang-thai/"
    import_id = HouseholdImport.objects.get(token=token.group(1)).pk
    checked = _wait_until(import_id, {ImportStatus.CHECKED, ImportStatus.FAILED}, session, status_path)
    checked_at = time.perf_counter()
    if checked != ImportStatus.CHECKED:
        raise RuntimeError(HouseholdImport.objects.get(pk=import_id).error)
    checked_import = HouseholdImport.objects.get(pk=import_id)
    if checked_import.error_count:
        raise RuntimeError(f"{checked_import.error_count} row errors in the bench file")
    rows = checked_import.row_count
    check_task = (checked_import.finished_at - checked_import.created_at).total_seconds()
    session.request("GET", preview_path)
    confirmed_at = timezone.now()
    session.request("POST", preview_path, {"csrfmiddlewaretoken": session.cookies["csrftoken"]})
    done = _wait_until(import_id, {ImportStatus.DONE, ImportStatus.FAILED}, session, status_path)
    seconds = time.perf_counter() - started
    finished = HouseholdImport.objects.get(pk=import_id)
    if done != ImportStatus.DONE or Household.objects.filter(ward=ward).count() != before + rows:
        raise RuntimeError(finished.error or "not every row was saved")
    commit_task = (finished.finished_at - confirmed_at).total_seconds()
    return {
        "rows": rows,
        "register": before,
        "seconds": seconds,
        "check_seconds": checked_at - started,
        "upload_ms": upload_ms,
        # From the upload stored to the rows checked, and from the confirmation to the
        # households saved: the worker's two tasks, queueing included, without the polling.
        "task_seconds": check_task + commit_task,
        "check_task": check_task,
        "commit_task": commit_task,
    }


def _paths() -> None:
    """The bench requests the app by its paths: fail loudly if they moved."""
    from django.urls import reverse

    assert reverse("neighborhoods:household_import", args=[1]) == "/dia-ban/1/ho-gia-dinh/nhap/"


def _start_worker():
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "wardvote", "worker", "-c", "1", "-P", "solo", "-l", "WARNING"]
        + ["--without-gossip", "--without-mingle", "--without-heartbeat"],
        env=service_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _summary(runs: list[dict], probe: _Probe, size: int) -> dict:
    """The median run of a format (by its end-to-end time), with /healthz over all its runs."""
    figures = sorted(runs, key=lambda run: run["seconds"])[len(runs) // 2]
    ordered = sorted(probe.latencies)
    return {
        **figures,
        "rows_per_second": figures["rows"] / figures["seconds"],
        "task_rows_per_second": figures["rows"] / figures["task_seconds"],
        "rounds": len(runs),
        "probe_p50": statistics.median(ordered),
        "probe_p99": ordered[max(0, int(len(ordered) * 0.99) - 1)],
        "probe_max": ordered[-1],
        "probe_slow": sum(1 for ms in ordered if ms > 100),
        "probes": len(ordered),
        "probe_failures": probe.failures,
        "size_mb": size / 1024 / 1024,
    }


def run() -> dict:
    """Read times per engine, and per format the end-to-end import and /healthz during it."""
    from django.db import connection

    from neighborhoods.services.household_import import HEADERS

    _paths()
    rows = make_rows(first=FILE_FIRST, seed=FILE_SEED)
    files = {"csv": as_csv(HEADERS, rows), "xlsx": as_xlsx(HEADERS, rows)}
    results: dict = {"rows": len(rows), "reading": reading_seconds(files["xlsx"], len(rows)), "imports": {}}
    if not os.environ.get("REDIS_URL") or connection.vendor != "postgresql":
        return results  # the live part needs a worker process and a database it can share
    env = service_env(
        {"DEBUG": "0", "SECRET_KEY": "bench-only", "ALLOWED_HOSTS": HOST, "SECURE_SSL_REDIRECT": "0"}
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], env=env, check=True
    )
    command = ["gunicorn", "wardvote.wsgi:application", "-b", f"{HOST}:{PORT}", "--log-level", "warning"]
    server = subprocess.Popen(
        [sys.executable, "-m", *command, "-w", str(WORKERS)], env=env, stderr=subprocess.DEVNULL
    )
    worker = _start_worker()
    try:
        _wait_for_port(port=PORT)
        _warm_up()
        runs: dict[str, list[dict]] = {fmt: [] for fmt in files}
        probes: dict[str, _Probe] = {}
        for round_ in range(ROUNDS):
            for fmt, data in files.items():
                probe = probes[fmt] = _Probe(probes.get(fmt))
                probe.start()
                try:
                    runs[fmt].append(_import_one(fmt, data, round_))
                finally:
                    probe.stopping.set()
                    probe.join()
        for fmt, data in files.items():
            results["imports"][fmt] = _summary(runs[fmt], probes[fmt], len(data))
    finally:
        for process in (server, worker):
            process.terminate()
            process.wait(timeout=30)
    return results
