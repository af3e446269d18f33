"""Issue 16, item 4, as the ward Front's officer does it: the candidate's household is found by
typing part of the head's name in a search box, not picked from a list of 501 households."""

from playwright.sync_api import expect

from elections.models import ContestKind
from tests.factories import HouseholdFactory


def test_the_front_officer_finds_the_candidate_s_household_by_search(
    page, live_server, kp1_scheduled, log_in_as
):
    neighborhood = kp1_scheduled.neighborhood
    HouseholdFactory.create_batch(500, neighborhood=neighborhood)
    household = HouseholdFactory(neighborhood=neighborhood, code="KP1-0042", head_name="Nguyễn Văn An")
    head = kp1_scheduled.contests.get(kind=ContestKind.HEAD)
    log_in_as(page, "p22.mttq")
    page.goto(f"{live_server.url}/bau-cu/chuc-danh/{head.pk}/")
    expect(page.locator("select[name=household]")).to_have_count(0)
    page.get_by_label("Họ và tên").first.fill("Nguyễn Văn An")
    page.get_by_label("Ngày sinh").fill("01/05/1968")
    search = page.get_by_label("Hộ gia đình")
    search.fill("Văn An")
    search.press("Enter")  # searches; does not send the form
    choice = page.get_by_test_id("household-choices").get_by_label("KP1-0042 – Nguyễn Văn An")
    expect(choice).to_be_visible()
    assert head.candidates.count() == 0
    choice.check()
    page.get_by_role("button", name="Thêm", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text("Đã thêm người ứng cử Nguyễn Văn An.")
    assert head.candidates.get().household == household
