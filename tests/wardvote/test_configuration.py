"""Configuration and production packaging.

Production settings pass Django's deploy checks, local defaults need nothing, and
docker-compose.yml, the Dockerfile, docker/entrypoint.sh, .env.example and the README
agree with each other and with wardvote/settings.py. No Docker engine runs here: the
compose file is parsed, and the environment it gives the containers is loaded into
a real Django process.
"""

import json
import os
import re
import secrets
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import yaml
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
# Variables of the test run that a freshly configured process must not inherit
# (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for Playwright).
INHERITED_SETTINGS = {
    "DATABASE_URL",
    "REDIS_URL",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "PUBLIC_BASE_URL",
    "MEDIA_ROOT",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}
PUBLIC_HOST = "wardvote.example.gov.vn"


def clean_env(tmp_path, **overrides) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in INHERITED_SETTINGS}
    env["WARDVOTE_VAR_DIR"] = str(tmp_path)
    # Console scripts of the virtualenv (celery, gunicorn) first, as in the image.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.update(overrides)
    return env


def run_manage(*args, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )


def run_manage_env(*args, env_overrides: dict, tmp_path) -> subprocess.CompletedProcess:
    return run_manage(*args, env=clean_env(tmp_path, **env_overrides))


# --- settings.py --------------------------------------------------------------------


def test_production_settings_pass_the_deploy_checks(tmp_path):
    result = run_manage_env(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides={
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": PUBLIC_HOST,
            "PUBLIC_BASE_URL": f"https://{PUBLIC_HOST}",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
        },
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_manage_env("check", env_overrides={"DEBUG": "0"}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off." in result.stderr


def test_local_defaults_are_sqlite_under_var_and_eager_tasks(tmp_path):
    code = (
        "from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'], "
        "settings.CELERY_TASK_ALWAYS_EAGER, settings.TIME_ZONE, settings.DEBUG)"
    )
    result = run_manage_env("shell", "--no-imports", "-c", code, env_overrides={}, tmp_path=tmp_path)
    engine, name, eager, zone, debug = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert name == str(tmp_path / "wardvote.sqlite3")
    assert eager == "True"
    assert zone == "Asia/Ho_Chi_Minh"
    assert debug == "True"


def test_without_a_var_dir_the_sqlite_file_is_in_the_git_ignored_var_folder(tmp_path):
    env = clean_env(tmp_path)
    del env["WARDVOTE_VAR_DIR"]
    code = "from django.conf import settings; print(settings.DATABASES['default']['NAME'])"
    result = run_manage("shell", "--no-imports", "-c", code, env=env)
    assert result.stdout.strip() == str(ROOT / "var" / "wardvote.sqlite3")
    ignored = (ROOT / ".gitignore").read_text().splitlines()
    assert "var/*" in ignored


def test_with_redis_url_tasks_go_to_the_broker(tmp_path):
    code = "from django.conf import settings as s; print(s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_BROKER_URL)"
    result = run_manage_env(
        "shell",
        "--no-imports",
        "-c",
        code,
        env_overrides={"REDIS_URL": "redis://127.0.0.1:6379/3"},
        tmp_path=tmp_path,
    )
    assert result.stdout.split() == ["False", "redis://127.0.0.1:6379/3"]


# --- docker-compose.yml, .env.example ----------------------------------------------------


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def env_example() -> dict[str, str]:
    """The variables .env.example sets (NAME=value lines), as docker compose reads them."""
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        match = re.fullmatch(r"([A-Z_][A-Z0-9_]*)=(.*)", line.strip())
        if match:
            values[match[1]] = match[2]
    return values


COMPOSE_VARIABLE = re.compile(r"\$\$|\$\{(?P<name>\w+)(?:(?P<op>:[-?])(?P<arg>[^}]*))?\}")


def interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's ${NAME}, ${NAME:-default}, ${NAME:?error} and $$, as `docker compose` expands them."""

    def expand(match: re.Match) -> str:
        if match[0] == "$$":
            return "$"
        current = env.get(match["name"], "")
        if match["op"] == ":?" and not current:
            raise LookupError(f"{match['name']}: {match['arg']}")
        if match["op"] == ":-":
            return current or match["arg"]
        return current

    return COMPOSE_VARIABLE.sub(expand, value)


def variables_read_by_settings() -> set[str]:
    source = (ROOT / "wardvote" / "settings.py").read_text()
    names = set(re.findall(r'env_(?:str|int|bool|list)\(\s*"(\w+)"', source))
    names |= set(re.findall(r'os\.environ\.get\(\s*"(\w+)"', source))
    return names


def test_settings_read_the_variables_this_test_knows_about():
    # A guard for the tests below: the regular expressions above do find the settings' variables.
    assert {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "TIME_ZONE"} <= (
        variables_read_by_settings()
    )


def test_env_example_names_every_variable_and_commits_no_secret():
    text = (ROOT / ".env.example").read_text()
    documented = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))
    used_by_compose = {
        m["name"] for m in COMPOSE_VARIABLE.finditer((ROOT / "docker-compose.yml").read_text())
    }
    used_by_compose.discard(None)
    missing = (variables_read_by_settings() | used_by_compose | {"PORT"}) - documented
    assert not missing, f".env.example does not mention {sorted(missing)}"
    values = env_example()
    assert values["SECRET_KEY"] == ""
    assert values["POSTGRES_PASSWORD"] == ""
    assert values["DEBUG"] == "0"


