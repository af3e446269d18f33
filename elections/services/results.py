"""The count: tally entry typed twice by two people, the accepted result, corrections.

A tally is accepted only when two different users have typed the same figures
(double entry). Every entry is kept; a mismatch is resolved by re-entering, never
by overwriting. The outcome comes only from ``elections.rules.election_outcome``.
Results are never changed in place: a correction is a new version with a reason.
"""

from __future__ import annotations

import uuid
from contextlib import nullcontext

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from elections import rules
from elections.models import (
    Contest,
    ContestResult,
    Election,
    ElectionPurpose,
    ListStatus,
    Meeting,
    MeetingMode,
    TallyEntry,
    VotingMethod,
)
from elections.selectors.clusters import cluster_sum, clusters_missing, round_of
from elections.selectors.count import (
    BALLOT_FIGURES,
    TallyState,
    approvals_of,
    candidate_names,
    current_result,
    elected_ids,
    figure_problems,
    latest_entries,
    result_elected,
    seats_voted,
    state_of,
    tally_state,
)
from elections.selectors.decisions import annulled_sittings, post_recognition
from elections.selectors.household_ballots import round_count_problems
from elections.selectors.meeting import (
    contests_to_vote,
    held_by_cluster,
    is_voted_at,
    procedure_problems,
    voters,
    with_cluster_flag,
)
from elections.services.decisions import recognition_reissue
from elections.services.meeting import meter_changed
from elections.transitions import transition
from neighborhoods.services import staff
from wardvote import access
from wardvote.audit import audited_update
from wardvote.client_keys import key_taken

# --- Entering a tally -----------------------------------------------------------------


def _check_can_enter(meeting: Meeting, contest: Contest, method: str) -> None:
    if meeting.closed_at is not None:
        raise ValidationError(_("Cuộc họp đã kết thúc: kết quả đã chốt."))
    if held_by_cluster(meeting):
        raise ValidationError(
            _("Kết quả của khu phố là tổng kết quả các cụm dân cư: nhập kết quả kiểm phiếu tại từng cụm.")
        )
    if not is_voted_at(meeting, contest):
        raise ValidationError(_("Chức danh này không bầu tại lần họp này."))
    if meeting.results.filter(contest=contest).exists():
        raise ValidationError(_("Kết quả đã được chốt; muốn sửa phải đính chính có lý do."))
    if meeting.mode == MeetingMode.MEETING:
        problems = procedure_problems(meeting)
    else:
        problems = round_count_problems(meeting)
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
    *,
    by: User,
    meeting: Meeting,
    contest: Contest,
    method: str,
    figures: dict,
    counts: dict,
    candidates=None,
    client_key: uuid.UUID | None = None,
) -> TallyState:
    """Record one person's entry; accept the count when two different people agree.

    The meeting row is locked, so two entries submitted at the same instant are
    taken one after the other: both are kept, neither mixes with the other.
    ``candidates``: the contest's candidates when the caller has them already.
    ``client_key``: the browser's key for this entry; the same entry sent again (after a
    dropped connection) records nothing more and answers where the count stands.
    """
    # Only the meeting row is locked (of=self); its election and khu phố come along for the audit log.
    meeting = with_cluster_flag(
        Meeting.objects.select_for_update(of=("self",)).select_related(
            "election__plan", "election__neighborhood"
        )
    ).get(pk=meeting.pk)
    return tally_enter(
        by=by,
        meeting=meeting,
        contest=contest,
        method=method,
        figures=figures,
        counts=counts,
        candidates=candidates,
        client_key=client_key,
    )


