"""Meeting day in a few calls, as the election team would do it (used by several tests)."""

from __future__ import annotations

from elections.models import ContestKind, Meeting, VotingMethod
from elections.selectors import count as count_selectors
from elections.selectors import meeting as meeting_selectors
from elections.services import meeting as meeting_services
from elections.services import procedure, results


def check_in_first(meeting: Meeting, user, count: int) -> None:
    households = meeting.election.neighborhood.households.filter(status="active").order_by("code")[:count]
    for household in households:
        meeting_services.check_in(by=user, meeting=meeting, household=household)


def run_procedure(meeting: Meeting, method: str = VotingMethod.SECRET_BALLOT) -> Meeting:
    present = meeting_selectors.voters(meeting)
    procedure.secretary_approve(meeting=meeting, name="Trần Thị Thư", votes_for=present)
    procedure.list_present(meeting=meeting)
    procedure.voting_method_choose(meeting=meeting, method=method, votes_for=present)
    if method == VotingMethod.SECRET_BALLOT:
        procedure.counting_board_approve(
            meeting=meeting,
            members=["Lê Văn An", "Phạm Thị Bình", "Võ Văn Cường"],
            votes_for=present,
            witnesses=["Đỗ Văn Dũng", "Ngô Thị Em"],
        )
    meeting.refresh_from_db()
    return meeting


def contest(meeting: Meeting, kind: str = ContestKind.HEAD):
    return meeting.election.contests.get(kind=kind)


def secret_ballot(approvals: dict, *, issued: int, returned: int | None = None, invalid: int = 0) -> dict:
    """Figures for a secret ballot where every returned ballot but ``invalid`` is valid."""
    returned = issued if returned is None else returned
    return {
        "method": VotingMethod.SECRET_BALLOT,
        "figures": {"issued": issued, "returned": returned, "valid": returned - invalid, "invalid": invalid},
        "counts": {c.pk: n for c, n in approvals.items()},
    }


def enter_twice(meeting: Meeting, contest_, first_user, second_user, tally: dict):
    results.tally_submit(by=first_user, meeting=meeting, contest=contest_, **tally)
    return results.tally_submit(by=second_user, meeting=meeting, contest=contest_, **tally)


def vote_every_contest(meeting: Meeting, first_user, second_user, share: int | None = None) -> None:
    """Each contest's first candidate gets ``share`` approvals (default: every ballot)."""
    present = meeting_selectors.voters(meeting)
    for c in meeting_selectors.contests_to_vote(meeting):
        candidates = count_selectors.candidates_of(c)
        approvals = dict.fromkeys(candidates, 0)
        approvals[candidates[0]] = present if share is None else share
        enter_twice(meeting, c, first_user, second_user, secret_ballot(approvals, issued=present))
