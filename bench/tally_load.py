"""Tally submissions under concurrent load, against gunicorn on 127.0.0.1.

Pairs of clients (the two members of an election team) type the same tallies,
contest after contest, through the real form: log in, then POST to the tally page.
A submission counts as served when the app answers with its redirect (302);
anything else is an error. Bounded in time; prints the rate and p50/p99 latency.
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

from bench.documents import service_env

HOST, PORT = "127.0.0.1", 8765
PAIRS = 8  # 16 concurrent clients
DURATION = 20.0
WORKERS = int(os.environ.get("BENCH_GUNICORN_WORKERS", "4"))
THREADS = int(os.environ.get("BENCH_GUNICORN_THREADS", "1"))


class Session:
    """Just enough of a browser: cookies (whatever their Secure flag) and the CSRF token."""

    def __init__(self, port: int = PORT):
        self.cookies: dict[str, str] = {}
        self.port = port

    def request(self, method: str, path: str, form: dict | None = None) -> http.client.HTTPResponse:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
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


def _client(user, contests, latencies, errors, stop_at) -> None:
    session = Session()
    session.log_in(user.username, "bench-password")
    for meeting, contest, candidates in contests:
        if time.monotonic() > stop_at:
            return
        form = {
            "issued": 20,
            "returned": 20,
            "valid": 20,
            "invalid": 0,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        }
        form.update({f"candidate_{pk}": 16 if i == 0 else 0 for i, pk in enumerate(candidates)})
        started = time.perf_counter()
        try:
            response = session.request("POST", f"/bau-cu/hop/{meeting}/kiem-phieu/{contest}/", form)
            ok = response.status == 302
        except OSError:
            ok = False
        latencies.append((time.perf_counter() - started) * 1000)
        if not ok:
            errors.append(contest)


def run(campaign) -> dict:
    # Production settings (DEBUG off, Redis for the cache and cached sessions), except
    # HTTPS: the load runs on plain loopback.
    env = service_env(
        {
            "DEBUG": "0",
            "SECRET_KEY": "bench-only",
            "ALLOWED_HOSTS": HOST,
            "SECURE_SSL_REDIRECT": "0",
        }
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], env=env, check=True
    )
    command = ["gunicorn", "wardvote.wsgi:application", "-b", f"{HOST}:{PORT}", "--log-level", "warning"]
    command += ["-w", str(WORKERS), "--threads", str(THREADS)]
    server = subprocess.Popen([sys.executable, "-m", *command], env=env, stderr=subprocess.DEVNULL)
    try:
        _wait_for_port()
        chunks = [campaign.load_contests[i::PAIRS] for i in range(PAIRS)]
        latencies: list[float] = []
        errors: list[int] = []
        started = time.monotonic()
        cpu_before = time.process_time()
        stop_at = started + DURATION
        threads = [
            threading.Thread(target=_client, args=(user, chunk, latencies, errors, stop_at))
            for chunk in chunks
            for user in campaign.team
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        client_cpu = time.process_time() - cpu_before
    finally:
        server.terminate()
        server.wait(timeout=30)
    ordered = sorted(latencies)
    return {
        "submissions": len(latencies),
        "per_second": len(latencies) / elapsed,
        "p50": statistics.median(ordered) if ordered else 0.0,
        "p99": ordered[max(0, int(len(ordered) * 0.99) - 1)] if ordered else 0.0,
        "errors": len(errors),
        "clients": len(threads),
        # The load generator shares the machine: how much of one core it used.
        "client_cpu_share": client_cpu / elapsed,
    }


def accepted_share(campaign) -> float:
    from elections.models import ContestResult

    ids = [contest for _m, contest, _c in campaign.load_contests]
    return ContestResult.objects.filter(contest_id__in=ids).count() / max(len(ids), 1)
