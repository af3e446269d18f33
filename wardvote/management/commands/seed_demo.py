"""Demo data for `make run`: idempotent, deterministic, a few seconds on SQLite.

TP. Hồ Chí Minh on the 2024 map; Phường 22 of Quận Bình Thạnh with its 26 khu phố
(joint plan 192/KHLT-UBND-UBMTTQ of 07/10/2024), Phường 25 and Phường 11 with a
few; households with plausible Vietnamese names and Bình Thạnh addresses; one
demo login per role. Each step is a small function; later features add steps.
"""

from __future__ import annotations

import argparse
import datetime
import io
import random
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from faker import Faker
from PIL import Image, ImageDraw, ImageFont

from elections.commendation_documents import COMMENDATION_DECISION
from elections.documents import DECISION_TO_HOLD, TEAM_DECISION
from elections.models import (
    Budget,
    ClusterPlan,
    CommendationForm,
    CommendationStatus,
    Plan,
    ReorganisationTerm,
    SignedCopy,
)
from elections.rules import FinanceFigure
from elections.selectors.signed_copies import signed_papers
from elections.services import clusters as cluster_services
from elections.services import commendations as commendation_services
from elections.services.budget import EstimateLine, SpentLine, budget_estimate, budget_settle
from elections.services.plans import plan_create
from elections.services.reorganisations import reorganisation_apply
from elections.services.signed_copies import signed_copy_receive, signed_copy_upload
from elections.services.team import team_member_add
from elections.services.term_report import finance_statement_file, term_report_file
from neighborhoods.models import Account, Division, Household, Level, Reorganisation, Role, StaffAssignment
from neighborhoods.services.divisions import country, division_create
from neighborhoods.services.maps import load_map
from neighborhoods.services.reorganisations import reorganisation_merge
from reporting import periodic_services
from reporting.exports import snapshot_all
from reporting.fetcher import FONT_DIR
from reporting.issuing import OfficeBody, Position
from reporting.models import OfficeHolder, PeriodicReportStatus, ProgressSnapshot
from reporting.services import document_issue, document_request, office_holder_add, verification_url

DEMO_PASSWORD = "wardvote-demo"
SEED = 22
HCMC, BINH_THANH = "79", "765"
# Ward code → how many khu phố the demo gives it.
DEMO_WARDS = {"26956": 26, "26920": 6, "26908": 5}  # Phường 22, Phường 25, Phường 11
HOUSEHOLDS_PER_NEIGHBORHOOD = (150, 600)
STREETS = [
    "Xô Viết Nghệ Tĩnh",
    "Điện Biên Phủ",
    "Nguyễn Hữu Cảnh",
    "Ngô Tất Tố",
    "Ung Văn Khiêm",
    "Nguyễn Xí",
    "Đinh Bộ Lĩnh",
    "Bạch Đằng",
    "Nơ Trang Long",
    "Phan Văn Trị",
    "Nguyễn Văn Đậu",
    "Lê Quang Định",
    "Chu Văn An",
    "Bùi Đình Túy",
    "Nguyễn Gia Trí",
    "Võ Oanh",
    "Nguyễn Văn Thương",
    "Phan Đăng Lưu",
]
FEMALE_MIDDLE_NAMES = ["Thị", "Thị", "Ngọc", "Thanh", "Thu"]
MALE_MIDDLE_NAMES = ["Văn", "Văn", "Minh", "Quốc", "Hữu", "Đức"]
# (username, full name, role, division: "country", an official code or "<ward code>/<khu phố no.>", shown as)
DEMO_USERS: list[tuple[str, str, str, str, str]] = [
    ("admin", "Quản trị hệ thống", Role.SYSTEM_ADMIN, "country", "Việt Nam"),
    ("hcm.noivu", "Trần Minh Tuấn", Role.CITY_HOME_AFFAIRS, HCMC, "TP. Hồ Chí Minh"),
    ("hcm.mttq", "Lê Thị Thu Hà", Role.CITY_FRONT, HCMC, "TP. Hồ Chí Minh"),
    ("binhthanh.noivu", "Phạm Quốc Bảo", Role.DISTRICT_HOME_AFFAIRS, BINH_THANH, "Quận Bình Thạnh"),
    ("binhthanh.mttq", "Võ Thị Ngọc Lan", Role.DISTRICT_FRONT, BINH_THANH, "Quận Bình Thạnh"),
    ("p22.ubnd", "Nguyễn Văn Hùng", Role.WARD_OFFICIAL, "26956", "Phường 22"),
    ("p22.mttq", "Đặng Thị Mai", Role.WARD_FRONT, "26956", "Phường 22"),
    ("p22.kp1.tobaucu", "Huỳnh Văn Phúc", Role.ELECTION_TEAM, "26956/1", "Khu phố 1, Phường 22"),
    # A second team member: every tally is typed by two people (double entry).
    ("p22.kp1.thuky", "Trương Thị Hồng", Role.ELECTION_TEAM, "26956/1", "Khu phố 1, Phường 22"),
    ("p25.ubnd", "Bùi Thanh Sơn", Role.WARD_OFFICIAL, "26920", "Phường 25"),
]


# --- When the demo happens -----------------------------------------------------------------
# The demo's dates are those of the real campaigns it grew from: Phường 22's joint plan of
# 07/10/2024 and the Huế wards' plans of 20/08/2025. On another day they are moved together,
# by whole weeks so that each meeting keeps its weekday, to lie around ``plan_day``; what would
# then fall after today has not happened yet and is left for the visitor to do.
HCMC_PLAN_DAY = datetime.date(2024, 10, 7)
HUE_PLAN_DAY = datetime.date(2025, 8, 20)
# Without --as-of, the plan was issued this many days ago: its deadlines lie in the coming weeks.
DAYS_SINCE_PLAN = 10


