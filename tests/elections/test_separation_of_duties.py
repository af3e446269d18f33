"""No one person decides alone: a tally is typed by two members of the khu phố's election
team who chose their own passwords, and none of them -- nor whoever created or reset their
accounts -- recognises the result.

The attack these reproduce: a ward official gives itself the election-team role, creates a
second team account with a password it chooses, types both halves of the tally, then
recognises the result.
"""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from elections.models import ContestKind, ContestResult, Decision, DecisionKind, Stage, TallyEntry
from elections.selectors import count as count_selectors
from elections.services import decisions, results
from elections.services import meeting as meeting_services
from neighborhoods.models import Role, StaffAssignment
from neighborhoods.services.staff import password_change_by_owner, password_reset, staff_user_create
from tests.elections.count_helpers import (
    check_in_first,
    contest,
    run_procedure,
    secret_ballot,
    vote_every_contest,
)
from tests.factories import make_staff
from tests.forms import with_token

OWN = "Hoa-sen-no-tren-ao-29"


@pytest.fixture
def counting(ready_election, personas):
    """Khu phố 1: 7 of its 10 households present, the procedure done, ready to count."""
    meeting = meeting_services.meeting_open(by=personas.p22_kp1_tobaucu, election=ready_election)
    check_in_first(meeting, personas.p22_kp1_tobaucu, 7)
    return run_procedure(meeting)


def head_tally(meeting):
    head = contest(meeting, ContestKind.HEAD)
    return head, secret_ballot({count_selectors.candidates_of(head)[0]: 7}, issued=7)


def recognise(by, election):
    return decisions.head_recognise(
        by=by, election=election, received_on=dt.date(2024, 10, 28), decided_on=dt.date(2024, 10, 30)
    )


def recognise_board_member(by, election):
    return decisions.board_member_recognise(
        by=by, election=election, received_on=dt.date(2024, 10, 28), decided_on=dt.date(2024, 10, 30)
    )


def new_team_account(by, division, username: str):
    return staff_user_create(
        by=by,
        username=username,
        full_name="Lê Văn Nhập",
        password="Tam-thoi-2024-kp1",
        division=division,
        role=Role.ELECTION_TEAM,
    )


# --- Who types a tally ----------------------------------------------------------------


def test_a_ward_official_off_the_team_cannot_type_a_tally(counting, personas):
    head, tally = head_tally(counting)
    with pytest.raises(ValidationError, match="Chỉ thành viên Tổ bầu cử của Khu phố 1 được nhập kết quả"):
        results.tally_submit(by=personas.p22_ubnd, meeting=counting, contest=head, **tally)
    assert not TallyEntry.objects.exists()


def test_the_team_of_another_khu_pho_cannot_type_khu_pho_1s_tally(counting, personas, hcm_map):
    head, tally = head_tally(counting)
    kp2_member = make_staff("p22.kp2.tobaucu", hcm_map.kp2, Role.ELECTION_TEAM)
    results.tally_submit(by=personas.p22_kp1_tobaucu, meeting=counting, contest=head, **tally)
    with pytest.raises(ValidationError, match="Chỉ thành viên Tổ bầu cử của Khu phố 1"):
        results.tally_submit(by=kp2_member, meeting=counting, contest=head, **tally)
    assert TallyEntry.objects.count() == 1 and not ContestResult.objects.exists()


def test_a_team_member_whose_assignment_was_withdrawn_cannot_type_a_tally(counting, personas):
    head, tally = head_tally(counting)
    StaffAssignment.objects.filter(user=personas.p22_kp1_thuky).update(active=False)
    results.tally_submit(by=personas.p22_kp1_tobaucu, meeting=counting, contest=head, **tally)
    with pytest.raises(ValidationError, match="Chỉ thành viên Tổ bầu cử"):
        results.tally_submit(by=personas.p22_kp1_thuky, meeting=counting, contest=head, **tally)
    assert not ContestResult.objects.exists()


