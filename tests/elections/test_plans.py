import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from elections.models import Contest, Election, Stage, StageChange
from elections.services.plans import election_schedule, plan_create
from neighborhoods.services.reorganisations import reorganisation_establish
from tests.forms import with_token

PLAN_FORM = {
    "number": "192/KHLT-UBND-UBMTTQ",
    "issued_on": "07/10/2024",
    "title": "Bầu cử Trưởng khu phố",
    "issuing_bodies": "UBND – UBMTTQ Phường 22",
    "term_start_year": 2024,
    "term_end_year": 2029,
    "elects_head": "on",
    "elects_inspection_board": "on",
    "completion_deadline": "31/10/2024",
}


def test_the_ward_plan_opens_one_election_per_khu_pho_with_both_contests(plans, hcm_map):
    elections = plans["ward"].elections.all()
    assert {e.neighborhood for e in elections} == {hcm_map.kp1, hcm_map.kp2, hcm_map.kp3}
    assert Contest.objects.filter(election__in=elections).count() == 6
    assert all(e.stage == Stage.NOT_STARTED for e in elections)


def test_a_khu_pho_established_after_the_plan_date_gets_no_election(hcm_map, personas, plans):
    reorganisation_establish(
        ward=hcm_map.p22,
        name="Khu phố 9",
        resolution_number="1/NQ",
        resolution_date=dt.date(2024, 11, 1),
        effective_date=dt.date(2024, 11, 1),
    )
    again = plan_create(
        by=personas.p22_ubnd,
        division=hcm_map.p22,
        parent=plans["district"],
        number="200/KH",
        issued_on=dt.date(2024, 10, 8),
        title="x",
        issuing_bodies="x",
        term_start_year=2024,
        term_end_year=2029,
        elects_head=True,
        elects_inspection_board=False,
        completion_deadline=dt.date(2024, 10, 31),
    )
    assert again.elections.count() == 3


def test_a_ward_plan_must_hang_under_its_district_plan(hcm_map, personas, plans):
    with pytest.raises(ValidationError, match="Kế hoạch cấp trên phải là của Quận Bình Thạnh"):
        plan_create(
            by=personas.p22_ubnd,
            division=hcm_map.p22,
            parent=plans["city"],
            number="1",
            title="x",
            issued_on=dt.date(2024, 10, 7),
            issuing_bodies="x",
            term_start_year=2024,
            term_end_year=2029,
            elects_head=True,
            elects_inspection_board=False,
            completion_deadline=dt.date(2024, 10, 31),
        )


