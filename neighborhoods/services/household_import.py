"""Importing a household register from .xlsx or .csv, all or nothing, off the web workers.

The web request only checks the upload's size and, for .xlsx, the zip directory
(a zip bomb is refused at once), stores the file and queues a task. That task reads
the file once, streaming, with the row cap checked as it goes, into stored rows
with every problem (row number, column, Vietnamese message); the file is then
deleted. After confirmation a second task commits the stored rows in one
transaction with bulk inserts, each row audited. Rows and files left behind by a
failure or an abandoned upload are deleted when they expire.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import uuid
import zipfile
from collections.abc import Iterator
from typing import IO, cast

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from python_calamine import CalamineError, CalamineWorkbook

from neighborhoods.models import (
    Division,
    Household,
    HouseholdImport,
    HouseholdImportRow,
    HouseholdStatus,
    ImportStatus,
)
from neighborhoods.phones import normalise_phone
from neighborhoods.services.neighborhoods import current_neighborhoods
from wardvote.audit import audited_update
from wardvote.fields import SEARCH_TEXT_LENGTH, fold_values
from wardvote.messages import validation_error_text
from wardvote.queueing import task_named
from wardvote.spreadsheets import append_inert
from wardvote.text import normalise_name

CODE, HEAD, ADDRESS, MEMBERS, REPRESENTATIVE, NEIGHBORHOOD, STATUS, PHONE = (
    "Mã hộ",
    "Họ tên chủ hộ",
    "Địa chỉ",
    "Số nhân khẩu",
    "Người đại diện",
    "Khu phố",
    "Tình trạng",
    "Số điện thoại",
)
# The phone came last, after files were already in use: older files without it still import.
HEADERS = [CODE, HEAD, ADDRESS, MEMBERS, REPRESENTATIVE, NEIGHBORHOOD, STATUS, PHONE]
REQUIRED_HEADERS = [CODE, HEAD, NEIGHBORHOOD]
# The register's column lengths: a longer cell is refused on its row, never truncated.
MAX_LENGTHS = {CODE: 32, HEAD: 150, ADDRESS: 255, REPRESENTATIVE: 150, NEIGHBORHOOD: 150, STATUS: 40}
# The file's words are Vietnamese whatever the interface language.
STATUS_WORDS = {
    "": HouseholdStatus.ACTIVE,
    "đang cư trú": HouseholdStatus.ACTIVE,
    "đã chuyển đi": HouseholdStatus.MOVED,
    "active": HouseholdStatus.ACTIVE,
    "moved": HouseholdStatus.MOVED,
}
STATUS_LABELS = {HouseholdStatus.ACTIVE: "Đang cư trú", HouseholdStatus.MOVED: "Đã chuyển đi"}
MAX_ROWS = 200_000
MAX_UPLOAD_BYTES = settings.UPLOAD_MAX_BYTES  # and cut off while streaming (wardvote/uploads.py)
# A 200,000-row register written by Excel or openpyxl unpacks to about 80 MB at a
# ratio near 12; a zip bomb unpacks to far more, or at a ratio in the hundreds.
MAX_UNPACKED_BYTES = 250 * 1024 * 1024
MAX_PACKING_RATIO = 100
# An upload nobody confirms is deleted (file and rows) after this long.
IMPORT_LIFETIME = datetime.timedelta(hours=24)
BATCH = 5000


# Every refusal of the file as a whole (format, encoding, headers, size, rows taken
# meanwhile) is a ValidationError with this code; a row's problems are stored on the row.
FILE_REFUSED = "import_file"


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


# --- the upload, checked at once in the web request ------------------------------------


def check_upload(upload) -> None:
    """Refuse a file by its name, size and (for .xlsx) zip directory, without reading its rows."""
    name = upload.name.lower()
    if not name.endswith((".xlsx", ".csv")):
        raise ValidationError(_("Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv)."), code=FILE_REFUSED)
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("Tệp lớn hơn 30 MB."), code=FILE_REFUSED)
    if name.endswith(".xlsx"):
        upload.seek(0)
        check_archive(upload)
        upload.seek(0)


def check_archive(handle: IO[bytes]) -> None:
    """A zip bomb is refused from the archive's directory alone, before anything is unpacked."""
    try:
        members = zipfile.ZipFile(handle).infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ValidationError(
            _("Không đọc được tệp Excel. Hãy lưu lại tệp dưới dạng .xlsx."), code=FILE_REFUSED
        ) from exc
    unpacked = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members) or 1
    if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_PACKING_RATIO * packed:
        raise ValidationError(
            _(
                "Tệp Excel bung ra tới %(size)s MB (gấp %(ratio)s lần tệp nén): có thể là tệp độc hại "
                "(“zip bomb”), hệ thống không đọc tệp này. Hãy lưu lại sổ hộ thành tệp mới từ Excel."
            )
            % {"size": _thousands(unpacked // (1024 * 1024)), "ratio": _thousands(unpacked // packed)},
            code=FILE_REFUSED,
        )


def _verify_archive(handle: IO[bytes]) -> None:
    """Unpack every member once, counting: a directory that lies about sizes is caught here."""
    check_archive(handle)
    handle.seek(0)
    total = 0
    try:
        with zipfile.ZipFile(handle) as archive:
            for member in archive.infolist():
                with archive.open(member) as stream:
                    while chunk := stream.read(1024 * 1024):
                        total += len(chunk)
                        if total > MAX_UNPACKED_BYTES:
                            raise ValidationError(
                                _("Tệp Excel bung ra quá lớn: hệ thống không đọc tệp này."), code=FILE_REFUSED
                            )
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise ValidationError(
            _("Không đọc được tệp Excel. Hãy lưu lại tệp dưới dạng .xlsx."), code=FILE_REFUSED
        ) from exc
    handle.seek(0)


# --- reading, streaming, with the row cap checked as rows come ---------------------------


def read_table(filename: str, handle: IO[bytes], engine: str = "calamine") -> tuple[list[str], Iterator]:
    """Headers and an iterator of (row number, values) of the first sheet, as the user numbers them."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        _verify_archive(handle)
        rows = _xlsx_rows_openpyxl(handle) if engine == "openpyxl" else _xlsx_rows(handle)
    elif name.endswith(".csv"):
        rows = _csv_rows(handle)
    else:
        raise ValidationError(_("Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv)."), code=FILE_REFUSED)
    headers = [_text(value) for value in next(rows, [])]
    return headers, _capped(enumerate(rows, start=2))


def _capped(rows: Iterator) -> Iterator:
    """Stops with an error at the first row past the cap, so a huge file is not read to its end."""
    for count, row in enumerate(rows, start=1):
        if count > MAX_ROWS:
            raise ValidationError(
                _("Tệp có quá %(max)s dòng.") % {"max": _thousands(MAX_ROWS)}, code=FILE_REFUSED
            )
        yield row


def _xlsx_rows(handle: IO[bytes]) -> Iterator[list]:
    # calamine (Rust) reads a 200,000-row sheet about ten times faster than openpyxl (make bench).
    try:
        sheet = CalamineWorkbook.from_filelike(handle).get_sheet_by_index(0)
        rows = sheet.iter_rows()
    except (CalamineError, ValueError, OSError) as exc:
        raise ValidationError(
            _("Không đọc được tệp Excel. Hãy lưu lại tệp dưới dạng .xlsx."), code=FILE_REFUSED
        ) from exc
    yield from rows


def _xlsx_rows_openpyxl(handle: IO[bytes]) -> Iterator[list]:
    """The pure-Python reader, kept for the benchmark that chose calamine over it."""
    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise ValidationError(
            _("Không đọc được tệp Excel. Hãy lưu lại tệp dưới dạng .xlsx."), code=FILE_REFUSED
        ) from exc
    for values in workbook.worksheets[0].iter_rows(values_only=True):
        yield list(values)


def _csv_delimiter(handle: IO[bytes]) -> str:
    """The header line's separator: Excel writes "," or, where the comma is the decimal mark, ";".

    Read from the header alone, which names every column: csv.Sniffer, reading whole lines, gave
    up on files whose rows leave their last cells (the phone) empty with fewer separators.
    """
    header = handle.readline(4096).decode("utf-8-sig", errors="ignore")
    handle.seek(0)
    counts = {delimiter: header.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _csv_rows(handle: IO[bytes]) -> Iterator[list]:
    delimiter = _csv_delimiter(handle)
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    try:
        yield from csv.reader(text, csv.excel, delimiter=delimiter)
    except UnicodeDecodeError as exc:
        raise ValidationError(
            _("Tệp CSV không đúng bảng mã UTF-8 (sai bảng mã). Trong Excel, hãy chọn Lưu thành “CSV UTF-8”."),
            code=FILE_REFUSED,
        ) from exc
    except csv.Error as exc:
        raise ValidationError(_("Tệp CSV hỏng hoặc có một ô quá dài."), code=FILE_REFUSED) from exc


# --- checking ------------------------------------------------------------------------


def _neighborhood_lookup(ward: Division) -> dict[str, Division]:
    """Accepts "Khu phố 1", "KP 1", "kp1" and "1" for Khu phố 1."""
    lookup: dict[str, Division] = {}
    for kp in current_neighborhoods(ward):
        lookup[normalise_name(kp.name)] = kp
        number = re.search(r"(\d+)\s*$", kp.name)
        if number:
            for alias in (number.group(1), f"kp {number.group(1)}", f"kp{number.group(1)}"):
                lookup.setdefault(alias, kp)
    return lookup


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


# Control characters (Unicode category Cc: C0, DEL, C1) and lone surrogates; spaces, tabs
# and line breaks are already folded into single spaces by _text. A regex, because a
# per-character category lookup over 200,000 rows took seconds.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def _has_control_character(text: str) -> bool:
    return _CONTROL.search(text) is not None


_WHOLE_NUMBER = re.compile(r"[0-9]{1,2}(?:[.,]0+)?")


def _member_count(value) -> int | None:
    """1 to 99 in ASCII digits; "٢٣" or "１２" are refused, not read as 23 or 12."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = _text(value)
        if not text:
            return 1
        if not _WHOLE_NUMBER.fullmatch(text):
            return None
        number = float(text.replace(",", "."))
    return int(number) if number.is_integer() and 1 <= number <= 99 else None


def _quoted(text: str) -> str:
    """A cell's value in a message, shortened so one bad cell cannot flood the page."""
    return text if len(text) <= 40 else text[:40] + "…"


class RowChecker:
    """Checks the rows of one file against the ward's khu phố and register, remembering codes seen."""

    def __init__(self, ward: Division, headers: list[str]):
        missing = [h for h in REQUIRED_HEADERS if h not in headers]
        if missing:
            raise ValidationError(
                _("Thiếu cột: %(columns)s. Hãy dùng tệp mẫu (dòng đầu là tên cột).")
                % {"columns": ", ".join(missing)},
                code=FILE_REFUSED,
            )
        self.column = {header: index for index, header in enumerate(headers) if header in HEADERS}
        self.neighborhoods = _neighborhood_lookup(ward)
        self.codes_in_register = set(Household.objects.filter(ward=ward).values_list("code", flat=True))
        self.first_row_of_code: dict[str, int] = {}

    def check(self, number: int, values: list) -> tuple | None:
        """The row as stored (a tuple in STAGING_COLUMNS order after the import id), or None if blank."""
        raw = {h: values[i] if i < len(values) else None for h, i in self.column.items()}
        cell = {header: _text(value) for header, value in raw.items()}
        if not any(cell.values()):
            return None  # blank lines at the end of a sheet
        errors = self._cell_errors(cell)
        bad = {column for column, _message in errors}
        errors += self._code_errors(number, cell.get(CODE, ""), CODE in bad)
        if HEAD not in bad and not cell.get(HEAD):
            errors.append((HEAD, _("Thiếu họ tên chủ hộ.")))
        errors += self._neighborhood_errors(cell.get(NEIGHBORHOOD, ""), NEIGHBORHOOD in bad)
        members = _member_count(raw.get(MEMBERS))
        if members is None and MEMBERS not in bad:
            errors.append(
                (
                    MEMBERS,
                    _("Số nhân khẩu “%(value)s” không hợp lệ: phải là số nguyên từ 1 đến 99.")
                    % {"value": _quoted(cell.get(MEMBERS, ""))},
                )
            )
        phone = normalise_phone(cell.get(PHONE, ""))
        if phone is None and PHONE not in bad:
            errors.append(
                (
                    PHONE,
                    _(
                        "Số điện thoại “%(value)s” không hợp lệ: ghi 10 số của di động hoặc 11 số "
                        "của máy bàn kèm mã vùng, ví dụ 0912 345 678 hoặc 028 3823 1234."
                    )
                    % {"value": _quoted(cell[PHONE])},
                )
            )
        status = STATUS_WORDS.get(normalise_name(cell.get(STATUS, "")))
        if status is None and STATUS not in bad:
            errors.append(
                (
                    STATUS,
                    _("Tình trạng “%(value)s” không hợp lệ: ghi “Đang cư trú” hoặc “Đã chuyển đi”.")
                    % {"value": _quoted(cell[STATUS])},
                )
            )
        if errors:
            return (number, None, "", "", "", None, "", "", "", [list(e) for e in errors], True)
        return (
            number,
            self.neighborhoods[normalise_name(cell[NEIGHBORHOOD])].pk,
            cell[CODE],
            cell[HEAD],
            cell.get(ADDRESS, ""),
            members,
            cell.get(REPRESENTATIVE, ""),
            status,
            phone,
            [],
            False,
        )

    @staticmethod
    def _cell_errors(cell: dict[str, str]) -> list[tuple[str, str]]:
        """NUL and other control characters, and cells longer than the register keeps."""
        errors = []
        for header, text in cell.items():
            if _has_control_character(text):
                errors.append(
                    (header, _("Ô có ký tự điều khiển (ví dụ NUL), không phải chữ: hãy gõ lại ô này."))
                )
            elif header in MAX_LENGTHS and len(text) > MAX_LENGTHS[header]:
                errors.append(
                    (
                        header,
                        _("Dài %(length)s ký tự, quá giới hạn %(max)s ký tự của cột này.")
                        % {"length": len(text), "max": MAX_LENGTHS[header]},
                    )
                )
        return errors

    def _code_errors(self, number: int, code: str, already_bad: bool) -> list[tuple[str, str]]:
        if already_bad:
            return []
        if not code:
            return [(CODE, _("Thiếu mã hộ."))]
        first = self.first_row_of_code.setdefault(code, number)
        if first != number:
            return [(CODE, _("Mã hộ %(code)s trùng với dòng %(row)s.") % {"code": code, "row": first})]
        if code in self.codes_in_register:
            return [(CODE, _("Mã hộ %(code)s đã có trong sổ hộ của phường.") % {"code": code})]
        return []

    def _neighborhood_errors(self, name: str, already_bad: bool) -> list[tuple[str, str]]:
        if already_bad:
            return []
        if not name:
            return [(NEIGHBORHOOD, _("Thiếu khu phố."))]
        if normalise_name(name) not in self.neighborhoods:
            return [(NEIGHBORHOOD, _("Không có khu phố “%(name)s” trong phường.") % {"name": _quoted(name)})]
        return []


# --- the import's life: upload, check, confirm, commit, fail, expire --------------------


def _enqueue(task_name: str, import_id: int) -> None:
    # By its registered name: ``neighborhoods.tasks`` imports this module (tasks sit above services).
    transaction.on_commit(lambda: task_named(f"neighborhoods.tasks.{task_name}").delay(import_id))


def household_import_upload(*, ward: Division, upload, by: User) -> HouseholdImport:
    """Store the (already checked) upload and queue the task that reads it."""
    household_import = HouseholdImport(
        token=uuid.uuid4().hex,
        ward=ward,
        uploaded_by=by,
        filename=upload.name[:255],
        step=_("Đang chờ kiểm tra…"),
    )
    extension = upload.name.rsplit(".", 1)[-1].lower()
    household_import.file.save(f"{household_import.token}.{extension}", upload, save=False)
    household_import.save()
    _enqueue("check_household_import", household_import.pk)
    return household_import


def _set_progress(import_id: int, percent: int, step: str) -> None:
    HouseholdImport.objects.filter(pk=import_id).update(progress=percent, step=step)


def household_import_check(import_id: int) -> HouseholdImport:
    """Read the file once into stored rows with their errors; the file is deleted afterwards."""
    household_import = HouseholdImport.objects.select_related("ward").get(pk=import_id)
    if household_import.status != ImportStatus.CHECKING:
        return household_import  # a task delivered twice does its work once
    HouseholdImportRow.objects.filter(household_import=household_import).delete()
    try:
        with household_import.file.open("rb") as handle:
            headers, rows = read_table(household_import.filename, handle)
            checker = RowChecker(household_import.ward, headers)
            row_count, error_count = _store_rows(household_import.pk, checker, rows)
    except ValidationError as error:
        return household_import_fail(import_id, validation_error_text(error))
    if row_count == 0:
        return household_import_fail(import_id, _("Tệp không có dòng dữ liệu nào."))
    household_import.file.delete(save=False)
    with transaction.atomic():
        HouseholdImport.objects.filter(pk=import_id).update(
            progress=100,
            step="",
            row_count=row_count,
            error_count=error_count,
            file="",
            finished_at=timezone.now(),
        )
        audited_update(HouseholdImport.objects.filter(pk=import_id), status=ImportStatus.CHECKED)
    household_import.refresh_from_db()
    return household_import


# A household's figures as a stored row keeps them, and as the commit reads them back.
ROW_COLUMNS = [
    "neighborhood_id",
    "code",
    "head_name",
    "address",
    "member_count",
    "representative_name",
    "status",
    "phone",
]
STAGING_COLUMNS = ["household_import_id", "number", *ROW_COLUMNS, "errors", "has_errors"]


def _store_rows(import_id: int, checker: RowChecker, rows: Iterator) -> tuple[int, int]:
    """Batches of stored rows, each batch its own short transaction, so other writers never wait long."""
    errors_field = HouseholdImportRow._meta.get_field("errors")
    no_errors = errors_field.get_db_prep_save([], connection)
    row_count = error_count = 0
    batch: list[tuple] = []

    def flush():
        _insert(HouseholdImportRow, STAGING_COLUMNS, batch)
        batch.clear()
        _set_progress(
            import_id,
            min(99, row_count * 100 // MAX_ROWS),
            _("Đã đọc %(count)s dòng…") % {"count": _thousands(row_count)},
        )

    for number, values in rows:
        checked = checker.check(number, values)
        if checked is None:
            continue
        row_count += 1
        error_count += len(checked[-2])
        errors = errors_field.get_db_prep_save(checked[-2], connection) if checked[-1] else no_errors
        batch.append((import_id, *checked[:-2], errors, checked[-1]))
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    return row_count, error_count


def household_import_confirm(*, household_import: HouseholdImport) -> bool:
    """Queue the commit of a checked file without errors; False if it is not (or no longer) one."""
    with transaction.atomic():
        # Locked, so that of two confirmations at once only the first changes (and audits) the status.
        checked = HouseholdImport.objects.select_for_update().filter(
            pk=household_import.pk, status=ImportStatus.CHECKED, error_count=0
        )
        started = audited_update(checked, status=ImportStatus.COMMITTING)
        if started:
            HouseholdImport.objects.filter(pk=household_import.pk).update(
                progress=0, step=_("Đang lưu các hộ…")
            )
            _enqueue("commit_household_import", household_import.pk)
    return bool(started)


@transaction.atomic
def household_import_commit(import_id: int) -> HouseholdImport:
    """Save every stored row as a household, or none (ValidationError); audited row by row."""
    household_import = HouseholdImport.objects.select_for_update().select_related("ward").get(pk=import_id)
    if household_import.status != ImportStatus.COMMITTING:
        return household_import  # a task delivered twice commits once
    ward = household_import.ward
    Division.objects.select_for_update().filter(pk=ward.pk).first()  # one import per ward at a time
    stored = household_import.rows.filter(has_errors=False)
    taken = Household.objects.filter(ward=ward, code__in=stored.values("code")).count()
    if taken:
        raise ValidationError(
            _("%(count)s mã hộ đã được thêm vào sổ hộ sau khi kiểm tra tệp. Chưa lưu hộ nào.")
            % {"count": taken},
            code=FILE_REFUSED,
        )
    rows = list(stored.order_by("number").values_list(*ROW_COLUMNS).iterator(chunk_size=BATCH))
    _insert_households(ward, rows)
    _audit_created(ward, rows, household_import.uploaded_by_id)
    household_import.rows.all().delete()
    household_import.status, household_import.progress, household_import.step = ImportStatus.DONE, 100, ""
    household_import.imported_count, household_import.finished_at = len(rows), timezone.now()
    household_import.save(update_fields=["status", "progress", "step", "imported_count", "finished_at"])
    return household_import


def household_import_fail(import_id: int, message: str) -> HouseholdImport:
    """The import stops with its reason shown; its file and stored rows are deleted."""
    household_import = HouseholdImport.objects.get(pk=import_id)
    _discard(household_import)
    household_import.status, household_import.error, household_import.step = ImportStatus.FAILED, message, ""
    household_import.finished_at = timezone.now()
    household_import.save(update_fields=["status", "error", "step", "file", "finished_at"])
    return household_import


def _discard(household_import: HouseholdImport) -> None:
    if household_import.file:
        household_import.file.delete(save=False)
    household_import.rows.all().delete()


def household_imports_expire(now: datetime.datetime | None = None) -> int:
    """Uploads older than IMPORT_LIFETIME that were never committed lose their file and rows."""
    cutoff = (now or timezone.now()) - IMPORT_LIFETIME
    expired = HouseholdImport.objects.filter(created_at__lt=cutoff).exclude(
        status__in=[ImportStatus.DONE, ImportStatus.EXPIRED]
    )
    count = 0
    for household_import in expired.iterator():
        _discard(household_import)
        household_import.status, household_import.step = ImportStatus.EXPIRED, ""
        household_import.save(update_fields=["status", "step", "file"])
        count += 1
    return count


# The inserts below stream the rows (COPY on PostgreSQL, one prepared statement
# over all rows on SQLite): the ORM's bulk_create compiles every value of every row
# and was three times slower at 100,000 rows (make bench).


def _insert(model, columns: list[str], rows: list[tuple]) -> None:
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY streams the rows in one statement: the fastest way into PostgreSQL.
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(columns))
        for start in range(0, len(rows), BATCH):
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows[start : start + BATCH])


# Every column but the id: a test fails when the model gains one this list lacks.
HOUSEHOLD_COLUMNS = [
    "neighborhood_id",
    "ward_id",
    "code",
    "head_name",
    "address",
    "member_count",
    "representative_name",
    "status",
    "phone",
    "needs_review",
    "created_at",
    "updated_at",
    "search_text",
]


def _insert_households(ward: Division, rows: list[tuple]) -> None:
    now = timezone.now()
    _insert(
        Household,
        HOUSEHOLD_COLUMNS,
        [
            (
                *(
                    neighborhood,
                    ward.pk,
                    code,
                    head,
                    address,
                    members,
                    representative,
                    status,
                    phone,
                    False,
                    now,
                    now,
                ),
                # A raw insert: the folded search text is written here, as a save would.
                fold_values(code, head, address)[:SEARCH_TEXT_LENGTH],
            )
            for neighborhood, code, head, address, members, representative, status, phone in rows
        ],
    )


def _audit_created(ward: Division, rows: list[tuple], actor_id: int | None) -> None:
    """Raw inserts send no signals: write the audit entries ourselves, one per household."""
    # The JSON columns get their text as the JSONField would write it (json.dumps, no encoder):
    # letting the field adapt each value cost more than the rest of the entry (make bench).
    for field in ("changes", "additional_data"):
        assert LogEntry._meta.get_field(field).encoder is None, f"LogEntry.{field} has an encoder now"

    # The whole ward's codes: a 200,000-code IN list costs more than the ward's few extra rows.
    ids = dict(Household.objects.filter(ward=ward).values_list("code", "pk").iterator(chunk_size=BATCH))
    paths = dict(Division.objects.filter(parent=ward).values_list("pk", "path"))
    # One khu phố's entries share their extra data: written once per khu phố, not per row.
    extra = {kp: json.dumps({"division_path": path, "source": "import"}) for kp, path in paths.items()}
    content_type = ContentType.objects.get_for_model(Household).pk
    now = timezone.now()
    _insert(
        LogEntry,
        [
            "content_type_id",
            "object_pk",
            "object_id",
            "object_repr",
            "action",
            "changes_text",
            "changes",
            "actor_id",
            "timestamp",
            "additional_data",
        ],
        [
            (
                content_type,
                str(ids[code]),
                ids[code],
                f"{code} – {head}"[:200],
                LogEntry.Action.CREATE,
                "",
                json.dumps(
                    {"code": ["None", code], "head_name": ["None", head], "neighborhood": ["None", str(kp)]}
                ),
                actor_id,
                now,
                extra[kp],
            )
            for kp, code, head, *_rest in rows
        ],
    )


# --- the files the app writes: every text cell inert (no formula can start) ------------


def template_workbook() -> bytes:
    workbook = Workbook()
    sheet = cast(Worksheet, workbook.active)  # a new workbook opens on its one worksheet
    sheet.title = "Sổ hộ"
    append_inert(sheet, HEADERS)
    append_inert(
        sheet,
        [
            "P22-KP01-0001",
            "Nguyễn Văn An",
            "12/3 Xô Viết Nghệ Tĩnh",
            4,
            "Nguyễn Thị Bình",
            "Khu phố 1",
            "Đang cư trú",
            "0912 345 678",
        ],
    )
    for letter, width in zip("ABCDEFGH", (16, 26, 32, 14, 24, 12, 14, 16), strict=True):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_workbook(households) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Sổ hộ")
    append_inert(sheet, HEADERS)
    for h in households:
        append_inert(
            sheet,
            [
                h.code,
                h.head_name,
                h.address,
                h.member_count,
                h.representative_name,
                h.neighborhood.name,
                STATUS_LABELS[h.status],
                h.phone,
            ],
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
