"""Issue 13's main paths, as the people who use them: the ward official drafts the decision to
hold the election, issues it when the chairman has signed, and anyone holding the printed
paper checks it on the public verification page."""

from playwright.sync_api import expect

from reporting.models import DocumentState, StoredDocument


def test_the_ward_issues_a_paper_and_a_citizen_checks_the_downloaded_pdf(
    browser, page, live_server, prepared, signers, log_in_as, tmp_path
):
    log_in_as(page, "p22.ubnd")
    page.goto(f"{live_server.url}/bau-cu/{prepared.pk}/")
    row = page.locator("li", has_text="Quyết định tổ chức bầu cử").first
    row.get_by_role("button", name="Tạo văn bản").click()
    row = page.locator("li", has_text="Quyết định tổ chức bầu cử").first
    expect(row).to_contain_text("Dự thảo")
    row.get_by_role("link", name="Ban hành").click()

    expect(page.locator("h1")).to_contain_text("Quyết định tổ chức bầu cử – Khu phố 1")
    page.get_by_label("Người ký").select_option(label=str(signers.chairman))
    page.get_by_label("Ngày ký").fill("08/10/2024")
    page.get_by_role("button", name="Ban hành").click()

    issued = StoredDocument.objects.get(state=DocumentState.ISSUED)
    expect(page.locator(".alert-success")).to_contain_text(f"Mã xác minh: {issued.verification_code}")
    expect(page.locator("dl")).to_contain_text("01/QĐ-UBND")
    expect(page.locator("dl")).to_contain_text("08/10/2024")
    # The PDF opens in the browser's viewer: its bytes are what the official saves and prints.
    href = page.get_by_role("link", name="Tải về").get_attribute("href")
    pdf = tmp_path / "quyet-dinh.pdf"
    pdf.write_bytes(page.request.get(f"{live_server.url}{href}").body())

    # A citizen, not logged in, opens the address printed under the QR code and uploads the file.
    visitor = browser.new_context(locale="vi-VN").new_page()
    visitor.goto(f"{live_server.url}/xac-minh/{issued.verification_code}/")
    expect(visitor.locator("dl")).to_contain_text("Phạm Minh Đức")
    expect(visitor.locator("dl")).to_contain_text("01/QĐ-UBND")
    visitor.set_input_files("input[type=file]", str(pdf))
    visitor.get_by_role("button", name="Đối chiếu", exact=True).click()
    expect(visitor.get_by_role("status").last).to_contain_text("Khớp với văn bản đã ban hành")
    visitor.context.close()
