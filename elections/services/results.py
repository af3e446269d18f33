"""The count: tally entry typed twice by two people, the accepted result, corrections.

A tally is accepted only when two different users have typed the same figures
(double entry). Every entry is kept; a mismatch is resolved by re-entering, never
by overwriting. The outcome comes only from ``elections.rules.election_outcome``.
Results are never changed in place: a correction is a new version with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
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
    MeetingMode,
    Stage,
    TallyEntry,
    VotingMethod,
)
from neighborhoods.services import staff
from wardvote import access
from wardvote.audit import audited_update
from wardvote.types import StrOrPromise

BALLOT_FIGURES = ("issued", "returned", "valid", "invalid")
FIGURE_LABELS = {
    "issued": gettext_lazy("Phiếu phát ra"),
    "returned": gettext_lazy("Phiếu thu vào"),
    "valid": gettext_lazy("Phiếu hợp lệ"),
    "invalid": gettext_lazy("Phiếu không hợp lệ"),
}
HANDS = (gettext_lazy("đồng ý"), gettext_lazy("không đồng ý"), gettext_lazy("không biểu quyết"))


# --- Reading the state ----------------------------------------------------------------


def current_meeting_any(election: Election) -> Meeting | None:
    """The latest sitting (or household-ballot round), open or closed."""
    return election.meetings.order_by("-number").first()


def current_result(contest: Contest) -> ContestResult | None:
    """The result that stands: the latest version of the latest sitting."""
    return (
        contest.results.select_related("elected", "meeting").order_by("-meeting__number", "-version").first()
    )


def unelected_contests(election: Election) -> list[Contest]:
    contests = election.contests.filter(list_status=ListStatus.APPROVED).order_by("kind")
    return [c for c in contests if not (r := current_result(c)) or r.elected_id is None]


def contests_to_vote(meeting: Meeting) -> list[Contest]:
    """The approved contests that no earlier sitting has filled."""
    contests = meeting.election.contests.filter(list_status=ListStatus.APPROVED).order_by("kind")
    return [contest for contest in contests if is_voted_at(meeting, contest)]


def is_voted_at(meeting: Meeting, contest: Contest) -> bool:
    """Whether ``contest`` is voted on at this sitting: approved, and not filled by an earlier one."""
    if contest.election_id != meeting.election_id or contest.list_status != ListStatus.APPROVED:
        return False
    if meeting.number == 1:
        return True
    earlier = list(
        contest.results.filter(meeting__number__lt=meeting.number)
        .order_by("-meeting__number", "-version")
        .values_list("elected_id", flat=True)[:1]
    )
    return not earlier or earlier[0] is None


def voters(meeting: Meeting) -> int:
    """Households that could vote: representatives present, or ballots handed out."""
    if meeting.mode == MeetingMode.HOUSEHOLD_BALLOTS:
        return meeting.household_ballots.count()
    return meeting.attendances.filter(undone_at__isnull=True).count()


def candidates_of(contest: Contest) -> list[Candidate]:
    from wardvote.text import person_sort_key

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


def _state(entries: list[TallyEntry], result: ContestResult | None, names: dict[str, str]) -> TallyState:
    state = TallyState(entries, result)
    if result is None and len(entries) == 2:
        state.differences = differences(entries[0], entries[1], names)
    return state


def _names(contest: Contest, candidates=None) -> dict[str, str]:
    """Candidate id (as in ``counts``) → full name."""
    return {str(c.pk): c.full_name for c in (contest.candidates.all() if candidates is None else candidates)}


def tally_state(meeting: Meeting, contest: Contest, candidates: list[Candidate] | None = None) -> TallyState:
    """Where the double entry stands; ``candidates`` when the caller already loaded them."""
    result = meeting.results.filter(contest=contest).select_related("elected").order_by("-version").first()
    return _state(latest_entries(meeting, contest), result, _names(contest, candidates))


# --- Checking figures -----------------------------------------------------------------


def figure_problems(
    *, contest: Contest, method: str, present: int, figures: dict, counts: dict, names: dict | None = None
) -> list[str]:
    """The rules module's invariants, with the candidates named (``names``: id → full name)."""
    names = _names(contest) if names is None else names
    if set(counts) != set(names):
        return [_("Kết quả phải có đủ và chỉ có những người ứng cử của chức danh này.")]
    if method == VotingMethod.SECRET_BALLOT:
        missing = [FIGURE_LABELS[n] for n in BALLOT_FIGURES if figures.get(n) is None]
        if missing:
            return [_("Chưa nhập: %(fields)s.") % {"fields": ", ".join(str(label) for label in missing)}]
        return rules.tally_problems(
            present=present,
            approvals={names[k]: v for k, v in counts.items()},
            seats=contest.seats,
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


# --- Entering a tally -----------------------------------------------------------------


def _check_can_enter(meeting: Meeting, contest: Contest, method: str) -> None:
    if meeting.closed_at is not None:
        raise ValidationError(_("Cuộc họp đã kết thúc: kết quả đã chốt."))
    if not is_voted_at(meeting, contest):
        raise ValidationError(_("Chức danh này không bầu tại lần họp này."))
    if meeting.results.filter(contest=contest).exists():
        raise ValidationError(_("Kết quả đã được chốt; muốn sửa phải đính chính có lý do."))
    if meeting.mode == MeetingMode.MEETING:
        from elections.services.procedure import procedure_problems

        problems = procedure_problems(meeting)
        if problems:
            raise ValidationError(problems)
    if method != meeting.voting_method:
        raise ValidationError(
            _("Cuộc họp đã chọn hình thức “%(method)s”.") % {"method": meeting.get_voting_method_display()}
        )


def _check_entrant(by: User, neighborhood) -> None:
    """Separation of duties: the two entries are typed by two members of this khu phố's
    election team (one entry each), each logged in with a password they chose themself —
    so that no one who created or reset an account can type the second half."""
    if not access.on_election_team(by, neighborhood):
        raise ValidationError(
            _(
                "Chỉ thành viên Tổ bầu cử của %(neighborhood)s được nhập kết quả kiểm phiếu: "
                "hai lần nhập phải do hai thành viên khác nhau của Tổ thực hiện."
            )
            % {"neighborhood": neighborhood.name}
        )
    if not staff.password_set_by_owner(by):
        raise ValidationError(
            _(
                "Tài khoản %(username)s chưa tự đặt mật khẩu: người nhập kết quả kiểm phiếu phải tự "
                "đặt mật khẩu của mình (trang Đổi mật khẩu) trước khi nhập."
            )
            % {"username": by.get_username()}
        )


@transaction.atomic
def tally_submit(
    *, by: User, meeting: Meeting, contest: Contest, method: str, figures: dict, counts: dict, candidates=None
) -> TallyState:
    """Record one person's entry; accept the count when two different people agree.

    The meeting row is locked, so two entries submitted at the same instant are
    taken one after the other: both are kept, neither mixes with the other.
    ``candidates``: the contest's candidates when the caller has them already.
    """
    # Only the meeting row is locked (of=self); its election and khu phố come along for the audit log.
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("election__plan", "election__neighborhood")
        .get(pk=meeting.pk)
    )
    contest.election = meeting.election
    _check_can_enter(meeting, contest, method)
    counts = {str(k): v for k, v in counts.items()}
    names = _names(contest, candidates)
    earlier = latest_entries(meeting, contest)
    if by.pk not in {e.entered_by_id for e in earlier} and len(earlier) >= 2:
        raise ValidationError(_("Đã có hai người nhập kết quả; chỉ hai người này nhập lại."))
    _check_entrant(by, meeting.election.neighborhood)
    problems = figure_problems(
        contest=contest, method=method, present=voters(meeting), figures=figures, counts=counts, names=names
    )
    if problems:
        raise ValidationError(problems)
    entry = TallyEntry.objects.create(
        meeting=meeting,
        contest=contest,
        entered_by=by,
        method=method,
        counts=counts,
        **_ballot_figures(method, figures),
    )
    # The entrants' latest entries, this one replacing its author's previous one.
    entries = [entry if e.entered_by_id == by.pk else e for e in earlier]
    if by.pk not in {e.entered_by_id for e in earlier}:
        entries.append(entry)
    state = _state(entries, None, names)
    if len(state.entries) == 2 and not state.differences:
        first, second = state.entries
        state.result = _accept(meeting, contest, first, second, by)
        _close_if_counted(meeting, by)
    return state


