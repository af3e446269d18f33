"""Issue 16, item 5, as a resident does it on a 390 × 844 phone: open the ward's public page,
type a khu phố's name without its diacritics, jump to it; the page never scrolls sideways."""

from playwright.sync_api import expect

from tests.factories import make_neighborhood


def test_a_resident_finds_their_khu_pho_on_a_phone(phone, live_server, ready_election, hcm_map):
    for n in range(4, 13):
        make_neighborhood(hcm_map.p22, n)
    page = phone
    page.goto(f"{live_server.url}/bau-cu/cong-khai/phuong/{hcm_map.p22.pk}/")
    search = page.get_by_label("Tìm theo tên khu phố")
    expect(search).to_be_visible()
    search.fill("khu pho 12")
    index = page.get_by_test_id("public-khu-pho-index")
    expect(index.get_by_role("link")).to_have_count(1)
    expect(index.get_by_role("link", name="Khu phố 12")).to_be_visible()
    search.fill("khu pho 1")
    search.press("Enter")
    expect(page).to_have_url(
        f"{live_server.url}/bau-cu/cong-khai/phuong/{hcm_map.p22.pk}/#kp-{hcm_map.kp1.pk}"
    )
    section = page.locator(f"#kp-{hcm_map.kp1.pk}")
    expect(section).to_be_in_viewport()
    expect(section).to_contain_text("Nguyễn Văn head")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    search.fill("xyz")
    expect(page.get_by_text("Không có khu phố nào có tên này.")).to_be_visible()
