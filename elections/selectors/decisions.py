"""Reads of the decisions after the count: the latest version of a decision, which posts
are recognised (each on its own: the head by the ward, each khu phố's board member by the
ward Front), the inspection board's recognised members, and the outcomes and elected
people as a decision quotes them."""

from __future__ import annotations

from django.utils.translation import gettext as _

from elections import rules
from elections.models import (
    Contest,
    ContestKind,
    ContestResult,
    Decision,
    DecisionKind,
    Election,
    ListStatus,
    Meeting,
    Plan,
    Stage,
)
from elections.selectors.count import current_result
from elections.selectors.meeting import current_meeting_any
from wardvote.text import natural_key

# The inspection board's decisions belong to the ward Front; every other decision to the ward.
BOARD_KINDS = (DecisionKind.RECOGNISE_BOARD, DecisionKind.BOARD_OFFICERS, DecisionKind.RECOGNISE_BOARD_MEMBER)


def latest_decision(election: Election | None, kind: str, plan: Plan | None = None) -> Decision | None:
    decisions = Decision.objects.filter(kind=kind)
    decisions = (
        decisions.filter(election=election) if election else decisions.filter(plan=plan, election=None)
    )
    return decisions.order_by("-version", "-pk").first()


# The decision that recognises each post, and who issues it (Luật Art. 21.2; 40.2.b).
RECOGNITION_KINDS: dict[str, str] = {
    ContestKind.HEAD: DecisionKind.RECOGNISE_HEAD,
    ContestKind.INSPECTION_BOARD: DecisionKind.RECOGNISE_BOARD_MEMBER,
}


def post_recognition(election: Election, kind: str) -> Decision | None:
    """The standing recognition of one post of the election (latest version), if any."""
    return latest_decision(election, RECOGNITION_KINDS[kind])


# The stages in which the current sitting's count is still open: its results are not final.
OPEN_COUNT_STAGES = (Stage.MEETING_HELD, Stage.HOUSEHOLD_BALLOTS)


def post_recognition_problems(election: Election, kind: str) -> list[str]:
    """Why the post cannot be recognised now: no one elected to it, its sitting's count not
    closed, or already recognised. The same for the head and the board member; a page offers
    the recognition only when there is none."""
    contest = election.contests.filter(kind=kind, list_status=ListStatus.APPROVED).first()
    label = ContestKind(kind).label
    result = current_result(contest) if contest else None
    if result is None or result.elected_id is None:
        return [_("Chưa có người trúng cử %(contest)s.") % {"contest": label}]
    current = current_meeting_any(election)
    if election.stage in OPEN_COUNT_STAGES and current is not None and result.meeting_id == current.pk:
        return [_("Chưa chốt kết quả kiểm phiếu của cuộc họp.")]
    if post_recognition(election, kind) is not None:
        return [_("%(contest)s đã được công nhận.") % {"contest": label}]
    return []


def answer_problems(election: Election) -> list[str]:
    """Why the ward cannot answer in writing or ask to amend now: only on a counted election
    whose head is not recognised yet (NĐ 59 Art. 8; Luật Art. 22.2)."""
    if election.stage != Stage.COUNTED:
        return [_("Chỉ trả lời về kết quả khi cuộc bầu cử đã kiểm phiếu xong.")]
    if post_recognition(election, ContestKind.HEAD) is not None:
        return [_("Trưởng khu phố đã được công nhận.")]
    return []


def filled_results(meeting: Meeting) -> list[ContestResult]:
    """The standing results of this sitting that elected someone."""
    results = meeting.results.select_related("contest", "elected")
    return [r for r in results if r.elected_id and current_result(r.contest) == r]


def annul_problems(election: Election) -> list[str]:
    """Why the ward cannot annul the latest sitting's community decision now (Luật Art. 22.2):
    only on a counted election, a sitting that elected someone, and no post of it recognised
    (revoking a recognition is not modelled)."""
    meeting = current_meeting_any(election)
    if election.stage != Stage.COUNTED or meeting is None:
        return [_("Chỉ bãi bỏ quyết định của cộng đồng dân cư sau khi đã kiểm phiếu xong.")]
    filled = filled_results(meeting)
    if not filled:
        return [_("Cuộc họp không bầu được ai: không có kết quả để bãi bỏ; hãy quyết định bầu lại.")]
    recognised = [r.contest.get_kind_display() for r in filled if post_recognition(election, r.contest.kind)]
    if recognised:
        return [
            _("Đã công nhận %(posts)s: không bãi bỏ được quyết định của cộng đồng dân cư.")
            % {"posts": ", ".join(recognised)}
        ]
    return []


