"""Practice copies of a ward plan: made and started over by the ward's office, kept out of
every official figure, paper number and post."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse

from elections import consultation
from elections.models import Election, Plan, Stage, Tenure, Vacancy
from elections.services import decisions
from elections.services import meeting as meeting_services
from elections.services.candidates import candidate_add
from elections.services.plans import election_schedule
from elections.services.practice import practice_election_create, practice_plan_create, practice_plan_reset
from tests.elections.count_helpers import check_in_first, run_procedure, vote_every_contest
from tests.factories import HouseholdFactory

KHU_PHO = ["Khu phố 1", "Khu phố 2", "Khu phố 3"]
BANNER = "THỰC HÀNH – KHÔNG CÓ GIÁ TRỊ PHÁP LÝ"
RECOGNITION_DATES = {"received_on": dt.date(2024, 11, 1), "decided_on": dt.date(2024, 11, 4)}


def walk_to_recognition(election: Election, personas, head: str = "Nguyễn Văn Trưởng") -> Election:
    """Everything a khu phố does from its schedule to the ward's recognition of both posts, on the
    khu phố's register (7 of its households meet and elect the first candidate of each list)."""
    election = election_schedule(
        by=personas.p22_ubnd,
        election=election,
        meeting_date=dt.date(2024, 10, 27),
        meeting_time=dt.time(8, 0),
        meeting_place="Nhà văn hóa khu phố 1",
    )
    for contest in election.contests.all():
        name = head if contest.kind == "head" else "Lê Thị Thanh Tra"
        candidate_add(
            contest=contest,
            full_name=name,
            gender="male",
            birth_date=dt.date(1970, 1, 1),
            nomination_source="front_committee",
        )
        for step, user in (
            ("record_party_opinion", personas.p22_ubnd),
            ("fix_official_list", personas.p22_ubnd),
            ("send_to_ward", personas.p22_ubnd),
            ("approve", personas.p22_mttq),
        ):
            consultation.list_transition(contest, step, by=user)
    team = personas.p22_kp1_tobaucu, personas.p22_kp1_thuky
    meeting = meeting_services.meeting_open(by=team[0], election=election)
    check_in_first(meeting, team[0], 7)
    vote_every_contest(run_procedure(meeting), *team)
    decisions.head_recognise(by=personas.p22_ubnd, election=election, **RECOGNITION_DATES)
    decisions.board_member_recognise(by=personas.p22_mttq, election=election, **RECOGNITION_DATES)
    election.refresh_from_db()
    return election


@pytest.fixture
def kp1_households(hcm_map):
    return HouseholdFactory.create_batch(10, neighborhood=hcm_map.kp1)


# --- creating a copy ---


def test_the_ward_official_makes_a_practice_copy_of_the_whole_campaign(
    client, login, plans, personas, hcm_map
):
    real = plans["ward"]
    login(personas.p22_ubnd)
    response = client.post(reverse("elections:plan_practice_create", args=[real.pk]))

    copy = Plan.objects.get(practice=True)
    assert response["Location"] == reverse("elections:plan_detail", args=[copy.pk])
    assert copy.practice_of == real and copy.number == "192/KHLT-UBND-UBMTTQ (thực hành)"
    assert (copy.title, copy.completion_deadline, copy.elects_inspection_board) == (
        real.title,
        real.completion_deadline,
        real.elects_inspection_board,
    )
    # One practice election per khu phố of the real plan, each with the real plan's posts.
    assert sorted(e.neighborhood.name for e in copy.elections.all()) == KHU_PHO
    for practice in copy.elections.all():
        assert practice.practice and practice.stage == Stage.NOT_STARTED and practice.contests.count() == 2
    assert not real.elections.filter(practice=True).exists()

    page = client.get(response["Location"]).content.decode()
    assert BANNER in page and "Làm lại từ đầu" in page
    real_page = client.get(reverse("elections:plan_detail", args=[real.pk])).content.decode()
    assert BANNER not in real_page and copy.number in real_page  # listed, marked, apart
    listing = client.get(reverse("elections:plan_list")).content.decode()
    assert copy.number in listing and "Thực hành" in listing