def test_ward_official_creates_the_ward_plan_through_the_page(login, personas, hcm_map, plans):
    client = login(personas.p22_ubnd)
    response = client.post(
        reverse("elections:plan_create", args=[hcm_map.p22.pk]),
        with_token({**PLAN_FORM, "number": "193/KH", "parent": plans["district"].pk}),
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Đã mở 3 cuộc bầu cử khu phố" in page
    assert "Khu phố 1" in page and "Khu phố 3" in page


def test_a_district_officer_cannot_issue_a_ward_plan(login, personas, hcm_map):
    response = login(personas.binhthanh_noivu).get(reverse("elections:plan_create", args=[hcm_map.p22.pk]))
    assert response.status_code == 404


def test_scheduling_a_meeting_starts_the_preparation_and_is_recorded(kp1_election, personas):
    election = election_schedule(
        by=personas.p22_ubnd,
        election=kp1_election,
        meeting_date=dt.date(2024, 10, 27),
        meeting_time=dt.time(8, 0),
        meeting_place="Nhà văn hóa khu phố 1",
    )
    assert election.stage == Stage.PREPARING
    change = StageChange.objects.get(election=election)
    assert (change.by, change.from_stage, change.to_stage) == (
        personas.p22_ubnd,
        Stage.NOT_STARTED,
        Stage.PREPARING,
    )


def test_a_meeting_after_the_plans_deadline_is_refused(kp1_election, personas):
    with pytest.raises(
        ValidationError, match="sau thời hạn hoàn thành 31/10/2024 của kế hoạch 192/KHLT-UBND-UBMTTQ"
    ):
        election_schedule(
            by=personas.p22_ubnd,
            election=kp1_election,
            meeting_date=dt.date(2024, 11, 3),
            meeting_time=None,
            meeting_place="",
        )


def test_a_stale_edit_is_refused_instead_of_overwriting(kp1_election, personas):
    stale = kp1_election.version
    election_schedule(
        by=personas.p22_ubnd,
        election=kp1_election,
        meeting_date=dt.date(2024, 10, 27),
        meeting_time=None,
        meeting_place="A",
        expected_version=stale,
    )
    with pytest.raises(ValidationError, match="Người khác vừa sửa"):
        election_schedule(
            by=personas.p22_ubnd,
            election=kp1_election,
            meeting_date=dt.date(2024, 10, 20),
            meeting_time=None,
            meeting_place="B",
            expected_version=stale,
        )
    assert Election.objects.get(pk=kp1_election.pk).meeting_place == "A"


def test_bulk_scheduling_from_the_plan_page(login, personas, plans, hcm_map):
    ward_plan = plans["ward"]
    ids = list(ward_plan.elections.values_list("pk", flat=True))
    response = login(personas.p22_ubnd).post(
        reverse("elections:plan_detail", args=[ward_plan.pk]),
        {
            "elections": ids,
            "meeting_date": "27/10/2024",
            "meeting_time": "08:00",
            "meeting_place": "Nhà văn hóa",
        },
    )
    assert response.status_code == 302
    assert set(ward_plan.elections.values_list("meeting_date", flat=True)) == {dt.date(2024, 10, 27)}


@time_machine.travel(dt.datetime(2024, 10, 12, 9, 0))
def test_late_items_show_in_red_on_the_plans_list(login, personas, plans, kp1_election):
    election_schedule(
        by=personas.p22_ubnd,
        election=kp1_election,
        meeting_date=dt.date(2024, 10, 27),
        meeting_time=None,
        meeting_place="",
    )
    page = login(personas.binhthanh_noivu).get(reverse("elections:plan_detail", args=[plans["ward"].pk]))
    html = page.content.decode()
    # Due on 07/10/2024 (20 days before), not recorded by 12/10/2024.
    assert 'badge text-bg-danger me-1" title="NĐ 59/2023, Điều 6.1.a' in html
    assert "Xếp lịch họp cho nhiều khu phố" not in html  # the district only reads


def test_another_ward_cannot_open_or_schedule_phuong_22s_election(login, personas, kp1_election):
    client = login(personas.p25_ubnd)
    assert client.get(reverse("elections:election_detail", args=[kp1_election.pk])).status_code == 404
    response = client.post(
        reverse("elections:election_schedule", args=[kp1_election.pk]), {"meeting_date": "27/10/2024"}
    )
    assert response.status_code == 404
    kp1_election.refresh_from_db()
    assert kp1_election.meeting_date is None


def test_district_front_reads_the_election_without_forms(login, personas, kp1_election):
    page = login(personas.binhthanh_mttq).get(reverse("elections:election_detail", args=[kp1_election.pk]))
    assert page.status_code == 200
    assert "Lưu lịch họp" not in page.content.decode()


def test_the_administrator_overrides_a_rule_of_a_plan_and_bad_values_are_refused(client, personas, plans):
    from elections.admin import PlanAdminForm

    ward_plan = plans["ward"]
    data = {
        field: getattr(ward_plan, field)
        for field in (
            "level",
            "number",
            "issued_on",
            "title",
            "issuing_bodies",
            "signers",
            "legal_basis",
            "term_start_year",
            "term_end_year",
            "elects_head",
            "elects_inspection_board",
            "completion_deadline",
        )
    }
    data.update(division=ward_plan.division_id, parent=ward_plan.parent_id)
    good = PlanAdminForm({**data, "rule_overrides": '{"rerun_window_days": 30}'}, instance=ward_plan)
    assert good.is_valid(), good.errors
    bad = PlanAdminForm({**data, "rule_overrides": '{"no_such_rule": 1}'}, instance=ward_plan)
    assert not bad.is_valid() and "no_such_rule" in str(bad.errors)


def test_the_automatic_step_is_not_offered_by_hand(login, personas, kp1_scheduled):
    from elections.transitions import available_transitions

    assert [t.name for t in available_transitions(kp1_scheduled)] == []
    client = login(personas.p22_ubnd)
    response = client.post(reverse("elections:election_transition", args=[kp1_scheduled.pk, "approve_lists"]))
    assert response.status_code == 404
    kp1_scheduled.refresh_from_db()
    assert kp1_scheduled.stage == Stage.PREPARING


def test_times_read_as_hours_and_minutes_on_the_page_and_in_its_form(login, personas, kp1_election):
    election_schedule(
        by=personas.p22_ubnd,
        election=kp1_election,
        meeting_date=dt.date(2024, 10, 27),
        meeting_time=dt.time(8, 0),
        meeting_place="Nhà văn hóa khu phố 1",
    )
    page = login(personas.p22_ubnd).get(reverse("elections:election_detail", args=[kp1_election.pk]))
    body = page.content.decode()
    assert 'value="08:00"' in body and "08:00:00" not in body
