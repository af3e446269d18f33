"""The preparation of an election: its legal deadlines and what is done, due or late."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q

from elections import rules
from elections.models import (
    BallotRound,
    ContestKind,
    Decision,
    DecisionKind,
    Election,
    ElectionPurpose,
    MeetingMode,
    OfficePost,
    Stage,
    Vacancy,
)
from elections.selectors.count import current_result
from elections.selectors.decisions import post_recognition
from elections.selectors.head_release import release_decision, release_result

# Election fields that record when each preparation step was done, by deadline key.
MILESTONES = {
    "plan": "plan_decided_on",
    "team_decision": "team_decided_on",
    "posting": "posted_on",
    "candidate_list_minutes": "candidate_list_minutes_on",
    "meeting_notice": "meeting_notice_on",
    "community_decision": "community_decision_on",
    "recognition": "recognised_on",
}
# NĐ 59 Art. 8: within the recognition's 5 working days the ward recognises, orders a re-run
# (which moves the meeting, and so the deadline) or answers in writing: the answer meets it too.
ALSO_DONE_BY = {"recognition": "answered_on"}
# The steps done before the meeting: once it has opened their dates are part of its record and
# change only by a correction. The community's decision and the recognition come after it.
PREPARATION_MILESTONES = ("plan", "team_decision", "posting", "candidate_list_minutes", "meeting_notice")
# The stages whose meeting is still to come: its date, time and place may be set freely.
# An interim head holds the post only until the re-run (ND59 Art. 9.3), whose date is set here.
SCHEDULABLE_STAGES = (
    Stage.NOT_STARTED,
    Stage.PREPARING,
    Stage.LIST_APPROVED,
    Stage.NOTICE_POSTED,
    Stage.RERUN_PENDING,
    Stage.INTERIM_HEAD,
)


# h3: a meeting within the term about the board (Luật Art. 36.2; NĐ 59 Art. 13.1) is organised
# by the khu phố's Front committee with its head, not by the ward's steps of NĐ 59 Art. 6: only
# the invitation (Art. 3.3) and the sending of the community's decision (Art. 3.5) keep their
# deadlines; the ward Front's recognition of a by-elected member has its own line.
BOARD_TERM_PURPOSES = (ElectionPurpose.BOARD_RELEASE, ElectionPurpose.BY_ELECTION)
BOARD_TERM_STEPS = ("meeting_notice", "community_decision")


@dataclass(frozen=True)
class ChecklistLine:
    key: str
    label: str
    basis: str
    due: datetime.date
    done_on: datetime.date | None
    status: str
    # False for a line the system marks done itself (the re-run, by the sitting held).
    recordable: bool = True


def collection_end(election: Election) -> datetime.date | None:
    """The end of the collection period when the election went to household ballots: the
    community's decision then runs from it (NĐ 59 Art. 4.7). Set when a round starts
    (``services.household_ballots.household_ballots_start``), cleared when a re-run is
    decided (``services.decisions.rerun_decide``), whose meeting the decision runs from again."""
    return election.ballot_collection_ends_on


def _deadlines(election: Election) -> list[rules.Deadline]:
    assert election.meeting_date is not None
    return rules.deadlines(
        election.meeting_date,
        election.community_decision_on,
        election.rules,
        collection_ends_on=collection_end(election),
    )


def _done_on(election: Election, key: str) -> datetime.date | None:
    done_on = getattr(election, MILESTONES[key])
    if done_on is None and key in ALSO_DONE_BY:
        return getattr(election, ALSO_DONE_BY[key])
    return done_on


def checklist(election: Election, today: datetime.date) -> list[ChecklistLine]:
    """The election's legal deadlines with what is done, due or late (no query: fields only).
    A meeting that decides whether to let the head go has no preparation of an election: its
    one deadline is the ward's answer (``release_answer_line``)."""
    if election.meeting_date is None or election.purpose == ElectionPurpose.HEAD_DISMISSAL:
        return []
    lines = []
    for deadline in _deadlines(election):
        if election.purpose in BOARD_TERM_PURPOSES and deadline.key not in BOARD_TERM_STEPS:
            continue
        done_on = _done_on(election, deadline.key)
        status = rules.deadline_status(deadline, done_on, today)
        lines.append(
            ChecklistLine(deadline.key, deadline.label, deadline.basis, deadline.due, done_on, status)
        )
    return lines


