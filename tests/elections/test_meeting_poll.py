"""The quorum meter's poll on an election Sunday: the phones and the projector ask every 3 s,
and while nobody checks in the answer is a bare 304 after one query of the app's own.

Every change the meter shows (a check-in, its undoing, a walk-in, the close) gives the next poll
the whole meter again; a poll from someone without access learns nothing, not even "unchanged"."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from elections.selectors import meeting as meeting_selectors
from elections.services import meeting as services
from tests.elections.count_helpers import enter_twice, run_procedure, secret_ballot
from tests.elections.test_clusters import check_in_cluster, plan, sittings  # noqa: F401 (fixtures)


@pytest.fixture
def meeting(ready_election, personas):
    return services.meeting_open(by=personas.p22_kp1_tobaucu, election=ready_election)


@pytest.fixture
def team(login, personas):
    return login(personas.p22_kp1_tobaucu)


def _meter_url(meeting) -> str:
    return reverse("elections:meeting_quorum", args=[meeting.pk])


def _poll(client, meeting, etag: str | None = None):
    """A poll as the browser sends it: with the ETag of the meter it keeps, if any."""
    headers = {"HTTP_HX_REQUEST": "true"}
    if etag:
        headers["HTTP_IF_NONE_MATCH"] = etag
    return client.get(_meter_url(meeting), **headers)


def _households(meeting):
    return list(meeting.election.neighborhood.households.order_by("code"))


def test_an_unchanged_meter_is_answered_304_and_the_browser_asks_again_each_time(meeting, team):
    first = _poll(team, meeting)
    assert first.status_code == 200
    assert 'data-testid="present">0/10<' in first.content.decode()
    etag = first.headers["ETag"]
    # Kept by the browser alone, and revalidated at every poll.
    assert set(first.headers["Cache-Control"].replace(" ", "").split(",")) == {"private", "no-cache"}

    again = _poll(team, meeting, etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["ETag"] == etag
    assert "no-cache" in again.headers["Cache-Control"]


def test_a_check_in_its_undoing_and_a_walk_in_each_give_the_next_poll_the_new_meter(meeting, team, personas):
    by = personas.p22_kp1_tobaucu
    etag = _poll(team, meeting).headers["ETag"]

    attendance = services.check_in(by=by, meeting=meeting, household=_households(meeting)[0])
    after_check_in = _poll(team, meeting, etag)
    assert after_check_in.status_code == 200
    assert 'data-testid="present">1/10<' in after_check_in.content.decode()
    assert _poll(team, meeting, after_check_in.headers["ETag"]).status_code == 304

    services.check_in_undo(by=by, attendance=attendance, reason="Điểm danh nhầm hộ")
    after_undo = _poll(team, meeting, after_check_in.headers["ETag"])
    assert after_undo.status_code == 200
    assert 'data-testid="present">0/10<' in after_undo.content.decode()

    services.household_add_at_meeting(by=by, meeting=meeting, code="P22-KP01-9999", head_name="Võ Văn Mới")
    after_walk_in = _poll(team, meeting, after_undo.headers["ETag"])
    assert after_walk_in.status_code == 200
    assert 'data-testid="present">1/11<' in after_walk_in.content.decode()
    etags = {r.headers["ETag"] for r in (after_check_in, after_undo, after_walk_in)} | {etag}
    assert len(etags) == 4


def test_a_refused_check_in_leaves_the_meter_unchanged(meeting, team, personas):
    household = _households(meeting)[0]
    services.check_in(by=personas.p22_kp1_tobaucu, meeting=meeting, household=household)
    etag = _poll(team, meeting).headers["ETag"]
    with pytest.raises(ValidationError, match="đã điểm danh"):
        services.check_in(by=personas.p22_kp1_tobaucu, meeting=meeting, household=household)
    assert _poll(team, meeting, etag).status_code == 304


def test_the_close_of_the_meeting_gives_the_next_poll_the_meter_again(meeting, team, personas):
    for household in _households(meeting)[:6]:
        services.check_in(by=personas.p22_kp1_tobaucu, meeting=meeting, household=household)
    run_procedure(meeting)
    etag = _poll(team, meeting).headers["ETag"]
    for contest in meeting_selectors.contests_to_vote(meeting):
        candidate = contest.candidates.order_by("pk").first()
        enter_twice(
            meeting,
            contest,
            personas.p22_kp1_tobaucu,
            personas.p22_kp1_thuky,
            secret_ballot({candidate: 6}, issued=6),
        )
    meeting.refresh_from_db()
    assert meeting.closed_at is not None
    assert _poll(team, meeting, etag).status_code == 200


def test_a_check_in_at_one_cluster_changes_the_meter_of_the_other(sittings, team, personas):  # noqa: F811
    whole, (first, second) = sittings
    first_etag = _poll(team, first).headers["ETag"]
    whole_etag = _poll(team, whole).headers["ETag"]
    check_in_cluster(second, personas.p22_kp1_tobaucu, 2)
    # Cụm 1's meter also shows the whole khu phố's figure, which has moved.
    answer = _poll(team, first, first_etag)
    assert answer.status_code == 200
    assert answer.content.decode().count("2/10") == 2  # the khu phố's figure, and in its message
    assert _poll(team, whole, whole_etag).status_code == 200


def test_someone_without_access_learns_nothing_not_even_unchanged(meeting, team, client, login, personas):
    etag = _poll(team, meeting).headers["ETag"]
    other_ward = login(personas.p25_ubnd)
    refused = _poll(other_ward, meeting, etag)
    assert refused.status_code == 404
    assert "ETag" not in refused.headers
    client.logout()
    assert _poll(client, meeting, etag).status_code == 302  # to the login page


def test_the_meter_in_english_has_its_own_etag(meeting, team):
    etag = _poll(team, meeting).headers["ETag"]
    team.post(reverse("set_language"), {"language": "en"})
    english = _poll(team, meeting, etag)
    assert english.status_code == 200
    assert "households present" in english.content.decode()
    assert english.headers["ETag"] != etag


def test_a_poll_costs_a_fixed_number_of_statements(meeting, team, personas, django_assert_num_queries):
    _poll(team, meeting)  # the session and the template warmed up
    # Session, user, assignments, then the meter's version with the access check in the same query.
    with django_assert_num_queries(6):  # a first poll: the sitting and its count besides
        etag = _poll(team, meeting).headers["ETag"]
    with django_assert_num_queries(4):
        assert _poll(team, meeting, etag).status_code == 304
    for household in _households(meeting)[:6]:
        services.check_in(by=personas.p22_kp1_tobaucu, meeting=meeting, household=household)
    # A changed meter: the sitting and its count besides.
    with django_assert_num_queries(6):
        assert _poll(team, meeting, etag).status_code == 200
