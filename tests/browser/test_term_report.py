"""Issue 15, item 1, as the ward official and the election team do it: the official files the
khu phố's finance statement for the outgoing head, is refused while a line is wrong (the refusal
names the line), fixes it; at the meeting the team sees it on the agenda before the vote and
records it heard with the objection raised."""

from playwright.sync_api import expect

from elections.models import AgendaHearing, FinanceStatement
from tests.browser.test_count import show_section

LINES = [
    ("income", "Đóng góp của các hộ gia đình", "24.000.000"),
    ("spending", "Thăm hỏi gia đình chính sách", "6.500.000"),
    ("spending", "Quỹ khuyến học", "-8.000.000"),
]


def test_the_official_files_the_finances_and_the_team_records_them_heard(
    page, new_page, live_server, ready_election, log_in_as
):
    log_in_as(page, "p22.ubnd")
    page.goto(f"{live_server.url}/bau-cu/{ready_election.pk}/")
    page.get_by_test_id("term-report-link").click()
    expect(page.get_by_test_id("finance-empty")).to_be_visible()

    form = page.get_by_test_id("finance-form")
    form.get_by_label("Trưởng khu phố báo cáo").fill("Nguyễn Văn Tư")
    form.get_by_label("Từ ngày").fill("01/10/2022")
    form.get_by_label("Đến ngày").fill("30/09/2024")
    form.get_by_label("Số dư đầu kỳ (đồng)").fill("3.200.000")
    for n, (kind, label, amount) in enumerate(LINES, start=1):
        form.locator(f"select[name=finance-kind_{n}]").select_option(kind)
        form.locator(f"input[name=finance-label_{n}]").fill(label)
        form.locator(f"input[name=finance-amount_{n}]").fill(amount)
    form.get_by_label("Tổng thu (đồng)").fill("24.000.000")
    form.get_by_label("Tổng chi (đồng)").fill("14.500.000")
    form.get_by_label("Số dư cuối kỳ (đồng)").fill("12.700.000")
    form.get_by_label("Ngày lập").fill("20/10/2024")
    form.get_by_role("button", name="Lưu báo cáo thu, chi").click()
    expect(page.get_by_test_id("finance-errors")).to_contain_text(
        "Dòng 3 (Quỹ khuyến học): số tiền không được âm (-8.000.000 đồng)."
    )

    form = page.get_by_test_id("finance-form")
    form.locator("input[name=finance-amount_3]").fill("8.000.000")
    form.get_by_role("button", name="Lưu báo cáo thu, chi").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã lưu báo cáo thu, chi quỹ khu phố.")
    expect(page.get_by_test_id("finance-closing")).to_contain_text("12.700.000 đồng")
    assert FinanceStatement.objects.get().lines.count() == 3

    team = new_page()
    log_in_as(team, "p22.kp1.tobaucu")
    team.goto(f"{live_server.url}/bau-cu/{ready_election.pk}/hop/")
    team.get_by_role("button", name="Khai mạc cuộc họp").click()
    # What is heard comes in the procedure's section, before the vote.
    show_section(team, "Trình tự")
    agenda = team.get_by_test_id("meeting-agenda")
    expect(agenda).to_contain_text("Báo cáo kết quả hoạt động nhiệm kỳ của Trưởng khu phố")
    finances = team.get_by_test_id("agenda-finances")
    finances.get_by_label("Ý kiến, thắc mắc của cử tri").fill(
        "Bà Trịnh Thị Bảy đề nghị niêm yết chứng từ chi."
    )
    finances.get_by_role("button", name="Ghi nhận đã trình bày").click()
    expect(team.locator(".alert-success")).to_contain_text("Đã ghi nhận nội dung đã trình bày tại cuộc họp.")
    expect(team.get_by_test_id("agenda-finances")).to_contain_text("Đã trình bày")
    expect(team.get_by_test_id("agenda-finances")).to_contain_text(
        "Bà Trịnh Thị Bảy đề nghị niêm yết chứng từ chi."
    )
    assert AgendaHearing.objects.get().item == "finances"

    page.reload()
    expect(page.get_by_test_id("finance-statement")).to_contain_text("Đã trình bày tại cuộc họp")
    expect(page.get_by_test_id("finance-form")).to_contain_text("Lập bản đính chính báo cáo thu, chi")
