"""A national synthetic campaign on the 2024 map, built in bulk for the benchmarks.

Every ward of the country gets 9 khu phố (Phường 22 its real 26) and one ward
plan; each khu phố one election in a stage spread over all ten, with candidates,
and, once counted, its sitting and accepted results. The wards of TP. Hồ Chí Minh
outside Quận Bình Thạnh are at the meeting: households in the register, 20
representatives checked in, the procedure recorded, ready for the tally load test.
"""

from __future__ import annotations

import datetime
import io
import random
import time
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.models import Max, Min
from django.utils import timezone

from elections.models import (
    Attendance,
    Candidate,
    Contest,
    ContestKind,
    ContestResult,
    Election,
    ElectionPurpose,
    ListStatus,
    Meeting,
    Plan,
    PlanLevel,
    Stage,
    VotingMethod,
)
from elections.selectors.signed_copies import COUNTING_MINUTES
from neighborhoods.models import Account, Division, Household, Level, Role, StaffAssignment
from reporting.models import DocumentState, DocumentStatus, StoredDocument

KHU_PHO_PER_WARD = 9
HCMC, BINH_THANH, PHUONG_22 = "79", "765", "26956"
MEETING_DAY = datetime.date(2024, 10, 27)
BATCH = 5000
# How the elections of the country are spread over the stages (weights).
STAGE_WEIGHTS = [
    (Stage.NOT_STARTED, 4),
    (Stage.PREPARING, 8),
    (Stage.LIST_APPROVED, 5),
    (Stage.NOTICE_POSTED, 8),
    (Stage.MEETING_HELD, 5),
    (Stage.COUNTED, 10),
    (Stage.RECOGNISED, 50),
    (Stage.RERUN_PENDING, 4),
    (Stage.HOUSEHOLD_BALLOTS, 3),
    (Stage.INTERIM_HEAD, 3),
]
COUNTED = {Stage.COUNTED, Stage.RECOGNISED, Stage.RERUN_PENDING, Stage.HOUSEHOLD_BALLOTS, Stage.INTERIM_HEAD}
ELECTED = {Stage.COUNTED, Stage.RECOGNISED}
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hạnh", "Hùng", "Lan", "Mai", "Minh", "Nam", "Phúc", "Thảo"]
ETHNICITIES = ["Kinh"] * 17 + ["Tày", "Thái", "Khmer"]
EDUCATION = ["Trung học phổ thông", "Trung cấp", "Cao đẳng", "Đại học"]
THEORY = ["", "Sơ cấp", "Trung cấp"]


@dataclass
class Campaign:
    country: Division
    hcmc: Division
    binh_thanh: Division
    phuong_22: Division
    elections: int
    team: tuple  # two election-team users of TP. Hồ Chí Minh (double entry)
    load_contests: list[
        tuple[int, int, dict[str, int]]
    ]  # (meeting, contest, candidate ids) ready for tallies
    seconds: float


def _official(code: str) -> Division:
    return Division.objects.get(code=code, map_edition="2024")


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} Văn {rng.choice(GIVEN)}"


def _khu_pho(wards: list[Division], p22: Division) -> list[Division]:
    rows = [
        Division(level=Level.NEIGHBORHOOD, name=f"Khu phố {n}", type_word="Khu phố", parent=ward, path="")
        for ward in wards
        for n in range(1, (26 if ward.pk == p22.pk else KHU_PHO_PER_WARD) + 1)
    ]
    Division.objects.bulk_create(rows, batch_size=BATCH)
    with connection.cursor() as cursor:  # each path is its parent's path plus its own id
        cursor.execute(
            "UPDATE neighborhoods_division SET path = parent.path || neighborhoods_division.id || '/' "
            "FROM neighborhoods_division AS parent "
            "WHERE neighborhoods_division.parent_id = parent.id AND neighborhoods_division.path = ''"
        )
    return list(Division.objects.filter(level=Level.NEIGHBORHOOD).select_related("parent__parent"))


def _plans(wards: list[Division]) -> dict[int, Plan]:
    plans = [
        Plan(
            division=ward,
            level=PlanLevel.WARD,
            number=f"{i}/KHLT-UBND-UBMTTQ",
            issued_on=datetime.date(2024, 10, 1),
            title="Kế hoạch liên tịch bầu cử Trưởng khu phố và thành viên Ban Thanh tra nhân dân",
            issuing_bodies="UBND – UBMTTQ",
            term_start_year=2024,
            term_end_year=2029,
            elects_inspection_board=True,
            completion_deadline=datetime.date(2024, 11, 30),
        )
        for i, ward in enumerate(wards, start=1)
    ]
    Plan.objects.bulk_create(plans, batch_size=BATCH)
    return {plan.division_id: plan for plan in plans}


