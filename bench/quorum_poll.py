"""The quorum meter's poll on an election Sunday, against gunicorn on 127.0.0.1.

Builds its own ward (no national campaign): MEETINGS khu phố, each with HOUSEHOLDS households and
an open sitting, and an election team covering the ward. CLIENTS client threads (the team's
phones and the projectors) each log in and poll the meters of their share of the meetings as
fast as the server answers, keeping each meter's ETag as a browser does, while another thread
checks households in (CHECK_INS_PER_SECOND across the ward) so that some polls find the meter
changed. Rounds alternate with the same load sending no If-None-Match (every poll rendered in
full, as before the ETag): A, B, A, B... so that the ratio holds on a shared machine.

Server CPU is read from /proc/<pid>/stat of gunicorn's processes and of the PostgreSQL backends
serving them, before and after each round: polls per second per core of the web processes, and
per core of web and database together.
"""

from __future__ import annotations

import http.client
import io
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from bench.documents import service_env
from bench.tally_load import HOST, Session, _wait_for_port
from bench.world import division_under, percentile, ward_plan
from elections.models import Contest, ContestKind, Election, ListStatus, Meeting, Stage
from neighborhoods.models import Division, Household, Level, Role, StaffAssignment

PORT = int(os.environ.get("BENCH_POLL_PORT", "8766"))
WORKERS = int(os.environ.get("BENCH_GUNICORN_WORKERS", "2"))
MEETINGS = 200
HOUSEHOLDS = 40
CLIENTS = 12
ROUNDS = 4  # alternating: with the ETag, without
ROUND_SECONDS = 8.0
CHECK_INS_PER_SECOND = 5.0
DEVICES_PER_MEETING = 3  # two or three phones and a projector
POLL_EVERY = 3.0  # seconds: hx-trigger="every 3s"
BINH_THANH = "765"
PASSWORD = "bench-password"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _ward() -> tuple[list[Meeting], Any]:
    """A ward of its own under Quận Bình Thạnh: MEETINGS khu phố in session, one team for all."""
    call_command("load_divisions", "--map", "2024", verbosity=0, stdout=io.StringIO())
    district = Division.objects.get(code=BINH_THANH, map_edition="2024")
    ward = division_under(district, Level.WARD, f"Phường đo họp {time.time_ns()}", "Phường")
    plan = ward_plan(ward)
    team = get_user_model().objects.create_user(f"bench.poll.{time.time_ns()}", password=PASSWORD)
    StaffAssignment.objects.create(user=team, division=ward, role=Role.ELECTION_TEAM)
    meetings = []
    for n in range(1, MEETINGS + 1):
        khu_pho = division_under(ward, Level.NEIGHBORHOOD, f"Khu phố {n}", "Khu phố")
        Household.objects.bulk_create(
            Household(
                neighborhood=khu_pho, ward=ward, code=f"KP{n:03d}-{h:03d}", head_name=f"Nguyễn Văn {n}.{h}"
            )
            for h in range(1, HOUSEHOLDS + 1)
        )
        election = Election.objects.create(
            plan=plan,
            neighborhood=khu_pho,
            ward=ward,
            district=district,
            province=district.parent,
            stage=Stage.MEETING_HELD,
            meeting_date=timezone.localdate(),
        )
        Contest.objects.create(election=election, kind=ContestKind.HEAD, list_status=ListStatus.APPROVED)
        meetings.append(
            Meeting.objects.create(
                election=election,
                number=1,
                household_total=HOUSEHOLDS,
                held_on=timezone.localdate(),
                opened_by=team,
            )
        )
    return meetings, team


def _cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User and system time of each of these processes still alive, from /proc."""
    seconds = {}
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        seconds[pid] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime
    return seconds


def _used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU time used between two readings by the processes alive at both (a backend that
    closed in between, or opened, is left out rather than counted negative)."""
    return sum(after[pid] - before[pid] for pid in before.keys() & after.keys())


def _children(parent: int) -> list[int]:
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    if int(stat.read().rsplit(")", 1)[1].split()[1]) == parent:
                        pids.append(int(entry))
            except OSError:
                continue
    return pids


