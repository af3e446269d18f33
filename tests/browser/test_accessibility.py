"""Accessibility: axe-core (WCAG 2.1 A and AA) finds no serious violation on the main pages of
each role, on a desktop and, for the pages used in the hall or at home, on a phone; the meeting's
tabs and its check-in work with the keyboard alone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from elections.models import Attendance
from elections.services.meeting import meeting_open
from tests.browser.accessibility import describe, serious_violations
from tests.browser.conftest import PHONE
from tests.elections.count_helpers import check_in_first, run_procedure


@pytest.fixture
def meeting_under_way(personas, ready_election):
    """Seven households checked in and the procedure voted: the count's forms show."""
    team = personas.p22_kp1_tobaucu
    meeting = meeting_open(by=team, election=ready_election)
    check_in_first(meeting, team, 7)
    return run_procedure(meeting)


# The one page of the list expected to answer with an error: the others must answer 200,
# lest an error page be checked in place of the page named.
NOT_FOUND = "page not found"


def violations_on(page, live_server, pages: dict[str, str]) -> dict[str, str]:
    """Each page's serious violations, described, keyed by the page's title."""
    found = {}
    for title, path in pages.items():
        response = page.goto(live_server.url + path)
        assert response.status == (404 if title == NOT_FOUND else 200), f"{title} ({path}): {response.status}"
        page.wait_for_load_state("networkidle")
        violations = serious_violations(page)
        if violations:
            found[title] = describe(violations)
    return found


def assert_none(found: dict[str, str]) -> None:
    assert found == {}, "axe-core finds serious violations:\n" + "\n".join(
        f"{title}:\n{text}" for title, text in found.items()
    )


def meeting_tabs_violations(page, live_server, election, suffix: str = "") -> dict[str, str]:
    """Each of the meeting page's tabs, opened in turn and checked as it shows."""
    page.goto(f"{live_server.url}/bau-cu/{election.pk}/hop/")
    tabs = page.get_by_role("tab")
    found = {}
    for index in range(tabs.count()):
        tab = tabs.nth(index)
        tab.click()
        expect(tab).to_have_attribute("aria-selected", "true")
        violations = serious_violations(page)
        if violations:
            found[f"meeting page, tab {tab.inner_text().strip()}{suffix}"] = describe(violations)
    return found


def test_the_public_pages(page, phone, live_server, ready_election, hcm_map):
    ward = hcm_map.p22.pk
    code = ready_election.neighborhood.households.order_by("code").first().code
    pages = {
        "login": "/dang-nhap/",
        "public index": "/bau-cu/cong-khai/",
        "public ward page": f"/bau-cu/cong-khai/phuong/{ward}/",
        "my meeting": f"/bau-cu/cong-khai/phuong/{ward}/cuoc-hop-cua-toi/?q={code}",
        "khu pho meeting (QR)": f"/bau-cu/cong-khai/khu-pho/{hcm_map.kp1.pk}/cuoc-hop/",
        NOT_FOUND: "/khong-co-trang-nay/",
    }
    found = violations_on(page, live_server, pages)
    phone_pages = {
        "public ward page": pages["public ward page"],
        "my meeting": pages["my meeting"],
        "login": pages["login"],
    }
    on_phone = violations_on(phone, live_server, phone_pages)
    found |= {f"{title} (phone)": text for title, text in on_phone.items()}
    assert_none(found)


def test_the_ward_officials_pages(page, live_server, hcm_map, plans, ready_election, log_in_as):
    ward = hcm_map.p22.pk
    contest = ready_election.contests.order_by("pk").first()
    log_in_as(page, "p22.ubnd")
    pages = {
        "home": "/",
        "ward page": f"/dia-ban/{ward}/",
        "household list": f"/dia-ban/{hcm_map.kp1.pk}/ho-gia-dinh/",
        "plan list": "/bau-cu/ke-hoach/",
        "plan page": f"/bau-cu/ke-hoach/{plans['ward'].pk}/",
        "election page": f"/bau-cu/{ready_election.pk}/",
        "candidate page": f"/bau-cu/chuc-danh/{contest.pk}/",
        "dashboard": f"/tai-lieu/tien-do/{ward}/",
        "statistics": f"/tai-lieu/tien-do/{ward}/thong-ke/",
        "periodic reports": f"/tai-lieu/bao-cao-dinh-ky/{ward}/",
        "audit log": f"/dia-ban/{ward}/nhat-ky/",
        "staff page": f"/dia-ban/{ward}/can-bo/",
    }
    assert_none(violations_on(page, live_server, pages))


def test_the_ward_official_s_pages_beyond_the_election_day(
    page, live_server, hcm_map, plans, ready_election, log_in_as
):
    """Clusters, complaints, the head's and the board's term, the budget and the commendations."""
    plan = plans["ward"].pk
    log_in_as(page, "p22.ubnd")
    pages = {
        "clusters": f"/bau-cu/{ready_election.pk}/cum-dan-cu/",
        "complaints": f"/bau-cu/{ready_election.pk}/khieu-nai/",
        "the head of a khu phố": f"/bau-cu/khu-pho/{hcm_map.kp1.pk}/truong-khu-pho/",
        "the board's term": f"/bau-cu/ke-hoach/{plan}/ban-thanh-tra/nhiem-ky/",
        "budget": f"/bau-cu/ke-hoach/{plan}/kinh-phi/",
        "commendations": f"/bau-cu/ke-hoach/{plan}/khen-thuong/",
    }
    assert_none(violations_on(page, live_server, pages))