def test_a_team_account_created_with_a_chosen_password_cannot_type_the_second_half(
    counting, personas, hcm_map
):
    head, tally = head_tally(counting)
    second = new_team_account(personas.p22_ubnd, hcm_map.kp1, "p22.kp1.nhap")
    results.tally_submit(by=personas.p22_kp1_tobaucu, meeting=counting, contest=head, **tally)
    with pytest.raises(ValidationError, match="chưa tự đặt mật khẩu: người nhập kết quả kiểm phiếu phải tự"):
        results.tally_submit(by=second, meeting=counting, contest=head, **tally)
    assert TallyEntry.objects.count() == 1 and not ContestResult.objects.exists()

    # Once its holder has chosen their own password, their entry counts.
    password_change_by_owner(user=second, password=OWN)
    state = results.tally_submit(by=second, meeting=counting, contest=head, **tally)
    assert state.result is not None


def test_a_team_member_whose_password_the_ward_reset_cannot_type_until_they_set_their_own(counting, personas):
    head, tally = head_tally(counting)
    password_reset(by=personas.p22_ubnd, user=personas.p22_kp1_thuky, password="Tam-thoi-2024-kp1")
    results.tally_submit(by=personas.p22_kp1_tobaucu, meeting=counting, contest=head, **tally)
    with pytest.raises(ValidationError, match="chưa tự đặt mật khẩu"):
        results.tally_submit(by=personas.p22_kp1_thuky, meeting=counting, contest=head, **tally)
    assert not ContestResult.objects.exists()


def test_one_person_typing_twice_is_never_a_double_entry(counting, personas):
    head, tally = head_tally(counting)
    results.tally_submit(by=personas.p22_kp1_tobaucu, meeting=counting, contest=head, **tally)
    state = results.tally_submit(by=personas.p22_kp1_tobaucu, meeting=counting, contest=head, **tally)
    assert state.waiting_for_second and not ContestResult.objects.exists()


def test_the_tally_page_names_the_rule_and_saves_nothing(counting, personas, login):
    """The system administrator may open the meeting, but is on no khu phố's team."""
    from elections.forms.count import candidate_field

    head, tally = head_tally(counting)
    data = {**tally["figures"], **{candidate_field(pk): n for pk, n in tally["counts"].items()}}
    response = login(personas.admin).post(
        reverse("elections:meeting_tally", args=[counting.pk, head.pk]), data
    )
    assert response.status_code == 200
    assert "Chỉ thành viên Tổ bầu cử của Khu phố 1 được nhập kết quả" in response.content.decode()
    assert not TallyEntry.objects.exists()


def test_a_new_team_account_is_held_at_the_password_page_before_the_tally(counting, personas, login, hcm_map):
    head, _tally = head_tally(counting)
    second = new_team_account(personas.p22_ubnd, hcm_map.kp1, "p22.kp1.nhap")
    url = reverse("elections:meeting_tally", args=[counting.pk, head.pk])
    assert login(second).post(url, {})["Location"] == reverse("password_change")
    assert not TallyEntry.objects.exists()


# --- Who recognises -------------------------------------------------------------------


@pytest.fixture
def counted(counting, personas):
    vote_every_contest(counting, personas.p22_kp1_tobaucu, personas.p22_kp1_thuky)
    counting.election.refresh_from_db()
    assert counting.election.stage == Stage.COUNTED
    return counting.election


def test_a_member_of_the_khu_phos_team_cannot_recognise_its_result(counted, personas, hcm_map):
    # A ward official who also sits on Khu phố 1's team (given by someone else).
    both = make_staff("p22.ubnd.kp1", hcm_map.p22, Role.WARD_OFFICIAL)
    StaffAssignment.objects.create(user=both, division=hcm_map.kp1, role=Role.ELECTION_TEAM)
    with pytest.raises(ValidationError, match="Thành viên Tổ bầu cử của Khu phố 1 không được công nhận"):
        recognise(both, counted)
    counted.refresh_from_db()
    assert counted.stage == Stage.COUNTED and not Decision.objects.filter(kind=DecisionKind.RECOGNISE_HEAD)


