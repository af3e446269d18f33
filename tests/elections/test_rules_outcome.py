from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from elections import rules


def test_156_of_310_households_elects():
    outcome = rules.election_outcome(310, {"an": 156, "binh": 40})
    assert outcome.elected == "an" and not outcome.tie
    assert outcome.reason == "156/310 hộ = 50,3\u00a0% > 50 % — trúng cử (Luật 10/2022/QH15, Điều 21.1)."


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
    with pytest.raises(ValidationError) as refused:
        rules.election_outcome(310, approvals)
    assert refused.value.code == "impossible_count"


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


@pytest.mark.parametrize(("khu_pho", "seats"), [(26, 26), (5, 5), (3, 5)])
def test_inspection_board_seats(khu_pho, seats):
    # Below 5 khu phố the board has exactly 5 members (Luật Art. 36.1; NĐ 59 Art. 13.2).
    assert rules.inspection_board_seats(khu_pho) == seats


def test_counting_board_and_household_ballot_team_sizes():
    assert rules.counting_board_problems(3) == [] and rules.counting_board_problems(5) == []
    assert "từ 3 đến 5" in rules.counting_board_problems(2)[0]
    assert rules.household_ballot_team_problems(6)


def test_odd_total_needs_the_next_whole_household():
    assert rules.votes_needed(309) == 155
    assert rules.election_outcome(309, {"an": 155}).elected == "an"
    assert rules.election_outcome(309, {"an": 154}).elected is None


def test_a_khu_pho_of_one_household_needs_that_household():
    assert rules.election_outcome(1, {"an": 1}).elected == "an"
    assert rules.election_outcome(1, {"an": 0}).elected is None


def test_every_household_approving_elects():
    outcome = rules.election_outcome(310, {"an": 310})
    assert outcome.elected == "an" and "310/310 hộ = 100,0\u00a0%" in outcome.reason


def test_three_way_tie_at_the_top_elects_no_one():
    outcome = rules.election_outcome(100, {"an": 60, "binh": 60, "cuong": 60})
    assert outcome.elected is None and outcome.tie
    assert outcome.reason.startswith("3 người cùng đạt 60/100 hộ")


def test_a_tie_below_the_winner_does_not_matter():
    outcome = rules.election_outcome(100, {"an": 70, "binh": 20, "cuong": 20})
    assert outcome.elected == "an" and not outcome.tie


def test_the_outcome_names_its_ranking_highest_first():
    outcome = rules.election_outcome(100, {"binh": 20, "an": 70})
    assert outcome.ranking == [("an", 70), ("binh", 20)]
    assert outcome.threshold == 51


def test_exactly_half_present_means_no_one_can_be_elected():
    quorum = rules.quorum(5, 10)
    assert not quorum.can_elect and quorum.needed == 6
    assert rules.quorum(6, 10).can_elect


def test_nobody_present_cannot_elect_and_points_to_household_ballots():
    quorum = rules.quorum(0, 310)
    assert not quorum.can_elect and "phiếu tại hộ gia đình" in quorum.message


def test_more_present_than_households_is_refused():
    with pytest.raises(ValidationError) as refused:
        rules.quorum(11, 10)
    assert refused.value.code == "impossible_count"
