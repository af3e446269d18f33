"""At a meeting, too, households' names are for the ward and the khu phố's team only, and the
team's searches are logged (Decree 13/2023/NĐ-CP)."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from elections.models import Attendance, Meeting


@pytest.fixture
def sittings(kp1_election, households):
    meeting = Meeting.objects.create(election=kp1_election, household_total=3)
    Attendance.objects.create(meeting=meeting, household=households[0], representative_name="Lê Thị Đại Diện")
    ballot_round = Meeting.objects.create(
        election=kp1_election, number=2, household_total=3, mode="household_ballots"
    )
    return meeting, ballot_round


def test_the_district_sees_who_attended_by_code_only(login, personas, sittings, households):
    page = login(personas.binhthanh_mttq).get(
        reverse("elections:meeting_page", args=[sittings[0].election.pk])
    )
    body = page.content.decode()
    assert households[0].code in body
    assert "Lê Thị Đại Diện" not in body


def test_the_team_sees_who_attended(login, personas, sittings):
    page = login(personas.p22_kp1_tobaucu).get(
        reverse("elections:meeting_page", args=[sittings[0].election.pk])
    )
    assert "Lê Thị Đại Diện" in page.content.decode()


def test_the_district_sees_the_household_ballot_counts_but_no_names(login, personas, sittings, households):
    url = reverse("elections:meeting_household_ballots", args=[sittings[1].pk])
    body = login(personas.binhthanh_mttq).get(url, {"q": households[0].head_name}).content.decode()
    assert 'data-testid="counts-only"' in body
    assert 'data-testid="ballot-progress"' in body
    for household in households[:3]:
        assert household.head_name not in body and household.address not in body
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()


def test_the_ward_lists_the_household_ballots_and_the_read_is_logged(login, personas, sittings, households):
    url = reverse("elections:meeting_household_ballots", args=[sittings[1].pk])
    body = login(personas.p22_mttq).get(url).content.decode()
    assert households[0].head_name in body
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS)
    assert entry.actor == personas.p22_mttq
    assert entry.additional_data["read"] == "list"
    assert entry.additional_data["rows"] == 3


def test_the_teams_check_in_search_is_logged_with_its_words_and_count(login, personas, sittings, households):
    url = reverse("elections:meeting_household_search", args=[sittings[0].pk])
    body = login(personas.p22_kp1_tobaucu).get(url, {"q": households[1].code}).content.decode()
    assert households[1].head_name in body
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS)
    assert entry.actor == personas.p22_kp1_tobaucu
    assert entry.additional_data == {
        "division_path": households[1].neighborhood.path,
        "read": "search",
        "rows": 1,
        "query": households[1].code,
    }