def tally_enter(
    *,
    by: User,
    meeting: Meeting,
    contest: Contest,
    method: str,
    figures: dict,
    counts: dict,
    candidates=None,
    client_key: uuid.UUID | None = None,
) -> TallyState:
    """``tally_submit`` for a caller that already holds the sitting: ``meeting`` was read under its
    row lock in the caller's transaction (``fetch.get_meeting_for(..., locked=True)``), which rolls
    back whole if this raises. The sitting is then read once per entry, not once more here."""
    contest.election = meeting.election
    if client_key is not None:
        sent = TallyEntry.objects.filter(client_key=client_key).first()
        if sent is not None:
            if (sent.entered_by_id, sent.meeting_id, sent.contest_id) != (by.pk, meeting.pk, contest.pk):
                raise key_taken()
            return tally_state(meeting, contest, candidates)
    _check_can_enter(meeting, contest, method)
    counts = {str(k): v for k, v in counts.items()}
    names = candidate_names(contest, candidates)
    earlier = latest_entries(meeting, contest)
    if by.pk not in {e.entered_by_id for e in earlier} and len(earlier) >= 2:
        raise ValidationError(_("Đã có hai người nhập kết quả; chỉ hai người này nhập lại."))
    _check_entrant(by, meeting.election.neighborhood)
    present = voters(meeting)  # counted once: the check below and the accepted result use it
    problems = figure_problems(
        contest=contest,
        method=method,
        present=present,
        figures=figures,
        counts=counts,
        names=names,
        seats=seats_voted(meeting, contest),
    )
    if problems:
        raise ValidationError(problems)
    try:
        # A savepoint only for an entry with a key: only a key can collide (with an entry of
        # another sitting, just sent), and the entry without one costs no more statements.
        with transaction.atomic() if client_key is not None else nullcontext():
            entry = TallyEntry.objects.create(
                meeting=meeting,
                contest=contest,
                entered_by=by,
                method=method,
                counts=counts,
                client_key=client_key,
                **_ballot_figures(method, figures),
            )
    except IntegrityError as error:  # the key came with an entry of another meeting, just now
        raise key_taken() from error
    # The entrants' latest entries, this one replacing its author's previous one.
    entries = [entry if e.entered_by_id == by.pk else e for e in earlier]
    if by.pk not in {e.entered_by_id for e in earlier}:
        entries.append(entry)
    state = state_of(entries, None, names)
    if len(state.entries) == 2 and not state.differences:
        first, second = state.entries
        state.result = _accept(meeting, contest, first, second, by, present)
        _close_if_counted(meeting, by)
    return state


