"""Issue 16 item 10: the signed paper comes back. After Khu phố 1's meeting (recognised on
04/11/2024) the election team uploads a photo of the signed form 03, the ward official checks it
against the issued text and receives it (or refuses a wrong upload with its reason); the
election page, its checklist and the dashboards show what is still missing."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import ExifTags, Image

from elections import count_documents, documents, rules
from elections.models import Decision, DecisionKind, SignedCopy, SignedCopyReview
from elections.selectors import signed_copies as selectors
from elections.services import meeting as meeting_services
from elections.services import signed_copies as services
from elections.services.team import team_member_add
from reporting import progress
from tests.issuing import issue

FRONT_COMMITTEE_HEAD = "front_committee_head"


def photo(width=3000, height=2000, *, orientation=6, fmt="JPEG") -> bytes:
    """A phone's photo: lying on its side (EXIF orientation 6), with its maker and where it was taken."""
    image = Image.new("RGB", (width, height), "white")
    image.paste((0, 0, 0), (0, 0, width // 10, height // 10))  # a mark in the top-left corner
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[1], gps[2] = "N", (10.0, 47.0, 30.0)
    out = io.BytesIO()
    image.save(out, fmt, exif=exif.tobytes())
    return out.getvalue()


def upload(name: str, content: bytes, content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def form_03(recognised_kp1, signers, personas, django_capture_on_commit_callbacks):
    """Khu phố 1's form 03, issued (signed by the record, its Front committee head from the register)."""
    meeting = recognised_kp1.meetings.get()
    team_member_add(
        election=recognised_kp1,
        full_name="Trần Văn Bình",
        role="head",
        represents="front_committee",
        correction_reason="Bổ sung Tổ trưởng",
    )
    meeting_services.meeting_minutes_record(
        meeting=meeting,
        chair_name="Trần Văn Bình",
        discussion="",
        representatives=["Hoàng Văn Một", "Trịnh Thị Hai"],
    )
    meeting.refresh_from_db()
    return issue(
        count_documents.COMMUNITY_DECISION,
        meeting,
        django_capture_on_commit_callbacks,
        by=personas.p22_ubnd,
        signed_on=timezone.localdate(),
        slot_signers={FRONT_COMMITTEE_HEAD: signers.kp1_front_head},
    )


@pytest.fixture
def recognition(recognised_kp1, signers, personas, django_capture_on_commit_callbacks):
    """The ward's decision recognising the head, issued and signed by its chairman."""
    decision = Decision.objects.get(election=recognised_kp1, kind=DecisionKind.RECOGNISE_HEAD)
    return issue(
        count_documents.DECISION,
        decision,
        django_capture_on_commit_callbacks,
        by=personas.p22_ubnd,
        signed_on=dt.date(2024, 11, 4),
        signer=signers.chairman,
    )


def signed_page(client, election):
    return client.get(reverse("elections:signed_copies", args=[election.pk]))


def post_upload(client, document, file):
    return client.post(
        reverse("elections:signed_copy_upload", args=[document.pk]), {"file": file}, follow=True
    )


def test_the_kinds_named_by_the_selector_are_the_registered_papers():
    assert selectors.COUNTING_MINUTES == count_documents.COUNTING_MINUTES
    assert selectors.COMMUNITY_DECISION == count_documents.COMMUNITY_DECISION
    assert selectors.HOUSEHOLD_BALLOT_MINUTES == count_documents.HOUSEHOLD_BALLOT_MINUTES
    assert selectors.HOUSEHOLD_BALLOT_DECISION == count_documents.HOUSEHOLD_BALLOT_DECISION
    assert selectors.DECISION == count_documents.DECISION
    assert selectors.DECISION_TO_HOLD == documents.DECISION_TO_HOLD
    assert selectors.TEAM_DECISION == documents.TEAM_DECISION


def test_the_team_uploads_a_photo_of_form_03_stored_upright_small_and_without_its_metadata(
    form_03, recognised_kp1, login, personas
):
    client = login(personas.p22_kp1_tobaucu)
    page = client.get(reverse("elections:election_detail", args=[recognised_kp1.pk])).content.decode()
    assert "Biên bản cuộc họp (mẫu 03) – Khu phố 1" in page
    assert "Còn thiếu 1 bản có chữ ký." in page

    response = post_upload(client, form_03, upload("IMG_2024.jpg", photo()))

    copy = SignedCopy.objects.get()
    with copy.file.open("rb") as stored:
        data = stored.read()
    image = Image.open(io.BytesIO(data))
    # Turned upright (the photo lay on its side), then shrunk to 2000 px on its longer side.
    assert image.format == "JPEG"
    assert image.size == (1333, 2000) == (copy.width, copy.height)
    assert max(image.size) == rules.SIGNED_COPY_MAX_SIDE
    assert image.getpixel((1300, 20))[0] < 60  # the corner mark went round with the picture
    # Nothing of the phone's metadata is kept: no EXIF at all, so no place either.
    assert dict(image.getexif()) == {}
    assert "exif" not in image.info
    assert b"PhoneMaker" not in data
    # The SHA-256 recorded is that of the stored bytes, and the page shows it.
    assert copy.sha256 == hashlib.sha256(data).hexdigest()
    assert copy.size == len(data)
    assert (
        copy.version == 1 and copy.election == recognised_kp1 and copy.uploaded_by == personas.p22_kp1_tobaucu
    )
    body = response.content.decode()
    assert copy.sha256 in body
    assert "Đã tải lên, chờ phường kiểm tra" in body
    # Stored privately, under a name nobody can guess, and served only through the checked view.
    assert copy.file.name.startswith("signed/") and "IMG_2024" not in copy.file.name
    served = client.get(reverse("elections:signed_copy_file", args=[copy.pk]))
    assert served["Content-Type"] == "image/jpeg"
    assert served["Content-Disposition"].startswith("attachment")
    assert b"".join(served.streaming_content) == data


def test_a_png_keeps_its_format_and_a_small_photo_its_size(form_03, personas):
    copy = services.signed_copy_upload(
        by=personas.p22_ubnd,
        document=form_03,
        upload=upload("scan.png", photo(800, 600, orientation=1, fmt="PNG")),
    )
    with copy.file.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
    assert (image.format, image.size, copy.content_type) == ("PNG", (800, 600), "image/png")
    assert dict(image.getexif()) == {}


def test_a_scanned_pdf_is_stored_as_sent_with_its_sha256(form_03, personas):
    with form_03.file.open("rb") as issued:
        pdf = issued.read()
    copy = services.signed_copy_upload(
        by=personas.p22_ubnd, document=form_03, upload=upload("ban-quet.pdf", pdf, "application/pdf")
    )
    with copy.file.open("rb") as stored:
        assert stored.read() == pdf
    assert copy.sha256 == hashlib.sha256(pdf).hexdigest()
    assert (copy.content_type, copy.width) == ("application/pdf", None)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bien-ban.gif", b"GIF89a....", "Tệp “bien-ban.gif”: chỉ nhận ảnh JPG, PNG hoặc tệp PDF."),
        (
            "bien-ban.jpg",
            b"this is a text file, not a photo",
            "Tệp “bien-ban.jpg” không phải là ảnh đọc được (chỉ nhận ảnh JPG, PNG hoặc tệp PDF).",
        ),
        (
            "bien-ban.pdf",
            b"<html>not a pdf</html>",
            "Tệp “bien-ban.pdf” không phải là tệp PDF hợp lệ (hãy quét hoặc xuất lại tệp PDF).",
        ),
        # An empty file is refused by the form already, after the field's label.
        ("bien-ban.jpg", b"", "Ảnh chụp hoặc bản quét có chữ ký: "),
    ],
)
def test_a_bad_file_is_refused_with_a_clear_message_and_nothing_is_stored(
    form_03, login, personas, name, content, message
):
    client = login(personas.p22_kp1_tobaucu)
    response = post_upload(client, form_03, upload(name, content))
    assert message in response.content.decode()
    assert SignedCopy.objects.count() == 0


def test_a_file_over_the_limit_is_refused_naming_its_size(form_03, personas, monkeypatch):
    monkeypatch.setattr(rules, "SIGNED_COPY_MAX_MB", 1)
    big = upload("bien-ban.jpg", b"\xff\xd8" + b"0" * (1024 * 1024 + 200_000))
    with pytest.raises(ValidationError) as refused:
        services.signed_copy_upload(by=personas.p22_ubnd, document=form_03, upload=big)
    assert refused.value.messages == ["Tệp “bien-ban.jpg” nặng 1.2 MB, quá giới hạn 1 MB."]
    assert SignedCopy.objects.count() == 0


def test_a_png_in_another_format_and_a_picture_too_large_to_decode_are_refused(
    form_03, personas, monkeypatch
):
    gif = io.BytesIO()
    Image.new("RGB", (10, 10)).save(gif, "GIF")
    with pytest.raises(ValidationError) as refused:
        services.signed_copy_upload(
            by=personas.p22_ubnd, document=form_03, upload=upload("anh.png", gif.getvalue())
        )
    assert refused.value.messages == ["Ảnh “anh.png” có định dạng GIF: chỉ nhận ảnh JPG hoặc PNG."]
    monkeypatch.setattr(rules, "SIGNED_COPY_MAX_PIXELS", 1000)
    with pytest.raises(ValidationError) as refused:
        services.signed_copy_upload(
            by=personas.p22_ubnd, document=form_03, upload=upload("anh.jpg", photo(100, 20, orientation=1))
        )
    assert refused.value.messages == ["Ảnh “anh.jpg” quá lớn (100 × 20 điểm ảnh)."]


def test_a_wrong_upload_is_refused_with_a_reason_and_the_next_version_received(
    form_03, recognised_kp1, login, personas
):
    team = login(personas.p22_kp1_tobaucu)
    post_upload(team, form_03, upload("sai.jpg", photo(orientation=1)))
    first = SignedCopy.objects.get()

    ward = login(personas.p22_ubnd)
    refuse_url = reverse("elections:signed_copy_refuse", args=[first.pk])
    page = ward.post(refuse_url, {"reason": "  "}, follow=True).content.decode()
    assert SignedCopyReview.objects.count() == 0
    assert "Lý do không nhận" in page
    page = ward.post(
        refuse_url, {"reason": "Ảnh chụp mẫu 02, không phải mẫu 03"}, follow=True
    ).content.decode()
    assert "Đã không nhận bản tải lên" in page
    assert "Ảnh chụp mẫu 02, không phải mẫu 03" in page
    assert "Còn thiếu 1 bản có chữ ký." in page

    # The refused copy stays as it was; the team's new upload is the second version.
    team = login(personas.p22_kp1_tobaucu)
    post_upload(team, form_03, upload("dung.jpg", photo(orientation=1)))
    second = SignedCopy.objects.get(version=2)
    assert first.file.name != second.file.name

    ward = login(personas.p22_ubnd)
    # The first version was checked already; only the latest one is checked.
    with pytest.raises(ValidationError) as refused:
        services.signed_copy_receive(by=personas.p22_ubnd, copy=first)
    assert refused.value.messages == ["Lần tải lên 1 đã được kiểm tra."]
    page = ward.post(reverse("elections:signed_copy_receive", args=[second.pk]), follow=True).content.decode()
    assert "Đã nhận bản có chữ ký của “Biên bản cuộc họp (mẫu 03) – Khu phố 1”." in page
    assert "Còn thiếu 0 bản có chữ ký." in page
    review = second.review
    assert (review.verdict, review.reviewed_by) == ("received", personas.p22_ubnd)

    # Received: the paper takes no more uploads.
    with pytest.raises(ValidationError) as refused:
        services.signed_copy_upload(by=personas.p22_ubnd, document=form_03, upload=upload("x.jpg", photo()))
    day = f"{timezone.localtime(review.reviewed_at):%d/%m/%Y}"
    assert refused.value.messages == [
        "Phường đã nhận bản có chữ ký của “Biên bản cuộc họp (mẫu 03) – Khu phố 1” "
        f"(lần tải lên 2) ngày {day}."
    ]
    detail = ward.get(reverse("elections:election_detail", args=[recognised_kp1.pk])).content.decode()
    assert "Đã nhận bản có chữ ký" in detail


def test_an_older_version_is_not_checked_once_a_newer_one_came(form_03, personas):
    first = services.signed_copy_upload(
        by=personas.p22_ubnd, document=form_03, upload=upload("a.jpg", photo())
    )
    services.signed_copy_upload(by=personas.p22_ubnd, document=form_03, upload=upload("b.jpg", photo()))
    with pytest.raises(ValidationError) as refused:
        services.signed_copy_receive(by=personas.p22_ubnd, copy=first)
    assert refused.value.messages == ["Đã có bản tải lên mới hơn (lần 2): hãy kiểm tra bản mới nhất."]


def test_who_uploads_who_checks_and_who_reads(form_03, recognition, login, personas):
    team = login(personas.p22_kp1_tobaucu)
    # The team uploads its sitting's papers, not the ward's decisions.
    page = signed_page(team, recognition.source.election).content.decode()
    assert page.count('type="file"') == 1
    assert post_upload(team, recognition, upload("qd.jpg", photo())).status_code == 404
    post_upload(team, form_03, upload("bb.jpg", photo()))
    copy = SignedCopy.objects.get()
    # Only the ward official marks it received.
    assert team.post(reverse("elections:signed_copy_receive", args=[copy.pk])).status_code == 404
    front = login(personas.p22_mttq)
    assert front.post(reverse("elections:signed_copy_receive", args=[copy.pk])).status_code == 404
    assert post_upload(front, form_03, upload("bb.jpg", photo())).status_code == 404
    # Readers of the khu phố see the page and the file; another ward's official sees nothing.
    assert signed_page(front, copy.election).status_code == 200
    assert front.get(reverse("elections:signed_copy_file", args=[copy.pk])).status_code == 200
    other = login(personas.p25_ubnd)
    assert other.get(reverse("elections:signed_copy_file", args=[copy.pk])).status_code == 404
    assert signed_page(other, copy.election).status_code == 404
    # The ward's office uploads the ward's decision.
    ward = login(personas.p22_ubnd)
    post_upload(ward, recognition, upload("qd.pdf", b"%PDF-1.7\n1 0 obj\n%%EOF\n", "application/pdf"))
    assert SignedCopy.objects.filter(document=recognition).count() == 1
    assert SignedCopyReview.objects.count() == 0


def test_after_recognition_the_checklist_flags_the_missing_signed_copies(
    form_03, recognition, recognised_kp1, login, personas
):
    ward = login(personas.p22_ubnd)
    page = ward.get(reverse("elections:election_detail", args=[recognised_kp1.pk])).content.decode()
    assert "Nhận bản có chữ ký của biên bản, quyết định (còn thiếu 2/2)" in page
    papers = selectors.signed_papers(recognised_kp1)
    line = selectors.signed_copies_line(recognised_kp1, papers)
    assert (line.status, line.due, line.done_on) == (rules.LATE, recognised_kp1.recognised_on, None)
    for paper in (form_03, recognition):
        copy = services.signed_copy_upload(
            by=personas.p22_ubnd, document=paper, upload=upload("a.jpg", photo())
        )
        services.signed_copy_receive(by=personas.p22_ubnd, copy=copy)
    line = selectors.signed_copies_line(recognised_kp1, selectors.signed_papers(recognised_kp1))
    assert (line.status, line.done_on) == (rules.DONE, timezone.localdate())
    page = ward.get(reverse("elections:election_detail", args=[recognised_kp1.pk])).content.decode()
    assert "Nhận bản có chữ ký của biên bản, quyết định (còn thiếu 0/2)" in page


def test_the_dashboards_count_the_missing_signed_copies(form_03, recognition, hcm_map, login, personas):
    today = timezone.localdate()
    figures = progress.progress(hcm_map.p22, today)
    rows = {row.name: row.signed_missing for row in figures.rows}
    assert rows["Khu phố 1"] == 2 and figures.total.signed_missing == 2
    assert progress.progress(hcm_map.binh_thanh, today).total.signed_missing == 2
    assert (
        progress.progress(hcm_map.p25, today).total.signed_missing == 0 if hasattr(hcm_map, "p25") else True
    )

    copy = services.signed_copy_upload(
        by=personas.p22_ubnd, document=form_03, upload=upload("a.jpg", photo())
    )
    # Uploaded is not yet received: still missing.
    assert progress.progress(hcm_map.p22, today).total.signed_missing == 2
    services.signed_copy_receive(by=personas.p22_ubnd, copy=copy)
    figures = progress.progress(hcm_map.p22, today)
    assert figures.total.signed_missing == 1
    assert figures.as_dict()["total"]["signed_copies_missing"] == 1

    page = login(personas.binhthanh_noivu).get(reverse("reporting:dashboard", args=[hcm_map.binh_thanh.pk]))
    assert "Bản có chữ ký còn thiếu" in page.content.decode()


def test_a_paper_replaced_by_a_correction_needs_no_signed_copy_its_replacement_does(form_03, recognised_kp1):
    from reporting.models import StoredDocument

    assert [p.document for p in selectors.signed_papers(recognised_kp1)] == [form_03]
    # A correction's paper (made directly here: the list follows the "replaces" link).
    replacement = StoredDocument.objects.create(
        kind=form_03.kind,
        title=form_03.title,
        template_name=form_03.template_name,
        source_type=form_03.source_type,
        source_id=form_03.source_id,
        division=form_03.division,
        source_fingerprint="0" * 64,
        state="issued",
        status="ready",
        replaces=form_03,
        issued_at=timezone.now(),
    )
    assert [p.document for p in selectors.signed_papers(recognised_kp1)] == [replacement]
    with pytest.raises(ValidationError) as refused:
        services.signed_copy_upload(by=None, document=form_03, upload=upload("a.jpg", photo()))
    assert refused.value.messages == [
        "“Biên bản cuộc họp (mẫu 03) – Khu phố 1” không phải là văn bản đang có hiệu lực cần bản có chữ ký."
    ]


def test_an_empty_file_is_refused_by_the_service_too(form_03, personas):
    with pytest.raises(ValidationError) as refused:
        services.signed_copy_upload(by=personas.p22_ubnd, document=form_03, upload=upload("x.jpg", b""))
    assert refused.value.messages == ["Tệp “x.jpg” trống."]


def test_an_issued_paper_keeps_the_plan_of_its_record(form_03, recognition, recognised_kp1):
    """The dashboards count one campaign's papers through it (tests/reporting/test_campaigns.py)."""
    for paper in (form_03, form_03.draft, recognition, recognition.draft):
        assert paper.plan == recognised_kp1.plan


def test_the_papers_stored_before_keep_their_plan_once_migrated(form_03, recognition, recognised_kp1):
    from django.apps import apps as django_apps

    from reporting.models import StoredDocument

    migration = importlib.import_module("reporting.migrations.0010_papers_keep_their_plan")
    StoredDocument.objects.update(plan=None)
    migration.keep_their_plan(django_apps, None)
    assert set(StoredDocument.objects.values_list("plan", flat=True)) == {recognised_kp1.plan_id}
