"""Reads of the inspection board between elections (issue 14, item 2): who serves today per
khu phố (from tenures), the open board vacancies and whether a by-election fills them (Luật
Art. 36.2), the Front's proposals to let a member go and how the khu phố's meeting answered,
and the board's officers as they stand (NĐ 59 Art. 13.3)."""

from __future__ import annotations

from dataclasses import dataclass, field

from elections import rules
from elections.models import (
    BoardMeeting,
    BoardRelease,
    ContestKind,
    OfficePost,
    Plan,
    Stage,
    Tenure,
    Vacancy,
)
from elections.selectors.board import latest_board_notice
from elections.selectors.count import current_result
from elections.selectors.tenures import open_vacancies
from neighborhoods.models import Division
from wardvote.text import natural_key

OFFICE_LABELS = {"head": "Trưởng ban", "deputy": "Phó Trưởng ban"}


def serving_members(ward: Division) -> list[Tenure]:
    """The board members serving today, in the order of their khu phố."""
    tenures = Tenure.objects.filter(
        ward=ward, post=OfficePost.BOARD_MEMBER, ended_on__isnull=True
    ).select_related("neighborhood", "election")
    return sorted(tenures, key=lambda t: (natural_key(t.neighborhood.name), t.started_on, t.pk))


def current_members(ward: Division) -> list[dict]:
    """The serving members as a board meeting and a notice hold them (the keys of
    ``selectors.decisions.board_members``)."""
    return [
        {"candidate": t.candidate_id, "full_name": t.full_name, "neighborhood": t.neighborhood.name}
        for t in serving_members(ward)
    ]


def open_release(tenure: Tenure) -> BoardRelease | None:
    """The Front's proposal about this member still waiting for its decision, if any."""
    return tenure.release_proposals.filter(decision__isnull=True).order_by("-pk").first()


@dataclass
class ReleaseState:
    """Where a proposal stands: the khu phố's meeting not held or not counted yet, counted
    and agreed (more than half of all households), or counted and refused."""

    release: BoardRelease
    counted: bool = False
    agreed: bool = False
    approvals: int = 0
    household_total: int = 0
    reason: str = ""


def release_state(release: BoardRelease) -> ReleaseState:
    state = ReleaseState(release)
    election = release.election
    if election is None or election.stage not in (Stage.COUNTED, Stage.RECOGNISED):
        return state
    contest = election.contests.get(kind=ContestKind.INSPECTION_BOARD)
    result = current_result(contest)
    if result is None:
        return state
    candidate = contest.candidates.get()
    approvals = result.counts.get(str(candidate.pk), 0)
    approvals = approvals[0] if isinstance(approvals, list) else approvals
    state.counted = True
    state.approvals, state.household_total, state.reason = approvals, result.household_total, result.reason
    state.agreed = result.elected_id == candidate.pk and rules.board_release_agreed(
        result.household_total, approvals
    )
    return state


def board_vacancies(ward: Division) -> list[Vacancy]:
    """The open board seats of the ward, each with its guidance once a by-election is open."""
    return list(
        open_vacancies(ward)
        .filter(post=OfficePost.BOARD_MEMBER)
        .select_related("new_election", "left", "by_election_guidance")
    )


def no_by_election_reason(vacancy: Vacancy) -> str:
    """Why the seat is not filled by a by-election ("" when one is required)."""
    if vacancy.by_election_required:
        return ""
    if vacancy.left is None:
        return ""
    return " ".join(rules.by_election_problems(vacancy.left.term_ends_on, vacancy.vacant_from))


def standing_officers_meeting(plan: Plan) -> BoardMeeting | None:
    """The latest board meeting that elected officers: its ``officers`` are the board's
    officers today (a later meeting that replaces one stores the whole set again)."""
    return plan.board_meetings.filter(elected_at__isnull=False).order_by("-number").first()


@dataclass
class VacantOffice:
    office: str  # "head" or "deputy"
    left: dict  # the officer as the meeting recorded them
    label: str = field(init=False)

    def __post_init__(self) -> None:
        self.label = OFFICE_LABELS[self.office]


def vacant_offices(plan: Plan) -> list[VacantOffice]:
    """The board's offices whose holder no longer serves as a member, head first."""
    meeting = standing_officers_meeting(plan)
    if meeting is None:
        return []
    serving = {m["candidate"] for m in current_members(plan.division)}
    officers = meeting.officers
    vacant = [VacantOffice("head", officers["head"])] if officers["head"]["candidate"] not in serving else []
    return vacant + [VacantOffice("deputy", d) for d in officers["deputies"] if d["candidate"] not in serving]


def notice_outdated(plan: Plan) -> bool:
    """Whether the board as it stands differs from what the latest notice of its composition
    says (a member let go, a by-elected member, an officer replaced)."""
    notice = latest_board_notice(plan)
    if notice is None:
        return False
    meeting = standing_officers_meeting(plan)
    named = {m["candidate"] for m in notice.details["members"]}
    officers = meeting.officers if meeting else {}
    return named != {m["candidate"] for m in current_members(plan.division)} or (
        notice.details["head"] != officers.get("head")
        or notice.details["deputies"] != officers.get("deputies")
    )