def _stage(rng: random.Random) -> str:
    return rng.choices([s for s, _ in STAGE_WEIGHTS], weights=[w for _, w in STAGE_WEIGHTS])[0]


def _election(kp: Division, plan: Plan, stage: str, rng: random.Random, households: int) -> Election:
    meeting = MEETING_DAY + datetime.timedelta(days=rng.randint(-14, 14))
    done = stage not in (Stage.NOT_STARTED, Stage.PREPARING)
    counted = stage in COUNTED
    return Election(
        plan=plan,
        neighborhood=kp,
        ward=kp.parent,
        district=kp.parent.parent,
        province=kp.parent.parent.parent,
        stage=stage,
        meeting_date=meeting if stage != Stage.NOT_STARTED else None,
        plan_decided_on=meeting - datetime.timedelta(days=25) if done else None,
        team_decided_on=meeting - datetime.timedelta(days=12) if done else None,
        candidate_list_minutes_on=meeting - datetime.timedelta(days=16) if done else None,
        posted_on=meeting - datetime.timedelta(days=8) if done and rng.random() > 0.05 else None,
        meeting_notice_on=meeting - datetime.timedelta(days=3) if done else None,
        community_decision_on=meeting + datetime.timedelta(days=2) if stage == Stage.RECOGNISED else None,
        recognised_on=meeting + datetime.timedelta(days=5) if stage == Stage.RECOGNISED else None,
        households=households if counted else None,
        present=int(households * rng.uniform(0.45, 0.9)) if counted else None,
    )


def _candidates(contests: list[Contest], rng: random.Random) -> list[Candidate]:
    rows = []
    for contest in contests:
        for _ in range(rng.choice((1, 1, 2))):
            rows.append(
                Candidate(
                    contest=contest,
                    full_name=_name(rng),
                    gender=rng.choice(("male", "male", "female")),
                    birth_date=datetime.date(rng.randint(1955, 1995), rng.randint(1, 12), rng.randint(1, 28)),
                    ethnicity=rng.choice(ETHNICITIES),
                    education_level=rng.choice(EDUCATION),
                    theory_level=rng.choice(THEORY),
                    party_member=rng.random() < 0.6,
                    is_incumbent=rng.random() < 0.4,
                    nomination_source="front_committee",
                )
            )
    Candidate.objects.bulk_create(rows, batch_size=BATCH)
    return rows


def _results(elections: list[Election], contests: list[Contest], candidates: list[Candidate]) -> None:
    """Each counted election's sitting and accepted results; the elected kept on the contest."""
    first = {}
    for candidate in candidates:
        first.setdefault(candidate.contest_id, candidate)
    counted = [e for e in elections if e.stage in COUNTED]
    meetings = [
        Meeting(
            election=e,
            number=1,
            household_total=e.households,
            held_on=e.meeting_date,
            voting_method=VotingMethod.SECRET_BALLOT,
            closed_at=timezone.now(),
        )
        for e in counted
    ]
    Meeting.objects.bulk_create(meetings, batch_size=BATCH)
    by_election = {m.election_id: m for m in meetings}
    results, elected = [], []
    for contest in contests:
        meeting = by_election.get(contest.election_id)
        if meeting is None:
            continue
        election_stage = contest.election.stage
        winner = first[contest.pk]
        approvals = (
            meeting.household_total // 2 + 1 if election_stage in ELECTED else meeting.household_total // 3
        )
        present = contest.election.present
        approvals = min(approvals, present)
        is_elected = election_stage in ELECTED and 2 * approvals > meeting.household_total
        results.append(
            ContestResult(
                meeting=meeting,
                contest=contest,
                method=VotingMethod.SECRET_BALLOT,
                household_total=meeting.household_total,
                present=present,
                issued=present,
                returned=present,
                valid=present,
                invalid=0,
                counts={str(winner.pk): approvals},
                elected=winner if is_elected else None,
                reason="",
                threshold=meeting.household_total // 2 + 1,
            )
        )
        if is_elected:
            contest.elected = winner
            elected.append(contest)
    ContestResult.objects.bulk_create(results, batch_size=BATCH)
    Contest.objects.bulk_update(elected, ["elected"], batch_size=BATCH)
    _minutes_issued(meetings, {e.pk: e for e in counted})


