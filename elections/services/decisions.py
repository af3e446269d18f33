"""What the ward and the ward Front decide after the count.

Recognition per post, each on its own clock: the head by the ward (Luật Art. 21.2;
NĐ 59 Art. 8), each khu phố's inspection-board member by the ward Front (Luật Art.
21.2, 40.2.b); the election reaches ``recognised`` once every post is. Otherwise the
ward decides a re-run, answers in writing with its reasons (NĐ 59 Art. 8), annuls the
community decision or asks the community to amend it (Luật Art. 22). Also an interim
head (lâm thời) while a re-run is pending, agreed with the ward Front (NĐ 59 Art. 9.3).
The board's head and deputies are elected by the board itself (NĐ 59 Art. 13.3):
``elections.services.board``. Each is a ``Decision`` row, never
edited: a correction is a new version that names the one it replaces. The household-ballot
route is the khu phố head's, not the ward's: ``elections.services.household_ballots``.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from elections import rules
from elections.models import (
    Candidate,
    Contest,
    ContestKind,
    ContestResult,
    Decision,
    DecisionKind,
    Election,
    OfficePost,
    TallyEntry,
    Tenure,
    TenureKind,
)
from elections.selectors.count import elected_ids
from elections.selectors.decisions import (
    annul_problems,
    answer_problems,
    board_member_details,
    elected_details,
    filled_results,
    outcome_lines,
    post_recognition,
    post_recognition_problems,
)
from elections.selectors.meeting import current_meeting_any
from elections.selectors.tenures import term_ends_on
from elections.services.plans import election_record_milestone
from elections.services.tenures import tenure_begin, tenure_kind_for
from elections.transitions import may_take, transition
from neighborhoods.models import Account
from wardvote import access
from wardvote.audit import audited_update


def _decide(
    election: Election, kind: str, *, decided_on: datetime.date, by: User, reason: str = "", **fields
) -> Decision:
    """A ward decision about one khu phố's election (never changed afterwards)."""
    return Decision.objects.create(
        plan=election.plan,
        election=election,
        kind=kind,
        decided_on=decided_on,
        reason=reason,
        by=by,
        **fields,
    )


# --- When no one is elected -----------------------------------------------------------


@transaction.atomic
def rerun_decide(
    *, by: User, election: Election, decided_on: datetime.date, meeting_date: datetime.date, reason: str = ""
) -> Decision:
    """A new sitting of the same election; the failed one stays in the history."""
    failed = current_meeting_any(election)
    if failed and failed.held_on and meeting_date <= failed.held_on:
        raise ValidationError(
            _("Ngày họp lại phải sau ngày họp trước (%(day)s).") % {"day": f"{failed.held_on:%d/%m/%Y}"}
        )
    moved = transition(election, "decide_rerun", by=by, reason=reason)
    # Saved (not a bulk update) so that the audit log records the new date. The community's
    # decision runs from the re-run's meeting again, not from an earlier round's collection.
    moved.meeting_date = meeting_date
    moved.ballot_collection_ends_on = None
    moved.version += 1
    moved.save(update_fields=["meeting_date", "ballot_collection_ends_on", "version", "updated_at"])
    return _decide(
        election,
        DecisionKind.RERUN,
        decided_on=decided_on,
        by=by,
        reason=reason,
        details={
            "meeting_date": f"{meeting_date:%d/%m/%Y}",
            "previous_date": f"{failed.held_on:%d/%m/%Y}" if failed and failed.held_on else "",
            "outcomes": outcome_lines(election),
        },
    )


