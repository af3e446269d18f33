"""Progress roll-ups from khu phố to the country: figures, fixed query counts, counters."""

import datetime as dt
import json

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from elections.models import Contest, Election, Stage
from elections.selectors import count as count_selectors
from elections.selectors import plans as plan_selectors
from elections.services import decisions, results
from elections.services import meeting as meeting_services
from elections.services.plans import election_schedule, plan_create
from reporting import exports, progress
from reporting.models import ProgressSnapshot
from tests.conftest import PLAN_DEFAULTS
from tests.elections.count_helpers import check_in_first, run_procedure, vote_every_contest
from tests.factories import HouseholdFactory, make_division, make_neighborhood

TODAY = dt.date(2024, 11, 30)


@pytest.fixture
def counted(ready_election, personas):
    """Khu phố 1 counted: 7 of its 10 households took part and both posts were filled."""
    team = personas.p22_kp1_tobaucu, personas.p22_kp1_thuky
    meeting = meeting_services.meeting_open(by=team[0], election=ready_election)
    check_in_first(meeting, team[0], 7)
    vote_every_contest(run_procedure(meeting), *team)
    ready_election.refresh_from_db()
    return ready_election


def test_a_ward_rolls_up_its_khu_pho(counted, hcm_map):
    figures = progress.progress(hcm_map.p22, TODAY)
    rows = {row.name: row for row in figures.rows}
    assert rows["Khu phố 1"].stages == {Stage.COUNTED: 1}
    assert (rows["Khu phố 1"].present, rows["Khu phố 1"].households, rows["Khu phố 1"].turnout) == (
        7,
        10,
        70.0,
    )
    assert rows["Khu phố 2"].stages == {Stage.NOT_STARTED: 1}
    assert figures.total.total == 3 and figures.total.done == 0
    assert figures.turnout_histogram[7] == 1
    assert figures.deadline == dt.date(2024, 10, 31)


def test_the_city_and_the_country_see_the_same_totals_by_child(counted, hcm_map):
    city = progress.progress(hcm_map.hcm, TODAY)
    assert [(row.name, row.total) for row in city.rows] == [("Quận Bình Thạnh", 3)]
    country = progress.progress(hcm_map.country, TODAY)
    assert country.total.total == 3 and country.total.present == 7


def test_overdue_counts_agree_with_each_elections_checklist(plans, hcm_map, personas):
    for number, kp in enumerate((hcm_map.kp1, hcm_map.kp2, hcm_map.kp3)):
        election = plans["ward"].elections.get(neighborhood=kp)
        election_schedule(
            by=personas.p22_ubnd,
            election=election,
            meeting_date=dt.date(2024, 10, 20 + 3 * number),
            meeting_time=None,
            meeting_place="",
        )
    Election.objects.filter(neighborhood=hcm_map.kp2).update(plan_decided_on=dt.date(2024, 10, 1))
    for today in (dt.date(2024, 10, 1), dt.date(2024, 10, 15), dt.date(2024, 10, 28), dt.date(2024, 11, 5)):
        figures = progress.progress(hcm_map.p22, today)
        expected: dict[str, int] = {}
        for election in Election.objects.select_related("plan"):
            for line in plan_selectors.late_lines(election, today):
                expected[line.key] = expected.get(line.key, 0) + 1
        assert {k: v for k, v in figures.total.overdue.items() if v} == expected, today


def _schedule_three_meetings(plans, hcm_map, personas) -> None:
    """Khu phố 1, 2 and 3 meet on 20, 23 and 26/10/2024."""
    for number, kp in enumerate((hcm_map.kp1, hcm_map.kp2, hcm_map.kp3)):
        election_schedule(
            by=personas.p22_ubnd,
            election=plans["ward"].elections.get(neighborhood=kp),
            meeting_date=dt.date(2024, 10, 20 + 3 * number),
            meeting_time=None,
            meeting_place="",
        )


def _late_by_checklist(today: dt.date) -> dict[str, int]:
    late: dict[str, int] = {}
    for election in Election.objects.select_related("plan"):
        for line in plan_selectors.late_lines(election, today):
            late[line.key] = late.get(line.key, 0) + 1
    return late


