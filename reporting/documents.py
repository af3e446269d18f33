"""The registry of document kinds: which template, which context, for which source.

Each app registers its documents (``register(DocumentKind(...))``) from its
``AppConfig.ready``; ``reporting.services.document_request`` does the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class DocumentKind:
    key: str
    template_name: str
    # Everything the template shows, JSON-serialisable: the fingerprint is taken from it.
    build_context: Callable[[Any], dict]
    title: Callable[[Any], str]
    division: Callable[[Any], Any] = lambda source: None


_REGISTRY: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> DocumentKind:
    _REGISTRY[kind.key] = kind
    return kind


def get_kind(key: str) -> DocumentKind:
    return _REGISTRY[key]
