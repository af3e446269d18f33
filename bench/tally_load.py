"""Tally submissions under concurrent load, against gunicorn on 127.0.0.1, beside the stack's ceiling.

16 clients submit as a browser does: the POST, then the GET of the page it redirects to
(checked: the tally page of that contest, saying what the entry did). All of them log in
before any clock starts. A submission is served when its POST answers 302 to the right
place and the page it points to answers 200 with the expected message; anything else,
including a client thread that dies, is an error.

Phases alternate, all against the same server: the ceiling (``bench.ceiling``: a minimal
logged-in audited write that redirects to the same page), then first entries of a batch of
sittings, the ceiling again, the accepting second entries of one contest of each sitting, the
ceiling again, and the second entries of the other contest, which close the sittings. The
rates of each kind of entry are compared with the ceiling phases around them.
"""

from __future__ import annotations

import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field

from bench.documents import service_env
from bench.world import percentile

HOST, PORT = "127.0.0.1", 8765
CLIENTS = 16
ROUNDS = int(os.environ.get("BENCH_TALLY_ROUNDS", "2"))
SITTINGS_PER_ROUND = int(os.environ.get("BENCH_TALLY_SITTINGS", "160"))
CEILING_SECONDS = 6.0
WORKERS = int(os.environ.get("BENCH_GUNICORN_WORKERS", "4"))
THREADS = int(os.environ.get("BENCH_GUNICORN_THREADS", "1"))

FIRST, ACCEPTING, CLOSING, CEILING = "first", "accepting", "closing", "ceiling"
KINDS = (FIRST, ACCEPTING, CLOSING)
# What the page a submission redirects to says (the message of each kind of entry).
EXPECTED = {
    FIRST: "Đã ghi lần nhập của bạn",
    ACCEPTING: "Hai lần nhập khớp nhau",
    CLOSING: "Hai lần nhập khớp nhau",
    CEILING: "",
}


class Session:
    """Just enough of a browser: cookies (whatever their Secure flag) and the CSRF token."""

    def __init__(self, port: int = PORT):
        self.cookies: dict[str, str] = {}
        self.port = port
        self.body = b""

    def request(self, method: str, path: str, form: dict | None = None) -> http.client.HTTPResponse:
        """The answer, its body kept in ``self.body``."""
        connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        self.body = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, rest = value.split("=", 1)
                self.cookies[name] = rest.split(";", 1)[0]
        connection.close()
        return response

    def log_in(self, username: str, password: str) -> None:
        self.request("GET", "/dang-nhap/")
        response = self.request(
            "POST",
            "/dang-nhap/",
            {"username": username, "password": password, "csrfmiddlewaretoken": self.cookies["csrftoken"]},
        )
        if response.status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"login of {username} failed: {response.status}")