def _whole_weeks(start: datetime.date, end: datetime.date) -> datetime.timedelta:
    return datetime.timedelta(weeks=round((end - start).days / 7))


@dataclass(frozen=True)
class DemoCalendar:
    """The demo's clock: ``plan_day`` is when Phường 22's plan is issued, ``today`` the real day."""

    plan_day: datetime.date
    today: datetime.date

    @classmethod
    def as_of(cls, plan_day: datetime.date | None) -> DemoCalendar:
        today = timezone.localdate()
        return cls(plan_day or today - datetime.timedelta(days=DAYS_SINCE_PLAN), today)

    @property
    def is_historical(self) -> bool:
        return self.hcmc(HCMC_PLAN_DAY) == HCMC_PLAN_DAY

    def hcmc(self, day: datetime.date) -> datetime.date:
        """A date of the TP. Hồ Chí Minh campaign (on the 2024 map) and of what followed it."""
        return day + _whole_weeks(HCMC_PLAN_DAY, self.plan_day)

    def hcmc_year(self, year: int) -> int:
        return year + self.hcmc(HCMC_PLAN_DAY).year - HCMC_PLAN_DAY.year

    def hue(self, day: datetime.date) -> datetime.date:
        """A date of the Huế campaign: it ran on the 2025 map, so it is never moved earlier."""
        return day + max(_whole_weeks(HUE_PLAN_DAY, self.plan_day), datetime.timedelta(0))

    def hue_year(self, year: int) -> int:
        return year + self.hue(HUE_PLAN_DAY).year - HUE_PLAN_DAY.year

    def happened(self, day: datetime.date) -> bool:
        return day <= self.today


def official(code: str) -> Division:
    return Division.objects.get(code=code, map_edition="2024")


def neighborhood(ward: Division, number: int) -> Division:
    return Division.objects.get(parent=ward, level=Level.NEIGHBORHOOD, name=f"Khu phố {number}")


def resolve_division(key: str) -> Division:
    if key == "country":
        return country()
    if "/" in key:
        ward_code, number = key.split("/")
        return neighborhood(official(ward_code), int(number))
    return official(key)


def load_hcmc_map(stdout, when: DemoCalendar) -> None:
    report = load_map("2024", HCMC)
    stdout.write(f"Bản đồ 2024 của TP. Hồ Chí Minh: {report.created} đơn vị mới, {report.unchanged} đã có.")


def create_neighborhoods(stdout, when: DemoCalendar) -> None:
    for ward_code, count in DEMO_WARDS.items():
        ward = official(ward_code)
        existing = set(ward.children.filter(level=Level.NEIGHBORHOOD).values_list("name", flat=True))
        for number in range(1, count + 1):
            if f"Khu phố {number}" not in existing:
                division_create(
                    level=Level.NEIGHBORHOOD, name=f"Khu phố {number}", type_word="Khu phố", parent=ward
                )


def vietnamese_name(fake: Faker, rng: random.Random) -> str:
    """Family name, middle name, given name -- Vietnamese order (Faker's vi_VN writes it Western)."""
    if rng.random() < 0.5:
        return f"{fake.last_name()} {rng.choice(FEMALE_MIDDLE_NAMES)} {fake.first_name_female()}"
    return f"{fake.last_name()} {rng.choice(MALE_MIDDLE_NAMES)} {fake.first_name_male()}"


def with_demo_phones(rows: list[Household]) -> list[Household]:
    """Two households in three give a phone: made-up numbers, each from its own code's generator
    so that adding them changed none of the names and addresses drawn before."""
    for row in rows:
        rng = random.Random(f"{SEED}-phone-{row.code}")
        row.phone = f"0900{rng.randint(0, 999_999):06d}" if rng.random() < 2 / 3 else ""
    return rows


def create_households(stdout, when: DemoCalendar) -> None:
    fake = Faker("vi_VN")
    created = 0
    for ward_code in DEMO_WARDS:
        ward = official(ward_code)
        for kp in ward.children.filter(level=Level.NEIGHBORHOOD).order_by("pk"):
            if kp.households.exists():
                continue
            number = int(kp.name.rsplit(" ", 1)[1])
            rng = random.Random(f"{SEED}-{ward_code}-{number}")
            fake.seed_instance(rng.random())
            rows = [
                Household(
                    neighborhood=kp,
                    ward=ward,
                    code=f"P{ward.name.rsplit(' ', 1)[1]}-KP{number:02d}-{index:04d}",
                    head_name=vietnamese_name(fake, rng),
                    address=f"{rng.randint(1, 300)}/{rng.randint(1, 40)} {rng.choice(STREETS)}",
                    member_count=rng.randint(1, 8),
                )
                for index in range(1, rng.randint(*HOUSEHOLDS_PER_NEIGHBORHOOD) + 1)
            ]
            Household.objects.bulk_create(with_demo_phones(rows), batch_size=1000)
            created += len(rows)
    stdout.write(f"Hộ gia đình mới: {created}.")


def create_demo_users(stdout, when: DemoCalendar) -> None:
    _create_users(DEMO_USERS, resolve_division)


