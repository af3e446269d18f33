"""Headless Chromium (Debian's package) driven by Playwright against Django's live server."""

from __future__ import annotations

import os

import pytest

from tests.factories import PASSWORD

# Playwright's sync API runs an event loop in this thread; Django's ORM calls
# made by the test itself (fixtures) are still synchronous and safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium is missing at {CHROMIUM}: `make test` installs Debian's chromium package.")
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()


# Reports every Content-Security-Policy violation to the console, where the watcher reads it.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile}:${event.lineNumber}`);
});
"""


def watch_csp(context) -> list[str]:
    """Every CSP violation any page of ``context`` meets, from the event and Chromium's own message."""
    violations: list[str] = []
    context.add_init_script(REPORT_VIOLATIONS)

    def on_console(message):
        text = message.text
        if "Content Security Policy" in text or text.startswith("CSP violation"):
            violations.append(f"{message.page.url if message.page else ''}: {text}")

    context.on("console", on_console)
    return violations


def assert_no_csp_violation(violations: list[str]) -> None:
    assert violations == [], "Content-Security-Policy violations:\n" + "\n".join(violations)


PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone_context(browser, transactional_db):
    """A 390 × 844 touch phone's browser: its tabs share cookies, storage and the connection."""
    context = browser.new_context(locale="vi-VN", viewport=PHONE, is_mobile=True, has_touch=True)
    violations = watch_csp(context)
    context.set_default_timeout(10_000)
    yield context
    context.close()
    assert_no_csp_violation(violations)


@pytest.fixture
def phone(phone_context):
    return phone_context.new_page()


@pytest.fixture
def page(browser, transactional_db):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    violations = watch_csp(context)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
    assert_no_csp_violation(violations)


@pytest.fixture
def log_in_as(live_server):
    """Log in through the real login form, as a person would."""

    def _log_in(page, username: str, password: str = PASSWORD):
        page.goto(f"{live_server.url}/dang-nhap/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        # Wait for the answer to the POST: a test that goes elsewhere straight away
        # would otherwise cancel it before the session cookie is set.
        with page.expect_navigation():
            page.locator("main form").get_by_role("button").click()
        return page

    return _log_in


@pytest.fixture
def new_page(browser, live_server, transactional_db):
    """Another person at another computer: a fresh browser context, closed before the server stops."""
    contexts = []
    violations: list[str] = []

    def _new_page():
        context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
        contexts.append((context, watch_csp(context)))
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield _new_page
    for context, seen in contexts:
        context.close()
        violations.extend(seen)
    assert_no_csp_violation(violations)
