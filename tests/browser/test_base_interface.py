from playwright.sync_api import expect


def test_ward_official_logs_in_sees_vietnamese_then_english(page, live_server, personas, log_in_as):
    log_in_as(page, "p22.ubnd")

    header = page.get_by_test_id("current-assignment")
    expect(header).to_contain_text("Cán bộ UBND phường")
    expect(header).to_contain_text("Phường 22")
    expect(page.locator("h1")).to_contain_text("Xin chào")
    expect(page.locator("html")).to_have_attribute("lang", "vi")

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_contain_text("Hello")
    expect(page.get_by_test_id("current-assignment")).to_contain_text("Ward official")

    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()
    expect(page).to_have_url(f"{live_server.url}/dang-nhap/")