def _create_users(users: list[tuple[str, str, str, str, str]], resolve) -> None:
    User = get_user_model()
    for username, full_name, role, division_key, _place in users:
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.set_password(DEMO_PASSWORD)
        family_and_middle, _, given = full_name.rpartition(" ")
        user.first_name, user.last_name = given, family_and_middle
        user.is_staff = user.is_superuser = role == Role.SYSTEM_ADMIN
        user.save()
        StaffAssignment.objects.get_or_create(user=user, division=resolve(division_key), role=role)
        # The README prints these logins with their shared password: they are ready to use, as
        # if each holder had chosen it (a later reset of one of them is kept).
        Account.objects.get_or_create(
            user=user, defaults={"must_set_password": False, "password_set_by_owner_at": timezone.now()}
        )


def create_plans(stdout, when: DemoCalendar) -> None:
    """The plans of seed 000: the city's, Bình Thạnh's and Phường 22's joint plan 192/KHLT-UBND-UBMTTQ."""
    admin = get_user_model().objects.get(username="admin")
    start, end = when.hcmc_year(2024), when.hcmc_year(2029)
    common: dict[str, Any] = {
        "term_start_year": start,
        "term_end_year": end,
        "elects_head": True,
        "elects_inspection_board": True,
        "completion_deadline": when.hcmc(datetime.date(2024, 10, 31)),
        "legal_basis": "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15; Nghị định số 59/2023/NĐ-CP",
    }
    chain = [
        (
            HCMC,
            "3550/KH-UBND",
            datetime.date(2024, 8, 20),
            "UBND Thành phố Hồ Chí Minh",
            f"Kế hoạch tổ chức bầu cử Trưởng khu phố, Trưởng ấp nhiệm kỳ {start} - {end}",
        ),
        (
            BINH_THANH,
            "2301/KH-UBND",
            datetime.date(2024, 9, 10),
            "UBND Quận Bình Thạnh",
            f"Kế hoạch tổ chức bầu cử Trưởng khu phố nhiệm kỳ {start} - {end} trên địa bàn quận",
        ),
        (
            "26956",
            "192/KHLT-UBND-UBMTTQ",
            datetime.date(2024, 10, 7),
            "UBND – UBMTTQ Phường 22",
            "Kế hoạch liên tịch bầu cử Trưởng khu phố kết hợp bầu thành viên Ban Thanh tra nhân dân",
        ),
    ]
    parent = None
    for code, number, issued_on, bodies, title in chain:
        division = official(code)
        plan = Plan.objects.filter(division=division, number=number).first()
        if plan is None:
            plan = plan_create(
                by=admin,
                division=division,
                parent=parent,
                number=number,
                issued_on=when.hcmc(issued_on),
                title=title,
                issuing_bodies=bodies,
                **common,
            )
        parent = plan


# Phường 22's Khu phố 12 meets in three residential clusters (Luật Art. 18.3; NĐ 59 Art. 3.6).
CLUSTERED_NEIGHBORHOOD = "Khu phố 12"
CLUSTERS = [
    ("Cụm 1", "Nguyễn Thị Một", "front_member", datetime.date(2024, 10, 26), "Nhà văn hóa tổ 1"),
    ("Cụm 2", "Trần Văn Hai", "citizen", datetime.date(2024, 10, 27), "Nhà văn hóa tổ 2"),
    ("Cụm 3", "Lê Thị Ba", "citizen", datetime.date(2024, 10, 27), "Sân chung cư tổ 3"),
]


def create_cluster_plan(stdout, when: DemoCalendar) -> None:
    """Khu phố 12 of Phường 22 meets in three clusters of about a third of its households each,
    by household code, on a plan the ward approved after agreeing with the Front committee."""
    election = Plan.objects.get(number="192/KHLT-UBND-UBMTTQ").elections.get(
        neighborhood__name=CLUSTERED_NEIGHBORHOOD
    )
    if ClusterPlan.objects.filter(election=election).exists():
        return
    ward_official = get_user_model().objects.get(username="p22.ubnd")
    plan = cluster_services.cluster_plan_create(by=ward_official, election=election)
    codes = list(
        election.neighborhood.households.filter(status="active")
        .order_by("code")
        .values_list("code", flat=True)
    )
    third = len(codes) // 3
    ranges = [("", codes[third - 1]), (codes[third], codes[2 * third - 1]), (codes[2 * third], "")]
    for (name, person, capacity, day, place), (first, last) in zip(CLUSTERS, ranges, strict=True):
        cluster = cluster_services.cluster_add(
            by=ward_official,
            plan=plan,
            name=name,
            chair_name=person,
            chair_capacity=capacity,
            meeting_date=when.hcmc(day),
            meeting_time=datetime.time(19, 0),
            meeting_place=place,
            reporter_name=person,
        )
        cluster_services.households_assign(by=ward_official, cluster=cluster, code_from=first, code_to=last)
    agreed_on, approved_on = when.hcmc(datetime.date(2024, 10, 14)), when.hcmc(datetime.date(2024, 10, 15))
    if when.happened(agreed_on):
        cluster_services.front_agreement_record(
            by=ward_official, plan=plan, agreed_on=agreed_on, agreed_with="Phạm Văn Mặt Trận"
        )
    if when.happened(approved_on):
        cluster_services.cluster_plan_approve(by=ward_official, plan=plan, approved_on=approved_on)


