"""Bringing the households in, as the election team of a small khu phố lives it: as households
check in, the list of those not yet come shrinks and the figure still needed falls to zero at
the threshold; a volunteer marks a door knocked on; the mobilisation sheet prints one street per
page."""

import io
import unicodedata

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

STREETS = ["Lê Lợi", "Trần Hưng Đạo"]


@pytest.fixture
def small_khu_pho(ready_election):
    """Khu phố 1's 10 households, five on each of two streets: 6 present make the threshold."""
    households = list(ready_election.neighborhood.households.order_by("code"))
    for n, household in enumerate(households):
        household.address = f"{n // 2 + 1} {STREETS[n % 2]}"
        household.save()
    return households


def test_the_list_shrinks_to_the_threshold_and_the_sheet_prints_per_street(
    page, live_server, ready_election, small_khu_pho, log_in_as
):
    log_in_as(page, "p22.kp1.tobaucu")
    page.goto(f"{live_server.url}/bau-cu/{ready_election.pk}/hop/")
    page.get_by_role("button", name="Khai mạc cuộc họp").click()
    still_needed = page.get_by_test_id("still-needed")
    absent = page.get_by_test_id("absent-household")
    expect(still_needed).to_have_text("Có mặt 0/10 hộ: còn thiếu 6 hộ để có thể bầu được.")
    expect(absent).to_have_count(10)
    expect(page.get_by_test_id("absent-group")).to_have_count(2)
    expect(page.get_by_test_id("turnout-chart").locator("svg")).to_be_visible()

    box = page.get_by_label("Tìm hộ theo mã, tên chủ hộ hoặc địa chỉ")
    for n, household in enumerate(small_khu_pho[:6], start=1):
        box.fill(household.code)
        box.press("Enter")
        expect(page.get_by_test_id("check-in-status")).to_contain_text(f"Đã điểm danh hộ {household.code}")
        # The list follows the meter's poll: the household leaves it, the figure falls.
        expect(absent).to_have_count(10 - n)
        expect(page.get_by_test_id("not-yet-come")).not_to_contain_text(household.head_name)
        if n < 6:
            expect(still_needed).to_contain_text(f"còn thiếu {6 - n} hộ để có thể bầu được")
    expect(still_needed).to_have_text("Có mặt 6/10 hộ: đã đủ số hộ để có thể bầu được (còn thiếu 0 hộ).")

    # A volunteer went to the door of one of those still missing.
    last = small_khu_pho[-1]
    page.get_by_role("button", name=f"Đã đến nhà vận động hộ {last.code}").click()
    expect(page.get_by_test_id("visit-mark")).to_contain_text("Đã đến nhà vận động lúc")

    # The mobilisation sheet: one street per page, each with those of its street not yet come.
    sheet = page.get_by_test_id("mobilisation-sheet")
    answer = page.request.get(f"{live_server.url}{sheet.get_attribute('href')}")
    assert answer.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(answer.body()))
    pages = [unicodedata.normalize("NFC", p.extract_text()) for p in reader.pages]
    assert len(pages) == 2
    for street, text in zip(STREETS, pages, strict=True):
        assert f"{street} (2 hộ)" in text
        assert all(h.code in text for h in small_khu_pho[6:] if h.address.endswith(street))
        assert not any(h.code in text for h in small_khu_pho[:6])
