"""Meetings by residential cluster (Luật 10/2022/QH15 Art. 18.3; NĐ 59/2023 Art. 3.6)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from elections import rules


def test_cluster_meetings_refused_at_199_households_living_together():
    assert not rules.cluster_meetings_allowed(199, scattered=False)
    (problem,) = rules.cluster_meetings_problems(199, scattered=False)
    assert "199 hộ" in problem and "Điều 18.3" in problem


def test_cluster_meetings_allowed_at_exactly_200_households():
    assert rules.cluster_meetings_allowed(200, scattered=False)
    assert rules.cluster_meetings_problems(200, scattered=False) == []


def test_cluster_meetings_allowed_for_a_scattered_khu_pho_of_any_size():
    assert rules.cluster_meetings_allowed(10, scattered=True)
    assert rules.cluster_meetings_allowed(1, scattered=True)


def test_cluster_meetings_refused_for_a_khu_pho_without_households_even_scattered():
    assert not rules.cluster_meetings_allowed(0, scattered=True)


def test_cluster_meetings_refuse_a_negative_household_count():
    with pytest.raises(ValidationError) as error:
        rules.cluster_meetings_allowed(-1, scattered=True)
    assert error.value.code == "impossible_count"


def test_cluster_plan_needs_at_least_two_clusters():
    (problem,) = rules.cluster_plan_problems(1, 0, [])
    assert "ít nhất 2 cụm" in problem
    assert rules.cluster_plan_problems(2, 0, []) == []


def test_cluster_plan_refused_while_one_household_is_in_no_cluster():
    (problem,) = rules.cluster_plan_problems(3, 1, [])
    assert "Còn 1 hộ chưa thuộc cụm nào" in problem


def test_cluster_plan_names_the_clusters_lacking_a_chair_time_place_or_reporter():
    (problem,) = rules.cluster_plan_problems(2, 0, ["Cụm 2"])
    assert "Cụm 2" in problem and "Điều 3.6" in problem


def test_cluster_plan_agreement_is_required_and_may_be_approved_the_same_day():
    agreed = dt.date(2024, 10, 14)
    (missing,) = rules.cluster_plan_agreement_problems(None, "")
    assert "Chưa ghi nhận việc thống nhất phương án" in missing and "Điều 3.6" in missing
    assert rules.cluster_plan_agreement_problems(agreed, "Lê Văn Mặt Trận", agreed) == []
    (early,) = rules.cluster_plan_agreement_problems(agreed, "Lê Văn Mặt Trận", dt.date(2024, 10, 13))
    assert early.startswith("Ngày phường phê duyệt (13/10/2024) không được trước ngày thống nhất")
