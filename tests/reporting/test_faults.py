"""The task pipeline under its faults: Redis down, a worker killed mid-render, a full disk,
a PostgreSQL restart.

Each test starts its own Redis server, PostgreSQL cluster or tmpfs, and kills it: the
shared services are never touched. They run in CI's second pass (PostgreSQL for the
worker's database, root for mounting a tmpfs); elsewhere they are skipped, unless
WARDVOTE_REQUIRE_SERVICES=1, which CI sets: then they fail.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection
from django.db.models import F
from django.urls import reverse

from reporting import services, tasks
from reporting.models import DocumentStatus, ReportExport, StoredDocument
from tests.celery_worker import ROOT, require, test_database_url
from tests.forms import with_token
from tests.reporting.test_worker import _wait_until_rendered

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

QUEUE_DOWN = "Hệ thống xử lý nền đang tạm ngừng"


def _require_worker_services() -> None:
    require(
        bool(settings.REDIS_URL) and connection.vendor == "postgresql" and bool(shutil.which("redis-server")),
        "needs REDIS_URL, PostgreSQL and redis-server (CI's second pass)",
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"{what} did not happen within {timeout} s")


def _stored_files() -> list[Path]:
    return sorted(path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file())


# --- A private Redis ------------------------------------------------------------------------


@dataclass
class PrivateRedis:
    directory: Path
    port: int = field(default_factory=_free_port)
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=1)

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL,
        )
        _wait_for(self._answers, 10, "redis-server starting")

    def _answers(self) -> bool:
        try:
            return self.client().ping()
        except redis.RedisError:
            return False

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()


@pytest.fixture
def private_redis(tmp_path):
    _require_worker_services()
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    if server.process.poll() is None:
        server.kill()


@contextlib.contextmanager
def _sending_to(url: str):
    """This process's Celery app sends through ``url`` (it looks up its connection pools again)."""
    from wardvote.celery import app

    def drop_pools():
        # Only forgotten, not closed: kombu keeps one pool per broker URL for the process.
        app._pool = None
        app.amqp._producer_pool = None

    previous = app.conf.broker_url, app.conf.task_always_eager
    app.conf.broker_url, app.conf.task_always_eager = url, False
    drop_pools()
    try:
        yield app
    finally:
        app.conf.broker_url, app.conf.task_always_eager = previous
        drop_pools()


@dataclass
class Worker:
    process: subprocess.Popen
    log: Path


@pytest.fixture
def workers(tmp_path, settings):
    """Start real worker processes on the private Redis; all are stopped at the end."""
    started: list[Worker] = []

    def start(redis_url: str, name: str, app: str = "wardvote", **env) -> Worker:
        log = tmp_path / f"{name}.log"
        environment = {
            **os.environ,
            "DATABASE_URL": test_database_url(),
            "REDIS_URL": redis_url,
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            # Seconds, not minutes: a dead worker's message comes back within the test.
            "CELERY_VISIBILITY_TIMEOUT": "5",
            **env,
        }
        command = [sys.executable, "-m", "celery", "-A", app, "worker", "--pool=solo", "-n", f"{name}@%h"]
        command += ["--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"]
        with log.open("w") as output:
            process = subprocess.Popen(
                command, cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT
            )
        worker = Worker(process, log)
        started.append(worker)
        _wait_for(lambda: " ready." in log.read_text() or process.poll() is not None, 60, "a worker starting")
        assert process.poll() is None, log.read_text()
        return worker

    yield start
    for worker in started:
        if worker.process.poll() is None:
            worker.process.terminate()
            try:
                worker.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.process.kill()
                worker.process.wait()


def _two_minutes_ago(model, pk) -> None:
    """As if the beat task ran two minutes after the request (past its grace period)."""
    model.objects.filter(pk=pk).update(created_at=F("created_at") - datetime.timedelta(minutes=2))


# --- Redis down -------------------------------------------------------------------------------


def test_with_redis_down_a_document_request_answers_at_once_and_is_rendered_once_redis_is_back(
    private_redis, workers, plans, hcm_map, personas, login
):
    election = plans["ward"].elections.get(neighborhood=hcm_map.kp1)
    client = login(personas.p22_ubnd)
    url = reverse("elections:election_document", kwargs={"pk": election.pk, "kind": "decision_to_hold"})
    with _sending_to(private_redis.url):
        private_redis.kill()
        started = time.monotonic()
        response = client.post(url, follow=True)
        elapsed = time.monotonic() - started

        assert response.status_code == 200
        assert elapsed < 2, f"answered in {elapsed:.1f} s"
        page = response.content.decode()
        assert QUEUE_DOWN in page
        document = StoredDocument.objects.get(kind="decision_to_hold")
        assert (document.status, document.queued_at) == (DocumentStatus.PENDING, None)
        retry = reverse("reporting:document_retry", args=[document.pk])
        assert retry in page and "Thử lại" in page

        # "Thử lại" while Redis is still down: again an answer at once, and the same advice.
        started = time.monotonic()
        response = client.post(retry, HTTP_HX_REQUEST="true")
        assert time.monotonic() - started < 2
        assert response.status_code == 200 and retry in response.content.decode()

        # Redis is back; nobody presses anything: the beat task sends what was left pending.
        private_redis.start()
        worker = workers(private_redis.url, "after-outage")
        _two_minutes_ago(StoredDocument, document.pk)
        assert tasks.requeue_pending() == 1
        document = _wait_until_rendered(document.pk)

    assert document.status == DocumentStatus.READY, document.error
    assert "reporting.tasks.render_document[" in worker.log.read_text()
    assert _stored_files() == [Path(document.file.path)]


