"""Issue 15, item 4, as the two offices do it: Phường 22's official prepares the report of the
fourth quarter of 2024, writes it and sends it; the district's home-affairs officer sees it sent
on time among the wards and receives it."""

from playwright.sync_api import expect

from reporting.models import PeriodicReport


def test_the_ward_sends_its_q4_report_and_the_district_receives_it_on_time(
    page, new_page, live_server, hcm_map, personas, log_in_as
):
    log_in_as(page, "p22.ubnd")
    page.goto(f"{live_server.url}/tai-lieu/tien-do/{hcm_map.p22.pk}/")
    page.get_by_test_id("periodic-reports-link").click()
    page.get_by_label("Năm").select_option("2024")
    page.get_by_role("button", name="Xem năm").click()
    page.get_by_test_id("prepare-q4").click()
    expect(page.locator("h1")).to_contain_text("quý IV năm 2024 – Phường 22")
    page.get_by_label("Kết quả thực hiện").fill("Tổ chức bầu Trưởng khu phố tại 3 khu phố.")
    page.get_by_label("Tồn tại, hạn chế").fill("Tỷ lệ hộ tham dự còn thấp.")
    page.get_by_role("button", name="Lưu nội dung").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã lưu nội dung báo cáo.")
    page.get_by_label("Ngày gửi").fill("08/01/2025")
    page.get_by_test_id("periodic-send").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã gửi báo cáo lên cấp trên.")
    expect(page.get_by_test_id("periodic-status")).to_contain_text("gửi ngày 08/01/2025")
    expect(page.get_by_test_id("periodic-sections")).to_contain_text(
        "Tổ chức bầu Trưởng khu phố tại 3 khu phố."
    )

    district = new_page()
    log_in_as(district, "binhthanh.noivu")
    district.goto(f"{live_server.url}/tai-lieu/tien-do/{hcm_map.binh_thanh.pk}/")
    district.get_by_test_id("periodic-reports-link").click()
    row = district.get_by_test_id(f"periodic-ward-{hcm_map.p22.pk}")
    expect(row).to_contain_text("Đúng hạn")
    expect(row).to_contain_text("Gửi ngày 08/01/2025")
    expect(district.get_by_test_id(f"periodic-ward-{hcm_map.p25.pk}")).to_contain_text("Quá hạn, chưa gửi")
    row.get_by_role("button", name="Tiếp nhận").click()
    expect(district.locator(".alert-success")).to_contain_text("Đã tiếp nhận báo cáo của Phường 22.")
    expect(district.get_by_test_id(f"periodic-ward-{hcm_map.p22.pk}")).to_contain_text("Đã tiếp nhận")
    report = PeriodicReport.objects.get()
    assert (report.status, str(report.sent_on), report.received_by.username) == (
        "received",
        "2025-01-08",
        "binhthanh.noivu",
    )
