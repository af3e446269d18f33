"""Issue 3's main paths, as the people who use them."""

import openpyxl
from playwright.sync_api import expect

from neighborhoods.models import Household
from neighborhoods.services.household_import import HEADERS


def household_file(path, rows):
    workbook = openpyxl.Workbook()
    workbook.active.append(HEADERS)
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def test_ward_official_fixes_a_bad_household_file_then_imports_it(
    page, live_server, personas, hcm_map, log_in_as, tmp_path
):
    bad = household_file(
        tmp_path / "so-ho-loi.xlsx",
        [
            ["P22-KP01-0001", "Nguyễn Văn An", "12/3 Xô Viết Nghệ Tĩnh", 4, "", "Khu phố 1", ""],
            ["P22-KP01-0002", "", "15 Ngô Tất Tố", 3, "", "Khu phố 1", ""],
        ],
    )
    good = household_file(
        tmp_path / "so-ho.xlsx",
        [
            ["P22-KP01-0001", "Nguyễn Văn An", "12/3 Xô Viết Nghệ Tĩnh", 4, "", "Khu phố 1", ""],
            ["P22-KP01-0002", "Trần Thị Bình", "15 Ngô Tất Tố", 3, "", "Khu phố 1", ""],
        ],
    )
    log_in_as(page, "p22.ubnd")
    page.goto(f"{live_server.url}/dia-ban/{hcm_map.p22.pk}/")
    page.get_by_role("link", name="Nhập sổ hộ từ tệp").click()

    page.set_input_files("input[type=file]", str(bad))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    expect(page.get_by_test_id("import-errors")).to_contain_text("Tệp có 1 lỗi, chưa lưu hộ nào")
    expect(page.get_by_test_id("import-error-table")).to_contain_text("Thiếu họ tên chủ hộ.")
    expect(page.get_by_test_id("import-error-table").locator("td").first).to_have_text("3")
    expect(page.get_by_role("button", name="Xác nhận nhập")).to_have_count(0)
    assert not Household.objects.exists()

    page.get_by_role("link", name="Tải tệp khác").click()
    page.set_input_files("input[type=file]", str(good))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    expect(page.locator(".alert-success")).to_contain_text("2 hộ sẵn sàng để nhập")
    page.get_by_role("button", name="Xác nhận nhập").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã nhập 2 hộ")
    expect(page.locator("table")).to_contain_text("Trần Thị Bình")
    assert Household.objects.count() == 2


def test_district_officer_sees_the_khu_pho_but_no_edit_controls(
    page, live_server, personas, hcm_map, households, log_in_as
):
    log_in_as(page, "binhthanh.noivu")
    page.goto(f"{live_server.url}/dia-ban/{hcm_map.binh_thanh.pk}/")
    page.get_by_role("link", name="Phường 22").click()
    expect(page.locator("table")).to_contain_text("Khu phố 1")
    expect(page.locator("table")).to_contain_text("Khu phố 3")
    expect(page.get_by_role("link", name="Thêm khu phố")).to_have_count(0)
    expect(page.get_by_role("link", name="Nhập sổ hộ từ tệp")).to_have_count(0)
    page.get_by_role("link", name="Sổ hộ gia đình").click()
    # Counts per khu phố, never names (Decree 13/2023/NĐ-CP).
    expect(page.get_by_test_id("household-total")).to_have_text("9")
    expect(page.locator("table")).not_to_contain_text(households[0].code)
    expect(page.locator("table")).not_to_contain_text(households[0].head_name)
    expect(page.get_by_role("link", name="Xuất Excel")).to_have_count(0)
    expect(page.get_by_role("link", name="Thêm hộ")).to_have_count(0)
    expect(page.get_by_role("link", name="Sửa")).to_have_count(0)


def test_another_wards_official_cannot_reach_phuong_22(
    page, live_server, personas, hcm_map, households, log_in_as
):
    log_in_as(page, "p25.ubnd")
    expect(page.get_by_role("navigation")).not_to_contain_text("Phường 22")
    for path in (
        f"/dia-ban/{hcm_map.p22.pk}/",
        f"/dia-ban/{hcm_map.p22.pk}/ho-gia-dinh/",
        f"/dia-ban/ho-gia-dinh/{households[0].pk}/sua/",
        f"/dia-ban/{hcm_map.p22.pk}/nhat-ky/",
    ):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 404, path
        expect(page.locator("h1")).to_contain_text("Không tìm thấy")
        expect(page.locator("body")).not_to_contain_text(households[0].head_name)
