"""What the ward's public page shows: only what the paper notices posted at the community
house show, read without a user (the page needs no login)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse

from elections.models import (
    BoardNotice,
    Candidate,
    Decision,
    DecisionKind,
    Election,
    ListStatus,
    Plan,
)
from elections.selectors.decisions import recognised_members
from neighborhoods.models import Division, Household, HouseholdStatus, Level
from wardvote.text import fold, natural_key, person_sort_key, search_words


@dataclass(frozen=True)
class PublicNotice:
    """Each khu phố's election with its approved lists and, once recognised, its head; the
    board's members once the ward Front recognised them."""

    rows: list[tuple[Election, dict[str, list[Candidate]], str | None]]
    board: list
    any_result: bool
    # The board's composition (members with their post) as the ward Front's latest notice
    # states it (Luật Art. 40.2.b), and that notice's date; empty before any notice.
    composition: list = field(default_factory=list)
    composition_on: str = ""


def _approved_candidates(elections: list[Election]) -> QuerySet[Candidate]:
    return (
        Candidate.objects.filter(contest__election__in=elections, contest__list_status=ListStatus.APPROVED)
        .select_related("contest")
        # Only what the printed notice shows: nothing of the register, nothing of the staff.
        .only(
            "full_name",
            "birth_date",
            "gender",
            "education_level",
            "occupation",
            "biography",
            "contest__kind",
            "contest__election_id",
        )
    )


def _recognised_heads(elections: list[Election]) -> dict[int | None, str]:
    """Each head once the ward recognised them (each post on its own: the election may still
    be re-running its board seat), by the standing recognition decision."""
    heads: dict[int | None, str] = {}
    decisions = Decision.objects.filter(election__in=elections, kind=DecisionKind.RECOGNISE_HEAD).order_by(
        "version", "pk"
    )
    for decision in decisions:
        heads[decision.election_id] = decision.details.get("full_name", "")
    return heads


def _recognised_board(elections: list[Election]) -> list[dict]:
    """Each khu phố's board member once the ward Front recognised them (latest version)."""
    members: dict[int | None, list[dict]] = {}
    decisions = Decision.objects.filter(
        election__in=elections, kind=DecisionKind.RECOGNISE_BOARD_MEMBER
    ).order_by("version", "pk")
    for decision in decisions:
        members[decision.election_id] = recognised_members(decision)
    return [
        {"full_name": member["full_name"], "neighborhood": e.neighborhood.name, "election_id": e.pk}
        for e in elections
        for member in members.get(e.pk, [])
    ]


def public_notice(ward: Division) -> PublicNotice:
    elections = sorted(
        Election.objects.official().filter(plan__division=ward).select_related("neighborhood", "plan"),
        key=lambda e: natural_key(e.neighborhood.name),
    )
    lists: dict[int, dict[str, list[Candidate]]] = {}
    for candidate in sorted(_approved_candidates(elections), key=lambda c: person_sort_key(c.full_name)):
        by_kind = lists.setdefault(candidate.contest.election_id, {})
        by_kind.setdefault(candidate.contest.get_kind_display(), []).append(candidate)
    heads = _recognised_heads(elections)
    board = _recognised_board(elections)
    notice = (
        BoardNotice.objects.filter(plan__division=ward, plan__practice=False)
        .order_by("-issued_on", "-version", "-pk")
        .first()
    )
    return PublicNotice(
        rows=[(e, lists.get(e.pk, {}), heads.get(e.pk)) for e in elections],
        board=board,
        any_result=bool(heads),
        composition=notice.details["members"] if notice else [],
        composition_on=f"{notice.issued_on:%d/%m/%Y}" if notice else "",
    )


# --- the public page for residents (issue 16) ---
# The printed notice's QR code points at the reader's own khu phố on this page: one anchor per
# khu phố, listed whether or not an election of it is under way.


def khu_pho_anchor(neighborhood_id: int) -> str:
    """The anchor of a khu phố on its ward's public page (``#kp-<id>``)."""
    return f"kp-{neighborhood_id}"


@dataclass(frozen=True)
class PublicKhuPho:
    neighborhood: Division
    anchor: str
    rows: list[tuple[Election, dict[str, list[Candidate]], str | None]]


def public_khu_pho(ward: Division, notice: PublicNotice) -> list[PublicKhuPho]:
    """Each current khu phố of the ward (and any ended one an election of it is shown for), with
    its elections from ``notice``, in the khu phố's natural order (one query)."""
    neighborhoods = {
        d.pk: d
        for d in Division.objects.filter(
            parent=ward, level=Level.NEIGHBORHOOD, valid_until__isnull=True
        ).only("pk", "name", "path", "level")
    }
    by_khu_pho: dict[int, list] = {}
    for row in notice.rows:
        election = row[0]
        neighborhoods.setdefault(election.neighborhood_id, election.neighborhood)
        by_khu_pho.setdefault(election.neighborhood_id, []).append(row)
    return [
        PublicKhuPho(d, khu_pho_anchor(d.pk), by_khu_pho.get(d.pk, []))
        for d in sorted(neighborhoods.values(), key=lambda d: natural_key(d.name))
    ]