def test_readme_configuration_table_lists_every_variable():
    readme = (ROOT / "README.md").read_text()
    table = set(re.findall(r"^\| `([A-Z][A-Z0-9_]*)` \|", readme, flags=re.MULTILINE))
    missing = (variables_read_by_settings() | {"PORT"}) - table
    assert not missing, f"the README's configuration table lacks {sorted(missing)}"


def test_compose_runs_the_whole_production_stack():
    services = compose()["services"]
    assert set(services) == {"db", "redis", "web", "worker", "beat"}
    assert services["db"]["image"].startswith("postgres:15")
    assert services["redis"]["image"].startswith("redis:7")
    for name in ("web", "worker", "beat"):
        assert services[name]["build"] == "."
        assert services[name]["environment"]["DEBUG"] == "0"
    # The image's entrypoint (docker/entrypoint.sh) turns each word into its process.
    assert services["web"]["command"] == ["web"]
    assert services["worker"]["command"] == ["worker"]
    assert services["beat"]["command"] == ["beat"]
    assert services["web"]["ports"] == ["8000:8000"]


def test_every_service_has_a_health_check_and_waits_for_what_it_needs():
    services = compose()["services"]
    for name, service in services.items():
        assert service["healthcheck"]["test"][0] in ("CMD", "CMD-SHELL"), name
    assert "pg_isready" in services["db"]["healthcheck"]["test"][1]
    assert services["redis"]["healthcheck"]["test"][1:] == ["redis-cli", "ping"]
    web_check = " ".join(services["web"]["healthcheck"]["test"])
    assert "urllib.request.urlopen('http://localhost:8000/healthz'" in web_check
    assert "celery -A wardvote inspect ping" in services["worker"]["healthcheck"]["test"][1]
    assert "/tmp/celerybeat-schedule" in services["beat"]["healthcheck"]["test"][1]
    for name in ("web", "worker", "beat"):
        depends = services[name]["depends_on"]
        assert depends["db"] == {"condition": "service_healthy"}, name
        assert depends["redis"] == {"condition": "service_healthy"}, name
    # Tasks touch the tables: the Celery processes start after web has migrated.
    for name in ("worker", "beat"):
        assert services[name]["depends_on"]["web"] == {"condition": "service_healthy"}, name


def test_compose_keeps_the_database_and_the_documents_in_volumes():
    spec = compose()
    assert {"pgdata", "documents"} <= set(spec["volumes"])
    assert "pgdata:/var/lib/postgresql/data" in spec["services"]["db"]["volumes"]
    for name in ("web", "worker", "beat"):
        assert "documents:/data/documents" in spec["services"][name]["volumes"]
        assert spec["services"][name]["environment"]["MEDIA_ROOT"] == "/data/documents"


def test_compose_has_no_default_for_any_secret():
    services = compose()["services"]
    app_env = services["web"]["environment"]
    assert re.fullmatch(r"\$\{SECRET_KEY:\?[^}]+\}", app_env["SECRET_KEY"])
    assert "${POSTGRES_PASSWORD:?" in app_env["DATABASE_URL"]
    assert re.fullmatch(
        r"\$\{POSTGRES_PASSWORD:\?[^}]+\}", services["db"]["environment"]["POSTGRES_PASSWORD"]
    )
    with pytest.raises(LookupError, match="SECRET_KEY"):
        interpolate(app_env["SECRET_KEY"], env_example())


