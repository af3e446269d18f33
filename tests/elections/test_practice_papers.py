"""A practice copy's papers: the watermark on every page, in the header, and no official number."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata

import pytest
from pypdf import PdfReader

from elections.count_documents import BALLOT_PAPERS, COUNTING_MINUTES
from elections.documents import DECISION_TO_HOLD
from elections.selectors.meeting import latest_community_meeting
from elections.services.practice import practice_election_create
from reporting.models import IssuedNumber, NumberCounter, StoredDocument
from tests.elections.test_practice import walk_to_recognition
from tests.factories import HouseholdFactory
from tests.issuing import draft, issue, text_of

WATERMARK = "THỰC HÀNH – KHÔNG CÓ GIÁ TRỊ PHÁP LÝ"


def page_texts(document: StoredDocument) -> list[str]:
    """Each page's text as a reader sees it, lines joined with single spaces."""
    with document.file.open("rb") as pdf:
        reader = PdfReader(io.BytesIO(pdf.read()))
    return [" ".join(unicodedata.normalize("NFC", page.extract_text()).split()) for page in reader.pages]


@pytest.fixture
def both(kp1_election, personas, hcm_map):
    """Khu phố 1's real election and its practice copy, each recognised after its own meeting."""
    HouseholdFactory.create_batch(10, neighborhood=hcm_map.kp1)
    practice = practice_election_create(by=personas.p22_ubnd, election=kp1_election).elections.get()
    return {
        "real": walk_to_recognition(kp1_election, personas, "Trần Văn Thật"),
        "practice": walk_to_recognition(practice, personas, "Phạm Văn Tập"),
    }


def test_practice_documents_carry_the_watermark_on_every_page(
    both, personas, signers, django_capture_on_commit_callbacks
):
    minutes = issue(
        COUNTING_MINUTES,
        latest_community_meeting(both["practice"]),
        django_capture_on_commit_callbacks,
        by=personas.p22_kp1_tobaucu,
        signed_on=dt.date(2024, 10, 27),
    )
    ballots = draft(BALLOT_PAPERS, both["practice"].contests.first(), django_capture_on_commit_callbacks)
    for paper in (minutes, ballots):
        pages = page_texts(paper)
        assert len(pages) >= 2, paper.kind  # a paper of several pages: the mark repeats on each
        for number, text in enumerate(pages, start=1):
            # Across the page and in its top margin (the slanted line is read back without some spaces).
            assert text.replace(" ", "").count(WATERMARK.replace(" ", "")) >= 2, (
                f"{paper.kind}, page {number}"
            )
        assert paper.practice


def test_real_documents_carry_no_watermark(both, personas, signers, django_capture_on_commit_callbacks):
    minutes = issue(
        COUNTING_MINUTES,
        latest_community_meeting(both["real"]),
        django_capture_on_commit_callbacks,
        by=personas.p22_kp1_tobaucu,
        signed_on=dt.date(2024, 10, 27),
    )
    ballots = draft(BALLOT_PAPERS, both["real"].contests.first(), django_capture_on_commit_callbacks)
    for paper in (minutes, ballots):
        assert "THỰC HÀNH" not in text_of(paper) and not paper.practice


def test_a_practice_paper_takes_no_number_and_the_next_real_number_is_unchanged(
    both, personas, signers, django_capture_on_commit_callbacks
):
    counters = list(NumberCounter.objects.values_list("issuer", "year", "last"))
    numbers = IssuedNumber.objects.count()

    practice = issue(
        DECISION_TO_HOLD,
        both["practice"],
        django_capture_on_commit_callbacks,
        by=personas.p22_ubnd,
        signed_on=dt.date(2024, 10, 8),
        signer=signers.chairman,
    )

    text = text_of(practice)
    assert "Số: TH-……/QĐ-UBND" in text and WATERMARK in text
    assert (practice.number, practice.number_sequence, practice.issuer_key) == ("", None, "")
    assert list(NumberCounter.objects.values_list("issuer", "year", "last")) == counters
    assert IssuedNumber.objects.count() == numbers

    real = issue(
        DECISION_TO_HOLD,
        both["real"],
        django_capture_on_commit_callbacks,
        by=personas.p22_ubnd,
        signed_on=dt.date(2024, 10, 8),
        signer=signers.chairman,
    )
    assert real.number == "01/QĐ-UBND" and "Số: 01/QĐ-UBND" in text_of(real)
    assert "THỰC HÀNH" not in text_of(real)