# Phường 22's register of who signs its papers (fictional names).
SIGNERS = [
    ("26956", OfficeBody.PEOPLES_COMMITTEE, Position.CHAIRMAN, "Nguyễn Thanh Tùng"),
    ("26956", OfficeBody.PEOPLES_COMMITTEE, Position.VICE_CHAIRMAN, "Lê Thị Kim Oanh"),
    ("26956", OfficeBody.FRONT, Position.CHAIRMAN, "Phạm Văn Mặt Trận"),
    ("26956/1", OfficeBody.FRONT_COMMITTEE, Position.COMMITTEE_HEAD, "Đỗ Văn Khải"),
]


def create_signers(stdout, when: DemoCalendar) -> None:
    """The register of signers of Phường 22 and of its Khu phố 1's Front committee."""
    ward_official = get_user_model().objects.get(username="p22.ubnd")
    for key, body, position, name in SIGNERS:
        division = resolve_division(key)
        if not OfficeHolder.objects.filter(division=division, body=body, full_name=name).exists():
            office_holder_add(
                by=ward_official, division=division, body=body, position=position, full_name=name
            )


# Khu phố 1's papers, issued when the chairman signed them: (kind, date signed, signer's name).
ISSUED_PAPERS = [
    (DECISION_TO_HOLD, datetime.date(2024, 10, 8), "Nguyễn Thanh Tùng"),
    (TEAM_DECISION, datetime.date(2024, 10, 10), "Lê Thị Kim Oanh"),
]
KP1_TEAM = [
    ("Huỳnh Văn Phúc", "head", "front_committee"),
    ("Trương Thị Hồng", "secretary", "household"),
    ("Đỗ Văn Khải", "member", "front_committee"),
]


def issue_kp1_papers(stdout, when: DemoCalendar) -> None:
    """Khu phố 1's decision to hold the election and its team decision, issued and signed,
    so a visitor can check them at /xac-minh/<code>/ (the codes are printed)."""
    election = Plan.objects.get(number="192/KHLT-UBND-UBMTTQ").elections.get(neighborhood__name="Khu phố 1")
    ward_official = get_user_model().objects.get(username="p22.ubnd")
    if not election.team_members.exists():
        for name, role, represents in KP1_TEAM:
            team_member_add(election=election, full_name=name, role=role, represents=represents)
    for kind, historical_day, signer_name in ISSUED_PAPERS:
        signed_on = when.hcmc(historical_day)
        if not when.happened(signed_on):
            continue
        paper = document_request(kind=kind, source=election, user=ward_official)
        if not paper.is_issued:
            signer = OfficeHolder.objects.get(division=election.plan.division, full_name=signer_name)
            paper = document_issue(document=paper, by=ward_official, signed_on=signed_on, signer=signer)
        stdout.write(f"  {paper.title}: {paper.number}, {verification_url(paper.verification_code)}")


# --- h7: Phường 22's commendation decision after the campaign ----------------------------
# (kind, name, position, unit, achievement): Khu phố 1's election team and two of its members.
P22_COMMENDEES = [
    (
        "collective",
        "Tổ bầu cử Khu phố 1",
        "",
        "",
        "Tổ chức cuộc họp bầu cử Trưởng khu phố đúng luật, an toàn, đạt tỷ lệ hộ tham dự cao",
    ),
    (
        "individual",
        "Huỳnh Văn Phúc",
        "Tổ trưởng Tổ bầu cử",
        "Khu phố 1",
        "Điều hành cuộc họp bầu cử chặt chẽ, đúng trình tự",
    ),
    (
        "individual",
        "Trương Thị Hồng",
        "Thư ký Tổ bầu cử",
        "Khu phố 1",
        "Lập biên bản kiểm phiếu chính xác, kịp thời",
    ),
]
COMMENDATION_PROPOSED_ON = datetime.date(2024, 11, 20)
COMMENDATION_DECIDED_ON = datetime.date(2024, 11, 25)


def issue_p22_commendation(stdout, when: DemoCalendar) -> None:
    """The ward chairman's Giấy khen for Khu phố 1's election team and two of its members:
    listed, proposed, decided and the decision issued, signed by the chairman. It comes after
    the campaign: a demo whose campaign is still running has none yet."""
    proposed_on, decided_on = when.hcmc(COMMENDATION_PROPOSED_ON), when.hcmc(COMMENDATION_DECIDED_ON)
    if not when.happened(decided_on):
        return
    plan = Plan.objects.get(number="192/KHLT-UBND-UBMTTQ")
    ward_official = get_user_model().objects.get(username="p22.ubnd")
    commendation = plan.commendations.filter(form=CommendationForm.WARD_CERTIFICATE).order_by("pk").first()
    if commendation is None:
        commendation = commendation_services.commendation_create(
            by=ward_official, plan=plan, form=CommendationForm.WARD_CERTIFICATE
        )
    if commendation.status == CommendationStatus.DRAFT:
        listed = set(commendation.commendees.values_list("name", flat=True))
        for kind, name, position, unit, achievement in P22_COMMENDEES:
            if name not in listed:
                commendation_services.commendee_add(
                    by=ward_official,
                    commendation=commendation,
                    kind=kind,
                    name=name,
                    position=position,
                    unit=unit,
                    achievement=achievement,
                )
        commendation = commendation_services.commendation_propose(
            by=ward_official, commendation=commendation, proposed_on=proposed_on
        )
    if commendation.status == CommendationStatus.PROPOSED:
        commendation = commendation_services.commendation_decide(
            by=ward_official, commendation=commendation, decided_on=decided_on
        )
    paper = document_request(kind=COMMENDATION_DECISION, source=commendation, user=ward_official)
    if not paper.is_issued:
        signer = OfficeHolder.objects.get(division=plan.division, full_name="Nguyễn Thanh Tùng")
        paper = document_issue(document=paper, by=ward_official, signed_on=decided_on, signer=signer)
    stdout.write(f"  {paper.title}: {paper.number}, {verification_url(paper.verification_code)}")


