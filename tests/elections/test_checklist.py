import datetime as dt

import time_machine
from django.urls import reverse

from elections.selectors.plans import checklist
from elections.services.plans import election_record_milestone, election_schedule


@time_machine.travel(dt.datetime(2024, 10, 18, 9, 0))
def test_checklist_lines_are_done_late_or_due_and_cite_their_article(login, personas, kp1_election):
    # Meeting on Sunday 27/10/2024: plan due 07/10, list minutes 12/10, team 17/10, posting 20/10.
    election = election_schedule(
        by=personas.p22_ubnd,
        election=kp1_election,
        meeting_date=dt.date(2024, 10, 27),
        meeting_time=None,
        meeting_place="",
    )
    for key, day in (("plan", dt.date(2024, 10, 7)), ("candidate_list_minutes", dt.date(2024, 10, 14))):
        election = election_record_milestone(by=personas.p22_ubnd, election=election, key=key, done_on=day)

    lines = {line.key: line for line in checklist(election, dt.date(2024, 10, 18))}
    assert (lines["plan"].status, lines["plan"].due) == ("done", dt.date(2024, 10, 7))
    assert (lines["candidate_list_minutes"].status, lines["candidate_list_minutes"].due) == (
        "done_late",
        dt.date(2024, 10, 12),
    )
    assert (lines["team_decision"].status, lines["team_decision"].due) == ("late", dt.date(2024, 10, 17))
    assert (lines["posting"].status, lines["posting"].due) == ("due", dt.date(2024, 10, 20))
    assert lines["community_decision"].due == dt.date(2024, 11, 1)

    page = (
        login(personas.p22_ubnd)
        .get(reverse("elections:election_detail", args=[election.pk]))
        .content.decode()
    )
    assert "NĐ 59/2023, Điều 6.1.b: chậm nhất 10 ngày trước ngày họp" in page
    assert "Xong muộn" in page and "Quá hạn" in page and "Còn hạn" in page


def test_recording_a_milestone_through_the_page(login, personas, kp1_scheduled):
    kp1_election = kp1_scheduled
    client = login(personas.p22_ubnd)
    response = client.post(
        reverse("elections:election_milestone", args=[kp1_election.pk]),
        {"key": "team_decision", "done_on": "16/10/2024"},
    )
    assert response.status_code == 302
    kp1_election.refresh_from_db()
    assert kp1_election.team_decided_on == dt.date(2024, 10, 16)