def test_with_redis_down_a_report_request_answers_at_once_and_is_queued_by_the_beat_task(
    private_redis, hcm_map, personas, login
):
    client = login(personas.p22_ubnd)
    with _sending_to(private_redis.url):
        private_redis.kill()
        started = time.monotonic()
        response = client.post(
            reverse("reporting:export_create", args=[hcm_map.p22.pk]),
            with_token({"format": "xlsx"}),
            follow=True,
        )
        elapsed = time.monotonic() - started

        assert response.status_code == 200
        assert elapsed < 2, f"answered in {elapsed:.1f} s"
        page = response.content.decode()
        export = ReportExport.objects.get()
        assert QUEUE_DOWN in page
        assert reverse("reporting:export_retry", args=[export.pk]) in page
        assert (export.status, export.queued_at) == (DocumentStatus.PENDING, None)

        private_redis.start()
        assert tasks.requeue_pending() == 0  # within its grace period the request may still be sending
        _two_minutes_ago(ReportExport, export.pk)
        assert tasks.requeue_pending() == 1

    queued = [json.loads(body) for body in private_redis.client().lrange("celery", 0, -1)]
    assert [(m["headers"]["task"], m["headers"]["argsrepr"]) for m in queued] == [
        ("reporting.tasks.build_export", f"({export.pk},)")
    ]
    export.refresh_from_db()
    assert export.queued_at is not None
    # Sent, and not yet long enough ago to be counted lost: not sent a second time.
    assert tasks.requeue_pending() == 0


# --- A worker killed with kill -9 mid-render --------------------------------------------------


def test_a_worker_killed_mid_render_is_replaced_within_minutes_and_one_file_is_stored(
    private_redis, workers, hcm_map, tmp_path
):
    marker = tmp_path / "stalled"
    with _sending_to(private_redis.url):
        first = workers(
            private_redis.url, "doomed", app="tests.reporting.slow_worker", WARDVOTE_STALL_MARKER=str(marker)
        )
        document = services.document_request(kind="specimen", source=hcm_map.p22)
        assert document.queued
        # The file is written, the row not yet committed: kill -9 now.
        _wait_for(marker.exists, 60, "the first worker writing the file")
        first.process.kill()
        first.process.wait()
        killed_at = time.monotonic()
        assert StoredDocument.objects.get(pk=document.pk).status == DocumentStatus.PENDING

        second = workers(private_redis.url, "survivor")
        document = _wait_until_rendered(document.pk, timeout=120)
        redelivered_after = time.monotonic() - killed_at

    assert document.status == DocumentStatus.READY, document.error
    assert "reporting.tasks.render_document[" in second.log.read_text()
    assert redelivered_after < 120
    # The file the killed worker left was replaced, not joined by a second one.
    files = _stored_files()
    assert files == [Path(document.file.path)]
    assert hashlib.sha256(files[0].read_bytes()).hexdigest() == document.sha256


# --- A full disk --------------------------------------------------------------------------------


@pytest.fixture
def tiny_disk(settings):
    """MEDIA_ROOT on a 512 KB tmpfs (mounting needs root)."""
    _require_worker_services()
    require(os.geteuid() == 0 and bool(shutil.which("mount")), "needs root to mount a tmpfs")
    mountpoint = Path(tempfile.mkdtemp(prefix="wardvote-full-disk-"))
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mountpoint)], check=True)
    settings.MEDIA_ROOT = mountpoint
    try:
        yield mountpoint
    finally:
        subprocess.run(["umount", str(mountpoint)], check=True)
        mountpoint.rmdir()


def _fill(disk: Path) -> Path:
    filler = disk / "filler"
    # Unbuffered, and the refusal suppressed around the close too: nothing is left to flush.
    with contextlib.suppress(OSError), filler.open("wb", buffering=0) as out:
        while True:
            out.write(b"\0" * 4096)
    return filler


