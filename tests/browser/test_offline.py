"""The 4G drops in the community house: check-ins and a tally entry made while offline are kept
in the browser and sent when the connection returns, each exactly once; a household checked in
meanwhile from another device is listed as a conflict, not lost and not counted twice."""

import re

import pytest
from playwright.sync_api import expect

from elections.models import Attendance, TallyEntry
from elections.services import meeting as services
from tests.elections.count_helpers import check_in_first, contest, run_procedure
from tests.factories import HouseholdFactory


@pytest.fixture
def meeting(ready_election, personas):
    """The meeting under way: its 10 first households present, the procedure voted, and 20 more
    households of Khu phố 1 in the register, still to come."""
    for n in range(20):
        HouseholdFactory(
            neighborhood=ready_election.neighborhood,
            code=f"P22-KP01-{n + 1:04d}",
            head_name=f"Trần Văn Khách {n + 1:02d}",
        )
    meeting = services.meeting_open(by=personas.p22_kp1_tobaucu, election=ready_election)
    check_in_first(meeting, personas.p22_kp1_tobaucu, 10)
    return run_procedure(meeting)


def late_households(meeting) -> list:
    households = meeting.election.neighborhood.households
    return list(households.filter(head_name__startswith="Trần Văn Khách").order_by("code"))


def open_meeting_page(phone_context, live_server, meeting, log_in_as):
    page = phone_context.new_page()
    log_in_as(page, "p22.kp1.tobaucu")
    page.goto(f"{live_server.url}/bau-cu/{meeting.election_id}/hop/#diem-danh")
    expect(page.get_by_test_id("offline-bar")).to_have_attribute("data-wv-ready", "")
    return page


def check_in_by_code(page, household) -> None:
    box = page.get_by_label("Tìm hộ theo mã, tên chủ hộ hoặc địa chỉ")
    box.fill(household.code)
    box.press("Enter")
    expect(page.get_by_test_id("check-in-status")).to_contain_text(f"điểm danh hộ {household.code}")
    expect(box).to_have_value("")
    expect(box).to_be_focused()


def test_twenty_check_ins_and_a_tally_entry_made_offline_reach_the_server_once(
    phone_context, live_server, meeting, log_in_as
):
    page = open_meeting_page(phone_context, live_server, meeting, log_in_as)
    head = contest(meeting)
    tally = phone_context.new_page()
    tally.goto(f"{live_server.url}/bau-cu/hop/{meeting.pk}/kiem-phieu/{head.pk}/")
    expect(tally.get_by_test_id("offline-bar")).to_have_attribute("data-wv-ready", "")

    phone_context.set_offline(True)
    bar = page.get_by_test_id("offline-summary")
    expect(bar).to_have_text("Mất kết nối – 0 thao tác đang chờ gửi")
    for n, household in enumerate(late_households(meeting)):
        check_in_by_code(page, household)
        expect(bar).to_have_text(f"Mất kết nối – {n + 1} thao tác đang chờ gửi")

    # In the other tab, the head's count: 30 households present once the check-ins are sent.
    candidate = head.candidates.get()
    for label, value in (
        ("Phiếu phát ra", 30),
        ("Phiếu thu vào", 30),
        ("Phiếu hợp lệ", 30),
        ("Phiếu không hợp lệ", 0),
        (f"Phiếu đồng ý: {candidate.full_name}", 25),
    ):
        tally.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$")).fill(str(value))
    tally.get_by_role("button", name="Ghi kết quả").click()
    expect(tally.get_by_test_id("offline-summary")).to_have_text("Mất kết nối – 21 thao tác đang chờ gửi")
    expect(bar).to_have_text("Mất kết nối – 21 thao tác đang chờ gửi")
    assert Attendance.objects.filter(meeting=meeting).count() == 10
    assert not TallyEntry.objects.exists()

    phone_context.set_offline(False)
    expect(bar).to_have_text("Đã gửi 21 thao tác.")
    expect(tally.get_by_test_id("offline-summary")).to_have_text("Đã gửi 21 thao tác.")
    # The tally's answer, the one the page would have shown had it been online.
    expect(tally.get_by_test_id("offline-answers")).to_contain_text(
        "Đã ghi lần nhập của bạn. Chờ người thứ hai nhập độc lập để đối chiếu."
    )
    assert Attendance.objects.filter(meeting=meeting, undone_at__isnull=True).count() == 30
    assert set(Attendance.objects.filter(meeting=meeting).values_list("household__code", flat=True)) >= {
        h.code for h in late_households(meeting)
    }
    entry = TallyEntry.objects.get()
    assert (entry.issued, entry.counts) == (30, {str(candidate.pk): 25})

    # Reloaded, the page has nothing left to send and counts them all; the tally's answer stays
    # listed until the team has read it.
    page.reload()
    expect(page.get_by_test_id("present")).to_have_text("30/30")
    expect(page.get_by_test_id("offline-summary")).to_have_text("")
    expect(page.get_by_test_id("offline-answers")).to_contain_text("kết quả kiểm phiếu Trưởng khu phố")
    page.get_by_role("button", name="Đã xem, xóa các trả lời").click()
    expect(page.get_by_test_id("offline-bar")).to_be_hidden()
    page.goto("about:blank")  # stop the meter's polling before the server goes away
    tally.goto("about:blank")


