"""The inspection board's own meeting and its seats per khu phố (Luật Art. 36.1, 40.2.b;
NĐ 59 Art. 12.3, 13.2–13.3)."""

import pytest
from django.core.exceptions import ValidationError

from elections import rules


def test_the_board_meeting_needs_more_than_half_of_its_members():
    assert rules.board_meeting_quorum(14, 26)
    assert not rules.board_meeting_quorum(13, 26)
    assert rules.board_meeting_quorum(3, 5) and not rules.board_meeting_quorum(2, 5)


def test_the_board_meeting_at_exactly_half_cannot_elect_and_says_why():
    (problem,) = rules.board_meeting_quorum_problems(13, 26)
    assert "13/26" in problem and "NĐ 59/2023, Điều 12.3" in problem
    assert rules.board_meeting_quorum_problems(14, 26) == []


def test_a_board_without_members_has_no_quorum():
    assert not rules.board_meeting_quorum(0, 0)


@pytest.mark.parametrize(("present", "members"), [(-1, 5), (6, 5), (0, -1)])
def test_an_impossible_attendance_is_refused(present, members):
    with pytest.raises(ValidationError) as error:
        rules.board_meeting_quorum(present, members)
    assert error.value.code == "impossible_count"


def test_an_officer_is_elected_with_more_than_half_of_all_members_not_of_those_present():
    assert rules.board_officer_elected(14, 26)
    assert not rules.board_officer_elected(13, 26)
    # 14 present, 13 of them vote for: a majority of the room, not of the board.
    (problem,) = rules.board_officer_vote_problems("Trưởng ban", "Lê Thị A", 13, 14, 26)
    assert "13/26" in problem and "chưa trúng cử" in problem and "Điều 40.2.b" in problem
    assert rules.board_officer_vote_problems("Trưởng ban", "Lê Thị A", 14, 14, 26) == []


@pytest.mark.parametrize("votes", [-1, 15])
def test_an_officer_cannot_get_more_votes_than_members_present_or_fewer_than_none(votes):
    (problem,) = rules.board_officer_vote_problems("Phó Trưởng ban", "Lê Thị B", votes, 14, 26)
    assert "từ 0 đến số thành viên có mặt (14)" in problem


def test_four_khu_pho_one_of_which_elects_two():
    seats = {"Khu phố 1": 2, "Khu phố 2": 1, "Khu phố 3": 1, "Khu phố 4": 1}
    assert rules.board_seat_allocation_problems(seats) == []


def test_four_khu_pho_electing_one_each_are_one_short():
    (problem,) = rules.board_seat_allocation_problems({f"Khu phố {n}": 1 for n in range(1, 5)})
    assert "Tổng số thành viên các khu phố bầu là 4, phải đúng 5" in problem and "Điều 13.2" in problem


def test_every_khu_pho_elects_at_least_one():
    problems = rules.board_seat_allocation_problems({"Khu phố 1": 4, "Khu phố 2": 0, "Khu phố 3": 1})
    assert any("Khu phố 2 phải bầu ít nhất 1" in p for p in problems)


def test_a_ward_of_five_or_more_khu_pho_elects_one_each():
    assert rules.board_seat_allocation_problems({f"Khu phố {n}": 1 for n in range(1, 27)}) == []
    two = {f"Khu phố {n}": 1 for n in range(1, 27)} | {"Khu phố 1": 2}
    assert rules.board_seat_allocation_problems(two)


def test_the_allocation_follows_the_plans_floor():
    settings = rules.RuleSettings.from_overrides({"inspection_board_min_members": 7})
    assert rules.board_seat_allocation_problems({"Khu phố 1": 4, "Khu phố 2": 3}, settings) == []


def test_two_seats_elect_the_two_above_half_of_all_households():
    outcome = rules.seats_outcome(300, {"a": 200, "b": 151, "c": 150}, 2)
    assert outcome.elected == ["a", "b"] and not outcome.undecided and outcome.threshold == 151


def test_two_seats_with_three_above_half_elect_the_top_two():
    outcome = rules.seats_outcome(300, {"a": 200, "b": 190, "c": 180}, 2)
    assert outcome.elected == ["a", "b"] and not outcome.undecided


def test_two_seats_with_one_above_half_leave_one_seat_empty():
    outcome = rules.seats_outcome(300, {"a": 200, "b": 150}, 2)
    assert outcome.elected == ["a"] and not outcome.undecided and "1/2" in outcome.reason


def test_a_tie_for_the_last_seat_is_not_decided():
    outcome = rules.seats_outcome(300, {"a": 200, "b": 180, "c": 180}, 2)
    assert outcome.elected == ["a"] and outcome.undecided and "chưa quyết định" in outcome.reason


def test_a_tie_above_half_for_two_seats_elects_both():
    outcome = rules.seats_outcome(300, {"a": 180, "b": 180}, 2)
    assert sorted(outcome.elected) == ["a", "b"] and not outcome.undecided


def test_one_seat_by_seats_outcome_is_the_one_seat_rule():
    assert rules.seats_outcome(310, {"a": 156, "b": 155}, 1).elected == ["a"]
    assert rules.seats_outcome(310, {"a": 155}, 1).elected == []


def test_a_contest_without_seats_cannot_be_counted():
    with pytest.raises(ValidationError):
        rules.seats_outcome(300, {"a": 200}, 0)
