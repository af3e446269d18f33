"""Issue 15, item 2, as the ward official does it: the election budget's estimate by line,
refused while its total does not add up, then its settlement with a difference explained."""

from playwright.sync_api import expect

from elections.models import Budget

LINES = [("printing", "3.500.000"), ("meetings", "5.000.000"), ("team_allowances", "4.000.000")]


def test_the_ward_official_enters_an_estimate_and_then_settles_it(page, live_server, plans, log_in_as):
    log_in_as(page, "p22.ubnd")
    page.goto(f"{live_server.url}/bau-cu/ke-hoach/{plans['ward'].pk}/")
    page.get_by_test_id("budget-link").click()
    expect(page.get_by_test_id("budget-empty")).to_be_visible()

    form = page.get_by_test_id("estimate-form")
    for n, (item, amount) in enumerate(LINES, start=1):
        form.locator(f"select[name=item_{n}]").select_option(item)
        form.locator(f"input[name=estimate_{n}]").fill(amount)
    form.locator("select[name=item_4]").select_option("other")
    form.locator("input[name=label_4]").fill("Nước uống, khánh tiết")
    form.locator("input[name=estimate_4]").fill("500.000")
    form.get_by_label("Tổng cộng dự toán (đồng)").fill("13.500.000")
    form.get_by_label("Ngày lập dự toán").fill("10/10/2024")
    form.get_by_role("button", name="Lưu dự toán").click()
    expect(page.get_by_test_id("estimate-errors")).to_contain_text(
        "Tổng cộng dự toán ghi 13.500.000 đồng nhưng cộng các dòng được 13.000.000 đồng."
    )

    page.get_by_test_id("estimate-form").get_by_label("Tổng cộng dự toán (đồng)").fill("13.000.000")
    page.get_by_role("button", name="Lưu dự toán").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã lưu dự toán kinh phí.")
    expect(page.get_by_test_id("budget-total")).to_contain_text("13.000.000 đồng")
    expect(page.get_by_test_id("budget-lines")).to_contain_text("Nước uống, khánh tiết")

    settle = page.get_by_test_id("settle-form")
    settle.get_by_label("Thực chi: In ấn tài liệu").fill("4.100.000")
    settle.get_by_label("Thực chi: Tổ chức hội nghị, họp").fill("4.400.000")
    settle.get_by_label("Tổng cộng thực chi (đồng)").fill("13.000.000")
    settle.get_by_label("Ngày quyết toán").fill("05/12/2024")
    settle.get_by_role("button", name="Quyết toán").click()
    expect(page.get_by_test_id("settle-errors")).to_contain_text(
        "Dòng “In ấn tài liệu”: thực chi 4.100.000 đồng khác dự toán 3.500.000 đồng"
    )

    settle = page.get_by_test_id("settle-form")
    settle.get_by_label("Giải thích chênh lệch: In ấn tài liệu").fill("In thêm phiếu bầu")
    settle.get_by_label("Giải thích chênh lệch: Tổ chức hội nghị, họp").fill("Họp tại nhà văn hóa")
    settle.get_by_role("button", name="Quyết toán").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã quyết toán kinh phí.")
    expect(page.locator("h2").first).to_contain_text("Đã quyết toán ngày 05/12/2024")
    expect(page.get_by_test_id("budget-lines")).to_contain_text("+600.000 đồng")
    expect(page.get_by_test_id("budget-lines")).to_contain_text("-600.000 đồng")
    expect(page.get_by_test_id("settle-form")).to_have_count(0)
    budget = Budget.objects.get()
    assert (budget.status, budget.spent_total) == ("settled", 13_000_000)
