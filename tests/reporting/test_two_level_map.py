"""A campaign on the two-level map of 1 July 2025: the province opens its wards' plans directly,
its home-affairs department and its Front watch the wards with no district between, and every
dashboard, statistic, export and the JSON API group the province by ward."""

import datetime as dt
import importlib
import io

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from elections import rules
from elections.models import Election, TenureEnd
from elections.selectors import tenures as tenure_selectors
from elections.services import tenures, vacancies
from elections.services.plans import plan_create
from neighborhoods.models import Role, StaffAssignment
from neighborhoods.services.staff import assignment_create
from reporting import exports, statistics
from reporting import progress as rollup
from reporting.models import ProgressSnapshot, ReportExport
from reporting.tasks import prepare_district_reports
from tests.factories import UserFactory
from tests.forms import with_token
from tests.reporting.pdf import pdf_text
from tests.two_level import TWO_LEVEL_PLAN, run_to_recognition

TODAY = dt.date(2025, 10, 20)


@pytest.fixture
def recognised(hue_plans, hue_map, hue_people):
    """Tổ dân phố 1 of Phú Xuân elected and recognised; the other two still to begin."""
    election = hue_plans["phu_xuan"].elections.get(neighborhood=hue_map.px1)
    p = hue_people
    return run_to_recognition(election, p.px_ubnd, p.px_mttq, p.px_team, present=8)


# --- Plans ------------------------------------------------------------------------------


def test_a_ward_plan_hangs_directly_under_the_province_plan(hue_plans, hue_map):
    ward_plan = hue_plans["phu_xuan"]
    assert ward_plan.parent == hue_plans["province"]
    elections = ward_plan.elections.order_by("neighborhood__name")
    assert [e.neighborhood.name for e in elections] == ["Tổ dân phố 1", "Tổ dân phố 2"]
    for election in elections:
        assert (election.ward, election.district, election.province) == (hue_map.phu_xuan, None, hue_map.hue)


def test_a_ward_of_the_2025_map_cannot_carry_out_a_district_plan(hue_map, hue_people, upper_plans):
    with pytest.raises(ValidationError) as refused:
        plan_create(
            by=hue_people.px_ubnd,
            division=hue_map.phu_xuan,
            parent=upper_plans["district"],
            number="46/KH",
            issued_on=dt.date(2025, 8, 20),
            title="Bầu cử",
            **TWO_LEVEL_PLAN,
        )
    assert "không có cấp quận, huyện" in refused.value.message_dict["parent"][0]
    assert "thực hiện thẳng kế hoạch của tỉnh, thành phố" in refused.value.message_dict["parent"][0]


def test_the_ward_official_picks_the_province_plan_on_the_plan_page(hue_plans, hue_map, hue_people, login):
    client = login(hue_people.px_ubnd)
    form = client.get(reverse("elections:plan_create", args=[hue_map.phu_xuan.pk])).content.decode()
    assert "180/KH-UBND" in form


def test_the_province_officer_issues_the_province_plan(hue_map, hue_people):
    plan = plan_create(
        by=hue_people.noivu,
        division=hue_map.hue,
        parent=None,
        number="181/KH-UBND",
        issued_on=dt.date(2025, 8, 1),
        title="Bầu cử",
        **TWO_LEVEL_PLAN,
    )
    assert plan.level == "city" and plan.elections.count() == 0


# --- Staff at province level ---------------------------------------------------------------


def test_the_province_home_affairs_officer_creates_a_ward_officials_account_on_the_2025_map(
    hue_map, hue_people, login
):
    client = login(hue_people.noivu)
    response = client.post(
        reverse("neighborhoods:staff_list", args=[hue_map.hue.pk]),
        with_token(
            {
                "new-username": "thuanhoa.mttq",
                "new-full_name": "Hồ Thị Ngọc Anh",
                "new-password": "Bau-cu-2025-th",
                "new-division": hue_map.thuan_hoa.pk,
                "new-role": Role.WARD_FRONT,
            },
            "new",
        ),
    )
    assert response.status_code == 302
    assignment = StaffAssignment.objects.get(user__username="thuanhoa.mttq")
    assert (assignment.division, assignment.role) == (hue_map.thuan_hoa, Role.WARD_FRONT)
    newcomer = UserFactory(username="phuxuan.ubnd2")
    assignment_create(by=hue_people.noivu, user=newcomer, division=hue_map.phu_xuan, role=Role.WARD_OFFICIAL)
    assert StaffAssignment.objects.filter(user=newcomer, division=hue_map.phu_xuan).exists()