def _database_backends() -> list[int]:
    """The PostgreSQL backends connected to the bench's database, but this process's own."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return [pid for (pid,) in cursor.fetchall()]


class Device:
    """One phone or projector: its session, and the ETag of each meter it shows."""

    def __init__(self, meetings: list[int]):
        self.session = Session(PORT)
        self.meetings = meetings
        self.etags: dict[int, str] = {}

    def poll(self, meeting: int, conditional: bool) -> tuple[int, float]:
        headers = {
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.session.cookies.items()),
            "HX-Request": "true",
        }
        if conditional and meeting in self.etags:
            headers["If-None-Match"] = self.etags[meeting]
        started = time.perf_counter()
        link = http.client.HTTPConnection(HOST, PORT, timeout=30)
        link.request("GET", f"/bau-cu/hop/{meeting}/so-nguoi/", headers=headers)
        response = link.getresponse()
        response.read()
        link.close()
        elapsed = (time.perf_counter() - started) * 1000
        etag = response.getheader("ETag")
        if response.status == 200 and etag:
            self.etags[meeting] = etag
        return response.status, elapsed


def _poll_round(devices: list[Device], conditional: bool, seconds: float) -> dict:
    statuses: dict[int, int] = {}
    latencies: list[float] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def run(device: Device) -> None:
        n = 0
        while time.monotonic() < stop_at:
            meeting = device.meetings[n % len(device.meetings)]
            n += 1
            try:
                status, ms = device.poll(meeting, conditional)
            except OSError:
                status, ms = 0, 0.0
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
                latencies.append(ms)

    threads = [threading.Thread(target=run, args=(d,)) for d in devices]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"statuses": statuses, "latencies": latencies}


def _check_ins(meetings: list[Meeting], team, stop: threading.Event, done: list[int]) -> None:
    """Households arriving across the ward, through the service (its lock, audit entry, version)."""
    from elections.services.meeting import check_in

    rng = random.Random(17)
    waiting = {
        m.pk: list(Household.objects.filter(neighborhood_id=m.election.neighborhood_id)) for m in meetings
    }
    try:
        while not stop.wait(1 / CHECK_INS_PER_SECOND):
            meeting = rng.choice(meetings)
            if waiting[meeting.pk]:
                check_in(by=team, meeting=meeting, household=waiting[meeting.pk].pop())
                done[0] += 1
    finally:
        connection.close()


def run() -> dict:
    meetings, team = _ward()
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
    stop = threading.Event()
    try:
        _wait_for_port(port=PORT)
        pks = [m.pk for m in meetings]
        devices = [Device(pks[i::CLIENTS]) for i in range(CLIENTS)]
        for device in devices:
            device.session.log_in(team.username, PASSWORD)
        for device in devices:  # warm: every worker's templates and connections, every ETag kept
            for meeting in device.meetings:
                device.poll(meeting, True)
        web = [server.pid, *_children(server.pid)]
        checked_in = [0]
        arrivals = threading.Thread(target=_check_ins, args=(meetings, team, stop, checked_in))
        arrivals.start()
        sides: dict[str, dict] = {
            side: {"polls": 0, "seconds": 0.0, "web_cpu": 0.0, "db_cpu": 0.0, "latencies": [], "statuses": {}}
            for side in ("etag", "full")
        }
        client_cpu = time.process_time()
        started_all = time.monotonic()
        for n in range(ROUNDS):
            side = "etag" if n % 2 == 0 else "full"
            database = _database_backends()
            web_before, db_before = _cpu_seconds(web), _cpu_seconds(database)
            started = time.monotonic()
            outcome = _poll_round(devices, side == "etag", ROUND_SECONDS)
            tally = sides[side]
            tally["seconds"] += time.monotonic() - started
            tally["web_cpu"] += _used(web_before, _cpu_seconds(web))
            tally["db_cpu"] += _used(db_before, _cpu_seconds(database))
            tally["latencies"] += outcome["latencies"]
            for status, count in outcome["statuses"].items():
                tally["statuses"][status] = tally["statuses"].get(status, 0) + count
        client_share = (time.process_time() - client_cpu) / (time.monotonic() - started_all)
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=30)
    arrivals.join()
    results: dict[str, Any] = {}
    for side, tally in sides.items():
        polls = sum(tally["statuses"].values())
        per_second = polls / tally["seconds"]
        per_web_core = polls / tally["web_cpu"] if tally["web_cpu"] else 0.0
        per_core = polls / (tally["web_cpu"] + tally["db_cpu"]) if tally["web_cpu"] else 0.0
        results[side] = {
            "polls": polls,
            "per_second": per_second,
            "per_web_core": per_web_core,
            "per_core": per_core,
            "web_cores": tally["web_cpu"] / tally["seconds"],
            "db_cores": tally["db_cpu"] / tally["seconds"],
            "p50": statistics.median(tally["latencies"]) if tally["latencies"] else 0.0,
            "p99": percentile(tally["latencies"], 0.99),
            "not_modified": tally["statuses"].get(304, 0),
            "full": tally["statuses"].get(200, 0),
            "errors": polls - tally["statuses"].get(304, 0) - tally["statuses"].get(200, 0),
            # One 2-core machine serving web and database: a meeting asks DEVICES / POLL_EVERY a second.
            "meetings_per_machine": 2 * per_core * POLL_EVERY / DEVICES_PER_MEETING,
            "meetings_per_web_machine": 2 * per_web_core * POLL_EVERY / DEVICES_PER_MEETING,
        }
    results["check_ins"] = checked_in[0]
    results["client_share"] = client_share
    return results
