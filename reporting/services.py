"""Rendering documents to PDF in the national administrative format (ND30)."""

from __future__ import annotations

import functools
import hashlib
import json
import logging

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from reporting import queue
from reporting.documents import get_kind
from reporting.fetcher import FONT_DIR, AppFilesFetcher
from reporting.models import DocumentStatus, IssuedNumber, NumberCounter, StoredDocument, private_file_name
from reporting.storage import save_atomically
from reporting.vietnamese import document_number as written_number

logger = logging.getLogger(__name__)


def render_pdf(template_name: str, context: dict) -> bytes:
    """The one place that calls WeasyPrint: a template, rendered to PDF bytes."""
    html = render_to_string(template_name, {**context, "font_dir": FONT_DIR.as_uri()})
    return html_to_pdf(html)


def html_to_pdf(html: str) -> bytes:
    document = HTML(string=html, base_url=str(FONT_DIR), url_fetcher=AppFilesFetcher())
    return document.write_pdf(font_config=FontConfiguration())


def fingerprint(context: dict) -> str:
    canonical = json.dumps(context, sort_keys=True, ensure_ascii=False, cls=DjangoJSONEncoder)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _json_ready(context: dict) -> dict:
    return json.loads(json.dumps(context, cls=DjangoJSONEncoder))


@transaction.atomic
def document_request(*, kind: str, source, user=None) -> StoredDocument:
    """The document of ``kind`` for ``source``, rendered once per version of its content.

    Unchanged content returns the document already stored; changed content makes
    a new one (the old stays), rendered by a Celery task after the commit. Once sent,
    ``document.queued`` says whether the broker took the task (False: it was down, the
    document stays pending and is sent again later).
    """
    spec = get_kind(kind)
    context = _json_ready(spec.build_context(source))
    digest = fingerprint(context)
    source_type = ContentType.objects.get_for_model(source)
    document, created = StoredDocument.objects.get_or_create(
        kind=kind,
        source_type=source_type,
        source_id=str(source.pk),
        source_fingerprint=digest,
        defaults={
            "title": spec.title(source),
            "template_name": spec.template_name,
            "context": context,
            "division": spec.division(source),
            "created_by": user,
        },
    )
    document.queued = None
    if created or document.status == DocumentStatus.FAILED:
        _enqueue_render(document)
    return document


def _enqueue_render(document: StoredDocument) -> None:
    def send():
        document.queued = queue.send(queue.RENDER_DOCUMENT, document)

    transaction.on_commit(send)


def document_retry(*, document: StoredDocument) -> StoredDocument:
    """On "Thử lại": a failed document, or one whose task never reached a worker, is sent again."""
    document.queued = None
    with transaction.atomic():
        reset = StoredDocument.objects.filter(pk=document.pk, status=DocumentStatus.FAILED).update(
            status=DocumentStatus.PENDING, error=""
        )
        if reset or document.status == DocumentStatus.PENDING:
            _enqueue_render(document)
    document.refresh_from_db()
    return document


def requeue_stale_documents() -> int:
    """Beat: send again every document left pending (the broker was down, or its task was lost)."""
    return queue.send_all(queue.RENDER_DOCUMENT, queue.stale(StoredDocument.objects))


def latest_document(*, kind: str, source) -> StoredDocument | None:
    return (
        StoredDocument.objects.filter(
            kind=kind, source_type=ContentType.objects.get_for_model(source), source_id=str(source.pk)
        )
        .order_by("-created_at", "-pk")
        .first()
    )


@transaction.atomic
def document_render(document_id: int) -> StoredDocument:
    """Render a stored document's PDF. Idempotent: a ready document is left alone."""
    document = StoredDocument.objects.select_for_update().get(pk=document_id)
    if document.status == DocumentStatus.READY and document.file:
        return document
    pdf = render_pdf(document.template_name, document.context)
    document.sha256 = hashlib.sha256(pdf).hexdigest()
    # One name per document: a render run again after a killed worker replaces the file
    # that run left, instead of storing a second one.
    save_atomically(document.file, private_file_name(document.kind, document, "pdf"), pdf)
    document.status = DocumentStatus.READY
    document.error = ""
    document.rendered_at = timezone.now()
    document.save()
    return document


def document_mark_failed(document_id: int, error: str) -> None:
    StoredDocument.objects.filter(pk=document_id).update(status=DocumentStatus.FAILED, error=error[:2000])


@functools.cache
def pdf_health() -> str:
    """Render a one-line document once per process: "ok", or the error."""
    try:
        pdf = render_pdf("documents/health.html", {})
    except Exception as exc:  # noqa: BLE001 - reported by /healthz, not raised
        logger.exception("PDF rendering is broken")
        return f"error: {exc.__class__.__name__}"
    return "ok" if pdf.startswith(b"%PDF") else "error: not a PDF"


@transaction.atomic
def document_number(*, kind: str, source, issuer: str, symbol: str, year: int) -> str:
    """The ND30 number of a document ("05/QĐ-UBND"): the next of its issuer's year, kept once given."""
    source_type = ContentType.objects.get_for_model(source)
    # The counter is locked before the source's number is looked up, so two requests for
    # the same document wait for each other and the second finds the first one's number.
    counter = _locked_counter(issuer=issuer, year=year)
    existing = IssuedNumber.objects.filter(
        kind=kind, source_type=source_type, source_id=str(source.pk)
    ).first()
    if existing is None:
        counter.last += 1
        counter.save(update_fields=["last"])
        existing = IssuedNumber.objects.create(
            issuer=issuer,
            year=year,
            sequence=counter.last,
            symbol=symbol,
            kind=kind,
            source_type=source_type,
            source_id=str(source.pk),
        )
    return written_number(existing.sequence, existing.symbol)


def _locked_counter(*, issuer: str, year: int):
    """The issuer's counter of the year, locked until the transaction ends; created race-free."""
    counter = NumberCounter.objects.select_for_update().filter(issuer=issuer, year=year).first()
    if counter is None:
        # INSERT ... ON CONFLICT DO NOTHING: when two first documents of the year meet here,
        # one row is made and the other insert waits for it, then does nothing. It starts
        # after the numbers given before counters existed.
        given = IssuedNumber.objects.filter(issuer=issuer, year=year).aggregate(Max("sequence"))
        start = NumberCounter(issuer=issuer, year=year, last=given["sequence__max"] or 0)
        NumberCounter.objects.bulk_create([start], ignore_conflicts=True)
        counter = NumberCounter.objects.select_for_update().get(issuer=issuer, year=year)
    return counter