@transaction.atomic
def interim_head_appoint(
    *,
    by: User,
    election: Election,
    decided_on: datetime.date,
    full_name: str,
    front_agreed_on: datetime.date | None,
    front_agreed_by: str,
    reason: str = "",
) -> Decision:
    """While the post is vacant after a re-run was decided, the ward, after agreeing with the
    ward Front (who for the Front and when, both required and printed on the decision), appoints
    an interim head (lâm thời) until a head is elected (NĐ 59 Art. 9.3). It does not end the
    election: the stage becomes ``interim_head``, from which the re-run's sitting is still held
    (``hold_meeting``), and every progress figure counts it as not done."""
    full_name = " ".join(full_name.split())
    front_agreed_by = " ".join(front_agreed_by.split())
    problems = [] if full_name else [_("Ghi họ tên người được cử làm Trưởng khu phố lâm thời.")]
    problems += rules.front_agreement_problems(front_agreed_on, front_agreed_by, decided_on)
    if problems:
        raise ValidationError(problems)
    assert front_agreed_on is not None
    transition(election, "appoint_interim_head", by=by, reason=reason)
    decision = _decide(
        election,
        DecisionKind.INTERIM_HEAD,
        decided_on=decided_on,
        by=by,
        reason=reason,
        details={
            "full_name": full_name,
            "front_agreed_on": f"{front_agreed_on:%d/%m/%Y}",
            "front_agreed_by": front_agreed_by,
            "outcomes": outcome_lines(election),
        },
    )
    tenure_begin(
        by=by,
        neighborhood=election.neighborhood,
        post=OfficePost.HEAD,
        kind=TenureKind.INTERIM,
        full_name=full_name,
        started_on=decided_on,
        term_ends_on=term_ends_on(election.plan),
        election=election,
        decision=decision,
    )
    return decision


# --- Recognition ----------------------------------------------------------------------


def _begin_tenures(by: User, election: Election, post: str, people: list[dict], decision: Decision) -> None:
    """Each person a recognition names holds the post from its date, unless an earlier version
    of the same recognition already put them there (a second seat recognised later)."""
    already = set(
        Tenure.objects.filter(election=election, post=post, ended_on__isnull=True).values_list(
            "candidate_id", flat=True
        )
    )
    for person in people:
        if person["candidate"] in already:
            continue
        tenure_begin(
            by=by,
            neighborhood=election.neighborhood,
            post=post,
            kind=tenure_kind_for(election),
            full_name=person["full_name"],
            started_on=decision.decided_on,
            term_ends_on=term_ends_on(election.plan),
            election=election,
            candidate=Candidate.objects.get(pk=person["candidate"]),
            decision=decision,
        )


def _check_can_recognise(by: User, election: Election) -> None:
    """Separation of duties: whoever counted cannot also recognise the count. Refused: a
    member of this khu phố's election team, anyone who typed one of its tallies, and
    whoever created the account of someone who did or reset its password (they knew a
    password of it, and could have chosen its holder's "own" one)."""
    entrants = TallyEntry.objects.filter(meeting__election=election).values("entered_by")
    if access.on_election_team(by, election.neighborhood):
        raise ValidationError(
            _(
                "Thành viên Tổ bầu cử của %(neighborhood)s không được công nhận "
                "kết quả bầu cử của khu phố mình."
            )
            % {"neighborhood": election.neighborhood.name}
        )
    if entrants.filter(entered_by=by.pk).exists():
        raise ValidationError(_("Người đã nhập kết quả kiểm phiếu không được công nhận kết quả đó."))
    accounts = Account.objects.filter(user__in=entrants)
    if accounts.filter(Q(created_by=by.pk) | Q(password_reset_by=by.pk)).exists():
        raise ValidationError(
            _(
                "Người đã tạo tài khoản hoặc đặt lại mật khẩu cho người nhập kết quả kiểm phiếu "
                "không được công nhận kết quả đó."
            )
        )


def _check_dates(received_on: datetime.date, decided_on: datetime.date) -> None:
    if decided_on < received_on:
        raise ValidationError(_("Ngày công nhận không thể trước ngày nhận văn bản kết quả."))


def _settle(election: Election, by: User) -> None:
    """Once every post the election elects is recognised, the election is done (``recognise``).
    The caller's instance is refreshed, so that it shows the stage it now has."""
    election.refresh_from_db()
    if may_take(election, "recognise"):
        transition(election, "recognise", by=by)


@transaction.atomic
def head_recognise(
    *, by: User, election: Election, received_on: datetime.date, decided_on: datetime.date
) -> Decision:
    """The ward recognises the head; due within 5 working days of receiving form 03
    (NĐ 59 Art. 8), whether or not the board seat of the same sitting was filled."""
    _check_dates(received_on, decided_on)
    locked = Election.objects.select_for_update().get(pk=election.pk)
    problems = post_recognition_problems(locked, ContestKind.HEAD)
    if problems:
        raise ValidationError(problems)
    _check_can_recognise(by, locked)
    for key, day in (("community_decision", received_on), ("recognition", decided_on)):
        election_record_milestone(by=by, election=locked, key=key, done_on=day)
    decision = _decide(
        locked,
        DecisionKind.RECOGNISE_HEAD,
        decided_on=decided_on,
        by=by,
        received_on=received_on,
        details=elected_details(election),
    )
    _begin_tenures(by, locked, OfficePost.HEAD, [decision.details], decision)
    _settle(election, by)
    return decision