# --- A second, smaller campaign on the two-level map of 1 July 2025 ------------------------
# Thành phố Huế (province › ward, no district) and two of the wards the 2025 merger formed.
# Their khu phố are called tổ dân phố; Phú Xuân's Tổ dân phố 4 is new: the city's People's
# Council merged the old 4 and 5 just after the merger of the wards.

HUE = "46"
PHU_XUAN, THUAN_HOA = "19768", "19786"
# Ward code → (household code prefix, tổ dân phố before the merger of 4 and 5).
HUE_WARDS = {PHU_XUAN: ("PX", 5), THUAN_HOA: ("TH", 3)}
HUE_HOUSEHOLDS = (40, 90)
HUE_STREETS = [
    "Lê Lợi",
    "Trần Hưng Đạo",
    "Đinh Tiên Hoàng",
    "Nguyễn Trãi",
    "Lê Duẩn",
    "Hùng Vương",
    "Bà Triệu",
]
HUE_MERGER: dict[str, Any] = {
    "resolution_number": "12/NQ-HĐND",
    "resolution_date": datetime.date(2025, 7, 10),
    "issuing_body": "Hội đồng nhân dân thành phố Huế",
    "effective_date": datetime.date(2025, 7, 15),
    "note": "Sáp nhập Tổ dân phố 4 và Tổ dân phố 5 thành Tổ dân phố 4 (thí dụ, số liệu giả định).",
}
MERGED, MERGED_INTO = ("Tổ dân phố 4", "Tổ dân phố 5"), "Tổ dân phố 4"
PX_TDP1 = "Tổ dân phố 1, Phường Phú Xuân"
HUE_USERS: list[tuple[str, str, str, str, str]] = [
    ("hue.noivu", "Hoàng Văn Thành", Role.CITY_HOME_AFFAIRS, HUE, "Thành phố Huế"),
    ("hue.mttq", "Tôn Nữ Minh Châu", Role.CITY_FRONT, HUE, "Thành phố Huế"),
    ("phuxuan.ubnd", "Nguyễn Phước Hải", Role.WARD_OFFICIAL, PHU_XUAN, "Phường Phú Xuân"),
    ("phuxuan.mttq", "Lê Thị Hoài Thu", Role.WARD_FRONT, PHU_XUAN, "Phường Phú Xuân"),
    (
        "phuxuan.tdp1.tobaucu",
        "Trần Đình Khoa",
        Role.ELECTION_TEAM,
        f"{PHU_XUAN}/1",
        "Tổ dân phố 1, Phường Phú Xuân",
    ),
    (
        "phuxuan.tdp1.thuky",
        "Phan Thị Diệu",
        Role.ELECTION_TEAM,
        f"{PHU_XUAN}/1",
        "Tổ dân phố 1, Phường Phú Xuân",
    ),
]
# The province's plan and, directly under it, its wards' joint plans (no district plan).
HUE_PLANS = [
    (HUE, "180/KH-UBND", datetime.date(2025, 8, 1), "UBND thành phố Huế"),
    (PHU_XUAN, "45/KHLT-UBND-UBMTTQ", datetime.date(2025, 8, 20), "UBND – UBMTTQ phường Phú Xuân"),
    (THUAN_HOA, "52/KHLT-UBND-UBMTTQ", datetime.date(2025, 8, 20), "UBND – UBMTTQ phường Thuận Hóa"),
]


def official_2025(code: str) -> Division:
    return Division.objects.get(code=code, map_edition="2025")


def residential_group(ward: Division, number: int) -> Division:
    return Division.objects.get(
        parent=ward, level=Level.NEIGHBORHOOD, name=f"Tổ dân phố {number}", valid_until__isnull=True
    )


def resolve_2025(key: str) -> Division:
    if "/" in key:
        ward_code, number = key.split("/")
        return residential_group(official_2025(ward_code), int(number))
    return official_2025(key)


def load_hue_map(stdout, when: DemoCalendar) -> None:
    report = load_map("2025", HUE)
    stdout.write(f"Bản đồ 2025 của Thành phố Huế: {report.created} đơn vị mới, {report.unchanged} đã có.")


def _hue_households(ward: Division, prefix: str, group: Division, number: int) -> int:
    rng = random.Random(f"{SEED}-{ward.code}-{number}")
    fake = Faker("vi_VN")
    fake.seed_instance(rng.random())
    rows = [
        Household(
            neighborhood=group,
            ward=ward,
            code=f"{prefix}-TDP{number:02d}-{index:04d}",
            head_name=vietnamese_name(fake, rng),
            address=f"{rng.randint(1, 200)} {rng.choice(HUE_STREETS)}",
            member_count=rng.randint(1, 7),
        )
        for index in range(1, rng.randint(*HUE_HOUSEHOLDS) + 1)
    ]
    Household.objects.bulk_create(with_demo_phones(rows))
    return len(rows)


