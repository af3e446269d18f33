import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from neighborhoods.models import Division, Household, Level, StaffAssignment
from tests.factories import HISTORICAL

DEMO_LOGINS = [
    ("admin", "system_admin", "Việt Nam"),
    ("hcm.noivu", "city_home_affairs", "Thành phố Hồ Chí Minh"),
    ("hcm.mttq", "city_front", "Thành phố Hồ Chí Minh"),
    ("binhthanh.noivu", "district_home_affairs", "Quận Bình Thạnh"),
    ("binhthanh.mttq", "district_front", "Quận Bình Thạnh"),
    ("p22.ubnd", "ward_official", "Phường 22"),
    ("p22.mttq", "ward_front", "Phường 22"),
    ("p22.kp1.tobaucu", "election_team", "Khu phố 1"),
    ("p22.kp1.thuky", "election_team", "Khu phố 1"),
    ("p25.ubnd", "ward_official", "Phường 25"),
    # The second campaign, on the two-level map of 2025.
    ("hue.noivu", "city_home_affairs", "Thành phố Huế"),
    ("hue.mttq", "city_front", "Thành phố Huế"),
    ("phuxuan.ubnd", "ward_official", "Phường Phú Xuân"),
    ("phuxuan.mttq", "ward_front", "Phường Phú Xuân"),
    ("phuxuan.tdp1.tobaucu", "election_team", "Tổ dân phố 1"),
    ("phuxuan.tdp1.thuky", "election_team", "Tổ dân phố 1"),
]


