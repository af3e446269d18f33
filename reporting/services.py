"""Rendering documents to PDF in the national administrative format (ND30)."""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
import logging
import secrets

import segno
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Max, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from weasyprint import HTML

from elections import rules
from elections.selectors.practice import is_practice, plan_of
from neighborhoods.models import Level
from reporting import printing, queue
from reporting.documents import DocumentKind, get_kind
from reporting.fetcher import FONT_DIR, AppFilesFetcher
from reporting.issuing import (
    REPLACED_PAPER,
    Issuer,
    IssuerOf,
    OfficeBody,
    Position,
    enacting_line,
    signature_lines,
)
from reporting.models import (
    DocumentState,
    DocumentStatus,
    IssuedNumber,
    NumberCounter,
    OfficeHolder,
    StoredDocument,
    private_file_name,
)
from reporting.selectors import signers_for, slot_holders
from reporting.storage import save_atomically
from reporting.vietnamese import NBSP, keep_percentages_together, map_words, place_and_date
from reporting.vietnamese import document_number as written_number

# Where a draft leaves a part of a date or a number for the issued paper to fill in.
DOTS = "……"
# A practice copy's paper takes no number of its issuer: it says "Số: TH-……/QĐ-UBND".
PRACTICE_NUMBER = "TH-" + DOTS

logger = logging.getLogger(__name__)


def render_pdf(template_name: str, context: dict) -> bytes:
    """The one place that calls WeasyPrint: a template, rendered to PDF bytes."""
    html = render_to_string(template_name, {**context, "font_dir": FONT_DIR.as_uri()})
    return html_to_pdf(html)


def html_to_pdf(html: str) -> bytes:
    """The PDF of a document's HTML, with this worker's font configuration and parsed ND30
    stylesheet (reporting/printing.py) instead of new ones for every render."""
    setup = printing.print_setup()
    document = HTML(string=html, base_url=str(FONT_DIR), url_fetcher=AppFilesFetcher())
    return document.write_pdf(font_config=setup.font_config, stylesheets=printing.stylesheets_for(html))


def fingerprint(context: dict) -> str:
    canonical = json.dumps(context, sort_keys=True, ensure_ascii=False, cls=DjangoJSONEncoder)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _json_ready(context: dict) -> dict:
    return json.loads(json.dumps(context, cls=DjangoJSONEncoder))


@transaction.atomic
def document_request(*, kind: str, source, user=None) -> StoredDocument:
    """The paper of ``kind`` for ``source``: its issued paper if the content has not changed
    since it was issued, otherwise the draft of this version of the content.

    Unchanged content returns the paper already stored; changed content makes a new draft
    (the old papers stay), rendered by a Celery task after the commit. Once sent,
    ``document.queued`` says whether the broker took the task (False: it was down, the
    document stays pending and is sent again later).
    """
    spec = get_kind(kind)
    content = paper_content(spec, source)
    digest = fingerprint(content)
    source_type = ContentType.objects.get_for_model(source)
    issued = _standing_issued(kind, source_type, str(source.pk), digest)
    if issued is not None:
        issued.queued = None
        return issued
    document, created = StoredDocument.objects.get_or_create(
        kind=kind,
        source_type=source_type,
        source_id=str(source.pk),
        source_fingerprint=digest,
        state=DocumentState.DRAFT,
        defaults={
            "title": spec.title(source),
            "template_name": spec.template_name,
            "context": content,
            "division": spec.division(source),
            "plan": plan_of(source),
            "created_by": user,
            "practice": bool(content.get("practice")),
        },
    )
    if created and spec.issuer is not None:
        document.verification_code = _unused_code()
        issuer = spec.issuer(source)
        document.context = paper_context(
            content, issuer, draft_lines(issuer), document.verification_code, draft=True
        )
        document.save(update_fields=["verification_code", "context"])
    document.queued = None
    if created or document.status == DocumentStatus.FAILED:
        _enqueue_render(document)
    return document


def paper_content(spec: DocumentKind, source) -> dict:
    """Every word a paper prints, as its builder words it, with the typography of a paper
    applied once for all: no line breaks between a figure and its "%". A practice copy's paper
    says so (``practice``: the watermark of ``documents/practice_mark.html``)."""
    content = keep_percentages_together(_json_ready(spec.build_context(source)))
    if is_practice(source):
        content["practice"] = True
    return content


