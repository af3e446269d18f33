"""One post per person in an election; the head's permanent residence (Luật Art. 37.2; TT 04 Art. 11)."""

import datetime as dt

from elections import rules

MEETING = dt.date(2024, 10, 27)


def test_a_head_candidate_already_on_the_board_list_is_refused():
    (problem,) = rules.other_post_problems(standing_for_head=True, stands_for_the_other_post=True)
    assert "đã ứng cử thành viên Ban Thanh tra nhân dân" in problem and "Điều 37.2" in problem


def test_a_board_candidate_already_standing_for_head_is_refused():
    (problem,) = rules.other_post_problems(standing_for_head=False, stands_for_the_other_post=True)
    assert "đã ứng cử Trưởng khu phố" in problem and "Luật 10/2022/QH15, Điều 37.2" in problem


def test_one_post_only_is_accepted():
    assert rules.other_post_problems(True, False) == []
    assert rules.other_post_problems(False, False) == []


def test_a_head_candidate_without_permanent_residence_is_refused():
    (problem,) = rules.head_candidate_problems(dt.date(1970, 1, 1), MEETING, True, permanent_resident=False)
    assert problem == "Không đăng ký thường trú tại khu phố (Thông tư 04/2012/TT-BNV, Điều 11)."


def test_a_permanent_resident_living_elsewhere_is_refused_too():
    problems = rules.head_candidate_problems(dt.date(1970, 1, 1), MEETING, False, permanent_resident=True)
    assert problems == ["Không cư trú tại khu phố (Thông tư 04/2012/TT-BNV, Điều 11)."]


def test_both_residence_facts_missing_gives_both_reasons():
    assert (
        len(rules.head_candidate_problems(dt.date(1970, 1, 1), MEETING, False, permanent_resident=False)) == 2
    )
