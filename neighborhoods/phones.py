"""Vietnamese phone numbers as the register keeps them: the national digits, shown in groups.

A household's phone lets the election team call a family that has not come to the meeting yet.
People write numbers every way ("0912.345.678", "+84 912 345 678", "84912345678", and a
spreadsheet drops the leading 0 of a number typed as a figure); the register keeps one form,
the national number with its leading 0: 10 digits for a mobile (09x, 08x, 07x, 05x, 03x) and
11 for a landline with its area code (02x since the 2017 renumbering).
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

PHONE_MAX_LENGTH = 11
PHONE_INVALID = _(
    "Số điện thoại không hợp lệ: ghi 10 số của di động hoặc 11 số của máy bàn kèm mã vùng, "
    "ví dụ 0912 345 678 hoặc 028 3823 1234."
)

_SEPARATORS = re.compile(r"[\s.\-()/]")
_MOBILE = re.compile(r"0[35789][0-9]{8}")
_LANDLINE = re.compile(r"02[0-9]{9}")
_WITHOUT_LEADING_ZERO = re.compile(r"[35789][0-9]{8}|2[0-9]{9}")


def normalise_phone(text: str) -> str | None:
    """The national digits of ``text``, "" for no number, or None when it is not a phone number."""
    digits = _SEPARATORS.sub("", text or "")
    if not digits:
        return ""
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    elif _WITHOUT_LEADING_ZERO.fullmatch(digits):
        digits = "0" + digits  # a number typed as a figure in a spreadsheet lost its 0
    if _MOBILE.fullmatch(digits) or _LANDLINE.fullmatch(digits):
        return digits
    return None


def spaced(phone: str) -> str:
    """Grouped as people read it aloud: 0912 345 678 for a mobile, 028 3823 1234 for a landline."""
    if len(phone) == 10:
        return f"{phone[:4]} {phone[4:7]} {phone[7:]}"
    if len(phone) == 11:
        return f"{phone[:3]} {phone[3:7]} {phone[7:]}"
    return phone
