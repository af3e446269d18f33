"""The three rules of the years between elections, at their edges (NĐ 59/2023 Art. 9;
Luật 10/2022/QH15 Art. 36.2)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from elections import rules


def test_a_petition_of_exactly_half_of_all_households_suffices():
    assert rules.dismissal_petition_sufficient(400, 200)


def test_a_petition_one_household_short_of_half_does_not_suffice():
    assert not rules.dismissal_petition_sufficient(401, 200)


def test_a_petition_of_half_of_an_odd_number_rounds_up():
    assert rules.dismissal_petition_sufficient(401, 201)
    assert not rules.dismissal_petition_sufficient(3, 1)
    assert rules.dismissal_petition_sufficient(3, 2)


def test_a_petition_signed_by_every_household_suffices():
    assert rules.dismissal_petition_sufficient(150, 150)


def test_a_petition_with_more_signers_than_households_is_refused_as_impossible():
    with pytest.raises(ValidationError) as refused:
        rules.dismissal_petition_sufficient(400, 401)
    assert refused.value.code == "impossible_count"


def test_a_petition_of_a_khu_pho_without_households_is_refused_as_impossible():
    with pytest.raises(ValidationError):
        rules.dismissal_petition_sufficient(0, 0)


def test_the_petition_problem_names_the_share_the_count_and_the_article():
    (problem,) = rules.dismissal_petition_problems(401, 200)
    assert "ít nhất 50%" in problem
    assert "201/401" in problem
    assert "Điều 9.1.b" in problem
    assert rules.dismissal_petition_problems(400, 200) == []


def test_the_new_election_is_due_sixty_calendar_days_after_the_recognition():
    assert rules.new_election_due(dt.date(2025, 3, 3)) == dt.date(2025, 5, 2)


def test_the_new_election_deadline_runs_across_the_new_year_and_holidays_unchanged():
    # Calendar days: Tết does not move it.
    assert rules.new_election_due(dt.date(2025, 12, 20)) == dt.date(2026, 2, 18)


def test_the_new_election_deadline_item_cites_article_9_3():
    item = rules.new_election_deadline_item(dt.date(2025, 3, 3))
    assert item.due == dt.date(2025, 5, 2)
    assert "Điều 9.3" in item.basis


def test_a_board_vacancy_with_exactly_six_months_left_requires_a_by_election():
    assert rules.by_election_required(dt.date(2029, 10, 30), dt.date(2029, 4, 30))


def test_a_board_vacancy_one_day_short_of_six_months_needs_no_by_election():
    assert not rules.by_election_required(dt.date(2029, 10, 30), dt.date(2029, 5, 1))


def test_a_board_vacancy_from_the_last_day_of_august_counts_to_the_end_of_february():
    # 31/08 + 6 months is the last day of February: 28/02 in 2029, 29/02 in a leap year.
    assert rules.by_election_required(dt.date(2029, 2, 28), dt.date(2028, 8, 31))
    assert rules.by_election_required(dt.date(2028, 2, 29), dt.date(2027, 8, 31))
    assert not rules.by_election_required(dt.date(2029, 2, 27), dt.date(2028, 8, 31))


def test_a_board_vacancy_early_in_the_term_requires_a_by_election():
    assert rules.by_election_required(dt.date(2029, 10, 31), dt.date(2025, 1, 15))


def test_a_board_vacancy_after_the_term_ended_is_refused_as_impossible():
    with pytest.raises(ValidationError) as refused:
        rules.by_election_required(dt.date(2029, 10, 31), dt.date(2029, 11, 1))
    assert refused.value.code == "impossible_date"


def test_a_term_ends_on_the_completion_deadline_five_years_on():
    assert rules.term_end_date(dt.date(2024, 10, 31), 2024, 2029) == dt.date(2029, 10, 31)
    assert rules.term_end_date(dt.date(2024, 2, 29), 2024, 2029) == dt.date(2029, 2, 28)
