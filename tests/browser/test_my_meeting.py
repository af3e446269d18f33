"""Issue 18 on a 390 × 844 phone: a resident types the household code printed on the invitation
and reads their khu phố's meeting; the team ticks off the doors it reached, the count falling
without a reload."""

import pytest
from playwright.sync_api import expect

from tests.factories import HouseholdFactory

DOORS = [
    ("P22-KP01-0001", "Trần Văn An", "12/5 Lê Lợi"),
    ("P22-KP01-0002", "Nguyễn Thị Bích", "7 Bạch Đằng"),
    ("P22-KP01-0003", "Lê Văn Cường", "100 Lê Lợi"),
]


@pytest.fixture
def doors(prepared):
    return [
        HouseholdFactory(neighborhood=prepared.neighborhood, code=code, head_name=name, address=address)
        for code, name, address in DOORS
    ]


def test_a_resident_finds_their_meeting_by_the_code_on_the_invitation(phone, live_server, doors, hcm_map):
    phone.goto(f"{live_server.url}/bau-cu/cong-khai/phuong/{hcm_map.p22.pk}/")
    phone.get_by_label("Mã hộ (in trên giấy mời) hoặc số nhà và tên đường").fill("p22-kp01-0002")
    phone.get_by_role("button", name="Tìm cuộc họp").click()
    answer = phone.get_by_test_id("my-meeting")
    expect(answer).to_have_count(1)
    expect(answer.get_by_test_id("my-meeting-date")).to_have_text("27/10/2024")
    expect(answer).to_contain_text("Nhà văn hóa khu phố 1")
    expect(answer.get_by_test_id("my-meeting-candidate")).to_contain_text(
        "Nguyên Trưởng khu phố 1 nhiệm kỳ 2019 - 2024"
    )
    body = phone.locator("main").inner_text()
    for _code, name, address in DOORS:
        assert name not in body and address not in body
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    # The start of the address works too; an unknown code says so.
    search = phone.get_by_label("Mã hộ (in trên giấy mời) hoặc số nhà và tên đường")
    search.fill("7 bach dang")
    phone.get_by_role("button", name="Tìm cuộc họp").click()
    expect(phone.get_by_test_id("my-meeting-khu-pho")).to_contain_text("Khu phố 1")
    search = phone.get_by_label("Mã hộ (in trên giấy mời) hoặc số nhà và tên đường")
    search.fill("P22-KP01-9999")
    phone.get_by_role("button", name="Tìm cuộc họp").click()
    message = phone.get_by_test_id("my-meeting-message")
    expect(message).to_contain_text("Không tìm thấy mã hộ hoặc địa chỉ này")
    expect(phone.get_by_test_id("my-meeting")).to_have_count(0)


def test_the_team_ticks_off_the_doors_on_a_phone(phone, live_server, prepared, doors, log_in_as):
    log_in_as(phone, "p22.kp1.tobaucu")
    phone.goto(f"{live_server.url}/bau-cu/{prepared.pk}/giay-moi/")
    counts = phone.get_by_test_id("invitation-counts")
    expect(counts).to_contain_text("Đã đưa giấy mời: 0/3 hộ.")
    rows = phone.get_by_test_id("invitation-row")
    # Walked street by street: Bạch Đằng, then Lê Lợi by house number.
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("7 Bạch Đằng")
    expect(rows.nth(1)).to_contain_text("12/5 Lê Lợi")
    expect(rows.nth(2)).to_contain_text("100 Lê Lợi")
    phone.evaluate("window.notReloaded = true")
    rows.nth(1).get_by_role("button", name="Đã đưa giấy mời").click()
    expect(rows.nth(1).get_by_test_id("invitation-delivered")).to_be_visible()
    expect(counts).to_contain_text("Đã đưa giấy mời: 1/3 hộ.")
    expect(phone.get_by_test_id("invitation-missing")).to_have_text("Còn 2 hộ chưa nhận.")
    phone.get_by_test_id("invitation-not-reached").locator("summary").click()
    not_reached = phone.get_by_test_id("invitation-not-reached")
    expect(not_reached).to_contain_text("Nguyễn Thị Bích")
    expect(not_reached).not_to_contain_text("Trần Văn An")
    rows.nth(1).get_by_role("button", name="Bỏ đánh dấu").click()
    expect(counts).to_contain_text("Đã đưa giấy mời: 0/3 hộ.")
    assert phone.evaluate("window.notReloaded") is True
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