def _outcome_fields(meeting: Meeting, contest: Contest, method: str, counts: dict) -> dict:
    """The result's fields that come from the rules module's outcome. A contest of several
    seats (a khu phố electing two board members) is decided by ``rules.seats_outcome`` for
    the seats still open at this sitting: a re-run after a half-filled count votes only for
    the missing seat, and whoever an earlier sitting elected is not counted again.

    A cluster's count elects no one by itself: it adds up into the khu phố's, decided against
    all its households (``_sum_fields``)."""
    if meeting.cluster is not None:
        return {
            "elected_id": None,
            "elected_all": [],
            "seats": seats_voted(meeting, contest),
            "tie": False,
            "reason": _(
                "Kết quả kiểm phiếu của %(cluster)s, cộng vào kết quả chung của khu phố; người trúng cử "
                "được xác định trên tổng số phiếu của các cụm so với tổng số hộ của khu phố "
                "(Luật 10/2022/QH15, Điều 18.3 và 21.1)."
            )
            % {"cluster": meeting.cluster.name},
            "threshold": rules.votes_needed(round_of(meeting).household_total),
        }
    approvals = approvals_of(method, counts)
    if contest.seats == 1:
        outcome = rules.election_outcome(meeting.household_total, approvals)
        elected = [int(outcome.elected)] if outcome.elected is not None else []
        reason = outcome.reason
        # A meeting that lets the head or a board member go: the same count, in the words of a release.
        if meeting.election.purpose == ElectionPurpose.BOARD_RELEASE and len(approvals) == 1:
            reason = rules.board_release_outcome_reason(
                meeting.household_total, next(iter(approvals.values()))
            )
        elif meeting.election.purpose == ElectionPurpose.HEAD_DISMISSAL:
            reason = rules.head_release_outcome_reason(meeting.household_total, approvals)
        return {
            "elected_id": elected[0] if elected else None,
            "elected_all": elected,
            "seats": 1,
            "tie": outcome.tie,
            "reason": reason,
            "threshold": outcome.threshold,
        }
    earlier = elected_ids(contest, before=meeting.number)
    seats = seats_voted(meeting, contest)
    several = rules.seats_outcome(
        meeting.household_total, {k: v for k, v in approvals.items() if int(k) not in earlier}, seats
    )
    elected = [int(k) for k in several.elected]
    return {
        "elected_id": elected[0] if elected else None,
        "elected_all": elected,
        "seats": seats,
        "tie": several.undecided,
        "reason": several.reason,
        "threshold": several.threshold,
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
    _copy_counters(meeting, result, elected_ids(result.contest))


def _copy_counters(meeting: Meeting, result: ContestResult, elected: list[int], held=None) -> None:
    """Write the contest's elected and the election's turnout; ``held``: the contest and the
    election as the caller read them under the sitting's lock (their audit's "before"), so
    that they are not read again."""
    contests = Contest.objects.filter(pk=result.contest_id)
    elections = Election.objects.filter(pk=meeting.election_id)
    audited_update(
        contests, rows=None if held is None else [held], elected_id=elected[0] if elected else None
    )
    audited_update(
        elections,
        rows=None if held is None else [meeting.election],
        households=result.household_total,
        present=result.present,
    )


def _keep_accepted_counters(meeting: Meeting, contest: Contest, result: ContestResult) -> None:
    """``_keep_counters`` for a count just accepted at the open sitting: the newest sitting's
    result stands (a cluster's never does), and whoever it elected adds to the earlier
    sittings' elected, as ``elected_ids`` would read them."""
    if meeting.cluster_id is not None:
        return  # the khu phố's sum stands for a cluster's round
    elected = elected_ids(contest, before=meeting.number) if meeting.number > 1 else []
    elected += [pk for pk in result_elected(result) if pk not in elected]
    _copy_counters(meeting, result, elected, held=contest)


def _accept(meeting, contest, first: TallyEntry, second: TallyEntry, by: User, present: int) -> ContestResult:
    result = ContestResult.objects.create(
        meeting=meeting,
        contest=contest,
        method=first.method,
        household_total=meeting.household_total,
        present=present,
        counts=first.counts,
        first_entry=first,
        second_entry=second,
        created_by=by,
        **_outcome_fields(meeting, contest, first.method, first.counts),
        **_ballot_figures(first.method, first),
    )
    _keep_accepted_counters(meeting, contest, result)
    return result


def _every_contest_counted(meeting: Meeting) -> bool:
    """Whether each contest voted at the sitting has its result: one query."""
    counted = ContestResult.objects.filter(meeting=meeting, contest=OuterRef("pk"))
    contests = meeting.election.contests.filter(list_status=ListStatus.APPROVED).annotate(
        counted=Exists(counted)
    )
    return all(c.counted for c in contests if is_voted_at(meeting, c))


def _close_if_counted(meeting: Meeting, by: User) -> None:
    if _every_contest_counted(meeting):
        # Audited like every change of the sitting, from the row held under its lock.
        audited_update(Meeting.objects.filter(pk=meeting.pk), rows=[meeting], closed_at=timezone.now())
        meter_changed(meeting)
        if meeting.cluster_id is None:
            # The guard (every contest of the latest sitting counted, no cluster waiting) is what
            # was just read under the sitting's lock: a sitting held by cluster takes no tally.
            transition(meeting.election, "record_count", by=by, guard_checked=True)
        else:
            _sum_if_every_cluster_reported(meeting, by)


def _sum_fields(whole: Meeting, contest: Contest) -> dict:
    """The khu phố's result of ``contest`` from its clusters' counts, decided by the rules module
    against ALL households of the khu phố (Luật 10/2022/QH15 Art. 18.3, 21.1)."""
    total = cluster_sum(whole, contest)
    assert total is not None  # every cluster has reported: the caller checked
    return {
        "method": total.method,
        "household_total": whole.household_total,
        "present": total.present,
        "counts": total.counts,
        **_outcome_fields(whole, contest, total.method, total.counts),
        **_ballot_figures(total.method, total.figures),
    }


def _sum_if_every_cluster_reported(sitting: Meeting, by: User) -> None:
    """Once the last cluster has reported, the khu phố's result is the sum of theirs and the
    election reaches COUNTED; until then it stays at MEETING_HELD."""
    whole = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("election")
        .get(pk=round_of(sitting).pk)
    )
    if whole.closed_at is not None or clusters_missing(whole):
        return
    for contest in contests_to_vote(whole):
        result = ContestResult.objects.create(
            meeting=whole, contest=contest, created_by=by, **_sum_fields(whole, contest)
        )
        _keep_counters(whole, result)
    whole.closed_at = timezone.now()
    whole.save(update_fields=["closed_at"])
    meter_changed(whole)
    transition(whole.election, "record_count", by=by)


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
    meeting = (
        Meeting.objects.select_for_update(of=("self",)).select_related("cluster").get(pk=result.meeting_id)
    )
    if meeting.number in annulled_sittings(meeting.election):
        raise ValidationError(
            _("Quyết định của cộng đồng dân cư tại cuộc họp này đã bị bãi bỏ: không đính chính kết quả.")
        )
    latest = meeting.results.filter(contest=result.contest_id).order_by("-version").first()
    if latest != result:
        raise ValidationError(_("Kết quả này đã được đính chính; hãy sửa bản mới nhất."))
    if held_by_cluster(meeting):
        raise ValidationError(
            _("Kết quả của khu phố là tổng kết quả các cụm dân cư: đính chính kết quả của cụm có sai sót.")
        )
    counts = {str(k): v for k, v in counts.items()}
    problems = figure_problems(
        contest=result.contest,
        method=result.method,
        present=result.present,
        figures=figures,
        counts=counts,
        seats=result.seats,
    )
    if problems:
        raise ValidationError(problems)
    outcome = _outcome_fields(meeting, result.contest, result.method, counts)
    election = meeting.election
    recognised = post_recognition(election, result.contest.kind) is not None
    _keep_who_was_recognised(recognised, outcome, result)
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
    if meeting.cluster is not None:
        _resum(meeting, corrected, reason.strip(), by)
    if recognised:
        recognition_reissue(by=by, election=election, reason=reason.strip(), kind=result.contest.kind)
    return corrected


