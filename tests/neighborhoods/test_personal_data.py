"""Households' names and addresses: who may read them, and the record of every bulk read.

Only the ward's own roles and the khu phố's election team read the register's names and
addresses; the district and the city (home affairs and Front alike) see how many households
each khu phố has (data minimisation, Decree 13/2023/NĐ-CP). Every list, search and export of
names is logged with who, when, where and how many.
"""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from neighborhoods.models import Household

ABOVE_THE_WARD = ["binhthanh_mttq", "binhthanh_noivu", "hcm_noivu", "hcm_mttq"]


def reads() -> list[LogEntry]:
    return list(LogEntry.objects.filter(action=LogEntry.Action.ACCESS).order_by("pk"))


def test_the_district_front_cannot_download_phuong_22s_names_and_addresses(
    login, personas, hcm_map, households
):
    client = login(personas.binhthanh_mttq)
    for division in (hcm_map.p22, hcm_map.kp1):
        response = client.get(reverse("neighborhoods:household_export", args=[division.pk]))
        assert response.status_code == 404
        assert not response.has_header("Content-Disposition")
    assert reads() == []


@pytest.mark.parametrize("role", ABOVE_THE_WARD)
def test_staff_above_the_ward_see_counts_per_khu_pho_and_no_names(role, login, personas, hcm_map, households):
    client = login(getattr(personas, role))
    phuong_22 = [h for h in households if h.ward_id == hcm_map.p22.pk]
    for url in (
        reverse("neighborhoods:household_list", args=[hcm_map.p22.pk]),
        reverse("neighborhoods:household_list", args=[hcm_map.p22.pk]) + f"?q={phuong_22[0].head_name}",
        reverse("neighborhoods:household_list", args=[hcm_map.kp1.pk]),
    ):
        page = client.get(url).content.decode()
        assert 'data-testid="counts-only"' in page
        for household in phuong_22:
            assert household.head_name not in page
            assert household.address not in page
            assert household.code not in page
        assert "Xuất Excel" not in page
    page = client.get(reverse("neighborhoods:household_list", args=[hcm_map.p22.pk])).content.decode()
    assert 'data-testid="household-total">9<' in page
    assert reads() == []


@pytest.mark.parametrize("role", ["p22_ubnd", "p22_mttq", "admin"])
def test_the_wards_own_roles_read_and_export_the_register(role, login, personas, hcm_map, households):
    client = login(getattr(personas, role))
    page = client.get(reverse("neighborhoods:household_list", args=[hcm_map.p22.pk])).content.decode()
    assert households[0].head_name in page and households[0].address in page
    export = client.get(reverse("neighborhoods:household_export", args=[hcm_map.p22.pk]))
    assert export.status_code == 200


def test_the_khu_phos_team_reads_its_own_khu_pho_only(login, personas, hcm_map, households):
    client = login(personas.p22_kp1_tobaucu)
    page = client.get(reverse("neighborhoods:household_list", args=[hcm_map.kp1.pk])).content.decode()
    assert households[0].head_name in page
    assert client.get(reverse("neighborhoods:household_export", args=[hcm_map.kp1.pk])).status_code == 200
    assert client.get(reverse("neighborhoods:household_list", args=[hcm_map.kp2.pk])).status_code == 404
    assert client.get(reverse("neighborhoods:household_export", args=[hcm_map.kp2.pk])).status_code == 404


def test_an_export_is_logged_with_who_where_and_how_many(login, personas, hcm_map, households):
    client = login(personas.p22_ubnd)
    client.get(reverse("neighborhoods:household_export", args=[hcm_map.p22.pk]), REMOTE_ADDR="192.0.2.44")
    (entry,) = reads()
    assert entry.actor == personas.p22_ubnd
    assert entry.remote_addr == "192.0.2.44"
    assert entry.object_id == hcm_map.p22.pk
    assert entry.additional_data == {
        "division_path": hcm_map.p22.path,
        "read": "export",
        "rows": Household.objects.filter(ward=hcm_map.p22).count(),
        "query": "",
    }
    page = client.get(reverse("neighborhoods:audit_log", args=[hcm_map.p22.pk])).content.decode()
    assert "Xuất sổ hộ ra Excel: 9 hộ" in page
    assert "192.0.2.44" in page


def test_a_search_and_a_list_page_are_logged_with_the_words_and_the_rows_shown(
    login, personas, hcm_map, households
):
    client = login(personas.p22_mttq)
    client.get(reverse("neighborhoods:household_list", args=[hcm_map.p22.pk]))
    client.get(reverse("neighborhoods:household_list", args=[hcm_map.p22.pk]), {"q": households[0].code})
    listed, searched = reads()
    assert (listed.actor, listed.additional_data["read"], listed.additional_data["rows"]) == (
        personas.p22_mttq,
        "list",
        9,
    )
    assert searched.additional_data["read"] == "search"
    assert searched.additional_data["query"] == households[0].code
    assert searched.additional_data["rows"] == 1
    page = client.get(reverse("neighborhoods:audit_log", args=[hcm_map.p22.pk])).content.decode()
    assert f"Tìm hộ: 1 hộ · từ khóa “{households[0].code}”" in page


def test_the_district_reads_the_log_without_names_addresses_or_search_words(
    login, personas, hcm_map, households
):
    household = households[0]
    # A name no other (random) household's name contains, so the search finds exactly one.
    household.head_name = "Tạ Thị Độc Nhất"
    household.save()
    ward = login(personas.p22_ubnd)
    ward.get(reverse("neighborhoods:household_list", args=[hcm_map.p22.pk]), {"q": household.head_name})
    household.address = "99 Đường Bí Mật"
    household.save()
    ward_page = ward.get(reverse("neighborhoods:audit_log", args=[hcm_map.p22.pk])).content.decode()
    assert household.head_name in ward_page and "99 Đường Bí Mật" in ward_page

    for role in ("binhthanh_mttq", "hcm_noivu"):
        page = login(getattr(personas, role)).get(reverse("neighborhoods:audit_log", args=[hcm_map.p22.pk]))
        body = page.content.decode()
        assert household.code in body
        assert household.head_name not in body
        assert "99 Đường Bí Mật" not in body
        assert "Tìm hộ: 1 hộ · từ khóa “***”" in body
