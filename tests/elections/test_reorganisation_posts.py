"""A merger carried into the posts: the heads and board members of the khu phố that ceased
leave office by the same resolution, the new khu phố starts without a head, gets a convener
(NĐ 59/2023, Art. 3.1.d) and elects and recognises its first head, whose term ends with the
ward's (issue 14, item 3)."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.urls import reverse

from elections import consultation, rules
from elections.count_documents import DECISION
from elections.models import (
    DecisionKind,
    ElectionPurpose,
    OfficePost,
    ReorganisationTerm,
    Stage,
    TenureEnd,
    TenureKind,
    Vacancy,
)
from elections.selectors import tenures as tenure_selectors
from elections.services import meeting as meeting_services
from elections.services import reorganisations
from elections.services.candidates import candidate_add
from neighborhoods.models import Role, StaffAssignment
from neighborhoods.services.reorganisations import reorganisation_merge, reorganisation_rename
from tests.elections.count_helpers import check_in_first, run_procedure, vote_every_contest
from tests.forms import with_token
from tests.issuing import draft, text_of

EFFECTIVE = dt.date(2025, 1, 1)
RESOLUTION = {
    "resolution_number": "05/NQ-HĐND",
    "resolution_date": dt.date(2024, 12, 10),
    "effective_date": EFFECTIVE,
}


@pytest.fixture
def merger(recognised_kp1, hcm_map, personas):
    """Khu phố 1 (its head and board member serving) and Khu phố 2 merge into Khu phố 12."""
    return reorganisation_merge(
        ward=hcm_map.p22,
        sources=[hcm_map.kp1, hcm_map.kp2],
        name="Khu phố 12",
        by=personas.p22_ubnd,
        **RESOLUTION,
    )


def test_applying_a_merger_ends_the_ceased_khu_phos_tenures_and_opens_the_new_ones_head_vacancy(
    merger, hcm_map, personas
):
    opened = reorganisations.reorganisation_apply(by=personas.p22_ubnd, reorganisation=merger)
    new = merger.results.get()
    head_vacancy, seat = opened
    assert (head_vacancy.neighborhood, head_vacancy.post, head_vacancy.vacant_from) == (
        new,
        OfficePost.HEAD,
        EFFECTIVE,
    )
    # No 60-day clock: no head was let go (NĐ 59 Art. 9.3 does not apply), the ward must still act.
    assert head_vacancy.due_on is None and head_vacancy.left is None
    assert "05/NQ-HĐND" in head_vacancy.reason
    old = {t.post: t for t in tenure_selectors.history(hcm_map.kp1)}
    assert (old[OfficePost.HEAD].ended_on, old[OfficePost.HEAD].end_reason) == (
        EFFECTIVE,
        TenureEnd.REORGANISED,
    )
    assert "Nghị quyết số 05/NQ-HĐND" in old[OfficePost.HEAD].end_note
    # The head leaves no vacancy (the khu phố is gone); the board member's seat is one, to be
    # filled by a by-election with more than 6 months of the term left (Luật Art. 36.2).
    assert not Vacancy.objects.filter(neighborhood=hcm_map.kp1, post=OfficePost.HEAD).exists()
    assert (seat.post, seat.left, seat.by_election_required) == (
        OfficePost.BOARD_MEMBER,
        old[OfficePost.BOARD_MEMBER],
        True,
    )
    assert old[OfficePost.BOARD_MEMBER].end_reason == TenureEnd.REORGANISED


def test_a_reorganisation_is_carried_into_the_posts_once(merger, personas):
    reorganisations.reorganisation_apply(by=personas.p22_ubnd, reorganisation=merger)
    with pytest.raises(ValidationError) as error:
        reorganisations.reorganisation_apply(by=personas.p22_ubnd, reorganisation=merger)
    assert "Đã áp dụng nghị quyết này" in " ".join(error.value.messages)
    assert ReorganisationTerm.objects.count() == 1


def test_a_rename_changes_no_one_in_office(recognised_kp1, hcm_map, personas):
    rename = reorganisation_rename(ward=hcm_map.p22, source=hcm_map.kp3, name="Khu phố Ba", **RESOLUTION)
    with pytest.raises(ValidationError) as error:
        reorganisations.reorganisation_apply(by=personas.p22_ubnd, reorganisation=rename)
    assert "Đổi tên khu phố không làm thay đổi người giữ chức danh" in " ".join(error.value.messages)


def test_a_merger_creates_a_khu_pho_that_elects_and_recognises_its_first_head(
    merger, recognised_kp1, hcm_map, personas, client, django_capture_on_commit_callbacks
):
    ward = personas.p22_ubnd
    client.force_login(ward)
    # The map's page of the resolution links to its posts' page, which offers to apply it.
    page = client.get(reverse("neighborhoods:reorganisation_detail", args=[merger.pk])).content.decode()
    posts_url = reverse("elections:reorganisation_term", args=[merger.pk])
    assert posts_url in page
    page = client.get(posts_url).content.decode()
    assert "Nguyễn Văn head" in page and "(Trưởng khu phố, được bầu)" in page
    assert "Áp dụng cho các chức danh" in page
    client.post(reverse("elections:reorganisation_apply", args=[merger.pk]), with_token({}))
    new = merger.results.get()
    vacancy = Vacancy.objects.get(neighborhood=new, post=OfficePost.HEAD)
    page = client.get(posts_url).content.decode()
    assert reverse("elections:vacancy_detail", args=[vacancy.pk]) in page
    assert "Áp dụng cho các chức danh" not in page

    # The ward chairman designates a convener, then the ward decides the first head's election.
    page = client.get(reverse("elections:vacancy_detail", args=[vacancy.pk])).content.decode()
    assert "Khu phố mới: không có hạn 60 ngày" in page
    client.post(
        reverse("elections:vacancy_decide", args=[vacancy.pk, "convener"]),
        with_token(
            {
                "convener-decided_on": "03/01/2025",
                "convener-full_name": "Huỳnh Văn Tâm",
                "convener-capacity": rules.CONVENER_FRONT,
            },
            "convener",
        ),
    )
    convener = tenure_selectors.serving_head(new)
    assert (convener.kind, convener.full_name) == (TenureKind.CONVENER, "Huỳnh Văn Tâm")
    client.post(
        reverse("elections:vacancy_decide", args=[vacancy.pk, "new_election"]),
        with_token(
            {"new_election-decided_on": "06/01/2025", "new_election-meeting_date": "16/02/2025"},
            "new_election",
        ),
    )
    vacancy.refresh_from_db()
    election = vacancy.new_election
    assert (election.purpose, election.neighborhood, election.plan) == (
        ElectionPurpose.NEW_HEAD,
        new,
        recognised_kp1.plan,
    )
    (decision,) = election.decisions.filter(kind=DecisionKind.NEW_ELECTION)
    text = text_of(draft(DECISION, decision, django_capture_on_commit_callbacks))
    assert "Về việc tổ chức bầu Trưởng khu phố đầu tiên Khu phố 12" in text
    assert "Xét việc Khu phố 12 chưa có Trưởng khu phố từ ngày 01/01/2025 (khu phố mới" in text
    convener_decision = decision.plan.decisions.get(kind=DecisionKind.CONVENER)
    assert convener_decision.election is None  # a new khu phố: no election its holder came from
    text = text_of(draft(DECISION, convener_decision, django_capture_on_commit_callbacks))
    assert "đại diện Ban công tác Mặt trận khu phố" in text and "Khu phố 12" in text

    # The election runs as any other, in the merged khu phố with the households it received.
    (contest,) = election.contests.all()
    candidate_add(
        contest=contest,
        full_name="Võ Văn Đầu",
        gender="male",
        birth_date=dt.date(1972, 2, 2),
        nomination_source="front_committee",
    )
    for step, user in (
        ("record_party_opinion", ward),
        ("fix_official_list", ward),
        ("send_to_ward", ward),
        ("approve", personas.p22_mttq),
    ):
        consultation.list_transition(contest, step, by=user)
    # The ward names the new khu phố's election team (Khu phố 1's two members, reassigned).
    for member in (personas.p22_kp1_tobaucu, personas.p22_kp1_thuky):
        StaffAssignment.objects.create(user=member, division=new, role=Role.ELECTION_TEAM)
    team = [User.objects.get(pk=member.pk) for member in (personas.p22_kp1_tobaucu, personas.p22_kp1_thuky)]
    meeting = meeting_services.meeting_open(by=team[0], election=election)
    assert meeting.household_total == 10
    check_in_first(meeting, team[0], 8)
    vote_every_contest(run_procedure(meeting), *team)
    client.post(
        reverse("elections:election_decide", args=[election.pk, "recognise"]),
        with_token(
            {"recognise-received_on": "18/02/2025", "recognise-decided_on": "20/02/2025"}, "recognise"
        ),
    )
    election.refresh_from_db()
    assert election.stage == Stage.RECOGNISED
    head = tenure_selectors.serving_head(new)
    assert (head.full_name, head.kind, head.started_on) == (
        "Võ Văn Đầu",
        TenureKind.ELECTED,
        dt.date(2025, 2, 20),
    )
    assert head.term_ends_on == tenure_selectors.term_ends_on(recognised_kp1.plan)
    convener.refresh_from_db()
    vacancy.refresh_from_db()
    assert (convener.ended_on, convener.end_reason) == (dt.date(2025, 2, 20), TenureEnd.SUCCEEDED)
    assert (vacancy.filled_on, vacancy.filled_by) == (dt.date(2025, 2, 20), head)
    # The ceased khu phố's heads left by the resolution; the board counts the term's elections only.
    assert tenure_selectors.serving_head(hcm_map.kp1) is None
    assert tenure_selectors.term_elections(recognised_kp1.plan).filter(neighborhood=new).count() == 0


def test_a_split_opens_a_head_vacancy_in_each_new_khu_pho(recognised_kp1, hcm_map, personas):
    from neighborhoods.services.reorganisations import reorganisation_split

    split = reorganisation_split(
        ward=hcm_map.p22, source=hcm_map.kp1, parts=[("Khu phố 1A", []), ("Khu phố 1B", [])], **RESOLUTION
    )
    opened = reorganisations.reorganisation_apply(by=personas.p22_ubnd, reorganisation=split)
    heads = [v for v in opened if v.post == OfficePost.HEAD]
    assert sorted(v.neighborhood.name for v in heads) == ["Khu phố 1A", "Khu phố 1B"]
    assert tenure_selectors.serving_head(hcm_map.kp1) is None


def test_a_dissolution_ends_the_dissolved_khu_phos_tenures_and_opens_no_head_vacancy(
    recognised_kp1, hcm_map, personas
):
    from neighborhoods.services.reorganisations import reorganisation_dissolve

    dissolve = reorganisation_dissolve(
        ward=hcm_map.p22, source=hcm_map.kp1, move_households_to=hcm_map.kp2, **RESOLUTION
    )
    opened = reorganisations.reorganisation_apply(by=personas.p22_ubnd, reorganisation=dissolve)
    assert [v.post for v in opened] == [OfficePost.BOARD_MEMBER]
    assert tenure_selectors.serving_head(hcm_map.kp1) is None
    assert not Vacancy.objects.filter(neighborhood=hcm_map.kp2).exists()


def test_a_khu_pho_made_before_the_terms_elections_elects_its_head_in_its_term_election(
    hcm_map, upper_plans, personas, client
):
    from elections.services.plans import plan_create
    from neighborhoods.services.reorganisations import reorganisation_establish
    from tests.conftest import PLAN_DEFAULTS

    established = reorganisation_establish(
        ward=hcm_map.p22,
        name="Khu phố 9",
        resolution_number="11/NQ-HĐND",
        resolution_date=dt.date(2024, 3, 20),
        effective_date=dt.date(2024, 4, 1),
    )
    plan = plan_create(
        by=personas.p22_ubnd,
        division=hcm_map.p22,
        parent=upper_plans["district"],
        number="192/KHLT-UBND-UBMTTQ",
        issued_on=dt.date(2024, 10, 7),
        title="Bầu cử",
        **PLAN_DEFAULTS,
    )
    new = established.results.get()
    term_election = plan.elections.get(neighborhood=new)
    assert reorganisations.reorganisation_apply(by=personas.p22_ubnd, reorganisation=established) == []
    assert not Vacancy.objects.filter(neighborhood=new).exists()
    client.force_login(personas.p22_ubnd)
    page = client.get(reverse("elections:reorganisation_term", args=[established.pk])).content.decode()
    assert reverse("elections:election_detail", args=[term_election.pk]) in page
