"""The district officer's morning: the district dashboard, down to a ward, and a report."""

import io
import re

from django.urls import reverse
from openpyxl import load_workbook
from playwright.sync_api import expect


def test_the_district_officer_drills_down_and_exports_a_report(page, live_server, plans, log_in_as):
    log_in_as(page, "binhthanh.noivu")
    page.get_by_role("link", name="Tiến độ bầu cử, thống kê, báo cáo").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tiến độ bầu cử – Quận Bình Thạnh")
    expect(page.get_by_test_id("summary")).to_contain_text("3")
    expect(page.locator("svg").first).to_be_visible()

    page.get_by_test_id("children").get_by_role("link", name="Phường 22").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tiến độ bầu cử – Phường 22")
    rows = page.get_by_test_id("children").locator("tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("Khu phố 1")

    page.get_by_role("button", name="Xuất Excel").click()
    link = page.get_by_test_id("export").get_by_role("link", name="Tải về")
    expect(link).to_be_visible()
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.ok
    assert re.search(
        r'filename="bao-cao-tien-do-phuong-22-.*\.xlsx"', response.headers["content-disposition"]
    )
    sheet = load_workbook(io.BytesIO(response.body()))["01 Tiến độ"]
    assert [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)] == [
        "Khu phố 1",
        "Khu phố 2",
        "Khu phố 3",
        "Tổng cộng",
    ]
    page.goto("about:blank")


def test_the_dashboards_text_is_readable_at_1280_pixels(page, live_server, plans, log_in_as):
    """Chart text at least 12 px on screen, and a khu phố's name on one line in the table."""
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in_as(page, "p22.ubnd")
    page.goto(live_server.url + reverse("reporting:dashboard", args=[plans["ward"].division_id]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tiến độ bầu cử – Phường 22")
    smallest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('svg text, .wv-stages, .wv-legend li')]
            .map(e => e.tagName === 'text'
                ? e.getBoundingClientRect().height / 1.2
                : parseFloat(getComputedStyle(e).fontSize)))"""
    )
    assert smallest >= 11.5, f"the smallest chart text is {smallest:.1f} px"
    name = page.get_by_test_id("children").locator("tbody tr").first.locator("td").first
    line = float(name.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
    assert name.bounding_box()["height"] < 2 * line + 8, "“Khu phố 1” wraps"
    page.goto("about:blank")