def _wait_for_port(timeout: float = 30.0, port: int = PORT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection((HOST, port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError("gunicorn did not start")


@dataclass
class Phase:
    kind: str
    seconds: float = 0.0
    round_trips: list[float] = field(default_factory=list)  # POST + GET, ms
    posts: list[float] = field(default_factory=list)  # the POST alone, ms
    errors: int = 0
    dead: int = 0

    @property
    def rate(self) -> float:
        return len(self.round_trips) / self.seconds if self.seconds else 0.0


def tally_path(meeting: int, contest: int) -> str:
    return f"/bau-cu/hop/{meeting}/kiem-phieu/{contest}/"


def _tally_form(candidates: list[int]) -> dict:
    form = {"issued": 20, "returned": 20, "valid": 20, "invalid": 0}
    form.update({f"candidate_{pk}": 16 if i == 0 else 0 for i, pk in enumerate(candidates)})
    return form


def _submit(session: Session, kind: str, item: tuple, phase: Phase, lock: threading.Lock) -> None:
    """One submission as a browser makes it: the POST, then the page its redirect points to."""
    meeting, contest, candidates = item
    target = tally_path(meeting, contest)
    if kind == CEILING:
        path, form = f"/bench/tran/{meeting}/{contest}/", {}
    else:
        path, form = target, _tally_form(candidates)
    form["csrfmiddlewaretoken"] = session.cookies["csrftoken"]
    started = time.perf_counter()
    ok = False
    try:
        response = session.request("POST", path, form)
        posted = time.perf_counter()
        location = response.getheader("Location", "")
        if response.status == 302 and urllib.parse.urlsplit(location).path == target:
            page = session.request("GET", target)
            ok = page.status == 200 and EXPECTED[kind].encode() in session.body
    except OSError:
        posted = time.perf_counter()
    finished = time.perf_counter()
    with lock:
        phase.round_trips.append((finished - started) * 1000)
        phase.posts.append((posted - started) * 1000)
        if not ok:
            phase.errors += 1


def _client(session: Session, kind: str, work: list, stop_at: float | None, phase: Phase, lock) -> None:
    try:
        index = 0
        while True:
            if stop_at is None:
                if index >= len(work):
                    return
            elif time.monotonic() > stop_at:
                return
            _submit(session, kind, work[index % len(work)], phase, lock)
            index += 1
    except Exception:  # noqa: BLE001 -- a client that dies is an error, not a silence
        with lock:
            phase.errors += 1
            phase.dead += 1


def _run_phase(kind: str, sessions: list[Session], work: list, seconds: float | None = None) -> Phase:
    """Every client works through its share of ``work`` (or, for the ceiling, loops for ``seconds``)."""
    phase, lock = Phase(kind), threading.Lock()
    started = time.monotonic()
    stop_at = started + seconds if seconds else None
    threads = [
        threading.Thread(target=_client, args=(session, kind, work[i :: len(sessions)], stop_at, phase, lock))
        for i, session in enumerate(sessions)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    phase.seconds = time.monotonic() - started
    return phase


def _batches(campaign) -> list[tuple[list, list, list]]:
    """Per round, the sittings' first entries (both contests), the accepting entries (their first
    contest) and the closing ones (their second contest)."""
    by_meeting: dict[int, list] = {}
    for item in campaign.load_contests:
        by_meeting.setdefault(item[0], []).append(item)
    sittings = [sorted(items, key=lambda i: i[1]) for items in by_meeting.values() if len(items) == 2]
    needed = ROUNDS * SITTINGS_PER_ROUND
    if len(sittings) < needed:
        raise RuntimeError(f"{len(sittings)} open sittings, {needed} needed: rebuild without --keepdb")
    rounds = []
    for r in range(ROUNDS):
        batch = sittings[r * SITTINGS_PER_ROUND : (r + 1) * SITTINGS_PER_ROUND]
        rounds.append(([i for s in batch for i in s], [s[0] for s in batch], [s[1] for s in batch]))
    return rounds


def _server_env() -> dict:
    # Production settings (DEBUG off, Redis for the cache, sessions in the database), except
    # HTTPS: the load runs on plain loopback; and the URLs include the ceiling page.
    return service_env(
        {
            "DEBUG": "0",
            "SECRET_KEY": "bench-only",
            "ALLOWED_HOSTS": HOST,
            "SECURE_SSL_REDIRECT": "0",
            "DJANGO_SETTINGS_MODULE": "bench.settings",
        }
    )


def run(campaign) -> dict:
    env = _server_env()
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        env=env,
        check=True,
        cwd=os.environ.get("BENCH_APP_DIR"),
    )
    command = ["gunicorn", "wardvote.wsgi:application", "-b", f"{HOST}:{PORT}", "--log-level", "warning"]
    command += ["-w", str(WORKERS), "--threads", str(THREADS)]
    rounds = _batches(campaign)
    # BENCH_APP_DIR: serve another checkout of the app (e.g. an earlier commit) with this load.
    app_dir = os.environ.get("BENCH_APP_DIR")
    server = subprocess.Popen(
        [sys.executable, "-m", *command], env=env, stderr=subprocess.DEVNULL, cwd=app_dir
    )
    phases: list[Phase] = []
    try:
        _wait_for_port()
        first_user, second_user = campaign.team
        # Logins (password hashing) happen here, before any clock starts.
        firsts = [Session() for _ in range(CLIENTS)]
        seconds_ = [Session() for _ in range(CLIENTS)]
        for session in firsts:
            session.log_in(first_user.username, "bench-password")
        for session in seconds_:
            session.log_in(second_user.username, "bench-password")
        ceiling_work = rounds[0][0]
        _run_phase(CEILING, firsts, ceiling_work, 2.0)  # warm-up: workers import and connect
        cpu_before = time.process_time()
        wall_before = time.monotonic()
        for first_entries, accepting, closing in rounds:
            for kind, sessions, work in (
                (FIRST, firsts, first_entries),
                (ACCEPTING, seconds_, accepting),
                (CLOSING, seconds_, closing),
            ):
                phases.append(_run_phase(CEILING, firsts, ceiling_work, CEILING_SECONDS))
                phases.append(_run_phase(kind, sessions, work))
        phases.append(_run_phase(CEILING, firsts, ceiling_work, CEILING_SECONDS))
        client_cpu = (time.process_time() - cpu_before) / (time.monotonic() - wall_before)
    finally:
        server.terminate()
        server.wait(timeout=30)
    used = [contest for first_entries, _a, _c in rounds for _m, contest, _n in first_entries]
    return {"phases": phases, "client_cpu_share": client_cpu, "clients": CLIENTS, "contests": used}


def summary(load: dict) -> dict:
    """Per kind: its rate, the rate of the ceiling phases just before and after each of its
    phases, the ratio, latencies and errors."""
    phases: list[Phase] = load["phases"]
    figures = {}
    for kind in KINDS:
        tally_rates, ceiling_rates, trips, posts, errors, dead = [], [], [], [], 0, 0
        for i, phase in enumerate(phases):
            if phase.kind != kind:
                continue
            tally_rates.append(phase.rate)
            ceiling_rates.append((phases[i - 1].rate + phases[i + 1].rate) / 2)
            trips += phase.round_trips
            posts += phase.posts
            errors += phase.errors
            dead += phase.dead
        tally, ceiling = statistics.mean(tally_rates), statistics.mean(ceiling_rates)
        figures[kind] = {
            "rate": tally,
            "ceiling": ceiling,
            "ratio": tally / ceiling if ceiling else 0.0,
            "ratios": [t / c for t, c in zip(tally_rates, ceiling_rates, strict=True)],
            "submissions": len(trips),
            "p50": statistics.median(trips) if trips else 0.0,
            "p99": percentile(trips, 0.99),
            "post_p50": statistics.median(posts) if posts else 0.0,
            "errors": errors,
            "dead": dead,
        }
    ceilings = [p for p in phases if p.kind == CEILING]
    trips = [t for p in ceilings for t in p.round_trips]
    figures[CEILING] = {
        "rate": statistics.mean(p.rate for p in ceilings),
        "submissions": len(trips),
        "p50": statistics.median(trips) if trips else 0.0,
        "p99": percentile(trips, 0.99),
        "post_p50": statistics.median([t for p in ceilings for t in p.posts] or [0.0]),
        "errors": sum(p.errors for p in ceilings),
        "dead": sum(p.dead for p in ceilings),
    }
    return figures


def accepted_share(contests: list[int]) -> float:
    """The share of the contests submitted to whose count double entry accepted."""
    from elections.models import ContestResult

    return ContestResult.objects.filter(contest_id__in=contests).count() / max(len(contests), 1)
