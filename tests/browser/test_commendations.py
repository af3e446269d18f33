"""Issue 15, commendations, as the ward official does it: a list of Khu phố 1's election team
and one of its members, proposed to the chairman, decided, and the decision issued once
signed; the district reads it in its roll-up."""

from playwright.sync_api import expect

from reporting.models import DocumentState, StoredDocument


def test_the_ward_official_proposes_and_decides_a_commendation_and_issues_the_decision(
    page, new_page, live_server, plans, signers, log_in_as
):
    log_in_as(page, "p22.ubnd")
    page.goto(f"{live_server.url}/bau-cu/ke-hoach/{plans['ward'].pk}/")
    page.get_by_test_id("commendations-link").click()
    expect(page.locator("h1")).to_contain_text("Khen thưởng sau bầu cử – Phường 22")
    page.get_by_label("Hình thức khen thưởng").select_option("ward_certificate")
    page.get_by_role("button", name="Lập danh sách").click()
    expect(page.locator("h1")).to_contain_text("Giấy khen của Chủ tịch Ủy ban nhân dân phường")

    form = page.get_by_test_id("commendee-add")
    form.get_by_label("Tập thể / cá nhân").select_option("collective")
    form.get_by_label("Tên tập thể / họ và tên").fill("Tổ bầu cử Khu phố 1")
    form.get_by_label("Thành tích").fill("Tổ chức cuộc họp bầu cử đúng luật")
    form.get_by_role("button", name="Thêm vào danh sách").click()
    form = page.get_by_test_id("commendee-add")
    form.get_by_label("Tập thể / cá nhân").select_option("individual")
    form.get_by_label("Tên tập thể / họ và tên").fill("Huỳnh Văn Phúc")
    form.get_by_label("Thành tích").fill("Điều hành cuộc họp chặt chẽ")
    form.get_by_role("button", name="Thêm vào danh sách").click()
    # The line is refused, naming it: an individual needs a position and a unit.
    expect(page.locator(".alert")).to_contain_text(
        "Dòng 2 (Huỳnh Văn Phúc): cá nhân phải ghi chức vụ và đơn vị"
    )
    form = page.get_by_test_id("commendee-add")
    form.get_by_label("Tập thể / cá nhân").select_option("individual")
    form.get_by_label("Tên tập thể / họ và tên").fill("Huỳnh Văn Phúc")
    form.get_by_label("Chức vụ (cá nhân)").fill("Tổ trưởng Tổ bầu cử")
    form.get_by_label("Đơn vị (cá nhân)").fill("Khu phố 1")
    form.get_by_label("Thành tích").fill("Điều hành cuộc họp chặt chẽ")
    form.get_by_role("button", name="Thêm vào danh sách").click()
    expect(page.get_by_test_id("commendees")).to_contain_text("Huỳnh Văn Phúc")

    propose = page.get_by_test_id("commendation-propose")
    propose.get_by_label("Ngày tờ trình đề nghị").fill("20/11/2024")
    propose.get_by_role("button", name="Trình đề nghị").click()
    expect(page.get_by_test_id("commendation-status")).to_contain_text("Đã đề nghị")
    expect(page.get_by_test_id("commendee-add")).to_have_count(0)

    decide = page.get_by_test_id("commendation-decide")
    decide.get_by_label("Ngày quyết định").fill("25/11/2024")
    decide.get_by_role("button", name="Ghi quyết định").click()
    expect(page.get_by_test_id("commendation-status")).to_contain_text("Đã quyết định")
    document = page.get_by_test_id("commendation-document")
    expect(document).to_contain_text("Dự thảo")
    document.get_by_role("link", name="Ban hành").click()

    page.get_by_label("Người ký").select_option(label=str(signers.chairman))
    page.get_by_label("Ngày ký").fill("25/11/2024")
    page.get_by_role("button", name="Ban hành").click()
    issued = StoredDocument.objects.get(kind="commendation_decision", state=DocumentState.ISSUED)
    expect(page.locator("dl")).to_contain_text(issued.number)
    assert issued.number == "01/QĐ-UBND"

    # The district's home-affairs office reads it in its roll-up, from its dashboard.
    district = log_in_as(new_page(), "binhthanh.noivu")
    district.goto(f"{live_server.url}/tai-lieu/tien-do/{plans['ward'].division.parent_id}/")
    district.get_by_test_id("commendation-rollup-link").click()
    counts = district.get_by_test_id("commendation-counts")
    ward_row = "Giấy khen của Chủ tịch Ủy ban nhân dân phường 1 1"
    expect(counts.get_by_role("row", name=ward_row)).to_be_visible()
    expect(counts.get_by_role("row", name="Tổng cộng 1 1")).to_be_visible()
    expect(district.get_by_test_id("commendation-lines")).to_contain_text("QĐ số 01/QĐ-UBND ngày 25/11/2024")
