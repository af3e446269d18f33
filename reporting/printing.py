"""What the renders of one worker share: WeasyPrint's font configuration and the parsed ND30
stylesheet.

Building a ``FontConfiguration`` (fontconfig scanning the system's fonts, the bundled Tinos
registered from its @font-face rules) and parsing ``nd30.css`` cost about as much as laying out
a one-page paper, so they are made once and reused by every render that follows. They are
kept per thread, which in a worker process (Celery prefork, gunicorn sync) means once per
process: WeasyPrint fills the font configuration's caches and Pango's font map while it lays a
document out, and neither may be used by two threads at once. A process forked from one that
already rendered builds its own (its parent's temporary font files go when the parent does).

A template asks for the ND30 stylesheet with ``ND30_STYLESHEET`` in its head instead of
including the CSS in a ``<style>``: the stylesheet is then given to WeasyPrint already parsed.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass

from django.template.loader import render_to_string
from weasyprint import CSS
from weasyprint.text.fonts import FontConfiguration

from reporting.fetcher import FONT_DIR, AppFilesFetcher

# The tag in a document's head that asks for the ND30 stylesheet (templates/documents/base_nd30.html).
ND30_STYLESHEET = '<meta name="print-stylesheet" content="nd30">'


@dataclass(frozen=True)
class PrintSetup:
    font_config: FontConfiguration
    nd30: CSS
    pid: int


_per_thread = threading.local()


def print_setup() -> PrintSetup:
    """This thread's font configuration and parsed ND30 stylesheet, built on first use."""
    setup: PrintSetup | None = getattr(_per_thread, "setup", None)
    if setup is None or setup.pid != os.getpid():
        setup = _per_thread.setup = _build()
    return setup


def _build() -> PrintSetup:
    font_config = FontConfiguration()
    css = render_to_string("documents/nd30.css", {"font_dir": FONT_DIR.as_uri()})
    # The @font-face rules register the fonts in font_config as the stylesheet is parsed.
    nd30 = CSS(string=css, base_url=str(FONT_DIR), url_fetcher=AppFilesFetcher(), font_config=font_config)
    return PrintSetup(font_config=font_config, nd30=nd30, pid=os.getpid())


def stylesheets_for(html: str) -> list[CSS]:
    """The parsed stylesheets a document's HTML asks for (the ballots bring their own CSS)."""
    return [print_setup().nd30] if ND30_STYLESHEET in html else []