@transaction.atomic
def board_member_recognise(
    *, by: User, election: Election, received_on: datetime.date, decided_on: datetime.date
) -> Decision:
    """The ward Front recognises this khu phố's board member on this khu phố's own receipt
    date, within 5 working days (Luật Art. 21.2, 40.2.b), not once every khu phố has voted.
    Only the ward Front's staff, and not whoever counted (``_check_can_recognise``)."""
    if not access.can(by, access.RUN_CONSULTATION, election.plan.division):
        raise ValidationError(
            _(
                "Chỉ Ủy ban MTTQ phường công nhận thành viên Ban Thanh tra nhân dân "
                "(Luật 10/2022/QH15, Điều 40.2.b)."
            )
        )
    _check_dates(received_on, decided_on)
    locked = Election.objects.select_for_update().get(pk=election.pk)
    problems = post_recognition_problems(locked, ContestKind.INSPECTION_BOARD)
    if problems:
        raise ValidationError(problems)
    _check_can_recognise(by, locked)
    # A khu phố electing two whose second seat was filled at a re-run: the new recognition
    # names both members and supersedes the one that named the first.
    previous = post_recognition(locked, ContestKind.INSPECTION_BOARD)
    later: dict[str, Any] = (
        {
            "version": previous.version + 1,
            "supersedes": previous,
            "reason": _("Công nhận thêm thành viên được bầu tại cuộc bầu lại cho vị trí còn trống."),
        }
        if previous is not None
        else {}
    )
    decision = _decide(
        locked,
        DecisionKind.RECOGNISE_BOARD_MEMBER,
        decided_on=decided_on,
        by=by,
        received_on=received_on,
        details=board_member_details(locked),
        **later,
    )
    _begin_tenures(by, locked, OfficePost.BOARD_MEMBER, decision.details["members"], decision)
    _settle(election, by)
    return decision


def recognition_reissue(
    *, by: User, election: Election, reason: str, kind: str = ContestKind.HEAD
) -> Decision:
    """After a correction: a new version of the post's recognition that names the old and why."""
    _check_can_recognise(by, election)
    previous = post_recognition(election, kind)
    assert previous is not None, "only a recognised post gets here"
    details = elected_details(election) if kind == ContestKind.HEAD else board_member_details(election)
    return _decide(
        election,
        previous.kind,
        decided_on=previous.decided_on,
        received_on=previous.received_on,
        details=details,
        reason=reason,
        version=previous.version + 1,
        supersedes=previous,
        by=by,
    )


# --- The ward's other answers ---------------------------------------------------------


