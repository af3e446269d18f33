"""Check-in at the speed of a queue: the team checks a household in where it stands (htmx), and
the answer is a small fragment (the new row, the count, the meter) that does not grow with the
households already present; Enter in the search box checks in the one household it finds; the
page is in sections, the current one decided from what the sitting has recorded, and the list
of those present is paged. Without JavaScript the same forms post and the page comes back."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from elections.models import Attendance
from elections.selectors.meeting import ATTENDANCE_PAGE, households_matching
from elections.services import meeting as services
from elections.services import results
from tests.elections.count_helpers import contest, run_procedure, secret_ballot
from tests.factories import HouseholdFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def meeting(ready_election, personas):
    return services.meeting_open(by=personas.p22_kp1_tobaucu, election=ready_election)


@pytest.fixture
def team(login, personas):
    return login(personas.p22_kp1_tobaucu)


def _check_in_url(meeting) -> str:
    return reverse("elections:meeting_check_in", args=[meeting.pk])


def _page(meeting) -> str:
    return reverse("elections:meeting_page", args=[meeting.election_id])


def _households(meeting):
    return list(meeting.election.neighborhood.households.order_by("code"))


def test_a_tapped_household_is_checked_in_where_it_stands(meeting, team):
    household = _households(meeting)[0]
    response = team.post(_check_in_url(meeting), {"household": household.pk}, **HTMX)
    assert response.status_code == 200
    fragment = response.content.decode()
    # Not a page: the message, and out of band the new row, the count, the meter, empty results.
    assert "<html" not in fragment and "<nav" not in fragment
    assert f"Đã điểm danh hộ {household.code} – {household.head_name}." in fragment
    assert 'hx-swap-oob="afterbegin:#attendance-list"' in fragment
    assert f"<strong>{household.code}</strong>" in fragment
    assert '<span id="attendance-count" hx-swap-oob="true">1</span>' in fragment
    assert 'id="quorum-meter"' in fragment and "1/10" in fragment
    assert '<div id="search-results" class="mt-2" hx-swap-oob="true"></div>' in fragment
    assert Attendance.objects.get().household == household


def test_a_refused_check_in_says_why_in_place_and_changes_nothing(meeting, team):
    household = _households(meeting)[0]
    team.post(_check_in_url(meeting), {"household": household.pk}, **HTMX)
    again = team.post(_check_in_url(meeting), {"household": household.pk}, **HTMX).content.decode()
    assert "alert-danger" in again and f"Hộ {household.code} đã điểm danh lúc" in again
    assert "hx-swap-oob" not in again
    assert Attendance.objects.count() == 1


def _walk_ins(meeting, user, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        services.household_add_at_meeting(
            by=user, meeting=meeting, code=f"P22-KP01-9{n:03d}", head_name=f"Nguyễn Văn Mới {n:03d}"
        )


def _measured_check_in(team, meeting, household) -> tuple[int, int]:
    """(bytes, SQL queries) of one check-in's answer."""
    with CaptureQueriesContext(connection) as queries:
        response = team.post(_check_in_url(meeting), {"household": household.pk}, **HTMX)
    assert "Đã điểm danh hộ" in response.content.decode()
    return len(response.content), len(queries)


def test_the_answer_to_a_check_in_does_not_grow_with_those_present(meeting, team, personas):
    first, second = (
        HouseholdFactory(neighborhood=meeting.election.neighborhood, head_name=name)
        for name in ("Lê Văn Một", "Lê Văn Hai")
    )
    _walk_ins(meeting, personas.p22_kp1_tobaucu, 10)  # enough to elect: the meter's words stay
    size, queries = _measured_check_in(team, meeting, first)
    _walk_ins(meeting, personas.p22_kp1_tobaucu, 120, start=10)
    later_size, later_queries = _measured_check_in(team, meeting, second)
    # The same fragment: only figures such as "11/22" → "132/142" and the time differ.
    assert abs(later_size - size) <= 8
    assert later_queries == queries


def test_the_page_lists_one_page_of_check_ins_with_the_count(meeting, team, personas):
    _walk_ins(meeting, personas.p22_kp1_tobaucu, ATTENDANCE_PAGE + 5)
    page = team.get(_page(meeting)).content.decode()
    assert page.count('data-testid="attendance"') == ATTENDANCE_PAGE
    assert f'<span id="attendance-count">{ATTENDANCE_PAGE + 5}</span>' in page
    # Newest first; the oldest are on the next page.
    assert f"P22-KP01-9{ATTENDANCE_PAGE + 4:03d}" in page and "P22-KP01-9000" not in page
    assert "Cũ hơn" in page
    older = team.get(_page(meeting), {"trang": 2}).content.decode()
    assert older.count('data-testid="attendance"') == 5 and "P22-KP01-9000" in older and "Mới hơn" in older
    for nonsense in ("0", "-1", "abc", "9" * 5000):  # the first page, never an error
        first = team.get(_page(meeting), {"trang": nonsense})
        assert first.status_code == 200
        assert f"P22-KP01-9{ATTENDANCE_PAGE + 4:03d}" in first.content.decode()
        assert "P22-KP01-9000" not in first.content.decode()


