"""What the ward and the ward Front decide after the count.

Recognition of the head (Luật Art. 21.2; NĐ 59 Art. 8), a re-run, an interim head
(lâm thời) while a re-run is pending (NĐ 59 Art. 9.3), and the Front's recognition of
the inspection board with its head and deputies (NĐ 59 Art. 13). Each is a ``Decision`` row, never edited: a
correction is a new version that names the one it replaces. The household-ballot route
is the khu phố head's, not the ward's: ``elections.services.household_ballots``.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from elections import rules
from elections.models import (
    Decision,
    DecisionKind,
    Election,
    Plan,
    TallyEntry,
)
from elections.selectors.decisions import board_members, elected_details, latest_decision, outcome_lines
from elections.selectors.meeting import current_meeting_any
from elections.services.plans import election_record_milestone
from elections.transitions import transition
from neighborhoods.models import Account
from wardvote import access


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
    *, by: User, election: Election, decided_on: datetime.date, full_name: str, reason: str = ""
) -> Decision:
    """While the post is vacant after a re-run was decided, the ward, with the ward Front,
    appoints an interim head (lâm thời) until a head is elected (NĐ 59 Art. 9.3). It does
    not end the election: the stage becomes ``interim_head``, from which the re-run's
    sitting is still held (``hold_meeting``), and every progress figure counts it as not done."""
    full_name = " ".join(full_name.split())
    if not full_name:
        raise ValidationError(_("Ghi họ tên người được cử làm Trưởng khu phố lâm thời."))
    transition(election, "appoint_interim_head", by=by, reason=reason)
    return _decide(
        election,
        DecisionKind.INTERIM_HEAD,
        decided_on=decided_on,
        by=by,
        reason=reason,
        details={"full_name": full_name, "outcomes": outcome_lines(election)},
    )


# --- Recognition ----------------------------------------------------------------------


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


@transaction.atomic
def head_recognise(
    *, by: User, election: Election, received_on: datetime.date, decided_on: datetime.date
) -> Decision:
    """The ward recognises the head; due within 5 working days of receiving form 03."""
    if decided_on < received_on:
        raise ValidationError(_("Ngày công nhận không thể trước ngày nhận văn bản kết quả."))
    _check_can_recognise(by, election)
    transition(election, "recognise", by=by)
    for key, day in (("community_decision", received_on), ("recognition", decided_on)):
        election_record_milestone(by=by, election=election, key=key, done_on=day)
    return _decide(
        election,
        DecisionKind.RECOGNISE_HEAD,
        decided_on=decided_on,
        by=by,
        received_on=received_on,
        details=elected_details(election),
    )


def recognition_reissue(*, by: User, election: Election, reason: str) -> Decision:
    """After a correction: a new version of the recognition that names the old and why."""
    _check_can_recognise(by, election)
    previous = latest_decision(election, DecisionKind.RECOGNISE_HEAD)
    assert previous is not None, "only a recognised head's election gets here"
    return _decide(
        election,
        DecisionKind.RECOGNISE_HEAD,
        decided_on=previous.decided_on,
        received_on=previous.received_on,
        details=elected_details(election),
        reason=reason,
        version=previous.version + 1,
        supersedes=previous,
        by=by,
    )


@transaction.atomic
def board_recognise(*, by: User, plan: Plan, decided_on: datetime.date) -> Decision:
    """The ward Front recognises the members once every khu phố has elected its member."""
    Plan.objects.select_for_update().get(pk=plan.pk)
    if latest_decision(None, DecisionKind.RECOGNISE_BOARD, plan):
        raise ValidationError(_("Ban Thanh tra nhân dân đã được công nhận."))
    members, missing = board_members(plan)
    if missing:
        raise ValidationError(
            _("Chưa bầu xong thành viên Ban Thanh tra nhân dân ở: %(names)s.") % {"names": ", ".join(missing)}
        )
    settings = plan.rules
    problems = rules.inspection_board_size_problems(len(members), plan.elections.count(), settings)
    if problems:
        raise ValidationError(problems)
    return Decision.objects.create(
        plan=plan,
        kind=DecisionKind.RECOGNISE_BOARD,
        decided_on=decided_on,
        by=by,
        details={"members": members},
    )


@transaction.atomic
def board_officers_record(
    *, by: User, plan: Plan, decided_on: datetime.date, head: int, deputies: list[int]
) -> Decision:
    """The board's head and at most two deputies, chosen among its members (NĐ 59 Art. 13.3)."""
    recognition = latest_decision(None, DecisionKind.RECOGNISE_BOARD, plan)
    if recognition is None:
        raise ValidationError(_("Ban Thanh tra nhân dân chưa được công nhận."))
    settings = plan.rules
    members = {m["candidate"]: m for m in recognition.details["members"]}
    chosen = [head, *deputies]
    problems = []
    if any(pk not in members for pk in chosen):
        problems.append(_("Trưởng ban, Phó Trưởng ban phải là thành viên đã được công nhận."))
    if len(set(chosen)) != len(chosen):
        problems.append(_("Một người không giữ hai chức danh."))
    problems += rules.inspection_board_deputy_problems(len(deputies), settings)
    if problems:
        raise ValidationError(problems)
    previous = latest_decision(None, DecisionKind.BOARD_OFFICERS, plan)
    return Decision.objects.create(
        plan=plan,
        kind=DecisionKind.BOARD_OFFICERS,
        decided_on=decided_on,
        by=by,
        version=previous.version + 1 if previous else 1,
        supersedes=previous,
        details={"head": members[head], "deputies": [members[pk] for pk in deputies]},
    )
