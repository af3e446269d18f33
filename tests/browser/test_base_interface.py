"""The base interface in a real browser: login, Vietnamese by default, English on request, phones."""

from playwright.sync_api import expect


def test_ward_official_logs_in_sees_vietnamese_then_english(page, live_server, personas, log_in_as):
    log_in_as(page, "p22.ubnd")

    header = page.get_by_test_id("current-assignment")
    expect(header).to_contain_text("Cán bộ UBND phường")
    expect(header).to_contain_text("Phường 22")
    expect(page.locator("h1")).to_contain_text("Xin chào")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_test_id("assignment")).to_contain_text("Việc bạn có thể làm")

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_contain_text("Hello")
    expect(page.get_by_test_id("current-assignment")).to_contain_text("Ward official")
    expect(page.get_by_test_id("assignment")).to_contain_text("What you can do")
    expect(page.get_by_role("link", name="View the household register")).to_be_visible()

    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()
    expect(page).to_have_url(f"{live_server.url}/dang-nhap/")


def test_on_a_phone_the_menu_button_opens_the_navigation(page, live_server, personas, log_in_as):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in_as(page, "p22.kp1.tobaucu")

    plans = page.get_by_role("navigation").get_by_role("link", name="Kế hoạch bầu cử")
    expect(plans).to_be_hidden()
    # Bootstrap's script, served from our own static files, opens the collapsed menu.
    page.get_by_role("button", name="Danh mục").click()
    expect(plans).to_be_visible()
    expect(page.get_by_test_id("current-assignment")).to_contain_text("Tổ bầu cử · Khu phố 1")
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
