import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from neighborhoods.models import Household, Reorganisation, ReorganisationKind
from neighborhoods.services import reorganisations as services
from neighborhoods.services.neighborhoods import current_neighborhoods
from tests.forms import with_token

RESOLUTION = {
    "resolution_number": "11/NQ-HĐND",
    "resolution_date": datetime.date(2024, 3, 20),
    "issuing_body": "HĐND Thành phố Hồ Chí Minh",
    "effective_date": datetime.date(2024, 4, 1),
    "note": "",
}
FORM_RESOLUTION = {**RESOLUTION, "resolution_date": "20/03/2024", "effective_date": "01/04/2024"}


def test_merging_two_khu_pho_moves_every_household_and_keeps_the_old_ones(hcm_map, households):
    moved = {h.pk for h in households if h.neighborhood in (hcm_map.kp2, hcm_map.kp3)}
    r = services.reorganisation_merge(
        ward=hcm_map.p22, sources=[hcm_map.kp2, hcm_map.kp3], name="Khu phố 2", **RESOLUTION
    )
    (merged,) = r.results.all()
    assert merged.name == "Khu phố 2" and merged.valid_from == datetime.date(2024, 4, 1)
    assert set(Household.objects.filter(neighborhood=merged).values_list("pk", flat=True)) == moved
    for old in (hcm_map.kp2, hcm_map.kp3):
        old.refresh_from_db()
        assert old.valid_until == datetime.date(2024, 3, 31)  # ceased, never deleted
    assert set(current_neighborhoods(hcm_map.p22).values_list("name", flat=True)) == {
        "Khu phố 1",
        "Khu phố 2",
    }


def test_lineage_is_browsable_both_ways(hcm_map, households):
    merge = services.reorganisation_merge(
        ward=hcm_map.p22, sources=[hcm_map.kp2, hcm_map.kp3], name="Khu phố 2A", **RESOLUTION
    )
    merged = merge.results.get()
    later = {**RESOLUTION, "resolution_number": "25/NQ-HĐND", "effective_date": datetime.date(2025, 1, 1)}
    rename = services.reorganisation_rename(ward=hcm_map.p22, source=merged, name="Khu phố Bình An", **later)
    before, after = services.lineage(rename.results.get())
    assert [r.pk for r in before] == [merge.pk, rename.pk]
    before, after = services.lineage(hcm_map.kp3)
    assert before == [] and [r.pk for r in after] == [merge.pk, rename.pk]


def test_a_rename_keeps_the_old_name_for_the_past(hcm_map, households):
    r = services.reorganisation_rename(
        ward=hcm_map.p22, source=hcm_map.kp1, name="Khu phố Thanh Đa", **RESOLUTION
    )
    hcm_map.kp1.refresh_from_db()
    assert hcm_map.kp1.name == "Khu phố 1" and hcm_map.kp1.valid_until is not None
    assert r.results.get().households.count() == 3


def test_splitting_sends_the_named_households_to_the_second_part(hcm_map, households):
    kp1 = [h for h in households if h.neighborhood == hcm_map.kp1]
    r = services.reorganisation_split(
        ward=hcm_map.p22,
        source=hcm_map.kp1,
        parts=[("Khu phố 1A", []), ("Khu phố 1B", [kp1[0].code])],
        **RESOLUTION,
    )
    first, second = r.results.order_by("pk")
    assert list(second.households.values_list("code", flat=True)) == [kp1[0].code]
    assert first.households.count() == 2


def test_dissolving_moves_households_to_the_chosen_khu_pho(hcm_map, households):
    services.reorganisation_dissolve(
        ward=hcm_map.p22, source=hcm_map.kp3, move_households_to=hcm_map.kp1, **RESOLUTION
    )
    assert hcm_map.kp1.households.count() == 6
    assert hcm_map.kp3.households.count() == 0


def test_a_failed_reorganisation_changes_nothing(hcm_map, households):
    with pytest.raises(ValidationError, match="không thuộc Khu phố 1"):
        services.reorganisation_split(
            ward=hcm_map.p22,
            source=hcm_map.kp1,
            parts=[("Khu phố 1A", []), ("Khu phố 1B", ["KHONG-CO"])],
            **RESOLUTION,
        )
    hcm_map.kp1.refresh_from_db()
    assert hcm_map.kp1.valid_until is None
    assert not Reorganisation.objects.exists()
    assert hcm_map.p22.children.filter(name__startswith="Khu phố 1").count() == 1


def test_effective_date_before_the_resolution_is_refused(hcm_map):
    with pytest.raises(ValidationError, match="Ngày hiệu lực không được trước ngày ban hành"):
        services.reorganisation_establish(
            ward=hcm_map.p22, name="Khu phố 4", **{**RESOLUTION, "effective_date": datetime.date(2024, 3, 1)}
        )


def test_another_wards_khu_pho_cannot_be_merged(hcm_map):
    with pytest.raises(ValidationError, match="phải đang hoạt động và thuộc Phường 22"):
        services.reorganisation_merge(
            ward=hcm_map.p22, sources=[hcm_map.kp2, hcm_map.p25_kp1], name="X", **RESOLUTION
        )


def test_ward_official_records_a_merge_through_the_form(login, personas, hcm_map, households):
    client = login(personas.p22_ubnd)
    url = reverse("neighborhoods:reorganisation_create", args=[hcm_map.p22.pk, ReorganisationKind.MERGE])
    response = client.post(
        url, with_token({**FORM_RESOLUTION, "sources": [hcm_map.kp2.pk, hcm_map.kp3.pk], "name": "Khu phố 2"})
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "11/NQ-HĐND" in page and "01/04/2024" in page and "Khu phố 3" in page


def test_another_ward_official_cannot_reorganise_phuong_22(login, personas, hcm_map):
    url = reverse("neighborhoods:reorganisation_create", args=[hcm_map.p22.pk, ReorganisationKind.MERGE])
    response = login(personas.p25_ubnd).post(
        url, with_token({**FORM_RESOLUTION, "sources": [hcm_map.kp2.pk, hcm_map.kp3.pk]})
    )
    assert response.status_code == 404
    assert not Reorganisation.objects.exists()


def test_district_reads_the_lineage_page(login, personas, hcm_map, households):
    services.reorganisation_merge(
        ward=hcm_map.p22, sources=[hcm_map.kp2, hcm_map.kp3], name="Khu phố 2", **RESOLUTION
    )
    page = login(personas.binhthanh_noivu).get(
        reverse("neighborhoods:neighborhood_lineage", args=[hcm_map.kp3.pk])
    )
    assert page.status_code == 200
    assert "Sáp nhập – 11/NQ-HĐND" in page.content.decode()
