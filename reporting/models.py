"""Documents the application issues, stored with their SHA-256.

A document is never re-written: when its source changes, a new row is rendered
and the old one stays, so every issued paper can be produced again as it was.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reporting.issuing import OfficeBody, Position

# The start of a pending row's ``error`` while its task could not be sent (see ``reporting.queue``).
NOT_QUEUED = "not queued"

# Sent rows get this long before a beat run counts them lost; unsent ones this long for
# the request that made them to finish sending.
SEND_GRACE = datetime.timedelta(minutes=1)


def private_file_name(stem: str, row: models.Model, extension: str) -> str:
    """The stored file's name of one row: the same for every attempt at that row (so a task run
    twice replaces its own file), and 128 bits keyed with the secret key (so knowing one file's
    name, or the row's number, reveals no other file's name)."""
    key = f"{row._meta.label_lower}:{row.pk}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), key, hashlib.sha256).hexdigest()[:32]
    return f"{stem}-{digest}.{extension}"


class DocumentState(models.TextChoices):
    """Where a paper stands: drafted (marked "DỰ THẢO", no number, no date), or issued when
    signed (numbered, dated, signed; never changed again: a correction is a new paper)."""

    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")


class DocumentStatus(models.TextChoices):
    PENDING = "pending", _("Đang tạo")
    READY = "ready", _("Sẵn sàng")
    FAILED = "failed", _("Lỗi")


def requeue_after() -> datetime.timedelta:
    """How long a sent task may take to start before a beat run counts it lost."""
    return datetime.timedelta(minutes=settings.REQUEUE_PENDING_AFTER_MINUTES)


def waiting_too_long(row: StoredDocument | ReportExport) -> bool:
    """Whether the page offers "Thử lại" for a row: failed, not sent, or lost in the queue.

    Here, below ``reporting.queue`` (which sends the tasks), because the rows' own
    ``offers_retry`` asks it: it reads only the row, the clock and the settings.
    """
    if row.status == DocumentStatus.FAILED:
        return True
    under_way = isinstance(row, ReportExport) and row.progress > 0
    if row.status != DocumentStatus.PENDING or under_way:
        return False  # done, or a worker is on it (an export under way shows its progress)
    now = timezone.now()
    if row.queued_at is None:
        return row.error.startswith(NOT_QUEUED) or row.created_at < now - SEND_GRACE
    return row.queued_at < now - requeue_after()


class StoredDocument(models.Model):
    # Not a column: set by reporting.services.document_request once the task is sent
    # (False: the broker was down).
    queued: bool | None

    kind = models.CharField(_("loại văn bản"), max_length=64)
    title = models.CharField(_("tên văn bản"), max_length=300)
    template_name = models.CharField(max_length=200, verbose_name=_("mẫu văn bản"))
    source_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("loại đối tượng nguồn")
    )
    source_id = models.CharField(max_length=64, verbose_name=_("mã đối tượng nguồn"))
    source = GenericForeignKey("source_type", "source_id")
    division = models.ForeignKey(
        "neighborhoods.Division",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("địa bàn"),
    )
    # The plan the paper's record belongs to (``elections.selectors.practice.plan_of``), empty
    # for a paper of no plan: the dashboards count the papers of one campaign (reporting.progress).
    plan = models.ForeignKey(
        "elections.Plan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kế hoạch"),
    )
    # The context the template was rendered from, and its SHA-256: the document is
    # rendered again only when this fingerprint changes.
    context = models.JSONField(default=dict, verbose_name=_("nội dung văn bản"))
    # A paper of a practice plan: watermarked, never numbered, never counted (elections.models.Plan).
    practice = models.BooleanField(_("bản thực hành"), default=False)
    source_fingerprint = models.CharField(max_length=64, verbose_name=_("dấu vân tay nguồn"))
    status = models.CharField(
        _("tình trạng"),
        max_length=16,
        choices=DocumentStatus.choices,
        default=DocumentStatus.PENDING,
    )
    file = models.FileField(upload_to="documents/%Y/", blank=True, verbose_name=_("tệp"))
    sha256 = models.CharField(max_length=64, blank=True, verbose_name=_("mã băm SHA-256"))
    error = models.TextField(blank=True, verbose_name=_("lỗi"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("thời điểm tạo"))
    # When the render task was last handed to the broker; empty while the broker was down.
    queued_at = models.DateTimeField(null=True, blank=True, verbose_name=_("thời điểm xếp hàng"))
    rendered_at = models.DateTimeField(null=True, blank=True, verbose_name=_("thời điểm tạo tệp"))

    # --- Issuing (reporting.services.document_issue) ---
    state = models.CharField(
        _("trạng thái"), max_length=16, choices=DocumentState.choices, default=DocumentState.DRAFT
    )
    # Printed in the footer and as a QR code: /xac-minh/<code>/ says what the paper is.
    # Empty for a form that is printed, never issued (a ballot).
    verification_code = models.CharField(_("mã xác minh"), max_length=11, blank=True)
    # The issued paper of this draft (set on the issued row, pointing back at its draft).
    draft = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issued_versions",
        verbose_name=_("bản dự thảo"),
    )
    # The issued paper this one corrects; that one is then "replaced" (it stays as it was).
    replaces = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
        verbose_name=_("thay thế văn bản"),
    )
    issuer_key = models.CharField(max_length=120, blank=True, verbose_name=_("cơ quan ban hành"))
    number_year = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=_("năm của số văn bản")
    )
    number_sequence = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("số thứ tự văn bản"))
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    signed_on = models.DateField(_("ngày ký"), null=True, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=150, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người ban hành"),
    )
    issued_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One draft per version of the content; its issued paper is a row of its own.
            models.UniqueConstraint(
                fields=["kind", "source_type", "source_id", "source_fingerprint"],
                condition=models.Q(state="draft"),
                name="one_draft_per_source_version",
            ),
            models.UniqueConstraint(
                fields=["verification_code"],
                condition=~models.Q(verification_code=""),
                name="verification_code_unique",
            ),
            # A number is given once in its issuer's year (ND30 Art. 15).
            models.UniqueConstraint(
                fields=["issuer_key", "number_year", "number_sequence"],
                condition=models.Q(number_sequence__isnull=False),
                name="issued_paper_number_unique",
            ),
            # A draft is issued once.
            models.UniqueConstraint(
                fields=["draft"], condition=models.Q(draft__isnull=False), name="one_issue_per_draft"
            ),
        ]
        indexes = [models.Index(fields=["source_type", "source_id", "kind"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_ready(self) -> bool:
        return self.status == DocumentStatus.READY

    @property
    def offers_retry(self) -> bool:
        return waiting_too_long(self)

    @property
    def is_issued(self) -> bool:
        return self.state == DocumentState.ISSUED


class IssuedNumber(models.Model):
    """The number a document of one kind got for one source ("05/QĐ-UBND").

    Numbers run per issuing body and restart each year (ND30 Art. 15); a document
    rendered again for the same source keeps its number.
    """

    issuer = models.CharField(max_length=120)
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    symbol = models.CharField(max_length=40)
    kind = models.CharField(max_length=64)
    source_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    source_id = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "year", "sequence"], name="issued_number_unique"),
            models.UniqueConstraint(
                fields=["kind", "source_type", "source_id"], name="one_number_per_document"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sequence:02d}/{self.symbol}"


class NumberCounter(models.Model):
    """The last number an issuer gave in a year: the row locked while the next is taken.

    Locking the numbers already given cannot serialise the first document of a year
    (there is no row to lock yet) nor stop two readers of the same highest number; one
    counter row per issuer and year, locked with ``select_for_update``, does both.
    """

    issuer = models.CharField(max_length=120)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuer", "year"], name="one_counter_per_issuer_year")]

    def __str__(self) -> str:
        return f"{self.issuer} {self.year}: {self.last}"


class ProgressSnapshot(models.Model):
    """A division's dashboard figures as they stood on a day (taken each night).

    Feeds the completion-over-time chart; a later correction of a record does not
    rewrite the past days.
    """

    division = models.ForeignKey("neighborhoods.Division", on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("ngày"))
    elections = models.PositiveIntegerField(_("số cuộc bầu cử"))
    completed = models.PositiveIntegerField(_("số đã hoàn thành"))
    figures = models.JSONField(default=dict)  # the dashboard's total row, as in the JSON API
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("số liệu trong ngày")
        verbose_name_plural = _("số liệu trong ngày")
        constraints = [
            models.UniqueConstraint(fields=["division", "day"], name="one_snapshot_per_division_day")
        ]

    def __str__(self) -> str:
        return f"{self.division_id} – {self.day:%d/%m/%Y}"


class ExportFormat(models.TextChoices):
    XLSX = "xlsx", _("Excel (.xlsx)")
    PDF = "pdf", _("Báo cáo PDF")


class ReportExport(models.Model):
    """A progress and statistics report of one division, built by a Celery task."""

    # Not a column: set by reporting.exports.export_request once the task is sent
    # (False: the broker was down).
    queued: bool | None

    division = models.ForeignKey("neighborhoods.Division", on_delete=models.PROTECT, related_name="+")
    format = models.CharField(_("định dạng"), max_length=8, choices=ExportFormat.choices)
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    step = models.CharField(_("đang làm"), max_length=200, blank=True)
    file = models.FileField(upload_to="reports/%Y/", blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)
    # True for the morning report the scheduler prepares for the district officer.
    scheduled = models.BooleanField(default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # When the build task was last handed to the broker; empty while the broker was down.
    queued_at = models.DateTimeField(null=True, blank=True)
    # When a worker claimed the build: a second delivery of the task leaves it to that worker.
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("báo cáo xuất")
        verbose_name_plural = _("báo cáo xuất")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.division} – {self.get_format_display()} ({self.created_at:%d/%m/%Y %H:%M})"

    @property
    def offers_retry(self) -> bool:
        return waiting_too_long(self)


class OfficeHolder(models.Model):
    """One person who may sign for a body of a ward or khu phố (the register of signers).

    A paper's signer is chosen from here when it is issued, so no paper prints a blank
    signature; a holder who leaves office is made inactive, never deleted (issued papers
    keep the name they were signed with).
    """

    division = models.ForeignKey(
        "neighborhoods.Division",
        on_delete=models.PROTECT,
        related_name="office_holders",
        verbose_name=_("địa bàn"),
    )
    body = models.CharField(_("cơ quan"), max_length=32, choices=OfficeBody.choices)
    position = models.CharField(_("chức vụ"), max_length=32, choices=Position.choices)
    full_name = models.CharField(_("họ và tên"), max_length=150)
    active = models.BooleanField(_("đang giữ chức vụ"), default=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("thời điểm tạo"))

    class Meta:
        verbose_name = _("người ký văn bản")
        verbose_name_plural = _("người ký văn bản")
        ordering = ["division", "body", "position", "full_name"]

    def __str__(self) -> str:
        return f"{self.full_name} – {self.get_position_display()}, {self.get_body_display()}"


# --- periodic grassroots-democracy reports (issue 15) ---


class ReportPeriodCode(models.TextChoices):
    """The periods of the Quận 10 plan (seed 004): each quarter, and 6, 9 and 12 months from
    1 January (``elections.rules.REPORT_PERIODS`` gives their days)."""

    Q1 = "q1", _("Quý I")
    Q2 = "q2", _("Quý II")
    Q3 = "q3", _("Quý III")
    Q4 = "q4", _("Quý IV")
    H1 = "6m", _("6 tháng")
    M9 = "9m", _("9 tháng")
    YEAR = "12m", _("Năm")


class PeriodicReportStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SENT = "sent", _("Đã gửi")
    RECEIVED = "received", _("Đã tiếp nhận")


class PeriodicReport(models.Model):
    """A division's report on grassroots democracy for one period: a ward's, sent to the level
    above (the district, on the 2025 map the province), or a district's own report over its
    wards. The figures are computed from the records while it is a draft and frozen in
    ``figures`` when it is sent; a sent report never changes: a correction is a new version that
    names the one it replaces and why (``reporting.periodic_services``)."""

    division = models.ForeignKey(
        "neighborhoods.Division",
        on_delete=models.PROTECT,
        related_name="periodic_reports",
        verbose_name=_("địa bàn"),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    period = models.CharField(_("kỳ báo cáo"), max_length=4, choices=ReportPeriodCode.choices)
    version = models.PositiveSmallIntegerField(_("lần"), default=1)
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("thay thế bản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    correction_reason = models.TextField(_("lý do đính chính"), blank=True)
    status = models.CharField(
        _("tình trạng"),
        max_length=16,
        choices=PeriodicReportStatus.choices,
        default=PeriodicReportStatus.DRAFT,
    )
    due_on = models.DateField(_("hạn gửi"))
    results = models.TextField(_("Kết quả thực hiện"), blank=True)
    shortcomings = models.TextField(_("Tồn tại, hạn chế"), blank=True)
    directions = models.TextField(_("Phương hướng, kiến nghị"), blank=True)
    # The figures as sent (empty while a draft: they are computed from the records).
    figures = models.JSONField(_("số liệu khi gửi"), default=dict, blank=True)
    sent_on = models.DateField(_("ngày gửi"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người gửi"),
    )
    received_on = models.DateField(_("ngày tiếp nhận"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người tiếp nhận"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("thời điểm tạo"))

    class Meta:
        verbose_name = _("báo cáo định kỳ")
        verbose_name_plural = _("báo cáo định kỳ")
        ordering = ["division", "year", "period", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["division", "year", "period", "version"], name="periodic_report_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.division} – {self.get_period_display()} {self.year} (lần {self.version})"

    @property
    def is_draft(self) -> bool:
        return self.status == PeriodicReportStatus.DRAFT

    def get_additional_data(self) -> dict:
        return {"division_path": self.division.path}
