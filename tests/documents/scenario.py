"""One ward's whole campaign, fixed in every name, figure and date, with the moments at which
each paper is printed: the source of the golden papers.

Phường Mẫu has four khu phố, all meeting on Sunday 27/10/2024:

- Khu phố 1 goes the ordinary way (secret ballot, both posts elected); the ward first answers
  in writing, then recognises the head; the ward Front recognises the board member.
- Khu phố 2 votes by show of hands; the ward asks the community to amend its decision, then
  annuls it; the re-run of 10/11 elects.
- Khu phố 3 gathers only half of its households: household ballots (NĐ 59 Art. 4).
- Khu phố 4 elects nobody: the ward decides a re-run and appoints an interim head; the re-run
  of 10/11 elects.

Then the ward Front convenes the board (4 members: the plan sets the floor at 4), which elects
its head and one deputy, and the Front gives notice of its composition. Three decision kinds
no service issues any more (household ballots, the whole board, the officers) are stored as
the old records were, so their papers stay covered.

In March 2025 Khu phố 1's head resigns: the ward chairman designates a convener, the ward
appoints an interim head and decides to elect a new head (NĐ 59 Art. 3.1.d, 9.3).

Everything goes through the services, on a clock moved to each day's hour, and each paper is
printed (``keep``) at the moment a ward would print it: a later step may change what it says.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import time_machine
from django.utils import timezone

from elections import board_documents, board_term_documents, consultation, count_documents, documents, rules
from elections.models import (
    BoardReleaseGround,
    ContestKind,
    Decision,
    DecisionKind,
    Election,
    OfficePost,
    Plan,
    PlannerRole,
    ReleaseChair,
    ReleaseGround,
    ReleaseWayIn,
    Vacancy,
    VotingMethod,
)
from elections.selectors import count as count_selectors
from elections.selectors import meeting as meeting_selectors
from elections.selectors import tenures as tenure_selectors
from elections.selectors.tenures import serving_head
from elections.services import (
    board,
    board_term,
    clusters,
    decisions,
    head_release,
    household_ballots,
    vacancies,
)
from elections.services import meeting as meeting_services
from elections.services.candidates import candidate_add, list_conference_record
from elections.services.plans import election_schedule, plan_create
from elections.services.team import team_member_add
from neighborhoods.models import Division, Level, Role
from neighborhoods.services.divisions import child_path, country
from reporting.documents import get_kind
from reporting.issuing import OfficeBody, Position
from reporting.models import OfficeHolder
from reporting.selectors import signers_for, slot_holders
from reporting.services import document_issue, document_render, document_request
from tests.elections import ballot_helpers
from tests.elections.count_helpers import enter_twice, run_procedure, secret_ballot
from tests.factories import HouseholdFactory, make_staff

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
MEETING_DAY = dt.date(2024, 10, 27)
RERUN_DAY = dt.date(2024, 11, 10)
HOUSEHOLDS_PER_KHU_PHO = 10
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"]
GIVEN = ["Văn An", "Thị Bình", "Văn Cường", "Thị Dung", "Văn Đức", "Thị Giang", "Văn Hải", "Thị Hoa"]
HEAD_CANDIDATES = {1: "Nguyễn Thị Hường", 2: "Trần Văn Phúc", 3: "Lê Văn Quang", 4: "Phạm Thị Sen"}
BOARD_CANDIDATES = {1: "Đỗ Thị Lan", 2: "Bùi Văn Minh", 3: "Hồ Thị Ngọc", 4: "Đinh Văn Phong"}
TEAM_HEADS = {1: "Trần Văn Bình", 2: "Lê Văn Châu", 3: "Phạm Văn Dũng", 4: "Võ Văn Giàu"}


def paper(kind_key: str, source) -> bytes:
    """THE one place that produces a paper's PDF for the golden tests: the paper as issued,
    signed on the day the issue form proposes (the sitting's day for minutes, else the frozen
    clock's day) by the first signer of its register (the chairman), with
    the register's holder in each slot the record leaves to it; a form that is only printed
    (a ballot) as it is printed."""
    document = document_request(kind=kind_key, source=source)
    spec = get_kind(kind_key)
    if spec.issuer is not None and not document.is_issued:
        issuer = spec.issuer(source)
        document = document_issue(
            document=document,
            by=None,
            signed_on=issuer.proposed_date(timezone.localdate()),
            signer=signers_for(issuer).first(),
            slot_signers={
                slot: slot_holders(issuer, body).first() for slot, body in issuer.register_slots.items()
            },
        )
    document = document_render(document.pk)
    with document.file.open("rb") as pdf:
        return pdf.read()


# Every paper the scenario prints, by the name of its golden file (in the order printed).
PAPERS = [
    "decision_to_hold",
    "team_decision",
    "candidate_list_minutes",
    "candidate_notice",
    "meeting_invitation",
    "meeting_invitations",
    "cluster_invitations",
    "ballot_papers",
    "counting_minutes_secret_ballot",
    "community_decision",
    "counting_minutes_show_of_hands",
    "decision_rerun",
    "decision_written_answer",
    "decision_interim_head",
    "decision_request_amendment",
    "decision_annul_community_decision",
    "decision_recognise_head",
    "decision_recognise_board_member",
    "household_ballot_paper",
    "household_ballot_minutes",
    "household_ballot_decision",
    "decision_household_ballots",
    "board_minutes",
    "board_notice",
    "decision_recognise_board",
    "decision_board_officers",
    # h1: between elections, a head let go (NĐ 59 Art. 9).
    "meeting_invitation_head_dismissal",
    "counting_minutes_head_dismissal",
    "community_decision_head_dismissal",
    "decision_recognise_release",
    "decision_release_answer",
    "decision_release_decided",
    "decision_convener",
    "decision_interim_head_vacancy",
    "decision_new_election",
    # h3: Khu phố 4's board member let go and a by-election (Luật Art. 36.2)
    "board_release_proposal",
    "decision_release_board_member",
    "by_election_guidance",
    "decision_recognise_board_member_by_election",
    "board_notice_again",
]

# Fixed ids for the map: the candidate notice prints the address of the ward's public page,
# which carries the ward's id; an id drawn from a sequence would depend on what ran before.
WARD_ID = 70010
# And the site's address in it (an environment setting otherwise).
PUBLIC_BASE_URL = "https://phuongmau.example.vn"


def _division(pk: int, parent: Division | None, level: str, name: str, type_word: str) -> Division:
    """As ``division_create`` makes it, with a given id."""
    division = Division.objects.create(pk=pk, level=level, name=name, type_word=type_word, parent=parent)
    division.path = child_path(parent, pk)
    division.save(update_fields=["path"])
    return division


# keep(name, kind_key, source): print the paper now and keep it under ``name``.
Keep = Callable[[str, str, object], None]


def at(clock: time_machine.Traveller, day: dt.date, hour: int = 9, minute: int = 0) -> None:
    """Move the frozen clock to a local time of day: timestamps the services take (a list read
    out, a meeting closed) fall on the day the scenario says."""
    clock.move_to(dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LOCAL))


def build(keep: Keep) -> None:
    with time_machine.travel(dt.datetime(2024, 8, 20, 9, 0, tzinfo=LOCAL), tick=False) as clock:
        _Campaign(clock, keep).run()


class _Campaign:
    def __init__(self, clock: time_machine.Traveller, keep: Keep):
        self.clock, self.keep = clock, keep

    def run(self) -> None:
        self.map_and_people()
        self.plans()
        self.prepare()
        self.meeting_day()
        self.after_the_meeting()
        self.household_ballots()
        self.reruns()
        self.recognitions()
        self.board()
        self.releases()
        self.head_vacancy()
        self.board_between_elections()

    # --- The map, the staff, the plans ------------------------------------------------------

    def map_and_people(self) -> None:
        self.city = _division(70001, country(), Level.PROVINCE, "Thành phố Hồ Chí Minh", "Thành phố")
        self.district = _division(70002, self.city, Level.DISTRICT, "Quận Mẫu", "Quận")
        self.ward = _division(WARD_ID, self.district, Level.WARD, "Phường Mẫu", "Phường")
        self.khu_pho = {
            n: _division(WARD_ID + n, self.ward, Level.NEIGHBORHOOD, f"Khu phố {n}", "Khu phố")
            for n in range(1, 5)
        }
        for n, neighborhood in self.khu_pho.items():
            for i in range(HOUSEHOLDS_PER_KHU_PHO):
                HouseholdFactory(
                    neighborhood=neighborhood,
                    code=f"KP{n}-{i + 1:03d}",
                    head_name=f"{SURNAMES[i]} {GIVEN[(i + n) % len(GIVEN)]}",
                    address=f"{i + 1} đường số {n}, {neighborhood.name}",
                )
        self.city_staff = make_staff("mau.tp.noivu", self.city, Role.CITY_HOME_AFFAIRS)
        self.district_staff = make_staff("mau.quan.noivu", self.district, Role.DISTRICT_HOME_AFFAIRS)
        self.official = make_staff("mau.ubnd", self.ward, Role.WARD_OFFICIAL)
        self.front = make_staff("mau.mttq", self.ward, Role.WARD_FRONT)
        # The register of who signs: the ward's chairman, its Front's chairman, and the head of
        # each khu phố's Front committee.
        for division, body, position, name in [
            (self.ward, OfficeBody.PEOPLES_COMMITTEE, Position.CHAIRMAN, "Phan Văn Chánh"),
            (self.ward, OfficeBody.FRONT, Position.CHAIRMAN, "Vũ Thị Mai"),
            *(
                (kp, OfficeBody.FRONT_COMMITTEE, Position.COMMITTEE_HEAD, f"Lý Văn Trưởng {n}")
                for n, kp in self.khu_pho.items()
            ),
        ]:
            OfficeHolder.objects.create(division=division, body=body, position=position, full_name=name)
        # Double entry of every count: two members of the ward's election teams.
        self.team = (
            make_staff("mau.tobaucu.a", self.ward, Role.ELECTION_TEAM),
            make_staff("mau.tobaucu.b", self.ward, Role.ELECTION_TEAM),
        )

    def plans(self) -> None:
        common: dict[str, Any] = {
            "term_start_year": 2024,
            "term_end_year": 2029,
            "elects_head": True,
            "elects_inspection_board": True,
            "completion_deadline": dt.date(2024, 11, 30),
            "issuing_bodies": "UBND – UBMTTQ",
            "legal_basis": "Luật 10/2022/QH15; Nghị định 59/2023/NĐ-CP",
        }
        city = plan_create(
            by=self.city_staff,
            division=self.city,
            parent=None,
            number="3550/KH-UBND",
            issued_on=dt.date(2024, 8, 20),
            title="Bầu cử Trưởng khu phố, ấp",
            **common,
        )
        at(self.clock, dt.date(2024, 9, 10))
        district = plan_create(
            by=self.district_staff,
            division=self.district,
            parent=city,
            number="2301/KH-UBND",
            issued_on=dt.date(2024, 9, 10),
            title="Bầu cử",
            **common,
        )
        at(self.clock, dt.date(2024, 10, 3))
        plan = plan_create(
            by=self.official,
            division=self.ward,
            parent=district,
            number="192/KHLT-UBND-UBMTTQ",
            issued_on=dt.date(2024, 10, 3),
            title="Bầu cử Trưởng khu phố và thành viên Ban TTND",
            **common,
        )
        # Four khu phố, one board member each: the plan sets the board's floor at 4.
        plan.rule_overrides = {"inspection_board_min_members": 4}
        plan.save(update_fields=["rule_overrides"])
        self.plan = Plan.objects.get(pk=plan.pk)
        self.elections = {n: self.plan.elections.get(neighborhood=kp) for n, kp in self.khu_pho.items()}

    # --- Before the meeting --------------------------------------------------------------

    def prepare(self) -> None:
        at(self.clock, dt.date(2024, 10, 7))
        for n, election in self.elections.items():
            election_schedule(
                by=self.official,
                election=election,
                meeting_date=MEETING_DAY,
                meeting_time=dt.time(8, 0),
                meeting_place=f"Nhà văn hóa Khu phố {n}",
            )
        at(self.clock, dt.date(2024, 10, 14))
        for n, election in self.elections.items():
            self.team_and_candidates(n, election)
        kp1 = self.election(1)
        list_conference_record(
            election=kp1,
            held_at=dt.datetime(2024, 10, 14, 8, 30, tzinfo=LOCAL),
            place="Nhà văn hóa Khu phố 1",
            members_total=9,
            members_present=8,
            chair="Lý Văn Trưởng 1",
            secretary="Mai Thị Thư",
            party_cell_opinion="Chi bộ khu phố thống nhất danh sách",
            votes_for=8,
        )
        at(self.clock, dt.date(2024, 10, 20), 10)
        self.keep("decision_to_hold", documents.DECISION_TO_HOLD, kp1)
        self.keep("team_decision", documents.TEAM_DECISION, kp1)
        self.keep("candidate_list_minutes", documents.LIST_MINUTES, kp1)
        self.keep("candidate_notice", documents.CANDIDATE_NOTICE, kp1)
        self.keep("meeting_invitation", documents.MEETING_INVITATION, kp1)
        self.keep("meeting_invitations", documents.MEETING_INVITATIONS, kp1)
        self.cluster_invitations(kp1)

    def cluster_invitations(self, kp1: Election) -> None:
        """Form 01 for the doors of one cluster (issue 18): a plan made for the print and taken
        away again, made directly, since Khu phố 1 meets as a whole."""
        plan = clusters.cluster_plan_create(by=self.official, election=kp1, scattered=True)
        cluster = clusters.cluster_add(
            by=self.official,
            plan=plan,
            name="Cụm số 1",
            chair_name="Lý Văn Trưởng 1",
            chair_capacity="front_member",
            meeting_date=dt.date(2024, 10, 26),
            meeting_time=dt.time(19, 30),
            meeting_place="Sân nhà văn hóa Khu phố 1",
            reporter_name="Mai Thị Thư",
        )
        clusters.households_assign(by=self.official, cluster=cluster, codes=["KP1-003", "KP1-001"])
        self.keep("cluster_invitations", documents.CLUSTER_INVITATIONS, cluster)
        plan.delete()

    def team_and_candidates(self, n: int, election: Election) -> None:
        team_member_add(election=election, full_name=TEAM_HEADS[n], role="head", represents="front_committee")
        team_member_add(
            election=election,
            full_name=f"{SURNAMES[n + 4]} Thị Thư {n}",
            role="secretary",
            represents="mass_organisation",
            organisation="Hội Liên hiệp Phụ nữ",
        )
        for contest in election.contests.order_by("kind"):
            head = contest.kind == ContestKind.HEAD
            full_name = HEAD_CANDIDATES[n] if head else BOARD_CANDIDATES[n]
            candidate_add(
                contest=contest,
                full_name=full_name,
                # "Thị" is a woman's middle name: the papers say "bà" for her, "ông" for him.
                gender="female" if " Thị " in full_name else "male",
                birth_date=dt.date(1966 + n, 3 + n, 8) if head else dt.date(1975 + n, 5, 1 + n),
                nomination_source="front_committee",
                education_level="Đại học" if head else "Trung học phổ thông",
                occupation="Hưu trí" if head else "Kinh doanh",
                party_member=head,
                biography=f"Sinh sống tại Khu phố {n} từ năm 1995",
            )
            for step, user in (
                ("record_party_opinion", self.official),
                ("fix_official_list", self.official),
                ("send_to_ward", self.official),
                ("approve", self.front),
            ):
                consultation.list_transition(contest, step, by=user)

    # --- Meeting day ---------------------------------------------------------------------

    def meeting_day(self) -> None:
        at(self.clock, MEETING_DAY, 8)
        # Khu phố 1: 7 of 10, secret ballot, both posts elected with every ballot.
        meeting = self.open_meeting(1, present=7)
        self.keep("ballot_papers", count_documents.BALLOT_PAPERS, self.contest(1, ContestKind.HEAD))
        self.vote_secretly(meeting, approvals=7)
        at(self.clock, MEETING_DAY, 10, 30)
        self.keep("counting_minutes_secret_ballot", count_documents.COUNTING_MINUTES, meeting)
        self.keep("community_decision", count_documents.COMMUNITY_DECISION, meeting)
        self.kp1_meeting = meeting
        # Khu phố 2: 8 of 10, show of hands: 7 for, 1 against for each post.
        at(self.clock, MEETING_DAY, 8)
        meeting = self.open_meeting(2, present=8, method=VotingMethod.SHOW_OF_HANDS)
        for contest in meeting_selectors.contests_to_vote(meeting):
            candidate = count_selectors.candidates_of(contest)[0]
            tally = {"method": VotingMethod.SHOW_OF_HANDS, "figures": {}, "counts": {candidate.pk: [7, 1, 0]}}
            enter_twice(meeting, contest, *self.team, tally)
        at(self.clock, MEETING_DAY, 10, 15)
        self.keep("counting_minutes_show_of_hands", count_documents.COUNTING_MINUTES, meeting)
        # Khu phố 3: 5 of 10 -- half, not more: nobody can be elected (Luật Art. 19.1.b).
        at(self.clock, MEETING_DAY, 8)
        self.vote_secretly(self.open_meeting(3, present=5), approvals=5)
        # Khu phố 4: 6 of 10 but only 5 approvals each: nobody elected.
        self.vote_secretly(self.open_meeting(4, present=6), approvals=5)

    def open_meeting(self, n: int, present: int, method: str = VotingMethod.SECRET_BALLOT):
        meeting = meeting_services.meeting_open(by=self.team[0], election=self.election(n))
        households = self.khu_pho[n].households.filter(status="active").order_by("code")[:present]
        for household in households:
            meeting_services.check_in(by=self.team[0], meeting=meeting, household=household)
        return run_procedure(meeting, method)

    def vote_secretly(self, meeting, approvals: int) -> None:
        issued = meeting_selectors.voters(meeting)
        for contest in meeting_selectors.contests_to_vote(meeting):
            candidate = count_selectors.candidates_of(contest)[0]
            enter_twice(meeting, contest, *self.team, secret_ballot({candidate: approvals}, issued=issued))
        meeting.refresh_from_db()

    # --- The ward's answers ----------------------------------------------------------------

    def after_the_meeting(self) -> None:
        at(self.clock, dt.date(2024, 10, 28))
        rerun = decisions.rerun_decide(
            by=self.official,
            election=self.election(4),
            decided_on=dt.date(2024, 10, 28),
            meeting_date=RERUN_DAY,
        )
        self.keep("decision_rerun", count_documents.DECISION, rerun)
        at(self.clock, dt.date(2024, 10, 30))
        answer = decisions.ward_answer(
            by=self.official,
            election=self.election(1),
            received_on=dt.date(2024, 10, 28),
            decided_on=dt.date(2024, 10, 30),
            reason="Biên bản thiếu chữ ký của 02 đại diện hộ gia đình chứng kiến việc kiểm phiếu.",
        )
        self.keep("decision_written_answer", count_documents.DECISION, answer)
        interim = decisions.interim_head_appoint(
            by=self.official,
            election=self.election(4),
            decided_on=dt.date(2024, 10, 30),
            full_name="Vũ Văn Tạm",
            front_agreed_on=dt.date(2024, 10, 29),
            front_agreed_by="Ngô Thị Mặt Trận",
        )
        self.keep("decision_interim_head", count_documents.DECISION, interim)
        request = decisions.community_decision_amend_request(
            by=self.official,
            election=self.election(2),
            decided_on=dt.date(2024, 10, 30),
            ground=rules.IRREGULAR_PROCEDURE,
            reason="Cuộc họp không lập danh sách hộ tham dự theo quy định.",
        )
        self.keep("decision_request_amendment", count_documents.DECISION, request)
        at(self.clock, dt.date(2024, 11, 1))
        annul = decisions.community_decision_annul(
            by=self.official,
            election=self.election(2),
            decided_on=dt.date(2024, 11, 1),
            ground=rules.IRREGULAR_PROCEDURE,
            reason="Khu phố không sửa đổi quyết định trong thời hạn đề nghị.",
            meeting_date=RERUN_DAY,
        )
        self.keep("decision_annul_community_decision", count_documents.DECISION, annul)
        recognised = decisions.head_recognise(
            by=self.official,
            election=self.election(1),
            received_on=dt.date(2024, 10, 31),
            decided_on=dt.date(2024, 11, 1),
        )
        self.keep("decision_recognise_head", count_documents.DECISION, recognised)
        member = decisions.board_member_recognise(
            by=self.front,
            election=self.election(1),
            received_on=dt.date(2024, 10, 31),
            decided_on=dt.date(2024, 11, 1),
        )
        self.keep("decision_recognise_board_member", count_documents.DECISION, member)

    # --- Khu phố 3: household ballots --------------------------------------------------------

    def household_ballots(self) -> None:
        at(self.clock, ballot_helpers.PLAN_ISSUED)
        round_ = ballot_helpers.start_round(
            self.election(3),
            self.official,
            planner_name="Lê Văn Trưởng",
            planner_role=PlannerRole.HEAD,
            front_head_name="Hoàng Thị Mặt Trận",
            plan_number="01/KH-KP3",
        )
        at(self.clock, ballot_helpers.TEAM_DECIDED)
        ballot_helpers.decide_team(round_, self.official, team=[TEAM_HEADS[3], "Lê Thị Phát", "Phạm Văn Thu"])
        at(self.clock, ballot_helpers.NOTICED)
        ballot_helpers.give_notice(round_, self.official)
        round_.refresh_from_db()
        self.keep("household_ballot_paper", count_documents.HOUSEHOLD_BALLOT_PAPER, round_)
        at(self.clock, ballot_helpers.STARTS)
        reached = list(self.khu_pho[3].households.filter(status="active").order_by("code"))[:8]
        for household in reached:
            ballot = household_ballots.ballot_distribute(by=self.team[0], meeting=round_, household=household)
            household_ballots.ballot_return(by=self.team[1], ballot=ballot)
        at(self.clock, ballot_helpers.COUNTED, 16)
        ballot_helpers.prepare_count(round_, self.official)
        for contest in meeting_selectors.contests_to_vote(round_):
            candidate = count_selectors.candidates_of(contest)[0]
            enter_twice(round_, contest, *self.team, secret_ballot({candidate: 7}, issued=8, invalid=1))
        round_.refresh_from_db()
        self.keep("household_ballot_minutes", count_documents.HOUSEHOLD_BALLOT_MINUTES, round_)
        self.keep("household_ballot_decision", count_documents.HOUSEHOLD_BALLOT_DECISION, round_)
        self.ballot_round = round_

    # --- The re-runs of 10/11 ----------------------------------------------------------------

    def reruns(self) -> None:
        at(self.clock, RERUN_DAY, 8)
        for n in (2, 4):
            self.vote_secretly(self.open_meeting(n, present=8), approvals=8)

    def recognitions(self) -> None:
        at(self.clock, dt.date(2024, 11, 13))
        for n in (2, 3, 4):
            election = self.election(n)
            decisions.head_recognise(
                by=self.official,
                election=election,
                received_on=dt.date(2024, 11, 11),
                decided_on=dt.date(2024, 11, 13),
            )
            decisions.board_member_recognise(
                by=self.front,
                election=election,
                received_on=dt.date(2024, 11, 11),
                decided_on=dt.date(2024, 11, 13),
            )
        # An old record: the ward's decision to hold household ballots in Khu phố 3.
        self.keep_old_record(
            "decision_household_ballots",
            election=self.election(3),
            kind=DecisionKind.HOUSEHOLD_BALLOTS,
            decided_on=dt.date(2024, 10, 29),
            by=self.official,
            details={
                "household_total": HOUSEHOLDS_PER_KHU_PHO,
                "deadline": f"{ballot_helpers.DEADLINE:%d/%m/%Y}",
                "team": [TEAM_HEADS[3], "Lê Thị Phát", "Phạm Văn Thu"],
            },
        )

    # --- The inspection board ----------------------------------------------------------------

    def board(self) -> None:
        at(self.clock, dt.date(2024, 11, 20))
        meeting = board.board_meeting_convene(
            by=self.front,
            plan=self.plan,
            convened_on=dt.date(2024, 11, 20),
            held_on=dt.date(2024, 11, 25),
            place="Hội trường UBND phường",
            chair="Nguyễn Văn Chủ",
            secretary="Trần Thị Thư",
            deputies=1,
        )
        at(self.clock, dt.date(2024, 11, 25), 8, 30)
        members = [m["candidate"] for m in meeting.members]
        meeting = board.board_attendance_record(by=self.front, meeting=meeting, present=members)
        at(self.clock, dt.date(2024, 11, 25), 9, 30)
        meeting = board.board_officers_elect(
            by=self.front,
            meeting=meeting,
            head=members[0],
            head_votes=4,
            deputies=[members[1]],
            deputy_votes=[3],
        )
        self.keep("board_minutes", board_documents.BOARD_MINUTES, meeting)
        at(self.clock, dt.date(2024, 11, 26))
        notice = board.board_notice_issue(by=self.front, meeting=meeting, issued_on=dt.date(2024, 11, 26))
        self.keep("board_notice", board_documents.BOARD_NOTICE, notice)
        # Old records: the Front's decisions on the whole board and on its officers.
        whole = [{"full_name": m["full_name"], "neighborhood": m["neighborhood"]} for m in meeting.members]
        self.keep_old_record(
            "decision_recognise_board",
            election=None,
            kind=DecisionKind.RECOGNISE_BOARD,
            decided_on=dt.date(2024, 11, 20),
            details={"members": whole},
        )
        self.keep_old_record(
            "decision_board_officers",
            election=None,
            kind=DecisionKind.BOARD_OFFICERS,
            decided_on=dt.date(2024, 11, 26),
            details={"head": meeting.officers["head"], "deputies": meeting.officers["deputies"]},
        )

    # --- Between elections (March 2025): a head let go, or not (NĐ 59 Art. 9) ------------------

    def releases(self) -> None:
        """Khu phố 1's head asks to leave: the meeting agrees, the ward recognises. Khu phố 2's
        Front committee head proposes letting the head go: the meeting agrees, the ward answers in
        writing. Khu phố 4's households petition: the meeting does not agree, the ward decides to
        let the head go after agreeing with the ward Front."""
        at(self.clock, dt.date(2025, 3, 3))
        requests = {
            1: {
                "way_in": ReleaseWayIn.OWN_REQUEST,
                "proposed_by": HEAD_CANDIDATES[1],
                "reasons": "Lý do sức khỏe.",
            },
            2: {
                "way_in": ReleaseWayIn.FRONT_PROPOSAL,
                "proposed_by": "Lý Văn Trưởng 2",
                "grounds": [ReleaseGround.DUTIES_UNFULFILLED],
                "reasons": "Nhiều tháng không tổ chức họp khu phố.",
            },
            4: {
                "way_in": ReleaseWayIn.PETITION,
                "proposed_by": "Nguyễn Văn An",
                "petitioners": 6,
                "household_total": HOUSEHOLDS_PER_KHU_PHO,
            },
        }
        meetings = {}
        for n, fields in requests.items():
            request = head_release.head_release_request_record(
                by=self.official,
                tenure=serving_head(self.khu_pho[n]),
                received_on=dt.date(2025, 3, 3),
                **fields,
            )
            election = head_release.head_release_meeting_convene(
                by=self.official,
                request=request,
                meeting_date=dt.date(2025, 3, 9),
                meeting_time=dt.time(19, 0),
                meeting_place=f"Nhà văn hóa Khu phố {n}",
                chair=ReleaseChair.FRONT_COMMITTEE_HEAD,
                chair_name=f"Lý Văn Trưởng {n}",
            )
            if n == 1:
                self.keep("meeting_invitation_head_dismissal", documents.MEETING_INVITATION, election)
            at(self.clock, dt.date(2025, 3, 9), 19)
            meeting = meeting_services.meeting_open(by=self.team[0], election=election)
            households = self.khu_pho[n].households.filter(status="active").order_by("code")[:8]
            for household in households:
                meeting_services.check_in(by=self.team[0], meeting=meeting, household=household)
            meeting = run_procedure(meeting)
            contest = election.contests.get()
            head = contest.candidates.get()
            agree = 4 if n == 4 else 7
            enter_twice(meeting, contest, *self.team, secret_ballot({head: agree}, issued=8))
            meeting.refresh_from_db()
            meetings[n] = meeting
            if n == 1:
                at(self.clock, dt.date(2025, 3, 9), 20, 30)
                self.keep("counting_minutes_head_dismissal", count_documents.COUNTING_MINUTES, meeting)
                self.keep("community_decision_head_dismissal", count_documents.COMMUNITY_DECISION, meeting)
            at(self.clock, dt.date(2025, 3, 3))
        at(self.clock, dt.date(2025, 3, 12))
        recognised = head_release.release_recognise(
            by=self.official,
            election=meetings[1].election,
            received_on=dt.date(2025, 3, 10),
            decided_on=dt.date(2025, 3, 12),
        )
        self.keep("decision_recognise_release", count_documents.DECISION, recognised)
        answer = head_release.release_answer(
            by=self.official,
            election=meetings[2].election,
            received_on=dt.date(2025, 3, 10),
            decided_on=dt.date(2025, 3, 12),
            reason="Cuộc họp không nghe Trưởng khu phố trình bày ý kiến trước khi biểu quyết.",
        )
        self.keep("decision_release_answer", count_documents.DECISION, answer)
        at(self.clock, dt.date(2025, 3, 20))
        decided = head_release.release_decide(
            by=self.official,
            election=meetings[4].election,
            decided_on=dt.date(2025, 3, 20),
            let_go=True,
            front_agreed_on=dt.date(2025, 3, 18),
            front_agreed_by="Vũ Thị Mai",
            reason="Trưởng khu phố không hoàn thành nhiệm vụ được giao.",
        )
        self.keep("decision_release_decided", count_documents.DECISION, decided)

    # --- Between elections: Khu phố 1 without a head until it elects a new one (NĐ 59 Art. 9.3) --

    def head_vacancy(self) -> None:
        """Khu phố 1's head was let go on 12/03/2025 (``releases``): a convener, then an interim
        head, then the decision to elect a new head, each dated after the ward's last paper."""
        vacancy = Vacancy.objects.get(neighborhood=self.khu_pho[1], post=OfficePost.HEAD, filled_on=None)
        at(self.clock, dt.date(2025, 3, 21))
        convener = vacancies.convener_designate(
            by=self.official,
            vacancy=vacancy,
            decided_on=dt.date(2025, 3, 21),
            full_name="Lý Văn Trưởng 1",
            capacity=rules.CONVENER_FRONT,
        )
        self.keep("decision_convener", count_documents.DECISION, convener)
        at(self.clock, dt.date(2025, 3, 24))
        interim = vacancies.vacancy_interim_head_appoint(
            by=self.official,
            vacancy=vacancy,
            decided_on=dt.date(2025, 3, 24),
            full_name="Đặng Văn Tạm",
            front_agreed_on=dt.date(2025, 3, 21),
            front_agreed_by="Vũ Thị Mai",
        )
        self.keep("decision_interim_head_vacancy", count_documents.DECISION, interim)
        at(self.clock, dt.date(2025, 3, 25))
        new = vacancies.new_election_decide(
            by=self.official,
            vacancy=vacancy,
            decided_on=dt.date(2025, 3, 25),
            meeting_date=dt.date(2025, 4, 20),
        )
        self.keep("decision_new_election", count_documents.DECISION, new)

    def keep_old_record(
        self, name: str, *, election, kind: str, decided_on: dt.date, details: dict, by=None
    ) -> None:
        """A decision as it was stored before its service was withdrawn (no service issues it)."""
        decision = Decision.objects.create(
            plan=self.plan,
            election=election,
            kind=kind,
            decided_on=decided_on,
            by=by or self.front,
            details=details,
        )
        self.keep(name, count_documents.DECISION, decision)

    # --- Between elections: Khu phố 4's board member let go, and a by-election (Luật Art. 36.2) --

    def board_between_elections(self) -> None:
        (member,) = tenure_selectors.serving(self.khu_pho[4], OfficePost.BOARD_MEMBER)
        at(self.clock, dt.date(2026, 5, 4))
        release = board_term.board_release_propose(
            by=self.front,
            tenure=member,
            ground=BoardReleaseGround.NOT_COMPLETING,
            reasons="Nhiều lần không tham gia hoạt động kiểm tra, giám sát của Ban",
            proposed_on=dt.date(2026, 5, 4),
        )
        board_term.board_release_schedule(
            by=self.front,
            release=release,
            meeting_date=dt.date(2026, 5, 17),
            meeting_time=dt.time(8, 0),
            meeting_place="Nhà văn hóa Khu phố 4",
        )
        self.keep("board_release_proposal", board_term_documents.RELEASE_PROPOSAL, release)
        at(self.clock, dt.date(2026, 5, 17), 8)
        assert release.election is not None
        self.vote_secretly(self.sitting(release.election, 4, present=8), approvals=7)
        at(self.clock, dt.date(2026, 5, 20))
        decision = board_term.board_release_decide(
            by=self.front, release=release, decided_on=dt.date(2026, 5, 20)
        )
        self.keep("decision_release_board_member", count_documents.DECISION, decision)
        at(self.clock, dt.date(2026, 5, 22))
        guidance = board_term.by_election_open(
            by=self.front,
            vacancy=Vacancy.objects.get(left=member),
            guided_on=dt.date(2026, 5, 22),
            text="Ban công tác Mặt trận khu phố giới thiệu người ứng cử, gửi danh sách về Ủy ban MTTQ phường",
            meeting_date=dt.date(2026, 6, 14),
            meeting_time=dt.time(8, 0),
            meeting_place="Nhà văn hóa Khu phố 4",
        )
        self.keep("by_election_guidance", board_term_documents.BY_ELECTION_GUIDANCE, guidance)
        contest = guidance.election.contests.get()
        candidate_add(
            contest=contest,
            full_name="Lương Thị Bổ",
            gender="female",
            birth_date=dt.date(1982, 4, 9),
            nomination_source="front_committee",
            education_level="Trung học phổ thông",
            occupation="Kinh doanh",
        )
        for step, user in (
            ("record_party_opinion", self.official),
            ("fix_official_list", self.official),
            ("send_to_ward", self.official),
            ("approve", self.front),
        ):
            consultation.list_transition(contest, step, by=user)
        at(self.clock, dt.date(2026, 6, 14), 8)
        self.vote_secretly(self.sitting(guidance.election, 4, present=8), approvals=8)
        at(self.clock, dt.date(2026, 6, 17))
        recognition = decisions.board_member_recognise(
            by=self.front,
            election=guidance.election,
            received_on=dt.date(2026, 6, 15),
            decided_on=dt.date(2026, 6, 17),
        )
        self.keep("decision_recognise_board_member_by_election", count_documents.DECISION, recognition)
        at(self.clock, dt.date(2026, 6, 20))
        notice = board_term.board_notice_reissue(
            by=self.front,
            plan=self.plan,
            issued_on=dt.date(2026, 6, 20),
            reason="bầu bổ sung thành viên tại Khu phố 4",
        )
        self.keep("board_notice_again", board_documents.BOARD_NOTICE, notice)

    def sitting(self, election: Election, n: int, present: int):
        """A meeting of a proceeding within the term (not the khu phố's term election)."""
        meeting = meeting_services.meeting_open(by=self.team[0], election=election)
        for household in self.khu_pho[n].households.filter(status="active").order_by("code")[:present]:
            meeting_services.check_in(by=self.team[0], meeting=meeting, household=household)
        return run_procedure(meeting, VotingMethod.SECRET_BALLOT)

    # --- Reading back ------------------------------------------------------------------------

    def election(self, n: int) -> Election:
        return Election.objects.get(pk=self.elections[n].pk)

    def contest(self, n: int, kind: str):
        return self.election(n).contests.get(kind=kind)