def _standing_issued(kind: str, source_type, source_id: str, digest: str) -> StoredDocument | None:
    """The issued paper of this very content that no later paper replaced."""
    return (
        StoredDocument.objects.filter(
            kind=kind,
            source_type=source_type,
            source_id=source_id,
            source_fingerprint=digest,
            state=DocumentState.ISSUED,
            replaced_by__isnull=True,
        )
        .order_by("-issued_at", "-pk")
        .first()
    )


# Crockford's base 32: no I, L, O or U, which a reader would take for 1, 0 or V.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _unused_code() -> str:
    """A verification code ("7K2QM-9XB4T"): 50 random bits, so codes cannot be guessed in turn."""
    while True:
        raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))
        code = f"{raw[:5]}-{raw[5:]}"
        if not StoredDocument.objects.filter(verification_code=code).exists():
            return code


def verification_url(code: str) -> str:
    return settings.PUBLIC_BASE_URL + reverse("verify_document", args=[code])


def draft_lines(issuer: Issuer) -> dict:
    """What a draft shows where the issued paper will show its number, date and signer."""
    lines = {
        "number": f"{NBSP * 6}/{issuer.symbol}" if issuer.symbol else "",
        "place_date": f"{issuer.place}, ngày {DOTS} tháng {DOTS} năm {DOTS}",
    }
    register = issuer.register
    if register is not None:
        # Until the signer is chosen, the block reads as the head of the body would sign it.
        _body, positions = register
        lines.update(_signature(issuer, positions[0], ""))
    return lines


def _enacting(issuer: Issuer) -> dict:
    """Who decides, above "QUYẾT ĐỊNH:", for a body's paper (nothing for minutes)."""
    if issuer.register is None:
        return {}
    return {"acting": enacting_line(issuer.authority, issuer.division.name)}


def _name_replaced(content: dict, replaced: StoredDocument | None) -> dict:
    """The content with the paper a correction replaces named where an article says so: by its
    number and date once known, dotted in a draft."""
    if replaced is None:
        named = f"văn bản số {DOTS} ngày {DOTS}"
    else:
        number = f" số {replaced.number}" if replaced.number else ""
        named = f"{replaced.context.get('doc_type', 'văn bản')}{number} ngày {replaced.signed_on:%d/%m/%Y}"
    return map_words(content, lambda text: text.replace(REPLACED_PAPER, named))


def _signature(issuer: Issuer, position: str, name: str) -> dict:
    authority = signature_lines(issuer.authority, position)
    return {"authority": authority[:-1], "signer_title": authority[-1], "signer_name": name}


def paper_context(
    content: dict,
    issuer: Issuer,
    lines: dict,
    code: str,
    *,
    draft: bool,
    replaced: StoredDocument | None = None,
) -> dict:
    """The whole context of an issuable paper: its content, then what issuing adds."""
    url = verification_url(code)
    if content.get("practice") and issuer.symbol:
        lines = {**lines, "number": f"{PRACTICE_NUMBER}/{issuer.symbol}"}
    return {
        **_name_replaced(content, replaced),
        **_enacting(issuer),
        **lines,
        "draft": draft,
        "verification": {
            "code": code,
            "url": url,
            "qr_svg": segno.make(url, error="m").svg_data_uri(scale=2, border=0),
        },
    }


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
        given = IssuedNumber.objects.filter(issuer=issuer, year=year).aggregate(last=Max("sequence"))
        issued = StoredDocument.objects.filter(issuer_key=issuer, number_year=year).aggregate(
            last=Max("number_sequence")
        )
        start = NumberCounter(issuer=issuer, year=year, last=max(given["last"] or 0, issued["last"] or 0))
        NumberCounter.objects.bulk_create([start], ignore_conflicts=True)
        counter = NumberCounter.objects.select_for_update().get(issuer=issuer, year=year)
    return counter


# --- Issuing ---------------------------------------------------------------------------


