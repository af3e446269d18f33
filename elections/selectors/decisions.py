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
    ElectionPurpose,
    ListStatus,
    Meeting,
    Plan,
    Stage,
)
from elections.selectors.count import (
    current_result,
    elected_ids,
    open_seats,
    result_elected,
    standing_results,
)
from elections.selectors.meeting import current_meeting_any
from elections.selectors.tenures import term_elections
from wardvote.text import natural_key

# The inspection board's decisions belong to the ward Front; every other decision to the ward.
BOARD_KINDS = (
    DecisionKind.RECOGNISE_BOARD,
    DecisionKind.BOARD_OFFICERS,
    DecisionKind.RECOGNISE_BOARD_MEMBER,
    DecisionKind.RELEASE_BOARD_MEMBER,
)


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
    if election.purpose == ElectionPurpose.BOARD_RELEASE:
        # The meeting lets a member go: the ward Front decides the release, recognises no one.
        return [_("Cuộc họp cho thôi thành viên Ban Thanh tra nhân dân không bầu ai để công nhận.")]
    if election.purpose == ElectionPurpose.HEAD_DISMISSAL:
        return [_("Cuộc họp cho thôi làm Trưởng khu phố không bầu ai: phường công nhận kết quả cho thôi.")]
    contest = election.contests.filter(kind=kind, list_status=ListStatus.APPROVED).first()
    label = ContestKind(kind).label
    result = current_result(contest) if contest else None
    # Everyone elected to the post so far: a khu phố electing two board members may have
    # elected one at its meeting and the other at the re-run for the open seat.
    elected = elected_ids(contest) if contest else []
    if result is None or not elected:
        return [_("Chưa có người trúng cử %(contest)s.") % {"contest": label}]
    current = current_meeting_any(election)
    if election.stage in OPEN_COUNT_STAGES and current is not None and result.meeting_id == current.pk:
        return [_("Chưa chốt kết quả kiểm phiếu của cuộc họp.")]
    recognition = post_recognition(election, kind)
    if recognition is not None and set(elected) <= {m["candidate"] for m in recognised_members(recognition)}:
        return [_("%(contest)s đã được công nhận.") % {"contest": label}]
    return []


def recognised_members(recognition: Decision) -> list[dict]:
    """The people a recognition names, one dict per person (a khu phố electing two board
    members has both in ``details["members"]``; a one-seat recognition is its details)."""
    details = recognition.details
    if details.get("members"):
        return list(details["members"])
    return [details] if "candidate" in details else []


# h3: the meeting on letting a board member go is answered by the ward Front's decision
# (Luật Art. 36.2; NĐ 59 Art. 13.1), not by the ward's answers about an election.
def _release_is_the_fronts() -> str:
    return _(
        "Ủy ban MTTQ phường xem xét, quyết định cho thôi thành viên Ban Thanh tra nhân dân sau cuộc họp "
        "này (NĐ 59/2023/NĐ-CP, Điều 13.1)."
    )


def answer_problems(election: Election) -> list[str]:
    """Why the ward cannot answer in writing or ask to amend now: only on a counted election
    whose head is not recognised yet (NĐ 59 Art. 8; Luật Art. 22.2)."""
    if election.purpose == ElectionPurpose.BOARD_RELEASE:
        return [_release_is_the_fronts()]
    if election.purpose == ElectionPurpose.HEAD_DISMISSAL:
        return [_("Cuộc họp cho thôi làm Trưởng khu phố: phường trả lời theo Điều 9.3 NĐ 59/2023/NĐ-CP.")]
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
    if election.purpose == ElectionPurpose.BOARD_RELEASE:
        return [_release_is_the_fronts()]
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
    return [
        c for c in contests if RECOGNITION_KINDS[c.kind] not in recognised or not _every_seat_recognised(c)
    ]


