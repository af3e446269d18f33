"""Issue 4's main path: from the ward plan to an approved, publicly posted candidate list."""

from playwright.sync_api import expect


def click_step(page, label):
    page.get_by_role("button", name=label).click()
    page.wait_for_load_state()


def test_from_the_ward_plan_to_the_approved_public_list(
    page, new_page, live_server, personas, hcm_map, upper_plans, log_in_as
):
    # The ward official issues the ward plan under the district plan.
    log_in_as(page, "p22.ubnd")
    page.get_by_role("link", name="Kế hoạch bầu cử").first.click()
    page.get_by_role("link", name="Ban hành kế hoạch của Phường 22").click()
    page.select_option("#id_parent", label=str(upper_plans["district"]))
    page.fill("#id_number", "192/KHLT-UBND-UBMTTQ")
    page.fill("#id_issued_on", "07/10/2024")
    page.fill("#id_title", "Bầu cử Trưởng khu phố nhiệm kỳ 2024 - 2029")
    page.fill("#id_term_start_year", "2024")
    page.fill("#id_term_end_year", "2029")
    page.fill("#id_completion_deadline", "31/10/2024")
    page.get_by_role("button", name="Lưu kế hoạch").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã mở 3 cuộc bầu cử khu phố")

    # ... schedules Khu phố 1 and records the plan decision.
    page.get_by_test_id("plan-elections").get_by_role("link", name="Khu phố 1").click()
    page.fill("#id_meeting_date", "27/10/2024")
    page.fill("#id_meeting_time", "08:00")
    page.fill("#id_meeting_place", "Nhà văn hóa khu phố 1")
    page.get_by_role("button", name="Lưu lịch họp").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã lưu lịch họp")
    plan_row = page.get_by_test_id("checklist").locator(
        "tr", has_text="Quyết định tổ chức bầu cử và kế hoạch"
    )
    plan_row.locator("input[name=done_on]").fill("07/10/2024")
    plan_row.get_by_role("button", name="Ghi").click()
    plan_row = page.get_by_test_id("checklist").locator(
        "tr", has_text="Quyết định tổ chức bầu cử và kế hoạch"
    )
    expect(plan_row).to_contain_text("Đã xong")
    expect(plan_row).to_contain_text("NĐ 59/2023, Điều 6.1.a")
    election_url = page.url

    # ... enters the Front committee's candidate and sends the list to the ward.
    page.get_by_role("link", name="Trưởng khu phố", exact=True).click()
    contest_url = page.url
    page.fill("#id_full_name", "Nguyễn Văn An")
    page.select_option("#id_gender", label="Nam")
    page.fill("#id_birth_date", "01/05/1968")
    page.fill("#id_education_level", "Đại học")
    page.fill("#id_occupation", "Hưu trí")
    page.get_by_role("button", name="Thêm", exact=True).click()
    expect(page.get_by_test_id("candidates")).to_contain_text("Nguyễn Văn An")
    for step in ("Ghi nhận ý kiến Chi bộ", "Chốt danh sách chính thức", "Gửi phường (kèm biên bản mẫu 05)"):
        click_step(page, step)
    expect(page.get_by_test_id("list-status")).to_have_text("Đã gửi phường")

    # The ward Front returns it with a reason.
    front = log_in_as(new_page(), "p22.mttq")
    front.goto(contest_url)
    front.get_by_label("Lý do trả lại").fill("Cần giới thiệu thêm người ứng cử nữ")
    click_step(front, "Trả lại, nêu lý do")
    expect(front.get_by_test_id("list-status")).to_have_text("Bị trả lại")

    # The ward corrects and resubmits.
    page.goto(contest_url)
    expect(page.get_by_test_id("version").first).to_contain_text("Cần giới thiệu thêm người ứng cử nữ")
    click_step(page, "Sửa danh sách")
    page.fill("#id_full_name", "Trần Thị Bình")
    page.select_option("#id_gender", label="Nữ")
    page.fill("#id_birth_date", "12/09/1975")
    page.get_by_role("button", name="Thêm", exact=True).click()
    for step in ("Ghi nhận ý kiến Chi bộ", "Chốt danh sách chính thức", "Gửi phường (kèm biên bản mẫu 05)"):
        click_step(page, step)

    # The ward Front approves; the public page shows the list.
    front.goto(contest_url)
    click_step(front, "Duyệt danh sách")
    expect(front.get_by_test_id("list-status")).to_have_text("Đã duyệt")
    expect(front.get_by_test_id("version").filter(has_text="Thêm: Trần Thị Bình")).to_have_count(1)

    public = new_page()
    public.goto(f"{live_server.url}/bau-cu/cong-khai/phuong/{hcm_map.p22.pk}/")
    kp1 = public.get_by_test_id("public-khu-pho").filter(has_text="Khu phố 1")
    expect(kp1).to_contain_text("Nguyễn Văn An")
    expect(kp1).to_contain_text("Trần Thị Bình")
    expect(kp1).to_contain_text("27/10/2024")

    page.goto(election_url)
    expect(page.locator(".badge", has_text="Đã duyệt danh sách")).to_be_visible()
