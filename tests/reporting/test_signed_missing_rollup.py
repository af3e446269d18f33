"""The dashboards' "signed copies still missing", per child division at every level (issue 17,
item 2): the database groups the papers by the child division, so a country's dashboard reads
one row per province, not one per khu phố with a paper out; and a dashboard counts the papers
of its campaign alone (the three terms of tests/reporting/test_campaigns.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from elections.selectors.signed_copies import missing_by_child
from neighborhoods.models import Level
from reporting import progress
from tests.factories import make_division, make_neighborhood, paper_out


@pytest.fixture
def papers_out(hcm_map, plans):
    """Papers of the current campaign out in Phường 22 (two in Khu phố 1, one in Khu phố 2),
    Phường 25 (one) and another city's khu phố (one); a practice paper and a ward's own paper
    are not counted."""
    m = hcm_map
    hanoi = make_division(m.country, Level.PROVINCE, "Thành phố Hà Nội", "Thành phố", "01")
    ba_dinh = make_division(hanoi, Level.DISTRICT, "Quận Ba Đình", "Quận", "001")
    phuc_xa = make_division(ba_dinh, Level.WARD, "Phường Phúc Xá", "Phường", "00001")
    for division in (m.kp1, m.kp1, m.kp2, m.p25_kp1, make_neighborhood(phuc_xa, 1)):
        paper_out(division, plan=plans["ward"])
    paper_out(m.kp3, plan=plans["ward"], practice=True)
    paper_out(m.p22, plan=plans["ward"])
    return hanoi


def test_each_level_counts_the_papers_out_below_each_child(hcm_map, papers_out):
    m = hcm_map
    assert missing_by_child(m.country) == {m.hcm.pk: 4, papers_out.pk: 1}
    assert missing_by_child(m.hcm) == {m.binh_thanh.pk: 4}
    assert missing_by_child(m.binh_thanh) == {m.p22.pk: 3, m.p25.pk: 1}
    assert missing_by_child(m.p22) == {m.kp1.pk: 2, m.kp2.pk: 1}
    assert missing_by_child(m.kp1) == {m.kp1.pk: 2}
    assert missing_by_child(m.kp3) == {m.kp3.pk: 0}


def test_the_dashboard_rows_and_totals_agree_with_the_papers_out(hcm_map, papers_out):
    m = hcm_map
    today = timezone.localdate()
    country = progress.progress(m.country, today)
    rows = {row.name: row.signed_missing for row in country.rows}
    assert rows["Thành phố Hồ Chí Minh"] == 4 and rows["Thành phố Hà Nội"] == 1
    assert country.total.signed_missing == 5
    ward = progress.progress(m.p22, today)
    assert {row.name: row.signed_missing for row in ward.rows} == {
        "Khu phố 1": 2,
        "Khu phố 2": 1,
        "Khu phố 3": 0,
    }
    assert progress.progress(m.kp1, today).total.signed_missing == 2


def test_one_query_returns_one_row_per_child_division(hcm_map, papers_out):
    with CaptureQueriesContext(connection) as queries:
        counts = missing_by_child(hcm_map.country)
    assert len(queries) == 1
    assert len(counts) == 2  # Hồ Chí Minh and Hà Nội, not one row per khu phố