def _every_seat_recognised(contest: Contest) -> bool:
    """A contest of several seats is done only once every seat is filled and every person it
    elected is recognised (a half-filled one waits for its re-run)."""
    if contest.seats == 1:
        return True
    recognition = post_recognition(contest.election, contest.kind)
    recognised = {m["candidate"] for m in recognised_members(recognition)} if recognition else set()
    return open_seats(contest) == 0 and set(elected_ids(contest)) <= recognised


def board_members(plan: Plan) -> tuple[list[dict], list[str]]:
    """Each khu phố's inspection-board members as the ward Front RECOGNISED them (latest version
    of each recognition; one dict per person, two for a khu phố electing two), and the khu phố
    whose members are not all recognised yet (none, or a seat still open)."""
    members, missing = [], []
    elections = term_elections(plan).select_related("neighborhood").order_by("neighborhood__name")
    for election in sorted(elections, key=lambda e: natural_key(e.neighborhood.name)):
        contest = election.contests.filter(kind=ContestKind.INSPECTION_BOARD).first()
        if contest is None:
            continue
        recognition = latest_decision(election, DecisionKind.RECOGNISE_BOARD_MEMBER)
        if recognition is None or not _every_seat_recognised(contest):
            missing.append(election.neighborhood.name)
        if recognition is not None:
            members += [
                {
                    "candidate": member["candidate"],
                    "full_name": member["full_name"],
                    "neighborhood": election.neighborhood.name,
                }
                for member in recognised_members(recognition)
            ]
    return members, missing


def board_complete(plan: Plan) -> bool:
    """Every seat of the board recognised: no khu phố waiting, and exactly the seats of
    ``rules.inspection_board_seats`` (Luật Art. 36.1; NĐ 59 Art. 13.2)."""
    members, missing = board_members(plan)
    return not missing and not rules.inspection_board_size_problems(
        len(members), term_elections(plan).count(), plan.rules
    )


def board_member_list(election: Election) -> list[dict]:
    """Every board member this khu phố elected, one dict per person (the same keys), in the
    order of the sittings and of approvals: two for a khu phố electing two, possibly one at its
    meeting and one at the re-run for the open seat (empty while no one is)."""
    contest = election.contests.filter(kind=ContestKind.INSPECTION_BOARD).first()
    if contest is None:
        return []
    candidates = {c.pk: c for c in contest.candidates.all()}
    members: list[dict] = []
    for result in standing_results(contest):
        for pk in result_elected(result):
            if pk in candidates and pk not in [m["candidate"] for m in members]:
                members.append(_member(election, result, candidates[pk]))
    return members


def _member(election: Election, result: ContestResult, candidate) -> dict:
    return {
        "candidate": candidate.pk,
        "full_name": candidate.full_name,
        "gender": candidate.gender,  # "ông" or "bà" in the recognition decision
        "birth_year": candidate.birth_date.year,
        "neighborhood": election.neighborhood.name,
        "approvals": _approvals(result, candidate.pk),
        "household_total": result.household_total,
        "reason": result.reason,
        "meeting_number": result.meeting.number,
        "held_on": f"{result.meeting.held_on:%d/%m/%Y}" if result.meeting.held_on else "",
        "result_version": result.version,
    }


def board_member_details(election: Election) -> dict:
    """The elected board members as the Front's recognition names them (empty while no one
    is): the keys of the first member (the one-seat case) and ``members``, every member with
    the same keys (``board_member_list``)."""
    members = board_member_list(election)
    if not members:
        return {}
    latest = members[-1]
    return {
        **members[0],
        "held_on": latest["held_on"],
        "meeting_number": latest["meeting_number"],
        "members": members,
    }


def _approvals(result: ContestResult, candidate: int | None = None) -> int:
    approvals = result.counts[str(candidate if candidate is not None else result.elected_id)]
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
        "gender": result.elected.gender,  # "ông" or "bà" in the recognition decision
        "birth_year": result.elected.birth_date.year,
        "approvals": _approvals(result),
        "household_total": result.household_total,
        "reason": result.reason,
        "result_version": result.version,
    }