def test_a_practice_copy_of_one_khu_pho_election(client, login, kp1_election, personas, hcm_map):
    login(personas.p22_ubnd)
    page = client.get(reverse("elections:election_detail", args=[kp1_election.pk])).content.decode()
    assert "Tạo bản thực hành cho khu phố này" in page and BANNER not in page

    response = client.post(reverse("elections:election_practice_create", args=[kp1_election.pk]))

    copy = Plan.objects.get(practice=True)
    assert copy.number == "192/KHLT-UBND-UBMTTQ (thực hành) – Khu phố 1"
    practice = copy.elections.get()
    assert practice.neighborhood == hcm_map.kp1 and practice.practice
    assert response["Location"] == reverse("elections:plan_detail", args=[copy.pk])
    practice_page = client.get(reverse("elections:election_detail", args=[practice.pk])).content.decode()
    assert BANNER in practice_page and "Tạo bản thực hành cho khu phố này" not in practice_page


def test_the_same_copy_is_not_made_twice_and_a_copy_is_not_copied(plans, personas):
    copy = practice_plan_create(by=personas.p22_ubnd, plan=plans["ward"])
    with pytest.raises(ValidationError, match="Đã có bản thực hành"):
        practice_plan_create(by=personas.p22_ubnd, plan=plans["ward"])
    with pytest.raises(ValidationError, match="Đây đã là bản thực hành"):
        practice_plan_create(by=personas.p22_ubnd, plan=copy)
    with pytest.raises(ValidationError, match="Chỉ kế hoạch của phường"):
        practice_plan_create(by=personas.admin, plan=plans["district"])
    assert Plan.objects.filter(practice=True).count() == 1


NOT_THE_WARDS_OFFICE = ["binhthanh_noivu", "hcm_noivu", "p22_mttq", "p22_kp1_tobaucu", "p25_ubnd"]


@pytest.mark.parametrize("persona", NOT_THE_WARDS_OFFICE)
def test_only_the_wards_office_makes_or_resets_a_copy(client, login, plans, kp1_election, personas, persona):
    copy = practice_plan_create(by=personas.p22_ubnd, plan=plans["ward"])
    login(getattr(personas, persona))
    for url in (
        reverse("elections:plan_practice_create", args=[plans["ward"].pk]),
        reverse("elections:election_practice_create", args=[kp1_election.pk]),
        reverse("elections:plan_practice_reset", args=[copy.pk]),
    ):
        assert client.post(url, {"confirm": "yes"}).status_code == 404
    assert list(Plan.objects.filter(practice=True)) == [copy]
    copy.refresh_from_db()
    assert copy.retired_at is None


# --- starting over ---


def test_start_over_returns_the_copy_to_a_fresh_state_in_one_step(
    client, login, plans, personas, hcm_map, kp1_households
):
    copy = practice_plan_create(by=personas.p22_ubnd, plan=plans["ward"])
    practised = walk_to_recognition(copy.elections.get(neighborhood=hcm_map.kp1), personas)
    assert practised.stage == Stage.RECOGNISED
    login(personas.p22_ubnd)

    unconfirmed = client.post(reverse("elections:plan_practice_reset", args=[copy.pk]), follow=True)
    assert "Đánh dấu ô xác nhận" in unconfirmed.content.decode()
    copy.refresh_from_db()
    assert copy.retired_at is None

    response = client.post(reverse("elections:plan_practice_reset", args=[copy.pk]), {"confirm": "yes"})

    fresh = Plan.objects.get(practice=True, retired_at__isnull=True)
    assert fresh.pk != copy.pk and fresh.number == copy.number and fresh.practice_of == plans["ward"]
    assert response["Location"] == reverse("elections:plan_detail", args=[fresh.pk])
    assert sorted(e.neighborhood.name for e in fresh.elections.all()) == KHU_PHO
    assert all(e.stage == Stage.NOT_STARTED and e.meeting_date is None for e in fresh.elections.all())
    # The old copy is gone from reach, its pages with it; the real plan lists only the fresh one.
    assert client.get(reverse("elections:plan_detail", args=[copy.pk])).status_code == 404
    assert client.get(reverse("elections:election_detail", args=[practised.pk])).status_code == 404
    real_page = client.get(reverse("elections:plan_detail", args=[plans["ward"].pk])).content.decode()
    assert real_page.count(copy.number) == 1
    # Both the creation and the reset are in the audit log, with who did them.
    retired = LogEntry.objects.get_for_object(copy).filter(action=LogEntry.Action.UPDATE).get()
    assert "retired_at" in retired.changes_dict and retired.actor == personas.p22_ubnd
    created = LogEntry.objects.get_for_object(fresh).get(action=LogEntry.Action.CREATE)
    assert created.actor == personas.p22_ubnd


