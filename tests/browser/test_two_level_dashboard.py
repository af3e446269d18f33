"""The province's home-affairs officer on the two-level map of 2025: the provincial dashboard
lists the wards directly (no district), and a ward shows its recognised election."""

from playwright.sync_api import expect

from tests.two_level import run_to_recognition


def test_the_province_officer_reads_the_wards_and_the_recognised_election(
    page, live_server, hue_plans, hue_map, hue_people, log_in_as
):
    election = hue_plans["phu_xuan"].elections.get(neighborhood=hue_map.px1)
    p = hue_people
    run_to_recognition(election, p.px_ubnd, p.px_mttq, p.px_team, present=8)

    log_in_as(page, "hue.noivu")
    page.get_by_role("link", name="Tiến độ bầu cử, thống kê, báo cáo").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tiến độ bầu cử – Thành phố Huế")
    expect(page.get_by_test_id("completion")).to_contain_text("1 (33,3 %)")
    children = page.get_by_test_id("children")
    expect(children.get_by_role("link", name="Phường Thuận Hóa")).to_be_visible()
    expect(children.locator("tbody tr").filter(has_text="Quận")).to_have_count(0)

    children.get_by_role("link", name="Phường Phú Xuân").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tiến độ bầu cử – Phường Phú Xuân")
    expect(page.get_by_role("navigation", name="breadcrumb")).to_contain_text("Thành phố Huế")
    rows = page.get_by_test_id("children").locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Tổ dân phố 1")
    expect(rows.first).to_contain_text("100,0 %")
    expect(page.get_by_test_id("completion")).to_contain_text("1 (50,0 %)")
    page.goto("about:blank")
