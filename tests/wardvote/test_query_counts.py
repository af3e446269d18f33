"""The hot pages cost a fixed number of queries, however many rows they show.

The quorum meter is polled every 3 s by every device in the room; the meeting, tally
and search pages are used all meeting long; the public page and the household list are
the ones residents and ward staff open most. Each is pinned at an exact count, and a
growth check adds rows (households, check-ins, candidates, khu phố) and measures again.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from elections import consultation
from elections.models import ContestKind, NominationSource
from elections.selectors import count as count_selectors
from elections.selectors import meeting as meeting_selectors
from elections.services import meeting as meeting_services
from elections.services import procedure, results
from elections.services.candidates import candidate_add
from elections.services.plans import plan_create
from neighborhoods.models import Role
from tests.conftest import PLAN_DEFAULTS
from tests.elections.count_helpers import check_in_first, contest, run_procedure, secret_ballot
from tests.factories import HouseholdFactory, make_division, make_neighborhood, make_staff

# The pinned counts. A change here is a change in what every poll or page view costs:
# raise one only knowingly, never to make a growing page pass.
# + the meter's version, read (with the access check) before the figures: a 304 stops there.
QUORUM_METER = 6
# + the team head, proposed as the chair of form 03; + the agenda (report, statement, hearings).
MEETING_PAGE = 23
TALLY_PAGE = 9  # + the households that took part, shown beside the figures
HOUSEHOLD_SEARCH = 7
PUBLIC_WARD = 8  # + the board's composition notice; + the khu phố's finances; + the khu phố (anchors)
HOUSEHOLD_LIST = 8


def _queries(client, url: str, params: dict | None = None) -> int:
    cache.clear()  # the public page is cached: measure the view, not the cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def meeting(ready_election, personas):
    """Khu phố 1's meeting open with 3 of its households checked in."""
    meeting = meeting_services.meeting_open(by=personas.p22_kp1_tobaucu, election=ready_election)
    check_in_first(meeting, personas.p22_kp1_tobaucu, 3)
    return meeting


@pytest.fixture
def team(login, personas):
    return login(personas.p22_kp1_tobaucu)


def _more_check_ins(meeting, user, count: int) -> None:
    """New households walk in and are checked in: the room fills up."""
    for n in range(count):
        meeting_services.household_add_at_meeting(
            by=user, meeting=meeting, code=f"P22-KP01-9{n:03d}", head_name=f"Nguyễn Văn Mới {n}"
        )


def _floor_nominations(meeting, count: int) -> None:
    for kind in (ContestKind.HEAD, ContestKind.INSPECTION_BOARD):
        _floor_nominations_for(meeting, kind, count)


def _floor_nominations_for(meeting, kind: str, count: int) -> None:
    for n in range(count):
        procedure.floor_nomination_add(
            meeting=meeting,
            contest=contest(meeting, kind),
            full_name=f"Trần Văn Đề Cử {kind} {n}",
            gender="male",
            birth_date=dt.date(1975, 1, 1),
            nomination_source=NominationSource.FLOOR,
        )


# --- The quorum meter -----------------------------------------------------------------


def _meter(meeting) -> str:
    return reverse("elections:meeting_quorum", args=[meeting.pk])


def test_the_quorum_meter_costs_a_fixed_number_of_queries(meeting, team, django_assert_num_queries):
    with django_assert_num_queries(QUORUM_METER):
        meter = team.get(_meter(meeting))
    assert "3/10" in meter.content.decode()


def test_the_quorum_meter_costs_the_same_when_the_room_fills(meeting, team, personas):
    before = _queries(team, _meter(meeting))
    _more_check_ins(meeting, personas.p22_kp1_tobaucu, 8)
    assert "11/18" in team.get(_meter(meeting)).content.decode()
    assert _queries(team, _meter(meeting)) == before


# --- The meeting page -----------------------------------------------------------------


def _meeting_page(meeting) -> str:
    return reverse("elections:meeting_page", args=[meeting.election_id])


def test_the_meeting_page_costs_a_fixed_number_of_queries(meeting, team, django_assert_num_queries):
    with django_assert_num_queries(MEETING_PAGE):
        page = team.get(_meeting_page(meeting))
    assert page.status_code == 200


def test_the_meeting_page_costs_the_same_with_more_check_ins_and_candidates(meeting, team, personas):
    meeting = run_procedure(meeting)
    before = _queries(team, _meeting_page(meeting))
    _more_check_ins(meeting, personas.p22_kp1_tobaucu, 8)
    _floor_nominations(meeting, 3)
    assert "P22-KP01-9007" in team.get(_meeting_page(meeting)).content.decode()
    assert _queries(team, _meeting_page(meeting)) == before


# --- The tally page -------------------------------------------------------------------


def _tally(meeting, kind=ContestKind.INSPECTION_BOARD) -> str:
    return reverse("elections:meeting_tally", args=[meeting.pk, contest(meeting, kind).pk])


def test_the_tally_page_costs_a_fixed_number_of_queries(meeting, team, django_assert_num_queries):
    url = _tally(run_procedure(meeting))
    with django_assert_num_queries(TALLY_PAGE):
        page = team.get(url)
    assert page.status_code == 200


def test_the_tally_page_costs_the_same_with_more_candidates(meeting, team):
    meeting = run_procedure(meeting)
    before = _queries(team, _tally(meeting))
    _floor_nominations(meeting, 4)
    assert "Trần Văn Đề Cử" in team.get(_tally(meeting)).content.decode()
    assert _queries(team, _tally(meeting)) == before