@pytest.fixture
def demo(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", *HISTORICAL, stdout=StringIO())


def test_phuong_22_has_its_26_khu_pho_with_150_to_600_households_each(demo):
    p22 = Division.objects.get(code="26956", map_edition="2024")
    assert p22.parent.name == "Quận Bình Thạnh"
    neighborhoods = p22.children.filter(level=Level.NEIGHBORHOOD)
    assert sorted(n.name for n in neighborhoods) == sorted(f"Khu phố {i}" for i in range(1, 27))
    for kp in neighborhoods:
        assert 150 <= kp.households.count() <= 600


def test_phuong_25_and_11_have_a_few_khu_pho_for_contrast(demo):
    for code in ("26920", "26908"):
        ward = Division.objects.get(code=code, map_edition="2024")
        assert 1 <= ward.children.filter(level=Level.NEIGHBORHOOD).count() <= 10


def test_hcmc_is_loaded_with_its_22_districts(demo):
    hcm = Division.objects.get(code="79", map_edition="2024")
    assert hcm.children.count() == 22


def test_seeding_twice_creates_nothing_new(demo):
    counts = (Division.objects.count(), Household.objects.count(), StaffAssignment.objects.count())
    call_command("seed_demo", *HISTORICAL, stdout=StringIO())
    assert (Division.objects.count(), Household.objects.count(), StaffAssignment.objects.count()) == counts


def test_every_demo_login_works_with_its_role(demo, client):
    for username, role, division in DEMO_LOGINS:
        response = client.post(reverse("login"), {"username": username, "password": "wardvote-demo"})
        assert response.status_code == 302 and response["Location"] == reverse("home"), username
        assignment = StaffAssignment.objects.get(user__username=username)
        assert (assignment.role, assignment.division.name) == (role, division)
        client.logout()


def test_households_have_vietnamese_names_in_vietnamese_order(demo):
    family_names = {
        "Nguyễn",
        "Trần",
        "Lê",
        "Phạm",
        "Hoàng",
        "Huỳnh",
        "Phan",
        "Vũ",
        "Võ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Hồ",
        "Ngô",
        "Dương",
        "Lý",
        "Mai",
        "Đinh",
        "Trương",
        "Lâm",
    }
    names = list(Household.objects.values_list("head_name", flat=True)[:200])
    assert sum(name.split()[0] in family_names for name in names) > 150


def test_print_logins_lists_the_nine_demo_users(db):
    out = StringIO()
    call_command("seed_demo", "--print-logins", stdout=out)
    for username, _role, _division in DEMO_LOGINS:
        assert username in out.getvalue()
    assert "wardvote-demo" in out.getvalue()
    assert get_user_model().objects.count() == 0  # printing creates nothing


def test_the_demo_has_the_plans_of_seed_000_and_phuong_22s_26_elections(demo):
    from elections.models import Plan

    ward_plan = Plan.objects.get(number="192/KHLT-UBND-UBMTTQ")
    assert ward_plan.parent.parent.division.name == "Thành phố Hồ Chí Minh"
    assert ward_plan.elections.count() == 26
    call_command("seed_demo", *HISTORICAL, stdout=StringIO())
    assert Plan.objects.filter(division__map_edition="2024").count() == 3
    assert Plan.objects.count() == 6  # and Huế's three, on the 2025 map


def test_the_second_campaign_runs_on_the_2025_map_of_hue_with_no_district(demo):
    from elections.models import Plan

    hue = Division.objects.get(code="46", map_edition="2025")
    province_plan = Plan.objects.get(division=hue)
    ward_plans = {plan.division.name: plan for plan in province_plan.children.all()}
    assert set(ward_plans) == {"Phường Phú Xuân", "Phường Thuận Hóa"}
    for name, plan in ward_plans.items():
        assert plan.division.parent == hue
        groups = plan.elections.order_by("neighborhood__name")
        assert 3 <= groups.count() <= 4, name
        assert all(e.district is None and e.province == hue for e in groups)
        for election in groups:
            assert 40 <= election.neighborhood.households.count() <= 180


def test_phu_xuans_new_to_dan_pho_4_comes_from_a_merger_recorded_by_resolution(demo):
    from neighborhoods.models import Reorganisation

    ward = Division.objects.get(code="19768", map_edition="2025")
    merger = Reorganisation.objects.get(ward=ward)
    assert (merger.kind, merger.resolution_number) == ("merge", "12/NQ-HĐND")
    assert sorted(d.name for d in merger.sources.all()) == ["Tổ dân phố 4", "Tổ dân phố 5"]
    assert all(d.valid_until is not None for d in merger.sources.all())
    (new,) = merger.results.all()
    assert new.name == "Tổ dân phố 4" and new.valid_until is None and new.valid_from is not None
    moved = sum(d.households.count() for d in merger.sources.all())
    assert moved == 0 and new.households.count() >= 80  # both groups' households moved
    assert new.elections.filter(plan__number="45/KHLT-UBND-UBMTTQ").count() == 1
    assert not merger.sources.filter(elections__isnull=False).exists()


def test_phu_xuans_merger_is_carried_into_the_posts_and_its_new_group_elects_its_first_head_in_the_term(demo):
    from elections.models import ReorganisationTerm, Vacancy
    from neighborhoods.models import Reorganisation

    merger = Reorganisation.objects.get(ward__code="19768", ward__map_edition="2025")
    assert ReorganisationTerm.objects.filter(reorganisation=merger).exists()
    (new,) = merger.results.all()
    # Merged before the ward plan opened its elections: no vacancy, its term election elects the head.
    assert not Vacancy.objects.filter(neighborhood=new).exists()
    assert new.elections.get().purpose == "term"


def test_phuong_22_has_its_election_budget_estimated_and_settled_with_the_differences_explained(demo):
    from elections.models import Budget

    budget = Budget.objects.get(plan__number="192/KHLT-UBND-UBMTTQ")
    assert (budget.status, budget.estimate_total, budget.spent_total) == ("settled", 14_500_000, 14_300_000)
    over, under = budget.lines.all()[:2]
    assert over.spent > over.estimate and over.explanation
    assert under.spent < under.estimate and under.explanation
    call_command("seed_demo", *HISTORICAL, stdout=StringIO())
    assert Budget.objects.count() == 1
    assert budget.lines.count() == 4


def test_phuong_22s_commendation_decision_is_issued_and_seeding_again_adds_none(demo):
    from elections.models import Commendation, CommendationStatus
    from reporting.models import DocumentState, StoredDocument

    commendation = Commendation.objects.get(ward__code="26956")
    assert commendation.status == CommendationStatus.DECIDED
    assert [(c.kind, c.name) for c in commendation.commendees.all()] == [
        ("collective", "Tổ bầu cử Khu phố 1"),
        ("individual", "Huỳnh Văn Phúc"),
        ("individual", "Trương Thị Hồng"),
    ]
    paper = StoredDocument.objects.get(kind="commendation_decision", state=DocumentState.ISSUED)
    assert paper.number.endswith("/QĐ-UBND") and paper.signer_name == "Nguyễn Thanh Tùng"
    assert paper.context["annex_title"].endswith("PHƯỜNG 22")
    call_command("seed_demo", *HISTORICAL, stdout=StringIO())
    assert Commendation.objects.count() == 1
    assert StoredDocument.objects.filter(kind="commendation_decision").count() == 2  # the draft, the issued


# --- The demo dated from today ---------------------------------------------------------------


@pytest.fixture
def today_demo(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", stdout=StringIO())


def test_without_as_of_the_plan_was_issued_about_ten_days_ago_and_its_deadlines_lie_ahead(today_demo):
    from django.utils import timezone

    from elections.models import Cluster, Plan

    today = timezone.localdate()
    plan = Plan.objects.get(number="192/KHLT-UBND-UBMTTQ")
    # Moved by whole weeks from Monday 07/10/2024, so the meetings keep their Sunday.
    assert abs((today - plan.issued_on).days - 10) <= 3 and plan.issued_on.weekday() == 0
    assert plan.completion_deadline > today
    assert plan.term_start_year == plan.issued_on.year and plan.term_end_year == plan.issued_on.year + 5
    assert f"nhiệm kỳ {plan.term_start_year} - {plan.term_end_year}" in plan.parent.title
    meeting_days = [cluster.meeting_date for cluster in Cluster.objects.all()]
    assert len(meeting_days) == 3 and all(today < day <= plan.completion_deadline for day in meeting_days)
    assert {day.weekday() for day in meeting_days} == {5, 6}
    for hue_plan in Plan.objects.filter(division__map_edition="2025"):
        assert hue_plan.issued_on <= today < hue_plan.completion_deadline


def test_the_demo_of_today_holds_nothing_dated_after_today(today_demo):
    from django.utils import timezone

    from elections.models import Budget, Commendation
    from reporting.models import PeriodicReport, StoredDocument

    today = timezone.localdate()
    issued = StoredDocument.objects.exclude(signed_on=None)
    assert issued.count() >= 1 and all(paper.signed_on <= today for paper in issued)
    assert not Commendation.objects.exists()  # the campaign has not ended
    assert Budget.objects.get().status == "estimated"
    assert not PeriodicReport.objects.exclude(sent_on=None).filter(sent_on__gt=today).exists()


def test_the_demo_of_today_has_nothing_overdue_and_a_completion_history(today_demo, client):
    from django.utils import timezone

    from reporting import progress
    from reporting.models import ProgressSnapshot

    today = timezone.localdate()
    for code, edition in (("79", "2024"), ("765", "2024"), ("26956", "2024"), ("46", "2025")):
        division = Division.objects.get(code=code, map_edition=edition)
        assert progress.progress(division, today).total.overdue_total == 0, division.name
    bình_thạnh = Division.objects.get(code="765", map_edition="2024")
    days = list(ProgressSnapshot.objects.filter(division=bình_thạnh).values_list("day", flat=True))
    assert len(days) >= 7 and max(days) == today
    client.post(reverse("login"), {"username": "binhthanh.noivu", "password": "wardvote-demo"})
    page = client.get(reverse("reporting:dashboard", args=[bình_thạnh.pk])).content.decode()
    chart = page[page.index("Tỷ lệ hoàn thành theo ngày") :]
    assert 'data-testid="no-history"' not in chart and "<polyline" in chart
    assert f"{min(days):%d/%m/%Y}" in chart  # the curve starts on the day of the plan
    call_command("seed_demo", stdout=StringIO())  # again: no day twice
    assert ProgressSnapshot.objects.filter(division=bình_thạnh).count() == len(days)


def test_as_of_refuses_a_day_it_cannot_read(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="ngày không hợp lệ: '07/10/2024'"):
        call_command("seed_demo", "--as-of", "07/10/2024", stdout=StringIO())


def test_as_of_2024_10_07_is_the_real_campaign_of_2024(demo):
    from elections.models import Plan

    plan = Plan.objects.get(number="192/KHLT-UBND-UBMTTQ")
    assert (plan.issued_on, plan.completion_deadline, plan.term_label) == (
        datetime.date(2024, 10, 7),
        datetime.date(2024, 10, 31),
        "2024–2029",
    )
    assert Plan.objects.get(number="45/KHLT-UBND-UBMTTQ").issued_on == datetime.date(2025, 8, 20)