def create_hue_groups(stdout, when: DemoCalendar) -> None:
    """The tổ dân phố of the two wards with their households; in Phú Xuân, Tổ dân phố 4 and 5
    merged into a new Tổ dân phố 4 by resolution (their households move to it)."""
    admin = get_user_model().objects.get(username="admin")
    created = 0
    for code, (prefix, count) in HUE_WARDS.items():
        ward = official_2025(code)
        merged = Reorganisation.objects.filter(ward=ward, resolution_number=HUE_MERGER["resolution_number"])
        if merged.exists() or ward.children.filter(level=Level.NEIGHBORHOOD).exists():
            continue
        for number in range(1, count + 1):
            group = division_create(
                level=Level.NEIGHBORHOOD, name=f"Tổ dân phố {number}", type_word="Tổ dân phố", parent=ward
            )
            created += _hue_households(ward, prefix, group, number)
        if code == PHU_XUAN:
            sources = [residential_group(ward, int(name.rsplit(" ", 1)[1])) for name in MERGED]
            reorganisation_merge(ward=ward, sources=sources, name=MERGED_INTO, by=admin, **HUE_MERGER)
    stdout.write(f"Hộ gia đình mới ở Huế: {created}.")


def create_hue_users(stdout, when: DemoCalendar) -> None:
    _create_users(HUE_USERS, resolve_2025)


def create_hue_plans(stdout, when: DemoCalendar) -> None:
    """Huế's plan and the joint plans of Phú Xuân and Thuận Hóa, carried out directly under it:
    each ward plan opens one election per current tổ dân phố (Phú Xuân's new Tổ dân phố 4 too)."""
    admin = get_user_model().objects.get(username="admin")
    province = None
    for code, number, issued_on, bodies in HUE_PLANS:
        division = official_2025(code)
        plan = Plan.objects.filter(division=division, number=number).first()
        if plan is None:
            plan = plan_create(
                by=admin,
                division=division,
                parent=province,
                number=number,
                issued_on=when.hue(issued_on),
                title="Kế hoạch tổ chức bầu cử Trưởng tổ dân phố và thành viên Ban Thanh tra nhân dân",
                issuing_bodies=bodies,
                term_start_year=when.hue_year(2025),
                term_end_year=when.hue_year(2030),
                elects_head=True,
                elects_inspection_board=True,
                completion_deadline=when.hue(datetime.date(2025, 10, 31)),
                legal_basis="Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15; Nghị định số 59/2023/NĐ-CP",
            )
        if code == HUE:
            province = plan


def apply_hue_merger(stdout, when: DemoCalendar) -> None:
    """Carry Phú Xuân's merger into the posts (once): the old Tổ dân phố 4 and 5 had no heads
    of this term yet, and the new Tổ dân phố 4 elects its first head in the term's election."""
    admin = get_user_model().objects.get(username="admin")
    merger = Reorganisation.objects.get(
        ward=official_2025(PHU_XUAN), resolution_number=HUE_MERGER["resolution_number"]
    )
    if not ReorganisationTerm.objects.filter(reorganisation=merger).exists():
        reorganisation_apply(by=admin, reorganisation=merger)


# Phường 22's election budget (issue 15): the estimate by line and its settlement, one line
# over and one under, each explained.
DEMO_BUDGET = [
    ("printing", "", 3_500_000, 4_100_000, "In thêm phiếu bầu cho các khu phố bầu lại"),
    ("meetings", "", 5_000_000, 4_200_000, "Một số khu phố họp tại nhà văn hóa, không thuê hội trường"),
    ("team_allowances", "", 4_000_000, 4_000_000, ""),
    ("commendation", "", 2_000_000, 2_000_000, ""),
]


def create_budget(stdout, when: DemoCalendar) -> None:
    """Phường 22's election budget for plan 192/KHLT-UBND-UBMTTQ, estimated on 10/10/2024 and
    settled on 05/12/2024 (a running campaign is not settled yet); skipped once the plan has one."""
    plan = Plan.objects.filter(division=official("26956"), number="192/KHLT-UBND-UBMTTQ").first()
    if plan is None or Budget.objects.filter(plan=plan).exists():
        return
    official_user = get_user_model().objects.get(username="p22.ubnd")
    budget = budget_estimate(
        by=official_user,
        plan=plan,
        lines=[EstimateLine(item, label, estimate) for item, label, estimate, _spent, _why in DEMO_BUDGET],
        estimated_on=when.hcmc(datetime.date(2024, 10, 10)),
    )
    settled_on = when.hcmc(datetime.date(2024, 12, 5))
    if not when.happened(settled_on):
        return
    spent = {
        line.pk: SpentLine(amount, why)
        for line, (*_rest, amount, why) in zip(budget.lines.all(), DEMO_BUDGET, strict=True)
    }
    budget_settle(by=official_user, budget=budget, spent=spent, settled_on=settled_on)


STEPS = [
    load_hcmc_map,
    create_neighborhoods,
    create_households,
    create_demo_users,
    create_plans,
    create_cluster_plan,
    create_signers,
    issue_kp1_papers,
    load_hue_map,
    create_hue_groups,
    create_hue_users,
    create_hue_plans,
    apply_hue_merger,
    create_budget,
    issue_p22_commendation,
]


