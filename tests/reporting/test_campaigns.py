"""Dashboards count one campaign (issue 17, item 2): Phường 22 keeps three terms, 2014, 2019 and
2024; every figure is the current term's unless an earlier one is chosen, on the page and in the
JSON. "Current" is each ward's latest plan: a ward whose latest term started earlier (a province
sets its own term) is counted with its own."""

import datetime as dt
import json

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from elections.models import Election, Plan, Stage
from elections.services.plans import plan_create
from reporting import progress
from tests.conftest import PLAN_DEFAULTS
from tests.factories import paper_out

TODAY = dt.date(2024, 11, 30)


def _earlier_term(personas, ward, start: int, parent=None):
    """A finished term of ``ward`` (under its own city and district plans, unless ``parent`` is
    given): its plan, and each khu phố's election recognised with 15 of 20 households present."""
    term = {
        **PLAN_DEFAULTS,
        "term_start_year": start,
        "term_end_year": start + 5,
        "completion_deadline": dt.date(start, 10, 31),
    }

    def plan(division, above, number):
        return plan_create(
            by=personas.admin,
            division=division,
            parent=above,
            number=number,
            issued_on=dt.date(start, 9, 1),
            title="Bầu cử Trưởng khu phố",
            **term,
        )

    if parent is None:
        district = ward.parent
        parent = plan(district, plan(district.parent, None, f"{start}/KH-TP"), f"{start}/KH-Q")
    ward_plan = plan(ward, parent, f"{start}/KH-P")
    Election.objects.filter(plan=ward_plan).update(stage=Stage.RECOGNISED, households=20, present=15)
    return parent


@pytest.fixture
def three_terms(plans, hcm_map, personas):
    district_plans = {start: _earlier_term(personas, hcm_map.p22, start) for start in (2014, 2019)}
    return {**plans, "earlier": district_plans}


def _json(client, division, **params):
    return client.get(reverse("api_progress", args=[division.code]), params)


def test_every_figure_is_the_current_terms(three_terms, hcm_map):
    assert Election.objects.filter(ward=hcm_map.p22).count() == 9
    for division in (hcm_map.p22, hcm_map.binh_thanh, hcm_map.hcm, hcm_map.country):
        figures = progress.progress(division, TODAY)
        assert figures.total.total == 3, division.name
        assert figures.total.done == 0 and figures.total.households == 0
        assert figures.total.stages == {Stage.NOT_STARTED: 3}
    assert progress.progress(hcm_map.p22, TODAY).deadline == dt.date(2024, 10, 31)


def test_an_earlier_term_is_counted_alone_when_chosen(three_terms, hcm_map):
    for start in (2014, 2019):
        figures = progress.progress(hcm_map.country, TODAY, campaign=start)
        assert (figures.total.total, figures.total.done) == (3, 3)
        assert (figures.total.present, figures.total.households) == (45, 60)
        assert figures.turnout_histogram[7] == 3  # 75 %
        assert progress.progress(hcm_map.p22, TODAY, campaign=start).deadline == dt.date(start, 10, 31)


def test_a_ward_on_an_earlier_term_counts_with_its_own_latest_plan(three_terms, hcm_map, personas):
    # Phường 25's latest plan is 2019's: it is that ward's current campaign.
    _earlier_term(personas, hcm_map.p25, 2019, parent=three_terms["earlier"][2019])
    rows = {row.name: (row.total, row.done) for row in progress.progress(hcm_map.binh_thanh, TODAY).rows}
    assert rows == {"Phường 22": (3, 0), "Phường 25": (1, 1)}


def test_the_page_offers_each_term_and_keeps_the_choice_when_drilling_down(
    three_terms, hcm_map, personas, login
):
    client = login(personas.admin)
    page = client.get(reverse("reporting:dashboard", args=[hcm_map.binh_thanh.pk])).content.decode()
    assert 'data-testid="campaign-choice"' in page
    for term in ("2024 – 2029", "2019 – 2024", "2014 – 2019"):
        assert term in page
    assert 'data-testid="completion">0 (' in page

    chosen = client.get(reverse("reporting:dashboard", args=[hcm_map.binh_thanh.pk]), {"nhiem-ky": "2019"})
    page = chosen.content.decode()
    assert 'data-testid="completion">3 (' in page
    assert '<option value="2019" selected>' in page
    assert f'href="{reverse("reporting:dashboard", args=[hcm_map.p22.pk])}?nhiem-ky=2019"' in page
    assert f'href="{reverse("api_progress", args=[hcm_map.binh_thanh.code])}?nhiem-ky=2019"' in page


def test_an_unknown_term_is_said_and_the_current_one_shown(three_terms, hcm_map, personas, login):
    client = login(personas.admin)
    for asked in ("1999", "abc", "２０１９"):
        page = client.get(reverse("reporting:dashboard", args=[hcm_map.p22.pk]), {"nhiem-ky": asked})
        assert page.status_code == 200
        body = page.content.decode()
        assert f"Không có nhiệm kỳ bắt đầu năm “{asked}”." in body and "Đang xem nhiệm kỳ hiện tại." in body
        assert 'data-testid="completion">0 (' in body


