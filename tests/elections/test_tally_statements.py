"""What one tally submission costs in SQL statements, posted through the page as the team does.

The numbers are pinned: a change that reads the sitting, the attendance or the results once
more shows here. Each count includes the session and user lookups and the SAVEPOINT / RELEASE
of the view's transaction (the test runs inside its own). Khu phố 1 votes two contests: the
first entry of a contest, the second entry that matches it (accepted), and the second entry of
the last contest, which also closes the sitting and moves the election to "counted".
"""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from elections.models import (
    Contest,
    ContestKind,
    ContestResult,
    Election,
    Meeting,
    Stage,
    StageChange,
    TallyEntry,
)
from elections.selectors import count as count_selectors
from elections.selectors.meeting import voters
from elections.services import meeting as meeting_services
from tests.elections.count_helpers import check_in_first, contest, run_procedure

FIRST_ENTRY = 14
ACCEPTING_ENTRY = 21
CLOSING_ENTRY = 25  # with the quorum meter's version, raised as the sitting closes


@pytest.fixture
def counting(ready_election, personas):
    meeting = meeting_services.meeting_open(by=personas.p22_kp1_tobaucu, election=ready_election)
    check_in_first(meeting, personas.p22_kp1_tobaucu, 6)
    # Served by a running app whose content types are known: not counted against the tally.
    ContentType.objects.get_for_models(TallyEntry, ContestResult, Contest, Election, Meeting)
    return run_procedure(meeting)


def _everyone_approves_the_first(meeting, contest_) -> dict:
    present = voters(meeting)
    form = {"issued": present, "returned": present, "valid": present, "invalid": 0}
    for i, candidate in enumerate(count_selectors.candidates_of(contest_)):
        form[f"candidate_{candidate.pk}"] = present if i == 0 else 0
    return form


def _submit(client, user, meeting, contest_, says: str) -> int:
    """Post one entry as ``user``; check where it leads and what that page says; the statements."""
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("elections:meeting_tally", args=[meeting.pk, contest_.pk])
    form = _everyone_approves_the_first(meeting, contest_)
    connection.queries_log.clear()  # the log keeps the last 9,000: counted from an empty one
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, form)
    statements = len(queries.captured_queries)
    assert response.status_code == 302 and response.url == url
    assert says in client.get(url).content.decode()
    return statements


def test_each_kind_of_tally_entry_costs_a_fixed_number_of_statements(counting, personas, client):
    first_user, second_user = personas.p22_kp1_tobaucu, personas.p22_kp1_thuky
    head, board = contest(counting, ContestKind.HEAD), contest(counting, ContestKind.INSPECTION_BOARD)
    waiting, accepted = "Chờ người thứ hai nhập độc lập để đối chiếu", "Hai lần nhập khớp nhau"

    assert _submit(client, first_user, counting, head, waiting) == FIRST_ENTRY
    assert _submit(client, second_user, counting, head, accepted) == ACCEPTING_ENTRY
    assert _submit(client, first_user, counting, board, waiting) == FIRST_ENTRY
    logged = LogEntry.objects.count()
    assert _submit(client, second_user, counting, board, accepted) == CLOSING_ENTRY

    # Every audit entry that says something is still written: the entry, the result, who is
    # elected, the sitting closed; the stage change is its StageChange row.
    closing = LogEntry.objects.order_by("pk")[logged:]
    assert sorted(e.content_type.model for e in closing) == [
        "contest",
        "contestresult",
        "meeting",
        "tallyentry",
    ]

    counting.refresh_from_db()
    counting.election.refresh_from_db()
    assert counting.closed_at is not None and counting.election.stage == Stage.COUNTED
    assert ContestResult.objects.filter(meeting=counting).count() == 2
    assert StageChange.objects.filter(election=counting.election, to_stage=Stage.COUNTED).count() == 1
