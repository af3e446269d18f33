"""A double-click or a repeated POST of a create form never makes a second row.

Each create form is sent three times at the same instant with the same one-time
token, from three browsers' worth of connections: one row is made, and all three
land on its page; the two repeats say so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from elections.models import Candidate, Complaint, Plan, TeamMember
from elections.services import meeting as meeting_services
from neighborhoods.models import Division, Household, Reorganisation, Role, StaffAssignment
from reporting.models import ReportExport
from tests.concurrency import at_once
from tests.forms import with_token

NOTICE = "Biểu mẫu này đã được gửi; đây là kết quả lần gửi trước."


@dataclass
class CreateForm:
    name: str
    persona: str
    url: Callable
    data: Callable
    rows: Callable
    prefix: str = ""


def _kp2(w):
    return w.plans["ward"].elections.get(neighborhood=w.map.kp2)


CREATE_FORMS = [
    CreateForm(
        "plan",
        "p22_ubnd",
        lambda w: reverse("elections:plan_create", args=[w.map.p22.pk]),
        lambda w: {
            "number": "193/KH-UBND",
            "parent": w.plans["district"].pk,
            "issued_on": "08/10/2024",
            "title": "Bầu cử Trưởng khu phố",
            "issuing_bodies": "UBND – UBMTTQ Phường 22",
            "term_start_year": 2024,
            "term_end_year": 2029,
            "elects_head": "on",
            "completion_deadline": "31/10/2024",
        },
        lambda w: Plan.objects.count(),
    ),
    CreateForm(
        "candidate",
        "p22_ubnd",
        lambda w: reverse("elections:contest_detail", args=[_kp2(w).contests.get(kind="head").pk]),
        lambda w: {
            "full_name": "Nguyễn Văn An",
            "gender": "male",
            "birth_date": "01/05/1968",
            "nomination_source": "front_committee",
            "ethnicity": "Kinh",
            "religion": "Không",
            "resides_in_neighborhood": "on",
            "permanent_resident": "on",
        },
        lambda w: Candidate.objects.count(),
    ),
    CreateForm(
        "complaint",
        "p22_mttq",
        lambda w: reverse("elections:complaint_list", args=[_kp2(w).pk]),
        lambda w: {
            "received_on": "16/10/2024",
            "complainant": "Lê Văn Cường",
            "content": "Người ứng cử không cư trú tại khu phố",
        },
        lambda w: Complaint.objects.count(),
    ),
    CreateForm(
        "team member",
        "p22_ubnd",
        lambda w: reverse("elections:team_member_add", args=[_kp2(w).pk]),
        lambda w: {"full_name": "Trần Văn Bình", "role": "member", "represents": "household"},
        lambda w: TeamMember.objects.count(),
    ),
    CreateForm(
        "household",
        "p22_ubnd",
        lambda w: reverse("neighborhoods:household_create", args=[w.map.kp2.pk]),
        lambda w: {
            "neighborhood": w.map.kp2.pk,
            "code": "P22-KP02-9001",
            "head_name": "Nguyễn Thị Hường",
            "member_count": 4,
            "status": "active",
        },
        lambda w: Household.objects.count(),
    ),
    CreateForm(
        "khu phố",
        "p22_ubnd",
        lambda w: reverse("neighborhoods:neighborhood_create", args=[w.map.p22.pk]),
        lambda w: {"name": "Khu phố 9", "type_word": "Khu phố"},
        lambda w: Division.objects.count(),
    ),
    CreateForm(
        "reorganisation",
        "p22_ubnd",
        lambda w: reverse("neighborhoods:reorganisation_create", args=[w.map.p22.pk, "establish"]),
        lambda w: {
            "resolution_number": "11/NQ-HĐND",
            "resolution_date": "20/03/2024",
            "effective_date": "01/04/2024",
            "name": "Khu phố 10",
            "type_word": "Khu phố",
        },
        lambda w: Reorganisation.objects.count(),
    ),
    CreateForm(
        "staff account",
        "p22_ubnd",
        lambda w: reverse("neighborhoods:staff_list", args=[w.map.p22.pk]),
        lambda w: {
            "username": "p22.kp3.tobaucu",
            "full_name": "Trương Thị Lan",
            "password": "Bau-cu-2024-kp3",
            "division": w.map.kp3.pk,
            "role": Role.ELECTION_TEAM,
        },
        lambda w: get_user_model().objects.count(),
        prefix="new",
    ),
    CreateForm(
        "staff assignment",
        "p22_ubnd",
        lambda w: reverse("neighborhoods:staff_list", args=[w.map.p22.pk]),
        lambda w: {"user": w.personas.p22_kp1_thuky.pk, "division": w.map.kp2.pk, "role": Role.ELECTION_TEAM},
        lambda w: StaffAssignment.objects.count(),
        prefix="assign",
    ),
    CreateForm(
        "walk-in household",
        "p22_kp1_tobaucu",
        lambda w: reverse("elections:meeting_walk_in", args=[w.meeting.pk]),
        lambda w: {"code": "P22-KP01-9999", "head_name": "Võ Văn Mới"},
        lambda w: Household.objects.count(),
    ),
    # A double-click on "Xuất Excel" would queue two builds of the same report.
    CreateForm(
        "report export",
        "p22_ubnd",
        lambda w: reverse("reporting:export_create", args=[w.map.p22.pk]),
        lambda w: {"format": "xlsx"},
        lambda w: ReportExport.objects.count(),
    ),
]


@dataclass
class World:
    map: object
    personas: object
    plans: dict
    meeting: object


@pytest.fixture
def world(hcm_map, personas, plans, ready_election):
    meeting = meeting_services.meeting_open(by=personas.p22_kp1_tobaucu, election=ready_election)
    return World(hcm_map, personas, plans, meeting)


def _prefixed(data: dict, prefix: str) -> dict:
    return {f"{prefix}-{k}" if prefix else k: v for k, v in data.items()}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("form", CREATE_FORMS, ids=[f.name for f in CREATE_FORMS])
def test_three_simultaneous_identical_posts_of_a_create_form_make_one_row(world, form):
    user = getattr(world.personas, form.persona)
    data = with_token(_prefixed(form.data(world), form.prefix), form.prefix)
    clients = [Client() for _ in range(3)]
    for client in clients:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    before = form.rows(world)

    responses, errors = at_once(
        lambda client: (client, client.post(form.url(world), data)), [(c,) for c in clients]
    )

    assert errors == []
    assert form.rows(world) == before + 1
    assert [r.status_code for _c, r in responses] == [302, 302, 302]
    assert len({r["Location"] for _c, r in responses}) == 1
    pages = [client.get(response["Location"]).content.decode() for client, response in responses]
    assert sum(NOTICE in page for page in pages) == 2


def _token_on(page: str) -> str:
    import re

    return re.search(r'name="form_token" value="([^"]+)"', page).group(1)


PLAN_FORM = CREATE_FORMS[0].data


def test_a_plan_form_sent_again_lands_on_the_first_plan_with_a_notice(login, personas, hcm_map, upper_plans):
    client = login(personas.p22_ubnd)
    url = reverse("elections:plan_create", args=[hcm_map.p22.pk])
    token = _token_on(client.get(url).content.decode())
    data = {**PLAN_FORM(SimpleNamespace(plans=upper_plans)), "form_token": token}
    first = client.post(url, data)
    client.get(first["Location"])  # the success message is read
    again = client.post(url, data)
    assert again["Location"] == first["Location"]
    page = client.get(again["Location"]).content.decode()
    assert NOTICE in page and "193/KH-UBND" in page
    assert Plan.objects.filter(division=hcm_map.p22).count() == 1


def test_a_create_form_without_its_token_saves_nothing_and_says_why(login, personas, hcm_map, upper_plans):
    client = login(personas.p22_ubnd)
    url = reverse("elections:plan_create", args=[hcm_map.p22.pk])
    for token in ("", "forged-token", "x:y:z"):
        data = {**PLAN_FORM(SimpleNamespace(plans=upper_plans)), "form_token": token}
        response = client.post(url, data)
        assert response.status_code == 200
        assert "Biểu mẫu đã hết hạn hoặc không hợp lệ" in response.content.decode()
    assert not Plan.objects.filter(division=hcm_map.p22).exists()


def test_a_form_refused_for_an_error_is_corrected_and_sent_with_the_same_token(
    login, personas, hcm_map, upper_plans
):
    client = login(personas.p22_ubnd)
    url = reverse("elections:plan_create", args=[hcm_map.p22.pk])
    data = with_token({**PLAN_FORM(SimpleNamespace(plans=upper_plans)), "term_end_year": 2020})
    refused = client.post(url, data)
    assert (
        refused.status_code == 200
        and "Năm kết thúc nhiệm kỳ phải sau năm bắt đầu" in refused.content.decode()
    )
    assert _token_on(refused.content.decode()) == data["form_token"]  # the form keeps its token
    accepted = client.post(url, {**data, "term_end_year": 2029})
    assert accepted.status_code == 302
    assert NOTICE not in client.get(accepted["Location"]).content.decode()
    assert Plan.objects.filter(division=hcm_map.p22).count() == 1


def test_another_user_cannot_replay_a_consumed_token(login, personas, hcm_map, upper_plans):
    url = reverse("elections:plan_create", args=[hcm_map.p22.pk])
    data = with_token(PLAN_FORM(SimpleNamespace(plans=upper_plans)))
    assert login(personas.p22_ubnd).post(url, data).status_code == 302
    assert login(personas.admin).post(url, data).status_code == 403
    assert Plan.objects.filter(division=hcm_map.p22).count() == 1


# --- The natural keys: two forms (two tabs, two clerks) for the same thing -----------------


def test_a_ward_cannot_record_the_same_plan_number_twice(login, personas, hcm_map, upper_plans):
    client = login(personas.p22_ubnd)
    url = reverse("elections:plan_create", args=[hcm_map.p22.pk])
    data = PLAN_FORM(SimpleNamespace(plans=upper_plans))
    assert client.post(url, with_token(data)).status_code == 302
    again = client.post(url, with_token(data))
    assert again.status_code == 200
    assert "Phường 22 đã có kế hoạch số 193/KH-UBND." in again.content.decode()
    assert Plan.objects.filter(division=hcm_map.p22).count() == 1


def test_one_person_stands_once_for_a_post(kp1_scheduled):
    import datetime as dt

    from django.core.exceptions import ValidationError

    from elections.services.candidates import candidate_add

    head = kp1_scheduled.contests.get(kind="head")
    person = {
        "full_name": "Nguyễn Văn An",
        "gender": "male",
        "birth_date": dt.date(1968, 5, 1),
        "nomination_source": "front_committee",
    }
    candidate_add(contest=head, **person)
    with pytest.raises(ValidationError, match="Nguyễn Văn An, sinh ngày 01/05/1968, đã có trong danh sách."):
        candidate_add(contest=head, **{**person, "full_name": " Nguyễn  Văn An "})
    candidate_add(contest=head, **{**person, "birth_date": dt.date(1990, 1, 1)})  # a namesake may stand
    assert head.candidates.count() == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "form", [f for f in CREATE_FORMS if f.name in ("plan", "khu phố", "candidate")], ids=lambda f: f.name
)
def test_two_forms_for_the_same_thing_sent_at_once_make_one_row(world, form):
    """Two clerks (two tokens) at the same instant: the natural key lets one through."""
    user = getattr(world.personas, form.persona)
    clients = [Client() for _ in range(2)]
    for client in clients:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    before = form.rows(world)

    responses, errors = at_once(
        lambda client: client.post(form.url(world), with_token(form.data(world))), [(c,) for c in clients]
    )

    assert errors == []
    assert form.rows(world) == before + 1
    assert sorted(r.status_code for r in responses) == [200, 302]


# --- Used tokens are forgotten once they have expired -------------------------------------


def test_used_tokens_are_deleted_daily_once_a_day_old_and_a_replay_stays_refused(
    login, personas, hcm_map, upper_plans, monkeypatch
):
    import datetime as dt
    import time
    from types import SimpleNamespace as Clock

    from django.core import signing
    from django.utils import timezone

    from wardvote.celery import app
    from wardvote.models import FormSubmission
    from wardvote.tasks import forget_used_form_tokens

    client = login(personas.p22_ubnd)
    url = reverse("elections:plan_create", args=[hcm_map.p22.pk])
    data = with_token(PLAN_FORM(SimpleNamespace(plans=upper_plans)))
    assert client.post(url, data).status_code == 302
    yesterday = FormSubmission.objects.get()
    FormSubmission.objects.filter(pk=yesterday.pk).update(created_at=timezone.now() - dt.timedelta(hours=25))
    today = FormSubmission.objects.create(token="b" * 32, user=personas.p22_ubnd, result_url="/")

    assert forget_used_form_tokens.delay().get() == 1
    assert list(FormSubmission.objects.all()) == [today]
    schedule = {entry["task"]: entry["schedule"] for entry in app.conf.beat_schedule.values()}
    assert schedule["wardvote.tasks.forget_used_form_tokens"].hour == {3}  # once a day

    # A day later the forgotten token is too old to sign anything: sent again, it saves nothing.
    monkeypatch.setattr(signing, "time", Clock(time=lambda: time.time() + 25 * 60 * 60))
    again = client.post(url, data)
    assert again.status_code == 200
    assert "Biểu mẫu đã hết hạn hoặc không hợp lệ" in again.content.decode()
    assert Plan.objects.filter(division=hcm_map.p22).count() == 1