def test_the_page_weighs_the_same_with_a_page_or_three_pages_present(meeting, team, personas):
    _walk_ins(meeting, personas.p22_kp1_tobaucu, ATTENDANCE_PAGE + 1)
    one_page = len(team.get(_page(meeting)).content)
    _walk_ins(meeting, personas.p22_kp1_tobaucu, 2 * ATTENDANCE_PAGE, start=100)
    three_pages = len(team.get(_page(meeting)).content)
    assert abs(three_pages - one_page) <= 60  # the counts' digits, "Trang", the CSRF token


def test_enter_checks_in_the_one_household_the_query_finds(meeting, team):
    household = HouseholdFactory(
        neighborhood=meeting.election.neighborhood, head_name="Đoàn Thị Ngọc Ánh", address="12/5 Lê Lợi"
    )
    response = team.post(_check_in_url(meeting), {"q": "doan thi ngoc anh 12/5"}, **HTMX).content.decode()
    assert f"Đã điểm danh hộ {household.code} – Đoàn Thị Ngọc Ánh." in response
    assert Attendance.objects.get().household == household


def test_enter_on_several_matches_lists_them_and_checks_no_one_in(meeting, team):
    for name in ("Khúc Văn Đạt", "Khúc Thị Đào"):
        HouseholdFactory(neighborhood=meeting.election.neighborhood, head_name=name)
    response = team.post(_check_in_url(meeting), {"q": "khuc dao dat"}, **HTMX).content.decode()
    assert "Không tìm thấy hộ nào" in response
    found = households_matching(meeting.election.neighborhood, "khuc").count()
    assert found >= 2
    response = team.post(_check_in_url(meeting), {"q": "khuc"}, **HTMX).content.decode()
    assert f"Tìm thấy {found} hộ: chạm vào hộ cần điểm danh." in response
    assert "Khúc Văn Đạt" in response and "Khúc Thị Đào" in response
    assert 'hx-swap-oob="true"' in response and "Đã điểm danh hộ" not in response
    assert not Attendance.objects.exists()


def test_without_javascript_the_search_and_the_check_in_post_the_page(meeting, team):
    household = _households(meeting)[0]
    # Enter on a query that finds several (every code shares its letters; a code less its last
    # digit may find one alone, by where the factory's numbering stands): back to the page,
    # which lists them, the first code first.
    prefix = household.code.rstrip("0123456789")
    assert meeting.election.neighborhood.households.filter(code__startswith=prefix).count() > 1
    response = team.post(_check_in_url(meeting), {"q": prefix})
    assert response.status_code == 302 and "q=" in response["Location"]
    listed = team.get(response["Location"]).content.decode()
    assert f'<input type="hidden" name="household" value="{household.pk}">' in listed
    # A tap posts, and the page says who came.
    response = team.post(_check_in_url(meeting), {"household": household.pk})
    assert response.status_code == 302
    assert f"Đã điểm danh hộ {household.code}" in team.get(response["Location"]).content.decode()
    # Enter on the exact code.
    other = _households(meeting)[1]
    team.post(_check_in_url(meeting), {"q": other.code.lower()})
    assert set(Attendance.objects.values_list("household__code", flat=True)) == {household.code, other.code}


def _current(team, meeting) -> str:
    page = team.get(_page(meeting)).content.decode()
    return page.split('data-wv-sections="', 1)[1].split('"', 1)[0]


def test_the_page_opens_at_the_step_the_meeting_has_reached(meeting, team, personas):
    assert _current(team, meeting) == "diem-danh"
    for household in _households(meeting)[:7]:
        services.check_in(by=personas.p22_kp1_tobaucu, meeting=meeting, household=household)
    assert _current(team, meeting) == "diem-danh"
    meeting.secretary_name = "Trần Thị Thư"
    meeting.secretary_votes = 7
    meeting.save()
    assert _current(team, meeting) == "trinh-tu"
    meeting = run_procedure(meeting)
    assert _current(team, meeting) == "kiem-phieu"
    head = contest(meeting)
    results.tally_submit(
        by=personas.p22_kp1_tobaucu,
        meeting=meeting,
        contest=head,
        **secret_ballot(dict.fromkeys(head.candidates.all(), 7), issued=7),
    )
    assert _current(team, meeting) == "kiem-phieu"
    meeting.refresh_from_db()
    meeting.closed_at = meeting.opened_at
    meeting.save()
    assert _current(team, meeting) == "bien-ban"


def test_the_sections_keep_the_agenda_before_the_vote_and_the_meter_in_the_bar(meeting, team):
    page = team.get(_page(meeting)).content.decode()
    bar = page.index('data-testid="meeting-bar"')
    assert bar < page.index('id="quorum-meter"') < page.index("data-wv-sections=")
    for key in ("diem-danh", "trinh-tu", "kiem-phieu", "bien-ban"):
        assert f'<section id="{key}"' in page and f'href="#{key}"' in page
    procedure = page.index('<section id="trinh-tu"')
    assert procedure < page.index('data-testid="meeting-agenda"') < page.index('data-testid="procedure"')
