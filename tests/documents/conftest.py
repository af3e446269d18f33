"""The scenario is built and every paper printed once per module, in a transaction rolled
back afterwards: the tests only read the kept papers."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from unittest import mock

import pytest
from django.db import transaction
from django.test import override_settings

from reporting.services import latest_document
from tests.documents import scenario


@dataclass(frozen=True)
class Paper:
    name: str
    kind: str
    pdf: bytes
    # What the paper was rendered from (whether it has a subject line, is a letter...).
    context: dict

    def __repr__(self) -> str:  # not the PDF's bytes in a failure's report
        return f"<Paper {self.name}: {len(self.pdf)} bytes>"


@pytest.fixture(scope="module")
def papers(django_db_setup, django_db_blocker, tmp_path_factory) -> dict[str, Paper]:
    kept: dict[str, Paper] = {}

    def keep(name: str, kind_key: str, source) -> None:
        assert name not in kept, f"two papers named {name}"
        pdf = scenario.paper(kind_key, source)
        document = latest_document(kind=kind_key, source=source)
        assert document is not None
        kept[name] = Paper(name, kind_key, pdf, document.context)

    settings = {
        "MEDIA_ROOT": tmp_path_factory.mktemp("golden-media"),
        "PUBLIC_BASE_URL": scenario.PUBLIC_BASE_URL,
        # The scenario's staff get passwords: the real hasher is slow by design.
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    }
    # Verification codes are random in use; here they are given in order ("TEST0-00001", …),
    # so the golden texts hold the very codes the papers print.
    codes = (f"TEST{n % 10}-{n:05d}" for n in itertools.count(1))
    with (
        django_db_blocker.unblock(),
        override_settings(**settings),
        mock.patch("reporting.services._unused_code", lambda: next(codes)),
        transaction.atomic(),
    ):
        scenario.build(keep)
        # Nothing of the scenario outlives the module (and no render task is ever sent:
        # on-commit callbacks are dropped with the rollback).
        transaction.set_rollback(True)
    return kept
