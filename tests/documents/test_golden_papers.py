"""Every paper of the golden scenario, proven right: its text read back equals the golden
text kept in the repository, every page is A4 (A5 for a ballot), and its first page keeps the ND30 layout
(margins, nothing beyond the right margin, the rules of the motto, the issuer and the
subject). The first page of each is saved to var/golden-png/<name>.png for a reviewer."""

from __future__ import annotations

from pathlib import Path

import pytest

from elections import board_documents, board_term_documents, count_documents, documents
from elections.models import DecisionKind
from tests.documents import layout
from tests.documents.golden import assert_matches_golden
from tests.documents.scenario import PAPERS

# One module-scoped scenario: xdist keeps the module on one worker (--dist loadgroup); the
# tests read kept bytes, the db mark only lets pytest-django set the test database up.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("golden")]

PNG_DIR = Path(__file__).resolve().parents[2] / "var" / "golden-png"
SIZE_SLACK = 1.0
# The printed forms (ballots) are A5 with their own margins; every other paper is ND30 on A4.
SPECS = {"ballot_papers": layout.BALLOT, "household_ballot_paper": layout.HOUSEHOLD_BALLOT}


def test_the_scenario_prints_every_kind_of_paper(papers):
    assert list(papers) == PAPERS
    printed = {paper.kind for paper in papers.values()}
    registered = {
        kind.key
        for module in (documents, count_documents, board_documents, board_term_documents)
        for kind in module.KINDS
    }
    assert printed == registered, "every registered kind of paper has a golden paper"
    assert {f"decision_{kind.value}" for kind in DecisionKind} <= set(papers)
    assert {"counting_minutes_secret_ballot", "counting_minutes_show_of_hands"} <= set(papers)


@pytest.mark.parametrize("name", PAPERS)
def test_the_text_read_back_is_the_golden_text(papers, name):
    assert_matches_golden(name, papers[name].pdf)


@pytest.mark.parametrize("name", PAPERS)
def test_every_page_is_on_its_sheet(papers, name):
    sheet = SPECS.get(name, layout.ND30).size
    sizes = layout.page_sizes(papers[name].pdf)
    wrong = [
        f"page {n}: {w:.1f} × {h:.1f} mm"
        for n, (w, h) in enumerate(sizes, start=1)
        if abs(w - sheet[0]) > SIZE_SLACK or abs(h - sheet[1]) > SIZE_SLACK
    ]
    assert not wrong, f"{name} is not on {sheet[0]:.0f} × {sheet[1]:.0f} mm: " + "; ".join(wrong)


@pytest.mark.parametrize("name", PAPERS)
def test_the_first_page_keeps_the_nd30_layout(papers, name):
    paper = papers[name]
    page = layout.first_page(paper.pdf)
    layout.save_png(page, PNG_DIR / f"{name}.png")
    # A công văn's subject ("V/v ...") sits under its number, without a rule (ND30 App. I).
    expects_subject_rule = bool(paper.context.get("subject")) and not paper.context.get("letter")
    report = layout.check_first_page(
        page, expects_subject_rule=expects_subject_rule, spec=SPECS.get(name, layout.ND30)
    )
    print(f"{name}: " + "; ".join(report.figures))
    assert not report.problems, f"{name}: " + "; ".join(report.problems)
