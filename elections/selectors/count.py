"""Reads of the count: the standing result, the candidates, where the double entry stands
and what the figures break. The writes are in ``elections.services.results``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elections import rules
from elections.models import (
    Candidate,
    Contest,
    ContestResult,
    Election,
    ListStatus,
    Meeting,
    TallyEntry,
    VotingMethod,
)
from wardvote.text import person_sort_key
from wardvote.types import StrOrPromise

BALLOT_FIGURES = ("issued", "returned", "valid", "invalid")


def minutes_can_be_drawn_up(results: Iterable[ContestResult | None]) -> bool:
    """The minutes of a sitting record its count: none before its first result.

    Takes the sitting's results (or each contest's standing one, ``None`` when not counted),
    so that a page that has already read them asks no more of the database.
    """
    return any(result is not None for result in results)


FIGURE_LABELS = {
    "issued": gettext_lazy("Phiếu phát ra"),
    "returned": gettext_lazy("Phiếu thu vào"),
    "valid": gettext_lazy("Phiếu hợp lệ"),
    "invalid": gettext_lazy("Phiếu không hợp lệ"),
}


HANDS = (gettext_lazy("đồng ý"), gettext_lazy("không đồng ý"), gettext_lazy("không biểu quyết"))


def current_result(contest: Contest) -> ContestResult | None:
    """The result that stands: the latest version of the latest sitting (for a meeting held by
    cluster, the khu phố's sum, never one cluster's count)."""
    return (
        contest.results.filter(meeting__cluster__isnull=True)
        .select_related("elected", "meeting")
        .order_by("-meeting__number", "-version")
        .first()
    )


def unelected_contests(election: Election) -> list[Contest]:
    """The approved contests with a seat still open (a two-seat contest that elected one is)."""
    contests = election.contests.filter(list_status=ListStatus.APPROVED).order_by("kind")
    return [c for c in contests if open_seats(c) > 0]


def result_elected(result: ContestResult) -> list[int]:
    """Every candidate a result elected (pks, in order of approvals)."""
    if result.elected_all:
        return [int(pk) for pk in result.elected_all]
    return [result.elected_id] if result.elected_id else []


def standing_results(contest: Contest, before: int | None = None) -> list[ContestResult]:
    """The standing result (latest version) of each sitting of ``contest``, in sitting order;
    ``before``: only the sittings numbered lower. A cluster's count elects no one: the khu
    phố's sum stands for its round."""
    results = (
        contest.results.filter(meeting__cluster__isnull=True)
        .select_related("meeting")
        .order_by("meeting__number", "version")
    )
    if before is not None:
        results = results.filter(meeting__number__lt=before)
    standing: dict[int, ContestResult] = {}
    for result in results:
        standing[result.meeting_id] = result
    return list(standing.values())


def elected_ids(contest: Contest, before: int | None = None) -> list[int]:
    """The candidates elected to ``contest`` by the standing result of each sitting, in sitting
    order. A re-run fills the seats an earlier sitting left open, so its elected add to the
    earlier ones."""
    ids: list[int] = []
    for result in standing_results(contest, before):
        ids += [pk for pk in result_elected(result) if pk not in ids]
    return ids


def open_seats(contest: Contest, before: int | None = None) -> int:
    """The seats of ``contest`` not filled (by the sittings numbered below ``before``)."""
    return max(contest.seats - len(elected_ids(contest, before)), 0)


def seats_voted(meeting: Meeting, contest: Contest) -> int:
    """How many the ballot may approve at this sitting: the seats still open (at least 1); a
    re-run after a half-filled count votes only for those."""
    return max(open_seats(contest, before=meeting.number), 1) if contest.seats > 1 else 1


def candidates_of(contest: Contest) -> list[Candidate]:
    return sorted(contest.candidates.all(), key=lambda c: person_sort_key(c.full_name))


