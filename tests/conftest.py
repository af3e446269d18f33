"""Shared fixtures: a small map of TP. Hồ Chí Minh and one persona per role.

The personas carry the demo logins' names (see README), so a test reads as
"p22_ubnd does X" -- a ward official of Phường 22.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from neighborhoods.models import Division, Level, Role
from neighborhoods.services.divisions import country
from tests.factories import HouseholdFactory, make_division, make_neighborhood, make_staff

# The small campaign on the two-level map of 2025 (Thành phố Huế): hue_map, hue_people, hue_plans.
pytest_plugins = ["tests.two_level"]


@pytest.fixture(autouse=True)
def _tasks_in_process_unless_testing_services(request, settings):
    """Outside the tests marked ``services``, Celery tasks run in-process.

    Ordinary tests roll back their transaction, which a worker process could
    never see; the ``services`` tests commit and use the real worker.
    """
    from wardvote.celery import app

    if request.node.get_closest_marker("services"):
        yield
        return
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    # Cached pages (the public ward page) must not leak from one test into the next.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    # A request in English leaves English active in the thread; the next test starts in Vietnamese.
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The personas' passwords are hashed for every test: the real hasher is slow by design.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class HcmMap:
    country: Division
    hcm: Division
    binh_thanh: Division
    p22: Division
    p25: Division
    kp1: Division
    kp2: Division
    kp3: Division
    p25_kp1: Division


@pytest.fixture
def hcm_map(db) -> HcmMap:
    root = country()
    hcm = make_division(root, Level.PROVINCE, "Thành phố Hồ Chí Minh", "Thành phố", "79")
    binh_thanh = make_division(hcm, Level.DISTRICT, "Quận Bình Thạnh", "Quận", "765")
    p22 = make_division(binh_thanh, Level.WARD, "Phường 22", "Phường", "26941")
    p25 = make_division(binh_thanh, Level.WARD, "Phường 25", "Phường", "26905")
    kp1, kp2, kp3 = (make_neighborhood(p22, n) for n in (1, 2, 3))
    return HcmMap(root, hcm, binh_thanh, p22, p25, kp1, kp2, kp3, make_neighborhood(p25, 1))


@dataclass
class Personas:
    admin: object
    hcm_noivu: object
    hcm_mttq: object
    binhthanh_noivu: object
    binhthanh_mttq: object
    p22_ubnd: object
    p22_mttq: object
    p22_kp1_tobaucu: object
    p22_kp1_thuky: object  # a second team member: double entry needs two people
    p25_ubnd: object


@pytest.fixture
def personas(hcm_map) -> Personas:
    m = hcm_map
    admin = make_staff("admin", m.country, Role.SYSTEM_ADMIN, is_staff=True, is_superuser=True)
    return Personas(
        admin=admin,
        hcm_noivu=make_staff("hcm.noivu", m.hcm, Role.CITY_HOME_AFFAIRS),
        hcm_mttq=make_staff("hcm.mttq", m.hcm, Role.CITY_FRONT),
        binhthanh_noivu=make_staff("binhthanh.noivu", m.binh_thanh, Role.DISTRICT_HOME_AFFAIRS),
        binhthanh_mttq=make_staff("binhthanh.mttq", m.binh_thanh, Role.DISTRICT_FRONT),
        p22_ubnd=make_staff("p22.ubnd", m.p22, Role.WARD_OFFICIAL),
        p22_mttq=make_staff("p22.mttq", m.p22, Role.WARD_FRONT),
        p22_kp1_tobaucu=make_staff("p22.kp1.tobaucu", m.kp1, Role.ELECTION_TEAM),
        p22_kp1_thuky=make_staff("p22.kp1.thuky", m.kp1, Role.ELECTION_TEAM),
        p25_ubnd=make_staff("p25.ubnd", m.p25, Role.WARD_OFFICIAL),
    )


@pytest.fixture
def households(hcm_map):
    """A few households in each khu phố of the map."""
    made = []
    for kp in (hcm_map.kp1, hcm_map.kp2, hcm_map.kp3, hcm_map.p25_kp1):
        made += HouseholdFactory.create_batch(3, neighborhood=kp)
    return made


@pytest.fixture
def login(client):
    """Log a persona in on the test client: ``login(personas.p22_ubnd)``."""

    def _login(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _login


PLAN_DEFAULTS = {
    "term_start_year": 2024,
    "term_end_year": 2029,
    "elects_head": True,
    "elects_inspection_board": True,
    "completion_deadline": dt.date(2024, 10, 31),
    "issuing_bodies": "UBND – UBMTTQ",
    "signers": "",
    "legal_basis": "Luật 10/2022/QH15; Nghị định 59/2023/NĐ-CP",
}


@pytest.fixture
def upper_plans(hcm_map, personas):
    """The city's plan and Bình Thạnh's plan under it (seed 000)."""
    from elections.services.plans import plan_create

    city = plan_create(
        by=personas.hcm_noivu,
        division=hcm_map.hcm,
        parent=None,
        number="3550/KH-UBND",
        issued_on=dt.date(2024, 8, 20),
        title="Bầu cử Trưởng khu phố, ấp",
        **PLAN_DEFAULTS,
    )
    district = plan_create(
        by=personas.binhthanh_noivu,
        division=hcm_map.binh_thanh,
        parent=city,
        number="2301/KH-UBND",
        issued_on=dt.date(2024, 9, 10),
        title="Bầu cử",
        **PLAN_DEFAULTS,
    )
    return {"city": city, "district": district}


@pytest.fixture
def plans(upper_plans, hcm_map, personas):
    """City → district → ward plans; the ward plan opens Phường 22's elections."""
    from elections.services.plans import plan_create

    ward = plan_create(
        by=personas.p22_ubnd,
        division=hcm_map.p22,
        parent=upper_plans["district"],
        number="192/KHLT-UBND-UBMTTQ",
        issued_on=dt.date(2024, 10, 7),
        title="Bầu cử Trưởng khu phố và thành viên Ban TTND",
        **PLAN_DEFAULTS,
    )
    return {**upper_plans, "ward": ward}