def compose_app_environment(tmp_path) -> dict[str, str]:
    """What the web container's Django sees: compose's environment filled from .env.example.

    The secrets are generated, as the operator would; the database and the broker are
    swapped for ones that exist here (SQLite, tasks in-process).
    """
    values = {
        **env_example(),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "POSTGRES_PASSWORD": "pw" + uuid.uuid4().hex,
    }
    app_env = {
        name: interpolate(str(value), values)
        for name, value in compose()["services"]["web"]["environment"].items()
    }
    assert app_env["DATABASE_URL"] == f"postgres://wardvote:{values['POSTGRES_PASSWORD']}@db:5432/wardvote"
    assert app_env["REDIS_URL"] == "redis://redis:6379/0"
    del app_env["REDIS_URL"]
    app_env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'compose.sqlite3'}"
    app_env["MEDIA_ROOT"] = str(tmp_path / "documents")
    return app_env


def test_the_compose_environment_passes_the_deploy_checks(tmp_path):
    result = run_manage_env(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides=compose_app_environment(tmp_path),
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr


SMOKE = """
import json, re
from django.test import Client

client = Client()
out = {}
response = client.get(HEALTH_PATH, HTTP_HOST=HEALTH_HOST)
out["health"] = [response.status_code, response.content.decode()]
response = client.get("/dang-nhap/", HTTP_HOST=PUBLIC_HOST)
out["plain_http"] = [response.status_code, response.get("Location")]
response = client.get("/dang-nhap/", HTTP_HOST=PUBLIC_HOST, secure=True)
out["login"] = [response.status_code, response.get("Strict-Transport-Security")]
css = re.search(r'href="(/static/[^"]+[.]css)"', response.content.decode())[1]
out["css"] = [css, client.get(css, HTTP_HOST=PUBLIC_HOST, secure=True).status_code]
out["unknown_host"] = client.get("/healthz", HTTP_HOST="evil.example.com").status_code
out["not_found"] = client.get("/khong-co-trang-nay/", HTTP_HOST=PUBLIC_HOST, secure=True).status_code
print(json.dumps(out))
"""


def test_the_compose_web_container_serves_health_pages_and_static_files(tmp_path):
    """The image's build step (collectstatic), then the container's first requests."""
    env = clean_env(tmp_path, **compose_app_environment(tmp_path))
    health_url = re.search(
        r"urlopen\('([^']+)'", " ".join(compose()["services"]["web"]["healthcheck"]["test"])
    )[1]
    health = urlsplit(health_url)
    for step in (["collectstatic", "--noinput", "-v0"], ["migrate", "--noinput", "-v0"]):
        result = run_manage(*step, env=env)
        assert result.returncode == 0, result.stdout + result.stderr
    code = (
        f"HEALTH_PATH = {health.path!r}\nHEALTH_HOST = {health.netloc!r}\nPUBLIC_HOST = {PUBLIC_HOST!r}\n"
        + SMOKE
    )
    result = run_manage("shell", "--no-imports", "-c", code, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])

    # The health check over plain HTTP to localhost: not redirected, not refused, healthy.
    status, body = out["health"]
    assert status == 200, body
    assert json.loads(body) == {
        "status": "ok",
        "database": "ok",
        "broker": "eager",
        "pdf": "ok",
        "storage": "ok",
    }
    # Everything else over plain HTTP goes to HTTPS.
    assert out["plain_http"] == [301, f"https://{PUBLIC_HOST}/dang-nhap/"]
    assert out["login"] == [200, "max-age=31536000; includeSubDomains; preload"]
    # WhiteNoise serves the hashed names written by collectstatic.
    css, css_status = out["css"]
    assert re.search(r"\.[0-9a-f]{12}\.css$", css), css
    assert css_status == 200
    assert out["unknown_host"] == 400
    assert out["not_found"] == 404


# --- Dockerfile, docker/entrypoint.sh -------------------------------------------------------


def test_the_image_entrypoint_migrates_then_serves_with_gunicorn_and_runs_celery():
    entrypoint_path = ROOT / "docker" / "entrypoint.sh"
    assert os.access(entrypoint_path, os.X_OK)
    entrypoint = entrypoint_path.read_text()
    assert entrypoint.startswith("#!/bin/sh\n")
    assert "set -e\n" in entrypoint  # a failed migration stops the container instead of serving
    web = entrypoint.split("  web)")[1].split(";;")[0]
    assert web.index("python manage.py migrate --noinput") < web.index(
        "exec gunicorn wardvote.wsgi:application"
    )
    assert "--bind 0.0.0.0:8000" in web
    assert '--workers "${GUNICORN_WORKERS:-3}"' in web
    worker = entrypoint.split("  worker)")[1].split(";;")[0]
    assert "exec celery -A wardvote worker" in worker
    assert '--hostname "celery@${HOSTNAME:-%h}"' in worker
    beat = entrypoint.split("  beat)")[1].split(";;")[0]
    assert "exec celery -A wardvote beat --loglevel INFO --schedule /tmp/celerybeat-schedule" in beat


