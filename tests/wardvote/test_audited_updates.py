"""Changes made with a queryset's ``.update()`` send no signal: each still writes its audit entry,
with who, from where, and before → after."""

from __future__ import annotations

import datetime

from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from elections.models import Contest, ContestKind, Election
from elections.services import meeting as meeting_services
from neighborhoods.models import Division, Household, ReorganisationKind
from neighborhoods.services import reorganisations
from neighborhoods.services.neighborhoods import neighborhood_create
from tests.elections.count_helpers import check_in_first, enter_twice, run_procedure, secret_ballot
from tests.forms import with_token
from wardvote.audit import audited_update

RESOLUTION = {
    "resolution_number": "11/NQ-HĐND",
    "resolution_date": datetime.date(2024, 3, 20),
    "issuing_body": "HĐND Thành phố Hồ Chí Minh",
    "effective_date": datetime.date(2024, 4, 1),
    "note": "",
}


def updates_of(obj) -> list[LogEntry]:
    return list(LogEntry.objects.get_for_object(obj).filter(action=LogEntry.Action.UPDATE).order_by("pk"))


def test_a_merge_through_the_page_audits_every_household_moved_and_each_khu_pho_ended(
    login, personas, hcm_map, households
):
    client = login(personas.p22_ubnd)
    url = reverse("neighborhoods:reorganisation_create", args=[hcm_map.p22.pk, ReorganisationKind.MERGE])
    client.post(
        url,
        with_token(
            {
                **RESOLUTION,
                "resolution_date": "20/03/2024",
                "effective_date": "01/04/2024",
                "sources": [hcm_map.kp2.pk, hcm_map.kp3.pk],
                "name": "Khu phố 2",
            }
        ),
        REMOTE_ADDR="192.0.2.10",
    )
    moved = [h for h in households if h.neighborhood in (hcm_map.kp2, hcm_map.kp3)]
    merged = Household.objects.get(pk=moved[0].pk).neighborhood
    for household in moved:
        (entry,) = updates_of(household)
        assert entry.changes == {"neighborhood": [str(household.neighborhood_id), str(merged.pk)]}
        assert entry.actor == personas.p22_ubnd
        assert entry.remote_addr == "192.0.2.10"
        assert entry.additional_data == {"division_path": merged.path}
    for old in (hcm_map.kp2, hcm_map.kp3):
        (entry,) = [e for e in updates_of(old) if "valid_until" in e.changes]
        assert entry.changes == {"valid_until": ["None", "2024-03-31"]}
        assert entry.actor == personas.p22_ubnd
    page = client.get(reverse("neighborhoods:audit_log", args=[hcm_map.p22.pk])).content.decode()
    assert moved[0].head_name in page


def test_a_split_audits_each_household_once_with_where_it_went(hcm_map, households):
    kp1 = [h for h in households if h.neighborhood == hcm_map.kp1]
    reorganisation = reorganisations.reorganisation_split(
        ward=hcm_map.p22,
        source=hcm_map.kp1,
        parts=[("Khu phố 1A", []), ("Khu phố 1B", [kp1[0].code])],
        **RESOLUTION,
    )
    first, second = reorganisation.results.order_by("pk")
    assert [e.changes for e in updates_of(kp1[0])] == [
        {"neighborhood": [str(hcm_map.kp1.pk), str(second.pk)]}
    ]
    for household in kp1[1:]:
        assert [e.changes for e in updates_of(household)] == [
            {"neighborhood": [str(hcm_map.kp1.pk), str(first.pk)]}
        ]


def test_a_dissolution_audits_the_households_sent_to_another_khu_pho(hcm_map, households):
    reorganisations.reorganisation_dissolve(
        ward=hcm_map.p22, source=hcm_map.kp3, move_households_to=hcm_map.kp1, **RESOLUTION
    )
    for household in [h for h in households if h.neighborhood == hcm_map.kp3]:
        (entry,) = updates_of(household)
        assert entry.changes == {"neighborhood": [str(hcm_map.kp3.pk), str(hcm_map.kp1.pk)]}


def test_a_new_khu_phos_place_in_the_tree_is_audited(hcm_map):
    neighborhood = neighborhood_create(ward=hcm_map.p22, name="Khu phố 9", type_word="Khu phố")
    (entry,) = updates_of(Division.objects.get(pk=neighborhood.pk))
    assert entry.changes == {"path": ["", neighborhood.path]}