@pytest.fixture
def kp1_election(plans, hcm_map):
    return plans["ward"].elections.get(neighborhood=hcm_map.kp1)


@pytest.fixture
def kp1_scheduled(kp1_election, personas):
    """Khu phố 1's election with its meeting set for Sunday 27/10/2024."""
    from elections.services.plans import election_schedule

    return election_schedule(
        by=personas.p22_ubnd,
        election=kp1_election,
        meeting_date=dt.date(2024, 10, 27),
        meeting_time=None,
        meeting_place="",
    )


@pytest.fixture
def ready_election(kp1_scheduled, personas):
    """Khu phố 1 with both candidate lists approved and 10 households in the register."""
    from elections import consultation
    from elections.models import Stage
    from elections.services.candidates import candidate_add

    HouseholdFactory.create_batch(10, neighborhood=kp1_scheduled.neighborhood)
    for contest in kp1_scheduled.contests.all():
        candidate_add(
            contest=contest,
            full_name=f"Nguyễn Văn {contest.kind}",
            gender="male",
            birth_date=dt.date(1970, 1, 1),
            nomination_source="front_committee",
        )
        for step, user in (
            ("record_party_opinion", personas.p22_ubnd),
            ("fix_official_list", personas.p22_ubnd),
            ("send_to_ward", personas.p22_ubnd),
            ("approve", personas.p22_mttq),
        ):
            consultation.list_transition(contest, step, by=user)
    kp1_scheduled.refresh_from_db()
    assert kp1_scheduled.stage == Stage.LIST_APPROVED
    return kp1_scheduled


@dataclass
class Signers:
    chairman: object
    vice_chairman: object
    front_chairman: object
    kp1_front_head: object