def test_a_household_checked_in_meanwhile_by_another_device_is_listed_as_a_conflict(
    phone_context, live_server, meeting, log_in_as, personas
):
    page = open_meeting_page(phone_context, live_server, meeting, log_in_as)
    first, second = late_households(meeting)[:2]
    # The second household is found while the connection holds; its button is tapped offline.
    page.get_by_label("Tìm hộ theo mã, tên chủ hộ hoặc địa chỉ").fill(second.code)
    results = page.get_by_test_id("search-results")
    expect(results).to_contain_text(second.head_name)
    phone_context.set_offline(True)
    check_in_by_code(page, first)
    results.get_by_role("button", name="Điểm danh").click()
    expect(results.get_by_role("button", name="Đang chờ gửi")).to_be_disabled()
    expect(page.get_by_test_id("check-in-status")).to_contain_text(f"điểm danh hộ {second.code}")
    expect(page.get_by_test_id("offline-summary")).to_have_text("Mất kết nối – 2 thao tác đang chờ gửi")

    # Meanwhile the other phone of the team, still online, checks the first household in.
    services.check_in(
        by=personas.p22_kp1_tobaucu,
        meeting=meeting,
        household=first,
        representative_name="Trần Thị Đến Trước",
    )

    phone_context.set_offline(False)
    expect(page.get_by_test_id("offline-summary")).to_have_text("Đã gửi 2 thao tác.")
    problems = page.get_by_test_id("offline-problems")
    expect(problems.get_by_role("listitem")).to_have_count(1)
    expect(problems).to_contain_text(f"điểm danh hộ {first.code}")
    expect(problems).to_contain_text(
        re.compile(rf"Hộ {first.code} đã điểm danh lúc \d\d:\d\d, người đại diện: Trần Thị Đến Trước\.")
    )
    assert Attendance.objects.filter(meeting=meeting, household=first).count() == 1
    assert Attendance.objects.filter(meeting=meeting, household=second).count() == 1

    # The conflict stays listed, after a reload too, until the team has read it.
    page.reload()
    expect(page.get_by_test_id("offline-problems")).to_contain_text(f"Hộ {first.code} đã điểm danh lúc")
    page.get_by_role("button", name="Đã xem, xóa các trả lời").click()
    expect(page.get_by_test_id("offline-bar")).to_be_hidden()
    page.goto("about:blank")


def test_kept_check_ins_wait_for_a_new_login_when_the_session_ended_offline(
    phone_context, live_server, meeting, log_in_as
):
    page = open_meeting_page(phone_context, live_server, meeting, log_in_as)
    household = late_households(meeting)[0]
    phone_context.set_offline(True)
    check_in_by_code(page, household)
    phone_context.clear_cookies()  # the session ended while the phone was offline

    phone_context.set_offline(False)
    summary = page.get_by_test_id("offline-summary")
    expect(summary).to_have_text("Phiên đăng nhập đã hết: đăng nhập lại để gửi 1 thao tác đang chờ.")
    assert not Attendance.objects.filter(household=household).exists()

    other = phone_context.new_page()
    log_in_as(other, "p22.kp1.tobaucu")
    other.goto("about:blank")
    page.reload()  # the page sends what it kept as soon as it loads
    expect(page.get_by_test_id("offline-summary")).to_have_text("Đã gửi 1 thao tác.")
    assert Attendance.objects.filter(household=household, undone_at__isnull=True).count() == 1
    page.goto("about:blank")