def test_on_a_full_disk_no_truncated_file_is_left_and_the_document_says_why(
    tiny_disk, hcm_map, personas, login, settings
):
    from wardvote.celery import app

    settings.STORAGE_MIN_FREE_MB = 0  # the tmpfs is tiny by design; only "full" counts here
    client = login(personas.p22_ubnd)
    previous, app.conf.task_always_eager = app.conf.task_always_eager, True  # rendered here, on the tiny disk
    try:
        filler = _fill(tiny_disk)
        health = client.get(reverse("healthz"))
        assert health.status_code == 503
        assert health.json()["storage"] == "error: ENOSPC"

        document = services.document_request(kind="specimen", source=hcm_map.p22)
        document.refresh_from_db()
        assert document.status == DocumentStatus.FAILED
        assert "hết dung lượng lưu trữ" in document.error and "No space left on device" in document.error
        assert _stored_files() == [filler]  # no truncated PDF, no temporary file
        status = client.get(reverse("reporting:document_status", args=[document.pk])).content.decode()
        assert "Không tạo được văn bản" in status and "Thử lại" in status

        # Room again: "Thử lại" renders it, whole.
        filler.unlink()
        assert client.get(reverse("healthz")).json()["storage"] == "ok"
        client.post(reverse("reporting:document_retry", args=[document.pk]))
    finally:
        app.conf.task_always_eager = previous
    document.refresh_from_db()
    assert document.status == DocumentStatus.READY, document.error
    files = _stored_files()
    assert files == [Path(document.file.path)]
    assert hashlib.sha256(files[0].read_bytes()).hexdigest() == document.sha256


# --- A PostgreSQL restart -------------------------------------------------------------------------


def _postgres_binaries() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


@dataclass
class PrivatePostgres:
    directory: Path
    binaries: Path
    port: int = field(default_factory=_free_port)

    def run(self, *command: str) -> None:
        # initdb refuses to run as root: the cluster belongs to the postgres user.
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *command], check=True, capture_output=True, timeout=120)

    @property
    def data(self) -> str:
        return str(self.directory / "data")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def create(self) -> None:
        self.run(str(self.binaries / "initdb"), "-D", self.data, "-U", "postgres", "-A", "trust", "--no-sync")
        self.start()

    def start(self) -> None:
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.directory / "server.log")
        self.run(str(self.binaries / "pg_ctl"), "-D", self.data, "-o", options, "-l", log, "-w", "start")

    def kill(self) -> None:
        # Immediate: as a crash, the server's connections are cut without a goodbye.
        self.run(str(self.binaries / "pg_ctl"), "-D", self.data, "-m", "immediate", "-w", "stop")


@pytest.fixture
def private_postgres():
    _require_worker_services()
    binaries = _postgres_binaries()
    require(binaries is not None, "needs Debian's PostgreSQL binaries (/usr/lib/postgresql/*/bin)")
    directory = Path(tempfile.mkdtemp(prefix="wardvote-pg-"))
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
    server = PrivatePostgres(directory, binaries)
    server.create()
    yield server
    with contextlib.suppress(subprocess.CalledProcessError):
        server.kill()
    shutil.rmtree(directory, ignore_errors=True)


# A web process in miniature: one request per line read, through Django's WSGI handler, so
# that each request starts and finishes as under gunicorn (the test client skips the
# connection housekeeping done then), with connections kept between requests.
WEB_PROCESS = """
import json, sys
from wsgiref.util import setup_testing_defaults
from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
for line in sys.stdin:
    environ = {"PATH_INFO": "/healthz", "REQUEST_METHOD": "GET"}
    setup_testing_defaults(environ)
    status = []
    response = application(environ, lambda code, headers, exc_info=None: status.append(code))
    try:
        body = b"".join(response)
    finally:
        response.close()
    print(json.dumps({"code": status[0], **json.loads(body)}), flush=True)
"""


def test_after_a_postgresql_restart_the_next_request_does_not_fail(private_postgres, tmp_path):
    environment = {
        **os.environ,
        "DATABASE_URL": private_postgres.url,
        "DB_CONN_MAX_AGE": "600",
        "REDIS_URL": "",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "wardvote.settings",
    }
    web = subprocess.Popen(
        [sys.executable, "-c", WEB_PROCESS],
        cwd=ROOT,
        env=environment,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )

    def request() -> dict:
        web.stdin.write("GET\n")
        web.stdin.flush()
        return json.loads(web.stdout.readline())

    try:
        before = request()
        private_postgres.kill()
        private_postgres.start()
        after = [request() for _ in range(3)]
    finally:
        web.stdin.close()
        web.wait(timeout=30)
    assert (before["code"], before["database"]) == ("200 OK", "ok")
    # Without CONN_HEALTH_CHECKS the first of these failed on the connection the restart cut.
    assert [answer["database"] for answer in after] == ["ok", "ok", "ok"]
