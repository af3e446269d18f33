"""The registry of document kinds: which template, which context, for which source.

Each app registers its documents (``register(DocumentKind(...))``) from its
``AppConfig.ready``; ``reporting.services.document_request`` does the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reporting.issuing import IssuerOf
from wardvote import access


@dataclass(frozen=True)
class DocumentKind:
    key: str
    template_name: str
    # Everything the template shows, JSON-serialisable: the fingerprint is taken from it.
    build_context: Callable[[Any], dict]
    title: Callable[[Any], str]
    division: Callable[[Any], Any] = lambda source: None
    # Who issues the paper (reporting.issuing); None for a form that is printed, never issued
    # (a ballot paper): it has no draft mark, no number, no signature and no verification code.
    issuer: IssuerOf | None = None
    # The record whose issued paper a correction of ``source`` replaces (a decision's
    # ``supersedes``); a new version of the same source replaces that source's paper anyway.
    replaced_source: Callable[[Any], Any] | None = None
    # What a reader needs in the paper's division: a paper that lists households' names and
    # addresses (the invitations for every door) asks for READ_PERSONAL_DATA.
    capability: str = access.READ


_REGISTRY: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> DocumentKind:
    _REGISTRY[kind.key] = kind
    return kind


def get_kind(key: str) -> DocumentKind:
    return _REGISTRY[key]


def reading_capability(key: str) -> str:
    """What reading a stored paper of ``key`` needs (READ for a kind no longer registered)."""
    kind = _REGISTRY.get(key)
    return kind.capability if kind is not None else access.READ
