"""Sorting and comparing Vietnamese text the way Vietnamese lists do."""

from __future__ import annotations

import functools
import re
import unicodedata

# The Vietnamese alphabet; a letter's rank is its place here.
ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_RANK = {letter: index for index, letter in enumerate(ALPHABET)}
# Tone marks, in the order dictionaries use: ngang, huyền, sắc, hỏi, ngã, nặng.
_TONES = {"\u0300": 1, "\u0301": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}
# Marks that make a different letter (ă, â, ê, ô, ơ, ư) rather than a tone.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}


def _letters_and_tones(word: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    letters: list[int] = []
    tones: list[int] = []
    for char in word.casefold():
        if char == "đ":
            letters.append(_RANK["đ"])
            continue
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _LETTER_MARKS))
        tone = next((_TONES[m] for m in marks if m in _TONES), 0)
        letters.append(_RANK.get(letter, 100 + ord(letter)))
        tones.append(tone)
    return tuple(letters), tuple(tones)


def vietnamese_sort_key(text: str) -> tuple:
    """Alphabetical order of the Vietnamese alphabet (d before đ, u before ư), tones last."""
    words = text.split()
    keyed = [_letters_and_tones(word) for word in words]
    return tuple(letters for letters, _ in keyed), tuple(tones for _, tones in keyed)


def person_sort_key(full_name: str) -> tuple:
    """People are listed by given name (the last word), then the rest: "Nguyễn Văn An" under A."""
    words = full_name.split()
    if not words:
        return ((), ())
    return vietnamese_sort_key(" ".join([words[-1], *words[:-1]]))


def natural_key(text: str) -> tuple:
    """ "Khu phố 2" before "Khu phố 10": numbers compare as numbers."""
    return tuple(
        (0, int(part), ()) if part.isdigit() else (1, 0, vietnamese_sort_key(part))
        for part in re.split(r"(\d+)", text)
        if part
    )


def normalise_name(name: str) -> str:
    """For comparing people's names: NFC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


# Characters no one types into a form: C0/C1 controls (NUL among them, which PostgreSQL
# refuses in text), surrogates, and the bidirectional overrides that make a name read
# differently from what is stored ("Trojan source").
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LINE_BREAKS = frozenset("\t\r\n")


def has_control_characters(text: str, *, multiline: bool = False) -> bool:
    """True when ``text`` holds a control character (tab and line breaks allowed if ``multiline``)."""
    for char in text:
        if multiline and char in LINE_BREAKS:
            continue
        if char in _BIDI_CONTROLS or unicodedata.category(char) in ("Cc", "Cs"):
            return True
    return False


def has_non_ascii_digits(text: str) -> bool:
    """True for digits of other scripts ("٢٣", "１２"), which int() would silently accept."""
    return any(char.isdigit() and not char.isascii() for char in text)


def fold(text: str) -> str:
    """For searching as people type: no tones or letter marks, "đ" as "d", case-folded, single
    spaces ("Nguyễn Văn Đức" → "nguyen van duc"), so that a phone's keyboard without Vietnamese
    input finds every name."""
    if text.isascii():
        return " ".join(text.lower().split())
    # Word by word: a register repeats the same few hundred words ("Nguyễn", "Văn", "Xô Viết"),
    # so an import of thousands of households folds each of them once (make bench).
    return " ".join(folded for word in text.split() if (folded := _fold_word(word)))


@functools.lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFD", word.casefold().replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def search_words(query: str, limit: int = 6) -> list[str]:
    """The folded words of a search box's text (at most ``limit``): each must be found."""
    return fold(query).split()[:limit]


# A house number as the register writes it before the street: "12", "12A", "94/610", "Số 7/39".
_HOUSE_NUMBER = re.compile(r"^(?:số\s+)?\d[\w/.-]*\s*", re.IGNORECASE)


def street_of(address: str) -> str:
    """The street of an address written house number first ("94/610 Võ Văn Tần, Phường 22" →
    "Võ Văn Tần"), as the register stores them: its first part without the house number; ""
    when the address names no street."""
    first = unicodedata.normalize("NFC", address).split(",")[0].strip()
    return " ".join(_HOUSE_NUMBER.sub("", first, count=1).split())
