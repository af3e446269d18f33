"""WeasyPrint loads only the app's own fonts and static files: no other file, no network."""

import http.server
import threading

import pytest
from pypdf import PdfReader

from reporting import services
from reporting.fetcher import AppFilesFetcher

# A 1x1 PNG, to tell whether an <img> made it into the PDF.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8cf"
    "c0f01f0005000201a0f1d6a10000000049454e44ae426082"
)


def _images(pdf: bytes) -> int:
    import io

    return sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages)


def _html(src: str) -> str:
    return f'<html><body><p>Văn bản</p><img src="{src}" width="20" height="20"></body></html>'


@pytest.fixture
def web_server():
    """A server on this machine that counts the requests it gets."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the standard library's name
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(PNG)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()


def test_an_image_given_as_a_data_url_is_rendered():
    import base64

    assert (
        _images(services.html_to_pdf(_html("data:image/png;base64," + base64.b64encode(PNG).decode()))) == 1
    )


def test_a_document_cannot_call_out_to_the_network(web_server):
    url, hits = web_server
    pdf = services.html_to_pdf(
        _html(f"{url}/leak.png") + f'<link rel="stylesheet" href="{url}/x.css">'.replace("<html>", "")
    )
    assert hits == []
    assert _images(pdf) == 0


def test_a_document_cannot_read_a_file_outside_the_app(tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(PNG)
    assert _images(services.html_to_pdf(_html(secret.as_uri()))) == 0
    # Nor by climbing out of the fonts folder, which is the documents' base URL.
    climb = services.FONT_DIR.as_uri() + "/../../../../../../../.." + str(secret)
    assert _images(services.html_to_pdf(_html(climb))) == 0


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.com/",
        "https://example.com/x.css",
        "ftp://example.com/x",
        "file://evil.example/etc/passwd",
    ],
)
def test_the_fetcher_refuses_anything_but_the_apps_files(url):
    with pytest.raises(ValueError, match="Refused"):
        AppFilesFetcher()(url)


def test_the_fetcher_serves_the_vendored_fonts():
    response = AppFilesFetcher()((services.FONT_DIR / "Tinos-Regular.ttf").as_uri())
    try:
        assert response.read(4) in (b"\x00\x01\x00\x00", b"true")
    finally:
        response.close()
