"""When the household-ballot route is open (Luật Art. 19.1.b; NĐ 59 Art. 4.1.b)."""

import pytest
from django.core.exceptions import ValidationError

from elections import rules


def test_half_of_310_present_allows_household_ballots():
    assert rules.household_ballot_allowed(310, 155)
    assert rules.household_ballot_problems(310, 155) == []


def test_one_more_than_half_of_310_present_refuses_household_ballots():
    assert not rules.household_ballot_allowed(310, 156)
    (problem,) = rules.household_ballot_problems(310, 156)
    assert "156/310 hộ tham dự, quá 50 % tổng số hộ" in problem
    assert "chỉ có thể bầu lại" in problem
    assert "Luật 10/2022/QH15, Điều 19.1.b; NĐ 59/2023, Điều 4.1.b" in problem


def test_nobody_present_allows_household_ballots():
    assert rules.household_ballot_allowed(310, 0)


def test_odd_total_half_rounded_down_is_still_allowed():
    assert rules.household_ballot_allowed(311, 155)
    assert not rules.household_ballot_allowed(311, 156)


def test_a_khu_pho_without_households_has_no_ballot_to_hand_out():
    assert not rules.household_ballot_allowed(0, 0)
    (problem,) = rules.household_ballot_problems(0, 0)
    assert "chưa có hộ gia đình nào" in problem and "Điều 19.1.b" in problem


@pytest.mark.parametrize(("total", "present"), [(10, 11), (10, -1), (-1, 0)])
def test_impossible_attendance_is_refused(total, present):
    with pytest.raises(ValidationError) as error:
        rules.household_ballot_allowed(total, present)
    assert error.value.code == "impossible_count"
