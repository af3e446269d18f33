"""Reads of the reporting app that views share, scoped to the user (404 for missing and forbidden alike)."""

from __future__ import annotations

import datetime
import hashlib
import hmac

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.http import Http404

from neighborhoods.models import Division, Level
from neighborhoods.selectors import divisions_for
from reporting.documents import get_kind, reading_capability
from reporting.issuing import Authority, Issuer
from reporting.models import DocumentState, OfficeHolder, ProgressSnapshot, ReportExport, StoredDocument
from wardvote import access


def get_stored_document_for(user, pk, capability: str = access.READ) -> StoredDocument:
    """A stored document the user may reach with ``capability`` (by its division), or 404."""
    document = access.get_or_404(StoredDocument.objects.select_related("division"), pk)
    access.require_reach(user, capability, document.division)
    # A paper listing households' names and addresses asks for more than reading the division.
    access.require_reach(user, reading_capability(document.kind), document.division)
    return document


def get_report_export_for(user, pk, capability: str = access.READ) -> ReportExport:
    """A report export of a division the user may reach with ``capability``, or 404."""
    exports = ReportExport.objects.select_related("division").filter(
        division__in=divisions_for(user, capability)
    )
    return access.get_or_404(exports, pk)


def recent_exports(division: Division, count: int = 5) -> QuerySet[ReportExport]:
    """The division's latest exports, newest first (the dashboard's list)."""
    return ReportExport.objects.filter(division=division).order_by("-created_at")[:count]


def completion_points(division: Division) -> list[tuple]:
    """(day, percentage of elections completed) for each nightly snapshot, oldest first."""
    snapshots = (
        ProgressSnapshot.objects.filter(division=division)
        .order_by("day")
        .values_list("day", "elections", "completed")
    )
    return [(day, 100 * done / total if total else 0) for day, total, done in snapshots]


# --- Issuing ---------------------------------------------------------------------------


def issuer_of(document: StoredDocument) -> Issuer | None:
    """Who issues the paper (None for a form that is only printed, such as a ballot)."""
    spec = get_kind(document.kind)
    return spec.issuer(document.source) if spec.issuer is not None else None


# The Front issues its own papers; the ward's office keeps and issues the others.
def issue_capability(issuer: Issuer) -> str:
    front = issuer.authority == Authority.WARD_FRONT or issuer.front_work
    return access.RUN_CONSULTATION if front else access.MANAGE_ELECTIONS


def get_draft_for_issue(user, pk) -> tuple[StoredDocument, Issuer]:
    """A paper the user may issue (or look at once issued), with its issuer; 404 otherwise."""
    document = get_stored_document_for(user, pk)
    issuer = issuer_of(document)
    if issuer is None:
        raise Http404
    access.require_reach(user, issue_capability(issuer), document.division)
    return document, issuer


def signers_for(issuer: Issuer) -> QuerySet[OfficeHolder]:
    """Who may sign a body's paper: the active holders of its register, chairman first."""
    register = issuer.register
    if register is None:
        return OfficeHolder.objects.none()
    body, positions = register
    return OfficeHolder.objects.filter(
        division=issuer.division, body=body, position__in=positions, active=True
    ).order_by("position", "full_name")


def slot_holders(issuer: Issuer, body: str) -> QuerySet[OfficeHolder]:
    """Who may fill a minutes' signer slot (the khu phố Front committee head)."""
    return OfficeHolder.objects.filter(division=issuer.division, body=body, active=True).order_by("full_name")


def register_lacks_a_signer(issuer: Issuer) -> bool:
    """Whether the paper cannot be signed yet: no one in its register, or in a slot's."""
    if issuer.register is not None and not signers_for(issuer).exists():
        return True
    return any(not slot_holders(issuer, body).exists() for body in issuer.register_slots.values())


def issued_paper(code: str) -> StoredDocument | None:
    """The paper a verification code names (drafts too: the page says it is a draft)."""
    if not code:
        return None
    return (
        StoredDocument.objects.select_related("replaced_by", "draft")
        .filter(verification_code=code.strip().upper())
        .first()
    )


def issued_version_of(draft: StoredDocument) -> StoredDocument | None:
    return draft.issued_versions.filter(state=DocumentState.ISSUED).first()


def register_of(ward: Division) -> QuerySet[OfficeHolder]:
    """The signers' register of a ward and its khu phố, current holders first."""
    return (
        OfficeHolder.objects.filter(division__in=[ward, *ward.children.all()])
        .select_related("division")
        .order_by("-active", "division__name", "body", "position", "full_name")
    )


def upload_matches(document: StoredDocument, upload) -> bool:
    """Whether an uploaded file is, byte for byte, the stored paper (same SHA-256)."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    return bool(document.sha256) and hmac.compare_digest(digest.hexdigest(), document.sha256)


def get_ward_for_register(user, pk) -> Division:
    """A ward whose register of signers the user keeps (its office), or 404."""
    ward = access.get_or_404(Division.objects.filter(level=Level.WARD), pk)
    access.require_reach(user, access.MANAGE_ELECTIONS, ward)
    return ward


def get_office_holder_for(user, pk) -> OfficeHolder:
    holder = access.get_or_404(OfficeHolder.objects.select_related("division"), pk)
    access.require_reach(user, access.MANAGE_ELECTIONS, holder.division)
    return holder


def issued_numbers(model, ids) -> dict[int, tuple[str, datetime.date | None]]:
    """The number and signing day of each record's issued paper (the latest issued version), by
    the record's id: what a list quotes as "QĐ số … ngày …" once the paper is issued."""
    numbers: dict[int, tuple[str, datetime.date | None]] = {}
    papers = (
        StoredDocument.objects.filter(
            source_type=ContentType.objects.get_for_model(model),
            source_id__in=[str(pk) for pk in ids],
            state=DocumentState.ISSUED,
        )
        .exclude(number="")
        .order_by("issued_at", "pk")
        .values_list("source_id", "number", "signed_on")
    )
    for source_id, number, signed_on in papers:
        numbers[int(source_id)] = (number, signed_on)
    return numbers
