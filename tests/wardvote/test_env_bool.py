"""Yes/no settings read from the environment accept only words they understand.

A typo in a production switch (``DEBUG=flase``, ``SECURE_SSL_REDIRECT=of``) must stop the
start with the variable's name, not be read silently as one of the two values.
"""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from wardvote.settings import env_bool

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("value", ["1", "true", "True", "TRUE", "yes", "Yes", "on", "ON", " on "])
def test_words_for_yes_read_as_true(monkeypatch, value):
    monkeypatch.setenv("WARDVOTE_TEST_SWITCH", value)
    assert env_bool("WARDVOTE_TEST_SWITCH", False) is True


@pytest.mark.parametrize("value", ["0", "false", "False", "FALSE", "no", "No", "off", "OFF", " off "])
def test_words_for_no_read_as_false(monkeypatch, value):
    monkeypatch.setenv("WARDVOTE_TEST_SWITCH", value)
    assert env_bool("WARDVOTE_TEST_SWITCH", True) is False


@pytest.mark.parametrize("default", [True, False])
def test_an_unset_or_empty_variable_gives_the_default(monkeypatch, default):
    monkeypatch.delenv("WARDVOTE_TEST_SWITCH", raising=False)
    assert env_bool("WARDVOTE_TEST_SWITCH", default) is default
    monkeypatch.setenv("WARDVOTE_TEST_SWITCH", "")
    assert env_bool("WARDVOTE_TEST_SWITCH", default) is default


@pytest.mark.parametrize("value", ["flase", "2", "y", "enabled", "truee", "-1"])
def test_a_value_it_does_not_understand_is_refused_naming_the_variable(monkeypatch, value):
    monkeypatch.setenv("WARDVOTE_TEST_SWITCH", value)
    with pytest.raises(ImproperlyConfigured, match=r"^WARDVOTE_TEST_SWITCH="):
        env_bool("WARDVOTE_TEST_SWITCH", True)


def test_the_application_does_not_start_with_a_misspelt_debug(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "WARDVOTE_VAR_DIR": str(tmp_path), "DEBUG": "flase"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: DEBUG='flase' is not a yes/no value" in result.stderr