def write_logins(stdout) -> None:
    stdout.write(f"Tài khoản thử nghiệm (mật khẩu chung: {DEMO_PASSWORD}):")
    for username, _name, role, _key, place in DEMO_USERS:
        stdout.write(f"  {username:<18} {Role(role).label} – {place}")
    stdout.write("Chiến dịch trên bản đồ 2 cấp (từ 01/07/2025, không có cấp huyện):")
    for username, _name, role, _key, place in HUE_USERS:
        stdout.write(f"  {username:<20} {Role(role).label} – {place}")


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu (chạy lại nhiều lần không tạo trùng)."

    def add_arguments(self, parser):
        parser.add_argument("--print-logins", action="store_true", help="Chỉ in danh sách tài khoản mẫu.")
        parser.add_argument(
            "--as-of",
            type=_day,
            default=None,
            metavar="YYYY-MM-DD",
            help=(
                "Ngày ban hành kế hoạch của Phường 22; các ngày khác của dữ liệu mẫu tính theo ngày này "
                f"(mặc định: {DAYS_SINCE_PLAN} ngày trước hôm nay; 2024-10-07: chiến dịch thật năm 2024)."
            ),
        )

    def handle(self, *args, print_logins: bool = False, as_of: datetime.date | None = None, **options):
        if print_logins:
            write_logins(self.stdout)
            return
        when = DemoCalendar.as_of(as_of)
        for step in STEPS:
            with transaction.atomic():
                step(self.stdout, when)
        self.stdout.write(self.style.SUCCESS("Đã tạo dữ liệu mẫu."))


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"ngày không hợp lệ: {text!r} (cần dạng YYYY-MM-DD, ví dụ 2024-10-07)"
        ) from None


# --- Phường 22's outgoing heads' term reports and finance statements (issue 15) ---
# (khu phố, outgoing head, report, opening balance, lines (kind, label, amount)); each filed by
# the ward's office for the head on 20/10/2024, before the meetings of 27/10/2024.
DEMO_TERM_REPORTS = [
    (
        "Khu phố 1",
        "Nguyễn Văn Tư",
        "Khu phố giữ vững an ninh trật tự, không có điểm nóng.\n"
        "Vận động 100% hộ gia đình tham gia quỹ khuyến học; 12 hộ được công nhận gia đình văn hóa.",
        3_200_000,
        [
            ("income", "Đóng góp của các hộ gia đình", 24_000_000),
            ("income", "Ủng hộ của doanh nghiệp trên địa bàn", 5_000_000),
            ("spending", "Quỹ khuyến học", 8_000_000),
            ("spending", "Thăm hỏi gia đình chính sách, hộ khó khăn", 6_500_000),
        ],
    ),
    (
        "Khu phố 2",
        "Trần Thị Năm",
        "Hoàn thành sửa chữa hệ thống đèn chiếu sáng hẻm 45.\n"
        "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc hằng năm.",
        1_500_000,
        [
            ("income", "Đóng góp của các hộ gia đình", 18_000_000),
            ("spending", "Sửa chữa đèn chiếu sáng hẻm 45", 12_000_000),
            ("spending", "Ngày hội Đại đoàn kết toàn dân tộc", 4_000_000),
        ],
    ),
    (
        "Khu phố 3",
        "Lê Văn Bảy",
        "Phối hợp Công an phường giữ gìn trật tự; vận động nhân dân giữ vệ sinh môi trường.",
        0,
        [
            ("income", "Đóng góp của các hộ gia đình", 9_600_000),
            ("spending", "Thu gom rác, vệ sinh môi trường", 7_200_000),
        ],
    ),
]


def create_term_reports(stdout, when: DemoCalendar) -> None:
    """Three khu phố of Phường 22: the outgoing head's term report and the statement of the khu
    phố's funds over the term 2022 - 2024, filed by the ward for the head; skipped where filed."""
    plan = Plan.objects.filter(division=official("26956"), number="192/KHLT-UBND-UBMTTQ").first()
    if plan is None:
        return
    ward_official = get_user_model().objects.get(username="p22.ubnd")
    filed_on = when.hcmc(datetime.date(2024, 10, 20))
    if not when.happened(filed_on):
        return
    for name, head, text, opening, lines in DEMO_TERM_REPORTS:
        election = plan.elections.filter(neighborhood__name=name, purpose="term").first()
        if election is None or election.finance_statements.exists():
            continue
        term_report_file(by=ward_official, election=election, head_name=head, text=text, filed_on=filed_on)
        income = sum(amount for kind, _label, amount in lines if kind == "income")
        spending = sum(amount for kind, _label, amount in lines if kind == "spending")
        finance_statement_file(
            by=ward_official,
            election=election,
            head_name=head,
            period_from=datetime.date(when.hcmc_year(2022), 10, 1),
            period_to=datetime.date(when.hcmc_year(2024), 9, 30),
            opening_balance=opening,
            lines=[FinanceFigure(n, kind, label, amount) for n, (kind, label, amount) in enumerate(lines, 1)],
            income_total=income,
            spending_total=spending,
            closing_balance=opening + income - spending,
            filed_on=filed_on,
        )


STEPS.append(create_term_reports)


