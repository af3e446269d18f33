"""Drafting and issuing a paper in a test, as the ward does: draft, sign, render, read back."""

from __future__ import annotations

import unicodedata

from reporting.models import DocumentStatus, StoredDocument
from reporting.services import document_issue, document_request
from tests.reporting.pdf import pdf_text


def draft(kind, source, capture) -> StoredDocument:
    with capture(execute=True):
        document = document_request(kind=kind, source=source)
    document.refresh_from_db()
    assert document.status == DocumentStatus.READY, document.error
    return document


def issue(kind, source, capture, *, by, signed_on, signer=None, slot_signers=None) -> StoredDocument:
    paper = draft(kind, source, capture)
    with capture(execute=True):
        issued = document_issue(
            document=paper, by=by, signed_on=signed_on, signer=signer, slot_signers=slot_signers
        )
    issued.refresh_from_db()
    assert issued.status == DocumentStatus.READY, issued.error
    return issued


def text_of(document: StoredDocument) -> str:
    """The paper's text as a reader sees it; lines joined with single spaces."""
    with document.file.open("rb") as pdf:
        return " ".join(unicodedata.normalize("NFC", pdf_text(pdf.read())).split())