def test_a_ward_plan_allowing_more_days_shows_fewer_overdue_items_matching_each_checklist(
    plans, hcm_map, personas, login
):
    # Form 03 reaches the ward within 5 working days of the meeting by default; this plan
    # allows 10. On 31/10 the meetings of 20 and 23/10 are late by default, none by the plan.
    _schedule_three_meetings(plans, hcm_map, personas)
    today = dt.date(2024, 10, 31)
    client = login(personas.p22_ubnd)
    with time_machine.travel(dt.datetime(2024, 10, 31, 9, 0)):
        by_default = client.get(reverse("reporting:dashboard", args=[hcm_map.p22.pk])).context["figures"]
        default_queries = _dashboard_queries(client, hcm_map.p22)
        ward_plan = plans["ward"]
        ward_plan.rule_overrides = {"community_decision_working_days": 10}
        ward_plan.save()
        by_plan = client.get(reverse("reporting:dashboard", args=[hcm_map.p22.pk])).context["figures"]
        plan_queries = _dashboard_queries(client, hcm_map.p22)
        district = login(personas.binhthanh_noivu)
        above = district.get(reverse("reporting:dashboard", args=[hcm_map.binh_thanh.pk])).context["figures"]

    assert by_default.total.overdue["community_decision"] == 2
    assert by_plan.total.overdue["community_decision"] == 0
    assert by_plan.total.overdue_total == by_default.total.overdue_total - 2
    late = _late_by_checklist(today)
    assert "community_decision" not in late
    assert {k: v for k, v in by_plan.total.overdue.items() if v} == late
    assert {k: v for k, v in above.total.overdue.items() if v} == late
    assert plan_queries == default_queries


def test_the_district_counts_each_ward_by_its_own_plan(plans, hcm_map, personas, login):
    # Phường 22's plan allows 10 working days for form 03, Phường 25's keeps the default 5.
    _schedule_three_meetings(plans, hcm_map, personas)
    p25_plan = plan_create(
        by=personas.admin,
        division=hcm_map.p25,
        parent=plans["district"],
        number="7/KH",
        issued_on=dt.date(2024, 10, 7),
        title="Bầu cử",
        **PLAN_DEFAULTS,
    )
    election_schedule(
        by=personas.p25_ubnd,
        election=p25_plan.elections.get(neighborhood=hcm_map.p25_kp1),
        meeting_date=dt.date(2024, 10, 20),
        meeting_time=None,
        meeting_place="",
    )
    plans["ward"].rule_overrides = {"community_decision_working_days": 10}
    plans["ward"].save()
    today = dt.date(2024, 10, 31)

    figures = progress.progress(hcm_map.binh_thanh, today)

    rows = {row.name: row.overdue["community_decision"] for row in figures.rows}
    assert rows == {"Phường 22": 0, "Phường 25": 1}
    assert {k: v for k, v in figures.total.overdue.items() if v} == _late_by_checklist(today)


def _dashboard_queries(client, division) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("reporting:dashboard", args=[division.pk]))
    assert response.status_code == 200
    return len(queries)


def _grow(hcm_map, personas, district_plan, wards: int) -> None:
    """More wards with khu phố and a ward plan each: the tree below the city gets bigger."""
    for n in range(wards):
        ward = make_division(hcm_map.binh_thanh, "ward", f"Phường {100 + n}", "Phường", f"9{n:04d}")
        for k in range(1, 4):
            HouseholdFactory.create_batch(2, neighborhood=make_neighborhood(ward, k))
        plan_create(
            by=personas.admin,
            division=ward,
            parent=district_plan,
            number=f"{n}/KH",
            issued_on=dt.date(2024, 10, 7),
            title="Bầu cử",
            **PLAN_DEFAULTS,
        )


def test_a_dashboard_costs_a_fixed_number_of_queries_however_many_divisions_below(
    counted, hcm_map, personas, plans, login, django_assert_max_num_queries
):
    client = login(personas.admin)
    before = {
        d: _dashboard_queries(client, getattr(hcm_map, d)) for d in ("p22", "binh_thanh", "hcm", "country")
    }
    _grow(hcm_map, personas, plans["district"], wards=6)
    after = {
        d: _dashboard_queries(client, getattr(hcm_map, d)) for d in ("p22", "binh_thanh", "hcm", "country")
    }
    assert before == after
    # 13: the count of issued papers still without their received signed copy (issue 16 item 10)
    # is one more aggregate query, the same for any number of divisions. A ward's dashboard asks
    # once more, for the community meetings held there today (the meeting-day curves, issue 18).
    # One more for the terms kept, offered as the campaign to show (issue 17 item 2). The country
    # has no plan above it to find a deadline in, and its term choice reads the plans' own index.
    for name, most in (("p22", 15), ("binh_thanh", 14), ("hcm", 14), ("country", 13)):
        with django_assert_max_num_queries(most):
            client.get(reverse("reporting:dashboard", args=[getattr(hcm_map, name).pk]))