def rerun_line(election: Election, today: datetime.date) -> ChecklistLine | None:
    """Once a re-run is decided: by when it should be held, with its basis (no fixed
    window in NĐ 59 Art. 8; the plan's ``rerun_window_days``), done when a later
    community meeting was held. An interim head appointed meanwhile changes nothing."""
    # A re-run is ordered by its own decision or by the annulment of a community decision.
    decision = (
        Decision.objects.filter(election=election, kind__in=(DecisionKind.RERUN, DecisionKind.ANNUL))
        .order_by("-pk")
        .first()
    )
    if decision is None:
        return None
    # The decision records the failed sitting's day; a re-run decided without one runs from the decision.
    previous = decision.details.get("previous_date")
    failed_on = datetime.datetime.strptime(previous, "%d/%m/%Y").date() if previous else decision.decided_on
    deadline = rules.rerun_deadline_item(failed_on, election.rules)
    held = (
        election.meetings.filter(mode=MeetingMode.MEETING, held_on__gt=failed_on)
        .order_by("number")
        .values_list("held_on", flat=True)
        .first()
    )
    status = rules.deadline_status(deadline, held, today)
    return ChecklistLine(
        deadline.key, deadline.label, deadline.basis, deadline.due, held, status, recordable=False
    )


def ballot_plan_line(election: Election, today: datetime.date) -> ChecklistLine | None:
    """Once the election went to household ballots: whether the head's plan reached the ward
    chairman and the ward Front chairman within 2 days of its issue (NĐ 59 Art. 4.2). A duty of
    the head: late sending is shown, the round goes on."""
    round_ = BallotRound.objects.filter(meeting__election=election).order_by("-meeting__number").first()
    if round_ is None:
        return None
    deadline = rules.ballot_plan_sent_deadline(round_.plan_issued_on, election.rules)
    status = rules.deadline_status(deadline, round_.plan_sent_on, today)
    return ChecklistLine(
        deadline.key,
        deadline.label,
        deadline.basis,
        deadline.due,
        round_.plan_sent_on,
        status,
        recordable=False,
    )


def board_recognition_line(election: Election, today: datetime.date) -> ChecklistLine | None:
    """Once this khu phố's board member is elected: by when the ward Front recognises them, on
    this khu phố's own receipt date (Luật Art. 21.2, 40.2.b), done on the recognition's date.
    Before the Front records its receipt, the clock runs from the day the decision is due."""
    if election.purpose == ElectionPurpose.BOARD_RELEASE:
        return None  # h3: no one is elected; the ward Front decides the release
    recognition = post_recognition(election, ContestKind.INSPECTION_BOARD)
    contest = election.contests.filter(kind=ContestKind.INSPECTION_BOARD).first()
    result = current_result(contest) if contest else None
    if recognition is None and (
        result is None or result.elected_id is None or result.meeting.held_on is None
    ):
        return None
    if recognition is not None:
        held = recognition.details.get("held_on")
        held_on = datetime.datetime.strptime(held, "%d/%m/%Y").date() if held else recognition.decided_on
        received_on, done_on = recognition.received_on, recognition.decided_on
    else:
        assert result is not None and result.meeting.held_on is not None
        held_on, received_on, done_on = result.meeting.held_on, None, None
    deadline = rules.board_member_recognition_deadline_item(received_on, held_on, election.rules)
    status = rules.deadline_status(deadline, done_on, today)
    return ChecklistLine(
        deadline.key, deadline.label, deadline.basis, deadline.due, done_on, status, recordable=False
    )