def test_the_province_front_reads_its_wards_but_assigns_nobody(hue_map, hue_people, login, recognised):
    client = login(hue_people.mttq)
    assert client.get(reverse("reporting:dashboard", args=[hue_map.phu_xuan.pk])).status_code == 200
    assert client.get(reverse("neighborhoods:staff_list", args=[hue_map.hue.pk])).status_code == 404


def test_on_the_2024_map_the_city_officer_still_assigns_nobody(personas, hcm_map, login):
    client = login(personas.hcm_noivu)
    assert client.get(reverse("neighborhoods:staff_list", args=[hcm_map.hcm.pk])).status_code == 404
    with pytest.raises(ValidationError):
        assignment_create(
            by=personas.hcm_noivu, user=UserFactory(), division=hcm_map.p22, role=Role.WARD_OFFICIAL
        )


def test_district_roles_cannot_be_given_on_the_2025_map(hue_map, hue_people):
    with pytest.raises(ValidationError) as refused:
        assignment_create(
            by=hue_people.admin, user=UserFactory(), division=hue_map.hue, role=Role.DISTRICT_HOME_AFFAIRS
        )
    assert "không có cấp quận, huyện" in refused.value.message_dict["role"][0]


def test_the_province_officer_may_not_give_province_or_district_roles(hue_map, hue_people):
    for role in (Role.CITY_FRONT, Role.DISTRICT_FRONT, Role.CITY_HOME_AFFAIRS):
        with pytest.raises(ValidationError):
            assignment_create(by=hue_people.noivu, user=UserFactory(), division=hue_map.hue, role=role)


# --- Dashboards, statistics, exports, the API ----------------------------------------------


def test_the_province_dashboard_lists_its_wards_with_no_district_level(
    recognised, hue_map, hue_people, login
):
    figures = rollup.progress(hue_map.hue, TODAY)
    rows = {row.name: row for row in figures.rows}
    assert rows["Phường Phú Xuân"].total == 2 and rows["Phường Phú Xuân"].done == 1
    assert rows["Phường Thuận Hóa"].total == 1 and rows["Phường Thuận Hóa"].done == 0
    assert all(name.startswith(("Phường", "Xã")) for name in rows)
    assert (figures.total.done, figures.total.total) == (1, 3)

    client = login(hue_people.noivu)
    page = client.get(reverse("reporting:dashboard", args=[hue_map.hue.pk])).content.decode()
    assert "Tiến độ bầu cử – Thành phố Huế" in page
    assert 'data-testid="completion">1 (33,3 %)' in page
    assert reverse("reporting:dashboard", args=[hue_map.phu_xuan.pk]) in page
    ward = client.get(reverse("reporting:dashboard", args=[hue_map.phu_xuan.pk])).content.decode()
    assert 'data-testid="completion">1 (50,0 %)' in ward and "Tổ dân phố 2" in ward
    assert "Thành phố Huế" in ward  # the breadcrumb: province › ward


def test_the_statistics_of_a_province_are_by_ward(recognised, hue_map, hue_people, login):
    names = statistics.child_names(hue_map.hue, set())
    heads = {t.key: t for t in statistics.elected_statistics(hue_map.hue, "head", TODAY, names)}
    assert dict(heads["gender"].rows)["Phường Phú Xuân"] == [1, 0]  # a man elected head
    assert [name for name, _counts in heads["gender"].rows][:2] == ["Phường An Cựu", "Phường Dương Nỗ"]
    assert statistics.reruns(hue_map.hue, names).total[0] == 3
    page = login(hue_people.mttq).get(reverse("reporting:statistics", args=[hue_map.hue.pk])).content.decode()
    assert "Phường Phú Xuân" in page and "Trưởng khu phố trúng cử theo giới tính" in page


def test_the_province_workbook_and_pdf_report_group_by_ward(
    recognised, hue_map, hue_people, login, django_capture_on_commit_callbacks
):
    client = login(hue_people.noivu)

    def download(fmt: str) -> bytes:
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("reporting:export_create", args=[hue_map.hue.pk]), with_token({"format": fmt})
            )
        export = ReportExport.objects.get(division=hue_map.hue, format=fmt)
        response = client.get(reverse("reporting:export_download", args=[export.pk]))
        return b"".join(response.streaming_content)

    sheet = load_workbook(io.BytesIO(download("xlsx")))["01 Tiến độ"]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert rows["Phường Phú Xuân"][1] == 2 and rows["Phường Thuận Hóa"][1] == 1
    assert rows["Tổng cộng"][1] == 3
    assert not any(str(name).startswith(("Quận", "Huyện", "Thị xã")) for name in rows)
    text = " ".join(pdf_text(download("pdf")).split())
    assert "1/3 khu phố đã hoàn thành (33,3 %)" in text
    assert "Phường Phú Xuân" in text and "Thành phố Huế" in text


