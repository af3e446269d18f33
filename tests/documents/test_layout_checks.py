"""The measuring itself, proven on a specimen decision: the layout checks pass on it as
printed, and each one catches the regression it is there for. And the golden text's
normalisation masks the verification code, and nothing else."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string

from reporting.fetcher import FONT_DIR
from reporting.services import html_to_pdf
from tests.documents import layout
from tests.documents.golden import normalise

SPECIMEN = {
    "issuer_parent": "Ủy ban nhân dân Quận Mẫu",
    "issuer": "Ủy ban nhân dân\nPhường Mẫu",
    "number": "05/QĐ-UBND",
    "place_date": "Phường Mẫu, ngày 07 tháng 10 năm 2024",
    "doc_type": "Quyết định",
    "subject": "Về việc tổ chức bầu cử Trưởng khu phố\nnhiệm kỳ 2024 - 2029",
    "ward_name": "Phường Mẫu",
    "plan_number": "192/KHLT-UBND-UBMTTQ",
    "plan_date": "ngày 03 tháng 10 năm 2024",
    "term": "2024 - 2029",
    "neighborhood_count": 4,
    "households": 40,
    "deadline": "30/11/2024",
    "recipients": ["Như Điều 3", "Lưu: VT"],
    "authority": ["TM. Ủy ban nhân dân"],
    "signer_title": "Chủ tịch",
    "signer_name": "",
}


def specimen(extra_css: str = "") -> layout.FirstPage:
    """The specimen decision through the ND30 base template, with some CSS spoiling it."""
    html = render_to_string("documents/specimen.html", {**SPECIMEN, "font_dir": FONT_DIR.as_uri()})
    spoiled = str(html).replace("</head>", f"<style>{extra_css}</style></head>")
    return layout.first_page(html_to_pdf(spoiled))


def problems(page: layout.FirstPage) -> str:
    return "; ".join(layout.check_first_page(page, expects_subject_rule=True).problems)


def test_the_specimen_as_printed_keeps_the_layout():
    assert problems(specimen()) == ""


@pytest.mark.parametrize(
    ("spoiled", "caught"),
    [
        (".ruled { padding-right: 12mm; }", "the motto's rule is not as long as the motto"),
        (".subject-rule { width: 70%; }", "the subject's rule is not 1/4 to 1/2 of the text width"),
        (".subject-rule { margin-left: 20mm; }", "the subject's rule is not centred"),
        (".issuer-rule { width: 15%; }", "the issuer's rule is not 1/3 to 1/2 of its line"),
        (".content { margin-right: -12mm; }", "text beyond the right margin"),
        ("body { margin-left: -8mm; }", "left margin under 30 mm"),
        ("body { margin-top: -8mm; }", "top margin under 20 mm"),
    ],
)
def test_each_check_catches_its_regression(spoiled, caught):
    assert caught in problems(specimen(spoiled))


def test_the_text_is_tidied_and_nothing_in_it_is_masked():
    text = "Số: 05/QĐ-UBND  \n\n\n\nMã xác minh: 7K2QD-9XH4M\nMã hộ ABCDE-12345\n\n"
    assert normalise(text) == "Số: 05/QĐ-UBND\n\nMã xác minh: 7K2QD-9XH4M\nMã hộ ABCDE-12345\n"
    decomposed = "Phu\u031bo\u031b\u0300ng"  # "Phường" with combining marks
    assert normalise(decomposed) == "Phường\n"
