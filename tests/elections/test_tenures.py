"""Who holds each post: the recognitions begin tenures, an ending opens a vacancy, the next
holder fills it, and the dashboards count what stays open (issue 14)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from elections.models import OfficePost, Stage, Tenure, TenureEnd, TenureKind, Vacancy
from elections.selectors import tenures as tenure_selectors
from elections.services import tenures


def test_recognising_the_head_and_the_board_member_begins_their_tenures(recognised_kp1, hcm_map):
    head = tenure_selectors.serving_head(hcm_map.kp1)
    assert recognised_kp1.stage == Stage.RECOGNISED
    assert (head.full_name, head.kind, head.started_on) == (
        "Nguyễn Văn head",
        TenureKind.ELECTED,
        dt.date(2024, 11, 4),
    )
    assert head.term_ends_on == tenure_selectors.term_ends_on(recognised_kp1.plan)
    assert head.start_decision.kind == "recognise_head"
    (member,) = tenure_selectors.serving(hcm_map.kp1, OfficePost.BOARD_MEMBER)
    assert member.full_name == "Nguyễn Văn inspection_board"
    assert member.start_decision.kind == "recognise_board_member"


def test_a_head_who_resigns_leaves_a_vacancy_due_sixty_days_after_the_recognition(
    recognised_kp1, hcm_map, personas
):
    head = tenure_selectors.serving_head(hcm_map.kp1)
    vacancy = tenures.tenure_end(
        by=personas.p22_ubnd,
        tenure=head,
        ended_on=dt.date(2025, 3, 3),
        reason=TenureEnd.RESIGNED,
        due_on=dt.date(2025, 5, 2),
    )
    assert tenure_selectors.serving_head(hcm_map.kp1) is None
    assert (vacancy.post, vacancy.vacant_from, vacancy.due_on, vacancy.left) == (
        OfficePost.HEAD,
        dt.date(2025, 3, 3),
        dt.date(2025, 5, 2),
        head,
    )
    assert list(tenure_selectors.open_vacancies(hcm_map.p22)) == [vacancy]


def test_an_interim_head_stands_in_without_filling_the_vacancy_and_gives_way_to_the_elected_one(
    recognised_kp1, hcm_map, personas
):
    ward = personas.p22_ubnd
    head = tenure_selectors.serving_head(hcm_map.kp1)
    end = {"by": ward, "ended_on": dt.date(2025, 3, 3), "reason": TenureEnd.RESIGNED}
    vacancy = tenures.tenure_end(tenure=head, due_on=dt.date(2025, 5, 2), **end)
    common = {
        "by": ward,
        "neighborhood": hcm_map.kp1,
        "post": OfficePost.HEAD,
        "term_ends_on": head.term_ends_on,
    }
    interim = tenures.tenure_begin(
        kind=TenureKind.INTERIM, full_name="Lê Văn Tạm", started_on=dt.date(2025, 3, 5), **common
    )
    vacancy.refresh_from_db()
    assert vacancy.open and tenure_selectors.serving_head(hcm_map.kp1) == interim
    elected = tenures.tenure_begin(
        kind=TenureKind.ELECTED, full_name="Phạm Thị Mới", started_on=dt.date(2025, 4, 20), **common
    )
    interim.refresh_from_db()
    vacancy.refresh_from_db()
    assert (interim.ended_on, interim.end_reason) == (dt.date(2025, 4, 20), TenureEnd.SUCCEEDED)
    assert (vacancy.filled_on, vacancy.filled_by) == (dt.date(2025, 4, 20), elected)
    assert [t.full_name for t in tenure_selectors.history(hcm_map.kp1) if t.post == OfficePost.HEAD] == [
        "Nguyễn Văn head",
        "Lê Văn Tạm",
        "Phạm Thị Mới",
    ]


def test_a_second_head_in_the_same_term_is_refused_while_the_first_serves(recognised_kp1, hcm_map, personas):
    head = tenure_selectors.serving_head(hcm_map.kp1)
    with pytest.raises(ValidationError) as refused:
        tenures.tenure_begin(
            by=personas.p22_ubnd,
            neighborhood=hcm_map.kp1,
            post=OfficePost.HEAD,
            kind=TenureKind.ELECTED,
            full_name="Người Khác",
            started_on=dt.date(2025, 1, 2),
            term_ends_on=head.term_ends_on,
            election=recognised_kp1,
        )
    assert refused.value.code == "post_held"
    assert Tenure.objects.filter(neighborhood=hcm_map.kp1, post=OfficePost.HEAD).count() == 1


def test_a_tenure_ends_once(recognised_kp1, hcm_map, personas):
    head = tenure_selectors.serving_head(hcm_map.kp1)
    end = {
        "by": personas.p22_ubnd,
        "tenure": head,
        "ended_on": dt.date(2025, 3, 3),
        "reason": TenureEnd.RESIGNED,
    }
    tenures.tenure_end(**end)
    with pytest.raises(ValidationError) as refused:
        tenures.tenure_end(**end)
    assert refused.value.code == "already_ended"
    assert Vacancy.objects.count() == 1


def test_a_board_member_leaving_early_in_the_term_leaves_a_seat_for_a_by_election(
    recognised_kp1, hcm_map, personas
):
    (member,) = tenure_selectors.serving(hcm_map.kp1, OfficePost.BOARD_MEMBER)
    vacancy = tenures.tenure_end(
        by=personas.p22_mttq, tenure=member, ended_on=dt.date(2026, 6, 1), reason=TenureEnd.RELEASED
    )
    assert vacancy.by_election_required


def test_a_board_member_leaving_in_the_last_months_leaves_a_seat_without_a_by_election(
    recognised_kp1, hcm_map, personas
):
    (member,) = tenure_selectors.serving(hcm_map.kp1, OfficePost.BOARD_MEMBER)
    last_months = member.term_ends_on - dt.timedelta(days=90)
    vacancy = tenures.tenure_end(
        by=personas.p22_mttq, tenure=member, ended_on=last_months, reason=TenureEnd.RESIGNED
    )
    assert not vacancy.by_election_required


def test_the_dashboard_figures_count_vacancies_overdue_new_elections_and_interim_heads(
    recognised_kp1, hcm_map, personas
):
    head = tenure_selectors.serving_head(hcm_map.kp1)
    tenures.tenure_end(
        by=personas.p22_ubnd,
        tenure=head,
        ended_on=dt.date(2025, 3, 3),
        reason=TenureEnd.DISMISSED,
        due_on=dt.date(2025, 5, 2),
    )
    tenures.tenure_begin(
        by=personas.p22_ubnd,
        neighborhood=hcm_map.kp1,
        post=OfficePost.HEAD,
        kind=TenureKind.INTERIM,
        full_name="Lê Văn Tạm",
        started_on=dt.date(2025, 3, 5),
        term_ends_on=head.term_ends_on,
    )
    before_due = tenure_selectors.term_figures(hcm_map.binh_thanh, dt.date(2025, 5, 2))[hcm_map.p22.pk]
    after_due = tenure_selectors.term_figures(hcm_map.binh_thanh, dt.date(2025, 5, 3))[hcm_map.p22.pk]
    assert (before_due.vacancies, before_due.overdue, before_due.interim_heads) == (1, 0, 1)
    assert (after_due.vacancies, after_due.overdue, after_due.interim_heads) == (1, 1, 1)
    by_khu_pho = tenure_selectors.term_figures(hcm_map.p22, dt.date(2025, 5, 3))
    assert by_khu_pho[hcm_map.kp1.pk].overdue == 1
    by_district = tenure_selectors.term_figures(hcm_map.hcm, dt.date(2025, 5, 3))
    assert sum(row.vacancies for row in by_district.values()) == 1


def test_a_vacancy_keeps_its_reason_in_vietnamese_when_an_official_reads_english(
    recognised_kp1, hcm_map, personas
):
    from django.utils import translation

    head = tenure_selectors.serving_head(hcm_map.kp1)
    with translation.override("en"):
        vacancy = tenures.tenure_end(
            by=personas.p22_ubnd, tenure=head, ended_on=dt.date(2025, 3, 3), reason=TenureEnd.RESIGNED
        )
    assert vacancy.reason == "Xin thôi"
