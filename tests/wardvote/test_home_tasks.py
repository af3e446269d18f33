"""Each role's open tasks on its home page (issue 16 item 4): the ward official's decisions due
and late steps, the ward Front's lists waiting for it, the team's meeting of the day, each with
its count and deadline as the election's checklist has them; the page's queries do not grow
with the number of elections."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from elections import consultation
from elections.models import ContestKind
from elections.selectors.plans import checklist
from elections.services.candidates import candidate_add
from elections.services.plans import election_schedule
from tests.factories import make_neighborhood

pytestmark = pytest.mark.django_db

TODAY = dt.date(2024, 10, 27)


@pytest.fixture
def today(monkeypatch):
    """The home page reads the ward's today: Sunday 27/10/2024, Khu phố 1's meeting day."""
    monkeypatch.setattr("wardvote.views.timezone.localdate", lambda: TODAY)
    return TODAY


def _home(client) -> str:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def _section(page: str, key: str) -> str:
    start = page.index(f'data-testid="task-list-{key}"')
    return page[start : page.index("</section>", start)]


def _count(section: str) -> int:
    start = section.index('data-testid="task-count">') + len('data-testid="task-count">')
    return int(section[start : section.index("<", start)])


def test_the_team_sees_todays_meeting_with_its_time_and_place(prepared, personas, login, today):
    page = _home(login(personas.p22_kp1_tobaucu))
    meeting = _section(page, "meeting")
    assert _count(meeting) == 1
    assert "Khu phố 1" in meeting and "08:00, Nhà văn hóa khu phố 1" in meeting
    assert reverse("elections:meeting_page", args=[prepared.pk]) in meeting


def test_the_team_is_told_when_the_next_meeting_is(prepared, personas, login, monkeypatch):
    monkeypatch.setattr("wardvote.views.timezone.localdate", lambda: dt.date(2024, 10, 20))
    meeting = _section(_home(login(personas.p22_kp1_tobaucu)), "meeting")
    assert _count(meeting) == 0
    assert (
        "Hôm nay không có cuộc họp. Cuộc họp tới: Khu phố 1, 27/10/2024 08:00, Nhà văn hóa khu phố 1."
        in meeting
    )


def test_the_ward_front_sees_the_lists_waiting_for_it_with_their_deadlines(
    kp1_scheduled, personas, login, today
):
    head = kp1_scheduled.contests.get(kind=ContestKind.HEAD)
    candidate_add(
        contest=head,
        full_name="Nguyễn Văn An",
        gender="male",
        birth_date=dt.date(1970, 1, 1),
        nomination_source="front_committee",
    )
    for step in ("record_party_opinion", "fix_official_list", "send_to_ward"):
        consultation.list_transition(head, step, by=personas.p22_ubnd)
    lists = _section(_home(login(personas.p22_mttq)), "lists")
    # Every list of the ward's 3 khu phố waits for the Front: Khu phố 1's head's list to be
    # approved, the others to be drawn up (Khu phố 2 and 3 have no meeting date, so no deadline).
    assert _count(lists) == 6
    assert lists.count("hạn ") == 2
    assert "Đã gửi phường: <strong>1</strong>; Dự kiến (Ban công tác Mặt trận): <strong>5</strong>" in lists
    posting = next(line for line in checklist(kp1_scheduled, TODAY) if line.key == "posting")
    minutes = next(line for line in checklist(kp1_scheduled, TODAY) if line.key == "candidate_list_minutes")
    assert "Khu phố 1 – Trưởng khu phố</a>: Đã gửi phường" in lists
    assert f"hạn {posting.due:%d/%m/%Y}" in lists
    assert f"hạn {minutes.due:%d/%m/%Y}" in lists
    assert "(quá hạn)" in lists  # on the meeting day, both deadlines have passed
    assert reverse("elections:contest_detail", args=[head.pk]) in lists
    # The ward official drafts lists too, but does not get the Front's task list.
    assert 'data-testid="task-list-lists"' not in _home(login(personas.p22_ubnd))


def test_the_ward_official_sees_the_recognition_due_and_the_late_steps(
    recognised_kp1, personas, login, monkeypatch
):
    # Form 03 was received on 01/11/2024; on 02/11 the recognition is due within 5 working days.
    election = recognised_kp1
    election.recognised_on = None
    election.answered_on = None
    election.save(update_fields=["recognised_on", "answered_on"])
    day = dt.date(2024, 11, 2)
    monkeypatch.setattr("wardvote.views.timezone.localdate", lambda: day)
    lines = checklist(election, day)
    late = [line for line in lines if line.status == "late"]
    recognition = next(line for line in lines if line.key == "recognition")
    page = _home(login(personas.p22_ubnd))
    decisions = _section(page, "decisions")
    assert _count(decisions) == 1
    assert "Quyết định công nhận kết quả bầu cử" in decisions
    assert f"hạn {recognition.due:%d/%m/%Y}" in decisions and "(quá hạn)" not in decisions
    overdue = _section(page, "late")
    assert _count(overdue) == len(late)
    for line in late:
        assert str(line.label) in overdue


def test_nothing_late_reads_as_such(plans, personas, login, today):
    page = _home(login(personas.p22_ubnd))
    assert _count(_section(page, "late")) == 0
    assert "Không có việc nào quá hạn." in page
    assert "Không có quyết định nào đang chờ." in page


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(reverse("home")).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("persona", ["p22_ubnd", "p22_mttq", "p22_kp1_tobaucu"])
def test_the_home_page_costs_the_same_with_more_elections(plans, hcm_map, personas, login, today, persona):
    client = login(getattr(personas, persona))
    for election in plans["ward"].elections.all():
        election_schedule(
            by=personas.p22_ubnd, election=election, meeting_date=TODAY, meeting_time=None, meeting_place=""
        )
    before = _queries(client)
    for n in range(4, 12):
        make_neighborhood(hcm_map.p22, n)
    from elections.services.plans import plan_create
    from tests.conftest import PLAN_DEFAULTS

    second = plan_create(
        by=personas.p22_ubnd,
        division=hcm_map.p22,
        parent=plans["district"],
        number="193/KHLT",
        issued_on=dt.date(2024, 10, 8),
        title="Bầu cử",
        **{**PLAN_DEFAULTS, "term_start_year": 2029, "term_end_year": 2034},
    )
    for election in second.elections.all():
        election_schedule(
            by=personas.p22_ubnd, election=election, meeting_date=TODAY, meeting_time=None, meeting_place=""
        )
    assert second.elections.count() >= 11
    assert _queries(client) == before