def public_page_url(division: Division) -> str | None:
    """The public page of a ward, or a khu phố's section of its ward's page; None above the ward."""
    if division.level == Level.WARD:
        return reverse("elections:public_ward", args=[division.pk])
    if division.level == Level.NEIGHBORHOOD and division.parent_id is not None:
        url = reverse("elections:public_ward", args=[division.parent_id])
        return f"{url}#{khu_pho_anchor(division.pk)}"
    return None


def public_wards() -> list[Division]:
    """The wards that issued a plan, with the division above each (one query): where a resident
    who has no login finds their ward's public page."""
    wards = Division.objects.filter(
        level=Level.WARD, pk__in=Plan.objects.official().values("division_id")
    ).select_related("parent")
    return sorted(
        wards, key=lambda ward: (natural_key(ward.parent.name if ward.parent else ""), natural_key(ward.name))
    )


# --- "my meeting" for residents (issue 18) ---
# A resident types their household code (printed on the invitation) or the start of their
# address, and reads their khu phố's meeting. The answer names khu phố only, never a household:
# the same page whether the code exists or not, apart from the khu phố it shows.

# An address shorter than this (folded) matches too much to be anyone's own ("1", "12").
ADDRESS_PREFIX_MIN_LENGTH = 4
# Enough khu phố for any address prefix in one ward; more would be a list of the ward.
LOOKUP_KHU_PHO_LIMIT = 12


def khu_pho_of_lookup(ward: Division, query: str) -> list[Division]:
    """The khu phố of the ward's active households whose code is ``query`` or whose address
    begins with it (tones and case ignored), in natural order; nothing of the households."""
    typed = " ".join(query.split())
    if not typed:
        return []
    households = Household.objects.filter(ward=ward, status=HouseholdStatus.ACTIVE)
    by_code = list(households.filter(code__iexact=typed).values_list("neighborhood_id", flat=True)[:1])
    return _current_khu_pho(by_code) if by_code else _current_khu_pho(_by_address_prefix(households, typed))


def _by_address_prefix(households: QuerySet[Household], typed: str) -> set[int]:
    prefix = fold(typed)
    if len(prefix) < ADDRESS_PREFIX_MIN_LENGTH:
        return set()
    # The folded words narrow the rows in the database; the prefix itself is checked here
    # (``search_text`` holds the code and the name before the address).
    for word in search_words(typed):
        households = households.filter(search_text__contains=word)
    return {
        kp
        for kp, address in households.values_list("neighborhood_id", "address")
        if fold(address).startswith(prefix)
    }


def _current_khu_pho(ids) -> list[Division]:
    found = Division.objects.filter(pk__in=set(ids), level=Level.NEIGHBORHOOD).only(
        "pk", "name", "path", "parent_id"
    )
    return sorted(found, key=lambda d: natural_key(d.name))[:LOOKUP_KHU_PHO_LIMIT]


@dataclass(frozen=True)
class KhuPhoMeeting:
    """One official election of a khu phố as a resident reads it: the meeting, the approved
    lists with the candidates' short biographies, and who was recognised."""

    election: Election
    lists: dict[str, list[Candidate]]
    head: str | None
    board: list[str]


def khu_pho_meetings(neighborhood: Division) -> list[KhuPhoMeeting]:
    """The khu phố's official elections, the latest meeting first (practice copies never)."""
    elections = sorted(
        Election.objects.official().filter(neighborhood=neighborhood).select_related("neighborhood", "plan"),
        key=lambda e: (e.meeting_date is not None, e.meeting_date, e.plan.issued_on, e.pk),
        reverse=True,
    )
    lists: dict[int, dict[str, list[Candidate]]] = {}
    for candidate in sorted(_approved_candidates(elections), key=lambda c: person_sort_key(c.full_name)):
        by_kind = lists.setdefault(candidate.contest.election_id, {})
        by_kind.setdefault(candidate.contest.get_kind_display(), []).append(candidate)
    heads = _recognised_heads(elections)
    board: dict[int, list[str]] = {}
    for member in _recognised_board(elections):
        board.setdefault(member["election_id"], []).append(member["full_name"])
    return [KhuPhoMeeting(e, lists.get(e.pk, {}), heads.get(e.pk), board.get(e.pk, [])) for e in elections]


def my_meeting_url(neighborhood: Division) -> str:
    """The "my meeting" answer of a khu phố, as the invitation's QR code carries it (absolute)."""
    return settings.PUBLIC_BASE_URL + reverse("elections:public_khu_pho_meeting", args=[neighborhood.pk])
