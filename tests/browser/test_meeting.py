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


def test_the_meter_asks_with_its_etag_and_still_moves_after_a_check_in_elsewhere(
    page, new_page, live_server, personas, ready_election, log_in_as
):
    """The projector's meter polls every 3 s; while nothing changes the server answers 304 (the
    browser shows what it kept), and a check-in on a team member's phone still reaches it."""
    from elections.services import meeting as services

    meeting = services.meeting_open(by=personas.p22_kp1_tobaucu, election=ready_election)
    # The status the server sent, as Chromium's network layer saw it on the wire: the page itself
    # is handed the kept meter with 200 after a 304, so Playwright's response event cannot tell.
    meter_requests: set[str] = set()
    polls: list[int] = []
    network = page.context.new_cdp_session(page)
    network.on(
        "Network.requestWillBeSent",
        lambda e: meter_requests.add(e["requestId"]) if "/so-nguoi/" in e["request"]["url"] else None,
    )
    network.on(
        "Network.responseReceivedExtraInfo",
        lambda e: polls.append(e["statusCode"]) if e["requestId"] in meter_requests else None,
    )
    network.send("Network.enable")
    log_in_as(page, "p22.kp1.tobaucu")
    page.goto(f"{live_server.url}/bau-cu/hop/{meeting.pk}/trinh-chieu/")
    expect(page.get_by_test_id("present")).to_have_text("0/10")
    page.wait_for_timeout(7_000)  # two polls at least: the first answered 200, then 304
    assert polls[:1] == [200] and 304 in polls[1:], polls

    phone = log_in_as(new_page(), "p22.kp1.thuky")
    phone.goto(f"{live_server.url}/bau-cu/{ready_election.pk}/hop/")
    household = ready_election.neighborhood.households.order_by("code").first()
    phone.get_by_label("Tìm hộ theo mã, tên chủ hộ hoặc địa chỉ").fill(household.code)
    phone.get_by_test_id("search-results").get_by_role("button", name="Điểm danh").click()
    expect(phone.get_by_test_id("check-in-status")).to_contain_text(f"Đã điểm danh hộ {household.code}")

    expect(page.get_by_test_id("present")).to_have_text("1/10", timeout=10_000)
    assert polls.count(200) >= 2, polls
    page.goto("about:blank")  # stop the polling before the server goes away
    phone.goto("about:blank")
