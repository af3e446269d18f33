"""Administrative divisions, households, staff assignments and reorganisations.

Every level of the map -- country, province, district (optional since the
reform of 1 July 2025), ward and khu phố -- is a row of one ``Division`` tree.
``path`` is a materialised path of primary keys (``/1/80/913/``) so that a whole
subtree is one indexed prefix query (see ``DivisionQuerySet.subtree``).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from neighborhoods.phones import PHONE_MAX_LENGTH, spaced
from wardvote.fields import SEARCH_TEXT_LENGTH, FoldedTextField


class Level(models.TextChoices):
    COUNTRY = "country", _("Quốc gia")
    PROVINCE = "province", _("Tỉnh/Thành phố")
    DISTRICT = "district", _("Quận/Huyện")
    WARD = "ward", _("Phường/Xã")
    NEIGHBORHOOD = "neighborhood", _("Khu phố/Ấp")


def path_upper_bound(path: str) -> str:
    """The smallest string greater than every path that starts with ``path``.

    Paths end with "/" and hold only digits and "/"; "0" follows "/" in every
    byte-wise collation, so ``[path, path[:-1] + "0")`` is exactly the subtree.
    """
    return path[:-1] + "0"


# Editions of the official map without a district level: from 1 July 2025 (Resolution
# 202/2025/QH15) a province's wards and communes hang directly under it.
TWO_LEVEL_EDITIONS = frozenset({"2025"})


def on_two_level_map(division: Division) -> bool:
    """Whether a province or ward belongs to a map without districts (a khu phố carries no
    edition: ask its ward)."""
    return division.map_edition in TWO_LEVEL_EDITIONS


class DivisionQuerySet(models.QuerySet):
    def subtree(self, root: Division | str) -> DivisionQuerySet:
        """The division and everything below it, as one range query on ``path``."""
        return self.filter(subtree_q(root))

    def valid_on(self, day: datetime.date) -> DivisionQuerySet:
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        )

    def neighborhoods(self) -> DivisionQuerySet:
        return self.filter(level=Level.NEIGHBORHOOD)


def subtree_q(root: Division | str, field: str = "path") -> Q:
    """A filter for the rows whose ``field`` lies in the subtree of ``root``.

    A range rather than LIKE: it uses the B-tree index on SQLite (whose LIKE is
    case-insensitive and so skips the index) and on PostgreSQL alike.
    """
    path = root if isinstance(root, str) else root.path
    return Q(**{f"{field}__gte": path, f"{field}__lt": path_upper_bound(path)})


class Division(models.Model):
    level = models.CharField(_("cấp"), max_length=16, choices=Level.choices, db_index=True)
    code = models.CharField(
        _("mã"),
        max_length=16,
        blank=True,
        db_index=True,
        help_text=_("Mã đơn vị hành chính của Tổng cục Thống kê; trống với khu phố."),
    )
    name = models.CharField(_("tên"), max_length=200)
    type_word = models.CharField(
        _("loại"), max_length=40, help_text=_("Thành phố, Quận, Phường, Khu phố, Ấp, Thôn, Tổ dân phố…")
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(
        max_length=255,
        db_index=True,
        editable=False,
        default="",
        verbose_name=_("đường dẫn trong cây địa bàn"),
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_until = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    # Which official map a row was loaded from ("2024", "2025"); empty for khu phố.
    map_edition = models.CharField(_("bản đồ"), max_length=8, blank=True, db_index=True)

    objects = DivisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "map_edition"],
                condition=~Q(code=""),
                name="division_code_unique_per_map",
            ),
            # The ward's current khu phố each have their own name; ended ones keep theirs.
            models.UniqueConstraint(
                fields=["parent", "name"],
                condition=Q(level="neighborhood", valid_until__isnull=True),
                name="current_khu_pho_name_unique_in_ward",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part]

    def child_id_on(self, path: str) -> int:
        """The id of this division's child on the way down to the division at ``path`` (one of
        its descendants): paths hold the ids from the country down, "/1/80/913/"."""
        return int(path.strip("/").split("/")[len(self.ancestor_ids)])

    def ancestors(self) -> DivisionQuerySet:
        """Every division above this one, from the top down (one query)."""
        ids = self.ancestor_ids[:-1]
        return Division.objects.filter(pk__in=ids).order_by("path")

    def is_within(self, other: Division) -> bool:
        return self.path.startswith(other.path)

    def get_additional_data(self) -> dict:
        return {"division_path": self.path}


class HouseholdStatus(models.TextChoices):
    ACTIVE = "active", _("Đang cư trú")
    MOVED = "moved", _("Đã chuyển đi")


class Household(models.Model):
    """One household of the register: the unit that votes at the community meeting."""

    neighborhood = models.ForeignKey(
        Division,
        verbose_name=_("khu phố"),
        on_delete=models.PROTECT,
        related_name="households",
        limit_choices_to={"level": Level.NEIGHBORHOOD},
    )
    # Denormalised so a household code is unique in its ward even across khu phố moves.
    ward = models.ForeignKey(
        Division,
        verbose_name=_("phường"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    code = models.CharField(_("mã hộ"), max_length=32)
    head_name = models.CharField(_("họ tên chủ hộ"), max_length=150)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    member_count = models.PositiveSmallIntegerField(_("số nhân khẩu"), default=1)
    representative_name = models.CharField(_("người đại diện hộ"), max_length=150, blank=True)
    # National digits only (neighborhoods.phones), so the team can call a family that has not come.
    phone = models.CharField(_("số điện thoại"), max_length=PHONE_MAX_LENGTH, blank=True)
    status = models.CharField(
        _("tình trạng"),
        max_length=16,
        choices=HouseholdStatus.choices,
        default=HouseholdStatus.ACTIVE,
    )
    # Added at a community meeting because it was missing from the register: the ward reviews it.
    needs_review = models.BooleanField(_("cần phường xem lại"), default=False)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("thời điểm tạo"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("thời điểm sửa"))
    # The code, the head's name and the address (house number first) without tones, for the
    # search at the meeting's check-in ("nguyen van" finds "Nguyễn Văn"); kept on every save.
    search_text = FoldedTextField(
        _("chuỗi tìm kiếm"), max_length=SEARCH_TEXT_LENGTH, sources=("code", "head_name", "address")
    )

    class Meta:
        verbose_name = _("hộ gia đình")
        verbose_name_plural = _("hộ gia đình")
        constraints = [
            models.UniqueConstraint(fields=["ward", "code"], name="household_code_unique_in_ward"),
        ]
        indexes = [
            models.Index(fields=["neighborhood", "status"]),
            # The check-in's search reads one khu phố's folded text from the index alone.
            models.Index(fields=["neighborhood", "search_text"], name="household_search_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.head_name}"

    def get_additional_data(self) -> dict:
        return {"division_path": self.neighborhood.path}

    @property
    def phone_spaced(self) -> str:
        return spaced(self.phone)


class Role(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", _("Quản trị hệ thống")
    CITY_HOME_AFFAIRS = "city_home_affairs", _("Sở Nội vụ")
    CITY_FRONT = "city_front", _("Ủy ban MTTQ thành phố")
    DISTRICT_HOME_AFFAIRS = "district_home_affairs", _("Phòng Nội vụ quận")
    DISTRICT_FRONT = "district_front", _("Ủy ban MTTQ quận")
    WARD_OFFICIAL = "ward_official", _("Cán bộ UBND phường")
    WARD_FRONT = "ward_front", _("Cán bộ UBMTTQ phường")
    ELECTION_TEAM = "election_team", _("Tổ bầu cử")


# The level of division each role is assigned at.
ROLE_LEVEL: dict[str, str] = {
    Role.SYSTEM_ADMIN: Level.COUNTRY,
    Role.CITY_HOME_AFFAIRS: Level.PROVINCE,
    Role.CITY_FRONT: Level.PROVINCE,
    Role.DISTRICT_HOME_AFFAIRS: Level.DISTRICT,
    Role.DISTRICT_FRONT: Level.DISTRICT,
    Role.WARD_OFFICIAL: Level.WARD,
    Role.WARD_FRONT: Level.WARD,
    Role.ELECTION_TEAM: Level.NEIGHBORHOOD,
}


class StaffAssignment(models.Model):
    """A user working in one division with one role; a user may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    division = models.ForeignKey(
        Division,
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    role = models.CharField(_("vai trò"), max_length=32, choices=Role.choices)
    active = models.BooleanField(_("đang hiệu lực"), default=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("thời điểm tạo"))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người giao"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("phân công")
        verbose_name_plural = _("phân công")
        constraints = [
            models.UniqueConstraint(fields=["user", "division", "role"], name="assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} – {self.division}"

    def get_additional_data(self) -> dict:
        return {"division_path": self.division.path}


def _highest_division_path(user) -> str:
    """The path of the highest division a user is assigned to: where their audit entries are read."""
    paths = StaffAssignment.objects.filter(user=user).values_list("division__path", flat=True)
    return min(paths, key=lambda path: (path.count("/"), path), default="")


class Account(models.Model):
    """Who created a login, and whether its holder has chosen its password themself.

    Whoever creates an account or resets its password knows that password; until
    the holder replaces it, the account may do nothing but set its own password,
    and it counts for no double entry of a tally.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="account",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo tài khoản"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    password_reset_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đặt lại mật khẩu"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    must_set_password = models.BooleanField(_("phải tự đặt mật khẩu"), default=True)
    password_set_by_owner_at = models.DateTimeField(_("tự đặt mật khẩu lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")

    def __str__(self) -> str:
        return str(self.user)

    def get_additional_data(self) -> dict:
        return {"division_path": _highest_division_path(self.user_id)}


class ReorganisationKind(models.TextChoices):
    ESTABLISH = "establish", _("Thành lập")
    SPLIT = "split", _("Chia tách")
    MERGE = "merge", _("Sáp nhập")
    RENAME = "rename", _("Đổi tên")
    DISSOLVE = "dissolve", _("Giải thể")


class Reorganisation(models.Model):
    """A resolution that establishes, splits, merges, renames or dissolves khu phố."""

    ward = models.ForeignKey(
        Division,
        verbose_name=_("phường"),
        on_delete=models.PROTECT,
        related_name="reorganisations",
    )
    kind = models.CharField(_("hình thức"), max_length=16, choices=ReorganisationKind.choices)
    resolution_number = models.CharField(_("số nghị quyết"), max_length=64)
    resolution_date = models.DateField(_("ngày ban hành"))
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    effective_date = models.DateField(_("ngày hiệu lực"))
    note = models.TextField(_("ghi chú"), blank=True)
    sources = models.ManyToManyField(
        Division,
        verbose_name=_("khu phố trước sắp xếp"),
        related_name="reorganised_into",
        blank=True,
    )
    results = models.ManyToManyField(
        Division,
        verbose_name=_("khu phố sau sắp xếp"),
        related_name="reorganised_from",
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("thời điểm tạo"))

    class Meta:
        verbose_name = _("sắp xếp khu phố")
        verbose_name_plural = _("sắp xếp khu phố")
        ordering = ["-effective_date", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.resolution_number}"

    def get_additional_data(self) -> dict:
        return {"division_path": self.ward.path}


class ImportStatus(models.TextChoices):
    CHECKING = "checking", _("Đang kiểm tra")
    CHECKED = "checked", _("Đã kiểm tra")
    COMMITTING = "committing", _("Đang nhập")
    DONE = "done", _("Đã nhập")
    FAILED = "failed", _("Lỗi")
    EXPIRED = "expired", _("Hết hạn")


class HouseholdImport(models.Model):
    """One uploaded register file, read once by a Celery task into stored rows.

    The web request only stores the file; a task reads it into ``HouseholdImportRow``
    rows with their errors, and a second task commits those rows after confirmation.
    The file is deleted once read, and the rows once committed, failed or expired.
    """

    token = models.CharField(max_length=32, unique=True, verbose_name=_("mã tải lên"))
    ward = models.ForeignKey(
        Division, on_delete=models.CASCADE, related_name="+", verbose_name=_("phường/xã")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("người tải lên")
    )
    filename = models.CharField(_("tên tệp"), max_length=255)
    file = models.FileField(upload_to="imports/", blank=True, verbose_name=_("tệp"))
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.CHECKING
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    step = models.CharField(_("đang làm"), max_length=200, blank=True)
    row_count = models.PositiveIntegerField(default=0, verbose_name=_("số dòng"))
    error_count = models.PositiveIntegerField(default=0, verbose_name=_("số dòng lỗi"))
    imported_count = models.PositiveIntegerField(default=0, verbose_name=_("số hộ đã nhập"))
    error = models.TextField(blank=True, verbose_name=_("lỗi"))  # why the file as a whole was refused
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("thời điểm tạo"))
    finished_at = models.DateTimeField(null=True, blank=True, verbose_name=_("thời điểm xong"))

    class Meta:
        verbose_name = _("lần nhập sổ hộ")
        verbose_name_plural = _("lần nhập sổ hộ")
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return self.filename

    @property
    def is_running(self) -> bool:
        return self.status in (ImportStatus.CHECKING, ImportStatus.COMMITTING)

    def get_additional_data(self) -> dict:
        return {"division_path": self.ward.path}


class HouseholdImportRow(models.Model):
    """One data row of an uploaded file: its values when valid, else its errors only."""

    household_import = models.ForeignKey(HouseholdImport, on_delete=models.CASCADE, related_name="rows")
    number = models.PositiveIntegerField()  # the row number the user sees in the sheet
    neighborhood = models.ForeignKey(Division, null=True, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=32, blank=True)
    head_name = models.CharField(max_length=150, blank=True)
    address = models.CharField(max_length=255, blank=True)
    member_count = models.PositiveSmallIntegerField(null=True)
    representative_name = models.CharField(max_length=150, blank=True)
    phone = models.CharField(max_length=PHONE_MAX_LENGTH, blank=True)
    status = models.CharField(max_length=16, blank=True)
    # [[column, message], ...] in Vietnamese; empty when the row can be imported.
    errors = models.JSONField(default=list)
    has_errors = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["household_import", "has_errors", "number"])]

    def __str__(self) -> str:
        return f"{self.household_import_id}:{self.number}"

    @property
    def phone_spaced(self) -> str:
        return spaced(self.phone)
