import hashlib
import unicodedata

import pytest
from django.urls import reverse

from reporting import services
from reporting.models import DocumentStatus, StoredDocument
from tests.reporting.conftest import specimen_context
from tests.reporting.pdf import pdf_text


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def test_specimen_pdf_reads_back_with_exact_vietnamese(hcm_map):
    pdf = services.render_pdf("documents/specimen.html", specimen_context(hcm_map.p22))
    text = pdf_text(pdf)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Nguyễn Thị Hường",
        "Số: 05/QĐ-UBND",
        "Phường 22, ngày 07 tháng 10 năm 2024",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Nơi nhận:",
        "Lưu: VT.",
        "310 (ba trăm mười)",
    ):
        assert nfc(expected) in text


def test_specimen_uses_the_vendored_font_only(hcm_map):
    import io

    from pypdf import PdfReader

    pdf = services.render_pdf("documents/specimen.html", specimen_context(hcm_map.p22))
    fonts = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("Tinos" in name for name in fonts), fonts
    # Regular body, bold headings, italic place-and-date, bold italic "Nơi nhận:".
    faces = {name.split("+")[-1] for name in fonts}
    assert faces == {"Tinos", "Tinos-Bold", "Tinos-Italic", "Tinos-Bold-Italic"}, faces


def test_specimen_is_one_a4_page(hcm_map):
    import io

    from pypdf import PdfReader

    pages = PdfReader(
        io.BytesIO(services.render_pdf("documents/specimen.html", specimen_context(hcm_map.p22)))
    ).pages
    assert len(pages) == 1
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)


def test_pdf_health_reports_ok_then_the_error_when_rendering_breaks(monkeypatch):
    services.pdf_health.cache_clear()
    assert services.pdf_health() == "ok"

    def broken(*args, **kwargs):
        raise OSError("no pango")

    monkeypatch.setattr(services, "render_pdf", broken)
    services.pdf_health.cache_clear()
    try:
        assert services.pdf_health() == "error: OSError"
    finally:
        services.pdf_health.cache_clear()


def test_vendored_font_covers_vietnamese():
    from fontTools.ttLib import TTFont

    vietnamese = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
    for style in ("Regular", "Bold", "Italic", "BoldItalic"):
        cmap = TTFont(services.FONT_DIR / f"Tinos-{style}.ttf").getBestCmap()
        missing = [c for c in vietnamese + vietnamese.lower() if ord(c) not in cmap]
        assert missing == [], (style, missing)


def test_a_document_is_rendered_after_commit_and_stored_with_its_hash(
    hcm_map, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        document = services.document_request(kind="specimen", source=hcm_map.p22)
    assert len(callbacks) == 1
    document.refresh_from_db()
    assert document.status == DocumentStatus.READY
    data = document.file.read()
    assert data.startswith(b"%PDF")
    assert document.sha256 == hashlib.sha256(data).hexdigest()


def test_unchanged_source_is_not_rendered_again(hcm_map, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.document_request(kind="specimen", source=hcm_map.p22)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second = services.document_request(kind="specimen", source=hcm_map.p22)
    assert second.pk == first.pk
    assert callbacks == []
    assert StoredDocument.objects.count() == 1


def test_changed_source_gives_a_new_document_and_keeps_the_old(hcm_map, django_capture_on_commit_callbacks):
    from tests.factories import make_neighborhood

    with django_capture_on_commit_callbacks(execute=True):
        first = services.document_request(kind="specimen", source=hcm_map.p22)
    make_neighborhood(hcm_map.p22, 4)  # the ward now has one more khu phố
    with django_capture_on_commit_callbacks(execute=True):
        second = services.document_request(kind="specimen", source=hcm_map.p22)
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.pk != first.pk
    assert first.is_ready and second.is_ready
    assert first.sha256 != second.sha256


def test_rendering_twice_by_id_is_idempotent(hcm_map, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = services.document_request(kind="specimen", source=hcm_map.p22)
    document.refresh_from_db()
    again = services.document_render(document.pk)
    assert again.sha256 == document.sha256
    assert again.file.name == document.file.name


def test_a_failed_render_is_marked_failed(hcm_map, django_capture_on_commit_callbacks, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(services, "render_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        document = services.document_request(kind="specimen", source=hcm_map.p22)
    document.refresh_from_db()
    assert document.status == DocumentStatus.FAILED
    assert "disk full" in document.error


@pytest.fixture
def ready_document(hcm_map, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = services.document_request(kind="specimen", source=hcm_map.p22)
    document.refresh_from_db()
    return document


def test_ward_official_downloads_the_ward_document(login, personas, ready_document):
    response = login(personas.p22_ubnd).get(reverse("reporting:document_download", args=[ready_document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert 'filename="quyet-dinh-to-chuc-bau-cu-phuong-22.pdf"' in response["Content-Disposition"]


def test_another_ward_cannot_download_it(login, personas, ready_document):
    response = login(personas.p25_ubnd).get(reverse("reporting:document_download", args=[ready_document.pk]))
    assert response.status_code == 404


def test_status_fragment_offers_the_download_when_ready(login, personas, ready_document):
    response = login(personas.p22_mttq).get(reverse("reporting:document_status", args=[ready_document.pk]))
    assert response.status_code == 200
    assert reverse("reporting:document_download", args=[ready_document.pk]) in response.content.decode()


def test_status_fragment_polls_while_the_document_is_pending(login, personas, hcm_map):
    document = services.document_request(kind="specimen", source=hcm_map.p22)  # no commit: stays pending
    response = login(personas.p22_ubnd).get(reverse("reporting:document_status", args=[document.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'hx-trigger="every 1s"' in html
    assert "Đang tạo văn bản" in html
    assert reverse("reporting:document_download", args=[document.pk]) not in html


def test_a_pending_document_cannot_be_downloaded_yet(login, personas, hcm_map):
    document = services.document_request(kind="specimen", source=hcm_map.p22)
    response = login(personas.p22_ubnd).get(reverse("reporting:document_download", args=[document.pk]))
    assert response.status_code == 404