def _minutes_issued(meetings: list[Meeting], elections: dict[int, Election]) -> None:
    """Each counted sitting's counting minutes (form 02), issued and not yet back signed: the
    papers the dashboards count as missing (a campaign's worst day, every minute still out)."""
    source_type = ContentType.objects.get_for_model(Meeting)
    StoredDocument.objects.bulk_create(
        [
            StoredDocument(
                kind=COUNTING_MINUTES,
                title="Biên bản kiểm phiếu (mẫu 02)",
                template_name="documents/elections/counting_minutes.html",
                source_type=source_type,
                source_id=str(meeting.pk),
                division_id=elections[meeting.election_id].neighborhood_id,
                plan_id=elections[meeting.election_id].plan_id,
                source_fingerprint="0" * 64,
                status=DocumentStatus.READY,
                state=DocumentState.ISSUED,
            )
            for meeting in meetings
        ],
        batch_size=BATCH,
    )


def _ready_for_tallies(elections: list[Election], contests: list[Contest], candidates: list[Candidate], rng):
    """Open sittings with 20 of 30 households checked in and the procedure done."""
    households = [
        Household(
            neighborhood_id=e.neighborhood_id,
            ward_id=e.ward_id,
            code=f"{e.neighborhood_id}-{n:03d}",
            head_name=_name(rng),
            status="active",
        )
        for e in elections
        for n in range(30)
    ]
    Household.objects.bulk_create(households, batch_size=BATCH)
    meetings = [
        Meeting(
            election=e,
            number=1,
            household_total=30,
            held_on=e.meeting_date,
            secretary_name="Trần Thị Thư",
            secretary_votes=20,
            list_presented_at=timezone.now(),
            voting_method=VotingMethod.SECRET_BALLOT,
            voting_method_votes=20,
            counting_board=["Lê Văn An", "Phạm Thị Bình", "Võ Văn Cường"],
            counting_board_votes=20,
            witnesses=["Đỗ Văn Dũng", "Ngô Thị Em"],
        )
        for e in elections
    ]
    Meeting.objects.bulk_create(meetings, batch_size=BATCH)
    by_neighborhood: dict[int, list[Household]] = {}
    for household in households:
        by_neighborhood.setdefault(household.neighborhood_id, []).append(household)
    attendances = [
        Attendance(meeting=m, household=h, representative_name=h.head_name)
        for m, e in zip(meetings, elections, strict=True)
        for h in by_neighborhood[e.neighborhood_id][:20]
    ]
    Attendance.objects.bulk_create(attendances, batch_size=BATCH)
    meeting_of = {m.election_id: m.pk for m in meetings}
    names = {}
    for candidate in candidates:
        names.setdefault(candidate.contest_id, []).append(candidate.pk)
    return [(meeting_of[c.election_id], c.pk, names[c.pk]) for c in contests if c.election_id in meeting_of]


def _passwords_chosen(team: tuple) -> None:
    """The two team members have chosen their own passwords, as the tally requires of whoever
    types a count (``results._check_entrant``)."""
    for user in team:
        Account.objects.update_or_create(
            user=user, defaults={"must_set_password": False, "password_set_by_owner_at": timezone.now()}
        )


def load() -> Campaign | None:
    """The campaign already in the database (``--keepdb``), or None."""
    if not Election.objects.exists():
        return None
    users = get_user_model().objects
    team = tuple(users.get(username=f"bench.tobaucu.{n}") for n in (1, 2))
    _passwords_chosen(team)
    open_meetings = Meeting.objects.filter(closed_at__isnull=True, tally_entries__isnull=True).values_list(
        "pk", "election_id"
    )
    meeting_of = {election: meeting for meeting, election in open_meetings}
    names: dict[int, list[int]] = {}
    for contest, candidate in (
        Candidate.objects.filter(contest__election_id__in=meeting_of)
        .values_list("contest_id", "pk")
        .order_by("pk")
    ):
        names.setdefault(contest, []).append(candidate)
    load_contests = [
        (meeting_of[election], contest, names[contest])
        for contest, election in Contest.objects.filter(election_id__in=meeting_of).values_list(
            "pk", "election_id"
        )
    ]
    return Campaign(
        Division.objects.get(level=Level.COUNTRY),
        _official(HCMC),
        _official(BINH_THANH),
        _official(PHUONG_22),
        Election.objects.count(),
        team,
        load_contests,
        0.0,
    )


