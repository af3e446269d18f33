"""A small campaign on the two-level map of 1 July 2025 (province › ward, no district).

Thành phố Huế, loaded from the official 2025 map, and two of the wards the 2025 merger
formed: Phường Phú Xuân (two tổ dân phố) and Phường Thuận Hóa (one). Import the fixtures
into a test module (``from tests.two_level import hue_map, hue_people, hue_plans``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from elections import consultation
from elections.models import ContestKind, Election
from elections.services import decisions
from elections.services import meeting as meeting_services
from elections.services.candidates import candidate_add
from elections.services.plans import election_schedule, plan_create
from neighborhoods.models import Division, Level, Role
from neighborhoods.services.divisions import division_create
from neighborhoods.services.maps import load_map
from tests.elections.count_helpers import check_in_first, run_procedure, vote_every_contest
from tests.factories import HouseholdFactory, make_staff

HUE, PHU_XUAN, THUAN_HOA = "46", "19768", "19786"
MEETING_DAY = dt.date(2025, 10, 12)

TWO_LEVEL_PLAN = {
    "term_start_year": 2025,
    "term_end_year": 2030,
    "elects_head": True,
    "elects_inspection_board": True,
    "completion_deadline": dt.date(2025, 10, 31),
    "issuing_bodies": "UBND – UBMTTQ",
    "signers": "",
    "legal_basis": "Luật 10/2022/QH15; Nghị định 59/2023/NĐ-CP",
}


@dataclass
class HueMap:
    hue: Division
    phu_xuan: Division
    thuan_hoa: Division
    px1: Division
    px2: Division
    th1: Division


def official_2025(code: str) -> Division:
    return Division.objects.get(code=code, map_edition="2025")


def residential_group(ward: Division, number: int) -> Division:
    return division_create(
        level=Level.NEIGHBORHOOD, name=f"Tổ dân phố {number}", type_word="Tổ dân phố", parent=ward
    )


@pytest.fixture
def hue_map(db) -> HueMap:
    load_map("2025", HUE)
    phu_xuan, thuan_hoa = official_2025(PHU_XUAN), official_2025(THUAN_HOA)
    groups = [residential_group(phu_xuan, 1), residential_group(phu_xuan, 2), residential_group(thuan_hoa, 1)]
    for group in groups:
        HouseholdFactory.create_batch(10, neighborhood=group)
    return HueMap(official_2025(HUE), phu_xuan, thuan_hoa, *groups)


@dataclass
class HuePeople:
    admin: object
    noivu: object  # Sở Nội vụ Thành phố Huế
    mttq: object  # Ủy ban MTTQ Việt Nam Thành phố Huế
    px_ubnd: object
    px_mttq: object
    px_team: tuple
    th_ubnd: object


@pytest.fixture
def hue_people(hue_map) -> HuePeople:
    from neighborhoods.services.divisions import country

    return HuePeople(
        admin=make_staff("hue.admin", country(), Role.SYSTEM_ADMIN, is_staff=True, is_superuser=True),
        noivu=make_staff("hue.noivu", hue_map.hue, Role.CITY_HOME_AFFAIRS),
        mttq=make_staff("hue.mttq", hue_map.hue, Role.CITY_FRONT),
        px_ubnd=make_staff("phuxuan.ubnd", hue_map.phu_xuan, Role.WARD_OFFICIAL),
        px_mttq=make_staff("phuxuan.mttq", hue_map.phu_xuan, Role.WARD_FRONT),
        px_team=(
            make_staff("phuxuan.tdp1.tobaucu", hue_map.px1, Role.ELECTION_TEAM),
            make_staff("phuxuan.tdp1.thuky", hue_map.px1, Role.ELECTION_TEAM),
        ),
        th_ubnd=make_staff("thuanhoa.ubnd", hue_map.thuan_hoa, Role.WARD_OFFICIAL),
    )


@pytest.fixture
def hue_plans(hue_map, hue_people) -> dict:
    """The province's plan and, directly under it, the plans of Phú Xuân and Thuận Hóa."""
    province = plan_create(
        by=hue_people.noivu,
        division=hue_map.hue,
        parent=None,
        number="180/KH-UBND",
        issued_on=dt.date(2025, 8, 1),
        title="Bầu cử Trưởng tổ dân phố",
        **TWO_LEVEL_PLAN,
    )
    wards = {
        key: plan_create(
            by=user,
            division=ward,
            parent=province,
            number=number,
            issued_on=dt.date(2025, 8, 20),
            title="Bầu cử Trưởng tổ dân phố và thành viên Ban TTND",
            **TWO_LEVEL_PLAN,
        )
        for key, ward, user, number in (
            ("phu_xuan", hue_map.phu_xuan, hue_people.px_ubnd, "45/KHLT-UBND-UBMTTQ"),
            ("thuan_hoa", hue_map.thuan_hoa, hue_people.th_ubnd, "52/KHLT-UBND-UBMTTQ"),
        )
    }
    return {"province": province, **wards}


def run_to_recognition(election: Election, ward_user, front_user, team, present: int) -> Election:
    """One khu phố's election, from its schedule to both posts recognised: one candidate per
    post, the consultation, the meeting with ``present`` households, the double-entered count,
    the head recognised by the ward and the board member by the ward Front."""
    election_schedule(
        by=ward_user,
        election=election,
        meeting_date=MEETING_DAY,
        meeting_time=None,
        meeting_place="Nhà văn hóa",
    )
    for contest in election.contests.all():
        candidate_add(
            contest=contest,
            full_name="Nguyễn Văn Hòa" if contest.kind == ContestKind.HEAD else "Lê Thị Hương",
            gender="male" if contest.kind == ContestKind.HEAD else "female",
            birth_date=dt.date(1975, 5, 19),
            nomination_source="front_committee",
        )
        for step, user in (
            ("record_party_opinion", ward_user),
            ("fix_official_list", ward_user),
            ("send_to_ward", ward_user),
            ("approve", front_user),
        ):
            consultation.list_transition(contest, step, by=user)
    meeting = meeting_services.meeting_open(by=team[0], election=election)
    check_in_first(meeting, team[0], present)
    vote_every_contest(run_procedure(meeting), *team)
    received, decided = MEETING_DAY + dt.timedelta(days=1), MEETING_DAY + dt.timedelta(days=3)
    decisions.head_recognise(by=ward_user, election=election, received_on=received, decided_on=decided)
    decisions.board_member_recognise(
        by=front_user, election=election, received_on=received, decided_on=decided
    )
    election.refresh_from_db()
    return election
