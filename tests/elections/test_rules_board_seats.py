"""The people's inspection board's seats (Luật Art. 36.1; NĐ 59 Art. 13.2)."""

import pytest
from django.core.exceptions import ValidationError

from elections import rules


@pytest.mark.parametrize(("khu_pho", "seats"), [(1, 5), (4, 5), (5, 5), (6, 6), (26, 26)])
def test_one_seat_per_khu_pho_and_exactly_five_below_five(khu_pho, seats):
    assert rules.inspection_board_seats(khu_pho) == seats


def test_a_ward_without_khu_pho_has_no_seat_to_fill():
    assert rules.inspection_board_seats(0) == 0
    assert "chưa có khu phố nào" in rules.inspection_board_seats_basis(0)


def test_a_negative_count_of_khu_pho_cannot_be():
    with pytest.raises(ValidationError) as error:
        rules.inspection_board_seats(-1)
    assert error.value.code == "impossible_count"


def test_the_floor_follows_the_plan_setting():
    settings = rules.RuleSettings.from_overrides({"inspection_board_min_members": 7})
    assert rules.inspection_board_seats(4, settings) == 7
    assert rules.inspection_board_seats(26, settings) == 26


def test_the_basis_names_its_articles():
    assert "Luật 10/2022/QH15, Điều 36.1" in rules.inspection_board_seats_basis(26)
    below = rules.inspection_board_seats_basis(4)
    assert "ít hơn 5: bầu đủ 5 thành viên, không quá 5" in below and "NĐ 59/2023, Điều 13.2" in below


def test_four_khu_pho_recognise_exactly_five_members():
    assert rules.inspection_board_size_problems(5, 4) == []
    (problem,) = rules.inspection_board_size_problems(4, 4)
    assert "phải có đúng 5 thành viên, không phải 4" in problem
    assert rules.inspection_board_size_problems(26, 26) == []
    assert rules.inspection_board_size_problems(25, 26)
