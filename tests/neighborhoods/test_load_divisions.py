from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from neighborhoods.models import Division, Level
from neighborhoods.services.maps import load_map, map_rows


def test_the_2024_data_file_holds_the_whole_three_level_map():
    rows = map_rows("2024")
    counts = {
        level: sum(1 for r in rows if r.level == level)
        for level in (Level.PROVINCE, Level.DISTRICT, Level.WARD)
    }
    assert counts == {Level.PROVINCE: 63, Level.DISTRICT: 696, Level.WARD: 10051}


def test_the_2025_map_has_34_provinces_and_no_districts():
    rows = map_rows("2025")
    assert sum(1 for r in rows if r.level == Level.PROVINCE) == 34
    assert not any(r.level == Level.DISTRICT for r in rows)
    assert sum(1 for r in rows if r.level == Level.WARD) == 3321


def test_loading_hcmc_2024_gives_22_districts_and_273_wards(db):
    report = load_map("2024", "79")
    assert report.by_level == {Level.PROVINCE: 1, Level.DISTRICT: 22, Level.WARD: 273}
    hcm = Division.objects.get(code="79", map_edition="2024")
    binh_thanh = Division.objects.get(code="765", map_edition="2024")
    p22 = Division.objects.get(code="26956", map_edition="2024")
    assert (hcm.name, binh_thanh.name, p22.name) == ("Thành phố Hồ Chí Minh", "Quận Bình Thạnh", "Phường 22")
    assert (p22.type_word, binh_thanh.type_word, hcm.type_word) == ("Phường", "Quận", "Thành phố")
    assert p22.parent == binh_thanh and binh_thanh.parent == hcm
    assert p22.path == f"{binh_thanh.path}{p22.pk}/"
    assert str(p22.valid_until) == "2025-06-30"
    assert Division.objects.subtree(hcm).filter(level=Level.WARD).count() == 273


def test_loading_twice_creates_nothing_new(db):
    load_map("2024", "79")
    before = Division.objects.count()
    again = load_map("2024", "79")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 296)
    assert Division.objects.count() == before


def test_a_renamed_division_is_updated_in_place(db):
    load_map("2024", "79")
    Division.objects.filter(code="26956", map_edition="2024").update(name="Phường Hai Mươi Hai")
    report = load_map("2024", "79")
    assert report.updated == 1
    assert Division.objects.get(code="26956", map_edition="2024").name == "Phường 22"


def test_the_2025_map_puts_communes_directly_under_the_province(db):
    load_map("2025", "79")
    hcm = Division.objects.get(code="79", map_edition="2025")
    wards = Division.objects.subtree(hcm).filter(level=Level.WARD)
    assert wards.exists()
    assert set(wards.values_list("parent", flat=True)) == {hcm.pk}
    assert str(hcm.valid_from) == "2025-07-01"


def test_both_maps_live_side_by_side_under_one_country(db):
    load_map("2024", "79")
    load_map("2025", "79")
    assert Division.objects.filter(code="79").count() == 2
    assert Division.objects.filter(level=Level.COUNTRY).count() == 1


@pytest.mark.parametrize("level", [Level.PROVINCE, Level.DISTRICT, Level.WARD])
def test_a_subtree_is_one_query(db, django_assert_num_queries, level):
    load_map("2024", "79")
    root = Division.objects.filter(level=level, map_edition="2024").first()
    with django_assert_num_queries(1):
        list(Division.objects.subtree(root))


def test_command_reports_in_vietnamese(db):
    out = StringIO()
    call_command("load_divisions", "--map", "2024", "--province", "79", stdout=out)
    assert "tạo mới 296" in out.getvalue()
    assert "Quận/Huyện: 22" in out.getvalue()


def test_command_refuses_an_unknown_province(db):
    with pytest.raises(CommandError, match="Không có tỉnh/thành phố mã 99"):
        call_command("load_divisions", "--map", "2024", "--province", "99", stdout=StringIO())
