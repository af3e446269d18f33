"""Every model change ships with its migration.

``makemigrations --check`` exits 1 when the models differ from what the migrations
build, so a model edited without ``makemigrations`` fails the suite rather than a deploy.
"""

import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


def makemigrations_check() -> str | None:
    """None when the migrations match the models, else what makemigrations would write."""
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:
        return out.getvalue()
    return None


@pytest.mark.django_db
def test_every_model_change_has_a_migration():
    missing = makemigrations_check()
    assert missing is None, f"models changed without a migration (run makemigrations):\n{missing}"


ADD_A_FIELD = """
import django
django.setup()
from django.db import models
from neighborhoods.models import Household
models.CharField(max_length=20, blank=True).contribute_to_class(Household, "nickname")
from tests.wardvote.test_migrations import makemigrations_check
print(makemigrations_check())
"""


def test_the_check_catches_a_field_added_without_a_migration(tmp_path):
    # In a process of its own: the model class changed here must not leak into other tests.
    env = {
        "PATH": "/usr/bin:/bin",
        "WARDVOTE_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "wardvote.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", ADD_A_FIELD], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, result.stderr
    assert "Add field nickname to household" in result.stdout
