import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from elections.models import Candidate, ContestKind, TeamMember
from elections.services.team import team_member_add
from tests.forms import with_token


def test_the_team_head_must_represent_the_front_working_committee(kp1_election):
    with pytest.raises(ValidationError, match="Tổ trưởng Tổ bầu cử phải là đại diện Ban công tác Mặt trận"):
        team_member_add(election=kp1_election, full_name="Lê Văn Tám", role="head", represents="household")


def test_a_candidate_cannot_sit_on_the_election_team(kp1_election):
    contest = kp1_election.contests.get(kind=ContestKind.HEAD)
    Candidate.objects.create(
        contest=contest,
        full_name="Nguyễn Văn An",
        gender="male",
        birth_date=dt.date(1970, 5, 1),
        nomination_source="front_committee",
    )
    with pytest.raises(ValidationError, match="Người ứng cử không được là thành viên Tổ bầu cử"):
        team_member_add(
            election=kp1_election, full_name="nguyễn  văn an", role="member", represents="household"
        )
    assert not TeamMember.objects.exists()


def test_only_one_head_and_one_secretary(kp1_election):
    team_member_add(
        election=kp1_election, full_name="Trần Văn Bình", role="head", represents="front_committee"
    )
    with pytest.raises(ValidationError, match="Tổ bầu cử đã có Tổ trưởng"):
        team_member_add(
            election=kp1_election, full_name="Lê Thị Cúc", role="head", represents="front_committee"
        )


def test_ward_official_builds_the_team_on_the_page(login, personas, kp1_election):
    client = login(personas.p22_ubnd)
    url = reverse("elections:team_member_add", args=[kp1_election.pk])
    client.post(
        url, with_token({"full_name": "Trần Văn Bình", "role": "head", "represents": "front_committee"})
    )
    response = client.post(
        url, with_token({"full_name": "Lê Thị Cúc", "role": "head", "represents": "household"})
    )
    page = client.get(response["Location"]).content.decode()
    assert "Trần Văn Bình" in page
    assert "Tổ trưởng Tổ bầu cử phải là đại diện Ban công tác Mặt trận khu phố" in page
    assert TeamMember.objects.count() == 1


def test_another_ward_cannot_change_the_team(login, personas, kp1_election):
    member = team_member_add(
        election=kp1_election, full_name="Trần Văn Bình", role="head", represents="front_committee"
    )
    client = login(personas.p25_ubnd)
    assert client.post(reverse("elections:team_member_remove", args=[member.pk])).status_code == 404
    assert (
        client.post(
            reverse("elections:team_member_add", args=[kp1_election.pk]),
            with_token({"full_name": "X", "role": "member", "represents": "household"}),
        ).status_code
        == 404
    )
    assert TeamMember.objects.count() == 1
