"""The signed paper comes back: after the meeting the khu phố's election team (forms 02 and 03)
or the ward's office (every paper) uploads a photo or scan of an issued paper as signed; the
ward official checks it against the issued text and receives it, or refuses it with a reason.

An upload is never changed and replaces nothing: it is the paper's next version. A photo is
turned upright (its EXIF orientation), shrunk to at most ``rules.SIGNED_COPY_MAX_SIDE`` pixels
on its longer side and saved again without its metadata (a phone's photo carries the place it
was taken); a PDF is kept as sent. The SHA-256 recorded is that of the stored bytes."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import PurePath

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from elections import rules
from elections.models import SignedCopy, SignedCopyReview, SignedCopyVerdict
from elections.selectors.signed_copies import SIGNED_KINDS, election_of
from reporting.models import DocumentState, StoredDocument, private_file_name
from reporting.storage import save_atomically

MB = 1024 * 1024
FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png")}


@dataclass(frozen=True)
class Prepared:
    content: bytes
    content_type: str
    extension: str
    width: int | None = None
    height: int | None = None


def _name(upload: UploadedFile) -> str:
    return PurePath(upload.name or "").name[:200]


def prepare_upload(upload: UploadedFile) -> Prepared:
    """The bytes to store for an upload, or a ValidationError naming every problem of the file."""
    name = _name(upload)
    suffix = PurePath(name).suffix.lower()
    problems = []
    if suffix not in rules.SIGNED_COPY_SUFFIXES:
        problems.append(_("Tệp “%(name)s”: chỉ nhận ảnh JPG, PNG hoặc tệp PDF.") % {"name": name})
    if upload.size is not None and upload.size > rules.SIGNED_COPY_MAX_MB * MB:
        problems.append(
            _("Tệp “%(name)s” nặng %(size)s MB, quá giới hạn %(limit)s MB.")
            % {"name": name, "size": round(upload.size / MB, 1), "limit": rules.SIGNED_COPY_MAX_MB}
        )
    if not upload.size:
        problems.append(_("Tệp “%(name)s” trống.") % {"name": name})
    if problems:
        raise ValidationError(problems, code="bad_file")
    upload.seek(0)
    data = upload.read()
    if rules.SIGNED_COPY_SUFFIXES[suffix] == "application/pdf":
        return _pdf(name, data)
    return _image(name, data)


def _pdf(name: str, data: bytes) -> Prepared:
    # A PDF starts with its header (within its first kilobyte) and ends with "%%EOF".
    if b"%PDF-" not in data[:1024] or b"%%EOF" not in data[-2048:]:
        raise ValidationError(
            _("Tệp “%(name)s” không phải là tệp PDF hợp lệ (hãy quét hoặc xuất lại tệp PDF).")
            % {"name": name},
            code="not_pdf",
        )
    return Prepared(data, "application/pdf", "pdf")


def _not_an_image(name: str) -> ValidationError:
    return ValidationError(
        _("Tệp “%(name)s” không phải là ảnh đọc được (chỉ nhận ảnh JPG, PNG hoặc tệp PDF).") % {"name": name},
        code="not_image",
    )


def _image(name: str, data: bytes) -> Prepared:
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind, (width, height) = probe.format, probe.size
            if width * height > rules.SIGNED_COPY_MAX_PIXELS:
                raise ValidationError(
                    _("Ảnh “%(name)s” quá lớn (%(width)s × %(height)s điểm ảnh).")
                    % {"name": name, "width": width, "height": height},
                    code="too_many_pixels",
                )
            probe.verify()
        image: Image.Image = Image.open(io.BytesIO(data))
        image.load()
        image = ImageOps.exif_transpose(image)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise _not_an_image(name) from None
    if kind not in FORMATS:
        raise ValidationError(
            _("Ảnh “%(name)s” có định dạng %(format)s: chỉ nhận ảnh JPG hoặc PNG.")
            % {"name": name, "format": kind},
            code="bad_format",
        )
    image.thumbnail((rules.SIGNED_COPY_MAX_SIDE, rules.SIGNED_COPY_MAX_SIDE), Image.Resampling.LANCZOS)
    content_type, extension = FORMATS[kind]
    out = io.BytesIO()
    # Saved anew without exif, icc or text chunks: nothing of the phone's metadata is kept.
    if kind == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=85, optimize=True)
    else:
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGB")
        image.save(out, "PNG", optimize=True)
    return Prepared(out.getvalue(), content_type, extension, image.width, image.height)


def _locked_paper(document: StoredDocument) -> StoredDocument:
    paper = StoredDocument.objects.select_for_update().get(pk=document.pk)
    replaced = StoredDocument.objects.filter(replaces=paper).exists()
    if paper.state != DocumentState.ISSUED or paper.kind not in SIGNED_KINDS or replaced:
        raise ValidationError(
            _("“%(title)s” không phải là văn bản đang có hiệu lực cần bản có chữ ký.")
            % {"title": paper.title},
            code="not_signed_paper",
        )
    return paper


def _received(paper: StoredDocument) -> SignedCopy | None:
    return (
        SignedCopy.objects.filter(document=paper, review__verdict=SignedCopyVerdict.RECEIVED)
        .select_related("review")
        .first()
    )


def _refuse_received(paper: StoredDocument) -> None:
    received = _received(paper)
    if received is not None:
        raise ValidationError(
            _("Phường đã nhận bản có chữ ký của “%(title)s” (lần tải lên %(version)s) ngày %(day)s.")
            % {
                "title": paper.title,
                "version": received.version,
                "day": f"{timezone.localtime(received.review.reviewed_at):%d/%m/%Y}",
            },
            code="already_received",
        )


@transaction.atomic
def signed_copy_upload(*, by: User | None, document: StoredDocument, upload: UploadedFile) -> SignedCopy:
    """Store a photo or scan of an issued paper as signed: its next version."""
    paper = _locked_paper(document)
    _refuse_received(paper)
    prepared = prepare_upload(upload)
    version = (
        SignedCopy.objects.filter(document=paper)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
        or 0
    ) + 1
    copy = SignedCopy.objects.create(
        election=election_of(paper),
        document=paper,
        version=version,
        content_type=prepared.content_type,
        original_name=_name(upload),
        size=len(prepared.content),
        sha256=hashlib.sha256(prepared.content).hexdigest(),
        width=prepared.width,
        height=prepared.height,
        uploaded_by=by,
    )
    save_atomically(copy.file, private_file_name("ban-co-chu-ky", copy, prepared.extension), prepared.content)
    copy.save(update_fields=["file"])
    return copy


def _check(*, by: User | None, copy: SignedCopy, verdict: str, reason: str) -> SignedCopyReview:
    paper = _locked_paper(copy.document)
    copy = SignedCopy.objects.get(pk=copy.pk)
    problems: list[str] = []
    latest = SignedCopy.objects.filter(document=paper).order_by("-version").first()
    assert latest is not None  # ``copy`` is one of them
    if SignedCopyReview.objects.filter(copy=copy).exists():
        problems.append(_("Lần tải lên %(version)s đã được kiểm tra.") % {"version": copy.version})
    elif latest.pk != copy.pk:
        problems.append(
            _("Đã có bản tải lên mới hơn (lần %(latest)s): hãy kiểm tra bản mới nhất.")
            % {"latest": latest.version}
        )
    if verdict == SignedCopyVerdict.REFUSED:
        problems += rules.signed_copy_refusal_problems(reason)
    if problems:
        raise ValidationError(problems, code="not_checkable")
    _refuse_received(paper)
    return SignedCopyReview.objects.create(
        copy=copy, verdict=verdict, reason=" ".join((reason or "").split()), reviewed_by=by
    )


@transaction.atomic
def signed_copy_receive(*, by: User | None, copy: SignedCopy) -> SignedCopyReview:
    """The ward official checked the copy against the issued text: "đã nhận bản có chữ ký"."""
    return _check(by=by, copy=copy, verdict=SignedCopyVerdict.RECEIVED, reason="")


@transaction.atomic
def signed_copy_refuse(*, by: User | None, copy: SignedCopy, reason: str) -> SignedCopyReview:
    """A wrong upload (another paper, unreadable, unsigned) is refused with its reason; the paper
    stays missing until a new upload is received."""
    return _check(by=by, copy=copy, verdict=SignedCopyVerdict.REFUSED, reason=reason)