def test_whoever_typed_a_tally_cannot_recognise_it_even_after_leaving_the_team(counted, personas, hcm_map):
    StaffAssignment.objects.create(user=personas.p22_kp1_thuky, division=hcm_map.p22, role=Role.WARD_OFFICIAL)
    StaffAssignment.objects.filter(user=personas.p22_kp1_thuky, role=Role.ELECTION_TEAM).update(active=False)
    moved = get_user_model().objects.get(pk=personas.p22_kp1_thuky.pk)  # as on their next request
    with pytest.raises(ValidationError, match="Người đã nhập kết quả kiểm phiếu không được công nhận"):
        recognise(moved, counted)
    counted.refresh_from_db()
    assert counted.stage == Stage.COUNTED


def test_whoever_created_an_entrants_account_cannot_recognise_the_result(counting, personas, hcm_map):
    """The issue's attack end to end: the official cannot take the team role itself; it
    creates two team accounts and, knowing their first passwords, sets their "own" ones
    and types both halves -- but then cannot recognise what it typed."""
    ward = personas.p22_ubnd
    with pytest.raises(ValidationError, match="Không ai tự giao vai trò"):
        from neighborhoods.services.staff import assignment_create

        assignment_create(by=ward, user=ward, division=hcm_map.kp1, role=Role.ELECTION_TEAM)
    first, second = (new_team_account(ward, hcm_map.kp1, f"p22.kp1.gia{n}") for n in (1, 2))
    for user in (first, second):
        password_change_by_owner(user=user, password=OWN)
    vote_every_contest(counting, first, second)
    counting.election.refresh_from_db()
    with pytest.raises(ValidationError, match="Người đã tạo tài khoản hoặc đặt lại mật khẩu"):
        recognise(ward, counting.election)
    counting.election.refresh_from_db()
    assert counting.election.stage == Stage.COUNTED

    # Another official of the ward, who created neither account, recognises it.
    other = make_staff("p22.ubnd.chutich", hcm_map.p22, Role.WARD_OFFICIAL)
    recognise(other, counting.election)
    # Each post on its own (Luật Art. 21.2, 40.2.b): done once the Front recognises the board member.
    recognise_board_member(personas.p22_mttq, counting.election)
    counting.election.refresh_from_db()
    assert counting.election.stage == Stage.RECOGNISED


def test_whoever_reset_an_entrants_password_cannot_recognise_the_result(counting, personas):
    password_reset(by=personas.p22_ubnd, user=personas.p22_kp1_thuky, password="Tam-thoi-2024-kp1")
    password_change_by_owner(user=personas.p22_kp1_thuky, password=OWN)
    vote_every_contest(counting, personas.p22_kp1_tobaucu, personas.p22_kp1_thuky)
    counting.election.refresh_from_db()
    with pytest.raises(ValidationError, match="đặt lại mật khẩu cho người nhập kết quả"):
        recognise(personas.p22_ubnd, counting.election)


def test_the_recognition_page_refuses_a_team_member_with_the_rule(counted, login, hcm_map):
    both = make_staff("p22.ubnd.kp1", hcm_map.p22, Role.WARD_OFFICIAL)
    StaffAssignment.objects.create(user=both, division=hcm_map.kp1, role=Role.ELECTION_TEAM)
    response = login(both).post(
        reverse("elections:election_decide", args=[counted.pk, "recognise"]),
        with_token(
            {"recognise-received_on": "28/10/2024", "recognise-decided_on": "30/10/2024"}, "recognise"
        ),
        follow=True,
    )
    assert "không được công nhận kết quả bầu cử của khu phố mình" in response.content.decode()
    counted.refresh_from_db()
    assert counted.stage == Stage.COUNTED


def test_the_ward_official_off_the_team_still_recognises(counted, personas):
    recognise(personas.p22_ubnd, counted)
    recognise_board_member(personas.p22_mttq, counted)
    counted.refresh_from_db()
    assert counted.stage == Stage.RECOGNISED
