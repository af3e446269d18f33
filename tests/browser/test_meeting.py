"""Meeting day, as the election team of Khu phố 1 lives it: check-in and the live quorum meter."""

from playwright.sync_api import expect

from elections.models import Attendance


def test_the_team_checks_households_in_and_watches_the_meter_move(
    page,
    new_page,
    live_server,
    personas,
    ready_election,
    log_in_as,
):
    households = list(ready_election.neighborhood.households.order_by("code"))
    log_in_as(page, "p22.kp1.tobaucu")
    page.goto(f"{live_server.url}/bau-cu/{ready_election.pk}/hop/")
    page.get_by_role("button", name="Khai mạc cuộc họp").click()
    meter = page.get_by_test_id("quorum-meter")
    expect(meter).to_contain_text("0/10")
    expect(meter).to_contain_text("không ai có thể trúng cử")

    # The projector in the room follows without being reloaded.
    projector = log_in_as(new_page(), "p22.kp1.tobaucu")
    projector.goto(
        page.url.replace(f"/bau-cu/{ready_election.pk}/hop/", "/bau-cu/")
    )  # any page, then the screen
    page.get_by_role("link", name="Mở màn hình trình chiếu")
    meeting = ready_election.meetings.get()
    projector.goto(f"{live_server.url}/bau-cu/hop/{meeting.pk}/trinh-chieu/")
    expect(projector.get_by_test_id("present")).to_have_text("0/10")

    for household in households[:6]:
        page.get_by_label("Tìm hộ theo mã, tên chủ hộ hoặc địa chỉ").fill(household.code)
        results = page.get_by_test_id("search-results")
        expect(results).to_contain_text(household.head_name)
        results.get_by_role("button", name="Điểm danh").click()
        # Checked in where it stands: the message shows beside the search box, not atop a new page.
        expect(page.get_by_test_id("check-in-status")).to_contain_text(f"Đã điểm danh hộ {household.code}")

    expect(page.get_by_test_id("present")).to_have_text("6/10")
    expect(page.get_by_test_id("quorum-meter")).to_contain_text("cần ít nhất 6 hộ đồng ý")
    expect(projector.get_by_test_id("present")).to_have_text("6/10", timeout=10_000)

    # A second check-in of the same household is refused and says who came.
    page.get_by_label("Tìm hộ theo mã, tên chủ hộ hoặc địa chỉ").fill(households[0].code)
    expect(page.get_by_test_id("search-results")).to_contain_text("Đã điểm danh")
    assert Attendance.objects.filter(undone_at__isnull=True).count() == 6
    # Stop the meters' polling before the server goes away.
    page.goto("about:blank")
    projector.goto("about:blank")