def test_the_dockerfile_builds_a_slim_non_root_image_with_weasyprint_and_static_files():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.splitlines()[1] == "FROM python:3.11-slim-bookworm"
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"):
        assert package in dockerfile
    assert "RUN pip install -r requirements.lock" in dockerfile
    # The build-time key lives in the one RUN that needs it, never in the image's environment.
    assert re.search(r"RUN DEBUG=0 SECRET_KEY=\S+ python manage.py collectstatic --noinput", dockerfile)
    assert not re.search(r"^ENV[^\n]*SECRET_KEY", dockerfile, flags=re.MULTILINE)
    assert re.search(r"^USER wardvote$", dockerfile, flags=re.MULTILINE)
    assert 'ENTRYPOINT ["/app/docker/entrypoint.sh"]' in dockerfile
    ignored = (ROOT / ".dockerignore").read_text().splitlines()
    assert {".git", ".venv", "var", ".env"} <= set(ignored)


# --- the worker's health check against a real worker (CI's second pass) --------------------


def run_healthcheck(command: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["sh", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.services
def test_the_worker_health_check_answers_while_the_worker_runs_and_fails_once_it_stops(tmp_path):
    if not settings.REDIS_URL:
        if os.environ.get("WARDVOTE_REQUIRE_SERVICES") == "1":
            pytest.fail("The services tests must run here: needs REDIS_URL")
        pytest.skip("needs REDIS_URL (CI's second pass)")
    # A Redis database of its own: this worker takes no task meant for another test's worker.
    broker = urlunsplit(urlsplit(settings.REDIS_URL)._replace(path="/15"))
    env = clean_env(
        tmp_path,
        REDIS_URL=broker,
        DATABASE_URL=f"sqlite:///{tmp_path / 'worker.sqlite3'}",
        HOSTNAME=f"wardvote-test-{uuid.uuid4().hex[:8]}",
        CELERY_CONCURRENCY="1",
    )
    check = compose()["services"]["worker"]["healthcheck"]["test"][1].replace("$$", "$")
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen(
        ["docker/entrypoint.sh", "worker"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            result = run_healthcheck(check, env)
            if result.returncode == 0:
                break
            assert worker.poll() is None, (tmp_path / "worker.log").read_text()
            assert time.monotonic() < deadline, result.stdout + result.stderr
            time.sleep(1)
        assert f"celery@{env['HOSTNAME']}: OK" in result.stdout
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        log.close()
    result = run_healthcheck(check, env)
    assert result.returncode != 0
    assert "No nodes replied" in result.stdout + result.stderr


FORWARDED_PROTO = """
import json
from django.test import Client

client = Client()
out = {}
for name, address in (("client", "203.0.113.7"), ("proxy", "10.0.0.2")):
    response = client.get(
        "/api/progress/P22.json", HTTP_HOST=PUBLIC_HOST, REMOTE_ADDR=address, HTTP_X_FORWARDED_PROTO="https"
    )
    out[name] = [response.status_code, response.get("Location")]
print(json.dumps(out))
"""


def test_x_forwarded_proto_is_believed_only_from_a_trusted_proxy(tmp_path):
    """A client talking plain HTTP to the app that claims HTTPS is still sent to HTTPS."""
    env = clean_env(
        tmp_path,
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS=PUBLIC_HOST,
        DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}",
        TRUSTED_PROXIES="10.0.0.0/24",
    )
    code = f"PUBLIC_HOST = {PUBLIC_HOST!r}\n" + FORWARDED_PROTO
    result = run_manage("shell", "--no-imports", "-c", code, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    # The header is removed: request.is_secure() is False and the redirect to HTTPS applies.
    assert out["client"] == [301, f"https://{PUBLIC_HOST}/api/progress/P22.json"]
    # The proxy's header is believed: the request counts as HTTPS and goes on to the login.
    assert out["proxy"] == [302, "/dang-nhap/?next=/api/progress/P22.json"]
