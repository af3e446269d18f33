"""Configuration: production settings pass Django's deploy checks; local defaults need nothing."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
# Variables of the test run that a freshly configured process must not inherit
# (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for Playwright).
INHERITED_SETTINGS = {"DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run_manage(*args, env_overrides: dict, tmp_path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in INHERITED_SETTINGS}
    env.update({"WARDVOTE_VAR_DIR": str(tmp_path)}, **env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_the_deploy_checks(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides={
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "wardvote.example.gov.vn",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
        },
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_manage("check", env_overrides={"DEBUG": "0"}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_local_defaults_are_sqlite_under_var_and_eager_tasks(tmp_path):
    code = (
        "from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'], "
        "settings.CELERY_TASK_ALWAYS_EAGER, settings.TIME_ZONE)"
    )
    result = run_manage("shell", "--no-imports", "-c", code, env_overrides={}, tmp_path=tmp_path)
    engine, name, eager, zone = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert name == str(tmp_path / "wardvote.sqlite3")
    assert eager == "True"
    assert zone == "Asia/Ho_Chi_Minh"


def test_with_redis_url_tasks_go_to_the_broker(tmp_path):
    code = "from django.conf import settings as s; print(s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_BROKER_URL)"
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        env_overrides={"REDIS_URL": "redis://127.0.0.1:6379/3"},
        tmp_path=tmp_path,
    )
    assert result.stdout.split() == ["False", "redis://127.0.0.1:6379/3"]


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_the_whole_production_stack():
    services = compose()["services"]
    assert set(services) == {"db", "redis", "web", "worker", "beat"}
    assert services["db"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")
    assert services["web"]["command"] == ["web"]
    assert services["worker"]["command"] == ["worker"]
    assert services["beat"]["command"] == ["beat"]
    for name, service in services.items():
        assert "healthcheck" in service, name


def test_compose_keeps_the_database_and_the_documents_in_volumes():
    spec = compose()
    assert {"pgdata", "documents"} <= set(spec["volumes"])
    assert "pgdata:/var/lib/postgresql/data" in spec["services"]["db"]["volumes"]
    for name in ("web", "worker", "beat"):
        assert "documents:/data/documents" in spec["services"][name]["volumes"]
        assert spec["services"][name]["environment"]["MEDIA_ROOT"] == "/data/documents"


def test_the_image_entrypoint_migrates_then_serves_with_gunicorn_and_runs_celery():
    entrypoint = (ROOT / "docker" / "entrypoint.sh").read_text()
    web = entrypoint.split("web)")[1].split(";;")[0]
    assert web.index("migrate --noinput") < web.index("gunicorn wardvote.wsgi:application")
    assert "celery -A wardvote worker" in entrypoint
    assert "celery -A wardvote beat" in entrypoint
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "libharfbuzz-subset0" in dockerfile
    assert "collectstatic --noinput" in dockerfile
    assert "requirements.lock" in dockerfile
