"""The README's "Your first ten minutes", walked in the browser on the demo as `make run` seeds it
today: Tổ dân phố 1 of Phường Phú Xuân, from its schedule to the recognised head, each role in
its own browser, every date the walk types being today's."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from elections.models import Election
from tests.browser.test_count import enter_tally, field, show_section, vote

DEMO_PASSWORD = "wardvote-demo"
PLAN, GROUP = "45/KHLT-UBND-UBMTTQ", "Tổ dân phố 1"
POSTS = ("Trưởng khu phố", "Thành viên Ban Thanh tra nhân dân")
LIST_STEPS = ("Ghi nhận ý kiến Chi bộ", "Chốt danh sách chính thức", "Gửi phường (kèm biên bản mẫu 05)")


@pytest.fixture
def demo(transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", stdout=StringIO())
    return Election.objects.get(plan__number=PLAN, neighborhood__name=GROUP)


def click_step(page, label: str) -> None:
    page.get_by_role("button", name=label).click()
    page.wait_for_load_state()


def test_a_newcomer_holds_an_election_on_the_demo_of_today(page, new_page, live_server, log_in_as, demo):
    today = f"{timezone.localdate():%d/%m/%Y}"
    households = list(demo.neighborhood.households.order_by("code"))
    needed = len(households) // 2 + 1

    # 1. The ward official schedules the meeting for today and prepares both lists.
    log_in_as(page, "phuxuan.ubnd", DEMO_PASSWORD)
    page.get_by_role("link", name="Kế hoạch bầu cử").first.click()
    page.get_by_role("link", name=PLAN).first.click()
    page.get_by_test_id("plan-elections").get_by_role("link", name=GROUP).click()
    election_url = page.url
    page.fill("#id_meeting_date", today)
    page.fill("#id_meeting_time", "08:00")
    page.fill("#id_meeting_place", "Nhà sinh hoạt cộng đồng tổ dân phố 1")
    page.get_by_role("button", name="Lưu lịch họp").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã lưu lịch họp")
    contest_urls = []
    for post, name in zip(POSTS, ("Nguyễn Văn An", "Trần Thị Bình"), strict=True):
        page.goto(election_url)
        page.get_by_role("link", name=post, exact=True).first.click()
        contest_urls.append(page.url)
        page.fill("#id_full_name", name)
        page.select_option("#id_gender", index=1)
        page.fill("#id_birth_date", "01/05/1968")
        page.get_by_role("button", name="Thêm", exact=True).click()
        expect(page.get_by_test_id("candidates")).to_contain_text(name)
        for step in LIST_STEPS:
            click_step(page, step)

    # 2. The ward Front approves both.
    front = log_in_as(new_page(), "phuxuan.mttq", DEMO_PASSWORD)
    for url in contest_urls:
        front.goto(url)
        click_step(front, "Duyệt danh sách")
        expect(front.get_by_test_id("list-status")).to_have_text("Đã duyệt")

    # 3. The team opens the meeting and checks in just enough households, by code and Enter.
    team = log_in_as(new_page(), "phuxuan.tdp1.tobaucu", DEMO_PASSWORD)
    team.goto(f"{live_server.url}/bau-cu/{demo.pk}/hop/")
    team.get_by_role("button", name="Khai mạc cuộc họp").click()
    box = team.get_by_label("Tìm hộ theo mã, tên chủ hộ hoặc địa chỉ")
    for household in households[:needed]:
        box.fill(household.code)
        box.press("Enter")
        expect(team.get_by_test_id("check-in-status")).to_contain_text(f"Đã điểm danh hộ {household.code}")
    expect(team.get_by_test_id("present")).to_have_text(f"{needed}/{len(households)}")

    team.reload()
    vote(team, "secretary", {"Họ tên thư ký cuộc họp": "Phan Thị Diệu", "Số hộ tán thành": str(needed)})
    team.get_by_role("button", name="Đã giới thiệu danh sách chính thức").click()
    show_section(team, "Trình tự")
    form = team.locator("form[action$='/thu-tuc/method/']")
    form.locator("xpath=ancestor::details").locator("summary").click()
    form.get_by_label(field("Hình thức bầu")).select_option(label="Bỏ phiếu kín")
    form.get_by_label(field("Số hộ tán thành")).fill(str(needed))
    form.get_by_role("button").click()
    vote(
        team,
        "board",
        {
            "Ban kiểm phiếu (mỗi dòng một người, 3 đến 5 người; người thứ nhất là Trưởng ban)": (
                "Lê Văn Cường\nPhạm Thị Dung\nVõ Văn Em"
            ),
            "Đại diện hộ chứng kiến thứ nhất": "Đỗ Văn Giang",
            "Đại diện hộ chứng kiến thứ hai": "Ngô Thị Hoa",
            "Số hộ tán thành": str(needed),
        },
    )

    # 3–4. Each count typed by the team head, then again by the secretary.
    secretary = log_in_as(new_page(), "phuxuan.tdp1.thuky", DEMO_PASSWORD)
    for post, name in zip(POSTS, ("Nguyễn Văn An", "Trần Thị Bình"), strict=True):
        figures = {
            "Phiếu phát ra": needed,
            "Phiếu thu vào": needed,
            "Phiếu hợp lệ": needed,
            "Phiếu không hợp lệ": 0,
            f"Phiếu đồng ý: {name}": needed,
        }
        team.goto(f"{live_server.url}/bau-cu/{demo.pk}/hop/")
        team.get_by_test_id("count").get_by_role("link", name=post).click()
        enter_tally(team, figures)
        secretary.goto(team.url)
        enter_tally(secretary, figures)
        expect(secretary.get_by_test_id("result")).to_contain_text("trúng cử")

    # 5. The ward official recognises the head the same day.
    page.goto(election_url)
    page.locator("summary", has_text="Công nhận kết quả").first.click()
    recognise = page.locator("form[action$='/recognise/']")
    recognise.get_by_label(field("Ngày nhận văn bản kết quả (mẫu 03)")).fill(today)
    recognise.get_by_label(field("Ngày ký quyết định công nhận")).fill(today)
    recognise.get_by_role("button", name="Công nhận Trưởng khu phố").click()
    expect(page.locator(".alert-success").first).to_be_visible()
    demo.refresh_from_db()
    assert demo.recognised_on == timezone.localdate()

    # ... and the ward Front its member of the inspection board, from the plan's page.
    front.goto(f"{live_server.url}/bau-cu/ke-hoach/{demo.plan_id}/")
    front.get_by_role("link", name=re.compile("^Ban Thanh tra nhân dân: thành viên trúng cử")).click()
    row = front.locator("tr", has_text=GROUP)
    row.locator("summary", has_text="Công nhận thành viên").click()
    row.get_by_label(field("Ngày Ủy ban MTTQ phường nhận quyết định của cộng đồng dân cư")).fill(today)
    row.get_by_label(field("Ngày ký quyết định công nhận")).fill(today)
    row.get_by_role("button", name="Công nhận thành viên Ban Thanh tra nhân dân").click()
    expect(front.locator("tr", has_text=GROUP)).to_contain_text(today)

    # 6. The province's home-affairs office sees the first of its 7 elections completed.
    province = log_in_as(new_page(), "hue.noivu", DEMO_PASSWORD)
    province.get_by_role("link", name="Tiến độ bầu cử, thống kê, báo cáo").first.click()
    expect(province.get_by_test_id("completion")).to_have_text("1 (14,3 %)")
    for other in (page, front, team, secretary, province):
        other.goto("about:blank")
