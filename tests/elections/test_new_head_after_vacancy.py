"""After Khu phố 1's head resigns: the ward appoints an interim head (or its chairman a
convener), decides within 60 days to elect a new head, and that election runs the whole
workflow and recognises the new head (NĐ 59/2023, Art. 9.3 and 3.1.d; issue 14)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from elections import consultation, rules
from elections.count_documents import DECISION
from elections.models import (
    Decision,
    DecisionKind,
    Election,
    ElectionPurpose,
    OfficePost,
    Stage,
    TenureEnd,
    TenureKind,
)
from elections.selectors import tenures as tenure_selectors
from elections.selectors.plans import election_checklist, vacancy_line
from elections.services import meeting as meeting_services
from elections.services import tenures, vacancies
from elections.services.candidates import candidate_add
from tests.elections.count_helpers import check_in_first, run_procedure, vote_every_contest
from tests.forms import with_token
from tests.issuing import draft, issue, text_of

RESIGNED_ON = dt.date(2025, 3, 3)


@pytest.fixture
def vacancy(recognised_kp1, hcm_map, personas):
    """Khu phố 1's head resigned; the ward recognised it on 03/03/2025 (h1's flow ends here)."""
    head = tenure_selectors.serving_head(hcm_map.kp1)
    return tenures.tenure_end(
        by=personas.p22_ubnd,
        tenure=head,
        ended_on=RESIGNED_ON,
        reason=TenureEnd.RESIGNED,
        due_on=rules.new_election_due(RESIGNED_ON),
    )


def appoint_interim(vacancy, personas, **overrides):
    fields = {
        "by": personas.p22_ubnd,
        "vacancy": vacancy,
        "decided_on": dt.date(2025, 3, 5),
        "full_name": "Lê Văn  Tạm",
        "front_agreed_on": dt.date(2025, 3, 4),
        "front_agreed_by": "Đặng Văn Hải",
        **overrides,
    }
    return vacancies.vacancy_interim_head_appoint(**fields)


def refusal(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- The interim head and the convener --------------------------------------------------


def test_the_ward_appoints_an_interim_head_on_the_vacancy_after_agreeing_with_the_ward_front(
    vacancy, hcm_map, personas
):
    decision = appoint_interim(vacancy, personas)
    interim = tenure_selectors.serving_head(hcm_map.kp1)
    assert (interim.full_name, interim.kind, interim.started_on) == (
        "Lê Văn Tạm",
        TenureKind.INTERIM,
        dt.date(2025, 3, 5),
    )
    assert interim.start_decision == decision
    assert (decision.kind, decision.details["vacancy"], decision.details["front_agreed_by"]) == (
        DecisionKind.INTERIM_HEAD,
        vacancy.pk,
        "Đặng Văn Hải",
    )
    # Filed with the ward's current plan and the election the head who left came from.
    assert decision.plan == tenure_selectors.current_ward_plan(hcm_map.p22)
    assert decision.election == vacancy.left.election
    vacancy.refresh_from_db()
    assert vacancy.open, "an interim head does not fill the vacancy: the khu phố still elects"


def test_an_interim_head_is_refused_without_the_ward_fronts_agreement(vacancy, personas):
    with pytest.raises(ValidationError) as error:
        appoint_interim(vacancy, personas, front_agreed_on=None, front_agreed_by="")
    assert "Ủy ban MTTQ phường" in refusal(error.value)
    assert "Điều 9.3" in refusal(error.value)
    assert not Decision.objects.filter(kind=DecisionKind.INTERIM_HEAD).exists()


def test_a_khu_pho_whose_head_still_serves_gets_no_interim_head(recognised_kp1, hcm_map, personas):
    # A vacancy recorded by mistake while the head serves (made directly): the ward is refused.
    from elections.services.tenures import vacancy_open

    wrong = vacancy_open(
        by=personas.p22_ubnd,
        neighborhood=hcm_map.kp1,
        post=OfficePost.HEAD,
        vacant_from=dt.date(2025, 3, 3),
        reason="Nhầm",
    )
    with pytest.raises(ValidationError) as error:
        appoint_interim(wrong, personas)
    assert "đang có người giữ chức danh Trưởng khu phố (được bầu): Nguyễn Văn head" in refusal(error.value)


def test_a_second_interim_head_is_refused_while_the_first_serves(vacancy, personas):
    appoint_interim(vacancy, personas)
    with pytest.raises(ValidationError) as error:
        appoint_interim(vacancy, personas, full_name="Trần Thị Khác", decided_on=dt.date(2025, 3, 9))
    assert "(lâm thời): Lê Văn Tạm" in refusal(error.value)


def test_no_decision_about_the_vacancy_predates_it(vacancy, personas):
    with pytest.raises(ValidationError) as error:
        appoint_interim(
            vacancy, personas, decided_on=dt.date(2025, 3, 1), front_agreed_on=dt.date(2025, 3, 1)
        )
    assert "không được trước ngày khuyết Trưởng khu phố (03/03/2025)" in refusal(error.value)


def test_the_ward_chairman_designates_a_convener_who_gives_way_to_an_interim_head(vacancy, hcm_map, personas):
    convener = vacancies.convener_designate(
        by=personas.p22_ubnd,
        vacancy=vacancy,
        decided_on=dt.date(2025, 3, 4),
        full_name="Huỳnh Văn Tâm",
        capacity=rules.CONVENER_FRONT,
    )
    assert convener.kind == DecisionKind.CONVENER
    standing = tenure_selectors.serving_head(hcm_map.kp1)
    assert (standing.kind, standing.full_name) == (TenureKind.CONVENER, "Huỳnh Văn Tâm")
    appoint_interim(vacancy, personas)
    standing.refresh_from_db()
    assert (standing.ended_on, standing.end_reason) == (dt.date(2025, 3, 5), TenureEnd.SUCCEEDED)
    assert tenure_selectors.serving_head(hcm_map.kp1).kind == TenureKind.INTERIM


def test_a_convener_must_be_the_front_committees_representative_or_a_reputable_resident(vacancy, personas):
    with pytest.raises(ValidationError) as error:
        vacancies.convener_designate(
            by=personas.p22_ubnd,
            vacancy=vacancy,
            decided_on=dt.date(2025, 3, 4),
            full_name="Huỳnh Văn Tâm",
            capacity="ward_official",
        )
    assert "Điều 3.1.d" in refusal(error.value)


# --- The decision to elect a new head ----------------------------------------------------


def test_deciding_the_new_election_opens_a_new_head_election_under_the_ward_plan(
    vacancy, recognised_kp1, hcm_map, personas
):
    decision = vacancies.new_election_decide(
        by=personas.p22_ubnd,
        vacancy=vacancy,
        decided_on=dt.date(2025, 3, 20),
        meeting_date=dt.date(2025, 4, 20),
    )
    election = decision.election
    election.refresh_from_db()
    assert (election.purpose, election.plan, election.neighborhood) == (
        ElectionPurpose.NEW_HEAD,
        recognised_kp1.plan,
        hcm_map.kp1,
    )
    assert [c.kind for c in election.contests.all()] == ["head"]
    # It carries its plan's flags, as the term's elections do, so every roll-up sees it alike.
    assert {"practice": election.practice, "superseded": election.superseded} == election.plan.election_flags
    assert (election.stage, election.meeting_date, election.plan_decided_on) == (
        Stage.PREPARING,
        dt.date(2025, 4, 20),
        dt.date(2025, 3, 20),
    )
    vacancy.refresh_from_db()
    assert vacancy.new_election == election
    # The term's election is untouched, and still the only one the board counts.
    recognised_kp1.refresh_from_db()
    assert recognised_kp1.stage == Stage.RECOGNISED
    assert list(tenure_selectors.term_elections(recognised_kp1.plan).filter(neighborhood=hcm_map.kp1)) == [
        recognised_kp1
    ]


def test_a_vacancy_already_decided_is_not_decided_again(vacancy, personas):
    vacancies.new_election_decide(by=personas.p22_ubnd, vacancy=vacancy, decided_on=dt.date(2025, 3, 20))
    with pytest.raises(ValidationError) as error:
        vacancies.new_election_decide(by=personas.p22_ubnd, vacancy=vacancy, decided_on=dt.date(2025, 3, 21))
    assert "Đã có quyết định tổ chức bầu Trưởng khu phố mới" in refusal(error.value)
    assert Election.objects.filter(purpose=ElectionPurpose.NEW_HEAD).count() == 1


def test_the_new_heads_meeting_falls_within_the_term(vacancy, recognised_kp1, personas):
    with pytest.raises(ValidationError) as error:
        vacancies.new_election_decide(
            by=personas.p22_ubnd,
            vacancy=vacancy,
            decided_on=dt.date(2025, 3, 20),
            meeting_date=dt.date(2030, 1, 5),
        )
    assert "sau ngày kết thúc nhiệm kỳ" in refusal(error.value)
    assert not Election.objects.filter(purpose=ElectionPurpose.NEW_HEAD).exists()


def test_a_late_decision_is_taken_but_its_line_shows_it_was_late(vacancy, personas):
    due = rules.new_election_due(RESIGNED_ON)
    assert due == dt.date(2025, 5, 2)
    line = vacancy_line(vacancy, dt.date(2025, 5, 2))
    assert (line.due, line.status, line.done_on) == (due, rules.DUE, None)
    assert "Điều 9.3" in line.basis
    assert vacancy_line(vacancy, dt.date(2025, 5, 3)).status == rules.LATE
    vacancies.new_election_decide(by=personas.p22_ubnd, vacancy=vacancy, decided_on=dt.date(2025, 5, 10))
    vacancy.refresh_from_db()
    line = vacancy_line(vacancy, dt.date(2025, 6, 1))
    assert (line.done_on, line.status) == (dt.date(2025, 5, 10), rules.DONE_LATE)


# --- The papers ---------------------------------------------------------------------------


def test_the_interim_heads_convener_and_new_election_papers_say_why_and_by_whom(
    vacancy, personas, signers, django_capture_on_commit_callbacks
):
    convener = vacancies.convener_designate(
        by=personas.p22_ubnd,
        vacancy=vacancy,
        decided_on=dt.date(2025, 3, 4),
        full_name="Huỳnh Văn Tâm",
        capacity=rules.CONVENER_RESIDENT,
    )
    interim = appoint_interim(vacancy, personas)
    new = vacancies.new_election_decide(
        by=personas.p22_ubnd, vacancy=vacancy, decided_on=dt.date(2025, 3, 20)
    )
    capture = django_capture_on_commit_callbacks

    text = text_of(draft(DECISION, interim, capture))
    assert "Về việc cử Trưởng khu phố lâm thời Khu phố 1" in text
    assert "Xét việc khuyết Trưởng Khu phố 1 từ ngày 03/03/2025 (xin thôi: ông (bà) Nguyễn Văn head)" in text
    assert "(ông (bà) Đặng Văn Hải, ngày 04/03/2025)" in text
    assert "Cử ông (bà) Lê Văn Tạm làm Trưởng Khu phố 1 lâm thời" in text

    paper = issue(
        DECISION,
        convener,
        capture,
        by=personas.p22_ubnd,
        signed_on=dt.date(2025, 3, 4),
        signer=signers.chairman,
    )
    text = text_of(paper)
    # The chairman's own decision (NĐ 59 Art. 3.1.d), not the committee's.
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN" in text
    assert "TM. ỦY BAN NHÂN DÂN" not in text
    assert "Chỉ định ông (bà) Huỳnh Văn Tâm, công dân có uy tín cư trú tại khu phố," in text
    assert "điểm d khoản 1 Điều 3" in text

    text = text_of(draft(DECISION, new, capture))
    assert "Về việc tổ chức bầu Trưởng khu phố mới Khu phố 1, nhiệm kỳ 2024 - 2029" in text
    assert "Điều 1. Tổ chức bầu Trưởng khu phố mới của Khu phố 1" in text
    assert "giữ chức danh cho đến hết nhiệm kỳ 2024 - 2029 (đến ngày 31/10/2029)" in text
    assert "ngày 02/05/2025" in text


# --- The walk, as the ward official does it ------------------------------------------------


def test_a_head_resigns_an_interim_head_serves_and_the_new_election_recognises_a_new_head(
    vacancy, recognised_kp1, hcm_map, personas, client
):
    ward = personas.p22_ubnd
    client.force_login(ward)
    term_page = reverse("elections:election_detail", args=[recognised_kp1.pk])
    page = client.get(term_page).content.decode()
    # The term's page points at the vacancy and shows its deadline, now missed (today is later).
    assert reverse("elections:vacancy_detail", args=[vacancy.pk]) in page
    assert "UBND phường quyết định việc bầu Trưởng khu phố mới" in page
    # So does the ward's page, in its list of vacancies.
    ward_page = client.get(reverse("neighborhoods:division_detail", args=[hcm_map.p22.pk])).content.decode()
    assert reverse("elections:vacancy_detail", args=[vacancy.pk]) in ward_page

    url = reverse("elections:vacancy_decide", args=[vacancy.pk, "interim_head"])
    client.post(
        url,
        with_token(
            {
                "interim_head-decided_on": "05/03/2025",
                "interim_head-full_name": "Lê Văn Tạm",
                "interim_head-front_agreed_by": "Đặng Văn Hải",
                "interim_head-front_agreed_on": "04/03/2025",
            },
            "interim_head",
        ),
    )
    assert tenure_selectors.serving_head(hcm_map.kp1).full_name == "Lê Văn Tạm"
    url = reverse("elections:vacancy_decide", args=[vacancy.pk, "new_election"])
    response = client.post(
        url,
        with_token(
            {"new_election-decided_on": "20/03/2025", "new_election-meeting_date": "20/04/2025"},
            "new_election",
        ),
        follow=True,
    )
    assert "Đã quyết định tổ chức bầu Trưởng khu phố mới." in response.content.decode()
    vacancy.refresh_from_db()
    election = vacancy.new_election
    assert vacancy_line(vacancy, dt.date(2026, 1, 1)).status == rules.DONE

    # The new election runs the existing workflow: list, consultation, meeting, count.
    (contest,) = election.contests.all()
    candidate_add(
        contest=contest,
        full_name="Phạm Thị Mới",
        gender="female",
        birth_date=dt.date(1975, 6, 1),
        nomination_source="front_committee",
    )
    for step, user in (
        ("record_party_opinion", ward),
        ("fix_official_list", ward),
        ("send_to_ward", ward),
        ("approve", personas.p22_mttq),
    ):
        consultation.list_transition(contest, step, by=user)
    team = personas.p22_kp1_tobaucu, personas.p22_kp1_thuky
    meeting = meeting_services.meeting_open(by=team[0], election=election)
    check_in_first(meeting, team[0], 8)
    vote_every_contest(run_procedure(meeting), *team)
    election.refresh_from_db()
    assert election.stage == Stage.COUNTED

    url = reverse("elections:election_decide", args=[election.pk, "recognise"])
    client.post(
        url,
        with_token(
            {"recognise-received_on": "22/04/2025", "recognise-decided_on": "24/04/2025"}, "recognise"
        ),
    )
    election.refresh_from_db()
    assert election.stage == Stage.RECOGNISED
    vacancy.refresh_from_db()
    new_head = tenure_selectors.serving_head(hcm_map.kp1)
    assert (new_head.full_name, new_head.kind, new_head.election) == (
        "Phạm Thị Mới",
        TenureKind.ELECTED,
        election,
    )
    assert (vacancy.filled_on, vacancy.filled_by) == (dt.date(2025, 4, 24), new_head)
    heads = [
        (t.full_name, t.kind, t.end_reason) for t in tenure_selectors.history(hcm_map.kp1) if t.post == "head"
    ]
    assert heads == [
        ("Nguyễn Văn head", TenureKind.ELECTED, TenureEnd.RESIGNED),
        ("Lê Văn Tạm", TenureKind.INTERIM, TenureEnd.SUCCEEDED),
        ("Phạm Thị Mới", TenureKind.ELECTED, ""),
    ]
    assert new_head.term_ends_on == tenure_selectors.term_ends_on(recognised_kp1.plan)
    # The vacancy's page says it is filled, and lists the ward's two decisions about it.
    page = client.get(reverse("elections:vacancy_detail", args=[vacancy.pk])).content.decode()
    assert "Đã có người từ ngày 24/04/2025" in page
    assert "Cử Trưởng khu phố lâm thời (05/03/2025)" in page
    assert "Tổ chức bầu Trưởng khu phố mới (20/03/2025)" in page
    # The ward's public page names the new head, with what the election was for.
    public = client.get(reverse("elections:public_ward", args=[hcm_map.p22.pk])).content.decode()
    assert "<strong>Phạm Thị Mới</strong>" in public and "(bầu trưởng khu phố mới)" in public
    # The new election's checklist carries the vacancy's line, met.
    lines = {line.key: line for line in election_checklist(election, dt.date(2025, 5, 1))}
    assert lines[rules.NEW_ELECTION].status == rules.DONE


def test_the_vacancys_line_turns_late_when_sixty_days_pass_without_a_decision(vacancy, recognised_kp1):
    before = {line.key: line for line in election_checklist(recognised_kp1, dt.date(2025, 5, 2))}
    after = {line.key: line for line in election_checklist(recognised_kp1, dt.date(2025, 5, 3))}
    assert before[rules.NEW_ELECTION].status == rules.DUE
    assert after[rules.NEW_ELECTION].status == rules.LATE


def test_the_vacancy_page_offers_only_the_decisions_that_can_be_taken(vacancy, personas, client):
    client.force_login(personas.p22_ubnd)
    url = reverse("elections:vacancy_detail", args=[vacancy.pk])
    page = client.get(url).content.decode()
    assert "Cử Trưởng khu phố lâm thời" in page and "Quyết định tổ chức bầu" in page
    vacancies.new_election_decide(by=personas.p22_ubnd, vacancy=vacancy, decided_on=dt.date(2025, 3, 20))
    page = client.get(url).content.decode()
    assert "Quyết định tổ chức bầu</button>" not in page
    # The ward Front reads the page but decides nothing on it.
    client.force_login(personas.p22_mttq)
    page = client.get(url).content.decode()
    assert "Cử Trưởng khu phố lâm thời</button>" not in page


def test_the_new_heads_election_leaves_the_terms_progress_figures_as_they_were(vacancy, hcm_map, personas):
    from reporting.progress import progress

    today = dt.date(2025, 3, 25)
    before = progress(hcm_map.p22, today).total
    vacancies.new_election_decide(by=personas.p22_ubnd, vacancy=vacancy, decided_on=dt.date(2025, 3, 20))
    after = progress(hcm_map.p22, today).total
    assert (after.stages, after.total, after.households) == (before.stages, before.total, before.households)
    assert after.stages[Stage.RECOGNISED] == 1


def test_the_new_heads_election_drafts_its_preparation_papers_as_any_election(
    vacancy, personas, django_capture_on_commit_callbacks
):
    from elections.documents import DECISION_TO_HOLD, MEETING_INVITATION, TEAM_DECISION

    decision = vacancies.new_election_decide(
        by=personas.p22_ubnd,
        vacancy=vacancy,
        decided_on=dt.date(2025, 3, 20),
        meeting_date=dt.date(2025, 4, 20),
    )
    for kind in (DECISION_TO_HOLD, TEAM_DECISION, MEETING_INVITATION):
        text = text_of(draft(kind, decision.election, django_capture_on_commit_callbacks))
        assert "Khu phố 1" in text