def test_a_walk_in_household_flagged_for_review_is_audited(ready_election, personas):
    meeting = meeting_services.meeting_open(by=personas.p22_kp1_tobaucu, election=ready_election)
    attendance = meeting_services.household_add_at_meeting(
        by=personas.p22_kp1_tobaucu, meeting=meeting, code="P22-KP01-9999", head_name="Võ Văn Mới"
    )
    (entry,) = updates_of(attendance.household)
    assert entry.changes == {"needs_review": ["False", "True"]}


def test_the_counters_copied_from_an_accepted_result_are_audited(ready_election, personas):
    meeting = meeting_services.meeting_open(by=personas.p22_kp1_tobaucu, election=ready_election)
    check_in_first(meeting, personas.p22_kp1_tobaucu, 6)
    meeting = run_procedure(meeting)
    head = meeting.election.contests.get(kind=ContestKind.HEAD)
    candidate = head.candidates.get()
    tally = secret_ballot({candidate: 6}, issued=6)
    enter_twice(meeting, head, personas.p22_kp1_tobaucu, personas.p22_kp1_thuky, tally)
    assert Contest.objects.get(pk=head.pk).elected_id == candidate.pk
    assert any(e.changes.get("elected") == ["None", str(candidate.pk)] for e in updates_of(head))
    election = Election.objects.get(pk=meeting.election_id)
    assert any(
        e.changes.get("households") and e.changes.get("present", [None, None])[1] == "6"
        for e in updates_of(election)
    )


def test_held_rows_that_do_not_change_are_neither_written_nor_audited(ready_election):
    """With the rows the caller holds under its lock, an update that changes none of them
    writes no statement and no entry; without them, the rows are read and the update runs."""
    election = Election.objects.get(pk=ready_election.pk)
    entries = LogEntry.objects.count()
    with CaptureQueriesContext(connection) as held:
        audited_update(Election.objects.filter(pk=election.pk), rows=[election], stage=election.stage)
    assert held.captured_queries == [] and LogEntry.objects.count() == entries
    with CaptureQueriesContext(connection) as read:
        audited_update(Election.objects.filter(pk=election.pk), stage=election.stage)
    assert len(read.captured_queries) == 2 and LogEntry.objects.count() == entries


def test_a_change_made_outside_any_request_names_no_one(login, personas, hcm_map, households):
    # A request earlier in the same thread must not lend its user to a later task's change.
    login(personas.p22_ubnd).get(reverse("neighborhoods:household_list", args=[hcm_map.p22.pk]))
    reorganisations.reorganisation_dissolve(
        ward=hcm_map.p22, source=hcm_map.kp3, move_households_to=hcm_map.kp1, **RESOLUTION
    )
    moved = [h for h in households if h.neighborhood == hcm_map.kp3]
    assert [(e.actor, e.remote_addr) for e in updates_of(moved[0])] == [(None, None)]


def test_the_elections_and_contests_a_ward_plan_opens_are_audited(plans, hcm_map):
    elections = list(plans["ward"].elections.all())
    assert len(elections) == 3
    for election in elections:
        (created,) = LogEntry.objects.get_for_object(election).filter(action=LogEntry.Action.CREATE)
        assert created.changes["neighborhood"] == ["None", str(election.neighborhood_id)]
        assert created.changes["plan"] == ["None", str(plans["ward"].pk)]
        assert created.additional_data == {"division_path": election.neighborhood.path}
        for contest in election.contests.all():
            (created,) = LogEntry.objects.get_for_object(contest).filter(action=LogEntry.Action.CREATE)
            assert created.changes["kind"] == ["None", contest.kind]


def test_a_plan_issued_through_the_page_names_its_issuer_on_every_election_it_opens(
    login, personas, hcm_map, plans
):
    from elections.models import Plan
    from tests.elections.test_plans import PLAN_FORM

    client = login(personas.p22_ubnd)
    client.post(
        reverse("elections:plan_create", args=[hcm_map.p22.pk]),
        with_token({**PLAN_FORM, "number": "193/KH", "parent": plans["district"].pk}),
        REMOTE_ADDR="192.0.2.20",
    )
    plan = Plan.objects.get(number="193/KH")
    entries = LogEntry.objects.filter(
        content_type__model="election",
        action=LogEntry.Action.CREATE,
        object_id__in=plan.elections.values_list("pk", flat=True),
    )
    assert entries.count() == 3
    assert {(e.actor, e.remote_addr) for e in entries} == {(personas.p22_ubnd, "192.0.2.20")}
