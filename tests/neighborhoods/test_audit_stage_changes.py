"""A change of an election's stage is read in the audit log from its StageChange row, once."""

from auditlog.models import LogEntry
from django.urls import reverse

from elections.models import Stage
from elections.services import meeting as meeting_services


def _audit_page(client, division, **filters) -> str:
    return client.get(reverse("neighborhoods:audit_log", args=[division.pk]), filters).content.decode()


def test_opening_the_meeting_reads_as_one_stage_change_with_who_and_from_and_to(
    ready_election, personas, hcm_map, login
):
    meeting_services.meeting_open(by=personas.p22_kp1_tobaucu, election=ready_election)
    ready_election.refresh_from_db()
    assert ready_election.stage == Stage.MEETING_HELD

    page = _audit_page(login(personas.p22_ubnd), hcm_map.p22)
    assert "Chuyển giai đoạn" in page
    before, after = Stage(Stage.LIST_APPROVED).label, Stage(Stage.MEETING_HELD).label
    assert f"Giai đoạn:</span> {before} → <strong>{after}</strong>" in page
    assert "p22.kp1.tobaucu" in page
    # The election's own audit entries no longer repeat it.
    updates = LogEntry.objects.get_for_object(ready_election).filter(action=LogEntry.Action.UPDATE)
    assert not [e for e in updates if "stage" in (e.changes or {})]


def test_stage_changes_follow_the_filters(ready_election, personas, hcm_map, login):
    meeting_services.meeting_open(by=personas.p22_kp1_tobaucu, election=ready_election)
    client = login(personas.p22_ubnd)
    mine = _audit_page(client, hcm_map.p22, person=personas.p22_kp1_tobaucu.pk)
    assert "Chuyển giai đoạn" in mine
    others = _audit_page(client, hcm_map.p22, person=personas.p22_ubnd.pk)
    assert "p22.kp1.tobaucu" not in others[others.index("<tbody>") :]
    assert "Chuyển giai đoạn" in _audit_page(client, hcm_map.p22, record="Khu phố 1")
    assert "Chuyển giai đoạn" not in _audit_page(client, hcm_map.p22, record="Khu phố 2")
    # Another ward's log does not show it.
    assert "Chuyển giai đoạn" not in _audit_page(login(personas.p25_ubnd), hcm_map.p25)
