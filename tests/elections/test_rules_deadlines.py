import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from elections import rules

D = dt.date


def test_five_working_days_from_24_01_2025_skip_tet():
    assert rules.working_days_after(D(2025, 1, 24), 5) == D(2025, 2, 7)


def test_weekends_are_not_working_days():
    assert rules.working_days_after(D(2024, 10, 4), 1) == D(2024, 10, 7)  # Friday → Monday


def test_a_swapped_working_saturday_counts():
    # 04/05/2024 was worked in exchange for the day off on 29/04/2024.
    assert rules.is_working_day(D(2024, 5, 4))
    assert not rules.is_working_day(D(2024, 4, 29))
    assert rules.working_days_after(D(2024, 5, 3), 1) == D(2024, 5, 4)


def test_national_day_and_reunification_day_are_skipped():
    assert rules.working_days_after(D(2024, 8, 30), 1) == D(2024, 9, 4)
    assert rules.working_days_after(D(2025, 4, 29), 1) == D(2025, 5, 5)


def test_working_days_before_is_the_mirror():
    assert rules.working_days_before(D(2025, 2, 7), 5) == D(2025, 1, 24)


def by_key(items):
    return {item.key: item for item in items}


def test_deadlines_before_the_meeting_count_calendar_days():
    items = by_key(rules.deadlines(D(2024, 10, 30)))
    assert items["plan"].due == D(2024, 10, 10)
    assert items["candidate_list_minutes"].due == D(2024, 10, 15)
    assert items["team_decision"].due == D(2024, 10, 20)
    assert items["posting"].due == D(2024, 10, 23)
    assert items["meeting_notice"].due == D(2024, 10, 28)


def test_the_community_decision_is_due_five_working_days_after_the_meeting():
    items = by_key(rules.deadlines(D(2024, 10, 27)))  # a Sunday meeting
    assert items["community_decision"].due == D(2024, 11, 1)
    assert "recognition" not in items


def test_recognition_runs_from_the_day_the_decision_is_received():
    items = by_key(rules.deadlines(D(2025, 1, 19), received_on=D(2025, 1, 24)))
    assert items["recognition"].due == D(2025, 2, 7)


def test_every_deadline_cites_its_article():
    for item in rules.deadlines(D(2024, 10, 30), received_on=D(2024, 11, 1)):
        assert "Điều" in item.basis and ("NĐ 59/2023" in item.basis or "Luật" in item.basis)
    assert set(by_key(rules.deadlines(D(2024, 10, 30), D(2024, 11, 1)))) == {
        "plan",
        "team_decision",
        "posting",
        "candidate_list_minutes",
        "meeting_notice",
        "community_decision",
        "recognition",
    }


def test_a_plan_may_override_a_number():
    settings = rules.RuleSettings.from_overrides({"plan_days": 30})
    assert by_key(rules.deadlines(D(2024, 10, 30), settings=settings))["plan"].due == D(2024, 9, 30)
    assert "30 ngày" in by_key(rules.deadlines(D(2024, 10, 30), settings=settings))["plan"].basis


@pytest.mark.parametrize("overrides", [{"no_such_rule": 1}, {"plan_days": -1}, {"plan_days": "20"}])
def test_bad_overrides_are_refused(overrides):
    with pytest.raises(ValidationError):
        rules.RuleSettings.from_overrides(overrides)


@pytest.mark.parametrize(
    ("done_on", "today", "status"),
    [
        (D(2024, 10, 10), D(2024, 10, 30), rules.DONE),
        (D(2024, 10, 11), D(2024, 10, 30), rules.DONE_LATE),
        (None, D(2024, 10, 10), rules.DUE),
        (None, D(2024, 10, 11), rules.LATE),
    ],
)
def test_deadline_status(done_on, today, status):
    plan = by_key(rules.deadlines(D(2024, 10, 30)))["plan"]
    assert rules.deadline_status(plan, done_on, today) == status


def test_a_rerun_is_due_within_the_configurable_window():
    assert rules.rerun_deadline(D(2024, 10, 27)) == D(2024, 11, 11)
    settings = rules.RuleSettings.from_overrides({"rerun_window_days": 30})
    assert rules.rerun_deadline(D(2024, 10, 27), settings) == D(2024, 11, 26)
