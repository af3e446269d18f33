"""The rules of recognition per post, the ward's other answers and the interim head's agreement."""

import datetime as dt

from elections import rules


def test_board_member_recognition_is_due_five_working_days_after_the_fronts_receipt():
    # Mon 11/11/2024 + 5 working days = Mon 18/11/2024.
    item = rules.board_member_recognition_deadline_item(dt.date(2024, 11, 11), dt.date(2024, 11, 10))
    assert item.key == "board_recognition" and item.due == dt.date(2024, 11, 18)
    assert "Điều 21.2, Điều 40.2.b" in item.basis and "chưa ghi ngày nhận" not in item.basis


def test_board_member_recognition_before_receipt_runs_from_the_day_the_decision_is_due():
    # Sitting Sun 27/10/2024; form 03 due Fri 01/11 (5 working days); recognition by Fri 08/11.
    item = rules.board_member_recognition_deadline_item(None, dt.date(2024, 10, 27))
    assert item.due == dt.date(2024, 11, 8)
    assert "chưa ghi ngày nhận" in item.basis


def test_board_member_recognition_window_follows_the_plans_setting():
    settings = rules.RuleSettings.from_overrides({"recognition_working_days": 3})
    item = rules.board_member_recognition_deadline_item(
        dt.date(2024, 11, 11), dt.date(2024, 11, 10), settings
    )
    assert item.due == dt.date(2024, 11, 14) and "trong 3 ngày làm việc" in item.basis


def test_a_decision_contrary_to_the_law_is_annulled():
    assert rules.community_decision_action_problems(rules.CONTRARY_TO_LAW, rules.ANNUL) == []


def test_a_decision_contrary_to_the_law_cannot_be_sent_back_for_amendment():
    (problem,) = rules.community_decision_action_problems(rules.CONTRARY_TO_LAW, rules.REQUEST_AMENDMENT)
    assert "bãi bỏ, không đề nghị sửa đổi" in problem


def test_an_irregular_procedure_is_annulled_or_sent_back_for_amendment():
    for action in (rules.ANNUL, rules.REQUEST_AMENDMENT):
        assert rules.community_decision_action_problems(rules.IRREGULAR_PROCEDURE, action) == []


def test_the_ward_acts_on_a_community_decision_only_on_a_ground_of_the_law():
    (problem,) = rules.community_decision_action_problems("", rules.ANNUL)
    assert "Điều 22.1.a" in problem and "Điều 22.1.b" in problem


def test_interim_head_agreement_on_the_decision_day_is_accepted():
    day = dt.date(2024, 11, 20)
    assert rules.front_agreement_problems(day, "Phạm Thị Mặt Trận", day) == []


def test_interim_head_agreement_after_the_decision_is_refused():
    (problem,) = rules.front_agreement_problems(
        dt.date(2024, 11, 21), "Phạm Thị Mặt Trận", dt.date(2024, 11, 20)
    )
    assert "21/11/2024" in problem and "không được sau ngày quyết định (20/11/2024)" in problem


def test_interim_head_without_the_fronts_agreement_is_refused():
    problems = rules.front_agreement_problems(None, "  ", dt.date(2024, 11, 20))
    assert len(problems) == 2 and all("Điều 9.3" in p for p in problems)


def test_the_re_run_window_is_a_plan_setting_shown_with_its_basis():
    settings = rules.RuleSettings.from_overrides({"rerun_window_days": 30})
    item = rules.rerun_deadline_item(dt.date(2024, 10, 27), settings)
    assert item.due == dt.date(2024, 11, 26)
    assert "Điều 8 không quy định thời hạn; mặc định 30 ngày" in item.basis
