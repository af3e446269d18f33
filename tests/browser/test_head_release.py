"""The meeting that decides whether to let Khu phố 1's head go (NĐ 59/2023, Art. 9), as its
election team and the ward live it: check-in, the procedure, the count typed twice, the outcome
shown; then the ward recognises the release and the khu phố is left without a head."""

import datetime as dt
import re

from playwright.sync_api import expect

from elections.models import ReleaseWayIn
from tests.browser.test_count import check_in, enter_tally, field, show_section, vote
from tests.elections.release_helpers import convene, record_request


def hold_meeting(page, new_page, live_server, election, log_in_as, agree: int):
    """The team opens the meeting, checks 8 of the 10 households in, runs the procedure, and two
    people type the count: ``agree`` households agree to let the head go."""
    households = list(election.neighborhood.households.order_by("code"))
    log_in_as(page, "p22.kp1.tobaucu")
    page.goto(f"{live_server.url}/bau-cu/{election.pk}/hop/")
    expect(page.get_by_test_id("meeting-purpose")).to_contain_text("cho thôi làm Trưởng khu phố")
    page.get_by_role("button", name="Khai mạc cuộc họp").click()
    for household in households[:8]:
        check_in(page, household)
    expect(page.get_by_test_id("present")).to_have_text("8/10")

    vote(page, "secretary", {"Họ tên thư ký cuộc họp": "Trần Thị Thư", "Số hộ tán thành": "8"})
    page.get_by_role("button", name="Đã giới thiệu danh sách chính thức").click()
    show_section(page, "Trình tự")
    form = page.locator("form[action$='/thu-tuc/method/']")
    form.locator("xpath=ancestor::details").locator("summary").click()
    form.get_by_label(field("Hình thức bầu")).select_option(label="Bỏ phiếu kín")
    form.get_by_label(field("Số hộ tán thành")).fill("8")
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
            "Số hộ tán thành": "8",
        },
    )
    figures = {
        "Phiếu phát ra": 8,
        "Phiếu thu vào": 8,
        "Phiếu hợp lệ": 8,
        "Phiếu không hợp lệ": 0,
        "Phiếu đồng ý: Nguyễn Văn head": agree,
    }
    page.get_by_test_id("count").get_by_role("link", name="Trưởng khu phố").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Kết quả biểu quyết cho thôi làm Trưởng khu phố"
    )
    tally_url = page.url
    enter_tally(page, figures)
    secretary = log_in_as(new_page(), "p22.kp1.thuky")
    secretary.goto(tally_url)
    enter_tally(secretary, figures)
    return secretary


def test_the_team_holds_the_dismissal_meeting_and_the_ward_recognises_the_release(
    page, new_page, live_server, recognised_kp1, personas, hcm_map, log_in_as
):
    election = convene(personas, record_request(personas, hcm_map))
    # Two people type the count: 7 of the 10 households agree to let the head go.
    secretary = hold_meeting(page, new_page, live_server, election, log_in_as, agree=7)
    expect(secretary.get_by_test_id("result")).to_contain_text(
        "7/10 hộ = 70,0 % > 50 % — đồng ý cho thôi làm Trưởng khu phố"
    )

    # The ward reads the outcome on the election page and recognises the release.
    ward = log_in_as(new_page(), "p22.ubnd")
    ward.goto(f"{live_server.url}/bau-cu/{election.pk}/")
    expect(ward.get_by_test_id("release-outcome")).to_contain_text(
        "Cộng đồng dân cư đồng ý cho Nguyễn Văn head thôi làm Trưởng khu phố"
    )
    expect(ward.get_by_test_id("release-request")).to_contain_text("Đơn xin thôi của Trưởng khu phố")
    ward.locator("summary", has_text="Công nhận kết quả cho thôi làm Trưởng khu phố").click()
    recognise = ward.locator("form[action$='/quyet-dinh/release_recognise/']")
    recognise.get_by_label(field("Ngày nhận quyết định của cộng đồng dân cư (mẫu 03)")).fill("11/03/2025")
    recognise.get_by_label(field("Ngày ký quyết định công nhận")).fill("14/03/2025")
    recognise.get_by_role("button", name="Công nhận cho thôi").click()
    expect(ward.locator(".alert-success").first).to_contain_text(
        "Đã công nhận kết quả cho thôi làm Trưởng khu phố."
    )
    expect(ward.get_by_test_id("decisions")).to_contain_text(
        re.compile(r"Công nhận kết quả cho thôi làm Trưởng khu phố \(14/03/2025\)")
    )
    ward.goto(f"{live_server.url}/bau-cu/khu-pho/{hcm_map.kp1.pk}/truong-khu-pho/")
    expect(ward.get_by_test_id("serving-head")).to_have_text("Khu phố đang khuyết Trưởng khu phố.")
    expect(ward.get_by_test_id("tenure-history")).to_contain_text(
        f"{dt.date(2025, 3, 14):%d/%m/%Y}: Xin thôi"
    )
    for other in (page, secretary, ward):
        other.goto("about:blank")


def test_a_meeting_that_does_not_agree_leaves_the_decision_to_the_ward_after_the_fronts_agreement(
    page, new_page, live_server, recognised_kp1, personas, hcm_map, log_in_as
):
    request = record_request(
        personas, hcm_map, ReleaseWayIn.PETITION, petitioners=5, household_total=10, proposed_by="Đỗ Văn Dân"
    )
    election = convene(personas, request)
    secretary = hold_meeting(page, new_page, live_server, election, log_in_as, agree=5)
    expect(secretary.get_by_test_id("result")).to_contain_text(
        "5/10 hộ = 50,0 %, không quá 50 % tổng số hộ (cần 6) — không thống nhất được việc cho thôi"
    )
    ward = log_in_as(new_page(), "p22.ubnd")
    ward.goto(f"{live_server.url}/bau-cu/{election.pk}/")
    expect(ward.get_by_test_id("release-outcome")).to_contain_text(
        "Cuộc họp không thống nhất được việc cho thôi làm Trưởng khu phố"
    )
    expect(ward.locator("summary", has_text="Công nhận kết quả cho thôi")).to_have_count(0)
    ward.locator("summary", has_text="Phường quyết định sau khi thống nhất với Ủy ban MTTQ phường").click()
    decide = ward.locator("form[action$='/quyet-dinh/release_decide/']")
    decide.get_by_label(field("Ngày quyết định")).fill("20/03/2025")
    decide.get_by_label(field("Quyết định của phường")).select_option(label="Tiếp tục làm Trưởng khu phố")
    decide.get_by_label(field("Người đại diện Ủy ban MTTQ phường đã thống nhất")).fill("Đặng Văn Hải")
    decide.get_by_label(field("Ngày thống nhất với Ủy ban MTTQ phường")).fill("18/03/2025")
    decide.get_by_role("button", name="Ghi quyết định").click()
    expect(ward.locator(".alert-success").first).to_contain_text(
        "Đã ghi nhận quyết định của phường về việc cho thôi làm Trưởng khu phố."
    )
    expect(ward.get_by_test_id("release-status")).to_have_text("Tiếp tục làm Trưởng khu phố")
    ward.goto(f"{live_server.url}/bau-cu/khu-pho/{hcm_map.kp1.pk}/truong-khu-pho/")
    expect(ward.get_by_test_id("serving-head")).to_contain_text("Nguyễn Văn head")
    for other in (page, secretary, ward):
        other.goto("about:blank")