def test_the_front_s_pages(page, live_server, hcm_map, ready_election, log_in_as):
    contest = ready_election.contests.order_by("pk").first()
    log_in_as(page, "p22.mttq")
    pages = {
        "home": "/",
        "election page": f"/bau-cu/{ready_election.pk}/",
        "candidate page": f"/bau-cu/chuc-danh/{contest.pk}/",
    }
    assert_none(violations_on(page, live_server, pages))


@pytest.mark.parametrize(
    "username, division, sends_periodic_reports",
    [("binhthanh.noivu", "binh_thanh", True), ("hcm.noivu", "hcm", False)],
    ids=["district officer", "city officer"],
)
def test_the_district_and_city_officers_pages(
    page, live_server, hcm_map, plans, log_in_as, username, division, sends_periodic_reports
):
    pk = getattr(hcm_map, division).pk
    log_in_as(page, username)
    pages = {
        "home": "/",
        "dashboard": f"/tai-lieu/tien-do/{pk}/",
        "statistics": f"/tai-lieu/tien-do/{pk}/thong-ke/",
        "plan list": "/bau-cu/ke-hoach/",
        "audit log": f"/dia-ban/{pk}/nhat-ky/",
        "budget roll-up": f"/bau-cu/kinh-phi/{pk}/",
    }
    if sends_periodic_reports:  # the city's districts sum the wards' reports: it has no page of its own
        pages["periodic reports"] = f"/tai-lieu/bao-cao-dinh-ky/{pk}/"
    assert_none(violations_on(page, live_server, pages))


def test_the_election_team_s_pages(page, live_server, ready_election, meeting_under_way, log_in_as):
    contest = ready_election.contests.order_by("pk").first()
    log_in_as(page, "p22.kp1.tobaucu")
    pages = {
        "home": "/",
        "election page": f"/bau-cu/{ready_election.pk}/",
        "tally page": f"/bau-cu/hop/{meeting_under_way.pk}/kiem-phieu/{contest.pk}/",
        "projector screen": f"/bau-cu/hop/{meeting_under_way.pk}/trinh-chieu/",
        "invitations for every door": f"/bau-cu/{ready_election.pk}/giay-moi/",
    }
    found = violations_on(page, live_server, pages)
    found |= meeting_tabs_violations(page, live_server, ready_election)
    page.goto("about:blank")  # stop the quorum meter's polling before the server goes away
    assert_none(found)


def test_the_meeting_page_on_a_phone(phone, live_server, ready_election, meeting_under_way, log_in_as):
    log_in_as(phone, "p22.kp1.tobaucu")
    found = meeting_tabs_violations(phone, live_server, ready_election, " (phone)")
    # The steps scroll inside their strip; the page itself never scrolls sideways.
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.goto("about:blank")
    assert_none(found)


def tab_to(page, selector: str, presses: int = 60):
    """Press Tab until the focus reaches an element matching ``selector``, as a keyboard user would."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return page.locator(":focus")
    raise AssertionError(f"{presses} presses of Tab never reach {selector}")


def test_the_meeting_s_tabs_and_check_in_work_with_the_keyboard_alone(
    page, live_server, personas, ready_election, log_in_as
):
    meeting_open(by=personas.p22_kp1_tobaucu, election=ready_election)
    household = ready_election.neighborhood.households.order_by("code").first()
    log_in_as(page, "p22.kp1.tobaucu")
    page.goto(f"{live_server.url}/bau-cu/{ready_election.pk}/hop/")
    tabs = page.get_by_role("tab")
    check_in, procedure, papers = tabs.nth(0), tabs.nth(1), tabs.nth(3)

    # Tab reaches the open tab only (one stop for the whole strip), and its focus shows.
    focused = tab_to(page, "[role=tab]")
    expect(check_in).to_be_focused()
    assert focused.evaluate("tab => getComputedStyle(tab).outlineStyle") == "solid"

    # The arrow keys, Home and End move between the tabs and open them.
    page.keyboard.press("ArrowRight")
    expect(procedure).to_be_focused()
    expect(procedure).to_have_attribute("aria-selected", "true")
    expect(page.locator("#trinh-tu")).to_be_visible()
    expect(page.locator("#diem-danh")).to_be_hidden()
    page.keyboard.press("End")
    expect(papers).to_have_attribute("aria-selected", "true")
    page.keyboard.press("ArrowRight")
    expect(check_in).to_be_focused()
    page.keyboard.press("ArrowLeft")
    expect(papers).to_be_focused()
    page.keyboard.press("Home")
    expect(check_in).to_have_attribute("aria-selected", "true")
    expect(page.locator("#diem-danh")).to_be_visible()

    # From the open tab, on to the search box, a household found, its button, Enter.
    tab_to(page, "#household-search")
    page.keyboard.type(household.code)
    expect(page.get_by_test_id("search-results")).to_contain_text(household.head_name)
    tab_to(page, "[data-wv-check-in] button[type=submit]:not([hidden])")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("check-in-status")).to_contain_text(f"Đã điểm danh hộ {household.code}")
    expect(page.get_by_test_id("present")).to_have_text("1/10")
    expect(page.locator("#household-search")).to_be_focused()
    assert Attendance.objects.filter(household=household, undone_at__isnull=True).count() == 1
    page.goto("about:blank")


def test_the_check_finds_a_field_without_a_label(page, live_server, transactional_db):
    """The check itself works: a field nobody can name is reported, with where it is."""
    page.goto(f"{live_server.url}/dang-nhap/")
    assert serious_violations(page) == []
    page.evaluate(
        """() => {
        const field = document.createElement("input");
        field.id = "nameless";
        document.querySelector("main form").appendChild(field);
    }"""
    )
    violations = serious_violations(page)
    assert [violation["id"] for violation in violations] == ["label"]
    assert "#nameless" in describe(violations)