def _mismatched_entries(meeting, contest_, personas) -> None:
    """Two entries that differ on the first candidate: the page shows the comparison."""
    candidates = count_selectors.candidates_of(contest_)
    present = meeting_selectors.voters(meeting)
    for user, first in ((personas.p22_kp1_tobaucu, present), (personas.p22_kp1_thuky, present - 1)):
        approvals = dict.fromkeys(candidates, 0)
        approvals[candidates[0]] = first
        results.tally_submit(
            by=user, meeting=meeting, contest=contest_, **secret_ballot(approvals, issued=present)
        )


def test_the_tally_page_comparing_two_entries_costs_the_same_for_one_or_five_candidates(
    meeting, team, personas
):
    meeting = run_procedure(meeting)
    _floor_nominations_for(meeting, ContestKind.INSPECTION_BOARD, 4)
    for kind in (ContestKind.HEAD, ContestKind.INSPECTION_BOARD):
        _mismatched_entries(meeting, contest(meeting, kind), personas)
    one, five = _tally(meeting, ContestKind.HEAD), _tally(meeting, ContestKind.INSPECTION_BOARD)
    assert "không khớp" in team.get(five).content.decode()
    assert len(count_selectors.candidates_of(contest(meeting, ContestKind.INSPECTION_BOARD))) == 5
    assert _queries(team, one) == _queries(team, five)


# --- The household search at the meeting ----------------------------------------------


def _search(meeting) -> str:
    return reverse("elections:meeting_household_search", args=[meeting.pk])


def test_the_household_search_costs_a_fixed_number_of_queries(meeting, team, django_assert_num_queries):
    with django_assert_num_queries(HOUSEHOLD_SEARCH):
        found = team.get(_search(meeting), {"q": "HGD"})
    assert found.content.decode().count("HGD") >= 10


def test_the_household_search_costs_the_same_with_more_matches_checked_in(meeting, team, personas):
    before = _queries(team, _search(meeting), {"q": "HGD"})
    neighborhood = meeting.election.neighborhood
    HouseholdFactory.create_batch(5, neighborhood=neighborhood)
    for household in neighborhood.households.exclude(attendances__meeting=meeting)[:8]:
        meeting_services.check_in(by=personas.p22_kp1_tobaucu, meeting=meeting, household=household)
    assert meeting_selectors.present_count(meeting) == 11
    assert _queries(team, _search(meeting), {"q": "HGD"}) == before


# --- The public ward page -------------------------------------------------------------


def _public(ward) -> str:
    return reverse("elections:public_ward", args=[ward.pk])


def _ward_with_plan(hcm_map, personas, district_plan, khu_pho: int, candidates: int):
    """A ward with its khu phố, a plan, and each khu phố's lists approved."""
    ward = make_division(hcm_map.binh_thanh, "ward", f"Phường {khu_pho}00", "Phường", f"8{khu_pho:04d}")
    for k in range(1, khu_pho + 1):
        make_neighborhood(ward, k)
    front = _ward_staff(ward)
    plan = plan_create(
        by=front[0],
        division=ward,
        parent=district_plan,
        number=f"{khu_pho}/KH",
        issued_on=dt.date(2024, 10, 7),
        title="Bầu cử",
        **PLAN_DEFAULTS,
    )
    for election in plan.elections.all():
        for contest_ in election.contests.all():
            for n in range(candidates):
                candidate_add(
                    contest=contest_,
                    full_name=f"Lê Văn {contest_.kind} {n}",
                    gender="male",
                    birth_date=dt.date(1970, 1, 1),
                    nomination_source="front_committee",
                )
            for step, user in (
                ("record_party_opinion", front[0]),
                ("fix_official_list", front[0]),
                ("send_to_ward", front[0]),
                ("approve", front[1]),
            ):
                consultation.list_transition(contest_, step, by=user)
    return ward


def _ward_staff(ward):
    return (
        make_staff(f"ubnd.{ward.code}", ward, Role.WARD_OFFICIAL),
        make_staff(f"mttq.{ward.code}", ward, Role.WARD_FRONT),
    )


def test_the_public_ward_page_costs_a_fixed_number_of_queries(
    ready_election, client, hcm_map, django_assert_num_queries
):
    cache.clear()
    with django_assert_num_queries(PUBLIC_WARD):
        page = client.get(_public(hcm_map.p22))
    assert "Nguyễn Văn head" in page.content.decode()


def test_the_public_ward_page_costs_the_same_with_more_khu_pho_and_candidates(
    hcm_map, personas, upper_plans, client
):
    small = _ward_with_plan(hcm_map, personas, upper_plans["district"], khu_pho=1, candidates=1)
    large = _ward_with_plan(hcm_map, personas, upper_plans["district"], khu_pho=5, candidates=3)
    assert "Khu phố 5" in client.get(_public(large)).content.decode()
    assert _queries(client, _public(small)) == _queries(client, _public(large))


# --- The household list ---------------------------------------------------------------


def _household_list(division) -> str:
    return reverse("neighborhoods:household_list", args=[division.pk])


def test_the_household_list_costs_a_fixed_number_of_queries(
    households, hcm_map, personas, login, django_assert_num_queries
):
    client = login(personas.p22_ubnd)
    with django_assert_num_queries(HOUSEHOLD_LIST):
        page = client.get(_household_list(hcm_map.p22))
    assert households[0].code in page.content.decode()


def test_the_household_list_costs_the_same_with_more_households_and_khu_pho(
    households, hcm_map, personas, login
):
    client = login(personas.p22_ubnd)
    before = _queries(client, _household_list(hcm_map.p22))
    for number in (4, 5, 6):
        HouseholdFactory.create_batch(15, neighborhood=make_neighborhood(hcm_map.p22, number))
    assert "Khu phố 6" in client.get(_household_list(hcm_map.p22)).content.decode()
    assert _queries(client, _household_list(hcm_map.p22)) == before
