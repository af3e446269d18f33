import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from elections.models import Attendance
from elections.selectors import meeting as meeting_selectors
from elections.services import meeting as services
from tests.factories import HouseholdFactory


@pytest.fixture
def meeting(ready_election, personas):
    return services.meeting_open(by=personas.p22_kp1_tobaucu, election=ready_election)


def test_opening_snapshots_the_households_of_the_khu_pho(meeting):
    assert meeting.household_total == 10
    assert meeting.number == 1


def test_a_meeting_cannot_open_before_the_lists_are_approved(kp1_scheduled, personas):
    with pytest.raises(ValidationError, match="sau khi danh sách người ứng cử đã được duyệt"):
        services.meeting_open(by=personas.p22_kp1_tobaucu, election=kp1_scheduled)


def test_a_second_check_in_for_the_same_household_says_who_came(meeting, personas):
    household = meeting.election.neighborhood.households.first()
    services.check_in(
        by=personas.p22_kp1_tobaucu, meeting=meeting, household=household, representative_name="Lê Văn Tám"
    )
    with pytest.raises(
        ValidationError, match=f"Hộ {household.code} đã điểm danh lúc .*, người đại diện: Lê Văn Tám"
    ):
        services.check_in(by=personas.p22_kp1_tobaucu, meeting=meeting, household=household)
    assert Attendance.objects.count() == 1


def test_an_undone_check_in_keeps_its_reason_and_frees_the_household(meeting, personas):
    household = meeting.election.neighborhood.households.first()
    attendance = services.check_in(by=personas.p22_kp1_tobaucu, meeting=meeting, household=household)
    with pytest.raises(ValidationError, match="Ghi lý do"):
        services.check_in_undo(by=personas.p22_kp1_tobaucu, attendance=attendance, reason=" ")
    services.check_in_undo(by=personas.p22_kp1_tobaucu, attendance=attendance, reason="Điểm danh nhầm hộ")
    assert meeting_selectors.present_count(meeting) == 0
    services.check_in(by=personas.p22_kp1_tobaucu, meeting=meeting, household=household)
    assert meeting_selectors.present_count(meeting) == 1
    assert Attendance.objects.filter(undo_reason="Điểm danh nhầm hộ").exists()


def test_a_household_missing_from_the_register_is_added_and_flagged(meeting, personas):
    attendance = services.household_add_at_meeting(
        by=personas.p22_kp1_tobaucu, meeting=meeting, code="P22-KP01-9999", head_name="Võ Văn Mới"
    )
    attendance.household.refresh_from_db()
    assert attendance.household.needs_review
    meeting.refresh_from_db()
    assert meeting.household_total == 11


def test_the_quorum_meter_says_when_no_one_can_be_elected(meeting, personas):
    households = list(meeting.election.neighborhood.households.all())
    for household in households[:5]:
        services.check_in(by=personas.p22_kp1_tobaucu, meeting=meeting, household=household)
    quorum = meeting_selectors.meeting_quorum(meeting)
    assert not quorum.can_elect and "không ai có thể trúng cử" in quorum.message
    services.check_in(by=personas.p22_kp1_tobaucu, meeting=meeting, household=households[5])
    assert meeting_selectors.meeting_quorum(meeting).can_elect


def test_the_team_checks_in_through_the_pages_and_the_meter_moves(login, personas, meeting):
    client = login(personas.p22_kp1_tobaucu)
    household = meeting.election.neighborhood.households.order_by("code").first()
    results = client.get(
        reverse("elections:meeting_household_search", args=[meeting.pk]), {"q": household.code}
    )
    assert household.head_name in results.content.decode()
    client.post(reverse("elections:meeting_check_in", args=[meeting.pk]), {"household": household.pk})
    meter = client.get(reverse("elections:meeting_quorum", args=[meeting.pk])).content.decode()
    assert "1/10" in meter and "10,0\u00a0%" in meter
    again = client.post(reverse("elections:meeting_check_in", args=[meeting.pk]), {"household": household.pk})
    assert "đã điểm danh lúc" in client.get(again["Location"]).content.decode()


def test_the_projector_shows_attendance_and_candidates_without_controls(login, personas, meeting):
    page = (
        login(personas.p22_kp1_tobaucu)
        .get(reverse("elections:meeting_projector", args=[meeting.pk]))
        .content.decode()
    )
    assert "0/10" in page and "Nguyễn Văn head" in page
    assert "<form" not in page and "<button" not in page


def test_only_the_election_team_checks_in(login, personas, meeting):
    household = meeting.election.neighborhood.households.first()
    for persona in (personas.p22_ubnd, personas.binhthanh_noivu, personas.p25_ubnd):
        response = login(persona).post(
            reverse("elections:meeting_check_in", args=[meeting.pk]), {"household": household.pk}
        )
        assert response.status_code == 404
    assert not Attendance.objects.exists()


def test_households_of_another_khu_pho_cannot_be_checked_in(login, personas, meeting, hcm_map):
    stranger = HouseholdFactory(neighborhood=hcm_map.kp2)
    response = login(personas.p22_kp1_tobaucu).post(
        reverse("elections:meeting_check_in", args=[meeting.pk]), {"household": stranger.pk}
    )
    assert response.status_code == 404


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_walk_ins_all_count_in_the_household_total(ready_election, personas):
    from auditlog.models import LogEntry

    from tests.concurrency import at_once

    meeting = services.meeting_open(by=personas.p22_kp1_tobaucu, election=ready_election)

    def walk_in(number):
        return services.household_add_at_meeting(
            by=personas.p22_kp1_tobaucu,
            meeting=meeting,
            code=f"P22-KP01-{9900 + number}",
            head_name="Võ Văn Mới",
        )

    attendances, errors = at_once(walk_in, [(n,) for n in range(20)])
    assert errors == [] and len(attendances) == 20
    meeting.refresh_from_db()
    assert meeting.household_total == 10 + 20
    assert meeting_selectors.present_count(meeting) == 20
    updates = LogEntry.objects.get_for_object(meeting).filter(action=LogEntry.Action.UPDATE)
    audited = sorted(
        (int(e.changes_dict["household_total"][0]), int(e.changes_dict["household_total"][1]))
        for e in updates
    )
    assert audited == [(total, total + 1) for total in range(10, 30)]
