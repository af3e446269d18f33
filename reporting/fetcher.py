"""What WeasyPrint may load while rendering a document: the app's own fonts and static files.

A document's template or a value that reaches it must never make the worker read
another file of the server (``file:///etc/passwd``) or call out to the network
(``http://…``): every other address is refused before anything is opened.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from weasyprint.urls import URLFetcher

# The fonts the documents embed (the bundled Tinos); the templates load them from here.
FONT_DIR = Path(__file__).resolve().parent / "fonts"


def allowed_roots() -> tuple[Path, ...]:
    roots = [FONT_DIR, *map(Path, settings.STATICFILES_DIRS), Path(settings.STATIC_ROOT)]
    return tuple(root.resolve() for root in roots)


def allowed_path(url: str) -> Path | None:
    """The file a ``file:`` URL names, if it lies under one of the allowed roots."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    # resolve() follows "..", and symbolic links, before the containment check.
    path = Path(url2pathname(unquote(parts.path))).resolve()
    if any(path.is_relative_to(root) for root in allowed_roots()) and path.is_file():
        return path
    return None


class AppFilesFetcher(URLFetcher):
    """Serves ``data:`` URLs (the QR codes) and files under the app's fonts and static dirs only."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False)

    def fetch(self, url, headers=None):
        scheme = urlsplit(url).scheme.lower()
        if scheme == "file":
            path = allowed_path(url)
            if path is None:
                raise ValueError(f"Refused: not one of the application's own files: {url}")
            url = path.as_uri()
        elif scheme != "data":
            raise ValueError(f"Refused: documents load nothing from the network: {url}")
        return super().fetch(url, headers)
