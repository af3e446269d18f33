"""The demo's Khu phố 12 (Phường 22) meets in three residential clusters (cụm dân cư), from the
ward's approval of the plan to COUNTED and the khu phố's one community decision (form 03).

The plan is the demo's own (``seed_demo``); the Phường 22 walk meets there by cluster too.
"""

import datetime as dt
import unicodedata
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from elections import count_documents
from elections.models import Attendance, ClusterPlan, ContestKind, Plan, Stage
from elections.selectors import clusters as cluster_selectors
from elections.selectors import count as count_selectors
from elections.selectors import meeting as meeting_selectors
from elections.services import meeting as meeting_services
from elections.transitions import guard_problems
from neighborhoods.models import Division, Role
from reporting.models import DocumentStatus
from reporting.services import document_request
from tests.elections.count_helpers import enter_twice, run_procedure, secret_ballot
from tests.elections.test_phuong_22_walk import prepare
from tests.factories import HISTORICAL, make_staff
from tests.reporting.pdf import pdf_text

CLUSTERED = "Khu phố 12"


@pytest.fixture
def demo(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", *HISTORICAL, stdout=StringIO())


@pytest.fixture
def people(demo):
    users = get_user_model().objects
    p22 = Division.objects.get(code="26956", map_edition="2024")
    return {
        "ward": users.get(username="p22.ubnd"),
        "front": users.get(username="p22.mttq"),
        # Double entry in every cluster: two members of the ward's election teams.
        "team": (
            make_staff("p22.tobaucu.a", p22, Role.ELECTION_TEAM),
            make_staff("p22.tobaucu.b", p22, Role.ELECTION_TEAM),
        ),
        "p22": p22,
    }


def rendered(kind, source, capture) -> str:
    with capture(execute=True):
        document = document_request(kind=kind, source=source)
    document.refresh_from_db()
    assert document.status == DocumentStatus.READY, document.error
    return " ".join(unicodedata.normalize("NFC", pdf_text(document.file.read())).split())


def vote(sitting, team, share: float) -> int:
    """Check in ``share`` of the cluster's households, run the procedure, everyone approves the
    first candidate of each post. Returns how many came."""
    households = list(cluster_selectors.cluster_households(sitting.cluster).order_by("code"))
    present = households[: int(len(households) * share)]
    for household in present:
        meeting_services.check_in(by=team[0], meeting=sitting, household=household)
    sitting = run_procedure(sitting)
    for c in meeting_selectors.contests_to_vote(sitting):
        candidate = count_selectors.candidates_of(c)[0]
        enter_twice(sitting, c, *team, secret_ballot({candidate: len(present)}, issued=len(present)))
    return len(present)


def test_khu_pho_12_votes_in_three_clusters(people, client, django_capture_on_commit_callbacks):
    plan = Plan.objects.get(number="192/KHLT-UBND-UBMTTQ")
    election = plan.elections.get(neighborhood__name=CLUSTERED, neighborhood__parent=people["p22"])
    prepare(election, people, 12)
    team = people["team"]
    total = meeting_selectors.household_total(election)
    assert total >= 200  # every khu phố of Phường 22 may meet by cluster

    # The demo's plan (``seed_demo``): three clusters by household code, agreed with the Front
    # committee, approved by the ward; every household in exactly one cluster.
    cluster_plan = ClusterPlan.objects.get(election=election)
    assert cluster_plan.approved_on == dt.date(2024, 10, 15) and cluster_plan.front_agreed_on
    clusters = list(cluster_selectors.clusters_of(cluster_plan))
    assert [c.name for c in clusters] == ["Cụm 1", "Cụm 2", "Cụm 3"]
    assert sum(cluster_selectors.cluster_households(c).count() for c in clusters) == total
    assert not cluster_selectors.unassigned_households(cluster_plan).exists()

    # Meeting day: one sitting per cluster; the team picks the cluster on the meeting page.
    whole = meeting_services.meeting_open(by=team[0], election=election)
    sittings = cluster_selectors.sittings_of(whole)
    assert [s.cluster.name for s in sittings] == ["Cụm 1", "Cụm 2", "Cụm 3"]
    assert sum(s.household_total for s in sittings) == whole.household_total == total

    present = vote(sittings[0], team, 0.7) + vote(sittings[1], team, 0.6)
    # A household of Cụm 1 that came is refused at Cụm 3's sitting, which names Cụm 1.
    came = Attendance.objects.filter(meeting=sittings[0]).select_related("household").first().household
    with pytest.raises(ValidationError, match="đã điểm danh tại cuộc họp của Cụm 1"):
        meeting_services.check_in(by=team[0], meeting=sittings[2], household=came)

    # Two clusters have reported: the khu phố waits for Cụm 3.
    election.refresh_from_db()
    assert election.stage == Stage.MEETING_HELD
    assert guard_problems(election, "record_count")[0] == "Cụm 3 chưa báo cáo kết quả kiểm phiếu."
    client.force_login(team[0], backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("elections:meeting_page", args=[election.pk]), {"cum": sittings[2].pk})
    body = page.content.decode()
    assert "Còn chờ:" in body and "Cụm 3." in body
    assert f"{present}/{total}" in body  # the whole khu phố's meter, across the sittings

    present += vote(sittings[2], team, 0.6)
    election.refresh_from_db()
    assert election.stage == Stage.COUNTED
    head = election.contests.get(kind=ContestKind.HEAD)
    result = count_selectors.current_result(head)
    assert result.meeting == whole and result.present == present and result.household_total == total
    assert result.elected is not None and list(result.counts.values()) == [present]
    assert (election.households, election.present) == (total, present)

    # Each cluster's counting minutes; ONE community decision listing each cluster, then the sum.
    minutes = rendered(count_documents.COUNTING_MINUTES, sittings[1], django_capture_on_commit_callbacks)
    assert "Kiểm phiếu bầu cử tại Cụm 2, Khu phố 12" in minutes
    assert f"Tổng số hộ gia đình của cụm: {sittings[1].household_total}" in minutes
    assert [kind for kind, _label in count_documents.meeting_documents(whole)] == [
        count_documents.COMMUNITY_DECISION
    ]
    form_03 = rendered(count_documents.COMMUNITY_DECISION, whole, django_capture_on_commit_callbacks)
    assert "tổ chức theo 3 cụm dân cư" in form_03
    for n, chair in ((1, "Nguyễn Thị Một"), (2, "Trần Văn Hai"), (3, "Lê Thị Ba")):
        assert f"{n}. Cụm {n}:" in form_03 and f"chủ trì: ông (bà) {chair}" in form_03
    assert "V. Kết quả (tổng hợp kết quả các cụm dân cư)" in form_03
    assert f"Tổng số hộ gia đình trong khu phố: {total}" in form_03
    assert f"ông {result.elected.full_name} trúng cử Trưởng khu phố" in form_03