def annulled_sittings(election: Election) -> set[int]:
    """The numbers of the sittings whose community decision the ward annulled (Luật Art. 22.2)."""
    return {
        d.details["meeting_number"]
        for d in Decision.objects.filter(election=election, kind=DecisionKind.ANNUL)
        if "meeting_number" in d.details
    }


def unrecognised_contests(election: Election) -> list[Contest]:
    """The approved contests whose post is not recognised yet: the election is done
    (``Stage.RECOGNISED``) only when there is none."""
    recognised = set(
        Decision.objects.filter(election=election, kind__in=RECOGNITION_KINDS.values()).values_list(
            "kind", flat=True
        )
    )
    contests = election.contests.filter(list_status=ListStatus.APPROVED).order_by("kind")
    return [c for c in contests if RECOGNITION_KINDS[c.kind] not in recognised]


def board_members(plan: Plan) -> tuple[list[dict], list[str]]:
    """Each khu phố's inspection-board member as the ward Front RECOGNISED them (latest version
    of each recognition), and the khu phố whose member is not recognised yet."""
    members, missing = [], []
    elections = plan.elections.select_related("neighborhood").order_by("neighborhood__name")
    for election in sorted(elections, key=lambda e: natural_key(e.neighborhood.name)):
        if not election.contests.filter(kind=ContestKind.INSPECTION_BOARD).exists():
            continue
        recognition = latest_decision(election, DecisionKind.RECOGNISE_BOARD_MEMBER)
        if recognition is None:
            missing.append(election.neighborhood.name)
        else:
            members.append(
                {
                    "candidate": recognition.details["candidate"],
                    "full_name": recognition.details["full_name"],
                    "neighborhood": election.neighborhood.name,
                }
            )
    return members, missing


def board_complete(plan: Plan) -> bool:
    """Every seat of the board recognised: no khu phố waiting, and exactly the seats of
    ``rules.inspection_board_seats`` (Luật Art. 36.1; NĐ 59 Art. 13.2)."""
    members, missing = board_members(plan)
    return not missing and not rules.inspection_board_size_problems(
        len(members), plan.elections.count(), plan.rules
    )


def board_member_details(election: Election) -> dict:
    """The elected board member as the Front's recognition names them (empty while no one is)."""
    contest = election.contests.filter(kind=ContestKind.INSPECTION_BOARD).first()
    result = current_result(contest) if contest else None
    if result is None or result.elected is None:
        return {}
    return {
        "candidate": result.elected_id,
        "full_name": result.elected.full_name,
        "birth_year": result.elected.birth_date.year,
        "neighborhood": election.neighborhood.name,
        "approvals": _approvals(result),
        "household_total": result.household_total,
        "reason": result.reason,
        "meeting_number": result.meeting.number,
        "held_on": f"{result.meeting.held_on:%d/%m/%Y}" if result.meeting.held_on else "",
        "result_version": result.version,
    }


def _approvals(result: ContestResult) -> int:
    approvals = result.counts[str(result.elected_id)]
    return approvals[0] if isinstance(approvals, list) else approvals


def outcome_lines(election: Election) -> list[str]:
    """Each contest's standing outcome in words, as a decision after the count quotes it."""
    lines = []
    for contest in election.contests.order_by("kind"):
        result = current_result(contest)
        if result:
            lines.append(f"{contest.get_kind_display()}: {result.reason}")
    return lines


def elected_details(election: Election) -> dict:
    """The elected head as the recognition decision names them (empty while no one is)."""
    head = election.contests.filter(kind=ContestKind.HEAD).first()
    result = current_result(head) if head else None
    if result is None or result.elected is None:
        return {}
    return {
        "candidate": result.elected_id,
        "full_name": result.elected.full_name,
        "birth_year": result.elected.birth_date.year,
        "approvals": _approvals(result),
        "household_total": result.household_total,
        "reason": result.reason,
        "result_version": result.version,
    }
