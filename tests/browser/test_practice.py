"""The ward official makes a practice copy of the campaign for training the teams, finds the
practice mark on its election and meeting pages, and starts it over."""

import re

from playwright.sync_api import expect

from elections.models import Plan

BANNER = "THỰC HÀNH – KHÔNG CÓ GIÁ TRỊ PHÁP LÝ"


def test_the_ward_official_practises_and_starts_over(page, live_server, plans, log_in_as):
    log_in_as(page, "p22.ubnd")
    page.goto(f"{live_server.url}/bau-cu/ke-hoach/{plans['ward'].pk}/")
    expect(page.get_by_test_id("practice-banner")).to_have_count(0)

    page.get_by_role("button", name="Tạo bản thực hành").click()
    expect(page.locator(".alert-success")).to_contain_text(
        "Đã tạo bản thực hành 192/KHLT-UBND-UBMTTQ (thực hành)."
    )
    banner = page.get_by_role("alert").filter(has_text=BANNER)
    expect(banner).to_be_visible()
    copy = Plan.objects.get(practice=True)
    expect(page).to_have_url(re.compile(rf"/ke-hoach/{copy.pk}/$"))

    page.get_by_test_id("plan-elections").get_by_role("link", name="Khu phố 1").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Khu phố 1")
    expect(page.get_by_role("alert").filter(has_text=BANNER)).to_be_visible()

    practice_election = copy.elections.get(neighborhood__name="Khu phố 1")
    page.goto(f"{live_server.url}/bau-cu/{practice_election.pk}/hop/")
    expect(page.get_by_role("alert").filter(has_text=BANNER)).to_be_visible()

    page.goto(f"{live_server.url}/bau-cu/ke-hoach/{copy.pk}/")
    page.get_by_label("Tôi hiểu: mọi việc đã làm trong bản thực hành này sẽ được bỏ.").check()
    page.get_by_role("button", name="Làm lại từ đầu").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã làm lại bản thực hành từ đầu")
    expect(page.get_by_role("alert").filter(has_text=BANNER)).to_be_visible()
    fresh = Plan.objects.get(practice=True, retired_at__isnull=True)
    assert fresh.pk != copy.pk
    expect(page).to_have_url(re.compile(rf"/ke-hoach/{fresh.pk}/$"))
    expect(page.get_by_test_id("plan-elections")).to_contain_text("Chưa triển khai")

    # The real plan is unmarked and lists the fresh copy only.
    page.goto(f"{live_server.url}/bau-cu/ke-hoach/{plans['ward'].pk}/")
    expect(page.get_by_test_id("practice-banner")).to_have_count(0)
    expect(page.get_by_test_id("practice-copies").get_by_role("link")).to_have_count(1)
