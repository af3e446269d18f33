"""The Content-Security-Policy in a real browser: an injected inline script or style does nothing."""

from playwright.sync_api import expect

from tests.browser.conftest import watch_csp


def test_an_injected_inline_script_and_style_are_blocked_and_reported(browser, live_server, personas):
    context = browser.new_context(locale="vi-VN")
    violations = watch_csp(context)
    page = context.new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    # What a stored-XSS would add to the page: the browser refuses both under our policy.
    page.evaluate(
        """() => {
        const script = document.createElement("script");
        script.textContent = "window.injected = true";
        document.body.appendChild(script);
        const box = document.createElement("div");
        box.setAttribute("style", "width: 123px");
        box.id = "injected-box";
        document.body.appendChild(box);
    }"""
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.injected === undefined")
    expect(page.locator("#injected-box")).not_to_have_css("width", "123px")
    context.close()
    assert any("script-src" in v for v in violations)
    assert any("style-src" in v for v in violations)


def test_a_progress_bar_gets_its_width_without_an_inline_style(
    page, live_server, hcm_map, personas, log_in_as
):
    from reporting.models import ReportExport

    ReportExport.objects.create(division=hcm_map.p22, format="xlsx", progress=40, step="Thống kê")
    log_in_as(page, "p22.ubnd")
    page.goto(f"{live_server.url}/tai-lieu/tien-do/{hcm_map.p22.pk}/")
    bar = page.get_by_test_id("export").locator(".progress-bar")
    expect(bar).to_have_attribute("data-wv-width", "40")
    width = bar.evaluate(
        "bar => bar.getBoundingClientRect().width / bar.parentElement.getBoundingClientRect().width"
    )
    assert 0.38 < width < 0.42