def _outcome_fields(meeting: Meeting, method: str, counts: dict) -> dict:
    """The result's fields that come from the rules module's outcome."""
    outcome = rules.election_outcome(meeting.household_total, approvals_of(method, counts))
    return {
        "elected_id": int(outcome.elected) if outcome.elected is not None else None,
        "tie": outcome.tie,
        "reason": outcome.reason,
        "threshold": outcome.threshold,
    }


def _ballot_figures(method: str, source) -> dict:
    """The four ballot counts of a secret ballot (``source``: a dict or an entry); none for hands."""
    if method != VotingMethod.SECRET_BALLOT:
        return {}
    get = source.get if isinstance(source, dict) else lambda name: getattr(source, name)
    return {name: get(name) for name in BALLOT_FIGURES}


def _keep_counters(meeting: Meeting, result: ContestResult) -> None:
    """The standing outcome and turnout, copied where the dashboards read them."""
    if current_result(result.contest) != result:
        return  # a correction of an earlier sitting: a later one stands
    audited_update(Contest.objects.filter(pk=result.contest_id), elected_id=result.elected_id)
    audited_update(
        Election.objects.filter(pk=meeting.election_id),
        households=result.household_total,
        present=result.present,
    )


def _accept(meeting, contest, first: TallyEntry, second: TallyEntry, by: User) -> ContestResult:
    result = ContestResult.objects.create(
        meeting=meeting,
        contest=contest,
        method=first.method,
        household_total=meeting.household_total,
        present=voters(meeting),
        counts=first.counts,
        first_entry=first,
        second_entry=second,
        created_by=by,
        **_outcome_fields(meeting, first.method, first.counts),
        **_ballot_figures(first.method, first),
    )
    _keep_counters(meeting, result)
    return result


