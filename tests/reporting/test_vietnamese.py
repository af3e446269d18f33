import datetime
from decimal import Decimal

import pytest

from elections.rules import format_percent
from reporting.vietnamese import (
    BLANK,
    clauses,
    document_number,
    figures_and_words,
    file_name,
    honorific,
    keep_last_words_together,
    long_date,
    number_to_words,
    or_blank,
    percent_text,
    place_and_date,
    sentence,
)

CASES = {
    0: "không",
    5: "năm",
    10: "mười",
    11: "mười một",
    14: "mười bốn",
    15: "mười lăm",
    20: "hai mươi",
    21: "hai mươi mốt",
    24: "hai mươi bốn",
    25: "hai mươi lăm",
    55: "năm mươi lăm",
    100: "một trăm",
    101: "một trăm lẻ một",
    105: "một trăm lẻ năm",
    110: "một trăm mười",
    111: "một trăm mười một",
    115: "một trăm mười lăm",
    121: "một trăm hai mươi mốt",
    156: "một trăm năm mươi sáu",
    310: "ba trăm mười",
    999: "chín trăm chín mươi chín",
    1000: "một nghìn",
    1001: "một nghìn không trăm lẻ một",
    1005: "một nghìn không trăm lẻ năm",
    1010: "một nghìn không trăm mười",
    1020: "một nghìn không trăm hai mươi",
    10000: "mười nghìn",
    10005: "mười nghìn không trăm lẻ năm",
    21500: "hai mươi mốt nghìn năm trăm",
    100000: "một trăm nghìn",
    100005: "một trăm nghìn không trăm lẻ năm",
    999999: "chín trăm chín mươi chín nghìn chín trăm chín mươi chín",
    1000000: "một triệu",
    1000021: "một triệu không trăm hai mươi mốt",
    2001000: "hai triệu không trăm lẻ một nghìn",
}


@pytest.mark.parametrize(("number", "words"), CASES.items())
def test_number_in_words(number, words):
    assert number_to_words(number) == words


def test_counts_in_minutes_are_written_in_figures_and_words():
    assert figures_and_words(156) == "156 (một trăm năm mươi sáu)"


def test_long_date_has_leading_zeros_as_nd30_writes():
    assert long_date(datetime.date(2024, 10, 7)) == "ngày 07 tháng 10 năm 2024"
    assert long_date(datetime.date(2025, 2, 1)) == "ngày 01 tháng 02 năm 2025"
    assert long_date(datetime.date(2025, 1, 15)) == "ngày 15 tháng 01 năm 2025"


def test_long_date_writes_months_from_march_without_a_leading_zero():
    """ND30: only the months 1 and 2 take a zero ("tháng 3", never "tháng 03")."""
    assert long_date(datetime.date(2025, 3, 3)) == "ngày 03 tháng 3 năm 2025"
    assert long_date(datetime.date(2024, 9, 28)) == "ngày 28 tháng 9 năm 2024"


def test_place_and_date_line():
    assert place_and_date("Phường 22", datetime.date(2024, 10, 7)) == "Phường 22, ngày 07 tháng 10 năm 2024"


def test_document_numbers_below_ten_have_a_leading_zero():
    assert document_number(5, "QĐ-UBND") == "05/QĐ-UBND"
    assert document_number(192, "KHLT-UBND-UBMTTQ") == "192/KHLT-UBND-UBMTTQ"


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Quyết định tổ chức bầu cử – Phường 22", "quyet-dinh-to-chuc-bau-cu-phuong-22.pdf"),
        ("ĐƠN ĐỀ NGHỊ", "don-de-nghi.pdf"),
        ("–", "van-ban.pdf"),
    ],
)
def test_download_names_keep_the_letter_d(title, name):
    assert file_name(title) == name


def test_template_filters_write_counts_and_dates():
    from django.template import engines

    template = engines["django"].from_string(
        "{% load vn %}{{ n|figures_words }}|{{ day|long_date }}|{{ none|long_date }}"
    )
    rendered = template.render({"n": 1020, "day": datetime.date(2024, 10, 7), "none": None})
    assert rendered == "1020 (một nghìn không trăm hai mươi)|ngày 07 tháng 10 năm 2024|"
    # The words alone come from the function the minutes' filter is built on.
    assert number_to_words(1020) == "một nghìn không trăm hai mươi"


# --- As an office writes it -------------------------------------------------------------


def test_only_the_months_one_and_two_take_a_leading_zero():
    assert long_date(datetime.date(2025, 1, 7)) == "ngày 07 tháng 01 năm 2025"
    assert long_date(datetime.date(2025, 2, 9)) == "ngày 09 tháng 02 năm 2025"
    assert long_date(datetime.date(2025, 3, 9)) == "ngày 09 tháng 3 năm 2025"
    assert long_date(datetime.date(2025, 10, 10)) == "ngày 10 tháng 10 năm 2025"
    assert long_date(datetime.date(2025, 12, 31)) == "ngày 31 tháng 12 năm 2025"


@pytest.mark.parametrize(
    ("gender", "word"), [("male", "ông"), ("female", "bà"), ("", "ông (bà)"), (None, "ông (bà)")]
)
def test_the_honorific_follows_the_recorded_gender(gender, word):
    assert honorific(gender) == word


def test_a_percentage_never_parts_from_its_sign():
    assert percent_text(Decimal("50.3")) == "50,3\u00a0%"
    assert format_percent(Decimal("100")) == "100,0\u00a0%"  # the rules' messages write it the same way
    assert " %" not in format_percent(Decimal("7.5"))


@pytest.mark.parametrize(
    ("title", "kept"),
    [
        ("Về việc thành lập Tổ bầu cử Khu phố 1", "Về việc thành lập Tổ bầu cử Khu phố\u00a01"),
        (
            "Về việc công nhận Trưởng khu phố\nKhu phố 1, nhiệm kỳ 2024 - 2029",
            "Về việc công nhận Trưởng khu\u00a0phố\nKhu phố 1, nhiệm kỳ 2024\u00a0-\u00a02029",
        ),
        ("Họp", "Họp"),
    ],
)
def test_the_last_words_of_a_title_line_stay_together(title, kept):
    assert keep_last_words_together(title) == kept


def test_a_list_of_sentences_never_writes_a_full_stop_before_its_semicolon():
    items = ["Trưởng khu phố: 5/10 hộ, không ai trúng cử.", "Thành viên Ban Thanh tra nhân dân: chưa bầu."]
    joined = clauses(items)
    assert ".;" not in joined
    # ... nor a capital a sentence would not have (the title "Trưởng khu phố" keeps its own).
    assert joined == "Trưởng khu phố: 5/10 hộ, không ai trúng cử; thành viên Ban Thanh tra nhân dân: chưa bầu"
    assert sentence("Lý do đã ghi.") == "Lý do đã ghi." and sentence("Lý do") == "Lý do."


def test_a_blank_is_left_for_the_hand_where_nothing_is_recorded():
    assert or_blank("") == BLANK and or_blank(None) == BLANK and or_blank(7) == "7"


def test_no_line_of_a_paper_ends_between_a_figure_and_its_percent_sign():
    from reporting.vietnamese import NBSP, keep_percentages_together

    words = {"reason": "7/10 hộ = 70,0 % > 50 % — trúng cử", "lines": ["50 %", "5 lần", "chữ %"]}
    assert keep_percentages_together(words) == {
        "reason": f"7/10 hộ = 70,0{NBSP}% > 50{NBSP}% — trúng cử",
        "lines": [f"50{NBSP}%", "5 lần", "chữ %"],
    }
