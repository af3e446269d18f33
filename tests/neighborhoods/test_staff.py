import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from neighborhoods.models import Role, StaffAssignment
from neighborhoods.services.staff import assignable_roles, assignment_create
from tests.factories import UserFactory
from tests.forms import with_token


def test_ward_official_can_add_an_election_team_member_for_a_khu_pho(personas, hcm_map):
    newcomer = UserFactory(username="p22.kp2.tobaucu")
    assignment = assignment_create(
        by=personas.p22_ubnd, user=newcomer, division=hcm_map.kp2, role=Role.ELECTION_TEAM
    )
    assert assignment.active


def test_ward_official_cannot_assign_in_another_ward_or_give_a_district_role(personas, hcm_map):
    newcomer = UserFactory(username="someone")
    with pytest.raises(ValidationError, match="không thể giao vai trò"):
        assignment_create(by=personas.p22_ubnd, user=newcomer, division=hcm_map.p25, role=Role.WARD_OFFICIAL)
    with pytest.raises(ValidationError, match="không thể giao vai trò"):
        assignment_create(
            by=personas.p22_ubnd, user=newcomer, division=hcm_map.binh_thanh, role=Role.DISTRICT_FRONT
        )


def test_a_role_must_fit_the_level_of_the_division(personas, hcm_map):
    assert Role.ELECTION_TEAM not in assignable_roles(personas.p22_ubnd, hcm_map.p22)
    assert assignable_roles(personas.p22_ubnd, hcm_map.kp1) == [Role.ELECTION_TEAM]


def test_district_home_affairs_assigns_a_ward_official(personas, hcm_map):
    newcomer = UserFactory(username="p22.ubnd2")
    assignment_create(
        by=personas.binhthanh_noivu, user=newcomer, division=hcm_map.p22, role=Role.WARD_OFFICIAL
    )
    assert StaffAssignment.objects.filter(user=newcomer, role=Role.WARD_OFFICIAL).exists()


def test_district_front_cannot_manage_staff(login, personas, hcm_map):
    assert assignable_roles(personas.binhthanh_mttq, hcm_map.p22) == []
    assert (
        login(personas.binhthanh_mttq)
        .get(reverse("neighborhoods:staff_list", args=[hcm_map.p22.pk]))
        .status_code
        == 404
    )


def test_ward_official_creates_an_account_through_the_page(login, personas, hcm_map):
    client = login(personas.p22_ubnd)
    response = client.post(
        reverse("neighborhoods:staff_list", args=[hcm_map.p22.pk]),
        with_token(
            {
                "new-username": "p22.kp3.tobaucu",
                "new-full_name": "Trương Thị Lan",
                "new-password": "Bau-cu-2024-kp3",
                "new-division": hcm_map.kp3.pk,
                "new-role": Role.ELECTION_TEAM,
            },
            "new",
        ),
    )
    assert response.status_code == 302
    assignment = StaffAssignment.objects.get(user__username="p22.kp3.tobaucu")
    assert (assignment.division, assignment.role) == (hcm_map.kp3, Role.ELECTION_TEAM)
    assert assignment.user.get_full_name() == "Lan Trương Thị" or assignment.user.last_name == "Trương Thị"


def test_a_weak_password_is_refused_in_vietnamese(login, personas, hcm_map):
    response = login(personas.p22_ubnd).post(
        reverse("neighborhoods:staff_list", args=[hcm_map.p22.pk]),
        with_token(
            {
                "new-username": "p22.x",
                "new-full_name": "Lê Văn Tư",
                "new-password": "123",
                "new-division": hcm_map.p22.pk,
                "new-role": Role.WARD_FRONT,
            },
            "new",
        ),
    )
    assert response.status_code == 200
    assert "Mật khẩu" in response.content.decode() and "quá ngắn" in response.content.decode()
    assert not StaffAssignment.objects.filter(user__username="p22.x").exists()


def test_a_deactivated_assignment_no_longer_gives_access(login, personas, hcm_map):
    assignment = StaffAssignment.objects.get(user=personas.p22_kp1_tobaucu)
    response = login(personas.p22_ubnd).post(
        reverse("neighborhoods:assignment_deactivate", args=[assignment.pk])
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert not assignment.active
    client = login(personas.p22_kp1_tobaucu)
    assert client.get(reverse("neighborhoods:division_detail", args=[hcm_map.kp1.pk])).status_code == 404


def test_another_ward_cannot_deactivate_phuong_22_staff(login, personas):
    assignment = StaffAssignment.objects.get(user=personas.p22_mttq)
    assert (
        login(personas.p25_ubnd)
        .post(reverse("neighborhoods:assignment_deactivate", args=[assignment.pk]))
        .status_code
        == 404
    )
    assignment.refresh_from_db()
    assert assignment.active


def test_the_district_assigns_staff_to_wards_of_a_map_past_its_end_date(login, personas, hcm_map):
    """The 2024 map ends on 30/06/2025, but its wards still run the 2024–2029 campaign."""
    import datetime

    from neighborhoods.models import Division

    Division.objects.filter(pk=hcm_map.p22.pk).update(valid_until=datetime.date(2025, 6, 30))
    page = login(personas.binhthanh_noivu).get(
        reverse("neighborhoods:staff_list", args=[hcm_map.binh_thanh.pk])
    )
    assert re.search(rf'<option value="{hcm_map.p22.pk}">[^<]*Phường 22', page.content.decode())


def test_a_khu_pho_ended_by_a_resolution_is_not_offered(login, personas, hcm_map):
    import datetime

    from neighborhoods.models import Division

    Division.objects.filter(pk=hcm_map.kp3.pk).update(valid_until=datetime.date(2024, 4, 1))
    page = (
        login(personas.p22_ubnd)
        .get(reverse("neighborhoods:staff_list", args=[hcm_map.p22.pk]))
        .content.decode()
    )
    assert re.search(rf'<option value="{hcm_map.kp2.pk}">[^<]*Khu phố 2', page)
    assert not re.search(rf'<option value="{hcm_map.kp3.pk}">[^<]*Khu phố 3', page)
