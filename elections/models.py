"""Plans, elections, election teams, candidates, the consultation and complaints.

An ``Election`` is one khu phố's election in one plan's term; it holds one
``Contest`` per post being filled (the neighbourhood head, the khu phố's member
of the ward's People's Inspection Board, or both at the same meeting). Its stage
changes only through ``elections.transitions``; its legal deadlines come only
from ``elections.rules``.
"""

from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from elections.rules import RuleSettings
from neighborhoods.models import Division, Household


class PlanLevel(models.TextChoices):
    CITY = "city", _("Thành phố/Tỉnh")
    DISTRICT = "district", _("Quận/Huyện")
    WARD = "ward", _("Phường/Xã")


class PlanQuerySet(models.QuerySet["Plan"]):
    def official(self) -> PlanQuerySet:
        """The real plans: practice copies never reach a roll-up, a report or a public page."""
        return self.filter(practice=False)


class Plan(models.Model):
    """A joint plan (kế hoạch liên tịch) at city, district or ward level.

    A practice copy (``practice``) is a ward plan that copies a real one (``practice_of``) so that
    the teams can train on the real households; it is never official (``Plan.objects.official()``).
    Starting it over retires it (``retired_at``) for a fresh copy.
    """

    division = models.ForeignKey(
        Division, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="plans"
    )
    level = models.CharField(_("cấp"), max_length=16, choices=PlanLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("kế hoạch cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    number = models.CharField(_("số"), max_length=64, help_text=_("Ví dụ: 192/KHLT-UBND-UBMTTQ"))
    issued_on = models.DateField(_("ngày ban hành"))
    title = models.CharField(_("trích yếu"), max_length=300)
    issuing_bodies = models.CharField(_("cơ quan ban hành"), max_length=300)
    signers = models.CharField(_("người ký"), max_length=300, blank=True)
    legal_basis = models.TextField(_("căn cứ"), blank=True)
    term_start_year = models.PositiveSmallIntegerField(_("nhiệm kỳ từ năm"))
    term_end_year = models.PositiveSmallIntegerField(_("nhiệm kỳ đến năm"))
    elects_head = models.BooleanField(_("bầu Trưởng khu phố"), default=True)
    elects_inspection_board = models.BooleanField(_("bầu thành viên Ban Thanh tra nhân dân"), default=False)
    completion_deadline = models.DateField(_("thời hạn hoàn thành"))
    # Overrides of elections.rules.RuleSettings (e.g. {"rerun_window_days": 30}).
    rule_overrides = models.JSONField(_("điều chỉnh quy định"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    practice = models.BooleanField(_("bản thực hành"), default=False, db_index=True)
    practice_of = models.ForeignKey(
        "self",
        verbose_name=_("bản thực hành của kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="practice_copies",
    )
    retired_at = models.DateTimeField(_("thời điểm thay bằng bản thực hành mới"), null=True, blank=True)
    # Its division has an official plan of a later term: this one belongs to a campaign kept from
    # before. Kept by ``elections.services.plans`` when a plan is created, so that the dashboards
    # find the current campaign without comparing every plan with every other.
    superseded = models.BooleanField(_("thuộc nhiệm kỳ trước"), default=False)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("thời điểm tạo"))

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            # A practice copy carries the number of the plan it copies, with a suffix.
            models.UniqueConstraint(
                fields=["division", "number"],
                condition=models.Q(practice=False),
                name="plan_number_unique_per_division",
            ),
        ]
        indexes = [
            # The terms a dashboard offers, read from the index alone however many are kept.
            models.Index(
                fields=["term_start_year", "term_end_year"],
                condition=models.Q(practice=False),
                name="plan_official_terms",
            ),
            # The few plans that override a rule, which every dashboard reads.
            models.Index(
                fields=["division"], condition=~models.Q(rule_overrides={}), name="plan_with_rule_overrides"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} – {self.title}"

    @property
    def term_label(self) -> str:
        return f"{self.term_start_year}–{self.term_end_year}"

    @cached_property
    def rules(self) -> RuleSettings:
        """The legal numbers this plan works with: the defaults with its ``rule_overrides``."""
        return RuleSettings.from_overrides(self.rule_overrides)

    @property
    def election_flags(self) -> dict[str, bool]:
        """The plan's flags that each of its elections carries too, so that every roll-up filters
        on the elections alone: a practice copy is in no figure, an earlier term in no figure of
        the current one."""
        return {"practice": self.practice, "superseded": self.superseded}

    def get_additional_data(self) -> dict:
        return {"division_path": self.division.path}


class Stage(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa triển khai")
    PREPARING = "preparing", _("Đang chuẩn bị")
    LIST_APPROVED = "list_approved", _("Đã duyệt danh sách")
    NOTICE_POSTED = "notice_posted", _("Đã niêm yết")
    MEETING_HELD = "meeting_held", _("Đã tổ chức họp")
    COUNTED = "counted", _("Đã kiểm phiếu")
    RECOGNISED = "recognised", _("Đã công nhận")
    RERUN_PENDING = "rerun_pending", _("Chờ bầu lại")
    HOUSEHOLD_BALLOTS = "household_ballots", _("Phát phiếu lấy ý kiến hộ")
    INTERIM_HEAD = "interim_head", _("Có Trưởng khu phố lâm thời, chờ bầu lại")


# The stages an election reaches only once its meeting (or household-ballot round) was held:
# the khu phố's finances go public, the periodic report counts the meeting as held.
HELD_STAGES = frozenset(
    {
        Stage.MEETING_HELD,
        Stage.COUNTED,
        Stage.RECOGNISED,
        Stage.RERUN_PENDING,
        Stage.HOUSEHOLD_BALLOTS,
        Stage.INTERIM_HEAD,
    }
)


class ElectionPurpose(models.TextChoices):
    """What a community meeting of a khu phố is held for. The term's election is one per khu phố
    per plan; the others happen within the term, under the same ward plan, and reuse the whole
    meeting: check-in, procedure, double-entry count, papers."""

    TERM = "term", _("Bầu cử nhiệm kỳ")
    # After the head resigned or was let go (NĐ 59 Art. 9.3), or a new khu phố's first head.
    NEW_HEAD = "new_head", _("Bầu Trưởng khu phố mới")
    # The meeting that decides whether to let the head go (NĐ 59 Art. 3.1.c, 9).
    HEAD_DISMISSAL = "head_dismissal", _("Cho thôi làm Trưởng khu phố")
    # The meeting that lets a board member go (Luật Art. 36.2; NĐ 59 Art. 13.1).
    BOARD_RELEASE = "board_release", _("Cho thôi làm thành viên Ban Thanh tra nhân dân")
    # A vacant board seat with 6 months or more left (Luật Art. 36.2).
    BY_ELECTION = "by_election", _("Bầu bổ sung thành viên Ban Thanh tra nhân dân")


class ElectionQuerySet(models.QuerySet["Election"]):
    def official(self) -> ElectionQuerySet:
        """The real elections: those of a practice plan never reach a roll-up, a report, a task
        list or a public page."""
        return self.filter(practice=False)


class Election(models.Model):
    """The community's election (or another meeting of ``purpose``) in one khu phố under one
    ward plan."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("kế hoạch"), on_delete=models.PROTECT, related_name="elections"
    )
    neighborhood = models.ForeignKey(
        Division,
        verbose_name=_("khu phố"),
        on_delete=models.PROTECT,
        related_name="elections",
    )
    # The khu phố's ward, district and province, copied when the election is created
    # (khu phố never move across wards): every roll-up groups by one of these columns.
    ward = models.ForeignKey(
        Division,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("phường/xã"),
    )
    district = models.ForeignKey(
        Division,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("quận/huyện"),
    )
    province = models.ForeignKey(
        Division,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("tỉnh/thành phố"),
    )
    stage = models.CharField(_("giai đoạn"), max_length=24, choices=Stage.choices, default=Stage.NOT_STARTED)
    purpose = models.CharField(
        _("nội dung"), max_length=16, choices=ElectionPurpose.choices, default=ElectionPurpose.TERM
    )
    # Turnout of the latest counted sitting, kept with each accepted count (see
    # elections.services.results): the dashboards sum these instead of counting check-ins.
    households = models.PositiveIntegerField(_("tổng số hộ (lần kiểm phiếu gần nhất)"), null=True, blank=True)
    present = models.PositiveIntegerField(
        _("số hộ tham gia (lần kiểm phiếu gần nhất)"), null=True, blank=True
    )
    meeting_date = models.DateField(_("ngày họp"), null=True, blank=True)
    meeting_time = models.TimeField(_("giờ họp"), null=True, blank=True)
    meeting_place = models.CharField(_("địa điểm họp"), max_length=255, blank=True)
    # Milestones of the preparation: the day each step was done (None = not yet).
    plan_decided_on = models.DateField(_("ngày ra quyết định tổ chức bầu cử"), null=True, blank=True)
    team_decided_on = models.DateField(_("ngày quyết định thành lập Tổ bầu cử"), null=True, blank=True)
    posted_on = models.DateField(_("ngày niêm yết quyết định"), null=True, blank=True)
    candidate_list_minutes_on = models.DateField(_("ngày nhận biên bản danh sách"), null=True, blank=True)
    meeting_notice_on = models.DateField(_("ngày gửi giấy mời họp"), null=True, blank=True)
    community_decision_on = models.DateField(_("ngày nhận văn bản kết quả"), null=True, blank=True)
    recognised_on = models.DateField(_("ngày công nhận"), null=True, blank=True)
    # The ward's written answer with reasons, when it neither recognised nor ordered a re-run:
    # it too meets the recognition's 5 working days (NĐ 59 Art. 8).
    answered_on = models.DateField(_("ngày trả lời bằng văn bản"), null=True, blank=True)
    # The household-ballot route: the end of the collection period of its latest round, from which
    # the community's decision is due (NĐ 59 Art. 4.7), kept here so that checklists need no query.
    ballot_collection_ends_on = models.DateField(
        _("ngày kết thúc thời hạn lấy ý kiến bằng phiếu"), null=True, blank=True
    )
    # Bumped by every write so that two officials editing at once cannot overwrite each other.
    version = models.PositiveIntegerField(default=1, verbose_name=_("lần"))
    # The plan's ``practice``, copied at creation so that every roll-up filters on this table.
    practice = models.BooleanField(_("bản thực hành"), default=False, db_index=True)
    # The plan's ``superseded``, copied so that a dashboard reads the current campaign's rows
    # through the partial indexes below, however many terms are kept (issue 17).
    superseded = models.BooleanField(_("thuộc nhiệm kỳ trước"), default=False)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("thời điểm tạo"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("thời điểm sửa"))

    objects = ElectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("cuộc bầu cử")
        verbose_name_plural = _("cuộc bầu cử")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "neighborhood"],
                condition=models.Q(purpose="term"),
                name="one_election_per_khu_pho_per_plan",
            ),
        ]
        indexes = [
            models.Index(fields=["stage"]),
            models.Index(fields=["province", "stage"]),
            models.Index(fields=["district", "stage"]),
            models.Index(fields=["ward", "stage"]),
            # The current campaign's elections, by each level a dashboard rolls up from.
            *(
                models.Index(
                    fields=[level], condition=models.Q(superseded=False), name=f"election_current_{level}"
                )
                for level in ("province", "district", "ward")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.neighborhood} – {self.plan.term_label}"

    @property
    def rules(self) -> RuleSettings:
        """The rules of its ward plan (every deadline and count of this election follows them)."""
        return self.plan.rules

    def get_additional_data(self) -> dict:
        return {"division_path": self.neighborhood.path}


class StageChange(models.Model):
    """One recorded transition of an election's stage: who, when, why."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="stage_changes")
    transition = models.CharField(max_length=48)
    from_stage = models.CharField(max_length=24, choices=Stage.choices)
    to_stage = models.CharField(max_length=24, choices=Stage.choices)
    reason = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.election}: {self.from_stage} → {self.to_stage}"


class ContestKind(models.TextChoices):
    HEAD = "head", _("Trưởng khu phố")
    INSPECTION_BOARD = "inspection_board", _("Thành viên Ban Thanh tra nhân dân")


class ListStatus(models.TextChoices):
    DRAFT = "draft", _("Dự kiến (Ban công tác Mặt trận)")
    PARTY_OPINION = "party_opinion", _("Đã có ý kiến Chi bộ")
    OFFICIAL = "official", _("Danh sách chính thức")
    SUBMITTED = "submitted", _("Đã gửi phường")
    RETURNED = "returned", _("Bị trả lại")
    APPROVED = "approved", _("Đã duyệt")


class Contest(models.Model):
    """One post filled at the meeting, with its candidate list and consultation state."""

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="contests", verbose_name=_("cuộc bầu cử")
    )
    kind = models.CharField(_("chức danh"), max_length=24, choices=ContestKind.choices)
    seats = models.PositiveSmallIntegerField(_("số người được bầu"), default=1)
    list_status = models.CharField(
        _("tình trạng danh sách"),
        max_length=16,
        choices=ListStatus.choices,
        default=ListStatus.DRAFT,
    )
    version = models.PositiveIntegerField(default=1, verbose_name=_("lần"))
    # The person the standing result elects (None: nobody yet), kept with each accepted
    # count or correction so that statistics of the elected are one query.
    elected = models.ForeignKey(
        "Candidate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người trúng cử"),
    )

    class Meta:
        verbose_name = _("chức danh bầu")
        verbose_name_plural = _("chức danh bầu")
        constraints = [models.UniqueConstraint(fields=["election", "kind"], name="one_contest_per_kind")]
        ordering = ["election", "kind"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.election.neighborhood}"

    def get_additional_data(self) -> dict:
        return {"division_path": self.election.neighborhood.path}


class TeamRole(models.TextChoices):
    HEAD = "head", _("Tổ trưởng")
    SECRETARY = "secretary", _("Thư ký")
    MEMBER = "member", _("Tổ viên")


class Represents(models.TextChoices):
    FRONT_COMMITTEE = "front_committee", _("Ban công tác Mặt trận khu phố")
    MASS_ORGANISATION = "mass_organisation", _("Tổ chức chính trị - xã hội")
    HOUSEHOLD = "household", _("Đại diện hộ gia đình")


class TeamMember(models.Model):
    """A member of the election team (Tổ bầu cử) of one election."""

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="team_members", verbose_name=_("cuộc bầu cử")
    )
    full_name = models.CharField(_("họ và tên"), max_length=150)
    role = models.CharField(_("chức danh trong tổ"), max_length=16, choices=TeamRole.choices)
    represents = models.CharField(_("đại diện"), max_length=24, choices=Represents.choices)
    organisation = models.CharField(_("tổ chức"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("thành viên Tổ bầu cử")
        verbose_name_plural = _("thành viên Tổ bầu cử")
        constraints = [
            models.UniqueConstraint(fields=["election", "full_name"], name="one_team_seat_per_person")
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_additional_data(self) -> dict:
        return {"division_path": self.election.neighborhood.path}


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class NominationSource(models.TextChoices):
    FRONT_COMMITTEE = "front_committee", _("Ban công tác Mặt trận giới thiệu")
    SELF = "self", _("Tự ứng cử")
    HOUSEHOLD = "household", _("Hộ gia đình giới thiệu")
    FLOOR = "floor", _("Đề cử tại hội nghị")


class Candidate(models.Model):
    contest = models.ForeignKey(
        Contest, on_delete=models.CASCADE, related_name="candidates", verbose_name=_("chức danh bầu")
    )
    full_name = models.CharField(_("họ và tên"), max_length=150)
    gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices)
    birth_date = models.DateField(_("ngày sinh"))
    ethnicity = models.CharField(_("dân tộc"), max_length=40, default="Kinh")
    religion = models.CharField(_("tôn giáo"), max_length=60, blank=True, default="Không")
    education_level = models.CharField(_("trình độ học vấn / chuyên môn"), max_length=100, blank=True)
    theory_level = models.CharField(_("trình độ lý luận chính trị"), max_length=60, blank=True)
    occupation = models.CharField(_("nghề nghiệp"), max_length=150, blank=True)
    party_member = models.BooleanField(_("đảng viên"), default=False)
    party_joined_on = models.DateField(_("ngày vào Đảng"), null=True, blank=True)
    household = models.ForeignKey(
        Household,
        verbose_name=_("hộ gia đình"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_incumbent = models.BooleanField(_("đang giữ chức danh"), default=False)
    nomination_source = models.CharField(
        _("hình thức giới thiệu"), max_length=24, choices=NominationSource.choices
    )
    # Eligibility facts (Law 10/2022 Art. 37; Circular 04/2012 Art. 11).
    resides_in_neighborhood = models.BooleanField(_("cư trú tại khu phố"), default=True)
    permanent_resident = models.BooleanField(_("thường trú"), default=True)
    is_ward_cadre_or_civil_servant = models.BooleanField(_("là cán bộ, công chức phường"), default=False)
    is_part_time_worker = models.BooleanField(
        _("là người hoạt động không chuyên trách ở phường hoặc khu phố"),
        default=False,
    )
    biography = models.TextField(_("tóm tắt lý lịch"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("thời điểm tạo"))

    class Meta:
        verbose_name = _("người ứng cử")
        verbose_name_plural = _("người ứng cử")
        # A person is named by full name and date of birth on every paper of the list.
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "full_name", "birth_date"], name="one_candidacy_per_person_per_contest"
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_additional_data(self) -> dict:
        return {"division_path": self.contest.election.neighborhood.path}


class ListVersion(models.Model):
    """A frozen copy of a contest's list each time it moves in the consultation.

    Lists are never edited in place once sent: every step keeps the list as it
    stood, so every version stays readable and two versions can be compared.
    """

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="list_versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=ListStatus.choices)
    candidates = models.JSONField(default=list)
    note = models.TextField(_("ghi chú / lý do"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["contest", "number"]
        constraints = [models.UniqueConstraint(fields=["contest", "number"], name="list_version_unique")]

    def __str__(self) -> str:
        return f"{self.contest} – v{self.number}"


class ListComment(models.Model):
    """The ward official's comment on a candidate list that the Front drafts (NĐ 59/2023, Art. 6.2).

    The official reads the draft and comments; the list itself stays the Front's to change.
    """

    contest = models.ForeignKey(
        Contest, on_delete=models.CASCADE, related_name="comments", verbose_name=_("chức danh bầu")
    )
    text = models.TextField(_("ý kiến"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    at = models.DateTimeField(auto_now_add=True, verbose_name=_("thời điểm"))

    class Meta:
        ordering = ["contest", "at", "pk"]
        verbose_name = _("ý kiến về danh sách")
        verbose_name_plural = _("ý kiến về danh sách")

    def __str__(self) -> str:
        return f"{self.contest} – {self.at:%d/%m/%Y}"

    def get_additional_data(self) -> dict:
        return {"division_path": self.contest.election.neighborhood.path}


class ComplaintStatus(models.TextChoices):
    OPEN = "open", _("Đang giải quyết")
    RESOLVED = "resolved", _("Đã giải quyết")


class Complaint(models.Model):
    """A complaint or denunciation (khiếu nại, tố cáo) about a candidate or the process."""

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="complaints", verbose_name=_("cuộc bầu cử")
    )
    candidate = models.ForeignKey(
        Candidate,
        verbose_name=_("người ứng cử"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    received_on = models.DateField(_("ngày nhận"))
    complainant = models.CharField(_("người khiếu nại"), max_length=150)
    content = models.TextField(_("nội dung"))
    assigned_to = models.CharField(_("người được giao giải quyết"), max_length=150, blank=True)
    status = models.CharField(
        _("tình trạng"),
        max_length=16,
        choices=ComplaintStatus.choices,
        default=ComplaintStatus.OPEN,
    )
    resolution = models.TextField(_("kết quả giải quyết"), blank=True)
    resolved_on = models.DateField(_("ngày giải quyết"), null=True, blank=True)

    class Meta:
        verbose_name = _("khiếu nại, tố cáo")
        verbose_name_plural = _("khiếu nại, tố cáo")

    def __str__(self) -> str:
        return f"{self.complainant} ({self.received_on:%d/%m/%Y})"

    def get_additional_data(self) -> dict:
        return {"division_path": self.election.neighborhood.path}


class VotingMethod(models.TextChoices):
    SHOW_OF_HANDS = "show_of_hands", _("Biểu quyết giơ tay")
    SECRET_BALLOT = "secret_ballot", _("Bỏ phiếu kín")


class MeetingMode(models.TextChoices):
    MEETING = "meeting", _("Họp cộng đồng dân cư")
    HOUSEHOLD_BALLOTS = "household_ballots", _("Phát phiếu lấy ý kiến hộ gia đình")


class Meeting(models.Model):
    """One sitting of the community meeting of an election (a re-run is another sitting)."""

    election = models.ForeignKey(
        Election, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("cuộc bầu cử")
    )
    number = models.PositiveSmallIntegerField(_("lần họp"), default=1)
    # The households of the khu phố when the meeting opened: the base of every majority.
    household_total = models.PositiveIntegerField(_("tổng số hộ"))
    opened_at = models.DateTimeField(_("khai mạc lúc"), auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người khai mạc"),
    )
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    mode = models.CharField(
        _("hình thức"), max_length=20, choices=MeetingMode.choices, default=MeetingMode.MEETING
    )
    held_on = models.DateField(_("ngày họp"), null=True, blank=True)
    # The procedure of NĐ 59 Art. 3.5, each vote with its count of those present.
    # Who chaired the meeting (NĐ 59 Art. 3.1.b: the election team; its head by default).
    chair_name = models.CharField(_("người chủ trì cuộc họp"), max_length=150, blank=True)
    secretary_name = models.CharField(_("thư ký cuộc họp"), max_length=150, blank=True)
    # Form 03 records the discussion (NĐ 59 Art. 3.5.b) and is signed by 2 household
    # representatives (Luật Art. 20.2.g), who need not be the witnesses of a secret ballot.
    discussion = models.TextField(_("ý kiến thảo luận"), blank=True)
    representatives = models.JSONField(_("đại diện hộ gia đình ký biên bản"), default=list, blank=True)
    secretary_votes = models.PositiveIntegerField(_("số hộ tán thành thư ký"), null=True, blank=True)
    list_presented_at = models.DateTimeField(_("giới thiệu danh sách lúc"), null=True, blank=True)
    voting_method = models.CharField(
        _("hình thức bầu"), max_length=16, choices=VotingMethod.choices, blank=True
    )
    voting_method_votes = models.PositiveIntegerField(_("số hộ tán thành hình thức"), null=True, blank=True)
    counting_board = models.JSONField(_("Ban kiểm phiếu"), default=list, blank=True)
    counting_board_votes = models.PositiveIntegerField(
        _("số hộ tán thành Ban kiểm phiếu"), null=True, blank=True
    )
    witnesses = models.JSONField(_("đại diện hộ chứng kiến kiểm phiếu"), default=list, blank=True)
    # Household ballots: the team (leader, the Front's representative, first) and the deadline.
    ballot_team = models.JSONField(_("tổ phát phiếu"), default=list, blank=True)
    ballot_deadline = models.DateField(_("hạn thu phiếu"), null=True, blank=True)
    # A cluster sitting (cụm dân cư) of a round held by cluster: its own procedure, tally and
    # minutes. The round's own row (no cluster) holds the khu phố's households and the sum.
    cluster = models.ForeignKey(
        "Cluster",
        verbose_name=_("cụm dân cư"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sittings",
    )
    # Raised with every change the quorum meter shows (a check-in, its undoing, a walk-in, the
    # close), on the round's own row only: the meters of the round's sittings answer a poll with
    # "unchanged" (304) from this one number, without counting anyone.
    attendance_version = models.PositiveIntegerField(_("phiên bản số hộ có mặt"), default=0, editable=False)

    class Meta:
        verbose_name = _("cuộc họp")
        verbose_name_plural = _("cuộc họp")
        constraints = [
            models.UniqueConstraint(
                fields=["election", "number"],
                condition=models.Q(cluster__isnull=True),
                name="meeting_number_unique",
            ),
            models.UniqueConstraint(
                fields=["election", "number", "cluster"],
                condition=models.Q(cluster__isnull=False),
                name="cluster_sitting_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.election} – lần {self.number}"

    def get_additional_data(self) -> dict:
        return {"division_path": self.election.neighborhood.path}


class Attendance(models.Model):
    """A household representative checked in at a meeting; undone, never deleted."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="attendances", verbose_name=_("cuộc họp")
    )
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="attendances", verbose_name=_("hộ gia đình")
    )
    representative_name = models.CharField(_("người đại diện"), max_length=150)
    checked_in_at = models.DateTimeField(_("điểm danh lúc"), auto_now_add=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người điểm danh"),
    )
    undone_at = models.DateTimeField(_("hủy lúc"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người hủy điểm danh"),
    )
    undo_reason = models.CharField(_("lý do hủy"), max_length=255, blank=True)
    # Made by the browser for each check-in: sent again after a dropped connection, it finds
    # this row instead of making a second one.
    client_key = models.UUIDField(
        _("mã thao tác của máy"), null=True, blank=True, unique=True, editable=False
    )

    class Meta:
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        constraints = [
            # One representative per household: the database refuses a second, whoever submits it.
            models.UniqueConstraint(
                fields=["meeting", "household"],
                condition=models.Q(undone_at__isnull=True),
                name="one_attendance_per_household",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.household.code} – {self.representative_name}"

    def get_additional_data(self) -> dict:
        return {"division_path": self.meeting.election.neighborhood.path}


class MobilisationVisit(models.Model):
    """Someone went to the door of a household that had not come yet, to bring it to the
    meeting ("đã đến nhà vận động"): shown beside the household on the list of those not yet
    come. Kept on the round's own row (a meeting held by cluster is one round)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="mobilisation_visits", verbose_name=_("cuộc họp")
    )
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="+", verbose_name=_("hộ gia đình")
    )
    visited_at = models.DateTimeField(_("đến nhà lúc"))
    visited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người ghi nhận"),
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("lượt đến nhà vận động")
        verbose_name_plural = _("lượt đến nhà vận động")
        indexes = [models.Index(fields=["meeting", "household"])]

    def __str__(self) -> str:
        return f"{self.household.code} – {self.meeting}"

    def get_additional_data(self) -> dict:
        return {"division_path": self.meeting.election.neighborhood.path}


# --- Meeting day: the procedure, the count, the result ------------------------------


class HouseholdBallot(models.Model):
    """Household-ballot route (Luật Art. 19; NĐ 59 Art. 4): one ballot per household, tracked."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="household_ballots", verbose_name=_("cuộc họp")
    )
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="+", verbose_name=_("hộ gia đình")
    )
    received_by = models.CharField(_("người nhận phiếu"), max_length=150, blank=True)
    distributed_at = models.DateTimeField(_("phát lúc"), auto_now_add=True)
    distributed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người phát phiếu"),
    )
    returned_at = models.DateTimeField(_("thu lúc"), null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người thu phiếu"),
    )

    class Meta:
        verbose_name = _("phiếu lấy ý kiến hộ")
        verbose_name_plural = _("phiếu lấy ý kiến hộ")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "household"], name="one_ballot_per_household")
        ]

    def __str__(self) -> str:
        return f"{self.household.code} – {self.meeting}"

    def get_additional_data(self) -> dict:
        return {"division_path": self.meeting.election.neighborhood.path}


class TallyEntry(models.Model):
    """One person's typing of one contest's count. Never edited: a re-entry is a new row.

    ``counts`` maps a candidate's id (as text) to its approvals (secret ballot) or to
    [for, against, abstain] (show of hands).
    """

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="tally_entries", verbose_name=_("cuộc họp")
    )
    contest = models.ForeignKey(
        Contest, on_delete=models.PROTECT, related_name="tally_entries", verbose_name=_("chức danh bầu")
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người nhập")
    )
    method = models.CharField(_("hình thức"), max_length=16, choices=VotingMethod.choices)
    issued = models.PositiveIntegerField(_("số phiếu phát ra"), null=True, blank=True)
    returned = models.PositiveIntegerField(_("số phiếu thu vào"), null=True, blank=True)
    valid = models.PositiveIntegerField(_("số phiếu hợp lệ"), null=True, blank=True)
    invalid = models.PositiveIntegerField(_("số phiếu không hợp lệ"), null=True, blank=True)
    counts = models.JSONField(default=dict, verbose_name=_("số phiếu từng người"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("thời điểm tạo"))
    # Made by the browser for each entry, as for a check-in: an entry sent twice is kept once.
    client_key = models.UUIDField(
        _("mã thao tác của máy"), null=True, blank=True, unique=True, editable=False
    )

    class Meta:
        verbose_name = _("lần nhập kết quả")
        verbose_name_plural = _("lần nhập kết quả")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.contest} – {self.entered_by}"

    def get_additional_data(self) -> dict:
        return {"division_path": self.meeting.election.neighborhood.path}


class ContestResult(models.Model):
    """The accepted count of one contest at one sitting and the outcome by law.

    Never changed in place: a correction is a new version with its reason.
    """

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="results", verbose_name=_("cuộc họp")
    )
    contest = models.ForeignKey(
        Contest, on_delete=models.PROTECT, related_name="results", verbose_name=_("chức danh bầu")
    )
    version = models.PositiveSmallIntegerField(default=1, verbose_name=_("lần"))
    method = models.CharField(_("hình thức"), max_length=16, choices=VotingMethod.choices)
    household_total = models.PositiveIntegerField(_("tổng số hộ"))
    present = models.PositiveIntegerField(_("số hộ có mặt / nhận phiếu"))
    issued = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("số phiếu phát ra"))
    returned = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("số phiếu thu vào"))
    valid = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("số phiếu hợp lệ"))
    invalid = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("số phiếu không hợp lệ"))
    counts = models.JSONField(default=dict, verbose_name=_("số phiếu từng người"))
    elected = models.ForeignKey(
        Candidate,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="elected_in",
        verbose_name=_("trúng cử"),
    )
    tie = models.BooleanField(default=False, verbose_name=_("bằng phiếu"))
    reason = models.TextField(_("căn cứ kết quả"))
    threshold = models.PositiveIntegerField(_("số phiếu cần để trúng cử"))
    # --- several seats (h5) ---
    # The seats this sitting voted for (a re-run votes only for those still open) and every
    # candidate it elected, in order of approvals (pks); ``elected`` is the first of them.
    seats = models.PositiveSmallIntegerField(_("số người bầu tại lần họp này"), default=1)
    elected_all = models.JSONField(_("những người trúng cử"), default=list, blank=True)
    first_entry = models.ForeignKey(
        TallyEntry,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lần nhập thứ nhất"),
    )
    second_entry = models.ForeignKey(
        TallyEntry,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lần nhập thứ hai"),
    )
    correction_reason = models.TextField(_("lý do đính chính"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("thời điểm tạo"))

    class Meta:
        verbose_name = _("kết quả bầu cử")
        verbose_name_plural = _("kết quả bầu cử")
        ordering = ["meeting__number", "version"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "contest", "version"], name="result_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.contest} – lần họp {self.meeting.number}, bản {self.version}"

    @property
    def elected_names(self) -> str:
        """Every candidate this result elected, by name, in order of approvals (two for a khu
        phố electing two board members)."""
        ids = [int(pk) for pk in self.elected_all] or ([self.elected_id] if self.elected_id else [])
        names = dict(Candidate.objects.filter(pk__in=ids).values_list("pk", "full_name"))
        return ", ".join(names[pk] for pk in ids if pk in names)

    def get_additional_data(self) -> dict:
        return {"division_path": self.meeting.election.neighborhood.path}


class DecisionKind(models.TextChoices):
    RECOGNISE_HEAD = "recognise_head", _("Công nhận Trưởng khu phố")
    RERUN = "rerun", _("Tổ chức bầu cử lại")
    HOUSEHOLD_BALLOTS = "household_ballots", _("Lấy ý kiến bằng phiếu tại hộ gia đình")
    INTERIM_HEAD = "interim_head", _("Cử Trưởng khu phố lâm thời")
    RECOGNISE_BOARD = "recognise_board", _("Công nhận thành viên Ban Thanh tra nhân dân")
    BOARD_OFFICERS = "board_officers", _("Trưởng ban, Phó Trưởng ban Ban Thanh tra nhân dân")
    # --- recognition per post, the ward's other answers ---
    # The ward Front recognises one khu phố's board member (Luật Art. 21.2, 40.2.b).
    RECOGNISE_BOARD_MEMBER = "recognise_board_member", _("Công nhận thành viên Ban Thanh tra nhân dân")
    # The ward neither recognises nor re-runs: it answers in writing with reasons (NĐ 59 Art. 8).
    WRITTEN_ANSWER = "written_answer", _("Trả lời bằng văn bản về kết quả bầu cử")
    # Luật Art. 22.2: the ward annuls a community decision, or asks the community to amend it.
    ANNUL = "annul_community_decision", _("Bãi bỏ quyết định của cộng đồng dân cư")
    REQUEST_AMENDMENT = "request_amendment", _("Đề nghị sửa đổi quyết định của cộng đồng dân cư")
    # --- Letting a head go (NĐ 59 Art. 9.3) ---
    # The ward recognises the community's decision to let the head go.
    RECOGNISE_RELEASE = "recognise_release", _("Công nhận kết quả cho thôi làm Trưởng khu phố")
    # The ward does not recognise it: it answers in writing with its reasons.
    RELEASE_ANSWER = "release_answer", _("Trả lời bằng văn bản về việc cho thôi làm Trưởng khu phố")
    # The meeting did not agree: the ward decides after agreeing with the ward Front.
    RELEASE_DECIDED = "release_decided", _("Quyết định việc cho thôi làm Trưởng khu phố")
    # --- h2 (issue 14): while the head's post is vacant ---
    # The ward chairman designates who convenes the khu phố's meetings (NĐ 59 Art. 3.1.d).
    CONVENER = "convener", _("Chỉ định người triệu tập cuộc họp khu phố")
    # The ward decides to elect a new head (NĐ 59 Art. 9.3), or a new khu phố's first head.
    NEW_ELECTION = "new_election", _("Tổ chức bầu Trưởng khu phố mới")
    # The ward Front lets a board member go after the khu phố's meeting agreed (Luật Art. 36.2;
    # NĐ 59 Art. 13.1).
    RELEASE_BOARD_MEMBER = "release_board_member", _("Cho thôi làm thành viên Ban Thanh tra nhân dân")


class Decision(models.Model):
    """A decision of the ward (or the ward Front) after the count. Never changed in place:
    a correction is a new version that names the one it replaces and why."""

    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("kế hoạch")
    )
    election = models.ForeignKey(
        Election,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("cuộc bầu cử"),
    )
    kind = models.CharField(_("loại quyết định"), max_length=24, choices=DecisionKind.choices)
    decided_on = models.DateField(_("ngày quyết định"))
    # Recognition: the day the ward received the community's decision (form 03).
    received_on = models.DateField(_("ngày nhận văn bản kết quả"), null=True, blank=True)
    # What the paper states (names, dates, counts) as it was when decided.
    details = models.JSONField(default=dict, verbose_name=_("nội dung chi tiết"))
    reason = models.TextField(_("lý do"), blank=True)
    version = models.PositiveSmallIntegerField(default=1, verbose_name=_("lần"))
    supersedes = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
        verbose_name=_("thay thế bản"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("thời điểm tạo"))

    class Meta:
        verbose_name = _("quyết định")
        verbose_name_plural = _("quyết định")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.decided_on:%d/%m/%Y})"

    def get_additional_data(self) -> dict:
        division = self.election.neighborhood if self.election is not None else self.plan.division
        return {"division_path": division.path}


class RecordCorrection(models.Model):
    """A change of the election's record (the team, the schedule, a preparation date) made after
    the meeting opened: allowed only as a correction with its reason, which the papers issued
    afterwards print."""

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("cuộc bầu cử")
    )
    subject = models.CharField(_("nội dung đính chính"), max_length=300)
    reason = models.TextField(_("lý do đính chính"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    at = models.DateTimeField(auto_now_add=True, verbose_name=_("thời điểm"))

    class Meta:
        ordering = ["election", "at", "pk"]
        verbose_name = _("đính chính hồ sơ bầu cử")
        verbose_name_plural = _("đính chính hồ sơ bầu cử")

    def __str__(self) -> str:
        return f"{self.election} – {self.subject}"

    def get_additional_data(self) -> dict:
        return {"division_path": self.election.neighborhood.path}


# --- h2: the household-ballot route, step by step (Luật Art. 19; NĐ 59 Art. 4) ---


class PlannerRole(models.TextChoices):
    HEAD = "head", _("Trưởng khu phố")
    # While the head's post is vacant the ward chairman names who convenes (NĐ 59 Art. 3.1.d).
    CONVENER = "convener", _("Người được Chủ tịch UBND phường chỉ định triệu tập (khuyết Trưởng khu phố)")


class BallotRound(models.Model):
    """The steps of one household-ballot round (the ``Meeting`` in mode household_ballots):
    the khu phố head's plan (NĐ 59 Art. 4.2), the team the head decides (4.3), the public
    notice (4.4; Luật Art. 19.2) and the count before 2 household witnesses (4.6.a). The
    plan and the team are the head's acts, entered by the ward or the election team on the
    head's behalf -- not decisions of the ward. The team, the collection deadline and the
    witnesses stay on the ``Meeting`` (``ballot_team``, ``ballot_deadline``, ``witnesses``).
    Each step is recorded once; a step may be recorded again only until the next one
    depends on it (``elections.services.household_ballots``)."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.PROTECT, related_name="ballot_round", verbose_name=_("cuộc họp")
    )
    planner_name = models.CharField(_("người lập Kế hoạch"), max_length=150)
    planner_role = models.CharField(_("chức danh người lập"), max_length=16, choices=PlannerRole.choices)
    front_head_name = models.CharField(_("Trưởng ban công tác Mặt trận khu phố"), max_length=150)
    plan_number = models.CharField(_("số Kế hoạch"), max_length=64)
    plan_issued_on = models.DateField(_("ngày ban hành Kế hoạch"))
    plan_sent_on = models.DateField(_("ngày gửi Kế hoạch đến Chủ tịch UBND, Chủ tịch UBMTTQ phường"))
    team_decided_by = models.CharField(
        _("người quyết định thành lập Tổ phát phiếu"), max_length=150, blank=True
    )
    team_decided_on = models.DateField(_("ngày quyết định thành lập Tổ phát phiếu"), null=True, blank=True)
    noticed_on = models.DateField(_("ngày thông báo công khai"), null=True, blank=True)
    notice_means = models.CharField(_("hình thức thông báo"), max_length=255, blank=True)
    distribution_starts_on = models.DateField(_("ngày bắt đầu phát phiếu"), null=True, blank=True)
    counted_on = models.DateField(_("ngày kiểm phiếu"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("thời điểm tạo"))

    class Meta:
        verbose_name = _("đợt phát phiếu lấy ý kiến hộ gia đình")
        verbose_name_plural = _("đợt phát phiếu lấy ý kiến hộ gia đình")

    def __str__(self) -> str:
        return f"{self.meeting} – {self.plan_number}"

    def get_additional_data(self) -> dict:
        return {"division_path": self.meeting.election.neighborhood.path}


# --- The inspection board's first meeting and the notice of its composition (h4) ---


class BoardMeeting(models.Model):
    """A meeting of the ward's people's inspection board, convened by the ward Front, at which
    the board elects its head and deputies (Luật Art. 40.2.b; NĐ 59 Art. 13.3).

    The Front sets the number of deputies and who chairs (its representative); the members
    are those recognised when it is convened. Once the attendance shows no quorum, or the
    officers are elected, the meeting is closed and never changed: another meeting is a new row.
    """

    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="board_meetings", verbose_name=_("kế hoạch")
    )
    number = models.PositiveSmallIntegerField(_("lần họp"), default=1)
    deputies = models.PositiveSmallIntegerField(_("số Phó Trưởng ban"))
    convened_on = models.DateField(_("ngày triệu tập"))
    held_on = models.DateField(_("ngày họp"))
    time = models.TimeField(_("giờ họp"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=255)
    chair = models.CharField(_("người chủ trì (đại diện Ủy ban MTTQ phường)"), max_length=150)
    secretary = models.CharField(_("thư ký"), max_length=150, blank=True)
    # The recognised members when convened ({"candidate", "full_name", "neighborhood"}).
    members = models.JSONField(_("thành viên"), default=list)
    # The candidate ids of the members present, once recorded.
    present = models.JSONField(_("thành viên có mặt"), default=list, blank=True)
    attendance_recorded_at = models.DateTimeField(_("ghi danh sách có mặt lúc"), null=True, blank=True)
    # {"head": {member + "votes"}, "deputies": [{member + "votes"}, ...]} once elected.
    officers = models.JSONField(_("kết quả bầu"), default=dict, blank=True)
    # A later meeting that elects only the office an officer left (NĐ 59 Art. 13.3): "head" or
    # "deputy"; empty for the meeting that elects every officer.
    elects_office = models.CharField(_("bầu thay chức danh"), max_length=8, blank=True)
    elected_at = models.DateTimeField(_("bầu xong lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    convened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người triệu tập"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("thời điểm tạo"))

    class Meta:
        verbose_name = _("cuộc họp Ban Thanh tra nhân dân")
        verbose_name_plural = _("cuộc họp Ban Thanh tra nhân dân")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="board_meeting_number_unique")]

    def __str__(self) -> str:
        return f"{self.plan.division.name} – họp Ban Thanh tra nhân dân lần {self.number}"

    def get_additional_data(self) -> dict:
        return {"division_path": self.plan.division.path}


class BoardNotice(models.Model):
    """The ward Front's notice of the election's result and of the board's composition to the
    ward People's Council, the People's Committee and the public (Luật Art. 40.2.b). What it
    states is kept as issued; a later notice supersedes it, the old one stays."""

    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="board_notices", verbose_name=_("kế hoạch")
    )
    meeting = models.ForeignKey(
        BoardMeeting, on_delete=models.PROTECT, related_name="notices", verbose_name=_("cuộc họp")
    )
    issued_on = models.DateField(_("ngày thông báo"))
    # {"members": [...], "head": {...}, "deputies": [...], "held_on": "dd/mm/yyyy"}
    details = models.JSONField(default=dict, verbose_name=_("nội dung chi tiết"))
    version = models.PositiveSmallIntegerField(default=1, verbose_name=_("lần"))
    supersedes = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
        verbose_name=_("thay thế bản"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("thời điểm tạo"))

    class Meta:
        verbose_name = _("thông báo thành phần Ban Thanh tra nhân dân")
        verbose_name_plural = _("thông báo thành phần Ban Thanh tra nhân dân")
        ordering = ["plan", "version"]

    def __str__(self) -> str:
        return f"Thông báo thành phần Ban Thanh tra nhân dân ({self.issued_on:%d/%m/%Y})"

    def get_additional_data(self) -> dict:
        return {"division_path": self.plan.division.path}


# --- Meetings by residential cluster (cụm dân cư) -------------------------------------


class ClusterPlan(models.Model):
    """The plan to hold a khu phố's meeting as several cluster sittings (Luật 10/2022/QH15
    Art. 18.3; NĐ 59/2023 Art. 3.1.đ, 3.6): drawn up with the khu phố Front committee's
    agreement and approved by the ward. Once a sitting has opened it no longer changes."""

    election = models.OneToOneField(
        Election, on_delete=models.CASCADE, related_name="cluster_plan", verbose_name=_("cuộc bầu cử")
    )
    scattered = models.BooleanField(_("địa bàn dân cư sinh sống không tập trung"), default=False)
    front_agreed_on = models.DateField(_("ngày thống nhất với Ban công tác Mặt trận"), null=True, blank=True)
    front_agreed_with = models.CharField(
        _("người đại diện Ban công tác Mặt trận thống nhất"), max_length=150, blank=True
    )
    approved_on = models.DateField(_("ngày phường phê duyệt"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người phê duyệt"),
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
        verbose_name = _("phương án họp theo cụm dân cư")
        verbose_name_plural = _("phương án họp theo cụm dân cư")

    def __str__(self) -> str:
        return f"{self.election} – {self._meta.verbose_name}"

    def get_additional_data(self) -> dict:
        return {"division_path": self.election.neighborhood.path}


class ChairCapacity(models.TextChoices):
    FRONT_MEMBER = "front_member", _("Thành viên Ban công tác Mặt trận khu phố")
    CITIZEN = "citizen", _("Công dân có uy tín cư trú tại cụm")


class Cluster(models.Model):
    """One residential cluster of a plan: who chairs its sitting by the khu phố head's
    authorisation, when and where it meets, who reports its result to the head."""

    plan = models.ForeignKey(
        ClusterPlan, on_delete=models.CASCADE, related_name="clusters", verbose_name=_("kế hoạch")
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    name = models.CharField(_("tên cụm"), max_length=150)
    chair_name = models.CharField(
        _("người chủ trì (được Trưởng khu phố ủy quyền)"), max_length=150, blank=True
    )
    chair_capacity = models.CharField(
        _("tư cách người chủ trì"), max_length=16, choices=ChairCapacity.choices, blank=True
    )
    meeting_date = models.DateField(_("ngày họp"), null=True, blank=True)
    meeting_time = models.TimeField(_("giờ họp"), null=True, blank=True)
    meeting_place = models.CharField(_("địa điểm họp"), max_length=255, blank=True)
    reporter_name = models.CharField(_("người báo cáo kết quả"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("cụm dân cư")
        verbose_name_plural = _("cụm dân cư")
        ordering = ["plan", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "name"], name="cluster_name_unique_in_plan")]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict:
        return {"division_path": self.plan.election.neighborhood.path}


class ClusterHousehold(models.Model):
    """A household's cluster: each household of the khu phố belongs to exactly one."""

    plan = models.ForeignKey(
        ClusterPlan, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("kế hoạch")
    )
    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("cụm dân cư")
    )
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="+", verbose_name=_("hộ gia đình")
    )

    class Meta:
        verbose_name = _("hộ thuộc cụm dân cư")
        verbose_name_plural = _("hộ thuộc cụm dân cư")
        constraints = [
            models.UniqueConstraint(fields=["plan", "household"], name="one_cluster_per_household")
        ]

    def __str__(self) -> str:
        return f"{self.household.code} – {self.cluster.name}"

    def get_additional_data(self) -> dict:
        return {"division_path": self.plan.election.neighborhood.path}


# --- The khu phố Front committee's conference on the official list (form 05) --------------


class ListConference(models.Model):
    """The conference at which the khu phố Front committee, after the Party cell's opinion,
    agrees the official candidate list (NĐ 59/2023 Art. 6.2; the minutes are form 05)."""

    election = models.OneToOneField(
        Election, on_delete=models.CASCADE, related_name="list_conference", verbose_name=_("cuộc bầu cử")
    )
    held_at = models.DateTimeField(_("thời gian họp"))
    place = models.CharField(_("địa điểm"), max_length=200)
    members_total = models.PositiveIntegerField(_("tổng số thành viên Ban công tác Mặt trận"))
    members_present = models.PositiveIntegerField(_("số thành viên có mặt"))
    chair = models.CharField(_("chủ trì"), max_length=150)
    secretary = models.CharField(_("thư ký"), max_length=150)
    party_cell_opinion = models.TextField(_("ý kiến của Chi bộ"))
    votes_for = models.PositiveIntegerField(_("số thành viên tán thành"))

    class Meta:
        verbose_name = _("hội nghị thống nhất danh sách người ứng cử")
        verbose_name_plural = _("hội nghị thống nhất danh sách người ứng cử")

    def __str__(self) -> str:
        return f"{self.election} – {self.held_at:%d/%m/%Y}"

    def get_additional_data(self) -> dict:
        return {"division_path": self.election.neighborhood.path}


# --- Between elections: who holds each post, and when a post is vacant -----------------


class OfficePost(models.TextChoices):
    HEAD = "head", _("Trưởng khu phố")
    BOARD_MEMBER = "board_member", _("Thành viên Ban Thanh tra nhân dân")


class TenureKind(models.TextChoices):
    ELECTED = "elected", _("Được bầu")
    BY_ELECTED = "by_elected", _("Được bầu bổ sung")
    # Appointed by the ward, agreed with the ward Front, while the head's post is vacant (NĐ 59 Art. 9.3).
    INTERIM = "interim", _("Lâm thời")
    # Designated by the ward chairman to convene the khu phố's meetings while it has no head
    # (NĐ 59 Art. 3.1.d): not a head, but the khu phố's contact until one is elected.
    CONVENER = "convener", _("Triệu tập viên")


class TenureEnd(models.TextChoices):
    TERM_ENDED = "term_ended", _("Hết nhiệm kỳ")
    SUCCEEDED = "succeeded", _("Đã bầu được người giữ chức danh")
    RESIGNED = "resigned", _("Xin thôi")
    DISMISSED = "dismissed", _("Bị cho thôi")
    RELEASED = "released", _("Được cho thôi theo đề nghị của Ủy ban MTTQ phường")
    REORGANISED = "reorganised", _("Khu phố được sắp xếp lại")
    OTHER = "other", _("Lý do khác")


class Tenure(models.Model):
    """One person holding one post of one khu phố for a period: the term at a glance. Begun by
    the recognition (or the appointment) that put them there, ended by the decision that let
    them go; the row itself is history and is never deleted."""

    neighborhood = models.ForeignKey(
        Division, verbose_name=_("khu phố"), on_delete=models.PROTECT, related_name="tenures"
    )
    # Copied from the khu phố when the row is made, as on Election: roll-ups group by it.
    ward = models.ForeignKey(
        Division, on_delete=models.PROTECT, related_name="+", verbose_name=_("phường/xã")
    )
    post = models.CharField(_("chức danh"), max_length=16, choices=OfficePost.choices)
    kind = models.CharField(_("hình thức"), max_length=16, choices=TenureKind.choices)
    full_name = models.CharField(_("họ và tên"), max_length=150)
    candidate = models.ForeignKey(
        Candidate,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tenures",
        verbose_name=_("người ứng cử"),
    )
    election = models.ForeignKey(
        Election,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tenures",
        verbose_name=_("cuộc bầu cử"),
    )
    started_on = models.DateField(_("bắt đầu từ ngày"))
    term_ends_on = models.DateField(_("nhiệm kỳ kết thúc ngày"))
    start_decision = models.ForeignKey(
        "Decision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("quyết định bắt đầu"),
    )
    ended_on = models.DateField(_("thôi từ ngày"), null=True, blank=True)
    end_reason = models.CharField(_("lý do thôi"), max_length=16, choices=TenureEnd.choices, blank=True)
    end_note = models.TextField(_("ghi chú"), blank=True)
    end_decision = models.ForeignKey(
        "Decision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("quyết định kết thúc"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("thời điểm tạo"))

    class Meta:
        verbose_name = _("quá trình giữ chức danh")
        verbose_name_plural = _("quá trình giữ chức danh")
        ordering = ["started_on", "pk"]
        constraints = [
            # A khu phố has one head at a time, elected or interim (or a convener instead).
            models.UniqueConstraint(
                fields=["neighborhood"],
                condition=models.Q(post="head", ended_on__isnull=True),
                name="one_serving_head_per_khu_pho",
            ),
        ]
        indexes = [models.Index(fields=["ward", "ended_on"])]

    def __str__(self) -> str:
        return f"{self.full_name} – {self.get_post_display()} – {self.neighborhood.name}"

    @property
    def serving(self) -> bool:
        return self.ended_on is None

    def get_additional_data(self) -> dict:
        return {"division_path": self.neighborhood.path}


class Vacancy(models.Model):
    """A post of a khu phố left without its holder, until someone is elected to it. Opened when a
    tenure ends within the term (or for a new khu phố, which starts with no head); ``due_on``
    is the day the law sets for deciding the new election (NĐ 59 Art. 9.3), when it sets one."""

    neighborhood = models.ForeignKey(
        Division, verbose_name=_("khu phố"), on_delete=models.PROTECT, related_name="vacancies"
    )
    ward = models.ForeignKey(
        Division, on_delete=models.PROTECT, related_name="+", verbose_name=_("phường/xã")
    )
    post = models.CharField(_("chức danh"), max_length=16, choices=OfficePost.choices)
    left = models.OneToOneField(
        Tenure,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="vacancy",
        verbose_name=_("người thôi giữ chức danh"),
    )
    vacant_from = models.DateField(_("khuyết từ ngày"))
    reason = models.CharField(_("lý do khuyết"), max_length=300)
    due_on = models.DateField(_("hạn quyết định bầu mới"), null=True, blank=True)
    # Luật Art. 36.2: only a board seat with 6 months or more of the term left is filled.
    by_election_required = models.BooleanField(_("phải bầu bổ sung"), default=False)
    # The election the ward decided to fill it (NĐ 59 Art. 9.3): once decided, the vacancy is no
    # longer overdue, even while that election runs.
    new_election = models.ForeignKey(
        Election,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="vacancies_filled",
        verbose_name=_("cuộc bầu mới"),
    )
    filled_on = models.DateField(_("đã có người từ ngày"), null=True, blank=True)
    filled_by = models.OneToOneField(
        Tenure,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="filled_vacancy",
        verbose_name=_("người được bầu vào vị trí"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("thời điểm tạo"))

    class Meta:
        verbose_name = _("vị trí khuyết")
        verbose_name_plural = _("vị trí khuyết")
        ordering = ["vacant_from", "pk"]
        indexes = [models.Index(fields=["ward", "filled_on"])]

    def __str__(self) -> str:
        return f"{self.get_post_display()} – {self.neighborhood.name} ({self.vacant_from:%d/%m/%Y})"

    @property
    def open(self) -> bool:
        return self.filled_on is None

    def get_additional_data(self) -> dict:
        return {"division_path": self.neighborhood.path}


# --- h2 (issue 14): a reorganisation of khu phố, as it touches the posts -------------


class ReorganisationTerm(models.Model):
    """That a recorded reorganisation (``neighborhoods.Reorganisation``) was carried into the
    posts: the heads and board members of the khu phố that ceased left office by its
    resolution, and each new khu phố got its head's vacancy. Once per reorganisation."""

    reorganisation = models.OneToOneField(
        "neighborhoods.Reorganisation",
        on_delete=models.PROTECT,
        related_name="term_applied",
        verbose_name=_("sắp xếp khu phố"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("thời điểm tạo"))

    class Meta:
        verbose_name = _("áp dụng sắp xếp khu phố cho chức danh")
        verbose_name_plural = _("áp dụng sắp xếp khu phố cho chức danh")

    def __str__(self) -> str:
        return str(self.reorganisation)

    def get_additional_data(self) -> dict:
        return {"division_path": self.reorganisation.ward.path}


# --- A head's resignation or dismissal (NĐ 59 Art. 9) ----------------------------------


class ReleaseWayIn(models.TextChoices):
    """How the question of letting the head go reaches the ward (NĐ 59 Art. 9.1)."""

    # Art. 9.1.a: the head's own written request to the ward chairman, with the reasons.
    OWN_REQUEST = "own_request", _("Đơn xin thôi của Trưởng khu phố")
    # Art. 9.1.b: the khu phố Front committee head's proposal, on the grounds the article lists.
    FRONT_PROPOSAL = "front_proposal", _("Đề nghị của Trưởng ban công tác Mặt trận khu phố")
    # Art. 9.1.b: a petition of at least 50 % of all the khu phố's households.
    PETITION = "petition", _("Kiến nghị của ít nhất 50% tổng số hộ gia đình")


class ReleaseGround(models.TextChoices):
    """The grounds of a Front committee head's proposal (NĐ 59 Art. 9.1.b)."""

    NOT_TRUSTED = "not_trusted", _("Không còn được nhân dân tín nhiệm")
    DUTIES_UNFULFILLED = "duties_unfulfilled", _("Không hoàn thành nhiệm vụ")
    DEMOCRACY_VIOLATED = "democracy_violated", _("Vi phạm quyền làm chủ của nhân dân")
    CORRUPTION = "corruption", _("Tham nhũng, lãng phí")
    INSUBORDINATION = (
        "insubordination",
        _("Không phục tùng sự chỉ đạo điều hành của UBND phường, các quy định của cấp trên"),
    )
    LAW_VIOLATION = "law_violation", _("Vi phạm pháp luật nhưng chưa đến mức bị truy cứu trách nhiệm hình sự")


class ReleaseChair(models.TextChoices):
    """Who convenes and chairs the meeting that lets the head go (NĐ 59 Art. 3.1.c)."""

    FRONT_COMMITTEE_HEAD = "front_committee_head", _("Trưởng ban công tác Mặt trận khu phố")
    # When the head is also the Front committee head: the ward chairman, after agreeing with
    # the chairman of the ward Front.
    WARD_CHAIRMAN = "ward_chairman", _("Chủ tịch UBND phường")


class ReleaseStatus(models.TextChoices):
    RECEIVED = "received", _("Đã nhận, chờ triệu tập cuộc họp")
    CONVENED = "convened", _("Đã triệu tập cuộc họp")
    RELEASED = "released", _("Đã cho thôi làm Trưởng khu phố")
    KEPT = "kept", _("Tiếp tục làm Trưởng khu phố")
    ANSWERED = "answered", _("Phường đã trả lời bằng văn bản")


class HeadReleaseRequest(models.Model):
    """The question of letting a serving head go, from the way it reached the ward to the
    ward's answer: the head's own request, the Front committee head's proposal or the
    households' petition (NĐ 59 Art. 9.1); the community meeting that decides it (an
    ``Election`` of purpose ``head_dismissal``); the ward's decision (Art. 9.3)."""

    neighborhood = models.ForeignKey(
        Division, verbose_name=_("khu phố"), on_delete=models.PROTECT, related_name="release_requests"
    )
    ward = models.ForeignKey(
        Division, on_delete=models.PROTECT, related_name="+", verbose_name=_("phường/xã")
    )
    tenure = models.ForeignKey(
        Tenure, verbose_name=_("Trưởng khu phố"), on_delete=models.PROTECT, related_name="release_requests"
    )
    way_in = models.CharField(_("hình thức đề nghị"), max_length=16, choices=ReleaseWayIn.choices)
    received_on = models.DateField(_("ngày phường nhận"))
    proposed_by = models.CharField(_("người đề nghị / đại diện người kiến nghị"), max_length=150)
    grounds = models.JSONField(_("căn cứ (Điều 9.1.b)"), default=list, blank=True)
    reasons = models.TextField(_("lý do"), blank=True)
    # A petition: the households that signed it and all the khu phố's households on receipt.
    petitioners = models.PositiveIntegerField(_("số hộ kiến nghị"), null=True, blank=True)
    household_total = models.PositiveIntegerField(_("tổng số hộ khi nhận kiến nghị"), null=True, blank=True)
    # The meeting (NĐ 59 Art. 3.1.c): who chairs it and, for the ward chairman, the agreement
    # with the chairman of the ward Front.
    election = models.ForeignKey(
        Election,
        verbose_name=_("cuộc họp cho thôi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="release_requests",
    )
    head_is_front_head = models.BooleanField(
        _("Trưởng khu phố đồng thời là Trưởng ban công tác Mặt trận"), default=False
    )
    chair = models.CharField(
        _("người triệu tập, chủ trì"), max_length=24, choices=ReleaseChair.choices, blank=True
    )
    chair_name = models.CharField(_("họ tên người chủ trì"), max_length=150, blank=True)
    front_agreed_on = models.DateField(
        _("ngày thống nhất với Chủ tịch Ủy ban MTTQ phường"), null=True, blank=True
    )
    front_agreed_by = models.CharField(_("người thống nhất (Ủy ban MTTQ phường)"), max_length=150, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=ReleaseStatus.choices, default=ReleaseStatus.RECEIVED
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
        verbose_name = _("đề nghị cho thôi làm Trưởng khu phố")
        verbose_name_plural = _("đề nghị cho thôi làm Trưởng khu phố")
        ordering = ["received_on", "pk"]
        constraints = [
            # One question at a time: a head has one request under way.
            models.UniqueConstraint(
                fields=["tenure"],
                condition=models.Q(status__in=["received", "convened"]),
                name="one_open_release_request_per_head",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_way_in_display()} – {self.tenure.full_name} ({self.received_on:%d/%m/%Y})"

    @property
    def ground_labels(self) -> list[str]:
        """The grounds of Art. 9.1.b as the papers and the page name them."""
        return [str(ReleaseGround(g).label) for g in self.grounds]

    def get_additional_data(self) -> dict:
        return {"division_path": self.neighborhood.path}


# --- The inspection board between elections: a member let go, the by-election (issue 14) ---


class BoardReleaseGround(models.TextChoices):
    """Why the ward Front proposes to let a board member go (Luật Art. 36.2)."""

    NOT_COMPLETING = "not_completing", _("Không hoàn thành nhiệm vụ")
    LOST_TRUST = "lost_trust", _("Không còn được tín nhiệm")
    OWN_REQUEST = "own_request", _("Xin thôi làm nhiệm vụ")


class BoardRelease(models.Model):
    """The ward Front's proposal to the khu phố that elected a board member to let them go
    (Luật Art. 36.2), the khu phố's meeting that decides it (an ``Election`` of purpose
    ``board_release``) and the Front's decision once it agreed (NĐ 59 Art. 13.1). The proposal
    is never changed; the meeting and the decision are linked as they happen."""

    tenure = models.ForeignKey(
        Tenure, verbose_name=_("thành viên"), on_delete=models.PROTECT, related_name="release_proposals"
    )
    neighborhood = models.ForeignKey(
        Division, on_delete=models.PROTECT, related_name="+", verbose_name=_("khu phố")
    )
    ward = models.ForeignKey(
        Division, on_delete=models.PROTECT, related_name="+", verbose_name=_("phường/xã")
    )
    ground = models.CharField(_("căn cứ đề nghị"), max_length=16, choices=BoardReleaseGround.choices)
    reasons = models.TextField(_("lý do"))
    proposed_on = models.DateField(_("ngày đề nghị"))
    election = models.OneToOneField(
        Election,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="board_release",
        verbose_name=_("cuộc bầu cử"),
    )
    decision = models.OneToOneField(
        Decision,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="board_release",
        verbose_name=_("quyết định"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("thời điểm tạo"))

    class Meta:
        verbose_name = _("đề nghị cho thôi thành viên Ban Thanh tra nhân dân")
        verbose_name_plural = _("đề nghị cho thôi thành viên Ban Thanh tra nhân dân")
        ordering = ["proposed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.tenure.full_name} – {self.get_ground_display()} ({self.proposed_on:%d/%m/%Y})"

    def get_additional_data(self) -> dict:
        return {"division_path": self.neighborhood.path}


class ByElectionGuidance(models.Model):
    """The ward Front's guidance for the by-election of a board seat left vacant with 6 months
    or more of the term left (Luật Art. 36.2; NĐ 59 Art. 13.1), and the by-election it opens
    (an ``Election`` of purpose ``by_election``, organised by the khu phố's Front committee with
    its head)."""

    vacancy = models.OneToOneField(
        Vacancy,
        on_delete=models.PROTECT,
        related_name="by_election_guidance",
        verbose_name=_("vị trí khuyết"),
    )
    election = models.OneToOneField(
        Election, on_delete=models.PROTECT, related_name="by_election_guidance", verbose_name=_("cuộc bầu cử")
    )
    guided_on = models.DateField(_("ngày hướng dẫn"))
    text = models.TextField(_("nội dung hướng dẫn"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("thời điểm tạo"))

    class Meta:
        verbose_name = _("hướng dẫn bầu bổ sung thành viên Ban Thanh tra nhân dân")
        verbose_name_plural = _("hướng dẫn bầu bổ sung thành viên Ban Thanh tra nhân dân")

    def __str__(self) -> str:
        return f"{self.vacancy} – {self.guided_on:%d/%m/%Y}"

    def get_additional_data(self) -> dict:
        return {"division_path": self.vacancy.neighborhood.path}


# --- The election budget (issue 15) ----------------------------------------------------------


class BudgetItem(models.TextChoices):
    """The common lines of an election budget (Phường 22's plan, mục IV.2); "khác" takes a free
    label."""

    PRINTING = "printing", _("In ấn tài liệu")
    MEETINGS = "meetings", _("Tổ chức hội nghị, họp")
    TEAM_ALLOWANCES = "team_allowances", _("Bồi dưỡng Tổ bầu cử")
    COMMENDATION = "commendation", _("Khen thưởng")
    OTHER = "other", _("Khác")


class BudgetStatus(models.TextChoices):
    ESTIMATED = "estimated", _("Đã lập dự toán")
    SETTLED = "settled", _("Đã quyết toán")


class Budget(models.Model):
    """A ward plan's election budget: the estimate by line, later its settlement. A settled
    budget is never changed: a correction is a new version naming the one it replaces, with its
    reason (``services.budget``)."""

    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="budgets", verbose_name=_("kế hoạch")
    )
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
        _("tình trạng"), max_length=16, choices=BudgetStatus.choices, default=BudgetStatus.ESTIMATED
    )
    # The totals as stated on the form (checked equal to the sum of the lines when saved).
    estimate_total = models.PositiveBigIntegerField(_("tổng dự toán (đồng)"), default=0)
    spent_total = models.PositiveBigIntegerField(_("tổng thực chi (đồng)"), null=True, blank=True)
    estimated_on = models.DateField(_("ngày lập dự toán"))
    estimated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người lập dự toán"),
    )
    settled_on = models.DateField(_("ngày quyết toán"), null=True, blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người quyết toán"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("thời điểm tạo"))

    class Meta:
        verbose_name = _("kinh phí bầu cử")
        verbose_name_plural = _("kinh phí bầu cử")
        constraints = [
            models.UniqueConstraint(fields=["plan", "version"], name="budget_version_unique_per_plan")
        ]

    def __str__(self) -> str:
        return f"Kinh phí {self.plan.number}"

    @property
    def settled(self) -> bool:
        return self.status == BudgetStatus.SETTLED

    @property
    def difference(self) -> int | None:
        return None if self.spent_total is None else self.spent_total - self.estimate_total

    def get_additional_data(self) -> dict:
        return {"division_path": self.plan.division.path}


class BudgetLine(models.Model):
    budget = models.ForeignKey(
        Budget, on_delete=models.CASCADE, related_name="lines", verbose_name=_("kinh phí bầu cử")
    )
    position = models.PositiveSmallIntegerField(_("số thứ tự"))
    item = models.CharField(_("khoản chi"), max_length=24, choices=BudgetItem.choices)
    label = models.CharField(_("nội dung"), max_length=200)
    estimate = models.PositiveBigIntegerField(_("dự toán (đồng)"))
    spent = models.PositiveBigIntegerField(_("thực chi (đồng)"), null=True, blank=True)
    explanation = models.TextField(_("giải thích chênh lệch"), blank=True)

    class Meta:
        verbose_name = _("dòng kinh phí")
        verbose_name_plural = _("dòng kinh phí")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "position"], name="budget_line_position_unique")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def difference(self) -> int | None:
        return None if self.spent is None else self.spent - self.estimate

    def get_additional_data(self) -> dict:
        return {"division_path": self.budget.plan.division.path}


# --- h7: commendations after the campaign (khen thưởng) ----------------------------------


class CommendationForm(models.TextChoices):
    """The forms of commendation the seed names (Quận 12, KH 4639/KH-UBND-NV, 27/6/2024): the
    ward chairman's Giấy khen is decided by the ward itself; the others are proposed upwards."""

    WARD_CERTIFICATE = "ward_certificate", _("Giấy khen của Chủ tịch Ủy ban nhân dân phường")
    DISTRICT_CERTIFICATE = "district_certificate", _("Giấy khen của Chủ tịch Ủy ban nhân dân quận")
    CITY_MERIT = "city_merit", _("Bằng khen của Ủy ban nhân dân Thành phố")
    CITY_BADGE = "city_badge", _("Huy hiệu Thành phố")


class CommendationStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo danh sách")
    PROPOSED = "proposed", _("Đã đề nghị")
    DECIDED = "decided", _("Đã quyết định")


class Commendation(models.Model):
    """A ward's list of collectives and individuals commended for their work in one campaign
    (a ward ``Plan``), in one form: drafted, proposed (to the ward chairman for his own Giấy
    khen, to the district for the higher forms), then decided. A proposed or decided list never
    changes: a correction is a new list that names the one it replaces."""

    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="commendations", verbose_name=_("kế hoạch")
    )
    ward = models.ForeignKey(
        Division, on_delete=models.PROTECT, related_name="commendations", verbose_name=_("phường/xã")
    )
    form = models.CharField(_("hình thức khen thưởng"), max_length=24, choices=CommendationForm.choices)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=CommendationStatus.choices, default=CommendationStatus.DRAFT
    )
    proposed_on = models.DateField(_("ngày đề nghị"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người đề nghị"),
    )
    proposal_note = models.TextField(_("nội dung tờ trình"), blank=True)
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người quyết định"),
    )
    version = models.PositiveSmallIntegerField(default=1, verbose_name=_("lần"))
    supersedes = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
        verbose_name=_("thay thế bản"),
    )
    reason = models.TextField(_("lý do đính chính"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("thời điểm tạo"))

    class Meta:
        verbose_name = _("danh sách khen thưởng")
        verbose_name_plural = _("danh sách khen thưởng")
        ordering = ["plan", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_form_display()} – {self.ward.name}"

    def get_additional_data(self) -> dict:
        return {"division_path": self.ward.path}


class CommendeeKind(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")


class Commendee(models.Model):
    """One line of a commendation list: a collective (an election team, a khu phố, a ward's
    office) or an individual (name, position, unit), with the achievement commended."""

    commendation = models.ForeignKey(
        Commendation,
        on_delete=models.CASCADE,
        related_name="commendees",
        verbose_name=_("danh sách khen thưởng"),
    )
    kind = models.CharField(_("tập thể / cá nhân"), max_length=16, choices=CommendeeKind.choices)
    name = models.CharField(_("tên tập thể / họ và tên"), max_length=200)
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    unit = models.CharField(_("đơn vị"), max_length=200, blank=True)
    achievement = models.TextField(_("thành tích"))
    order = models.PositiveSmallIntegerField(default=0, verbose_name=_("thứ tự"))

    class Meta:
        verbose_name = _("người, tập thể được khen thưởng")
        verbose_name_plural = _("người, tập thể được khen thưởng")
        ordering = ["commendation", "order", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict:
        return {"division_path": self.commendation.ward.path}


# --- the outgoing head's term report and the khu phố's finances (issue 15) ---


class TermReport(models.Model):
    """The outgoing head's report on the term (Đồng Kỵ: "báo cáo kết quả công tác tự quản ở khu
    phố nhiệm kỳ"), heard by the term election's meeting before the vote. Filed before the
    meeting by the ward for the head (heads hold no account); once the meeting heard it, it
    never changes."""

    election = models.OneToOneField(
        Election, on_delete=models.PROTECT, related_name="term_report", verbose_name=_("cuộc bầu cử")
    )
    head_name = models.CharField(_("Trưởng khu phố báo cáo"), max_length=150)
    text = models.TextField(_("nội dung báo cáo"))
    attachment = models.FileField(_("tệp đính kèm"), upload_to="term_reports/%Y/", blank=True)
    attachment_name = models.CharField(_("tên tệp đính kèm"), max_length=200, blank=True)
    filed_on = models.DateField(_("ngày nộp báo cáo"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người nộp"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("thời điểm tạo"))

    class Meta:
        verbose_name = _("báo cáo nhiệm kỳ của Trưởng khu phố")
        verbose_name_plural = _("báo cáo nhiệm kỳ của Trưởng khu phố")

    def __str__(self) -> str:
        return f"Báo cáo nhiệm kỳ – {self.election.neighborhood.name}"

    def get_additional_data(self) -> dict:
        return {"division_path": self.election.neighborhood.path}


class FinanceStatement(models.Model):
    """The khu phố's funds over the term (Đồng Kỵ: "báo cáo công khai việc thu - chi tài chính
    của khu phố"): the opening balance, income and spending by line, the closing balance, with
    the totals as stated on the form (checked to add up when saved). Once the meeting heard it,
    a correction is a new version that names the one it replaces and why."""

    election = models.ForeignKey(
        Election, on_delete=models.PROTECT, related_name="finance_statements", verbose_name=_("cuộc bầu cử")
    )
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
    head_name = models.CharField(_("Trưởng khu phố báo cáo"), max_length=150)
    period_from = models.DateField(_("từ ngày"))
    period_to = models.DateField(_("đến ngày"))
    opening_balance = models.PositiveBigIntegerField(_("số dư đầu kỳ (đồng)"))
    income_total = models.PositiveBigIntegerField(_("tổng thu (đồng)"))
    spending_total = models.PositiveBigIntegerField(_("tổng chi (đồng)"))
    closing_balance = models.PositiveBigIntegerField(_("số dư cuối kỳ (đồng)"))
    filed_on = models.DateField(_("ngày lập"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người nộp"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("thời điểm tạo"))

    class Meta:
        verbose_name = _("báo cáo thu, chi quỹ khu phố")
        verbose_name_plural = _("báo cáo thu, chi quỹ khu phố")
        constraints = [
            models.UniqueConstraint(
                fields=["election", "version"], name="finance_statement_version_unique_per_election"
            )
        ]

    def __str__(self) -> str:
        return f"Thu, chi quỹ – {self.election.neighborhood.name} (lần {self.version})"

    def get_additional_data(self) -> dict:
        return {"division_path": self.election.neighborhood.path}


class FinanceLineKind(models.TextChoices):
    INCOME = "income", _("Thu quỹ")
    SPENDING = "spending", _("Chi quỹ")


class FinanceLine(models.Model):
    statement = models.ForeignKey(
        FinanceStatement,
        on_delete=models.CASCADE,
        related_name="lines",
        verbose_name=_("báo cáo thu, chi quỹ khu phố"),
    )
    position = models.PositiveSmallIntegerField(_("số thứ tự"))
    kind = models.CharField(_("thu / chi"), max_length=16, choices=FinanceLineKind.choices)
    label = models.CharField(_("nội dung"), max_length=200)
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))

    class Meta:
        verbose_name = _("dòng thu, chi")
        verbose_name_plural = _("dòng thu, chi")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "position"], name="finance_line_position_unique")
        ]

    def __str__(self) -> str:
        return self.label

    def get_additional_data(self) -> dict:
        return {"division_path": self.statement.election.neighborhood.path}


class AgendaItem(models.TextChoices):
    """What the term election's meeting hears before the vote (Đồng Kỵ; Hương Xuân)."""

    TERM_REPORT = "term_report", _("Báo cáo kết quả hoạt động nhiệm kỳ của Trưởng khu phố")
    FINANCES = "finances", _("Công khai thu, chi quỹ khu phố")


class AgendaHearing(models.Model):
    """The election team's record that the meeting heard an item (which report, which version of
    the statement) and the objections raised, as form 03 states them."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="hearings", verbose_name=_("cuộc họp")
    )
    item = models.CharField(_("nội dung"), max_length=16, choices=AgendaItem.choices)
    term_report = models.ForeignKey(
        TermReport,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hearings",
        verbose_name=_("báo cáo nhiệm kỳ"),
    )
    finance_statement = models.ForeignKey(
        FinanceStatement,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hearings",
        verbose_name=_("báo cáo thu, chi quỹ khu phố"),
    )
    objections = models.TextField(_("ý kiến, thắc mắc của cử tri"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người ghi nhận"),
    )
    recorded_at = models.DateTimeField(auto_now_add=True, verbose_name=_("ghi nhận lúc"))

    class Meta:
        verbose_name = _("nội dung đã trình bày tại cuộc họp")
        verbose_name_plural = _("nội dung đã trình bày tại cuộc họp")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "item"], name="agenda_hearing_unique_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.get_item_display()} – {self.meeting}"

    def get_additional_data(self) -> dict:
        return {"division_path": self.meeting.election.neighborhood.path}


# --- the signed paper comes back (issue 16) ---


class SignedCopyVerdict(models.TextChoices):
    """The ward's check of one uploaded copy against the paper the system issued."""

    RECEIVED = "received", _("Đã nhận bản có chữ ký")
    REFUSED = "refused", _("Không nhận")


class SignedCopy(models.Model):
    """A photo or scan of an issued paper as signed on paper (forms 02 and 03, the ward's
    decisions), uploaded after the meeting. Never changed: a new upload is a new version; the
    ward's check is a row of its own (``SignedCopyReview``). Images are stored resized, turned
    upright and without their metadata; ``sha256`` is that of the stored bytes."""

    election = models.ForeignKey(
        Election, on_delete=models.PROTECT, related_name="signed_copies", verbose_name=_("cuộc bầu cử")
    )
    document = models.ForeignKey(
        "reporting.StoredDocument",
        on_delete=models.PROTECT,
        related_name="signed_copies",
        verbose_name=_("văn bản đã ban hành"),
    )
    version = models.PositiveSmallIntegerField(_("lần tải lên"))
    file = models.FileField(_("tệp"), upload_to="signed/%Y/", blank=True)
    content_type = models.CharField(_("loại tệp"), max_length=32)
    original_name = models.CharField(_("tên tệp gốc"), max_length=200, blank=True)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    width = models.PositiveIntegerField(_("chiều rộng (điểm ảnh)"), null=True, blank=True)
    height = models.PositiveIntegerField(_("chiều cao (điểm ảnh)"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người tải lên"),
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("bản có chữ ký")
        verbose_name_plural = _("bản có chữ ký")
        ordering = ["document_id", "version"]
        constraints = [
            models.UniqueConstraint(fields=["document", "version"], name="signed_copy_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.document} – lần {self.version}"

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    def get_additional_data(self) -> dict:
        return {"division_path": self.election.neighborhood.path}


class SignedCopyReview(models.Model):
    """The ward official's check of one uploaded copy: received (it matches the issued text) or
    refused with its reason. Made once; a refused copy is answered by a new upload."""

    copy = models.OneToOneField(
        SignedCopy, on_delete=models.PROTECT, related_name="review", verbose_name=_("bản có chữ ký")
    )
    verdict = models.CharField(_("kết quả kiểm tra"), max_length=16, choices=SignedCopyVerdict.choices)
    reason = models.TextField(_("lý do không nhận"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người kiểm tra"),
    )
    reviewed_at = models.DateTimeField(_("kiểm tra lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("kiểm tra bản có chữ ký")
        verbose_name_plural = _("kiểm tra bản có chữ ký")

    def __str__(self) -> str:
        return f"{self.copy} – {self.get_verdict_display()}"

    @property
    def received(self) -> bool:
        return self.verdict == SignedCopyVerdict.RECEIVED

    def get_additional_data(self) -> dict:
        return {"division_path": self.copy.election.neighborhood.path}


# --- an invitation for every door (issue 18) ---


class InvitationDelivery(models.Model):
    """One household's invitation (form 01) handed in at its door by the team, for the meeting
    of one day (NĐ 59/2023 Art. 3.3: at least 2 days before). Unticking deletes the row (the
    audit log keeps it); a re-run on another day starts a list of its own."""

    election = models.ForeignKey(
        Election,
        on_delete=models.CASCADE,
        related_name="invitation_deliveries",
        verbose_name=_("cuộc bầu cử"),
    )
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="+", verbose_name=_("hộ gia đình")
    )
    meeting_date = models.DateField(_("ngày họp ghi trên giấy mời"))
    delivered_at = models.DateTimeField(_("thời điểm đưa giấy mời"))
    delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người đưa giấy mời"),
    )

    class Meta:
        verbose_name = _("giấy mời đã đưa đến hộ")
        verbose_name_plural = _("giấy mời đã đưa đến hộ")
        constraints = [
            models.UniqueConstraint(
                fields=["election", "household", "meeting_date"],
                name="one_invitation_per_household_per_meeting",
            )
        ]

    def __str__(self) -> str:
        return f"{self.household.code} – {self.meeting_date:%d/%m/%Y}"

    def get_additional_data(self) -> dict:
        return {"division_path": self.election.neighborhood.path}