@pytest.fixture
def signers(hcm_map) -> Signers:
    """Phường 22's register of who signs: its chairman and a vice-chairman, the chairman of
    its Front, and the head of Khu phố 1's Front committee."""
    from reporting.issuing import OfficeBody, Position
    from reporting.models import OfficeHolder

    def holder(division, body, position, name):
        return OfficeHolder.objects.create(division=division, body=body, position=position, full_name=name)

    return Signers(
        chairman=holder(hcm_map.p22, OfficeBody.PEOPLES_COMMITTEE, Position.CHAIRMAN, "Phạm Minh Đức"),
        vice_chairman=holder(hcm_map.p22, OfficeBody.PEOPLES_COMMITTEE, Position.VICE_CHAIRMAN, "Võ Thị Lan"),
        front_chairman=holder(hcm_map.p22, OfficeBody.FRONT, Position.CHAIRMAN, "Đặng Văn Hải"),
        kp1_front_head=holder(
            hcm_map.kp1, OfficeBody.FRONT_COMMITTEE, Position.COMMITTEE_HEAD, "Huỳnh Văn Tâm"
        ),
    )


@pytest.fixture
def prepared(kp1_election, personas):
    """Khu phố 1 scheduled for 27/10/2024, its team named and its head's list approved."""
    from elections import consultation
    from elections.models import ContestKind
    from elections.services.candidates import candidate_add
    from elections.services.plans import election_schedule
    from elections.services.team import team_member_add

    election = election_schedule(
        by=personas.p22_ubnd,
        election=kp1_election,
        meeting_date=dt.date(2024, 10, 27),
        meeting_time=dt.time(8, 0),
        meeting_place="Nhà văn hóa khu phố 1",
    )
    team_member_add(election=election, full_name="Trần Văn Bình", role="head", represents="front_committee")
    team_member_add(
        election=election,
        full_name="Lê Thị Cúc",
        role="secretary",
        represents="mass_organisation",
        organisation="Hội Liên hiệp Phụ nữ",
    )
    head = election.contests.get(kind=ContestKind.HEAD)
    candidate_add(
        contest=head,
        full_name="Nguyễn Thị Hường",
        gender="female",
        birth_date=dt.date(1972, 3, 8),
        nomination_source="front_committee",
        education_level="Đại học",
        occupation="Hưu trí",
        party_member=True,
        biography="Nguyên Trưởng khu phố 1 nhiệm kỳ 2019 - 2024",
    )
    for step, user in (
        ("record_party_opinion", personas.p22_ubnd),
        ("fix_official_list", personas.p22_ubnd),
        ("send_to_ward", personas.p22_ubnd),
        ("approve", personas.p22_mttq),
    ):
        consultation.list_transition(head, step, by=user)
    election.refresh_from_db()
    return election


@pytest.fixture
def recognised_kp1(ready_election, personas):
    """Khu phố 1's term election, recognised: 7 of its 10 households met, the head and the board
    member were each elected with 7 approvals, the ward recognised the head and the ward Front
    the board member on 04/11/2024 (form 03 received 01/11/2024). Both now serve their term."""
    from elections.services import decisions
    from elections.services import meeting as meeting_services
    from tests.elections.count_helpers import check_in_first, run_procedure, vote_every_contest

    team = personas.p22_kp1_tobaucu, personas.p22_kp1_thuky
    meeting = meeting_services.meeting_open(by=team[0], election=ready_election)
    check_in_first(meeting, team[0], 7)
    vote_every_contest(run_procedure(meeting), *team)
    dates = {"received_on": dt.date(2024, 11, 1), "decided_on": dt.date(2024, 11, 4)}
    decisions.head_recognise(by=personas.p22_ubnd, election=ready_election, **dates)
    decisions.board_member_recognise(by=personas.p22_mttq, election=ready_election, **dates)
    ready_election.refresh_from_db()
    return ready_election
