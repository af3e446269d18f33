from django.conf import settings
from django.urls import reverse

from neighborhoods.models import Household


def edit_household(client, household, kp, **changes):
    data = {
        "neighborhood": kp.pk,
        "code": household.code,
        "head_name": household.head_name,
        "address": household.address,
        "member_count": household.member_count,
        "representative_name": "",
        "status": "active",
        **changes,
    }
    return client.post(reverse("neighborhoods:household_update", args=[household.pk]), data)


def test_an_edit_is_logged_with_who_and_before_and_after(login, personas, hcm_map, households):
    household = households[0]
    old_name = household.head_name
    client = login(personas.p22_ubnd)
    edit_household(client, household, hcm_map.kp1, head_name="Nguyễn Thị Hường")
    page = client.get(reverse("neighborhoods:audit_log", args=[hcm_map.p22.pk])).content.decode()
    assert "Sửa" in page and "Họ tên chủ hộ" in page
    assert f"{old_name} → <strong>Nguyễn Thị Hường</strong>" in page
    assert "p22.ubnd" in page


def test_district_reads_the_log_of_its_wards_without_households_names(login, personas, hcm_map, households):
    # Names and addresses stay in the ward (Decree 13/2023/NĐ-CP): the district sees who changed
    # which household's name, not the name.
    edit_household(login(personas.p22_ubnd), households[0], hcm_map.kp1, head_name="Nguyễn Thị Hường")
    page = login(personas.binhthanh_noivu).get(
        reverse("neighborhoods:audit_log", args=[hcm_map.binh_thanh.pk])
    )
    body = page.content.decode()
    assert "Sửa" in body and "Họ tên chủ hộ" in body and "p22.ubnd" in body
    assert households[0].code in body
    assert "Nguyễn Thị Hường" not in body


def test_another_ward_neither_opens_nor_sees_phuong_22s_log(login, personas, hcm_map, households):
    edit_household(login(personas.p22_ubnd), households[0], hcm_map.kp1, head_name="Nguyễn Thị Hường")
    client = login(personas.p25_ubnd)
    assert client.get(reverse("neighborhoods:audit_log", args=[hcm_map.p22.pk])).status_code == 404
    own = client.get(reverse("neighborhoods:audit_log", args=[hcm_map.p25.pk])).content.decode()
    assert "Nguyễn Thị Hường" not in own


def test_sessions_expire(settings_obj=settings):
    assert settings_obj.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings_obj.SESSION_COOKIE_AGE <= 12 * 60 * 60


def test_household_changes_are_audited_even_outside_the_pages(hcm_map, households):
    from auditlog.models import LogEntry

    household = households[0]
    household.member_count = 7
    household.save()
    entry = LogEntry.objects.get_for_object(household).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.changes["member_count"][1] == "7"
    assert entry.additional_data["division_path"] == hcm_map.kp1.path
    assert Household.objects.get(pk=household.pk).member_count == 7