def test_a_real_plan_is_never_reset(client, login, plans, personas, kp1_scheduled):
    with pytest.raises(ValidationError, match="Chỉ bản thực hành"):
        practice_plan_reset(by=personas.p22_ubnd, plan=plans["ward"])
    login(personas.p22_ubnd)
    response = client.post(
        reverse("elections:plan_practice_reset", args=[plans["ward"].pk]), {"confirm": "yes"}, follow=True
    )
    assert "Chỉ bản thực hành mới làm lại từ đầu được." in response.content.decode()
    plans["ward"].refresh_from_db()
    kp1_scheduled.refresh_from_db()
    assert plans["ward"].retired_at is None and kp1_scheduled.stage == Stage.PREPARING
    assert not Plan.objects.filter(practice=True).exists()


# --- who holds office ---


def test_a_practice_recognition_puts_nobody_in_office(plans, personas, hcm_map, kp1_households):
    kp1 = plans["ward"].elections.get(neighborhood=hcm_map.kp1)
    real = walk_to_recognition(kp1, personas, "Trần Văn Thật")
    tenures_before = list(Tenure.objects.values_list("pk", "full_name", "ended_on"))
    vacancies_before = list(Vacancy.objects.values_list("pk", "filled_on"))
    assert [name for _pk, name, _end in tenures_before if name == "Trần Văn Thật"]

    copy = practice_election_create(by=personas.p22_ubnd, election=real)
    practised = walk_to_recognition(copy.elections.get(), personas, "Phạm Văn Tập")

    # The practice recognised its head: the decision is on its page, but nobody took the post,
    # nobody left it, and the real khu phố's election is as it was.
    assert practised.stage == Stage.RECOGNISED and practised.decisions.exists()
    assert list(Tenure.objects.values_list("pk", "full_name", "ended_on")) == tenures_before
    assert list(Vacancy.objects.values_list("pk", "filled_on")) == vacancies_before
    real.refresh_from_db()
    assert real.stage == Stage.RECOGNISED and not Tenure.objects.filter(election=practised).exists()


def test_the_team_finds_the_practice_meeting_apart_from_the_real_one(client, login, kp1_election, personas):
    copy = practice_election_create(by=personas.p22_ubnd, election=kp1_election)
    practice = copy.elections.get()
    login(personas.p22_kp1_tobaucu)

    home = client.get(reverse("home")).content.decode()

    assert reverse("elections:meeting_page", args=[kp1_election.pk]) in home
    assert reverse("elections:meeting_page", args=[practice.pk]) in home
    assert "Ngày họp thực hành (tập huấn): điểm danh hộ gia đình" in home
    meeting_page = client.get(reverse("elections:meeting_page", args=[practice.pk])).content.decode()
    assert BANNER in meeting_page
    assert (
        BANNER not in client.get(reverse("elections:meeting_page", args=[kp1_election.pk])).content.decode()
    )
