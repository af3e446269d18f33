"""One post per person in an election, and the head's permanent residence, as a ward
official meets them on the contest page (Luật Art. 37.2; TT 04/2012 Art. 11)."""

import pytest
from django.urls import reverse

from elections.models import ContestKind
from tests.forms import with_token

FORM = {
    "full_name": "Nguyễn Văn An",
    "gender": "male",
    "birth_date": "01/05/1968",
    "nomination_source": "front_committee",
    "ethnicity": "Kinh",
    "religion": "Không",
    "resides_in_neighborhood": "on",
    "permanent_resident": "on",
}


@pytest.fixture
def head(kp1_scheduled):
    return kp1_scheduled.contests.get(kind=ContestKind.HEAD)


@pytest.fixture
def board(kp1_scheduled):
    return kp1_scheduled.contests.get(kind=ContestKind.INSPECTION_BOARD)


def add(client, contest, **changes):
    return client.post(
        reverse("elections:contest_detail", args=[contest.pk]), with_token({**FORM, **changes})
    )


def test_a_head_candidate_cannot_also_stand_for_the_board(login, personas, head, board):
    client = login(personas.p22_ubnd)
    assert add(client, head).status_code == 302
    response = add(client, board)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Người này đã ứng cử Trưởng khu phố trong cuộc bầu cử này" in page
    assert "Luật 10/2022/QH15, Điều 37.2" in page
    assert not board.candidates.exists()


def test_the_same_person_is_recognised_whatever_the_spacing_and_case(login, personas, head, board):
    client = login(personas.p22_ubnd)
    assert add(client, board).status_code == 302
    page = add(client, head, full_name="  nguyễn  VĂN an ").content.decode()
    assert "Người này đã ứng cử thành viên Ban Thanh tra nhân dân trong cuộc bầu cử này" in page
    assert not head.candidates.exists()


def test_a_namesake_born_on_another_day_may_stand_for_the_other_post(login, personas, head, board):
    client = login(personas.p22_ubnd)
    assert add(client, head).status_code == 302
    assert add(client, board, birth_date="02/05/1968").status_code == 302
    assert board.candidates.get().full_name == "Nguyễn Văn An"


def test_a_head_candidate_must_be_a_permanent_resident(login, personas, head):
    form = {key: value for key, value in FORM.items() if key != "permanent_resident"}
    response = login(personas.p22_ubnd).post(
        reverse("elections:contest_detail", args=[head.pk]), with_token(form)
    )
    assert (
        "Không đăng ký thường trú tại khu phố (Thông tư 04/2012/TT-BNV, Điều 11)."
        in response.content.decode()
    )
    assert not head.candidates.exists()