def election_checklist(election: Election, today: datetime.date) -> list[ChecklistLine]:
    """The election page's checklist: the preparation deadlines, the re-run's once decided, the
    household-ballot plan's sending once that route was taken, and the ward Front's recognition
    of the board member once elected (each post on its own clock)."""
    if election.purpose == ElectionPurpose.HEAD_DISMISSAL:
        line = release_answer_line(election, today)
        return [line] if line is not None else []
    extra = [
        rerun_line(election, today),
        ballot_plan_line(election, today),
        board_recognition_line(election, today),
        *vacancy_lines(election, today),
    ]
    return checklist(election, today) + [line for line in extra if line is not None]


def release_answer_line(election: Election, today: datetime.date) -> ChecklistLine | None:
    """Once the dismissal meeting is counted: the ward recognises the release or answers in
    writing within 5 working days of receiving the community's decision (NĐ 59 Art. 9.3),
    counted from the meeting's day until the receipt is recorded; done on the ward's answer."""
    result = release_result(election)
    if result is None or result.meeting.held_on is None:
        return None
    received_on = election.community_decision_on or result.meeting.held_on
    deadline = rules.release_answer_deadline_item(received_on, election.rules)
    decision = release_decision(election)
    done_on = decision.decided_on if decision is not None else None
    status = rules.deadline_status(deadline, done_on, today)
    return ChecklistLine(
        deadline.key, deadline.label, deadline.basis, deadline.due, done_on, status, recordable=False
    )


def late_lines(election: Election, today: datetime.date) -> list[ChecklistLine]:
    return [line for line in checklist(election, today) if line.status == rules.LATE]


def record_closed(election: Election) -> bool:
    """Whether a sitting has opened: the team and the preparation dates then change only by a
    correction with its reason (NĐ 59/2023: the papers of the meeting record them)."""
    return election.meetings.exists()


def schedule_closed(election: Election) -> bool:
    """Whether the meeting's date, time and place are on record (the meeting took place) rather
    than still to come; a re-run opens a new schedule."""
    return election.stage not in SCHEDULABLE_STAGES


def milestone_label(election: Election, key: str) -> str:
    """The legal name of a preparation step, as the checklist shows it (the key if unscheduled)."""
    if election.meeting_date is None:
        return key
    for deadline in _deadlines(election):
        if deadline.key == key:
            return str(deadline.label)
    return key


def vacancy_line(vacancy: Vacancy, today: datetime.date) -> ChecklistLine | None:
    """A head's vacancy with a due day (NĐ 59 Art. 9.3): by when the ward decides the new
    election, done on that decision's day, late once the day passed without one. None for a
    vacancy the law sets no day for (a new khu phố's, a board seat's)."""
    if vacancy.post != OfficePost.HEAD or vacancy.due_on is None:
        return None
    deadline = rules.new_election_deadline_on(vacancy.due_on)
    decision = (
        Decision.objects.filter(election_id=vacancy.new_election_id, kind=DecisionKind.NEW_ELECTION)
        .order_by("pk")
        .first()
        if vacancy.new_election_id
        else None
    )
    done_on = decision.decided_on if decision is not None else None
    status = rules.deadline_status(deadline, done_on, today)
    return ChecklistLine(
        deadline.key, deadline.label, deadline.basis, deadline.due, done_on, status, recordable=False
    )


def vacancy_lines(election: Election, today: datetime.date) -> list[ChecklistLine]:
    """The new-election lines of the head's vacancies this election is concerned with: the one
    its head left (on the term election's page) and the one it was decided to fill."""
    vacancies = Vacancy.objects.filter(post=OfficePost.HEAD, due_on__isnull=False).filter(
        Q(left__election=election) | Q(new_election=election)
    )
    return [line for v in vacancies.order_by("vacant_from", "pk") if (line := vacancy_line(v, today))]