# --- periodic grassroots-democracy reports (issue 15) ---
# Phường 22's report on grassroots democracy in the fourth quarter of 2024, sent to Quận Bình
# Thạnh's home-affairs office in January 2025 (on time: due 10/01/2025) and received there;
# Phường 25's sent late, not yet received. Phường 11 sent none. On another calendar, the fourth
# quarter of the campaign's year, once January has come; the texts name the plan and term.
P22_Q4_2024 = {
    "results": (
        "Triển khai Kế hoạch liên tịch số 192/KHLT-UBND-UBMTTQ ngày {plan_day} về bầu Trưởng khu phố, "
        "kết hợp bầu thành viên Ban Thanh tra nhân dân phường nhiệm kỳ {start} - {end} tại 26 khu phố.\n"
        "Niêm yết công khai kế hoạch, thành lập Tổ bầu cử các khu phố, chuẩn bị danh sách người ứng cử."
    ),
    "shortcomings": "Một số khu phố chậm tổng hợp danh sách hộ gia đình.",
    "directions": "Tổ chức họp bầu cử tại các khu phố; thực hiện Quy chế dân chủ ở cơ sở năm {next_year}.",
}
P25_Q4_2024 = {
    "results": "Phổ biến Luật Thực hiện dân chủ ở cơ sở; công khai các khoản đóng góp của Nhân dân.",
    "shortcomings": "",
    "directions": "Chuẩn bị bầu Trưởng khu phố nhiệm kỳ {start} - {end}.",
}
# Ward code → (its official's login, its sections, the day of January it sent its report).
PERIODIC_SENT = {
    "26956": ("p22.ubnd", P22_Q4_2024, 8),
    "26920": ("p25.ubnd", P25_Q4_2024, 14),
}
P22_Q4_RECEIVED_ON = 9  # January


def send_p22_q4_2024_report(stdout, when: DemoCalendar) -> None:
    """Phường 22's (and Phường 25's) Q4 2024 report prepared, written and sent; Phường 22's
    received by binhthanh.noivu. Skipped for a report already sent or received."""
    receiver = get_user_model().objects.get(username="binhthanh.noivu")
    year = when.hcmc_year(2024)
    words = {
        "plan_day": f"{when.hcmc(HCMC_PLAN_DAY):%d/%m/%Y}",
        "start": year,
        "end": when.hcmc_year(2029),
        "next_year": year + 1,
    }
    for code, (username, sections, sent_day) in PERIODIC_SENT.items():
        sent_on = datetime.date(year + 1, 1, sent_day)
        if not when.happened(sent_on):
            continue
        ward = official(code)
        by = get_user_model().objects.get(username=username)
        report = periodic_services.periodic_report_prepare(by=by, division=ward, year=year, period="q4")
        if report.is_draft:
            texts = {section: text.format(**words) for section, text in sections.items()}
            report = periodic_services.periodic_report_write(by=by, report=report, **texts)
            report = periodic_services.periodic_report_send(by=by, report=report, sent_on=sent_on)
        received_on = datetime.date(year + 1, 1, P22_Q4_RECEIVED_ON)
        if code == "26956" and report.status == PeriodicReportStatus.SENT and when.happened(received_on):
            periodic_services.periodic_report_receive(by=receiver, report=report, received_on=received_on)


STEPS.append(send_p22_q4_2024_report)


# --- the signed paper comes back (issue 16) ---
# Khu phố 1's decision to hold the election came back signed: a scan uploaded by the ward and
# received by it; its team decision's signed copy is still missing (the election page and the
# dashboards show it).


def _scan_of(paper) -> bytes:
    """A stand-in for a scan of the signed paper: its title, number and date on a white page."""
    font = ImageFont.truetype(str(FONT_DIR / "Tinos-Regular.ttf"), 36)
    page = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(page)
    lines = [paper.title, f"Số: {paper.number}", f"Ngày ký: {paper.signed_on:%d/%m/%Y}", "(đã ký, đóng dấu)"]
    for n, line in enumerate(lines):
        draw.text((120, 160 + 70 * n), line, fill="black", font=font)
    out = io.BytesIO()
    page.save(out, "JPEG", quality=85)
    return out.getvalue()


def receive_kp1_signed_copy(stdout, when: DemoCalendar) -> None:
    """The signed decision to hold Khu phố 1's election scanned, uploaded and received by
    p22.ubnd; skipped once that paper has a signed copy."""
    plan = Plan.objects.filter(number="192/KHLT-UBND-UBMTTQ").first()
    election = plan.elections.filter(neighborhood__name="Khu phố 1").first() if plan else None
    if election is None:
        return
    ward_official = get_user_model().objects.get(username="p22.ubnd")
    for signed in signed_papers(election):
        paper = signed.document
        if paper.kind != DECISION_TO_HOLD or SignedCopy.objects.filter(document=paper).exists():
            continue
        scan = SimpleUploadedFile("quyet-dinh-to-chuc-bau-cu.jpg", _scan_of(paper), content_type="image/jpeg")
        copy = signed_copy_upload(by=ward_official, document=paper, upload=scan)
        signed_copy_receive(by=ward_official, copy=copy)


STEPS.append(receive_kp1_signed_copy)


# --- the completion chart's history (issue 16) ---
# The nightly snapshot (reporting.tasks.snapshot_progress) is what draws the completion chart;
# a demo seeded today would show an empty chart until a beat has run for a few nights. The demo's
# records stand today as they stood on each day of the campaign so far, so each past day's
# snapshot is today's figures, taken for that day.


def take_progress_history(stdout, when: DemoCalendar) -> None:
    """One snapshot a day from Phường 22's plan up to today (or its deadline); days already
    snapshotted are kept."""
    plan = Plan.objects.filter(division=official("26956"), number="192/KHLT-UBND-UBMTTQ").first()
    if plan is None:
        return
    last = min(when.today, plan.completion_deadline)
    days = [plan.issued_on + datetime.timedelta(days=n) for n in range((last - plan.issued_on).days + 1)]
    taken = set(ProgressSnapshot.objects.filter(day__in=days).values_list("day", flat=True))
    for day in days:
        if day not in taken:
            snapshot_all(day)
    stdout.write(f"Số liệu tiến độ theo ngày: {len(days) - len(taken)} ngày mới.")


STEPS.append(take_progress_history)
