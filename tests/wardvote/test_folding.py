"""Search text is folded word by word, with a cache; it must fold exactly as folding the whole
text at once does (the stored search column and the search box must agree)."""

from __future__ import annotations

import unicodedata

from wardvote.fields import fold_values
from wardvote.text import fold


def whole_text_fold(text: str) -> str:
    """The definition: NFD of the case-folded text ("đ" as "d"), every combining mark dropped,
    single spaces."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return " ".join("".join(char for char in decomposed if not unicodedata.combining(char)).split())


def test_vietnamese_names_fold_to_what_a_keyboard_without_marks_types():
    assert fold("Nguyễn Văn Đức") == "nguyen van duc"
    assert fold("  TRẦN   thị\tBÍCH  ") == "tran thi bich"
    assert fold_values("KP01-0001", "Lê Văn Tám", "12/3 Xô Viết Nghệ Tĩnh") == (
        "kp01-0001 le van tam 12/3 xo viet nghe tinh"
    )


def test_every_character_folds_as_the_whole_text_would():
    # Each code point of the Basic Multilingual Plane (every letter, mark and space a form can
    # hold), inside a word, as a word of its own and doubled: the cases where folding word by
    # word could differ (a mark alone between spaces, a space that NFD changes).
    for code_point in range(0x10000):
        if 0xD800 <= code_point <= 0xDFFF:
            continue
        char = chr(code_point)
        for text in (f"x{char}y z", f"a {char} b", char * 2):
            assert fold(text) == whole_text_fold(text), (hex(code_point), text)
