"""Vietnamese wording for documents: numbers in words, long dates, document numbers.

num2words' Vietnamese is wrong above 999 (it drops "không trăm" inside the
thousands), so the reading is written here, group by group, as the minutes write
it: 1020 → "một nghìn không trăm hai mươi", 101 → "một trăm lẻ một".
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from decimal import Decimal

from django.utils.text import slugify

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
# Group names by power of 1000; "tỷ" repeats for larger numbers (1e12 = "nghìn tỷ").
SCALES = ["", "nghìn", "triệu", "tỷ"]


def _tens_and_units(tens: int, units: int, after_hundreds: bool) -> list[str]:
    if tens == 0:
        if units == 0:
            return []
        # A zero tens digit after a hundreds digit is read "lẻ": 105 → một trăm lẻ năm.
        return (["lẻ"] if after_hundreds else []) + [DIGITS[units]]
    words = ["mười"] if tens == 1 else [DIGITS[tens], "mươi"]
    if units == 1 and tens >= 2:
        words.append("mốt")  # 21 → hai mươi mốt
    elif units == 5:
        words.append("lăm")  # 15 → mười lăm, 25 → hai mươi lăm
    elif units:
        words.append(DIGITS[units])  # 24 → hai mươi bốn (not the colloquial "tư")
    return words


def _group(number: int, full: bool) -> list[str]:
    """Words for 0..999. ``full`` reads the hundreds even when zero (inside a larger number)."""
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    words += _tens_and_units(tens, units, after_hundreds=bool(words))
    return words


def number_to_words(number: int) -> str:
    """The Vietnamese reading of a whole number ≥ 0 (up to 999 999 999 999)."""
    if number < 0:
        return "âm " + number_to_words(-number)
    if number == 0:
        return DIGITS[0]
    if number >= 10**12:
        raise ValueError("number too large")
    groups = []
    while number:
        number, group = divmod(number, 1000)
        groups.append(group)
    words: list[str] = []
    top = len(groups) - 1
    for index in range(top, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        words += _group(group, full=index < top)
        if SCALES[index]:
            words.append(SCALES[index])
    return " ".join(words)


def figures_and_words(number: int) -> str:
    """How minutes write a count: "156 (một trăm năm mươi sáu)"."""
    return f"{number} ({number_to_words(number)})"


def long_date(day: datetime.date) -> str:
    """ND30 date: "ngày 07 tháng 10 năm 2024", "ngày 15 tháng 02 năm 2025", "ngày 03 tháng 3 năm 2025".

    ND30 Appendix I, part II.6: days below 10 and the months 1 and 2 take a leading zero;
    the other months do not (so that "tháng 01" cannot be altered into "tháng 011").
    """
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


# A non-breaking space (U+00A0): the two sides never part at the end of a line.
NBSP = "\u00a0"
# What a form leaves for the hand to fill in when the record does not say.
BLANK = "……………"


# A figure and its "%" written with an ordinary space (a rule's message "> 50 %").
_SPLITTABLE_PERCENT = re.compile(r"(\d) %")


def map_words(value, change: Callable[[str], str]):
    """A paper's words (strings, also inside its lists and dicts) with ``change`` applied."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, list):
        return [map_words(item, change) for item in value]
    if isinstance(value, dict):
        return {key: map_words(item, change) for key, item in value.items()}
    return value


def keep_percentages_together(value):
    """Every "50 %" of a paper's words joined by a non-breaking space, so that no line ends
    between a figure and its sign."""
    return map_words(value, lambda text: _SPLITTABLE_PERCENT.sub(r"\1" + NBSP + "%", text))


def percent_text(value: Decimal) -> str:
    """A percentage as Vietnamese writes it, "50,3 %", the sign kept on the figure's line."""
    return f"{value:.1f}".replace(".", ",") + NBSP + "%"


def honorific(gender: str | None) -> str:
    """ "ông" for a man, "bà" for a woman; "ông (bà)" when the record does not say."""
    return {"male": "ông", "female": "bà"}.get(gender or "", "ông (bà)")


DASHES = {"-", "–", "—"}


def keep_last_words_together(text: str) -> str:
    """Join the last two words of each line of a title with a non-breaking space, so that
    no line of the printed title is a single word left alone; a dash between two words
    ("2024 - 2029") is not a word, and keeps both neighbours."""
    return "\n".join(_join_last_two(line) for line in text.split("\n"))


def _join_last_two(line: str) -> str:
    words = line.split()
    if len(words) < 2:
        return line
    tail = 3 if len(words) >= 3 and words[-2] in DASHES else 2
    return " ".join(words[:-tail] + [NBSP.join(words[-tail:])])


# Labels the interface starts with a capital that are common nouns inside a sentence
# ("thành viên Ban Thanh tra nhân dân"); titles such as "Trưởng khu phố" keep theirs.
COMMON_NOUNS = ("Thành viên",)


def mid_sentence(text: str) -> str:
    """A label as it is written inside a sentence: "Thành viên Ban Thanh tra nhân dân" →
    "thành viên Ban Thanh tra nhân dân"; a title ("Trưởng khu phố") is left as it is."""
    if text.startswith(COMMON_NOUNS):
        return text[0].lower() + text[1:]
    return text


def clause(text: str) -> str:
    """A sentence made an item of a list: its closing full stop dropped, so that the list's
    ";" does not follow a "." (never ".;")."""
    return text.strip().rstrip(".").rstrip()


def clauses(items: list[str] | tuple[str, ...]) -> str:
    """Items joined as a list inside one sentence: "a; b; c", each without its full stop and
    with no capital a sentence would not have."""
    return "; ".join(mid_sentence(clause(item)) for item in items)


def sentence(text: str) -> str:
    """The text ending in exactly one full stop."""
    return clause(text) + "."


def or_blank(value: object) -> str:
    """The recorded value, or the dotted blank a form leaves (never an invented value)."""
    return BLANK if value in (None, "") else str(value)


def place_and_date(place: str, day: datetime.date) -> str:
    return f"{place}, {long_date(day)}"


def document_number(sequence: int, symbol: str) -> str:
    """ND30 number: "05/QĐ-UBND" (numbers below 10 with a leading zero)."""
    return f"{sequence:02d}/{symbol}"


def file_name(title: str, extension: str = "pdf") -> str:
    """A download name every system accepts: "Quyết định – Phường 22" → "quyet-dinh-phuong-22.pdf".

    slugify alone drops "đ" (it has no decomposition), turning "Quyết định" into "quyet-inh".
    """
    stem = slugify(title.replace("đ", "d").replace("Đ", "D"))
    return f"{stem or 'van-ban'}.{extension}"


def dong(amount) -> str:
    """An amount of money as papers write it: 12500000 → "12.500.000 đồng" (dot thousands
    separator). A fraction keeps its decimal comma, so that a refusal can quote it."""
    value = Decimal(amount)
    whole = int(abs(value))
    text = f"{whole:,}".replace(",", ".")
    fraction = abs(value) - whole
    if fraction:
        text += "," + format(fraction, "f").split(".")[1]
    return f"{'-' if value < 0 else ''}{text} đồng"


def dong_in_words(amount: int) -> str:
    """A total as ND30 papers state it: "12.500.000 đồng (Mười hai triệu năm trăm nghìn đồng)"."""
    words = number_to_words(amount)
    return f"{dong(amount)} ({words[:1].upper()}{words[1:]} đồng)"
