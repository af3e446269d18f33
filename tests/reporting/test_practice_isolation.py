"""A practice campaign run to its end next to the real one leaves every official figure as it was:
dashboards, statistics, exports and snapshots, periodic reports, public pages, home-page tasks,
budgets, commendations, the term's history, and the signed papers still to come back."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from elections.documents import DECISION_TO_HOLD
from elections.models import Election, Plan, Stage
from elections.selectors import budget, commendations, public, tenures
from elections.selectors.signed_copies import missing_by_child
from elections.services.plans import election_schedule
from elections.services.practice import practice_plan_create
from neighborhoods.models import StaffAssignment
from reporting import exports, periodic, progress, statistics, term_history, ward_page, work
from reporting.models import ProgressSnapshot
from tests.elections.test_practice import BANNER, walk_to_recognition
from tests.factories import HouseholdFactory
from tests.issuing import issue

TODAY = dt.date(2024, 11, 5)
PRACTICE_NUMBER = "192/KHLT-UBND-UBMTTQ (thực hành)"


def official_figures(m, personas) -> dict:
    """Everything an official figure, list or public page is made of, for Phường 22 and above."""
    figures = {}
    for division in (m.country, m.hcm, m.binh_thanh, m.p22, m.kp1):
        figures[f"progress {division.name}"] = progress.progress(division, TODAY)
        figures[f"export {division.name}"] = exports.progress_table(figures[f"progress {division.name}"])
    for division in (m.country, m.binh_thanh, m.p22):
        figures[f"statistics {division.name}"] = statistics.all_tables(division, TODAY)
        figures[f"budget {division.name}"] = budget.budget_rollup(division)
        figures[f"commendations {division.name}"] = commendations.commendation_rollup(division)
        figures[f"signed copies {division.name}"] = missing_by_child(division)
    figures["periodic"] = periodic.ward_figures(m.p22, dt.date(2024, 10, 1), dt.date(2024, 12, 31))
    notice = public.public_notice(m.p22)
    figures["public notice"] = notice
    figures["public khu pho"] = public.public_khu_pho(m.p22, notice)
    figures["public wards"] = public.public_wards()
    figures["term history"] = term_history.division_history_rows(m.p22)
    figures["ward term"] = term_history.ward_context(m.p22, TODAY)
    figures["current plan"] = tenures.current_ward_plan(m.p22)
    figures["latest elections"] = ward_page.latest_elections(personas.p22_ubnd, [m.kp1, m.kp2, m.kp3], TODAY)
    for persona in (personas.p22_ubnd, personas.p22_mttq, personas.p22_kp1_tobaucu):
        assignment = StaffAssignment.objects.get(user=persona)
        figures[f"tasks {persona.username}"] = work.tasks_for(persona, assignment, TODAY)
    ProgressSnapshot.objects.all().delete()
    exports.snapshot_all(TODAY)
    figures["snapshots"] = sorted(
        ProgressSnapshot.objects.values_list("division_id", "elections", "completed", "figures")
    )
    return figures


def pages(client, login, m, personas) -> dict[str, str]:
    login(personas.p22_ubnd)
    urls = {
        "dashboard": reverse("reporting:dashboard", args=[m.p22.pk]),
        "district dashboard": reverse("reporting:dashboard", args=[m.binh_thanh.pk]),
        "statistics": reverse("reporting:statistics", args=[m.p22.pk]),
        "public page": reverse("elections:public_ward", args=[m.p22.pk]),
        "khu pho page": reverse("neighborhoods:division_detail", args=[m.kp1.pk]),
        "home": reverse("home"),
    }
    return {name: client.get(url).content.decode() for name, url in urls.items()}


@pytest.fixture
def real_campaign(plans, personas, hcm_map, signers, django_capture_on_commit_callbacks):
    """Phường 22's real campaign: Khu phố 1 recognised, Khu phố 2 meeting on 06/11/2024, a paper
    issued."""
    HouseholdFactory.create_batch(10, neighborhood=hcm_map.kp1)
    HouseholdFactory.create_batch(6, neighborhood=hcm_map.kp2)
    kp1 = walk_to_recognition(plans["ward"].elections.get(neighborhood=hcm_map.kp1), personas)
    election_schedule(
        by=personas.p22_ubnd,
        election=plans["ward"].elections.get(neighborhood=hcm_map.kp2),
        meeting_date=dt.date(2024, 10, 30),
        meeting_time=dt.time(8, 0),
        meeting_place="",
    )
    issue(
        DECISION_TO_HOLD,
        kp1,
        django_capture_on_commit_callbacks,
        by=personas.p22_ubnd,
        signed_on=dt.date(2024, 10, 8),
        signer=signers.chairman,
    )
    return plans["ward"]


def run_practice_campaign(real: Plan, personas, m, signers, capture) -> Plan:
    """The whole practice copy, pushed further than the real one: every khu phố scheduled, the
    first recognised with other names, its papers issued."""
    copy = practice_plan_create(by=personas.p22_ubnd, plan=real)
    kp1 = walk_to_recognition(copy.elections.get(neighborhood=m.kp1), personas, "Phạm Văn Tập")
    for election in copy.elections.exclude(pk=kp1.pk):
        election_schedule(
            by=personas.p22_ubnd,
            election=election,
            meeting_date=dt.date(2024, 10, 29),
            meeting_time=dt.time(8, 0),
            meeting_place="",
        )
    issue(
        DECISION_TO_HOLD,
        kp1,
        capture,
        by=personas.p22_ubnd,
        signed_on=dt.date(2024, 10, 8),
        signer=signers.chairman,
    )
    return copy


def test_a_practice_campaign_changes_no_official_figure(
    client, login, real_campaign, personas, hcm_map, signers, django_capture_on_commit_callbacks
):
    before = official_figures(hcm_map, personas)
    pages_before = pages(client, login, hcm_map, personas)

    copy = run_practice_campaign(
        real_campaign, personas, hcm_map, signers, django_capture_on_commit_callbacks
    )
    assert copy.elections.filter(stage=Stage.RECOGNISED).count() == 1
    assert Election.objects.filter(practice=True).count() == 3

    after = official_figures(hcm_map, personas)
    for name, figure in before.items():
        assert after[name] == figure, f"the practice copy changed {name}"
    for name, page in pages(client, login, hcm_map, personas).items():
        assert "Phạm Văn Tập" not in page and PRACTICE_NUMBER not in page, name
        assert BANNER not in page, name
        assert page.count("Khu phố 1") == pages_before[name].count("Khu phố 1"), name
