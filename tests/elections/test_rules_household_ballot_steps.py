"""The household-ballot route's steps as pure rules (Luật Art. 19-20; NĐ 59 Art. 4)."""

import datetime as dt

from elections import rules

D = dt.date


def test_plan_sent_exactly_two_days_after_issue_is_on_time():
    deadline = rules.ballot_plan_sent_deadline(D(2024, 10, 28))
    assert deadline.due == D(2024, 10, 30)
    assert rules.deadline_status(deadline, D(2024, 10, 30), D(2024, 12, 1)) == rules.DONE
    assert "NĐ 59/2023, Điều 4.2" in deadline.basis


def test_plan_sent_three_days_after_issue_is_flagged_late_not_refused():
    deadline = rules.ballot_plan_sent_deadline(D(2024, 10, 28))
    assert rules.deadline_status(deadline, D(2024, 10, 31), D(2024, 12, 1)) == rules.DONE_LATE
    assert (
        rules.ballot_plan_problems(
            failed_meeting_on=D(2024, 10, 27),
            issued_on=D(2024, 10, 28),
            sent_on=D(2024, 10, 31),
            collection_ends_on=D(2024, 11, 8),
        )
        == []
    )


def test_plan_sent_before_its_issue_is_refused():
    (problem,) = rules.ballot_plan_problems(
        failed_meeting_on=D(2024, 10, 27),
        issued_on=D(2024, 10, 28),
        sent_on=D(2024, 10, 27),
        collection_ends_on=D(2024, 11, 8),
    )
    assert "trước ngày ban hành" in problem


def test_plan_issued_before_the_failed_meeting_is_refused_on_the_same_day_allowed():
    kwargs = {"sent_on": D(2024, 10, 28), "collection_ends_on": D(2024, 11, 8)}
    assert (
        rules.ballot_plan_problems(failed_meeting_on=D(2024, 10, 27), issued_on=D(2024, 10, 27), **kwargs)
        == []
    )
    (problem,) = rules.ballot_plan_problems(
        failed_meeting_on=D(2024, 10, 27),
        issued_on=D(2024, 10, 26),
        sent_on=D(2024, 10, 26),
        collection_ends_on=D(2024, 11, 8),
    )
    assert "27/10/2024" in problem


def test_collection_deadline_before_the_plan_is_refused():
    (problem,) = rules.ballot_plan_problems(
        failed_meeting_on=None,
        issued_on=D(2024, 10, 28),
        sent_on=D(2024, 10, 28),
        collection_ends_on=D(2024, 10, 27),
    )
    assert "Hạn thu phiếu" in problem


def test_team_of_two_or_six_is_refused_three_and_five_pass():
    base = {
        "leader_is_front_representative": True,
        "plan_issued_on": D(2024, 10, 28),
        "decided_on": D(2024, 10, 29),
    }
    assert rules.ballot_team_decision_problems(size=3, **base) == []
    assert rules.ballot_team_decision_problems(size=5, **base) == []
    assert "không phải 2" in rules.ballot_team_decision_problems(size=2, **base)[0]
    assert "không phải 6" in rules.ballot_team_decision_problems(size=6, **base)[0]


def test_team_led_by_someone_other_than_the_front_representative_is_refused():
    (problem,) = rules.ballot_team_decision_problems(
        size=3,
        leader_is_front_representative=False,
        plan_issued_on=D(2024, 10, 28),
        decided_on=D(2024, 10, 29),
    )
    assert "đại diện Ban công tác Mặt trận khu phố" in problem and "Điều 4.3" in problem


def test_team_decided_before_the_plan_is_refused():
    (problem,) = rules.ballot_team_decision_problems(
        size=3,
        leader_is_front_representative=True,
        plan_issued_on=D(2024, 10, 28),
        decided_on=D(2024, 10, 27),
    )
    assert "28/10/2024" in problem


def test_notice_exactly_two_days_before_distribution_is_enough():
    assert rules.ballot_notice_problems(D(2024, 10, 30), D(2024, 11, 1)) == []


def test_notice_one_day_before_distribution_is_refused():
    (problem,) = rules.ballot_notice_problems(D(2024, 10, 31), D(2024, 11, 1))
    assert "chậm nhất 2 ngày trước ngày phát phiếu, tức là đến ngày 30/10/2024" in problem
    assert "Luật 10/2022/QH15, Điều 19.2; NĐ 59/2023, Điều 4.4" in problem


def test_notice_on_the_day_of_distribution_is_refused():
    assert rules.ballot_notice_problems(D(2024, 11, 1), D(2024, 11, 1))


def test_distribution_starting_after_the_collection_deadline_is_refused():
    (problem,) = rules.ballot_notice_problems(
        D(2024, 10, 30), D(2024, 11, 9), collection_ends_on=D(2024, 11, 8)
    )
    assert "sau hạn thu phiếu (08/11/2024)" in problem


def test_distribution_the_day_before_the_announced_start_is_refused_on_the_day_allowed():
    assert rules.ballot_distribution_problems(D(2024, 11, 1), D(2024, 11, 1)) == []
    (problem,) = rules.ballot_distribution_problems(D(2024, 10, 31), D(2024, 11, 1))
    assert "Chưa đến ngày phát phiếu đã thông báo (01/11/2024)" in problem


def test_count_needs_exactly_two_witnesses_citing_article_4_6_a():
    base = {"counted_on": D(2024, 11, 8), "distribution_starts_on": D(2024, 11, 1)}
    assert rules.ballot_count_problems(witnesses=2, **base) == []
    (problem,) = rules.ballot_count_problems(witnesses=1, **base)
    assert "Cần đúng 2 đại diện hộ gia đình" in problem and "NĐ 59/2023, Điều 4.6.a" in problem
    assert rules.ballot_count_problems(witnesses=3, **base)


def test_count_before_the_distribution_started_is_refused():
    (problem,) = rules.ballot_count_problems(
        witnesses=2, counted_on=D(2024, 10, 31), distribution_starts_on=D(2024, 11, 1)
    )
    assert "01/11/2024" in problem


def test_meeting_witness_rule_still_cites_article_3_5():
    assert "NĐ 59/2023, Điều 3.5)" in rules.witness_problems(1)[0]


def test_community_decision_after_household_ballots_runs_from_the_end_of_collection():
    # Collection ends Friday 08/11/2024: five working days later is Friday 15/11/2024.
    deadline = rules.ballot_decision_deadline(D(2024, 11, 8))
    assert deadline.key == "community_decision" and deadline.due == D(2024, 11, 15)
    assert "NĐ 59/2023, Điều 4.7" in deadline.basis and "kết thúc thời hạn lấy ý kiến" in deadline.basis


def test_deadlines_replace_the_meeting_clock_with_the_collection_clock_when_given():
    meeting = D(2024, 10, 27)
    by_meeting = {d.key: d for d in rules.deadlines(meeting)}
    by_collection = {d.key: d for d in rules.deadlines(meeting, collection_ends_on=D(2024, 11, 8))}
    assert by_meeting["community_decision"].due == D(2024, 11, 1)
    assert by_collection["community_decision"].due == D(2024, 11, 15)
    assert [d.key for d in by_meeting.values()] == [d.key for d in by_collection.values()]
    assert by_collection["plan"] == by_meeting["plan"]


def test_collection_ending_before_tet_skips_the_holiday():
    # Collection ends Friday 24/01/2025; Tết 2025 closes 25/01-02/02: due 07/02/2025.
    assert rules.ballot_decision_deadline(D(2025, 1, 24)).due == D(2025, 2, 7)