@transaction.atomic
def ward_answer(
    *, by: User, election: Election, received_on: datetime.date, decided_on: datetime.date, reason: str
) -> Decision:
    """The ward neither recognises the head nor orders a re-run: it answers in writing, with
    its reasons, within the same 5 working days of receipt (NĐ 59 Art. 8; Luật Art. 21.2).
    The election stays counted: the ward still recognises, re-runs, annuls or asks to amend."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Ghi rõ lý do không công nhận (NĐ 59/2023, Điều 8)."))
    if decided_on < received_on:
        raise ValidationError(_("Ngày trả lời không thể trước ngày nhận văn bản kết quả."))
    election = Election.objects.select_for_update().get(pk=election.pk)
    problems = answer_problems(election)
    if problems:
        raise ValidationError(problems)
    _check_can_recognise(by, election)
    election = election_record_milestone(
        by=by, election=election, key="community_decision", done_on=received_on
    )
    # The answer meets the recognition's deadline on the checklist and the dashboards.
    election.answered_on = decided_on
    election.version += 1
    election.save(update_fields=["answered_on", "version", "updated_at"])
    deadline = rules.recognition_due(received_on, election.rules)
    return _decide(
        election,
        DecisionKind.WRITTEN_ANSWER,
        decided_on=decided_on,
        by=by,
        received_on=received_on,
        reason=reason,
        details={
            "received_on": f"{received_on:%d/%m/%Y}",
            "deadline": f"{deadline:%d/%m/%Y}",
            "outcomes": outcome_lines(election),
        },
    )


def _ground_problems(ground: str, action: str, reason: str) -> list[str]:
    problems = rules.community_decision_action_problems(ground, action)
    if not reason.strip():
        problems.append(_("Ghi rõ lý do (Luật 10/2022/QH15, Điều 22)."))
    return problems


def _void(result: ContestResult, *, by: User, reason: str, decided_on: datetime.date) -> ContestResult:
    """A new version of an annulled result: the same figures, no one elected, and why."""
    voided = ContestResult.objects.create(
        meeting=result.meeting,
        contest=result.contest,
        version=result.version + 1,
        method=result.method,
        household_total=result.household_total,
        present=result.present,
        issued=result.issued,
        returned=result.returned,
        valid=result.valid,
        invalid=result.invalid,
        counts=result.counts,
        seats=result.seats,
        elected=None,
        tie=False,
        threshold=result.threshold,
        reason=_("Bị bãi bỏ theo quyết định của UBND phường ngày %(day)s (Luật 10/2022/QH15, Điều 22.2).")
        % {"day": f"{decided_on:%d/%m/%Y}"},
        correction_reason=reason,
        created_by=by,
    )
    # The standing outcome, where the dashboards read it (as a correction keeps it): none, or
    # the member an earlier sitting elected to a seat of a khu phố electing two.
    standing = elected_ids(result.contest)
    audited_update(Contest.objects.filter(pk=result.contest_id), elected_id=standing[0] if standing else None)
    return voided


@transaction.atomic
def community_decision_annul(
    *,
    by: User,
    election: Election,
    decided_on: datetime.date,
    ground: str,
    reason: str,
    meeting_date: datetime.date,
) -> Decision:
    """The ward annuls (bãi bỏ) the community decision of the latest sitting (Luật Art. 22.2):
    every post that sitting filled is unfilled again — a new version of its result, with the
    reason, the old one kept — and the election goes back to a re-run on ``meeting_date``
    (transition "annul_community_decision"). Refused once a post of that sitting is recognised:
    the recognition would have to be revoked first, which is not modelled."""
    problems = _ground_problems(ground, rules.ANNUL, reason)
    election = Election.objects.select_for_update().get(pk=election.pk)
    problems += annul_problems(election)
    if problems:
        raise ValidationError(problems)
    _check_can_recognise(by, election)
    meeting = current_meeting_any(election)
    assert meeting is not None
    if meeting.held_on and meeting_date <= meeting.held_on:
        raise ValidationError(
            _("Ngày họp lại phải sau ngày họp trước (%(day)s).") % {"day": f"{meeting.held_on:%d/%m/%Y}"}
        )
    filled = filled_results(meeting)
    outcomes = outcome_lines(election)
    reason = reason.strip()
    for result in filled:
        _void(result, by=by, reason=reason, decided_on=decided_on)
    moved = transition(election, "annul_community_decision", by=by, reason=reason)
    moved.meeting_date = meeting_date
    moved.version += 1
    moved.save(update_fields=["meeting_date", "version", "updated_at"])
    return _decide(
        election,
        DecisionKind.ANNUL,
        decided_on=decided_on,
        by=by,
        reason=reason,
        details={
            "ground": ground,
            "meeting_date": f"{meeting_date:%d/%m/%Y}",
            "previous_date": f"{meeting.held_on:%d/%m/%Y}" if meeting.held_on else "",
            "meeting_number": meeting.number,
            "outcomes": outcomes,
            "annulled": [r.contest.get_kind_display() for r in filled],
        },
    )


@transaction.atomic
def community_decision_amend_request(
    *, by: User, election: Election, decided_on: datetime.date, ground: str, reason: str
) -> Decision:
    """The ward asks the community to amend its decision (Luật Art. 22.2, only when the
    procedure was not followed, 22.1.b), in writing to the khu phố with copy to the ward Front.
    The election stays counted; the ward recognises once the amended decision is received,
    the 5 working days running from that new receipt."""
    problems = _ground_problems(ground, rules.REQUEST_AMENDMENT, reason)
    election = Election.objects.select_for_update().get(pk=election.pk)
    problems += answer_problems(election)
    if problems:
        raise ValidationError(problems)
    _check_can_recognise(by, election)
    meeting = current_meeting_any(election)
    assert meeting is not None
    return _decide(
        election,
        DecisionKind.REQUEST_AMENDMENT,
        decided_on=decided_on,
        by=by,
        reason=reason.strip(),
        details={
            "ground": ground,
            "previous_date": f"{meeting.held_on:%d/%m/%Y}" if meeting.held_on else "",
            "outcomes": outcome_lines(election),
        },
    )