@transaction.atomic
def document_issue(
    *,
    document: StoredDocument,
    signed_on: datetime.date,
    by,
    signer: OfficeHolder | None = None,
    slot_signers: dict[str, OfficeHolder] | None = None,
) -> StoredDocument:
    """Issue a draft when it is signed: a new paper with the signer, the date of signing and
    the next number of its issuer's year, taken now. The draft stays as it was; the issued
    paper never changes. A correction (a newer version of the same record, or a record that
    supersedes another) is issued the same way and names the paper it replaces. A practice
    copy's paper takes no number (``PRACTICE_NUMBER``): the issuer's counter is not touched.
    """
    draft = StoredDocument.objects.select_for_update().get(pk=document.pk)
    spec = get_kind(draft.kind)
    issuer_of = _check_issuable(draft, spec)
    source = draft.source
    issuer = issuer_of(source)
    replaced = _paper_replaced(draft, spec, source)
    lines = _signed_lines(issuer, draft, signer, slot_signers or {})
    number_fields = {}
    if issuer.symbol and not draft.practice:
        counter = _locked_counter(issuer=issuer.number_key, year=signed_on.year)
        _check_signing_date(signed_on, issuer, replaced, _last_number_on(issuer.number_key, signed_on.year))
        counter.last += 1
        counter.save(update_fields=["last"])
        number_fields = {
            "issuer_key": issuer.number_key,
            "number_year": signed_on.year,
            "number_sequence": counter.last,
            "number": written_number(counter.last, issuer.symbol),
        }
    else:
        _check_signing_date(signed_on, issuer, replaced, None)
    lines["number"] = number_fields.get("number", "")
    lines["place_date"] = place_and_date(issuer.place, signed_on)
    if replaced is not None:
        lines["replaced_paper"] = {
            "title": replaced.title,
            "number": replaced.number,
            "signed_on": f"{replaced.signed_on:%d/%m/%Y}",
            "code": replaced.verification_code,
        }
    code = _unused_code()
    content = paper_content(spec, source)  # unchanged since the draft (checked above)
    issued = StoredDocument.objects.create(
        kind=draft.kind,
        title=draft.title,
        template_name=draft.template_name,
        source_type=draft.source_type,
        source_id=draft.source_id,
        division=draft.division,
        plan_id=draft.plan_id,
        source_fingerprint=draft.source_fingerprint,
        context=paper_context(content, issuer, lines, code, draft=False, replaced=replaced),
        state=DocumentState.ISSUED,
        verification_code=code,
        draft=draft,
        replaces=replaced,
        signed_on=signed_on,
        signer_name=lines.get("signer_name", ""),
        signer_title=" / ".join([*lines.get("authority", []), lines.get("signer_title", "")]).strip(" /"),
        issued_by=by,
        issued_at=timezone.now(),
        created_by=by,
        practice=draft.practice,
        **number_fields,
    )
    issued.queued = None
    _enqueue_render(issued)
    return issued


def _check_issuable(draft: StoredDocument, spec: DocumentKind) -> IssuerOf:
    """The kind's issuer, once the draft is known to be issuable as it stands."""
    if spec.issuer is None:
        raise ValidationError(_("Mẫu in này không phải văn bản ban hành."), code="not_issuable")
    if draft.state != DocumentState.DRAFT:
        raise ValidationError(
            _("Văn bản đã ban hành không thay đổi được; muốn sửa, hãy lập văn bản thay thế."),
            code="already_issued",
        )
    issued = draft.issued_versions.first()
    if issued is not None:
        raise ValidationError(
            _("Dự thảo này đã được ban hành (mã xác minh %(code)s).") % {"code": issued.verification_code},
            code="already_issued",
        )
    current = fingerprint(paper_content(spec, draft.source))
    if current != draft.source_fingerprint:
        raise ValidationError(
            _("Hồ sơ đã thay đổi sau khi lập dự thảo này: hãy lập lại dự thảo rồi ban hành."),
            code="stale_draft",
        )
    return spec.issuer


def _paper_replaced(draft: StoredDocument, spec, source) -> StoredDocument | None:
    """The standing issued paper this one replaces: an earlier version of the same record's
    paper, or the paper of the record this one supersedes."""
    earlier = StoredDocument.objects.select_for_update(of=("self",)).filter(
        kind=draft.kind, source_type=draft.source_type, state=DocumentState.ISSUED, replaced_by__isnull=True
    )
    same_record = earlier.filter(source_id=draft.source_id).order_by("-issued_at", "-pk").first()
    if same_record is not None:
        return same_record
    old_source = spec.replaced_source(source) if spec.replaced_source else None
    if old_source is None:
        return None
    return earlier.filter(source_id=str(old_source.pk)).order_by("-issued_at", "-pk").first()


