"""The term between elections on the dashboards: each row counts its open vacancies, its interim
heads and the head vacancies whose new election is overdue (NĐ 59 Art. 9.3); and the campaign's
figures count only the term's elections, not the proceedings held within the term."""

import datetime as dt

import pytest
from django.urls import reverse

from elections.models import Election, ElectionPurpose, OfficePost, Stage, TenureEnd, TenureKind
from elections.selectors.tenures import serving
from elections.services.plans import divisions_above
from elections.services.tenures import tenure_begin, tenure_end, vacancy_election_decided
from reporting import exports, statistics
from reporting import progress as rollup
from reporting.models import ProgressSnapshot

TODAY = dt.date(2025, 2, 15)


@pytest.fixture
def between_elections(recognised_kp1, personas, hcm_map):
    """Khu phố 1's head resigned on 01/12/2024 (new election due 30/01/2025, not decided); an
    interim head serves meanwhile; its board member was let go on 15/01/2025."""
    ward = personas.p22_ubnd
    (head,) = serving(hcm_map.kp1, OfficePost.HEAD)
    head_vacancy = tenure_end(
        by=ward,
        tenure=head,
        ended_on=dt.date(2024, 12, 1),
        reason=TenureEnd.RESIGNED,
        due_on=dt.date(2025, 1, 30),
    )
    tenure_begin(
        by=ward,
        neighborhood=hcm_map.kp1,
        post=OfficePost.HEAD,
        kind=TenureKind.INTERIM,
        full_name="Phan Văn Tạm",
        started_on=dt.date(2024, 12, 5),
        term_ends_on=head.term_ends_on,
    )
    (member,) = serving(hcm_map.kp1, OfficePost.BOARD_MEMBER)
    tenure_end(by=personas.p22_mttq, tenure=member, ended_on=dt.date(2025, 1, 15), reason=TenureEnd.RELEASED)
    return head_vacancy


def _mid_term_election(plan, neighborhood, purpose=ElectionPurpose.NEW_HEAD, **fields) -> Election:
    return Election.objects.create(
        plan=plan,
        neighborhood=neighborhood,
        purpose=purpose,
        **divisions_above(neighborhood.parent),
        **fields,
    )


def test_each_dashboard_row_counts_vacancies_interim_heads_and_overdue_new_elections(
    between_elections, hcm_map
):
    ward = {row.name: row for row in rollup.progress(hcm_map.p22, TODAY).rows}
    kp1 = ward["Khu phố 1"].term
    assert (kp1.vacancies, kp1.interim_heads, kp1.overdue) == (2, 1, 1)
    assert ward["Khu phố 2"].term.vacancies == 0
    district = rollup.progress(hcm_map.binh_thanh, TODAY)
    p22 = {row.name: row for row in district.rows}["Phường 22"].term
    assert (p22.vacancies, p22.interim_heads, p22.overdue) == (2, 1, 1)
    city = rollup.progress(hcm_map.hcm, TODAY)
    assert (city.total.term.vacancies, city.total.term.interim_heads, city.total.term.overdue) == (2, 1, 1)
    # Before its due day the head's vacancy is open but not overdue.
    early = rollup.progress(hcm_map.p22, dt.date(2025, 1, 30)).total.term
    assert (early.vacancies, early.overdue) == (2, 0)


def test_a_khu_pho_dashboard_shows_its_own_term_figures(between_elections, hcm_map):
    (row,) = rollup.progress(hcm_map.kp1, TODAY).rows
    assert (row.term.vacancies, row.term.interim_heads, row.term.overdue) == (2, 1, 1)


def test_the_dashboard_page_the_json_and_the_workbook_show_the_term(
    between_elections, hcm_map, personas, login
):
    client = login(personas.binhthanh_noivu)
    page = client.get(reverse("reporting:dashboard", args=[hcm_map.p22.pk])).content.decode()
    assert "2 vị trí khuyết" in page
    assert "1 Trưởng khu phố lâm thời hoặc người triệu tập" in page
    assert "1 chỗ khuyết Trưởng khu phố quá hạn quyết định bầu mới" in page
    data = client.get(reverse("api_progress", args=["26941"])).json()
    kp1 = next(child for child in data["children"] if child["division"]["name"] == "Khu phố 1")
    assert kp1["term"] == {"vacancies": 2, "interim_heads": 1, "overdue_new_elections": 1}
    header, rows = exports.progress_table(rollup.progress(hcm_map.p22, TODAY))
    assert header[-3:] == ["Vị trí khuyết", "Trưởng khu phố lâm thời", "Quá hạn bầu Trưởng khu phố mới"]
    assert rows[-1][-3:] == [2, 1, 1]


def test_once_the_ward_decides_the_new_election_the_vacancy_is_no_longer_overdue(
    between_elections, hcm_map, plans, personas
):
    election = _mid_term_election(plans["ward"], hcm_map.kp1)
    vacancy_election_decided(by=personas.p22_ubnd, vacancy=between_elections, election=election)
    term = rollup.progress(hcm_map.p22, TODAY).total.term
    assert (term.vacancies, term.overdue) == (2, 0)


def test_a_mid_term_election_does_not_change_the_campaigns_figures(recognised_kp1, hcm_map, plans):
    before = rollup.progress(hcm_map.p22, TODAY)
    names = statistics.child_names(hcm_map.p22, set())
    tables_before = [(t.key, t.rows) for t in statistics.all_tables(hcm_map.p22, TODAY, names)]
    assert (before.total.done, before.total.total) == (1, 3)

    # Khu phố 2 elects a new head within the term and the ward recognises them; Khu phố 3 holds
    # the meeting that lets its head go: neither is part of the campaign.
    _mid_term_election(plans["ward"], hcm_map.kp2, stage=Stage.RECOGNISED, households=40, present=30)
    _mid_term_election(plans["ward"], hcm_map.kp3, purpose=ElectionPurpose.HEAD_DISMISSAL)

    after = rollup.progress(hcm_map.p22, TODAY)
    assert after.as_dict() == before.as_dict()
    assert after.total.completion == before.total.completion
    assert [(t.key, t.rows) for t in statistics.all_tables(hcm_map.p22, TODAY, names)] == tables_before
    above = rollup.progress(hcm_map.binh_thanh, TODAY).total
    assert (above.done, above.total) == (1, 3)
    exports.snapshot_all(TODAY)
    snapshot = ProgressSnapshot.objects.get(division=hcm_map.p22, day=TODAY)
    assert (snapshot.elections, snapshot.completed) == (3, 1)