def _keep_who_was_recognised(recognised: bool, outcome: dict, standing: ContestResult) -> None:
    """Each post is recognised on its own: once this one is, a correction (of the khu phố's
    count or of one cluster's) keeps everyone it elected -- both members of a two-seat post."""
    if recognised and outcome["elected_all"] != result_elected(standing):
        raise ValidationError(
            _("Kết quả đã được công nhận: đính chính không được làm thay đổi người trúng cử (%(reason)s).")
            % {"reason": outcome["reason"]}
        )


def _resum(sitting: Meeting, corrected: ContestResult, reason: str, by: User) -> None:
    """A cluster's corrected count corrects the khu phố's sum too (a new version of it, with the
    cluster named in its reason), once the sum exists; the recognised person cannot change."""
    whole = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("election")
        .get(pk=round_of(sitting).pk)
    )
    latest = whole.results.filter(contest=corrected.contest_id).order_by("-version").first()
    if latest is None:
        return  # the sum is made when the last cluster reports
    fields = _sum_fields(whole, corrected.contest)
    _keep_who_was_recognised(
        post_recognition(whole.election, corrected.contest.kind) is not None, fields, latest
    )
    assert sitting.cluster is not None  # only a cluster sitting's correction is re-summed
    summed = ContestResult.objects.create(
        meeting=whole,
        contest=corrected.contest,
        version=latest.version + 1,
        correction_reason=_("Đính chính kết quả %(cluster)s: %(reason)s")
        % {"cluster": sitting.cluster.name, "reason": reason},
        created_by=by,
        **fields,
    )
    _keep_counters(whole, summed)
