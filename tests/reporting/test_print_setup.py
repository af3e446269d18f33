"""A worker builds WeasyPrint's font configuration and parses the ND30 stylesheet once, then
reuses them for every paper it renders; the papers come out exactly as before."""

from __future__ import annotations

import threading

from reporting import printing, services
from tests.reporting.conftest import specimen_context


def _count_builds(monkeypatch) -> list[printing.PrintSetup]:
    built: list[printing.PrintSetup] = []
    build = printing._build

    def counted() -> printing.PrintSetup:
        built.append(build())
        return built[-1]

    monkeypatch.setattr(printing, "_build", counted)
    monkeypatch.setattr(printing, "_per_thread", threading.local())
    return built


def test_one_font_configuration_and_stylesheet_serve_every_render(hcm_map, monkeypatch):
    built = _count_builds(monkeypatch)
    first = services.render_pdf("documents/specimen.html", specimen_context(hcm_map.p22))
    for _ in range(3):
        again = services.render_pdf("documents/specimen.html", specimen_context(hcm_map.p22))
        assert again == first  # the reused set-up changes nothing in the paper, byte for byte
    services.render_pdf("documents/health.html", {})
    assert len(built) == 1


def test_a_paper_renders_the_same_with_a_fresh_set_up(hcm_map, monkeypatch):
    context = specimen_context(hcm_map.p22)
    _count_builds(monkeypatch)
    reused = [services.render_pdf("documents/specimen.html", context) for _ in range(2)][-1]
    monkeypatch.setattr(printing, "_per_thread", threading.local())
    assert services.render_pdf("documents/specimen.html", context) == reused


def test_each_thread_has_its_own(monkeypatch):
    """WeasyPrint writes into the font configuration while it lays a page out: never shared."""
    built = _count_builds(monkeypatch)
    seen = []
    threads = [threading.Thread(target=lambda: seen.append(printing.print_setup())) for _ in range(2)]
    for thread in threads:
        thread.start()
        thread.join()
    assert len(built) == 2 and seen[0] is not seen[1]


def test_a_forked_process_builds_its_own(monkeypatch):
    built = _count_builds(monkeypatch)
    parent = printing.print_setup()
    monkeypatch.setattr(printing.os, "getpid", lambda: parent.pid + 1)
    assert printing.print_setup() is not parent and len(built) == 2


def test_only_a_paper_that_asks_for_it_gets_the_nd30_stylesheet():
    nd30 = printing.print_setup().nd30
    assert printing.stylesheets_for(f"<head>{printing.ND30_STYLESHEET}</head>") == [nd30]
    # The ballots are A5 with their own CSS: the ND30 page (A4, its margins) must not reach them.
    assert printing.stylesheets_for("<head><style>@page { size: A5 }</style></head>") == []
