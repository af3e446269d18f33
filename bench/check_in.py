"""Check-in at the speed of a queue: a check-in's round trip with 500 households already present,
and the meeting page's weight with none and with 500 present.

Builds its own khu phố (no national campaign needed): 600 households in the register, an open
sitting, an election-team user. Each request goes through Django's test client (middleware,
session, access checks, the service, the template): the server's time, without the network.
"""

from __future__ import annotations

import io
import random
import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bench.world import division_under, percentile, ward_plan
from elections.models import (
    Attendance,
    Contest,
    ContestKind,
    Election,
    ListStatus,
    Meeting,
    Stage,
)
from elections.selectors.meeting import ATTENDANCE_PAGE
from neighborhoods.models import Division, Household, Level, Role, StaffAssignment

HOUSEHOLDS = 600
PRESENT = 500
MEASURED = 60  # check-ins timed after the first 500
BINH_THANH = "765"
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Ngọc", "Đức"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hạnh", "Hùng", "Lan", "Mai", "Minh", "Nam", "Phúc", "Thảo"]


def _world() -> tuple[Meeting, object]:
    """A ward of its own under Quận Bình Thạnh, its khu phố, 600 households, an open sitting."""
    call_command("load_divisions", "--map", "2024", verbosity=0, stdout=io.StringIO())
    district = Division.objects.get(code=BINH_THANH, map_edition="2024")
    ward = division_under(district, Level.WARD, f"Phường đo {time.time_ns()}", "Phường")
    khu_pho = division_under(ward, Level.NEIGHBORHOOD, "Khu phố 1", "Khu phố")
    rng = random.Random(16)
    Household.objects.bulk_create(
        [
            Household(
                neighborhood=khu_pho,
                ward=ward,
                code=f"KP01-{n:04d}",
                head_name=f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
                address=f"{n}/{rng.randint(1, 40)} Nơ Trang Long",
            )
            for n in range(1, HOUSEHOLDS + 1)
        ]
    )
    plan = ward_plan(ward)
    election = Election.objects.create(
        plan=plan,
        neighborhood=khu_pho,
        ward=ward,
        district=district,
        province=district.parent,
        stage=Stage.MEETING_HELD,
        meeting_date=timezone.localdate(),
    )
    for kind in (ContestKind.HEAD, ContestKind.INSPECTION_BOARD):
        Contest.objects.create(election=election, kind=kind, list_status=ListStatus.APPROVED)
    team = get_user_model().objects.create_user(f"bench.kp.{time.time_ns()}", password="bench-password")
    StaffAssignment.objects.create(user=team, division=khu_pho, role=Role.ELECTION_TEAM)
    meeting = Meeting.objects.create(
        election=election, number=1, household_total=HOUSEHOLDS, held_on=timezone.localdate(), opened_by=team
    )
    return meeting, team


def run() -> dict:
    meeting, team = _world()
    client = Client()
    client.force_login(team)
    page_url = reverse("elections:meeting_page", args=[meeting.election_id])
    check_in_url = reverse("elections:meeting_check_in", args=[meeting.pk])
    search_url = reverse("elections:meeting_household_search", args=[meeting.pk])
    households = list(Household.objects.filter(neighborhood=meeting.election.neighborhood).order_by("code"))

    client.get(page_url)  # warm: templates compiled, the session read
    empty_page = len(client.get(page_url).content)

    def present(rows):
        Attendance.objects.bulk_create(
            [
                Attendance(meeting=meeting, household=h, representative_name=h.head_name, checked_in_by=team)
                for h in rows
            ]
        )

    present(households[:ATTENDANCE_PAGE])
    one_page = len(client.get(page_url).content)
    present(households[ATTENDANCE_PAGE:PRESENT])
    full_page = len(client.get(page_url).content)

    taps, answers, queries = [], [], {"tap": set(), "enter": set()}
    for n, household in enumerate(households[PRESENT : PRESENT + MEASURED]):
        # Half by a tap on the household found, half by Enter on its code.
        data = {"household": household.pk} if n % 2 else {"q": household.code.lower()}
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.post(check_in_url, data, HTTP_HX_REQUEST="true")
            taps.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200 and b"data-wv-done" in response.content, response.content[:300]
        answers.append(len(response.content))
        queries["tap" if n % 2 else "enter"].add(len(captured))
    searches = []
    for query in ("nguyen van", "tran thi ha", "12/", "kp01-05"):
        started = time.perf_counter()
        assert client.get(search_url, {"q": query}).status_code == 200
        searches.append((time.perf_counter() - started) * 1000)
    return {
        "present": Attendance.objects.filter(meeting=meeting).count(),
        "empty_page": empty_page,
        "full_page": full_page,
        "p50": statistics.median(taps),
        "p95": percentile(taps, 0.95),
        "max": max(taps),
        "answer_min": min(answers),
        "answer_max": max(answers),
        "queries": {way: sorted(counts) for way, counts in queries.items()},
        "one_page": one_page,
        "search_p50": statistics.median(searches),
    }
