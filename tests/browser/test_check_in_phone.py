"""A queue of 50 households at the community house, checked in on a 390 × 844 phone: the page
never reloads, the search box keeps the focus and is emptied after each household, a name typed
without tones finds its household, Enter checks in the one found and a tap the one tapped; the
quorum meter stays in view and the page stays short."""

import pytest
from playwright.sync_api import expect

from elections.models import Attendance
from elections.selectors.meeting import single_match
from tests.factories import HouseholdFactory
from wardvote.text import fold

FAMILIES = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Dương"]
GIVEN = [("Văn", "Đức"), ("Thị", "Ánh"), ("Hữu", "Lộc"), ("Thị", "Ngọc Hường"), ("Minh", "Đạt")]


@pytest.fixture
def queue(ready_election):
    """50 more households of Khu phố 1, each with a name full of tones and its house number."""
    neighborhood = ready_election.neighborhood
    households = []
    for n, (family, (middle, given)) in enumerate((f, g) for f in FAMILIES for g in GIVEN):
        households.append(
            HouseholdFactory(
                neighborhood=neighborhood,
                code=f"P22-KP01-{n + 1:04d}",
                head_name=f"{family} {middle} {given}",
                address=f"{301 + n} Trần Hưng Đạo",
            )
        )
    return households


def typed(household) -> str:
    """What someone types on a phone without Vietnamese input: "nguyen van duc 301"."""
    return f"{fold(household.head_name)} {household.address.split()[0]}"


def test_fifty_households_are_checked_in_on_a_phone_without_a_reload(
    phone, live_server, ready_election, queue, log_in_as
):
    for household in queue:  # each query designates its household alone
        assert single_match(household.neighborhood, typed(household)) == household
    log_in_as(phone, "p22.kp1.tobaucu")
    phone.goto(f"{live_server.url}/bau-cu/{ready_election.pk}/hop/")
    phone.get_by_role("button", name="Khai mạc cuộc họp").click()
    expect(phone.get_by_test_id("present")).to_have_text("0/60")
    expect(phone.get_by_role("tab", name="1. Điểm danh")).to_have_attribute("aria-selected", "true")
    # A reload would forget this.
    phone.evaluate("window.wvSameDocument = 'since the meeting opened'")

    box = phone.get_by_label("Tìm hộ theo mã, tên chủ hộ hoặc địa chỉ")
    box.tap()
    for n, household in enumerate(queue):
        box.fill(typed(household))
        if n % 2 == 0:
            # Enter checks in the one household the query finds.
            box.press("Enter")
        else:
            results = phone.get_by_test_id("search-results")
            expect(results).to_contain_text(household.head_name)
            results.get_by_role("button", name="Điểm danh").tap()
        expect(phone.get_by_test_id("check-in-status")).to_contain_text(
            f"Đã điểm danh hộ {household.code} – {household.head_name}."
        )
        expect(box).to_be_focused()
        expect(box).to_have_value("")

    assert phone.evaluate("window.wvSameDocument") == "since the meeting opened"
    assert Attendance.objects.filter(undone_at__isnull=True).count() == 50
    expect(phone.get_by_test_id("present")).to_have_text("50/60")
    expect(phone.locator("#attendance-count")).to_have_text("50")
    attendances = phone.get_by_test_id("attendances")
    expect(attendances.get_by_test_id("attendance")).to_have_count(15)  # one page, newest first
    expect(attendances.get_by_test_id("attendance").first).to_contain_text(queue[-1].code)

    # The meter stays in view at the bottom of the page, and the page is a few screens, not 18,000 px.
    phone.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    expect(phone.get_by_test_id("quorum-meter")).to_be_in_viewport()
    height = phone.evaluate("document.documentElement.scrollHeight")
    assert height < 4 * 844, height

    # Who has not come yet is folded under the check-in on a phone; a tap opens it, up to date.
    expect(phone.get_by_test_id("absent-household")).to_have_count(0)
    phone.get_by_text("Hộ chưa đến", exact=True).tap()
    expect(phone.get_by_test_id("still-needed")).to_contain_text("Có mặt 50/60 hộ")
    expect(phone.get_by_test_id("absent-household")).to_have_count(10)
    phone.goto("about:blank")  # stop the meter's polling before the server goes away
