"""Reads of a sitting (a community meeting or a household-ballot round): which one is
current, its household snapshot, who is present, what is voted and what the procedure lacks."""

from __future__ import annotations

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.utils.translation import gettext as _

from elections import rules
from elections.models import (
    Attendance,
    Contest,
    Election,
    ElectionPurpose,
    ListStatus,
    Meeting,
    MeetingMode,
    TeamRole,
    VotingMethod,
)
from elections.selectors.count import open_seats
from neighborhoods.models import Division, Household, HouseholdStatus
from wardvote.text import search_words


def rounds(election: Election) -> QuerySet[Meeting]:
    """The election's sittings as the khu phố holds them: one row per round (a meeting held by
    cluster is one round, whose cluster sittings are rows of their own, ``cluster_sittings``)."""
    return election.meetings.filter(cluster__isnull=True)


def cluster_sittings(meeting: Meeting) -> QuerySet[Meeting]:
    """The cluster sittings of a round held by cluster (none for a single sitting), in the plan's order."""
    return Meeting.objects.filter(
        election_id=meeting.election_id, number=meeting.number, cluster__isnull=False
    ).order_by("cluster__position", "cluster_id")


def held_by_cluster(meeting: Meeting) -> bool:
    """Whether ``meeting`` is the khu phố's row of a round held as cluster sittings (read from
    ``with_cluster_flag``'s annotation when the row was fetched with it: no further query)."""
    if meeting.cluster_id is not None:
        return False
    flag = getattr(meeting, "by_cluster", None)
    return cluster_sittings(meeting).exists() if flag is None else bool(flag)


