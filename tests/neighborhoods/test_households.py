from django.urls import reverse

from neighborhoods.models import Household, HouseholdStatus
from tests.forms import with_token


def household_data(neighborhood, **overrides):
    data = {
        "neighborhood": neighborhood.pk,
        "code": "P22-KP01-9001",
        "head_name": "Nguyễn  Thị Hường",
        "address": "12/3 Xô Viết Nghệ Tĩnh",
        "member_count": 4,
        "representative_name": "",
        "status": "active",
    }
    return {**data, **overrides}


def test_ward_official_adds_a_household(login, personas, hcm_map):
    client = login(personas.p22_ubnd)
    response = client.post(
        reverse("neighborhoods:household_create", args=[hcm_map.kp1.pk]),
        with_token(household_data(hcm_map.kp1)),
    )
    assert response.status_code == 302
    household = Household.objects.get(code="P22-KP01-9001")
    assert household.head_name == "Nguyễn Thị Hường"
    assert household.ward == hcm_map.p22
    page = client.get(response["Location"]).content.decode()
    assert "Đã thêm hộ P22-KP01-9001" in page


def test_a_duplicate_code_in_the_ward_is_refused_and_nothing_saved(login, personas, hcm_map, households):
    existing = households[0]
    client = login(personas.p22_ubnd)
    response = client.post(
        reverse("neighborhoods:household_create", args=[hcm_map.kp2.pk]),
        with_token(household_data(hcm_map.kp2, code=existing.code)),
    )
    assert response.status_code == 200
    assert f"Mã hộ {existing.code} đã có trong sổ của Phường 22" in response.content.decode()
    assert Household.objects.filter(code=existing.code).count() == 1


def test_bad_member_count_is_refused_in_vietnamese(login, personas, hcm_map):
    response = login(personas.p22_ubnd).post(
        reverse("neighborhoods:household_create", args=[hcm_map.kp1.pk]),
        with_token(household_data(hcm_map.kp1, member_count=0)),
    )
    assert response.status_code == 200
    assert "Số nhân khẩu phải từ 1 trở lên." in response.content.decode()
    assert not Household.objects.exists()


def test_ward_official_edits_a_household_and_marks_it_moved(login, personas, hcm_map, households):
    household = households[0]
    client = login(personas.p22_ubnd)
    response = client.post(
        reverse("neighborhoods:household_update", args=[household.pk]),
        household_data(hcm_map.kp2, code=household.code, head_name="Lê Văn Tám", status="moved"),
    )
    assert response.status_code == 302
    household.refresh_from_db()
    assert (household.head_name, household.neighborhood, household.status) == (
        "Lê Văn Tám",
        hcm_map.kp2,
        HouseholdStatus.MOVED,
    )


def test_list_searches_by_name_and_shows_edit_controls_to_the_ward(login, personas, hcm_map, households):
    target = households[0]
    page = (
        login(personas.p22_ubnd)
        .get(reverse("neighborhoods:household_list", args=[hcm_map.p22.pk]), {"q": target.head_name})
        .content.decode()
    )
    assert target.code in page
    assert "Thêm hộ" in page


def test_district_reader_sees_counts_without_names_or_edit_controls(login, personas, hcm_map, households):
    client = login(personas.binhthanh_noivu)
    page = client.get(reverse("neighborhoods:household_list", args=[hcm_map.kp1.pk])).content.decode()
    # Data minimisation (Decree 13/2023/NĐ-CP): the district sees how many, not who.
    assert 'data-testid="household-total">3<' in page
    assert households[0].code not in page and households[0].head_name not in page
    assert "Thêm hộ" not in page and "Sửa" not in page
    response = client.post(
        reverse("neighborhoods:household_create", args=[hcm_map.kp1.pk]),
        with_token(household_data(hcm_map.kp1)),
    )
    assert response.status_code == 404
    assert not Household.objects.filter(code="P22-KP01-9001").exists()


def test_another_ward_cannot_open_or_change_a_household_by_guessing_its_id(login, personas, households):
    household = households[0]
    client = login(personas.p25_ubnd)
    url = reverse("neighborhoods:household_update", args=[household.pk])
    assert client.get(url).status_code == 404
    response = client.post(url, {"code": "X", "head_name": "Kẻ gian", "member_count": 1, "status": "active"})
    assert response.status_code == 404
    assert household.head_name not in response.content.decode()
    household.refresh_from_db()
    assert household.head_name != "Kẻ gian"


def test_ward_official_adds_and_renames_a_khu_pho(login, personas, hcm_map):
    client = login(personas.p22_ubnd)
    response = client.post(
        reverse("neighborhoods:neighborhood_create", args=[hcm_map.p22.pk]),
        with_token({"name": "Khu phố 4", "type_word": "Khu phố"}),
    )
    assert response.status_code == 302
    kp4 = hcm_map.p22.children.get(name="Khu phố 4")
    response = client.post(
        reverse("neighborhoods:neighborhood_rename", args=[kp4.pk]), {"name": "Khu phố 27"}
    )
    assert response.status_code == 302
    kp4.refresh_from_db()
    assert kp4.name == "Khu phố 27"


def test_two_current_khu_pho_cannot_share_a_name(login, personas, hcm_map):
    response = login(personas.p22_ubnd).post(
        reverse("neighborhoods:neighborhood_create", args=[hcm_map.p22.pk]),
        with_token({"name": "khu  phố 1", "type_word": "Khu phố"}),
    )
    assert response.status_code == 200
    assert "Phường 22 đã có “Khu phố 1”" in response.content.decode()


def test_ward_page_lists_khu_pho_with_household_counts(login, personas, hcm_map, households):
    page = (
        login(personas.p22_mttq)
        .get(reverse("neighborhoods:division_detail", args=[hcm_map.p22.pk]))
        .content.decode()
    )
    assert "Khu phố 1" in page and "Khu phố 3" in page
    assert page.index("Khu phố 1") < page.index("Khu phố 2") < page.index("Khu phố 3")
    assert "Thêm khu phố" not in page  # the Front staff do not manage the register


def test_a_household_entered_by_mistake_is_deleted_after_confirmation(login, personas, households):
    household = households[0]
    client = login(personas.p22_ubnd)
    page = client.get(reverse("neighborhoods:household_delete", args=[household.pk])).content.decode()
    assert "Chỉ xóa hộ nhập nhầm" in page
    assert Household.objects.filter(pk=household.pk).exists()
    response = client.post(reverse("neighborhoods:household_delete", args=[household.pk]))
    assert response.status_code == 302
    assert not Household.objects.filter(pk=household.pk).exists()


def test_the_ward_page_shows_each_khu_phos_election_and_its_late_items(
    login, personas, hcm_map, kp1_scheduled
):
    page = (
        login(personas.binhthanh_noivu)
        .get(reverse("neighborhoods:division_detail", args=[hcm_map.p22.pk]))
        .content.decode()
    )
    assert f'href="/bau-cu/{kp1_scheduled.pk}/"' in page
    assert "Đang chuẩn bị" in page and "việc quá hạn" in page  # the 2024 deadlines have passed