def _close_if_counted(meeting: Meeting, by: User) -> None:
    from elections.transitions import transition

    if all(meeting.results.filter(contest=c).exists() for c in contests_to_vote(meeting)):
        meeting.closed_at = timezone.now()
        meeting.save(update_fields=["closed_at"])  # audited, like every change of the sitting
        transition(meeting.election, "record_count", by=by)


# --- Corrections ----------------------------------------------------------------------


@transaction.atomic
def result_correct(
    *, by: User, result: ContestResult, reason: str, figures: dict, counts: dict
) -> ContestResult:
    """A new version of an accepted count, with its reason; the old one stays as it was.

    After recognition the person elected cannot change by a correction: that would
    need the ward to revoke its decision, which is not a correction.
    """
    if not reason.strip():
        raise ValidationError(_("Ghi lý do đính chính."))
    meeting = Meeting.objects.select_for_update().get(pk=result.meeting_id)
    latest = meeting.results.filter(contest=result.contest_id).order_by("-version").first()
    if latest != result:
        raise ValidationError(_("Kết quả này đã được đính chính; hãy sửa bản mới nhất."))
    counts = {str(k): v for k, v in counts.items()}
    problems = figure_problems(
        contest=result.contest, method=result.method, present=result.present, figures=figures, counts=counts
    )
    if problems:
        raise ValidationError(problems)
    outcome = _outcome_fields(meeting, result.method, counts)
    election = meeting.election
    if election.stage == Stage.RECOGNISED and outcome["elected_id"] != result.elected_id:
        raise ValidationError(
            _("Kết quả đã được công nhận: đính chính không được làm thay đổi người trúng cử (%(reason)s).")
            % {"reason": outcome["reason"]}
        )
    corrected = ContestResult.objects.create(
        meeting=meeting,
        contest=result.contest,
        version=result.version + 1,
        method=result.method,
        household_total=result.household_total,
        present=result.present,
        counts=counts,
        correction_reason=reason.strip(),
        created_by=by,
        **outcome,
        **_ballot_figures(result.method, figures),
    )
    _keep_counters(meeting, corrected)
    if election.stage == Stage.RECOGNISED:
        from elections.services.decisions import recognition_reissue

        recognition_reissue(by=by, election=election, reason=reason.strip())
    return corrected
