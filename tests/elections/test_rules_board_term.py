"""The legal tests of a board member let go and of the by-election (Luật Art. 36.2)."""

import datetime as dt

from elections import rules

TERM_ENDS = dt.date(2029, 10, 31)


def test_a_seat_vacant_with_six_months_or_more_left_has_no_problem():
    assert rules.by_election_problems(TERM_ENDS, dt.date(2029, 4, 30)) == []


def test_a_seat_vacant_with_less_than_six_months_left_is_not_filled_and_the_article_is_cited():
    (problem,) = rules.by_election_problems(TERM_ENDS, dt.date(2029, 5, 1))
    assert "khuyết từ ngày 01/05/2029" in problem and "kết thúc ngày 31/10/2029" in problem
    assert "dưới 6 tháng" in problem and "(Luật 10/2022/QH15, Điều 36.2)" in problem


def test_a_seat_vacant_after_the_term_has_no_by_election():
    assert rules.by_election_problems(TERM_ENDS, dt.date(2029, 11, 2))


def test_more_than_half_of_all_households_lets_a_member_go():
    assert rules.board_release_agreed(10, 6)
    assert not rules.board_release_agreed(10, 5)
    assert not rules.board_release_agreed(0, 0)


def test_the_release_is_worded_as_a_release():
    assert rules.board_release_outcome_reason(10, 7) == (
        "7/10 hộ = 70,0\xa0% > 50 % — đồng ý cho thôi làm thành viên Ban Thanh tra nhân dân "
        "(Luật 10/2022/QH15, Điều 21.1, 36.2)."
    )
    assert "không cho thôi" in rules.board_release_outcome_reason(10, 5)
    assert "(cần 6)" in rules.board_release_outcome_reason(10, 5)
