"""Who issues a paper, and how it is signed (Decree 30/2020/NĐ-CP, Appendix I).

A paper is drafted first and issued when it is signed: issuing fills in its number, its
date and its signature block (``reporting.services.document_issue``). What the paper says
about *whose act it is* depends only on its authority, and is written here once:

- a decision of the ward chairman enacts as "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG …" and is
  signed "CHỦ TỊCH" (or "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" by a vice-chairman);
- a decision or letter of the ward People's Committee enacts as "ỦY BAN NHÂN DÂN PHƯỜNG …"
  and is signed "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" (or "… / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH");
- a paper of the ward Front's standing committee is signed "TM. BAN THƯỜNG TRỰC / CHỦ TỊCH";
- minutes and the khu phố's own papers are signed by the people the record names (the
  counting board, the witnesses, the head with the Front committee head); where the record
  leaves the khu phố Front committee's head to be named (forms 03 and 05), that committee's
  register names them.

The register of office holders (``reporting.models.OfficeHolder``) is kept per division and
body; the signer of a paper is chosen from it when the paper is issued.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class OfficeBody(models.TextChoices):
    """The bodies whose office holders sign papers: one register per division and body."""

    PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân phường")
    FRONT = "front", _("Ủy ban MTTQ Việt Nam phường")
    FRONT_COMMITTEE = "front_committee", _("Ban công tác Mặt trận khu phố")


class Position(models.TextChoices):
    CHAIRMAN = "chairman", _("Chủ tịch")
    VICE_CHAIRMAN = "vice_chairman", _("Phó Chủ tịch")
    COMMITTEE_HEAD = "committee_head", _("Trưởng ban")


class Authority(models.TextChoices):
    """Whose act a paper is."""

    WARD_CHAIRMAN = "ward_chairman", _("Chủ tịch Ủy ban nhân dân phường")
    WARD_COMMITTEE = "ward_committee", _("Ủy ban nhân dân phường")
    WARD_FRONT = "ward_front", _("Ban Thường trực Ủy ban MTTQ Việt Nam phường")
    RECORD = "record", _("Những người ký tên trong biên bản")


# The register each authority signs from, and the positions in it that may sign.
REGISTER: dict[str, tuple[str, tuple[str, ...]]] = {
    Authority.WARD_CHAIRMAN: (OfficeBody.PEOPLES_COMMITTEE, (Position.CHAIRMAN, Position.VICE_CHAIRMAN)),
    Authority.WARD_COMMITTEE: (OfficeBody.PEOPLES_COMMITTEE, (Position.CHAIRMAN, Position.VICE_CHAIRMAN)),
    Authority.WARD_FRONT: (OfficeBody.FRONT, (Position.CHAIRMAN, Position.VICE_CHAIRMAN)),
}

# "Thay mặt" (on behalf of) a collective body: the line above the signer's own title.
_ON_BEHALF: dict[str, str] = {
    Authority.WARD_COMMITTEE: "TM. ỦY BAN NHÂN DÂN",
    Authority.WARD_FRONT: "TM. BAN THƯỜNG TRỰC",
}


def signature_lines(authority: str, position: str) -> list[str]:
    """The lines above the signature, top to bottom; the last is the signer's title.

    A vice-chairman signs "KT. CHỦ TỊCH" (ký thay) above "PHÓ CHỦ TỊCH" (ND30 Art. 13).
    """
    lines = [_ON_BEHALF[authority]] if authority in _ON_BEHALF else []
    if position == Position.VICE_CHAIRMAN:
        return [*lines, "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    return [*lines, "CHỦ TỊCH"]


def enacting_line(authority: str, ward_name: str) -> str:
    """The line above "QUYẾT ĐỊNH:" that says who decides."""
    ward = ward_name.upper()
    if authority == Authority.WARD_CHAIRMAN:
        return f"CHỦ TỊCH ỦY BAN NHÂN DÂN {ward}"
    if authority == Authority.WARD_FRONT:
        return f"BAN THƯỜNG TRỰC ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM {ward}"
    return f"ỦY BAN NHÂN DÂN {ward}"


@dataclass(frozen=True)
class Issuer:
    """Who issues one paper: its authority, its number's symbol ("" for a paper without a
    number, such as minutes), the division whose register signs and whose numbers it takes,
    and the event the paper records, which it cannot be dated before."""

    authority: str
    symbol: str
    division: Any  # neighborhoods.models.Division
    place: str  # the place before the date: "Phường 22, ngày 07 tháng 10 năm 2024"
    earliest: datetime.date
    earliest_label: str = ""
    # The signer slots of a paper signed by the record that the register fills (form 03's
    # khu phố Front committee head): slot name → the body whose holder fills it.
    register_slots: dict[str, str] = field(default_factory=dict)
    # Minutes are drawn up and signed at the sitting they record: the form proposes its day.
    minutes: bool = False
    # A paper of the Front's own work (form 05, the khu phố Front committee's minutes): issued
    # by those who run the consultation, not only by the ward's office.
    front_work: bool = False

    def proposed_date(self, today: datetime.date) -> datetime.date:
        return self.earliest if self.minutes and self.earliest <= today else today

    @property
    def number_key(self) -> str:
        """Numbers run per issuing body and year (ND30 Art. 15)."""
        prefix = "MTTQ" if self.authority == Authority.WARD_FRONT else "UBND"
        return f"{prefix}-{self.division.pk}"

    @property
    def register(self) -> tuple[str, tuple[str, ...]] | None:
        return REGISTER.get(self.authority)


# Where an article names the paper a correction replaces: filled in with its number and date
# when the correction is issued (before that, dotted).
REPLACED_PAPER = "[[văn bản bị thay thế]]"


# A document kind's issuer for one source (None: the paper is a form to print, such as a
# ballot, and is never issued).
IssuerOf = Callable[[Any], Issuer]
