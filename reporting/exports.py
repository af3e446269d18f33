"""Progress and statistics reports of a division, as .xlsx or as an ND30 PDF report.

Built by a Celery task that records its progress (the page shows a progress bar)
and stores the file with its SHA-256; the nightly snapshots are taken here too.
"""

from __future__ import annotations

import datetime
import hashlib
import io

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.styles import Font

from elections import rules
from elections.models import Stage
from neighborhoods.models import TWO_LEVEL_EDITIONS, Division, Level
from reporting import progress as rollup
from reporting import queue, services, statistics
from reporting.models import DocumentStatus, ExportFormat, ProgressSnapshot, ReportExport, private_file_name
from reporting.storage import save_atomically
from reporting.vietnamese import long_date
from wardvote.replica import reads_from_replica
from wardvote.spreadsheets import append_inert

STAGE_LABELS = dict(Stage.choices)


def export_request(*, division: Division, fmt: str, user=None, scheduled: bool = False) -> ReportExport:
    """A pending export, sent to the workers after the commit (``export.queued``: did the broker take it)."""
    export = ReportExport.objects.create(
        division=division, format=fmt, requested_by=user, scheduled=scheduled
    )
    _enqueue_build(export)
    return export


def _enqueue_build(export: ReportExport) -> None:
    export.queued = None

    def send():
        export.queued = queue.send(queue.BUILD_EXPORT, export)

    transaction.on_commit(send)


def export_retry(*, export: ReportExport) -> ReportExport:
    """On "Thử lại": a failed export, or one whose task never reached a worker, is sent again."""
    export.queued = None
    with transaction.atomic():
        reset = ReportExport.objects.filter(pk=export.pk, status=DocumentStatus.FAILED).update(
            status=DocumentStatus.PENDING, error="", progress=0, step="", started_at=None
        )
        if reset or export.status == DocumentStatus.PENDING:
            _enqueue_build(export)
    export.refresh_from_db()
    return export


def requeue_stale_exports() -> int:
    """Beat: send again every export left pending (the broker was down, or its task was lost)."""
    return queue.send_all(queue.BUILD_EXPORT, queue.stale(ReportExport.objects))


def _claim(export_id: int) -> bool:
    """Take the build for this worker, unless another one is building it.

    A build is claimed for half the broker's visibility timeout: a task delivered again
    after its worker was killed finds the dead worker's claim expired and builds.
    """

    now = timezone.now()
    expired = now - datetime.timedelta(seconds=settings.CELERY_VISIBILITY_TIMEOUT / 2)
    free = Q(started_at__isnull=True) | Q(started_at__lt=expired)
    claimed = ReportExport.objects.filter(free, pk=export_id, status=DocumentStatus.PENDING)
    return bool(claimed.update(started_at=now))


def _step(export: ReportExport, percent: int, step: str) -> None:
    ReportExport.objects.filter(pk=export.pk).update(progress=percent, step=step)


def export_build(export_id: int, today: datetime.date | None = None) -> ReportExport:
    """Build a pending export once, however many times its task is delivered."""
    if not _claim(export_id):
        return ReportExport.objects.get(pk=export_id)  # built, or being built by another worker
    try:
        return _build(ReportExport.objects.select_related("division").get(pk=export_id), today)
    except BaseException:
        # Released, so that the task's retry (or "Thử lại") can build it.
        ReportExport.objects.filter(pk=export_id).update(started_at=None)
        raise


def _build(export: ReportExport, today: datetime.date | None) -> ReportExport:
    today = today or timezone.localdate()
    # A report is an official paper: in Vietnamese, whatever language the requester reads.
    with translation.override(settings.LANGUAGE_CODE):
        _step(export, 10, "Tổng hợp tiến độ")
        with reads_from_replica():
            figures = rollup.progress(export.division, today)
        _step(export, 40, "Thống kê người trúng cử")
        with reads_from_replica():
            tables = statistics.all_tables(
                export.division, today, [(row.pk, row.name) for row in figures.rows]
            )
        _step(export, 70, "Lập tệp báo cáo")
        if export.format == ExportFormat.XLSX:
            content, extension = workbook(figures, tables), "xlsx"
        else:
            content, extension = report_pdf(export, figures, tables, today), "pdf"
    digest = hashlib.sha256(content).hexdigest()
    # One name per export, so a build run again replaces its own file instead of adding one.
    save_atomically(export.file, private_file_name("bao-cao", export, extension), content)
    export.sha256, export.status, export.progress, export.step = digest, DocumentStatus.READY, 100, ""
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "sha256", "status", "progress", "step", "finished_at"])
    return export


