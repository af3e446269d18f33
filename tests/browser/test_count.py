"""The count on meeting day, as Khu phố 1's election team lives it: check-in, the quorum
meter, the procedure, a secret-ballot tally typed twice (once wrong), and the minutes."""

import re

from playwright.sync_api import expect

from elections.models import ContestResult
from tests.reporting.pdf import pdf_text


def field(label: str) -> re.Pattern:
    """A form label as shown, with crispy's asterisk on required fields."""
    return re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$")


def check_in(page, household) -> None:
    page.get_by_label("Tìm hộ theo mã, tên chủ hộ hoặc địa chỉ").fill(household.code)
    page.get_by_test_id("search-results").get_by_role("button", name="Điểm danh").click()
    # Checked in where it stands: the message shows beside the search box, not atop a new page.
    expect(page.get_by_test_id("check-in-status")).to_contain_text(f"Đã điểm danh hộ {household.code}")


def show_section(page, name: str) -> None:
    """Open one of the meeting page's sections (its tabs: "Điểm danh", "Trình tự", ...)."""
    page.get_by_role("tab", name=re.compile(rf"\d\. {re.escape(name)}$")).click()


def vote(page, step: str, fields: dict) -> None:
    """Open a procedure step, fill its form, submit it."""
    show_section(page, "Trình tự")
    form = page.locator(f"form[action$='/thu-tuc/{step}/']")
    form.locator("xpath=ancestor::details").locator("summary").click()
    for label, value in fields.items():
        form.get_by_label(field(label)).fill(value)
    form.get_by_role("button").click()
    expect(page.locator(".alert-success").first).to_contain_text("Đã ghi nhận")


def enter_tally(page, figures: dict) -> None:
    for label, value in figures.items():
        page.get_by_label(field(label)).fill(str(value))
    page.get_by_role("button", name="Ghi kết quả").click()


def test_the_team_counts_twice_resolves_a_mismatch_and_downloads_the_minutes(
    page, new_page, live_server, ready_election, log_in_as
):
    households = list(ready_election.neighborhood.households.order_by("code"))
    log_in_as(page, "p22.kp1.tobaucu")
    page.goto(f"{live_server.url}/bau-cu/{ready_election.pk}/hop/")
    page.get_by_role("button", name="Khai mạc cuộc họp").click()
    meter = page.get_by_test_id("quorum-meter")
    expect(meter).to_contain_text("0/10")
    for household in households[:7]:
        check_in(page, household)
    expect(page.get_by_test_id("present")).to_have_text("7/10")
    expect(meter).to_contain_text("cần ít nhất 6 hộ đồng ý")

    # The procedure: secretary, the list, the method, the counting board.
    vote(page, "secretary", {"Họ tên thư ký cuộc họp": "Trần Thị Thư", "Số hộ tán thành": "7"})
    page.get_by_role("button", name="Đã giới thiệu danh sách chính thức").click()
    show_section(page, "Trình tự")
    form = page.locator("form[action$='/thu-tuc/method/']")
    form.locator("xpath=ancestor::details").locator("summary").click()
    form.get_by_label(field("Hình thức bầu")).select_option(label="Bỏ phiếu kín")
    form.get_by_label(field("Số hộ tán thành")).fill("6")
    form.get_by_role("button").click()
    vote(
        page,
        "board",
        {
            "Ban kiểm phiếu (mỗi dòng một người, 3 đến 5 người; người thứ nhất là Trưởng ban)": (
                "Lê Văn An\nPhạm Thị Bình\nVõ Văn Cường"
            ),
            "Đại diện hộ chứng kiến thứ nhất": "Đỗ Văn Dũng",
            "Đại diện hộ chứng kiến thứ hai": "Ngô Thị Em",
            "Số hộ tán thành": "7",
        },
    )
    expect(page.get_by_test_id("procedure")).to_contain_text("Bỏ phiếu kín")

    # First entry of the head's count, then the secretary's independent entry with one wrong digit.
    head_figures = {
        "Phiếu phát ra": 7,
        "Phiếu thu vào": 7,
        "Phiếu hợp lệ": 6,
        "Phiếu không hợp lệ": 1,
        "Phiếu đồng ý: Nguyễn Văn head": 6,
    }
    page.get_by_test_id("count").get_by_role("link", name="Trưởng khu phố").click()
    tally_url = page.url
    enter_tally(page, head_figures)
    expect(page.locator(".alert-info").first).to_contain_text("Chờ người thứ hai nhập độc lập")

    secretary = log_in_as(new_page(), "p22.kp1.thuky")
    secretary.goto(tally_url)
    enter_tally(secretary, {**head_figures, "Phiếu đồng ý: Nguyễn Văn head": 5})
    mismatch = secretary.get_by_test_id("mismatch")
    expect(mismatch).to_contain_text("Hai lần nhập không khớp")
    expect(mismatch.locator("tr", has_text="Nguyễn Văn head").locator("td")).to_have_text(
        ["Nguyễn Văn head", "6", "5"]
    )
    assert not ContestResult.objects.exists()

    # The secretary checks the ballots again and re-enters: the two entries now agree.
    enter_tally(secretary, head_figures)
    expect(secretary.get_by_test_id("result")).to_contain_text("6/10 hộ = 60,0 % > 50 % — trúng cử")

    # The inspection-board count, typed twice the same.
    board_figures = {**head_figures}
    del board_figures["Phiếu đồng ý: Nguyễn Văn head"]
    board_figures["Phiếu đồng ý: Nguyễn Văn inspection_board"] = 6
    page.goto(f"{live_server.url}/bau-cu/{ready_election.pk}/hop/")
    page.get_by_test_id("count").get_by_role("link", name="Thành viên Ban Thanh tra nhân dân").click()
    board_url = page.url
    enter_tally(page, board_figures)
    secretary.goto(board_url)
    enter_tally(secretary, board_figures)
    expect(secretary.get_by_test_id("result")).to_contain_text("trúng cử")

    # The meeting is closed; the team draws up the minutes (form 03) and downloads them.
    page.goto(f"{live_server.url}/bau-cu/{ready_election.pk}/hop/")
    expect(page.locator(".alert-secondary")).to_contain_text("kết quả đã chốt")
    documents = page.get_by_test_id("meeting-documents")
    documents.locator("li", has_text="mẫu 03").get_by_role("button", name="Lập biên bản").click()
    link = page.get_by_test_id("meeting-documents").get_by_role(
        "link", name=re.compile("Tải về Biên bản cuộc họp")
    )
    # The PDF opens inline; fetch it with the browser's own session, as "Save as" would.
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = " ".join(pdf_text(response.body()).split())
    assert "Tổng số hộ gia đình trong khu phố: 10 (mười)" in text
    assert "Số đại diện hộ gia đình tham dự: 7 (bảy), đạt 70,0 % tổng số hộ" in text
    assert "Số phiếu hợp lệ 6 (sáu)" in text and "Số phiếu không hợp lệ 1 (một)" in text
    assert "ông Nguyễn Văn head trúng cử Trưởng khu phố" in text
    page.goto("about:blank")
    secretary.goto("about:blank")
