"""Each role's open tasks on its home page (issue 16): what waits for this person, with its
count and its deadline.

Nothing here decides a deadline: the lines come from the election's checklist
(``elections.selectors.plans.checklist``, which reads fields only), and a list waits for the
steps ``elections.consultation.LIST_TRANSITIONS`` grants the assignment. Each kind of task is one
query per assignment, however many elections lie below it.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from elections import rules
from elections.consultation import LIST_TRANSITIONS
from elections.models import Contest, Election, ListStatus, Stage
from elections.selectors.fetch import elections_for
from elections.selectors.plans import SCHEDULABLE_STAGES, checklist
from neighborhoods.models import Level, StaffAssignment, subtree_q
from wardvote import access
from wardvote.text import natural_key

# The ward answers the community's decision within 5 working days of receiving it (NĐ 59 Art. 8;
# Luật Art. 21.2): the checklist's "recognition" line, which exists once form 03 is received.
DECISION_KEYS = ("recognition",)
# Before a list is sent, the khu phố's form 05 is due (NĐ 59 Art. 6.2); once sent, the ward
# Front approves it before the notice is posted (Art. 6.1).
LIST_DUE_KEY: dict[str, str] = {ListStatus.SUBMITTED.value: "posting"}
LIST_DUE_DEFAULT = "candidate_list_minutes"


@dataclass(frozen=True)
class Task:
    label: str
    detail: str
    url: str
    due: datetime.date | None = None
    late: bool = False


@dataclass(frozen=True)
class TaskList:
    key: str
    title: str
    empty: str
    tasks: list[Task] = field(default_factory=list)
    # How many of them are at each step, e.g. [("Đã gửi phường", 3), ...], where that helps.
    summary: list[tuple[str, int]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.tasks)

    @property
    def late_count(self) -> int:
        return sum(1 for task in self.tasks if task.late)


def _election_url(election: Election) -> str:
    return reverse("elections:election_detail", args=[election.pk])


def _elections_below(user, assignment: StaffAssignment, capability: str):
    """The real elections below the assignment: a practice copy sets nobody a task."""
    return (
        elections_for(user, capability)
        .official()
        .filter(subtree_q(assignment.division, field="neighborhood__path"))
    )


def _by_due(tasks: list[Task]) -> list[Task]:
    return sorted(tasks, key=lambda t: (t.due or datetime.date.max, natural_key(t.label.split(" – ")[0])))


def ward_official_tasks(user, assignment: StaffAssignment, today: datetime.date) -> list[TaskList]:
    """Decisions due within their 5 working days, and every step that is late, over the
    elections whose meeting is set (one query)."""
    decisions, late = [], []
    elections = _elections_below(user, assignment, access.MANAGE_ELECTIONS).filter(meeting_date__isnull=False)
    for election in elections:
        for line in checklist(election, today):
            task = Task(
                election.neighborhood.name,
                str(line.label),
                _election_url(election),
                line.due,
                line.status == rules.LATE,
            )
            if line.key in DECISION_KEYS and line.status == rules.DUE:
                decisions.append(task)
            if line.status == rules.LATE:
                late.append(task)
    return [
        TaskList(
            "decisions",
            _("Quyết định đến hạn (trong 5 ngày làm việc)"),
            _("Không có quyết định nào đang chờ."),
            _by_due(decisions),
        ),
        TaskList("late", _("Việc quá hạn"), _("Không có việc nào quá hạn."), _by_due(late)),
    ]


def waiting_statuses(capabilities: frozenset[str]) -> list[str]:
    """The list statuses from which a step the holder of ``capabilities`` may take leads on."""
    return sorted(
        {
            source
            for transition in LIST_TRANSITIONS.values()
            if capabilities & set(transition.capabilities)
            for source in transition.sources
        }
    )


def _step_order(item: tuple[str, int]) -> int:
    """The list's steps in the order they come: sent to the ward first, the Front's own decision."""
    order = [ListStatus.SUBMITTED, ListStatus.RETURNED, ListStatus.DRAFT, ListStatus.PARTY_OPINION]
    return order.index(ListStatus(item[0])) if item[0] in order else len(order)


def front_tasks(user, assignment: StaffAssignment, today: datetime.date) -> list[TaskList]:
    """The candidate lists waiting for a step of the ward Front, each with the deadline it runs
    against (one query)."""
    statuses = waiting_statuses(access.capabilities_of(assignment))
    contests = (
        Contest.objects.filter(
            election__in=_elections_below(user, assignment, access.RUN_CONSULTATION),
            list_status__in=statuses,
        )
        .select_related("election__neighborhood", "election__plan")
        .order_by("pk")
    )
    tasks, by_status = [], Counter[str]()
    for contest in contests:
        by_status[contest.list_status] += 1
        election = contest.election
        key = LIST_DUE_KEY.get(contest.list_status, LIST_DUE_DEFAULT)
        line = next((line for line in checklist(election, today) if line.key == key), None)
        tasks.append(
            Task(
                f"{election.neighborhood.name} – {contest.get_kind_display()}",
                contest.get_list_status_display(),
                reverse("elections:contest_detail", args=[contest.pk]),
                line.due if line else None,
                bool(line and line.status == rules.LATE),
            )
        )
    return [
        TaskList(
            "lists",
            _("Danh sách người ứng cử chờ Mặt trận"),
            _("Không có danh sách nào đang chờ."),
            _by_due(tasks),
            [(str(ListStatus(status).label), n) for status, n in sorted(by_status.items(), key=_step_order)],
        )
    ]


def team_tasks(user, assignment: StaffAssignment, today: datetime.date) -> list[TaskList]:
    """Today's meetings of the team's khu phố, and the next one when there is none today (one
    query)."""
    elections = (
        _elections_below(user, assignment, access.RUN_MEETING)
        .filter(meeting_date__gte=today, stage__in=[*SCHEDULABLE_STAGES, Stage.MEETING_HELD])
        .order_by("meeting_date", "meeting_time", "pk")
    )
    today_tasks, next_meeting = [], None
    for election in elections:
        task = Task(
            election.neighborhood.name,
            _meeting_detail(election),
            reverse("elections:meeting_page", args=[election.pk]),
            election.meeting_date,
        )
        if election.meeting_date == today:
            today_tasks.append(task)
        elif next_meeting is None:
            next_meeting = task
    empty = _("Hôm nay không có cuộc họp.")
    if next_meeting is not None:
        empty = _("Hôm nay không có cuộc họp. Cuộc họp tới: %(when)s.") % {
            "when": f"{next_meeting.label}, {next_meeting.due:%d/%m/%Y} {next_meeting.detail}".strip()
        }
    return [TaskList("meeting", _("Cuộc họp hôm nay"), empty, today_tasks)]


def _meeting_detail(election: Election) -> str:
    time = f"{election.meeting_time:%H:%M}" if election.meeting_time else ""
    return ", ".join(part for part in (time, election.meeting_place) if part)


def tasks_for(user, assignment: StaffAssignment, today: datetime.date) -> list[TaskList]:
    """The open tasks of one assignment, by what its role does."""
    capabilities = access.capabilities_of(assignment)
    level = assignment.division.level
    lists: list[TaskList] = []
    if level == Level.WARD and access.MANAGE_ELECTIONS in capabilities:
        lists += ward_official_tasks(user, assignment, today)
    if level == Level.WARD and access.RUN_CONSULTATION in capabilities:
        lists += front_tasks(user, assignment, today)
    if level in (Level.WARD, Level.NEIGHBORHOOD) and access.RUN_MEETING in capabilities:
        lists += team_tasks(user, assignment, today)
    return lists