def test_the_json_api_gives_the_province_by_ward(recognised, hue_map, hue_people, login):
    response = login(hue_people.noivu).get(reverse("api_progress", args=["46"]) + "?map=2025")
    data = response.json()
    assert data["division"]["name"] == "Thành phố Huế"
    children = {child["division"]["name"]: child for child in data["children"]}
    assert children["Phường Phú Xuân"]["completed"] == 1
    assert children["Phường Phú Xuân"]["elections"] == 2


def test_nightly_snapshots_and_the_morning_report_reach_the_province(recognised, hue_map):
    exports.snapshot_all(TODAY)
    snapshot = ProgressSnapshot.objects.get(division=hue_map.hue, day=TODAY)
    assert (snapshot.elections, snapshot.completed) == (3, 1)
    assert ProgressSnapshot.objects.get(division=hue_map.phu_xuan, day=TODAY).completed == 1
    assert exports.districts_in_campaign() == [hue_map.hue.pk]
    assert prepare_district_reports() == 1
    assert ReportExport.objects.get(division=hue_map.hue).scheduled


def test_the_elections_of_the_two_level_map_show_on_the_country_dashboard(recognised, hue_map):
    country = hue_map.hue.parent
    rows = {row.name: row for row in rollup.progress(country, TODAY).rows}
    assert rows["Thành phố Huế"].done == 1
    assert Election.objects.filter(province=hue_map.hue).count() == 3


def test_no_plan_is_issued_for_a_district_on_the_2025_map(hue_map, hue_people):
    from neighborhoods.models import Level
    from neighborhoods.services.divisions import division_create

    stray = division_create(
        level=Level.DISTRICT, name="Quận Thuận Hóa", type_word="Quận", parent=hue_map.hue, map_edition="2025"
    )
    with pytest.raises(ValidationError) as refused:
        plan_create(
            by=hue_people.admin,
            division=stray,
            parent=None,
            number="1/KH",
            issued_on=dt.date(2025, 8, 1),
            title="Bầu cử",
            **TWO_LEVEL_PLAN,
        )
    assert "không có cấp quận, huyện" in refused.value.messages[0]


def test_the_province_officers_home_page_offers_the_staff_page_only_on_the_2025_map(
    hue_map, hue_people, personas, login
):
    staff_link = reverse("neighborhoods:staff_list", args=[hue_map.hue.pk])
    assert staff_link in login(hue_people.noivu).get(reverse("home")).content.decode()
    hcm_home = login(personas.hcm_noivu).get(reverse("home")).content.decode()
    assert "Phân công cán bộ" not in hcm_home


def test_a_new_heads_election_during_the_term_sits_under_the_province_with_no_district(
    recognised, hue_map, hue_people
):
    """On the 2025 map a ward's parent is the province: an election opened during the term is
    placed as the term's own, not with the province as its district and the country as its
    province (as it was before, which no province figure then counted)."""
    head = tenure_selectors.serving_head(hue_map.px1)
    resigned_on = dt.date(2025, 11, 3)
    vacancy = tenures.tenure_end(
        by=hue_people.px_ubnd,
        tenure=head,
        ended_on=resigned_on,
        reason=TenureEnd.RESIGNED,
        due_on=rules.new_election_due(resigned_on),
    )
    decision = vacancies.new_election_decide(
        by=hue_people.px_ubnd, vacancy=vacancy, decided_on=dt.date(2025, 11, 10)
    )
    election = Election.objects.get(pk=decision.election_id)
    assert (election.ward, election.district, election.province) == (hue_map.phu_xuan, None, hue_map.hue)
    assert Election.objects.filter(province=hue_map.hue).count() == 4


def test_the_migration_puts_elections_recorded_under_the_province_as_district_back(recognised, hue_map):
    election = Election.objects.get(neighborhood=hue_map.px2)
    Election.objects.filter(pk=election.pk).update(district=hue_map.hue, province=hue_map.hue.parent)

    migration = importlib.import_module("elections.migrations.0036_elections_on_the_two_level_map")
    migration.place_under_their_province(django_apps, None)

    election.refresh_from_db()
    assert (election.district, election.province) == (None, hue_map.hue)
    # No election is left with a province as its district.
    assert not Election.objects.filter(district__level="province").exists()