def _counters_agree() -> None:
    """The kept counters say what the source records say."""
    for election in Election.objects.all():
        sittings = [m for m in election.meetings.order_by("-number") if m.results.exists()]
        if sittings:
            latest = sittings[0].results.order_by("-version").first()
            assert (election.households, election.present) == (latest.household_total, latest.present)
        else:
            assert (election.households, election.present) == (None, None)
    for contest in Contest.objects.all():
        standing = count_selectors.current_result(contest)
        assert contest.elected_id == (standing.elected_id if standing else None)


def test_the_kept_counters_agree_with_the_records_after_every_step(ready_election, personas):
    team = personas.p22_kp1_tobaucu, personas.p22_kp1_thuky
    _counters_agree()
    meeting = meeting_services.meeting_open(by=team[0], election=ready_election)
    check_in_first(meeting, team[0], 6)
    _counters_agree()
    vote_every_contest(run_procedure(meeting), *team, share=5)
    _counters_agree()
    decisions.rerun_decide(
        by=personas.p22_ubnd,
        election=ready_election,
        decided_on=dt.date(2024, 10, 28),
        meeting_date=dt.date(2024, 11, 3),
    )
    _counters_agree()
    second = meeting_services.meeting_open(by=team[0], election=ready_election)
    check_in_first(second, team[0], 8)
    vote_every_contest(run_procedure(second), *team, share=7)
    _counters_agree()
    head = ready_election.contests.get(kind="head")
    corrected = results.result_correct(
        by=personas.p22_ubnd,
        result=count_selectors.current_result(head),
        reason="Cộng nhầm",
        figures={"issued": 8, "returned": 8, "valid": 8, "invalid": 0},
        counts={count_selectors.candidates_of(head)[0].pk: 6},
    )
    _counters_agree()
    assert Contest.objects.get(pk=head.pk).elected_id == corrected.elected_id
    decisions.head_recognise(
        by=personas.p22_ubnd,
        election=ready_election,
        received_on=dt.date(2024, 11, 4),
        decided_on=dt.date(2024, 11, 6),
    )
    _counters_agree()
    decisions.board_member_recognise(  # each post on its own: the Front recognises the board member
        by=personas.p22_mttq,
        election=ready_election,
        received_on=dt.date(2024, 11, 4),
        decided_on=dt.date(2024, 11, 6),
    )
    _counters_agree()


def test_nightly_snapshots_feed_the_completion_chart(counted, hcm_map, personas, login):
    assert exports.snapshot_all(dt.date(2024, 11, 1)) == 4  # the country, the city, the district, the ward
    exports.snapshot_all(dt.date(2024, 11, 1))
    assert ProgressSnapshot.objects.filter(day=dt.date(2024, 11, 1)).count() == 4, "a second run replaces"
    ward = ProgressSnapshot.objects.get(division=hcm_map.p22, day=dt.date(2024, 11, 1))
    assert (ward.elections, ward.completed, ward.figures) == (3, 0, {"households": 10, "present": 7})
    exports.snapshot_all(dt.date(2024, 11, 2))  # a curve needs a second night
    page = (
        login(personas.p22_ubnd).get(reverse("reporting:dashboard", args=[hcm_map.p22.pk])).content.decode()
    )
    assert "<polyline" in page and "31/10/2024" in page


def test_the_json_twin_has_the_same_figures_and_the_same_access_rules(counted, hcm_map, personas, login):
    client = login(personas.binhthanh_noivu)
    data = json.loads(client.get(reverse("api_progress", args=[hcm_map.p22.code])).content)
    figures = progress.progress(hcm_map.p22, timezone.localdate())  # the ward's day, as the API counts it
    assert data == json.loads(json.dumps(figures.as_dict()))
    assert data["total"]["present"] == 7 and data["children"][0]["division"]["name"] == "Khu phố 1"
    assert login(personas.p25_ubnd).get(reverse("api_progress", args=[hcm_map.p22.code])).status_code == 404


def test_district_reports_are_prepared_for_districts_in_campaign(
    counted, hcm_map, django_capture_on_commit_callbacks
):
    from reporting.models import ReportExport
    from reporting.tasks import prepare_district_reports

    with django_capture_on_commit_callbacks(execute=True):
        assert prepare_district_reports() == 1
    report = ReportExport.objects.get()
    assert report.division == hcm_map.binh_thanh and report.scheduled and report.status == "ready"
