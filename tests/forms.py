"""What a browser sends with a create form: its one-time token."""

from __future__ import annotations

from wardvote.once import FIELD, new_token


def with_token(data: dict, prefix: str = "") -> dict:
    """``data`` as the form page would post it, with a fresh one-time token."""
    return {**data, (f"{prefix}-{FIELD}" if prefix else FIELD): new_token()}
