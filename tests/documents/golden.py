"""Golden text: what a paper says, read back from its PDF, compared whole with a file kept in
the repository (``golden/<name>.txt``). ``WARDVOTE_UPDATE_GOLDEN=1`` rewrites the files
instead; a missing file fails otherwise (CI never creates one)."""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from pathlib import Path

import pytest

from tests.reporting.pdf import pdf_text

GOLDEN_DIR = Path(__file__).parent / "golden"
UPDATE_VARIABLE = "WARDVOTE_UPDATE_GOLDEN"


def normalise(text: str) -> str:
    """NFC, no trailing spaces, at most one blank line in a row, one final newline."""
    text = unicodedata.normalize("NFC", text)
    lines = [line.rstrip() for line in text.splitlines()]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return text.strip("\n") + "\n"


def paper_text(pdf: bytes) -> str:
    return normalise(pdf_text(pdf))


def updating() -> bool:
    return os.environ.get(UPDATE_VARIABLE) == "1"


def assert_matches_golden(name: str, pdf: bytes) -> None:
    """The paper's text equals ``golden/<name>.txt``; on a difference, the unified diff."""
    path = GOLDEN_DIR / f"{name}.txt"
    actual = paper_text(pdf)
    if updating():
        changed = not path.exists() or path.read_text(encoding="utf-8") != actual
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        # Shown with -rA / -s: the golden files written, to be read in `git diff` before a commit.
        print(f"{UPDATE_VARIABLE}=1: {'wrote' if changed else 'unchanged'} {path}")
        return
    if not path.exists():
        pytest.fail(
            f"No golden text {path}: run with {UPDATE_VARIABLE}=1, read it, and commit it.", pytrace=False
        )
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"golden/{name}.txt",
            tofile=f"{name} (rendered now)",
        )
        pytest.fail(
            f"{name}: the paper's text differs from its golden file "
            f"(if the change is intended: {UPDATE_VARIABLE}=1, then read the git diff):\n" + "".join(diff),
            pytrace=False,
        )
