"""A khu phố meets by residential cluster: the ward's plan, one check-in per household across
the sittings, each sitting's procedure and count, the khu phố's result as their sum."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from elections.models import (
    Attendance,
    Candidate,
    ClusterHousehold,
    Contest,
    ContestKind,
    ContestResult,
    Meeting,
    RecordCorrection,
    Stage,
)
from elections.selectors import clusters as cluster_selectors
from elections.selectors import count as count_selectors
from elections.selectors import meeting as meeting_selectors
from elections.services import clusters as services
from elections.services import decisions, procedure, results
from elections.services import meeting as meeting_services
from elections.transitions import guard_problems
from tests.elections.count_helpers import contest, enter_twice, run_procedure, secret_ballot

AGREED_ON, APPROVED_ON = dt.date(2024, 10, 14), dt.date(2024, 10, 15)


def codes(election) -> list[str]:
    return list(election.neighborhood.households.order_by("code").values_list("code", flat=True))


def cluster_fields(name: str, day: int = 26) -> dict:
    return {
        "name": name,
        "chair_name": f"Chủ trì {name}",
        "chair_capacity": "front_member",
        "meeting_date": dt.date(2024, 10, day),
        "meeting_time": dt.time(19, 30),
        "meeting_place": f"Nhà văn hóa {name}",
        "reporter_name": f"Báo cáo {name}",
    }


@pytest.fixture
def plan(ready_election, personas):
    """Khu phố 1 (10 households, scattered) in two clusters of 5, the Front agreed, not approved."""
    ward = personas.p22_ubnd
    plan = services.cluster_plan_create(by=ward, election=ready_election, scattered=True)
    first = services.cluster_add(by=ward, plan=plan, **cluster_fields("Cụm 1", 26))
    second = services.cluster_add(by=ward, plan=plan, **cluster_fields("Cụm 2", 27))
    all_codes = codes(ready_election)
    services.households_assign(by=ward, cluster=first, code_from=all_codes[0], code_to=all_codes[4])
    services.households_assign(by=ward, cluster=second, codes=all_codes[5:])
    services.front_agreement_record(by=ward, plan=plan, agreed_on=AGREED_ON, agreed_with="Lê Văn Mặt Trận")
    return plan


@pytest.fixture
def sittings(plan, personas):
    """The plan approved and the meeting opened: one sitting per cluster."""
    services.cluster_plan_approve(by=personas.p22_ubnd, plan=plan, approved_on=APPROVED_ON)
    whole = meeting_services.meeting_open(by=personas.p22_kp1_tobaucu, election=plan.election)
    return whole, cluster_selectors.sittings_of(whole)


def check_in_cluster(sitting, user, count: int) -> None:
    for household in cluster_selectors.cluster_households(sitting.cluster).order_by("code")[:count]:
        meeting_services.check_in(by=user, meeting=sitting, household=household)


def vote(sitting, personas, approvals: int, present: int) -> None:
    sitting = run_procedure(sitting)
    for c in meeting_selectors.contests_to_vote(sitting):
        candidate = count_selectors.candidates_of(c)[0]
        enter_twice(
            sitting,
            c,
            personas.p22_kp1_tobaucu,
            personas.p22_kp1_thuky,
            secret_ballot({candidate: approvals}, issued=present),
        )


# --- The plan ---------------------------------------------------------------------------


def test_a_small_khu_pho_living_together_cannot_meet_by_cluster(ready_election, personas):
    with pytest.raises(ValidationError, match="dưới 200 hộ"):
        services.cluster_plan_create(by=personas.p22_ubnd, election=ready_election, scattered=False)


def test_households_are_assigned_by_code_range_by_list_and_by_address(plan, personas):
    first, second = cluster_selectors.clusters_of(plan)
    assert (first.household_count, second.household_count) == (5, 5)
    household = plan.election.neighborhood.households.order_by("code").first()
    household.address = "12 Đường Nơ Trang Long"
    household.save()
    moved = services.households_assign(by=personas.p22_ubnd, cluster=second, address_prefix="12 đường nơ")
    assert moved == 1
    assert cluster_selectors.cluster_of_household(plan, household) == second
    assert ClusterHousehold.objects.filter(plan=plan, household=household).count() == 1


def test_an_unknown_code_is_refused_and_nothing_moves(plan, personas):
    first, second = cluster_selectors.clusters_of(plan)
    before = list(ClusterHousehold.objects.values_list("household_id", "cluster_id"))
    with pytest.raises(ValidationError, match="Không có hộ này trong khu phố: KHONG-CO"):
        services.households_assign(
            by=personas.p22_ubnd, cluster=first, codes=[codes(plan.election)[9], "KHONG-CO"]
        )
    assert list(ClusterHousehold.objects.values_list("household_id", "cluster_id")) == before


def test_the_plan_cannot_be_approved_while_a_household_is_in_no_cluster(plan, personas):
    first, _second = cluster_selectors.clusters_of(plan)
    services.cluster_remove(by=personas.p22_ubnd, cluster=_second)
    with pytest.raises(ValidationError) as error:
        services.cluster_plan_approve(by=personas.p22_ubnd, plan=plan, approved_on=APPROVED_ON)
    text = " ".join(error.value.messages)
    assert "Còn 5 hộ chưa thuộc cụm nào" in text and "ít nhất 2 cụm" in text
    plan.refresh_from_db()
    assert plan.approved_on is None


def test_the_plan_needs_the_front_committee_agreement_first(ready_election, personas):
    ward = personas.p22_ubnd
    plan = services.cluster_plan_create(by=ward, election=ready_election, scattered=True)
    first = services.cluster_add(by=ward, plan=plan, **cluster_fields("Cụm 1"))
    second = services.cluster_add(by=ward, plan=plan, **cluster_fields("Cụm 2"))
    services.households_assign(by=ward, cluster=first, codes=codes(ready_election)[:5])
    services.households_assign(by=ward, cluster=second, codes=codes(ready_election)[5:])
    with pytest.raises(ValidationError, match="Ban công tác Mặt trận khu phố"):
        services.cluster_plan_approve(by=ward, plan=plan, approved_on=APPROVED_ON)


def test_a_meeting_cannot_open_on_a_plan_not_approved(plan, personas):
    with pytest.raises(ValidationError, match="chưa được phường phê duyệt"):
        meeting_services.meeting_open(by=personas.p22_kp1_tobaucu, election=plan.election)
    assert not Meeting.objects.exists()


def test_an_approved_plan_is_changed_only_after_the_ward_withdraws_its_approval(plan, personas):
    ward = personas.p22_ubnd
    services.cluster_plan_approve(by=ward, plan=plan, approved_on=APPROVED_ON)
    first, second = cluster_selectors.clusters_of(plan)
    with pytest.raises(ValidationError, match="đã được phê duyệt"):
        services.households_assign(by=ward, cluster=second, codes=codes(plan.election)[:1])
    services.cluster_plan_withdraw(by=ward, plan=plan)
    assert services.households_assign(by=ward, cluster=second, codes=codes(plan.election)[:1]) == 1


def test_after_the_meeting_opens_the_plan_is_closed_but_a_chair_can_be_corrected(sittings, personas):
    whole, (first, _second) = sittings
    ward = personas.p22_ubnd
    with pytest.raises(ValidationError, match="Cuộc họp đã khai mạc"):
        services.households_assign(by=ward, cluster=first.cluster, codes=codes(whole.election)[5:6])
    with pytest.raises(ValidationError, match="Cuộc họp đã khai mạc"):
        services.cluster_add(by=ward, plan=first.cluster.plan, **cluster_fields("Cụm 3"))
    changed = {**cluster_fields("Cụm 1", 26), "chair_name": "Phạm Văn Thay"}
    with pytest.raises(ValidationError, match="ghi lý do đính chính"):
        services.cluster_update(by=ward, cluster=first.cluster, **changed)
    services.cluster_update(by=ward, cluster=first.cluster, correction_reason="Người chủ trì ốm", **changed)
    correction = RecordCorrection.objects.get()
    assert "Cụm 1" in correction.subject and correction.reason == "Người chủ trì ốm"


# --- The sittings -----------------------------------------------------------------------


def test_opening_makes_one_sitting_per_cluster_with_its_households(sittings):
    whole, (first, second) = sittings
    assert whole.cluster is None and whole.household_total == 10
    assert [(s.cluster.name, s.household_total, s.number) for s in (first, second)] == [
        ("Cụm 1", 5, 1),
        ("Cụm 2", 5, 1),
    ]
    assert first.held_on == dt.date(2024, 10, 26) and second.held_on == dt.date(2024, 10, 27)
    assert whole.held_on == dt.date(2024, 10, 27)  # the khu phố's meeting ends with its last sitting
    assert whole.election.stage == Stage.MEETING_HELD


def test_a_household_checks_in_once_across_the_clusters(sittings, personas):
    whole, (first, second) = sittings
    team = personas.p22_kp1_tobaucu
    household = cluster_selectors.cluster_households(first.cluster).order_by("code").first()
    meeting_services.check_in(by=team, meeting=first, household=household, representative_name="Lê Văn Tám")
    with pytest.raises(ValidationError, match="đã điểm danh tại cuộc họp của Cụm 1 lúc .*Lê Văn Tám"):
        meeting_services.check_in(by=team, meeting=second, household=household)
    other = cluster_selectors.cluster_households(second.cluster).order_by("code").first()
    with pytest.raises(ValidationError, match=f"Hộ {other.code} thuộc Cụm 2"):
        meeting_services.check_in(by=team, meeting=first, household=other)
    with pytest.raises(ValidationError, match="chọn cuộc họp của cụm"):
        meeting_services.check_in(by=team, meeting=whole, household=other)
    assert Attendance.objects.count() == 1


def test_the_meter_counts_the_cluster_and_the_whole_khu_pho(sittings, personas):
    whole, (first, second) = sittings
    check_in_cluster(first, personas.p22_kp1_tobaucu, 4)
    check_in_cluster(second, personas.p22_kp1_tobaucu, 2)
    assert meeting_selectors.meeting_quorum(first).present == 4
    assert (meeting_selectors.meeting_quorum(whole).present, whole.household_total) == (6, 10)
    assert meeting_selectors.meeting_quorum(whole).can_elect


def test_a_walk_in_at_a_cluster_joins_it_and_the_khu_pho_total(sittings, personas):
    whole, (first, _second) = sittings
    attendance = meeting_services.household_add_at_meeting(
        by=personas.p22_kp1_tobaucu, meeting=first, code="P22-KP01-9999", head_name="Võ Văn Mới"
    )
    whole.refresh_from_db()
    first.refresh_from_db()
    assert (first.household_total, whole.household_total) == (6, 11)
    assert cluster_selectors.cluster_of_household(first.cluster.plan, attendance.household) == first.cluster


def test_the_khu_pho_row_takes_no_procedure_and_no_tally(sittings, personas):
    whole, _ = sittings
    with pytest.raises(ValidationError, match="mỗi cụm ghi thủ tục"):
        procedure.list_present(meeting=whole)
    with pytest.raises(ValidationError, match="nhập kết quả kiểm phiếu tại từng cụm"):
        results.tally_submit(
            by=personas.p22_kp1_tobaucu,
            meeting=whole,
            contest=contest(whole),
            method="secret_ballot",
            figures={},
            counts={},
        )


def test_every_cluster_votes_by_the_same_method(sittings, personas):
    whole, (first, second) = sittings
    check_in_cluster(first, personas.p22_kp1_tobaucu, 3)
    check_in_cluster(second, personas.p22_kp1_tobaucu, 3)
    run_procedure(first)
    with pytest.raises(ValidationError, match="Cụm 1 đã biểu quyết “Bỏ phiếu kín”"):
        procedure.voting_method_choose(meeting=second, method="show_of_hands", votes_for=3)


def test_the_result_is_the_sum_of_the_clusters_against_all_households(sittings, personas):
    whole, (first, second) = sittings
    check_in_cluster(first, personas.p22_kp1_tobaucu, 4)
    check_in_cluster(second, personas.p22_kp1_tobaucu, 3)
    # 4 approvals in Cụm 1 alone are 80 % of its households, not more than half of the khu phố.
    vote(first, personas, approvals=4, present=4)
    whole.election.refresh_from_db()
    assert whole.election.stage == Stage.MEETING_HELD
    assert cluster_selectors.clusters_missing(whole) == [second.cluster]
    assert "Cụm 2 chưa báo cáo kết quả kiểm phiếu." in guard_problems(whole.election, "record_count")
    assert count_selectors.current_result(contest(whole)) is None
    vote(second, personas, approvals=2, present=3)
    whole.refresh_from_db()
    whole.election.refresh_from_db()
    assert whole.closed_at is not None and whole.election.stage == Stage.COUNTED
    result = count_selectors.current_result(contest(whole, ContestKind.HEAD))
    assert result.meeting == whole
    assert (result.household_total, result.present, result.issued, result.threshold) == (10, 7, 7, 6)
    assert list(result.counts.values()) == [6] and result.elected is not None
    assert whole.election.households == 10 and whole.election.present == 7


def test_a_corrected_cluster_count_corrects_the_sum(sittings, personas):
    whole, (first, second) = sittings
    check_in_cluster(first, personas.p22_kp1_tobaucu, 4)
    check_in_cluster(second, personas.p22_kp1_tobaucu, 3)
    vote(first, personas, approvals=4, present=4)
    vote(second, personas, approvals=2, present=3)
    head = contest(whole, ContestKind.HEAD)
    cluster_result = ContestResult.objects.get(meeting=first, contest=head)
    key = next(iter(cluster_result.counts))
    with pytest.raises(ValidationError, match="đính chính kết quả của cụm"):
        results.result_correct(
            by=personas.p22_ubnd,
            result=count_selectors.current_result(head),
            reason="x",
            figures={},
            counts={},
        )
    results.result_correct(
        by=personas.p22_ubnd,
        result=cluster_result,
        reason="Nhầm một phiếu",
        figures={"issued": 4, "returned": 4, "valid": 4, "invalid": 0},
        counts={key: 3},
    )
    summed = count_selectors.current_result(head)
    assert summed.version == 2 and summed.counts == {key: 5} and summed.elected is None
    assert "Cụm 1: Nhầm một phiếu" in summed.correction_reason


def test_a_cluster_correction_cannot_change_either_recognised_member_of_a_two_seat_post(sittings, personas):
    """A khu phố electing two board members, meeting by cluster: once the Front recognised both,
    correcting one cluster's count may not drop the second of them from the sum (the check used
    to compare only the first person elected)."""
    whole, (first, second) = sittings
    board = contest(whole, ContestKind.INSPECTION_BOARD)
    Contest.objects.filter(pk=board.pk).update(seats=2)  # the Front's choice for a small ward
    board.refresh_from_db()
    a = count_selectors.candidates_of(board)[0]
    b, c = (
        Candidate.objects.create(
            contest=board,
            full_name=name,
            gender="female",
            birth_date=dt.date(1975, 1, 1),
            nomination_source="front_committee",
        )
        for name in ("Trần Thị Bình", "Lê Thị Cúc")
    )
    head = contest(whole, ContestKind.HEAD)
    for sitting, board_counts in ((first, {a: 5, b: 4, c: 1}), (second, {a: 5, b: 3, c: 2})):
        check_in_cluster(sitting, personas.p22_kp1_tobaucu, 5)
        sitting = run_procedure(sitting)
        team = (personas.p22_kp1_tobaucu, personas.p22_kp1_thuky)
        enter_twice(
            sitting, head, *team, secret_ballot({count_selectors.candidates_of(head)[0]: 5}, issued=5)
        )
        enter_twice(sitting, board, *team, secret_ballot(board_counts, issued=5))
    summed = count_selectors.current_result(board)
    assert count_selectors.result_elected(summed) == [a.pk, b.pk]  # 10 and 7 of 10 households
    decisions.board_member_recognise(
        by=personas.p22_mttq,
        election=whole.election,
        received_on=dt.date(2024, 10, 28),
        decided_on=dt.date(2024, 10, 29),
    )

    # Cụm 2 "corrected" to 1 approval for Bình: she would fall to 5 of 10, not elected.
    with pytest.raises(ValidationError, match="Kết quả đã được công nhận"):
        results.result_correct(
            by=personas.p22_ubnd,
            result=ContestResult.objects.get(meeting=second, contest=board),
            reason="Nhầm phiếu",
            figures={"issued": 5, "returned": 5, "valid": 5, "invalid": 0},
            counts={str(a.pk): 5, str(b.pk): 1, str(c.pk): 4},
        )
    assert count_selectors.current_result(board) == summed
    assert ContestResult.objects.filter(meeting=second, contest=board).count() == 1


# --- The pages --------------------------------------------------------------------------


def test_the_ward_makes_and_approves_the_plan_through_its_pages(login, ready_election, personas):
    client = login(personas.p22_ubnd)
    page = reverse("elections:cluster_plan", args=[ready_election.pk])
    client.post(page, {"scattered": "on"})
    plan = cluster_selectors.cluster_plan_of(ready_election)
    for n in (1, 2):
        client.post(
            reverse("elections:cluster_add", args=[plan.pk]),
            {
                "new-name": f"Cụm {n}",
                "new-chair_name": f"Chủ trì {n}",
                "new-meeting_date": "26/10/2024",
                "new-meeting_time": "19:30",
                "new-meeting_place": "Nhà văn hóa",
                "new-reporter_name": f"Báo cáo {n}",
            },
        )
    first, second = cluster_selectors.clusters_of(plan)
    all_codes = codes(ready_election)
    client.post(
        reverse("elections:cluster_assign", args=[plan.pk]),
        {"assign-cluster": first.pk, "assign-code_from": all_codes[0], "assign-code_to": all_codes[5]},
    )
    body = client.get(page).content.decode()
    assert "4 hộ chưa thuộc cụm nào" in body and "Phê duyệt</button>" not in body
    client.post(
        reverse("elections:cluster_assign", args=[plan.pk]),
        {"assign-cluster": second.pk, "assign-codes": ", ".join(all_codes[6:])},
    )
    client.post(
        reverse("elections:cluster_front_agreement", args=[plan.pk]),
        {"front-agreed_on": "14/10/2024", "front-agreed_with": "Lê Văn Mặt Trận"},
    )
    assert "Phê duyệt</button>" in client.get(page).content.decode()
    response = client.post(
        reverse("elections:cluster_plan_approve", args=[plan.pk]), {"approve-approved_on": "15/10/2024"}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.approved_on == APPROVED_ON and plan.approved_by == personas.p22_ubnd
    assert "Phường đã phê duyệt phương án ngày 15/10/2024" in client.get(page).content.decode()


def test_the_team_chooses_the_cluster_sitting_on_the_meeting_page(login, sittings, personas):
    whole, (first, second) = sittings
    client = login(personas.p22_kp1_tobaucu)
    household = cluster_selectors.cluster_households(first.cluster).order_by("code").first()
    response = client.post(
        reverse("elections:meeting_check_in", args=[first.pk]), {"household": household.pk}
    )
    assert response["Location"].endswith(f"?cum={first.pk}")
    again = client.post(
        reverse("elections:meeting_check_in", args=[second.pk]), {"household": household.pk}, follow=True
    )
    assert "đã điểm danh tại cuộc họp của Cụm 1" in again.content.decode()
    page = client.get(reverse("elections:meeting_page", args=[whole.election_id]), {"cum": second.pk})
    body = page.content.decode()
    assert "Còn chờ:" in body and "Cụm 1, Cụm 2." in body
    assert "Cụm 2: 0/5 hộ của cụm có mặt." in body and "1/10" in body


# --- After a meeting by cluster ---------------------------------------------------------


def test_the_household_ballot_route_reads_the_whole_khu_pho_attendance(sittings, personas):
    whole, (first, second) = sittings
    # 4 of Cụm 1's 5 came (80 % of the cluster), 1 of Cụm 2's: 5 of 10 in the khu phố, not more than half.
    check_in_cluster(first, personas.p22_kp1_tobaucu, 4)
    check_in_cluster(second, personas.p22_kp1_tobaucu, 1)
    assert not meeting_selectors.meeting_quorum(whole).can_elect
    vote(first, personas, approvals=4, present=4)
    vote(second, personas, approvals=1, present=1)
    whole.election.refresh_from_db()
    assert whole.election.stage == Stage.COUNTED
    assert guard_problems(whole.election, "start_household_ballots") == []


def test_a_re_run_after_a_meeting_by_cluster_meets_by_cluster_again(sittings, personas):
    from elections.services import decisions

    whole, (first, second) = sittings
    check_in_cluster(first, personas.p22_kp1_tobaucu, 4)
    check_in_cluster(second, personas.p22_kp1_tobaucu, 4)
    vote(first, personas, approvals=2, present=4)
    vote(second, personas, approvals=2, present=4)
    election = whole.election
    election.refresh_from_db()
    assert count_selectors.current_result(contest(whole)).elected is None  # 4 of 10: not more than half
    with pytest.raises(ValidationError, match=r"sau ngày họp trước \(27/10/2024\)"):
        decisions.rerun_decide(
            by=personas.p22_ubnd,
            election=election,
            decided_on=APPROVED_ON,
            meeting_date=dt.date(2024, 10, 27),
        )
    decisions.rerun_decide(
        by=personas.p22_ubnd,
        election=election,
        decided_on=dt.date(2024, 10, 28),
        meeting_date=dt.date(2024, 11, 3),
    )
    again = meeting_services.meeting_open(by=personas.p22_kp1_tobaucu, election=election)
    assert again.number == 2
    rerun_first, _rerun_second = cluster_selectors.sittings_of(again)
    household = cluster_selectors.cluster_households(rerun_first.cluster).order_by("code").first()
    meeting_services.check_in(by=personas.p22_kp1_tobaucu, meeting=rerun_first, household=household)
    assert meeting_selectors.present_count(again) == 1