def with_cluster_flag(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """The rows annotated with ``by_cluster`` (whether their round is held by cluster), so that a
    page asks ``held_by_cluster`` without another query."""
    sittings = Meeting.objects.filter(
        election_id=OuterRef("election_id"), number=OuterRef("number"), cluster__isnull=False
    )
    return meetings.annotate(by_cluster=Exists(sittings))


def current_meeting(election: Election) -> Meeting | None:
    """The sitting in progress (a community meeting or a household-ballot round)."""
    return rounds(election).filter(closed_at__isnull=True).order_by("-number").first()


def current_meeting_any(election: Election) -> Meeting | None:
    """The latest sitting (or household-ballot round), open or closed."""
    return rounds(election).order_by("-number").first()


def latest_community_meeting(election: Election) -> Meeting | None:
    """The latest sitting held as a community meeting (not a household-ballot round): the
    one whose attendance decides whether household ballots are allowed."""
    return rounds(election).filter(mode=MeetingMode.MEETING).order_by("-number").first()


def household_total(election: Election) -> int:
    """The snapshot every majority counts from: the khu phố's active households now."""
    return Household.objects.filter(neighborhood=election.neighborhood, status=HouseholdStatus.ACTIVE).count()


def next_number(election: Election) -> int:
    return (election.meetings.order_by("-number").values_list("number", flat=True).first() or 0) + 1


def round_attendances(meeting: Meeting) -> QuerySet[Attendance]:
    """The check-ins not undone of the whole round ``meeting`` belongs to: of every cluster
    sitting when the khu phố meets by cluster (a household checks in once across them)."""
    return Attendance.objects.filter(
        meeting__election_id=meeting.election_id, meeting__number=meeting.number, undone_at__isnull=True
    )


def _attendances(meeting: Meeting) -> QuerySet[Attendance]:
    """Who is present: at this cluster sitting, or for the khu phố's row, across its round."""
    if meeting.cluster_id is not None:
        return meeting.attendances.filter(undone_at__isnull=True)
    return round_attendances(meeting)


def present_count(meeting: Meeting) -> int:
    return _attendances(meeting).count()


def meeting_quorum(meeting: Meeting) -> rules.Quorum:
    return rules.quorum(present_count(meeting), meeting.household_total)


def voters(meeting: Meeting) -> int:
    """Households that could vote: representatives present, or ballots handed out."""
    if meeting.mode == MeetingMode.HOUSEHOLD_BALLOTS:
        return meeting.household_ballots.count()
    return _attendances(meeting).count()


def contests_to_vote(meeting: Meeting) -> list[Contest]:
    """The approved contests that no earlier sitting has filled."""
    contests = meeting.election.contests.filter(list_status=ListStatus.APPROVED).order_by("kind")
    return [contest for contest in contests if is_voted_at(meeting, contest)]


def is_voted_at(meeting: Meeting, contest: Contest) -> bool:
    """Whether ``contest`` is voted on at this sitting: approved, and not filled by an earlier one."""
    if contest.election_id != meeting.election_id or contest.list_status != ListStatus.APPROVED:
        return False
    if meeting.number == 1:
        return True
    return open_seats(contest, before=meeting.number) > 0


def procedure_problems(meeting: Meeting) -> list[str]:
    """What must be recorded before the count can be entered."""
    problems = []
    if not meeting.secretary_name:
        problems.append(_("Chưa biểu quyết thư ký cuộc họp."))
    if meeting.list_presented_at is None:
        problems.append(_("Chưa giới thiệu danh sách người ứng cử."))
    if not meeting.voting_method:
        problems.append(_("Chưa biểu quyết hình thức bầu."))
    elif meeting.voting_method == VotingMethod.SECRET_BALLOT and not meeting.counting_board:
        problems.append(_("Chưa biểu quyết Ban kiểm phiếu và người chứng kiến."))
    return problems


def active_attendance(meeting: Meeting, household: Household) -> Attendance | None:
    """The household's check-in not undone at this sitting or, when the khu phố meets by
    cluster, at any sitting of the round (with its cluster), if any."""
    return round_attendances(meeting).filter(household=household).select_related("meeting__cluster").first()


def tally_started(meeting: Meeting) -> bool:
    """Whether anyone has typed a count at this sitting (the procedure is then fixed)."""
    return meeting.tally_entries.exists()


def households_matching(neighborhood: Division, query: str = "") -> QuerySet[Household]:
    """The khu phố's households whose code, head's name or address (house number included)
    holds every word of ``query``, tones and case ignored ("nguyen van" finds "Nguyễn Văn",
    "d" finds "đ"; all of them without a query): a ``LIKE`` on the folded ``search_text``,
    the same on SQLite and PostgreSQL. Names and addresses: the caller has checked
    ``READ_PERSONAL_DATA`` and records the read in the audit log."""
    households = Household.objects.filter(neighborhood=neighborhood)
    for word in search_words(query):
        households = households.filter(search_text__contains=word)
    return households.annotate(typed_differently=_typed_differently(query.strip()))


# Order of a search's results: those holding the query as typed, tones included, first ("Văn An"
# lists "Nguyễn Văn An" before "Trần Văn Anh" and "Lê Văn Ân"), then by code.
BEST_FIRST = ("typed_differently", "code")


def _typed_differently(typed: str) -> Case:
    if not typed:
        return Case(default=Value(1), output_field=IntegerField())
    as_typed = Q(code__icontains=typed) | Q(head_name__icontains=typed) | Q(address__icontains=typed)
    return Case(When(as_typed, then=Value(0)), default=Value(1), output_field=IntegerField())


def single_match(neighborhood: Division, query: str) -> Household | None:
    """The one household ``query`` designates (Enter in the check-in's search box): the one whose
    code it is, else the only one it finds; None when it finds none or several."""
    exact = Household.objects.filter(neighborhood=neighborhood, code__iexact=query.strip()).first()
    if exact is not None:
        return exact
    found = list(households_matching(neighborhood, query)[:2]) if search_words(query) else []
    return found[0] if len(found) == 1 else None


def present_household_ids(meeting: Meeting) -> set[int]:
    """The households checked in at this sitting, or at any sitting of its round (not undone)."""
    return set(round_attendances(meeting).values_list("household_id", flat=True))


def team_head_name(election: Election) -> str:
    """The election team's head: who chairs the meeting by default (NĐ 59 Art. 3.1.b)."""
    head = election.team_members.filter(role=TeamRole.HEAD).first()
    return head.full_name if head else ""


def chair_of(meeting: Meeting) -> str:
    """Who chaired the sitting: the name recorded, else the election team's head; for the
    meeting that decides whether to let the head go, whom the ward named when convening it
    (NĐ 59 Art. 3.1.c)."""
    if meeting.chair_name:
        return meeting.chair_name
    if meeting.election.purpose == ElectionPurpose.HEAD_DISMISSAL:
        request = meeting.election.release_requests.first()
        if request is not None and request.chair_name:
            return request.chair_name
    return team_head_name(meeting.election)


def minutes_signers(meeting: Meeting) -> list[str]:
    """The 2 household representatives who sign form 03: those recorded, else the witnesses
    of the count (the page proposes them; a show of hands has none)."""
    return list(meeting.representatives or meeting.witnesses)


# --- the meeting page's sections (issue 16) ---

# The meeting page's sections, in the order the meeting goes through them (their ids are the
# page's anchors): the check-in, the procedure (what is heard, then the votes on how to vote),
# the count, the papers.
CHECK_IN, PROCEDURE, COUNT, PAPERS = "diem-danh", "trinh-tu", "kiem-phieu", "bien-ban"
SECTIONS = (CHECK_IN, PROCEDURE, COUNT, PAPERS)
# The check-ins listed per page, newest first: the page weighs the same however many came.
ATTENDANCE_PAGE = 15


def current_section(meeting: Meeting, *, count_started: bool) -> str:
    """Where the meeting is, read from what it has recorded (no query): a closed sitting is at
    its papers; a count typed, or a procedure complete, at the count; a procedure begun (the
    secretary, the list or the method voted) at the procedure; else still checking in."""
    if meeting.closed_at is not None:
        return PAPERS
    if count_started:
        return COUNT
    if meeting.secretary_name or meeting.list_presented_at or meeting.voting_method:
        return PROCEDURE if procedure_problems(meeting) else COUNT
    return CHECK_IN


def attendance_page(meeting: Meeting, number: int) -> tuple[list[Attendance], bool]:
    """Page ``number`` (from 1) of the sitting's check-ins, newest first, undone ones struck
    through, and whether an older page follows: one query, whatever the number present."""
    start = (max(number, 1) - 1) * ATTENDANCE_PAGE
    rows = list(
        meeting.attendances.select_related("household").order_by("-checked_in_at", "-pk")[
            start : start + ATTENDANCE_PAGE + 1
        ]
    )
    return rows[:ATTENDANCE_PAGE], len(rows) > ATTENDANCE_PAGE
