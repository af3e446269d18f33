"""The public address printed as a QR code on notices is one the public can reach.

With DEBUG off, Django's system checks (run by ``check``, ``migrate`` and ``runserver``)
refuse a PUBLIC_BASE_URL that is not https or whose host the site does not answer for;
under ``make run`` the address follows the port the server is started on.
"""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import run_checks

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_HOST = "wardvote.example.gov.vn"


def wardvote_errors() -> list[str]:
    return sorted(message.id for message in run_checks() if message.id.startswith("wardvote."))


def production(settings, url: str, hosts: list[str]) -> None:
    settings.DEBUG = False
    settings.PUBLIC_BASE_URL = url
    settings.ALLOWED_HOSTS = hosts


def test_an_https_address_on_an_allowed_host_passes(settings):
    production(settings, f"https://{PUBLIC_HOST}", ["localhost", PUBLIC_HOST])
    assert wardvote_errors() == []


def test_a_host_allowed_through_its_parent_domain_passes(settings):
    production(settings, f"https://{PUBLIC_HOST}:8443", [".example.gov.vn"])
    assert wardvote_errors() == []


def test_a_plain_http_address_is_refused_in_production(settings):
    production(settings, f"http://{PUBLIC_HOST}", [PUBLIC_HOST])
    assert wardvote_errors() == ["wardvote.E001"]


def test_an_address_on_a_host_the_site_does_not_answer_for_is_refused(settings):
    production(settings, "https://wardvote.example.com", [PUBLIC_HOST])
    assert wardvote_errors() == ["wardvote.E002"]


def test_an_address_without_a_host_is_refused(settings):
    production(settings, "https://", [PUBLIC_HOST])
    assert wardvote_errors() == ["wardvote.E002"]


def test_the_local_default_address_is_fine_while_debugging(settings):
    settings.DEBUG = True
    settings.PUBLIC_BASE_URL = "http://127.0.0.1:8000"
    settings.ALLOWED_HOSTS = ["localhost"]
    assert wardvote_errors() == []


def test_production_does_not_start_with_the_local_default_address(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "WARDVOTE_VAR_DIR": str(tmp_path),
        "DEBUG": "0",
        "SECRET_KEY": "k" * 60,
        "ALLOWED_HOSTS": PUBLIC_HOST,
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )
    assert result.returncode != 0
    assert "(wardvote.E001) PUBLIC_BASE_URL is 'http://127.0.0.1:8000'" in result.stderr
    assert "(wardvote.E002) The host of PUBLIC_BASE_URL (127.0.0.1) is not in ALLOWED_HOSTS" in result.stderr


# --- make run -----------------------------------------------------------------------


@pytest.fixture
def fake_python(tmp_path) -> Path:
    """A stand-in for the virtualenv's python that prints the address it was given."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "python"
    script.write_text('#!/bin/sh\necho "$PUBLIC_BASE_URL $*"\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return bin_dir


def make_run(bin_dir: Path, *args: str, target: str = "run", **env: str) -> list[str]:
    # -o skips installing packages and seeding: only the run recipe's commands execute.
    environment = {k: v for k, v in os.environ.items() if k not in {"PUBLIC_BASE_URL", "MAKEFLAGS"}}
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-s",
            "-o",
            "sysdeps",
            "-o",
            "demo",
            target,
            f"BIN={bin_dir}",
            f"SECRET_KEY_FILE={bin_dir.parent / 'secret_key'}",  # never the repository's own key
            *args,
        ],
        cwd=ROOT,
        env={**environment, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_make_run_serves_like_production_and_prints_a_qr_address_on_its_port(fake_python, tmp_path):
    lines = make_run(fake_python, "PORT=8123")
    assert lines[0] == "http://127.0.0.1:8123 manage.py seed_demo --print-logins"
    assert lines[1] == "http://127.0.0.1:8123 manage.py collectstatic --noinput -v0"
    assert lines[2].startswith("http://127.0.0.1:8123 -m gunicorn wardvote.wsgi --bind 127.0.0.1:8123")


def test_make_dev_serves_with_auto_reload(fake_python):
    lines = make_run(fake_python, "PORT=8123", target="dev")
    assert lines[-1] == "http://127.0.0.1:8123 manage.py runserver 127.0.0.1:8123"


def test_make_run_keeps_an_address_the_operator_set(fake_python):
    lines = make_run(fake_python, "PORT=8123", PUBLIC_BASE_URL="https://demo.example.vn")
    assert lines[-1].startswith("https://demo.example.vn -m gunicorn")


def _local_production(settings, hosts: list[str]) -> None:
    production(settings, "http://127.0.0.1:8000", hosts)
    settings.LOCAL_HTTP = True


def test_make_runs_local_http_passes_the_checks_on_this_machine_only(settings):
    _local_production(settings, ["127.0.0.1", "localhost"])
    assert wardvote_errors() == []
    _local_production(settings, ["127.0.0.1", PUBLIC_HOST])
    assert wardvote_errors() == ["wardvote.E003"]


def test_make_runs_settings_start_without_debug_and_with_cookies_sent_over_http(tmp_path):
    """The settings `make run` starts gunicorn with: DEBUG off, the checks pass, http cookies."""
    env = {
        "PATH": "/usr/bin:/bin",
        "WARDVOTE_VAR_DIR": str(tmp_path),
        "DEBUG": "0",
        "LOCAL_HTTP": "1",
        "SECRET_KEY": "k" * 60,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PUBLIC_BASE_URL": "http://127.0.0.1:8123",
    }
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "from django.core.management import call_command; call_command('check'); "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "wardvote.settings", "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-4:] == ["False", "False", "False", "False"]
