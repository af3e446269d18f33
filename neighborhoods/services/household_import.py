"""Importing a household register from .xlsx or .csv, all or nothing.

The file is read into rows, every row is checked and every problem collected
(row number, column, Vietnamese message); only a file with no problem at all
is committed, in one transaction with bulk inserts, each row audited.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from neighborhoods.models import Division, Household, HouseholdStatus
from neighborhoods.services.neighborhoods import current_neighborhoods
from wardvote.text import normalise_name

CODE, HEAD, ADDRESS, MEMBERS, REPRESENTATIVE, NEIGHBORHOOD, STATUS = (
    "Mã hộ",
    "Họ tên chủ hộ",
    "Địa chỉ",
    "Số nhân khẩu",
    "Người đại diện",
    "Khu phố",
    "Tình trạng",
)
HEADERS = [CODE, HEAD, ADDRESS, MEMBERS, REPRESENTATIVE, NEIGHBORHOOD, STATUS]
REQUIRED_HEADERS = [CODE, HEAD, NEIGHBORHOOD]
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


class ImportFileError(Exception):
    """The file as a whole cannot be read (format, encoding, headers)."""


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass(frozen=True)
class ImportRow:
    """One checked row, ready to insert (a plain object: 100,000 model instances are slow)."""

    neighborhood: Division
    code: str
    head_name: str
    address: str
    member_count: int
    representative_name: str
    status: str


@dataclass
class ImportPreview:
    households: list[ImportRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    row_count: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.households)


# --- reading -------------------------------------------------------------------------


def read_table(filename: str, data: bytes) -> tuple[list[str], list[tuple[int, list]]]:
    """Headers and (row number, values) of the first sheet; row numbers as the user sees them."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        return _read_xlsx(data)
    if name.endswith(".csv"):
        return _read_csv(data)
    raise ImportFileError(_("Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv)."))


def _read_xlsx(data: bytes):
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise ImportFileError(_("Không đọc được tệp Excel. Hãy lưu lại tệp dưới dạng .xlsx.")) from exc
    rows = workbook.worksheets[0].iter_rows(values_only=True)
    headers = [str(value or "").strip() for value in next(rows, [])]
    return headers, [(number, list(values)) for number, values in enumerate(rows, start=2)]


def _read_csv(data: bytes):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            _("Tệp CSV không đúng bảng mã UTF-8 (sai bảng mã). Trong Excel, hãy chọn Lưu thành “CSV UTF-8”.")
        ) from exc
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    headers = [value.strip() for value in next(reader, [])]
    return headers, [(number, values) for number, values in enumerate(reader, start=2)]


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


def _member_count(value) -> int | None:
    text = _text(value)
    if not text:
        return 1
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return None
    return int(number) if number.is_integer() and 1 <= number <= 99 else None


def check_rows(ward: Division, headers: list[str], rows: list[tuple[int, list]]) -> ImportPreview:
    missing = [h for h in REQUIRED_HEADERS if h not in headers]
    if missing:
        raise ImportFileError(
            _("Thiếu cột: %(columns)s. Hãy dùng tệp mẫu (dòng đầu là tên cột).")
            % {"columns": ", ".join(missing)}
        )
    if len(rows) > MAX_ROWS:
        raise ImportFileError(_("Tệp có quá %(max)s dòng.") % {"max": f"{MAX_ROWS:,}".replace(",", ".")})
    column = {header: index for index, header in enumerate(headers) if header in HEADERS}
    neighborhoods = _neighborhood_lookup(ward)
    codes_in_register = set(Household.objects.filter(ward=ward).values_list("code", flat=True))
    first_row_of_code: dict[str, int] = {}
    preview = ImportPreview()

    for number, values in rows:
        cell = {header: _text(values[i]) if i < len(values) else "" for header, i in column.items()}
        raw_members = values[column[MEMBERS]] if MEMBERS in column and column[MEMBERS] < len(values) else ""
        if not any(cell.values()):
            continue  # blank lines at the end of a sheet
        preview.row_count += 1
        errors = _row_errors(number, cell, raw_members, neighborhoods, codes_in_register, first_row_of_code)
        if errors:
            preview.errors += errors
            continue
        preview.households.append(
            ImportRow(
                neighborhood=neighborhoods[normalise_name(cell[NEIGHBORHOOD])],
                code=cell[CODE],
                head_name=cell[HEAD],
                address=cell.get(ADDRESS, ""),
                member_count=_member_count(raw_members),
                representative_name=cell.get(REPRESENTATIVE, ""),
                status=STATUS_WORDS[normalise_name(cell.get(STATUS, ""))],
            )
        )
    if preview.row_count == 0:
        raise ImportFileError(_("Tệp không có dòng dữ liệu nào."))
    return preview


