from decimal import Decimal

import pytest

from elections import rules


def test_156_of_310_households_elects():
    outcome = rules.election_outcome(310, {"an": 156, "binh": 40})
    assert outcome.elected == "an" and not outcome.tie
    assert outcome.reason == "156/310 hộ = 50,3 % > 50 % — trúng cử (Luật 10/2022/QH15, Điều 21.1)."


def test_155_of_310_households_does_not_elect_even_with_full_turnout():
    outcome = rules.election_outcome(310, {"an": 155})
    assert outcome.elected is None
    assert "không quá 50 % tổng số hộ (cần 156)" in outcome.reason


def test_exactly_half_of_an_even_number_of_households_does_not_elect():
    assert rules.election_outcome(4, {"an": 2}).elected is None
    assert rules.election_outcome(4, {"an": 3}).elected == "an"


def test_the_threshold_is_of_all_households_not_of_those_present():
    # 200 households present out of 310, 150 approve: 75 % of those present but not > 50 % of all.
    assert rules.election_outcome(310, {"an": 150}).elected is None


def test_exact_tie_above_threshold_elects_no_one_and_is_flagged():
    outcome = rules.election_outcome(310, {"an": 160, "binh": 160})
    assert outcome.elected is None and outcome.tie
    assert "UBND phường" in outcome.reason


def test_tie_below_threshold_explains_the_threshold():
    outcome = rules.election_outcome(310, {"an": 100, "binh": 100})
    assert outcome.elected is None
    assert "cần 156" in outcome.reason


def test_highest_of_several_above_threshold_wins():
    assert rules.election_outcome(100, {"an": 70, "binh": 60}).elected == "an"


def test_no_candidates_or_no_households_elects_no_one():
    assert rules.election_outcome(310, {}).elected is None
    assert rules.election_outcome(0, {"an": 0}).elected is None


@pytest.mark.parametrize("approvals", [{"an": -1}, {"an": 311}])
def test_impossible_counts_are_refused(approvals):
    with pytest.raises(ValueError):
        rules.election_outcome(310, approvals)


def test_more_than_half_is_integer_exact():
    assert rules.more_than_half(156, 310)
    assert not rules.more_than_half(155, 310)
    assert not rules.more_than_half(0, 0)
    assert rules.votes_needed(310) == 156 and rules.votes_needed(311) == 156


def test_quorum_meter_says_plainly_when_no_one_can_be_elected():
    status = rules.quorum(155, 310)
    assert not status.can_elect and status.needed == 156
    assert "không ai có thể trúng cử" in status.message and "phiếu tại hộ gia đình" in status.message
    assert rules.quorum(156, 310).can_elect
    assert rules.quorum(156, 310).percent == Decimal("50.3")


def test_procedure_votes_need_more_than_half_of_those_present():
    assert rules.motion_passes(101, 200) and not rules.motion_passes(100, 200)


@pytest.mark.parametrize(("khu_pho", "seats"), [(26, (26, 26)), (5, (5, 5)), (3, (3, 5))])
def test_inspection_board_seats(khu_pho, seats):
    seat_range = rules.inspection_board_seats(khu_pho)
    assert (seat_range.minimum, seat_range.maximum) == seats


def test_counting_board_and_household_ballot_team_sizes():
    assert rules.counting_board_problems(3) == [] and rules.counting_board_problems(5) == []
    assert "từ 3 đến 5" in rules.counting_board_problems(2)[0]
    assert rules.household_ballot_team_problems(6)