def export_mark_failed(export_id: int, error: str) -> None:
    ReportExport.objects.filter(pk=export_id).update(status=DocumentStatus.FAILED, error=error[:2000])


# --- Tables, shared by the workbook and the PDF --------------------------------------


def progress_table(figures: rollup.Progress) -> tuple[list[str], list[list]]:
    header = [
        "Đơn vị",
        "Số cuộc bầu cử",
        *map(str, STAGE_LABELS.values()),
        "Đã hoàn thành",
        "Tỷ lệ hoàn thành (%)",
        "Tổng số hộ",
        "Số hộ tham gia",
        "Tỷ lệ tham gia (%)",
        "Việc quá hạn",
        "Vị trí khuyết",
        "Trưởng khu phố lâm thời",
        "Quá hạn bầu Trưởng khu phố mới",
    ]
    rows = []
    for row in [*figures.rows, figures.total]:
        rows.append(
            [
                row.name if row is not figures.total else "Tổng cộng",
                row.total,
                *(row.stages.get(stage, 0) for stage in STAGE_LABELS),
                row.done,
                row.completion,
                row.households,
                row.present,
                row.turnout if row.turnout is not None else "",
                row.overdue_total,
                row.term.vacancies,
                row.term.interim_heads,
                row.term.overdue,
            ]
        )
    return header, rows


def overdue_table(figures: rollup.Progress) -> tuple[list[str], list[list]]:
    header = ["Đơn vị", *(rule.label for rule in figures.rules)]
    rows = [[row.name, *(row.overdue.get(rule.key, 0) for rule in figures.rules)] for row in figures.rows]
    rows.append(["Tổng cộng", *(figures.total.overdue.get(rule.key, 0) for rule in figures.rules)])
    return header, rows


def statistics_rows(table: statistics.Table) -> tuple[list[str], list[list]]:
    if not table.percent:
        header = ["Đơn vị", *table.columns]
        rows = [[name, *values] for name, values in table.rows] + [["Tổng cộng", *table.total]]
        return header, rows
    header = ["Đơn vị", table.columns[0]]
    for column in table.columns[1:]:
        header += [column, f"{column} (%)"]

    def line(name, values):
        base = values[0]
        cells = [name, base]
        for value in values[1:]:
            cells += [value, rules.percent(value, base)]
        return cells

    return header, [line(name, values) for name, values in table.rows] + [line("Tổng cộng", table.total)]


def workbook(figures: rollup.Progress, tables: list[statistics.Table]) -> bytes:
    """One sheet per table, Vietnamese headers, numbers stored as numbers, texts inert."""
    book = Workbook()
    sheets = [
        ("Tiến độ", "Tiến độ bầu cử", *progress_table(figures)),
        ("Quá hạn", "Việc quá hạn theo quy định", *overdue_table(figures)),
    ]
    sheets += [(table.key, table.title, *statistics_rows(table)) for table in tables]
    book.remove(book.worksheets[0])  # the empty sheet a new workbook opens on
    for index, (name, title, header, rows) in enumerate(sheets, start=1):
        sheet = book.create_sheet(f"{index:02d} {name}"[:31])
        append_inert(sheet, [f"{title} – {figures.division.name}, ngày {figures.today:%d/%m/%Y}"])
        sheet["A1"].font = Font(bold=True)
        append_inert(sheet, header)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in rows:
            append_inert(sheet, row)
        sheet.column_dimensions["A"].width = 28
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _issuer(division: Division) -> tuple[str, str]:
    parent = division.parent
    if division.level in (Level.COUNTRY,):
        return "", "Bộ Nội vụ"
    return (f"Ủy ban nhân dân {parent.name}" if parent and parent.level != Level.COUNTRY else ""), (
        f"Ủy ban nhân dân\n{division.name}"
    )


