"""The demo's second campaign, on the two-level map of 2025: Tổ dân phố 1 of Phường Phú Xuân
(Thành phố Huế) runs its election to recognition with the demo logins, and the province's
home-affairs officer reads it on the provincial dashboard, with no district between."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from elections.models import Plan, Stage
from neighborhoods.models import Division
from tests.factories import HISTORICAL
from tests.two_level import run_to_recognition


@pytest.fixture
def demo(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", *HISTORICAL, stdout=StringIO())


def test_phu_xuans_first_to_dan_pho_is_recognised_and_the_province_dashboard_shows_it(demo, client):
    users = get_user_model().objects
    ward, front = users.get(username="phuxuan.ubnd"), users.get(username="phuxuan.mttq")
    team = users.get(username="phuxuan.tdp1.tobaucu"), users.get(username="phuxuan.tdp1.thuky")
    plan = Plan.objects.get(number="45/KHLT-UBND-UBMTTQ")
    election = plan.elections.get(neighborhood__name="Tổ dân phố 1")
    total = election.neighborhood.households.filter(status="active").count()

    election = run_to_recognition(election, ward, front, team, present=total // 2 + 5)
    assert election.stage == Stage.RECOGNISED
    assert election.district is None and election.province.name == "Thành phố Huế"

    client.force_login(users.get(username="hue.noivu"))
    hue = Division.objects.get(code="46", map_edition="2025")
    page = client.get(reverse("reporting:dashboard_home"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Tiến độ bầu cử – Thành phố Huế" in html
    rows = {row.name: row for row in page.context["figures"].rows}
    assert (rows["Phường Phú Xuân"].done, rows["Phường Phú Xuân"].total) == (1, 4)
    assert rows["Phường Thuận Hóa"].total == 3
    assert 'data-testid="completion">1 (14,3 %)' in html
    assert reverse("reporting:dashboard", args=[rows["Phường Phú Xuân"].pk]) in html

    ward_page = client.get(reverse("reporting:dashboard", args=[rows["Phường Phú Xuân"].pk]))
    ward_rows = {row.name: row for row in ward_page.context["figures"].rows}
    assert ward_rows["Tổ dân phố 1"].stages == {Stage.RECOGNISED: 1}
    assert "Tổ dân phố 4" in ward_rows  # the tổ dân phố formed by the merger
    assert [a.name for a in ward_page.context["ancestors"]] == ["Thành phố Huế"]
    assert hue.pk == page.context["division"].pk