def _signed_lines(issuer: Issuer, draft: StoredDocument, signer, slot_signers: dict) -> dict:
    """The signature block: the register's signer for a body's paper; for minutes, the
    people the record names, with the slots the register fills. No name may be blank."""
    lines: dict = {}
    if issuer.register is not None:
        if signer is None:
            raise ValidationError({"signer": _("Chọn người ký văn bản.")})
        _check_holder(signer, signers_for(issuer), "signer")
        lines.update(_signature(issuer, signer.position, signer.full_name))
    elif signer is not None:
        raise ValidationError({"signer": _("Biên bản do những người có tên trong biên bản ký.")})
    signers = [dict(s) for s in draft.context.get("signers", [])]
    for slot, body in issuer.register_slots.items():
        for line in signers:
            if line.get("slot") == slot:
                holder = slot_signers.get(slot)
                if holder is None:
                    raise ValidationError({slot: _("Chọn %(title)s.") % {"title": line["title"]}})
                _check_holder(holder, slot_holders(issuer, body), slot)
                line["name"] = holder.full_name
    blank = [line["title"] for line in signers if not str(line.get("name", "")).strip()]
    if blank:
        raise ValidationError(
            _("Chưa có tên người ký: %(titles)s. Hãy ghi đủ vào hồ sơ rồi lập lại dự thảo.")
            % {"titles": ", ".join(blank)},
            code="blank_signer",
        )
    if signers:
        lines["signers"] = signers
    return lines


def _check_holder(holder: OfficeHolder, entitled: QuerySet[OfficeHolder], field: str) -> None:
    """The holder is among those the register entitles to sign (the page offers no one else)."""
    if not entitled.filter(pk=holder.pk).exists():
        raise ValidationError(
            {field: _("%(name)s không có thẩm quyền ký văn bản này.") % {"name": holder.full_name}}
        )


def _last_number_on(issuer_key: str, year: int) -> datetime.date | None:
    last = (
        StoredDocument.objects.filter(issuer_key=issuer_key, number_year=year, state=DocumentState.ISSUED)
        .order_by("-number_sequence")
        .values_list("signed_on", flat=True)
        .first()
    )
    return last


def _check_signing_date(signed_on, issuer: Issuer, replaced, last_number_on) -> None:
    problems = rules.signing_date_problems(
        signed_on,
        today=timezone.localdate(),
        event_on=issuer.earliest,
        event_label=issuer.earliest_label,
        last_number_on=last_number_on,
        replaced_on=replaced.signed_on if replaced is not None else None,
    )
    if problems:
        raise ValidationError({"signed_on": problems})


# --- The register of who signs ------------------------------------------------------------


@transaction.atomic
def office_holder_add(*, division, body: str, position: str, full_name: str, by) -> OfficeHolder:
    """Add a person to a body's register of signers: the ward's bodies for a ward, the khu
    phố Front committee for a khu phố. Each body has one chairman (or head) at a time."""
    full_name = " ".join(full_name.split())
    if not full_name:
        raise ValidationError({"full_name": _("Nhập họ và tên người ký.")})
    ward_body = body in (OfficeBody.PEOPLES_COMMITTEE, OfficeBody.FRONT)
    if ward_body != (division.level == Level.WARD):
        raise ValidationError(
            {"body": _("Ủy ban nhân dân và Ủy ban MTTQ thuộc phường; Ban công tác Mặt trận thuộc khu phố.")}
        )
    allowed = (Position.CHAIRMAN, Position.VICE_CHAIRMAN) if ward_body else (Position.COMMITTEE_HEAD,)
    if position not in allowed:
        raise ValidationError({"position": _("Chức vụ này không có trong cơ quan đã chọn.")})
    if position != Position.VICE_CHAIRMAN:
        current = (
            OfficeHolder.objects.select_for_update()
            .filter(division=division, body=body, position=position, active=True)
            .first()
        )
        if current is not None:
            raise ValidationError(
                {
                    "position": _(
                        "Cơ quan này đang có %(name)s giữ chức vụ; hãy cho thôi trước khi thêm người mới."
                    )
                    % {"name": current.full_name}
                }
            )
    return OfficeHolder.objects.create(division=division, body=body, position=position, full_name=full_name)


@transaction.atomic
def office_holder_retire(*, holder: OfficeHolder, by) -> OfficeHolder:
    """A holder leaves office: no longer offered as a signer; the papers signed stay as signed."""
    holder = OfficeHolder.objects.select_for_update().get(pk=holder.pk)
    holder.active = False
    holder.save(update_fields=["active"])
    return holder