def test_the_json_answers_for_the_term_asked(three_terms, hcm_map, personas, login):
    client = login(personas.admin)
    current = json.loads(_json(client, hcm_map.country).content)
    assert current["campaign"] is None
    assert (current["total"]["elections"], current["total"]["completed"]) == (3, 0)
    earlier = json.loads(_json(client, hcm_map.country, **{"nhiem-ky": "2014"}).content)
    assert earlier["campaign"] == 2014
    assert (earlier["total"]["elections"], earlier["total"]["completed"]) == (3, 3)
    refused = _json(client, hcm_map.country, **{"nhiem-ky": "2015"})
    assert refused.status_code == 400
    assert json.loads(refused.content) == {"error": "Không có nhiệm kỳ bắt đầu năm “2015”."}


def test_one_term_only_shows_no_choice(plans, hcm_map, personas, login):
    page = login(personas.admin).get(reverse("reporting:dashboard", args=[hcm_map.p22.pk])).content.decode()
    assert 'data-testid="campaign-choice"' not in page


def test_another_provinces_term_is_offered_only_where_it_governs(
    three_terms, hue_plans, hcm_map, personas, login
):
    # Huế starts its term in 2025: the country's dashboard offers it, Bình Thạnh's does not.
    assert progress.campaign_terms(hcm_map.country) == [
        (2025, 2030),
        (2024, 2029),
        (2019, 2024),
        (2014, 2019),
    ]
    for division in (hcm_map.binh_thanh, hcm_map.p22, hcm_map.kp1):
        assert progress.campaign_terms(division) == [(2024, 2029), (2019, 2024), (2014, 2019)], division.name

    client = login(personas.admin)
    page = client.get(reverse("reporting:dashboard", args=[hcm_map.binh_thanh.pk]), {"nhiem-ky": "2025"})
    assert "Không có nhiệm kỳ bắt đầu năm “2025”." in page.content.decode()
    assert _json(client, hcm_map.binh_thanh, **{"nhiem-ky": "2025"}).status_code == 400
    assert json.loads(_json(client, hcm_map.country, **{"nhiem-ky": "2025"}).content)["campaign"] == 2025


def test_a_later_terms_plan_moves_the_earlier_term_out_of_the_current_campaign(three_terms, hcm_map):
    # Phường 22's plans of 2014 and 2019 were entered after 2024's: superseded from the start.
    plans = Plan.objects.filter(division=hcm_map.p22).order_by("term_start_year")
    assert [(p.term_start_year, p.superseded) for p in plans] == [(2014, True), (2019, True), (2024, False)]
    for plan in plans:
        assert set(Election.objects.filter(plan=plan).values_list("superseded", flat=True)) == {
            plan.superseded
        }


def test_a_new_term_supersedes_the_ward_and_its_elections_and_says_so_in_the_audit(plans, hcm_map, personas):
    current = plans["ward"]
    _earlier_term(personas, hcm_map.p22, 2029)  # the next term, entered after 2024's
    current.refresh_from_db()
    assert current.superseded
    assert not Election.objects.filter(plan=current, superseded=False).exists()
    assert progress.campaign_terms(hcm_map.p22)[0] == (2029, 2034)
    figures = progress.progress(hcm_map.p22, TODAY)
    assert (figures.total.total, figures.total.done) == (3, 3)  # 2029's three khu phố
    changes = LogEntry.objects.get_for_object(current).filter(action=LogEntry.Action.UPDATE)
    assert [entry.changes_dict for entry in changes] == [{"superseded": ["False", "True"]}]
    elections = Election.objects.filter(plan=current)
    logged = LogEntry.objects.filter(
        content_type__model="election",
        object_pk__in=[str(e.pk) for e in elections],
        action=LogEntry.Action.UPDATE,
    )
    assert logged.count() == 3


def test_the_signed_copies_missing_are_the_terms_own(three_terms, hcm_map):
    """A 2019 paper that never came back signed is the 2019 term's figure, not today's."""
    earlier = Plan.objects.get(division=hcm_map.p22, term_start_year=2019)
    paper_out(hcm_map.kp1, plan=earlier)
    paper_out(hcm_map.kp1, plan=three_terms["ward"])
    paper_out(hcm_map.kp2, plan=three_terms["ward"])
    for division in (hcm_map.p22, hcm_map.binh_thanh, hcm_map.country):
        assert progress.progress(division, TODAY).total.signed_missing == 2, division.name
        assert progress.progress(division, TODAY, campaign=2019).total.signed_missing == 1
        assert progress.progress(division, TODAY, campaign=2014).total.signed_missing == 0
