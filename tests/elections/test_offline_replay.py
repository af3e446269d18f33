"""What the server answers to operations the browser kept while offline and sends again: each
check-in and tally entry carries the browser's key (``client_key``); sent twice it is done once,
a household checked in meanwhile elsewhere is a conflict said in words, a key is one person's
and one operation's, and a key that is no key is refused plainly."""

import uuid

import pytest
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from elections.forms.count import candidate_field
from elections.models import Attendance, TallyEntry
from elections.services import meeting as services
from tests.elections.count_helpers import check_in_first, contest, run_procedure, secret_ballot

QUEUED = {"HTTP_X_WV_QUEUED": "1"}
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def meeting(ready_election, personas):
    return services.meeting_open(by=personas.p22_kp1_tobaucu, election=ready_election)


@pytest.fixture
def team(personas) -> Client:
    client = Client()
    client.force_login(personas.p22_kp1_tobaucu, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def secretary(personas) -> Client:
    """The team's other member, on the other phone."""
    client = Client()
    client.force_login(personas.p22_kp1_thuky, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _check_in_url(meeting) -> str:
    return reverse("elections:meeting_check_in", args=[meeting.pk])


def _households(meeting):
    return list(meeting.election.neighborhood.households.order_by("code"))


def test_a_check_in_sent_twice_with_its_key_is_done_once_and_answered_the_same(meeting, team):
    household = _households(meeting)[0]
    sent = {"household": household.pk, "client_key": str(uuid.uuid4())}
    first = team.post(_check_in_url(meeting), sent, **QUEUED)
    again = team.post(_check_in_url(meeting), sent, **QUEUED)
    done = f"Đã điểm danh hộ {household.code} – {household.head_name}."
    assert (first.status_code, first.json()) == (200, {"ok": True, "message": done})
    assert (again.status_code, again.json()) == (200, {"ok": True, "message": done})
    attendance = Attendance.objects.get()
    assert attendance.household == household and str(attendance.client_key) == sent["client_key"]


def test_a_check_in_whose_answer_was_lost_is_not_a_conflict_with_itself(meeting, team):
    """Sent online, received, the answer lost on the way: the page kept it and sends it again."""
    household = _households(meeting)[0]
    sent = {"household": household.pk, "client_key": str(uuid.uuid4())}
    assert "Đã điểm danh hộ" in team.post(_check_in_url(meeting), sent, **HTMX).content.decode()
    again = team.post(_check_in_url(meeting), sent, **QUEUED)
    assert again.status_code == 200 and again.json()["ok"]
    assert Attendance.objects.count() == 1


def test_a_household_kept_by_its_code_is_found_when_sent(meeting, team):
    household = _households(meeting)[3]
    answer = team.post(
        _check_in_url(meeting), {"q": household.code, "client_key": str(uuid.uuid4())}, **QUEUED
    )
    assert answer.status_code == 200
    assert Attendance.objects.get().household == household


def test_a_code_that_designates_no_household_is_answered_in_words(meeting, team):
    # Khu phố 1's register ends long before household 9999: the code, typed offline, finds none.
    answer = team.post(
        _check_in_url(meeting), {"q": "P22-KP01-9999", "client_key": str(uuid.uuid4())}, **QUEUED
    )
    assert answer.status_code == 409
    assert answer.json() == {
        "ok": False,
        "message": "Không tìm thấy đúng một hộ theo “P22-KP01-9999”: tìm lại hộ này và điểm danh.",
    }
    assert not Attendance.objects.exists()


def test_a_household_checked_in_meanwhile_on_the_other_phone_is_a_conflict(meeting, team, secretary):
    household = _households(meeting)[0]
    secretary.post(
        _check_in_url(meeting), {"household": household.pk, "representative_name": "Lê Thị Sớm"}, **HTMX
    )
    answer = team.post(
        _check_in_url(meeting), {"household": household.pk, "client_key": str(uuid.uuid4())}, **QUEUED
    )
    assert answer.status_code == 409
    assert answer.json()["ok"] is False
    at = Attendance.objects.get().checked_in_at
    assert answer.json()["message"] == (
        f"Hộ {household.code} đã điểm danh lúc {timezone.localtime(at):%H:%M}, người đại diện: Lê Thị Sớm."
    )
    assert Attendance.objects.count() == 1


def test_a_key_is_one_persons_and_one_operations(meeting, team, secretary):
    first, second = _households(meeting)[:2]
    key = str(uuid.uuid4())
    team.post(_check_in_url(meeting), {"household": first.pk, "client_key": key}, **QUEUED)
    taken = "Mã thao tác này đã được dùng cho một thao tác khác."
    by_another = secretary.post(_check_in_url(meeting), {"household": first.pk, "client_key": key}, **QUEUED)
    assert (by_another.status_code, by_another.json()) == (403, {"ok": False, "message": taken})
    for another_household in (
        team.post(_check_in_url(meeting), {"household": second.pk, "client_key": key}, **QUEUED),
        secretary.post(_check_in_url(meeting), {"household": second.pk, "client_key": key}, **QUEUED),
    ):
        assert (another_household.status_code, another_household.json()["message"]) == (403, taken)
    assert list(Attendance.objects.values_list("household", "checked_in_by")) == [
        (first.pk, Attendance.objects.get().checked_in_by_id)
    ]


def test_a_key_that_is_no_key_is_refused_plainly(meeting, team):
    household = _households(meeting)[0]
    posted = {"household": household.pk, "client_key": "not-a-key"}
    queued = team.post(_check_in_url(meeting), posted, **QUEUED)
    message = "Mã thao tác của máy không hợp lệ: tải lại trang rồi thao tác lại."
    assert (queued.status_code, queued.json()) == (400, {"ok": False, "message": message})
    in_place = team.post(_check_in_url(meeting), posted, **HTMX)
    assert in_place.status_code == 400 and message in in_place.content.decode()
    assert not Attendance.objects.exists()


def test_the_session_over_the_kept_operation_is_not_answered_as_done(meeting):
    """Logged out meanwhile: the login page, not JSON, so the browser keeps the operation."""
    household = _households(meeting)[0]
    answer = Client().post(
        _check_in_url(meeting), {"household": household.pk, "client_key": str(uuid.uuid4())}, **QUEUED
    )
    assert answer.status_code == 302 and "/dang-nhap/" in answer["Location"]
    assert not Attendance.objects.exists()


def test_the_database_refuses_two_rows_with_one_key(meeting, personas):
    """Two copies arriving at once are taken one after the other (the meeting row is locked);
    were they not, the unique key would still keep one."""
    key = uuid.uuid4()
    first, second = _households(meeting)[:2]
    services.check_in(by=personas.p22_kp1_tobaucu, meeting=meeting, household=first, client_key=key)
    with pytest.raises(IntegrityError):
        Attendance.objects.create(meeting=meeting, household=second, representative_name="X", client_key=key)


# --- The tally ----------------------------------------------------------------------------


@pytest.fixture
def counting(meeting, personas):
    check_in_first(meeting, personas.p22_kp1_tobaucu, 7)
    return run_procedure(meeting)


def _tally_post(meeting, key: str) -> dict:
    head = contest(meeting)
    candidate = head.candidates.get()
    figures = secret_ballot({candidate: 6}, issued=7, invalid=1)
    return {
        **{name: str(value) for name, value in figures["figures"].items()},
        candidate_field(candidate.pk): "6",
        "client_key": key,
    }


def _tally_url(meeting) -> str:
    return reverse("elections:meeting_tally", args=[meeting.pk, contest(meeting).pk])


def test_a_tally_entry_sent_twice_is_recorded_once_with_the_answer_the_page_gives(counting, team):
    posted = _tally_post(counting, str(uuid.uuid4()))
    first = team.post(_tally_url(counting), posted, **QUEUED)
    again = team.post(_tally_url(counting), posted, **QUEUED)
    waiting = "Trưởng khu phố: Đã ghi lần nhập của bạn. Chờ người thứ hai nhập độc lập để đối chiếu."
    assert (first.status_code, first.json()) == (200, {"ok": True, "message": waiting})
    assert (again.status_code, again.json()) == (200, {"ok": True, "message": waiting})
    assert TallyEntry.objects.count() == 1


def test_the_second_persons_entry_sent_again_answers_the_accepted_count(counting, team, secretary):
    team.post(_tally_url(counting), _tally_post(counting, str(uuid.uuid4())), **QUEUED)
    posted = _tally_post(counting, str(uuid.uuid4()))
    first = secretary.post(_tally_url(counting), posted, **QUEUED).json()
    again = secretary.post(_tally_url(counting), posted, **QUEUED).json()
    assert first == again
    assert first["ok"] and "Hai lần nhập khớp nhau: kết quả đã được chốt." in first["message"]
    assert TallyEntry.objects.count() == 2


def test_a_tally_key_is_one_persons_and_a_wrong_entry_is_answered_in_words(counting, team, secretary):
    key = str(uuid.uuid4())
    team.post(_tally_url(counting), _tally_post(counting, key), **QUEUED)
    by_another = secretary.post(_tally_url(counting), _tally_post(counting, key), **QUEUED)
    assert by_another.status_code == 403
    assert (
        by_another.json()["message"] == "Trưởng khu phố: Mã thao tác này đã được dùng cho một thao tác khác."
    )
    too_many = {**_tally_post(counting, str(uuid.uuid4())), "issued": "9", "returned": "9", "valid": "8"}
    refused = secretary.post(_tally_url(counting), too_many, **QUEUED)
    assert refused.status_code == 409
    assert "Phiếu phát ra (9) nhiều hơn số hộ có mặt (7)." in refused.json()["message"]
    assert TallyEntry.objects.count() == 1


def test_a_tally_posted_from_the_page_with_its_key_twice_is_recorded_once(counting, team):
    """Online, the form posts as usual with its key: the browser's re-post changes nothing."""
    posted = _tally_post(counting, str(uuid.uuid4()))
    assert team.post(_tally_url(counting), posted).status_code == 302
    assert team.post(_tally_url(counting), posted).status_code == 302
    assert TallyEntry.objects.count() == 1