def latest_entries(meeting: Meeting, contest: Contest) -> list[TallyEntry]:
    """Each entrant's latest entry, the first entrant first."""
    latest: dict[int, TallyEntry] = {}  # dicts keep the order users first appear in
    for entry in meeting.tally_entries.filter(contest=contest).select_related("entered_by").order_by("pk"):
        latest[entry.entered_by_id] = entry
    return list(latest.values())


@dataclass
class Difference:
    label: StrOrPromise
    first: object
    second: object


@dataclass
class TallyState:
    entries: list[TallyEntry]
    result: ContestResult | None
    differences: list[Difference] = field(default_factory=list)

    @property
    def waiting_for_second(self) -> bool:
        return self.result is None and len(self.entries) == 1

    @property
    def mismatch(self) -> bool:
        return self.result is None and bool(self.differences)


def differences(first: TallyEntry, second: TallyEntry, names: dict[str, str]) -> list[Difference]:
    """Field by field, in words, what two entries disagree on."""
    found = []
    if first.method != second.method:
        found.append(Difference(_("Hình thức"), first.get_method_display(), second.get_method_display()))
    for name in BALLOT_FIGURES:
        if getattr(first, name) != getattr(second, name):
            found.append(Difference(FIGURE_LABELS[name], getattr(first, name), getattr(second, name)))
    for key in sorted(set(first.counts) | set(second.counts), key=lambda k: names.get(k, k)):
        a, b = first.counts.get(key), second.counts.get(key)
        if a != b:
            found.append(Difference(names.get(key, key), _format_count(a), _format_count(b)))
    return found


def _format_count(value) -> str:
    if isinstance(value, list):
        return " / ".join(f"{label} {n}" for label, n in zip(HANDS, value, strict=False))
    return "—" if value is None else str(value)


def state_of(entries: list[TallyEntry], result: ContestResult | None, names: dict[str, str]) -> TallyState:
    """The double entry's standing from the entrants' latest entries and the result, if any."""
    state = TallyState(entries, result)
    if result is None and len(entries) == 2:
        state.differences = differences(entries[0], entries[1], names)
    return state


def candidate_names(contest: Contest, candidates: list[Candidate] | None = None) -> dict[str, str]:
    """Candidate id (as in ``counts``) → full name."""
    return {str(c.pk): c.full_name for c in (contest.candidates.all() if candidates is None else candidates)}


def tally_state(meeting: Meeting, contest: Contest, candidates: list[Candidate] | None = None) -> TallyState:
    """Where the double entry stands; ``candidates`` when the caller already loaded them."""
    result = meeting.results.filter(contest=contest).select_related("elected").order_by("-version").first()
    return state_of(latest_entries(meeting, contest), result, candidate_names(contest, candidates))


def figure_problems(
    *,
    contest: Contest,
    method: str,
    present: int,
    figures: dict,
    counts: dict,
    names: dict | None = None,
    seats: int | None = None,
) -> list[str]:
    """The rules module's invariants, with the candidates named (``names``: id → full name)."""
    names = candidate_names(contest) if names is None else names
    if set(counts) != set(names):
        return [_("Kết quả phải có đủ và chỉ có những người ứng cử của chức danh này.")]
    if method == VotingMethod.SECRET_BALLOT:
        missing = [FIGURE_LABELS[n] for n in BALLOT_FIGURES if figures.get(n) is None]
        if missing:
            return [_("Chưa nhập: %(fields)s.") % {"fields": ", ".join(str(label) for label in missing)}]
        return rules.tally_problems(
            present=present,
            approvals={names[k]: v for k, v in counts.items()},
            seats=seats if seats is not None else contest.seats,
            **{n: figures[n] for n in BALLOT_FIGURES},
        )
    return rules.show_of_hands_problems(
        present=present, per_candidate={names[k]: tuple(v) for k, v in counts.items()}
    )


def approvals_of(method: str, counts: dict) -> dict[str, int]:
    """Approvals per candidate: the ballots for, or the hands raised for."""
    if method == VotingMethod.SHOW_OF_HANDS:
        return {k: v[0] for k, v in counts.items()}
    return dict(counts)
