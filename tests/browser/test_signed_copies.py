"""Issue 16 item 10, end to end in the browser: after Khu phố 1's meeting the election team
uploads a phone photo of the signed form 03; the ward official checks it and marks it received;
the election page then shows the paper no longer missing."""

from __future__ import annotations

import hashlib

from playwright.sync_api import expect

from elections.models import SignedCopy
from tests.elections.test_signed_copies import form_03, photo  # noqa: F401  (form_03 is a fixture)


def test_the_team_uploads_form_03_and_the_ward_receives_it(page, new_page, live_server, form_03, log_in_as):  # noqa: F811
    election = form_03.source.election
    election_url = f"{live_server.url}/bau-cu/{election.pk}/"

    log_in_as(page, "p22.kp1.tobaucu")
    page.goto(election_url)
    papers = page.get_by_test_id("signed-copies")
    expect(papers).to_contain_text("Biên bản cuộc họp (mẫu 03) – Khu phố 1")
    expect(papers.get_by_test_id("signed-state")).to_have_text("Còn thiếu")
    page.get_by_test_id("signed-copies-link").click()

    page.get_by_label("Ảnh chụp hoặc bản quét có chữ ký").set_input_files(
        files=[{"name": "IMG_0307.jpg", "mimeType": "image/jpeg", "buffer": photo()}]
    )
    page.get_by_role("button", name="Tải lên").click()
    copy = SignedCopy.objects.get()
    expect(page.locator(".alert-success")).to_contain_text(f"SHA-256 {copy.sha256}")
    expect(page.get_by_test_id("signed-state")).to_have_text("Đã tải lên, chờ phường kiểm tra")
    expect(page.get_by_test_id("signed-sha256")).to_have_text(copy.sha256)
    # The team does not check its own upload.
    expect(page.get_by_role("button", name="Đã nhận bản có chữ ký")).to_have_count(0)
    with copy.file.open("rb") as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == copy.sha256
    assert (copy.width, copy.height) == (1333, 2000)

    ward = new_page()
    log_in_as(ward, "p22.ubnd")
    ward.goto(f"{live_server.url}/bau-cu/{election.pk}/ban-co-chu-ky/")
    # The ward sees the photo beside the issued paper's facts, and may download it.
    preview = ward.get_by_test_id("signed-preview")
    expect(preview).to_be_visible()
    # The thumbnail is lazy-loaded: the page's load event does not wait for it.
    ward.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=preview.element_handle())
    assert preview.evaluate("img => img.naturalWidth") == 1333
    with ward.expect_download() as download:
        ward.get_by_role("link", name="IMG_0307.jpg").click()
    assert hashlib.sha256(download.value.path().read_bytes()).hexdigest() == copy.sha256
    ward.get_by_role("button", name="Đã nhận bản có chữ ký").click()
    expect(ward.locator(".alert-success")).to_contain_text(
        "Đã nhận bản có chữ ký của “Biên bản cuộc họp (mẫu 03) – Khu phố 1”."
    )

    ward.goto(election_url)
    expect(ward.get_by_test_id("signed-copies").get_by_test_id("signed-state")).to_have_text(
        "Đã nhận bản có chữ ký"
    )
    expect(ward.get_by_test_id("signed-missing").first).to_contain_text("Còn thiếu 0 bản có chữ ký.")
    expect(ward.get_by_test_id("checklist")).to_contain_text("(còn thiếu 0/1)")