def _row_errors(
    number, cell, raw_members, neighborhoods, codes_in_register, first_row_of_code
) -> list[RowError]:
    errors = []
    code = cell[CODE]
    if not code:
        errors.append(RowError(number, CODE, _("Thiếu mã hộ.")))
    elif code in first_row_of_code:
        errors.append(
            RowError(
                number,
                CODE,
                _("Mã hộ %(code)s trùng với dòng %(row)s.") % {"code": code, "row": first_row_of_code[code]},
            )
        )
    elif code in codes_in_register:
        errors.append(
            RowError(number, CODE, _("Mã hộ %(code)s đã có trong sổ hộ của phường.") % {"code": code})
        )
    if code:
        first_row_of_code.setdefault(code, number)
    if not cell[HEAD]:
        errors.append(RowError(number, HEAD, _("Thiếu họ tên chủ hộ.")))
    if not cell[NEIGHBORHOOD]:
        errors.append(RowError(number, NEIGHBORHOOD, _("Thiếu khu phố.")))
    elif normalise_name(cell[NEIGHBORHOOD]) not in neighborhoods:
        errors.append(
            RowError(
                number,
                NEIGHBORHOOD,
                _("Không có khu phố “%(name)s” trong phường.") % {"name": cell[NEIGHBORHOOD]},
            )
        )
    if _member_count(raw_members) is None:
        errors.append(
            RowError(
                number,
                MEMBERS,
                _("Số nhân khẩu “%(value)s” không hợp lệ: phải là số nguyên từ 1 đến 99.")
                % {"value": cell.get(MEMBERS, "")},
            )
        )
    if normalise_name(cell.get(STATUS, "")) not in STATUS_WORDS:
        errors.append(
            RowError(
                number,
                STATUS,
                _("Tình trạng “%(value)s” không hợp lệ: ghi “Đang cư trú” hoặc “Đã chuyển đi”.")
                % {"value": cell[STATUS]},
            )
        )
    return errors


def preview_file(ward: Division, filename: str, data: bytes) -> ImportPreview:
    headers, rows = read_table(filename, data)
    return check_rows(ward, headers, rows)


# --- committing ----------------------------------------------------------------------


@transaction.atomic
def households_import(*, ward: Division, filename: str, data: bytes, by=None) -> int:
    """Check the file again and save every household, or nothing (ImportFileError / errors)."""
    Division.objects.select_for_update().filter(pk=ward.pk).first()  # one import per ward at a time
    preview = preview_file(ward, filename, data)
    if not preview.ok:
        raise ImportFileError(_("Tệp có %(count)s lỗi, chưa lưu hộ nào.") % {"count": len(preview.errors)})
    _insert_households(ward, preview.households)
    ids = dict(
        Household.objects.filter(ward=ward, code__in=[r.code for r in preview.households])
        .values_list("code", "pk")
        .iterator(chunk_size=5000)
    )
    _audit_created(preview.households, ids, by)
    return len(preview.households)


# The two inserts below stream the rows (COPY on PostgreSQL, one prepared statement
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
        for start in range(0, len(rows), 5000):
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows[start : start + 5000])


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
    "needs_review",
    "created_at",
    "updated_at",
]


def _insert_households(ward: Division, rows: list[ImportRow]) -> None:
    now = timezone.now()
    _insert(
        Household,
        HOUSEHOLD_COLUMNS,
        [
            (
                r.neighborhood.pk,
                ward.pk,
                r.code,
                r.head_name,
                r.address,
                r.member_count,
                r.representative_name,
                r.status,
                False,
                now,
                now,
            )
            for r in rows
        ],
    )


def _audit_created(rows: list[ImportRow], ids: dict[str, int], actor) -> None:
    """Raw inserts send no signals: write the audit entries ourselves, one per household."""
    changes_field = LogEntry._meta.get_field("changes")
    extra_field = LogEntry._meta.get_field("additional_data")

    def as_json(model_field, value):
        return model_field.get_db_prep_save(value, connection)

    content_type = ContentType.objects.get_for_model(Household).pk
    now = timezone.now()
    actor_id = actor.pk if actor is not None else None
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
                str(ids[r.code]),
                ids[r.code],
                f"{r.code} – {r.head_name}"[:200],
                LogEntry.Action.CREATE,
                "",
                as_json(
                    changes_field,
                    {
                        "code": ["None", r.code],
                        "head_name": ["None", r.head_name],
                        "neighborhood": ["None", str(r.neighborhood.pk)],
                    },
                ),
                actor_id,
                now,
                as_json(extra_field, {"division_path": r.neighborhood.path, "source": "import"}),
            )
            for r in rows
        ],
    )


def template_workbook() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sổ hộ"
    sheet.append(HEADERS)
    sheet.append(
        [
            "P22-KP01-0001",
            "Nguyễn Văn An",
            "12/3 Xô Viết Nghệ Tĩnh",
            4,
            "Nguyễn Thị Bình",
            "Khu phố 1",
            "Đang cư trú",
        ]
    )
    for letter, width in zip("ABCDEFG", (16, 26, 32, 14, 24, 12, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_workbook(households) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Sổ hộ")
    sheet.append(HEADERS)
    for h in households:
        sheet.append(
            [
                h.code,
                h.head_name,
                h.address,
                h.member_count,
                h.representative_name,
                h.neighborhood.name,
                STATUS_LABELS[h.status],
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
