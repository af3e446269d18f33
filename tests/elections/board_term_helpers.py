"""Phường 22's inspection board in office, for the tests of what happens between elections:
Khu phố 1's member elected at its meeting (``recognised_kp1``), Khu phố 2's and 3's by counts
stored directly, all recognised; the board elected its officers and the Front notified it."""

from __future__ import annotations

import datetime as dt

from elections import consultation
from elections.models import (
    BoardMeeting,
    Candidate,
    ContestKind,
    ContestResult,
    Election,
    ListStatus,
    Meeting,
    OfficePost,
    Plan,
    Tenure,
)
from elections.selectors import tenures as tenure_selectors
from elections.services import board, board_term, decisions
from elections.services import meeting as meeting_services
from elections.services.candidates import candidate_add
from tests.elections.count_helpers import check_in_first, run_procedure, vote_every_contest

OTHERS = {"Khu phố 2": "Phạm Văn Bình", "Khu phố 3": "Võ Thị Cúc"}


def elect_the_others(plan: Plan, front) -> None:
    """Khu phố 2's and 3's members, elected by a count stored directly and recognised."""
    for n, election in enumerate(
        plan.elections.filter(purpose="term")
        .exclude(neighborhood__name="Khu phố 1")
        .order_by("neighborhood__name")
    ):
        contest = election.contests.get(kind=ContestKind.INSPECTION_BOARD)
        contest.list_status = ListStatus.APPROVED
        contest.save(update_fields=["list_status"])
        candidate = Candidate.objects.create(
            contest=contest,
            full_name=OTHERS[election.neighborhood.name],
            gender="female",
            birth_date=dt.date(1971, 1, 1 + n),
            nomination_source="front_committee",
        )
        meeting = Meeting.objects.create(election=election, household_total=10, held_on=dt.date(2024, 10, 27))
        ContestResult.objects.create(
            meeting=meeting,
            contest=contest,
            method="secret_ballot",
            household_total=10,
            present=8,
            issued=8,
            returned=8,
            valid=8,
            invalid=0,
            counts={str(candidate.pk): 7},
            elected=candidate,
            reason="7/10 hộ",
            threshold=6,
        )
        decisions.board_member_recognise(
            by=front, election=election, received_on=dt.date(2024, 11, 18), decided_on=dt.date(2024, 11, 20)
        )


def board_in_office(election: Election, personas, head_from: str = "Khu phố 2") -> BoardMeeting:
    """The board of 3 (the plan sets 3 for a ward of 3 khu phố) elects its head (Khu phố 2's
    member, or ``head_from``'s) and one deputy (Khu phố 3's, or Khu phố 2's when the head is
    Khu phố 3's), and the Front notifies its composition on 26/11/2024."""
    plan = election.plan
    plan.rule_overrides = {"inspection_board_min_members": 3}
    plan.save(update_fields=["rule_overrides"])
    plan = Plan.objects.get(pk=plan.pk)
    front = personas.p22_mttq
    elect_the_others(plan, front)
    members = {
        t.neighborhood.name: t.candidate_id for t in Tenure.objects.filter(post=OfficePost.BOARD_MEMBER)
    }
    meeting = board.board_meeting_convene(
        by=front,
        plan=plan,
        convened_on=dt.date(2024, 11, 21),
        held_on=dt.date(2024, 11, 25),
        place="Hội trường UBND phường",
        chair="Nguyễn Văn Chủ",
        secretary="Trần Thị Thư",
        deputies=1,
    )
    meeting = board.board_attendance_record(by=front, meeting=meeting, present=list(members.values()))
    deputy_from = "Khu phố 3" if head_from != "Khu phố 3" else "Khu phố 2"
    meeting = board.board_officers_elect(
        by=front,
        meeting=meeting,
        head=members[head_from],
        head_votes=3,
        deputies=[members[deputy_from]],
        deputy_votes=[3],
    )
    board.board_notice_issue(by=front, meeting=meeting, issued_on=dt.date(2024, 11, 26))
    return meeting


def kp1_member(neighborhood) -> Tenure:
    (member,) = tenure_selectors.serving(neighborhood, OfficePost.BOARD_MEMBER)
    return member


def hold_meeting(election: Election, personas, *, present: int = 7, share: int | None = None) -> None:
    """Khu phố 1's election team holds the meeting: ``present`` of its 10 households check in
    and each contest's first candidate gets ``share`` approvals (default: every ballot)."""
    team = personas.p22_kp1_tobaucu, personas.p22_kp1_thuky
    meeting = meeting_services.meeting_open(by=team[0], election=election)
    check_in_first(meeting, team[0], present)
    vote_every_contest(run_procedure(meeting), *team, share=share)
    election.refresh_from_db()


def approve_list(election: Election, personas, full_name: str = "Đỗ Thị Mới") -> Candidate:
    """The by-election's list, as for an election: the Front committee's candidate, the Party
    cell's opinion, the official list, sent to the ward, approved by the ward Front."""
    contest = election.contests.get(kind=ContestKind.INSPECTION_BOARD)
    candidate = candidate_add(
        contest=contest,
        full_name=full_name,
        gender="female",
        birth_date=dt.date(1980, 5, 6),
        nomination_source="front_committee",
    )
    for step, user in (
        ("record_party_opinion", personas.p22_ubnd),
        ("fix_official_list", personas.p22_ubnd),
        ("send_to_ward", personas.p22_ubnd),
        ("approve", personas.p22_mttq),
    ):
        consultation.list_transition(contest, step, by=user)
    election.refresh_from_db()
    return candidate


def release_through_meeting(
    member: Tenure, personas, *, proposed_on: dt.date, decided_on: dt.date, ground="not_completing"
):
    front = personas.p22_mttq
    release = board_term.board_release_propose(
        by=front,
        tenure=member,
        ground=ground,
        reasons="Nhiều lần không tham gia kiểm tra",
        proposed_on=proposed_on,
    )
    board_term.board_release_schedule(
        by=front,
        release=release,
        meeting_date=proposed_on + dt.timedelta(days=10),
        meeting_place="Nhà văn hóa khu phố 1",
    )
    assert release.election is not None
    hold_meeting(release.election, personas)
    board_term.board_release_decide(by=front, release=release, decided_on=decided_on)
    release.refresh_from_db()
    return release