def build(seed: int = 2024) -> Campaign:
    started = time.perf_counter()
    rng = random.Random(seed)
    call_command("load_divisions", "--map", "2024", verbosity=0, stdout=io.StringIO())
    country = Division.objects.get(level=Level.COUNTRY)
    hcmc, binh_thanh, p22 = _official(HCMC), _official(BINH_THANH), _official(PHUONG_22)
    wards = list(Division.objects.filter(level=Level.WARD, map_edition="2024"))
    neighborhoods = _khu_pho(wards, p22)
    plans = _plans(wards)
    elections, load = [], []
    for kp in neighborhoods:
        ward, district, province = kp.parent, kp.parent.parent, kp.parent.parent.parent
        at_meeting = province.pk == hcmc.pk and district.pk != binh_thanh.pk
        stage = Stage.MEETING_HELD if at_meeting else _stage(rng)
        election = _election(
            kp, plans[ward.pk], stage, rng, households=30 if at_meeting else rng.randint(150, 600)
        )
        elections.append(election)
        if at_meeting:
            load.append(election)
    Election.objects.bulk_create(elections, batch_size=BATCH)
    approved = ListStatus.APPROVED
    contests = [
        Contest(
            election=e, kind=kind, list_status=approved if e.stage != Stage.NOT_STARTED else ListStatus.DRAFT
        )
        for e in elections
        for kind in (ContestKind.HEAD, ContestKind.INSPECTION_BOARD)
    ]
    Contest.objects.bulk_create(contests, batch_size=BATCH)
    candidates = _candidates(contests, rng)
    load_ids = {e.pk for e in load}
    _results(
        [e for e in elections if e.pk not in load_ids],
        [c for c in contests if c.election_id not in load_ids],
        candidates,
    )
    load_contests = _ready_for_tallies(
        load, [c for c in contests if c.election_id in load_ids], candidates, rng
    )
    users = get_user_model().objects
    team = tuple(users.create_user(f"bench.tobaucu.{n}", password="bench-password") for n in (1, 2))
    _passwords_chosen(team)
    StaffAssignment.objects.bulk_create(
        [StaffAssignment(user=user, division=hcmc, role=Role.ELECTION_TEAM) for user in team]
    )
    reader = users.create_user("bench.noivu", password="bench-password")
    StaffAssignment.objects.create(user=reader, division=country, role=Role.SYSTEM_ADMIN)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    return Campaign(
        country, hcmc, binh_thanh, p22, len(elections), team, load_contests, time.perf_counter() - started
    )


# --- Earlier terms (issue 17, item 2) --------------------------------------------------

TERM_YEARS = 5


def terms_kept() -> int:
    return Plan.objects.order_by().values("term_start_year").distinct().count()


def add_earlier_terms(count: int) -> int:
    """Keeps ``count`` more terms before the earliest one: each a copy of the current term's ward
    plans and khu phố elections, every election recognised, as a finished term is. Returns the
    elections added. The caller vacuums and analyses the tables before measuring.

    The copies carry only what the dashboards read (plan, divisions, stage, turnout, dates); an
    earlier term must be in no figure of the current one. The elections are copied by one
    INSERT … SELECT per term: 90,000 rows built in Python and sent in batches would take minutes."""
    current, earliest = _current_term(), Plan.objects.aggregate(year=Min("term_start_year"))["year"]
    return sum(_copy_term(current, earliest - TERM_YEARS * n) for n in range(1, count + 1))


def remove_earlier_terms() -> None:
    """Removes the terms ``add_earlier_terms`` kept: their elections have nothing attached."""
    current = _current_term()
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM elections_election WHERE plan_id IN "
            "(SELECT id FROM elections_plan WHERE term_start_year < %s)",
            [current],
        )
        cursor.execute("DELETE FROM elections_plan WHERE term_start_year < %s", [current])


def _current_term() -> int:
    return Plan.objects.aggregate(year=Max("term_start_year"))["year"]


def _copy_term(current: int, start: int) -> int:
    plans = [
        Plan(
            division_id=plan.division_id,
            level=plan.level,
            number=f"{plan.number}-{start}",
            issued_on=plan.issued_on.replace(year=start),
            title=plan.title,
            issuing_bodies=plan.issuing_bodies,
            term_start_year=start,
            term_end_year=start + TERM_YEARS,
            elects_inspection_board=plan.elects_inspection_board,
            completion_deadline=plan.completion_deadline.replace(year=start),
            superseded=True,
        )
        for plan in Plan.objects.filter(term_start_year=current, practice=False)
    ]
    Plan.objects.bulk_create(plans, batch_size=BATCH)
    columns = [f.column for f in Election._meta.concrete_fields if not f.primary_key]
    # The copy's own values; every other column as the current term's election has it.
    values = {"stage": Stage.RECOGNISED, "superseded": True}
    select = ", ".join("earlier.id" if c == "plan_id" else "%s" if c in values else f"e.{c}" for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO elections_election ({', '.join(columns)}) SELECT {select} "  # noqa: S608
            "FROM elections_election AS e "
            "JOIN elections_plan AS plan ON plan.id = e.plan_id "
            "JOIN elections_plan AS earlier ON earlier.division_id = plan.division_id "
            "AND earlier.term_start_year = %s "
            "WHERE plan.term_start_year = %s AND e.purpose = %s",
            [*(values[c] for c in columns if c in values), start, current, ElectionPurpose.TERM],
        )
        return cursor.rowcount
