import datetime as dt

from elections import rules

MEETING = dt.date(2024, 10, 27)


def test_head_candidate_turning_21_on_meeting_day_is_eligible():
    assert rules.head_candidate_problems(dt.date(2003, 10, 27), MEETING, True) == []


def test_head_candidate_one_day_short_of_21_is_refused():
    (problem,) = rules.head_candidate_problems(dt.date(2003, 10, 28), MEETING, True)
    assert "Chưa đủ 21 tuổi vào ngày họp 27/10/2024 (20 tuổi)" in problem


def test_born_on_29_february():
    assert rules.age_on(dt.date(2000, 2, 29), dt.date(2021, 2, 28)) == 20
    assert rules.age_on(dt.date(2000, 2, 29), dt.date(2021, 3, 1)) == 21


def test_head_candidate_must_live_in_the_khu_pho():
    assert "Không cư trú tại khu phố" in rules.head_candidate_problems(dt.date(1970, 1, 1), MEETING, False)[0]


def test_ward_civil_servant_cannot_join_the_inspection_board():
    (problem,) = rules.inspection_board_candidate_problems(True, True, False)
    assert "cán bộ, công chức" in problem and "Điều 37" in problem


def test_neighbourhood_head_and_part_time_workers_cannot_join_the_inspection_board():
    assert rules.inspection_board_candidate_problems(True, False, False, is_neighborhood_head=True)
    assert rules.inspection_board_candidate_problems(True, False, True)
    assert rules.inspection_board_candidate_problems(False, False, False)
    assert rules.inspection_board_candidate_problems(True, False, False) == []


def test_candidates_cannot_sit_on_the_election_team_and_its_head_represents_the_front():
    assert "Người ứng cử không được" in rules.team_member_problems(True, "member", "household")[0]
    assert "Tổ trưởng Tổ bầu cử phải là đại diện" in rules.team_member_problems(False, "head", "household")[0]
    assert rules.team_member_problems(False, "head", "front_committee") == []