def report_context(export: ReportExport, figures: rollup.Progress, tables, today: datetime.date) -> dict:
    division = export.division
    parent, issuer = _issuer(division)
    header, rows = progress_table(figures)
    overdue_header, overdue_rows = overdue_table(figures)
    return {
        "issuer_parent": parent,
        "issuer": issuer,
        "number": services.document_number(
            kind="progress_report",
            source=export,
            issuer=f"BC-{division.pk}",
            symbol="BC-UBND",
            year=today.year,
        ),
        "place_date": f"{division.name}, {long_date(today)}",
        "doc_type": "Báo cáo",
        "subject": "Tiến độ và kết quả bầu cử Trưởng khu phố, thành viên Ban Thanh tra nhân dân\n"
        + division.name,
        "summary": (
            f"Đến ngày {today:%d/%m/%Y}, {figures.total.done}/{figures.total.total} khu phố đã hoàn thành "
            f"({rules.format_percent(figures.total.completion)})"
            + (f"; thời hạn theo kế hoạch: {figures.deadline:%d/%m/%Y}" if figures.deadline else "")
            + f"; {figures.total.overdue_total} việc quá hạn theo quy định."
        ),
        "tables": [
            {"title": "Tiến độ theo đơn vị", "header": header, "rows": rows},
            {"title": "Việc quá hạn theo quy định", "header": overdue_header, "rows": overdue_rows},
            *({"title": t.title, "header": h, "rows": r} for t in tables for h, r in [statistics_rows(t)]),
        ],
        "authority": ["TM. Ủy ban nhân dân"],
        "signer_title": "Chủ tịch",
        "signer_name": "",
        "recipients": ["Cấp trên trực tiếp", "Lưu: VT"],
    }


def report_pdf(export: ReportExport, figures, tables, today: datetime.date) -> bytes:
    return services.render_pdf(
        "documents/reporting/progress_report.html", report_context(export, figures, tables, today)
    )


# --- Nightly snapshots ----------------------------------------------------------------


SNAPSHOT_FIGURES = {
    "elections": Count("pk"),
    "completed": Count("pk", filter=Q(stage__in=rollup.DONE_STAGES)),
    "households": Sum("households"),
    "present": Sum("present"),
}


def _snapshot(division_id: int, day: datetime.date, row: dict) -> ProgressSnapshot:
    return ProgressSnapshot(
        division_id=division_id,
        day=day,
        elections=row["elections"],
        completed=row["completed"],
        figures={"households": row["households"] or 0, "present": row["present"] or 0},
    )


def snapshot_all(day: datetime.date) -> int:
    """Every division's figures of the day: one aggregate query per level."""
    snapshots = []
    for column in ("province", "district", "ward"):
        rows = (
            rollup.term_elections()
            .exclude(**{f"{column}__isnull": True})
            .values(column)
            .annotate(**SNAPSHOT_FIGURES)
        )
        snapshots += [_snapshot(row[column], day, row) for row in rows.order_by()]
    country = Division.objects.filter(level=Level.COUNTRY).values_list("pk", flat=True).first()
    if country:
        snapshots.append(_snapshot(country, day, rollup.term_elections().aggregate(**SNAPSHOT_FIGURES)))
    with transaction.atomic():
        ProgressSnapshot.objects.filter(day=day).delete()
        ProgressSnapshot.objects.bulk_create(snapshots, batch_size=2000)
    return len(snapshots)


def districts_in_campaign() -> list[int]:
    """The divisions whose officers get a morning report while an election below them is not
    completed: each district, and on the two-level map (no district) each province."""
    running = rollup.term_elections().exclude(stage__in=rollup.DONE_STAGES)
    districts = running.exclude(district__isnull=True).values_list("district", flat=True)
    provinces = running.filter(
        district__isnull=True, province__map_edition__in=TWO_LEVEL_EDITIONS
    ).values_list("province", flat=True)
    return sorted(set(districts) | set(provinces))
