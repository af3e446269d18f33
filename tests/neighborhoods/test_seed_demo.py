from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from neighborhoods.models import Division, Household, Level, StaffAssignment

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
]


@pytest.fixture
def demo(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", stdout=StringIO())


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
    call_command("seed_demo", stdout=StringIO())
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
    call_command("seed_demo", stdout=StringIO())
    assert Plan.objects.count() == 3
