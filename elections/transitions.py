"""The stages of an election and the only ways to move between them.

Each transition names the stages it may start from, the stage it leads to and a
guard that explains in Vietnamese why it may not happen yet. ``transition()``
locks the row, checks, moves and records who, when and why (``StageChange``).
No other code assigns ``Election.stage``.

After the count each post is recognised on its own, with its own clock: the head by the
ward (``services.decisions.head_recognise``), each khu phố's board member by the ward Front
(``services.decisions.board_member_recognise``). The election stays ``counted`` meanwhile,
or goes ``rerun_pending`` → ``meeting_held`` → ``counted`` for the post still unfilled (the
re-run sitting votes only that post), and reaches ``recognised`` by itself ("recognise",
``manual=False``) once every post it elects is recognised. An annulled community decision
("annul_community_decision", Luật Art. 22.2) sends the election back to a re-run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elections import rules
from elections.models import ContestKind, Election, ElectionPurpose, ListStatus, Stage, StageChange
from elections.selectors.clusters import clusters_missing
from elections.selectors.count import unelected_contests
from elections.selectors.decisions import unrecognised_contests
from elections.selectors.head_release import release_decision
from elections.selectors.meeting import (
    contests_to_vote,
    current_meeting_any,
    latest_community_meeting,
    present_count,
)
from wardvote.types import StrOrPromise

Guard = Callable[[Election], list[str]]


def _no_guard(election: Election) -> list[str]:
    return []


def _needs_meeting_date(election: Election) -> list[str]:
    return [] if election.meeting_date else [_("Chưa ấn định ngày họp của khu phố.")]


def _needs_every_list_approved(election: Election) -> list[str]:
    contests = list(election.contests.all())
    if not contests:
        return [_("Cuộc bầu cử chưa có chức danh nào để bầu.")]
    return [
        _("Danh sách người ứng cử %(contest)s chưa được Ủy ban MTTQ phường duyệt.")
        % {"contest": contest.get_kind_display()}
        for contest in contests
        if contest.list_status != ListStatus.APPROVED
    ]


def _needs_posting_date(election: Election) -> list[str]:
    return [] if election.posted_on else [_("Chưa ghi nhận ngày niêm yết công khai.")]


def _needs_every_contest_counted(election: Election) -> list[str]:
    meeting = current_meeting_any(election)
    if meeting is None:
        return [_("Chưa có cuộc họp nào.")]
    missing = [c for c in contests_to_vote(meeting) if not c.results.filter(meeting=meeting).exists()]
    # A meeting held by cluster is counted once every cluster has reported (Luật Art. 18.3).
    waiting = [
        _("%(cluster)s chưa báo cáo kết quả kiểm phiếu.") % {"cluster": cluster.name}
        for cluster in clusters_missing(meeting)
    ]
    return waiting + [
        _("Chưa chốt kết quả kiểm phiếu %(contest)s.") % {"contest": c.get_kind_display()} for c in missing
    ]


def _needs_someone_not_elected(election: Election) -> list[str]:
    if unelected_contests(election):
        return []
    return [_("Mọi chức danh đã có người trúng cử: không cần bầu lại.")]


def _needs_meeting_that_lacked_households(election: Election) -> list[str]:
    """Household ballots replace a meeting only when it could not reach the majority
    (Luật Art. 19.1.b; NĐ 59 Art. 4.1.b); after a meeting that could, the way is a re-run."""
    problems = _needs_someone_not_elected(election)
    meeting = latest_community_meeting(election)
    if meeting is None:
        return [*problems, _("Chưa có cuộc họp nào.")]
    return problems + rules.household_ballot_problems(meeting.household_total, present_count(meeting))


def _needs_every_post_recognised(election: Election) -> list[str]:
    """Each post is recognised on its own (the head by the ward, the board member by the ward
    Front, Luật Art. 21.2, 40.2.b); the election is done only once every post it elects is."""
    return [
        _("Chưa công nhận %(contest)s.") % {"contest": c.get_kind_display()}
        for c in unrecognised_contests(election)
    ]


def _needs_head_vacant(election: Election) -> list[str]:
    if any(c.kind == ContestKind.HEAD for c in unelected_contests(election)):
        return []
    return [_("Đã có Trưởng khu phố trúng cử: không cử Trưởng khu phố lâm thời.")]


def _needs_release_meeting(election: Election) -> list[str]:
    """A meeting that decides whether to let the head go is convened on a request (NĐ 59 Art.
    9.1) with its one-name list approved as it is convened (no consultation, Art. 9.2)."""
    if election.purpose != ElectionPurpose.HEAD_DISMISSAL:
        return [_("Chỉ cuộc họp cho thôi làm Trưởng khu phố được triệu tập theo đề nghị.")]
    return _needs_every_list_approved(election)


def _needs_release_answer(election: Election) -> list[str]:
    """The dismissal meeting is done once the ward has answered it (NĐ 59 Art. 9.3)."""
    if election.purpose == ElectionPurpose.HEAD_DISMISSAL and release_decision(election) is not None:
        return []
    return [_("Phường chưa có văn bản về việc cho thôi làm Trưởng khu phố.")]


@dataclass(frozen=True)
class Transition:
    name: str
    label: StrOrPromise  # lazily translated
    sources: frozenset[str]
    target: str
    guard: Guard = _no_guard
    # False for the steps the system takes itself (e.g. when the last list is approved).
    manual: bool = True


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        Transition(
            "start_preparation",
            gettext_lazy("Bắt đầu chuẩn bị"),
            frozenset({Stage.NOT_STARTED}),
            Stage.PREPARING,
            _needs_meeting_date,
        ),
        Transition(
            "approve_lists",
            gettext_lazy("Danh sách đã được duyệt"),
            frozenset({Stage.PREPARING}),
            Stage.LIST_APPROVED,
            _needs_every_list_approved,
            manual=False,
        ),
        Transition(
            "reopen_lists",
            gettext_lazy("Mở lại danh sách"),
            frozenset({Stage.LIST_APPROVED}),
            Stage.PREPARING,
        ),
        Transition(
            "post_notice",
            gettext_lazy("Niêm yết công khai"),
            frozenset({Stage.LIST_APPROVED}),
            Stage.NOTICE_POSTED,
            _needs_posting_date,
        ),
        # Meeting day onwards: each of these is taken by a service that records what
        # goes with it (the sitting, the count, the ward's decision), never as a bare button.
        Transition(
            "hold_meeting",
            gettext_lazy("Khai mạc cuộc họp"),
            # An interim head does not end the election: the re-run decided before it is still held.
            frozenset({Stage.LIST_APPROVED, Stage.NOTICE_POSTED, Stage.RERUN_PENDING, Stage.INTERIM_HEAD}),
            Stage.MEETING_HELD,
            manual=False,
        ),
        Transition(
            "record_count",
            gettext_lazy("Chốt kết quả kiểm phiếu"),
            frozenset({Stage.MEETING_HELD, Stage.HOUSEHOLD_BALLOTS}),
            Stage.COUNTED,
            _needs_every_contest_counted,
            manual=False,
        ),
        Transition(
            "decide_rerun",
            gettext_lazy("Quyết định bầu lại"),
            frozenset({Stage.COUNTED}),
            Stage.RERUN_PENDING,
            _needs_someone_not_elected,
            manual=False,
        ),
        Transition(
            "start_household_ballots",
            gettext_lazy("Lấy ý kiến bằng phiếu tại hộ gia đình"),
            frozenset({Stage.COUNTED, Stage.RERUN_PENDING}),
            Stage.HOUSEHOLD_BALLOTS,
            _needs_meeting_that_lacked_households,
            manual=False,
        ),
        # Taken by the system when the last post is recognised (``services.decisions``): the
        # head and each board member are recognised one by one while the election stays
        # counted, or goes through a re-run for the post still unfilled.
        Transition(
            "recognise",
            gettext_lazy("Công nhận kết quả"),
            frozenset({Stage.COUNTED}),
            Stage.RECOGNISED,
            _needs_every_post_recognised,
            manual=False,
        ),
        # Luật Art. 22.2: the ward annuls the community decision; the posts it elected are
        # unfilled again (``services.decisions.community_decision_annul``) and re-run.
        Transition(
            "annul_community_decision",
            gettext_lazy("Bãi bỏ quyết định của cộng đồng dân cư"),
            frozenset({Stage.COUNTED}),
            Stage.RERUN_PENDING,
            _needs_someone_not_elected,
            manual=False,
        ),
        Transition(
            "appoint_interim_head",
            gettext_lazy("Cử Trưởng khu phố lâm thời"),
            # Only while the post is vacant after a re-run was decided (NĐ 59 Art. 9.3).
            frozenset({Stage.RERUN_PENDING}),
            Stage.INTERIM_HEAD,
            _needs_head_vacant,
            manual=False,
        ),
        # h1: the meeting that decides whether to let the head go (NĐ 59 Art. 3.1.c, 9), taken
        # by ``services.head_release``: convened straight to an approved list, settled by the
        # ward's answer (recognition, written answer, or its decision after the Front's agreement).
        Transition(
            "convene_head_release",
            gettext_lazy("Triệu tập cuộc họp cho thôi làm Trưởng khu phố"),
            frozenset({Stage.NOT_STARTED}),
            Stage.LIST_APPROVED,
            _needs_release_meeting,
            manual=False,
        ),
        Transition(
            "settle_release",
            gettext_lazy("Phường quyết định việc cho thôi làm Trưởng khu phố"),
            frozenset({Stage.COUNTED}),
            Stage.RECOGNISED,
            _needs_release_answer,
            manual=False,
        ),
    ]
}

# The moves of an election that a meeting deciding whether to let the head go never takes: it
# elects no one, so there is nothing to recognise, re-run, put to household ballots or annul,
# and no interim head to appoint for it (the ward answers it: ``settle_release``).
NOT_FOR_RELEASE_MEETING = frozenset(
    {
        "start_preparation",
        "reopen_lists",
        "approve_lists",
        "decide_rerun",
        "start_household_ballots",
        "recognise",
        "annul_community_decision",
        "appoint_interim_head",
    }
)


# A meeting that lets a board member go is prepared like an election (its list is the member
# alone), but what follows its count is the ward Front's decision (NĐ 59 Art. 13.1): no re-run,
# household ballots, recognition, annulment or interim head.
NOT_FOR_BOARD_RELEASE_MEETING = frozenset(
    {
        "decide_rerun",
        "start_household_ballots",
        "recognise",
        "annul_community_decision",
        "appoint_interim_head",
    }
)


def _purpose_problems(election: Election, name: str) -> list[str]:
    if election.purpose == ElectionPurpose.HEAD_DISMISSAL and name in NOT_FOR_RELEASE_MEETING:
        return [_("Không áp dụng cho cuộc họp cho thôi làm Trưởng khu phố.")]
    if election.purpose == ElectionPurpose.BOARD_RELEASE and name in NOT_FOR_BOARD_RELEASE_MEETING:
        return [_("Không áp dụng cho cuộc họp cho thôi làm thành viên Ban Thanh tra nhân dân.")]
    return []


def may_take(election: Election, name: str) -> bool:
    """Whether the named move would be accepted now: for offering a form only when it can succeed."""
    spec = TRANSITIONS[name]
    if _purpose_problems(election, name):
        return False
    return election.stage in spec.sources and not spec.guard(election)


def available_transitions(election: Election) -> list[Transition]:
    """The steps an official may take by hand from the election's current stage."""
    return [
        t
        for t in TRANSITIONS.values()
        if election.stage in t.sources and t.manual and not _purpose_problems(election, t.name)
    ]


def guard_problems(election: Election, name: str) -> list[str]:
    """Why the named move may not happen yet (none: it may); a page offers its button only then."""
    return TRANSITIONS[name].guard(election)


def transition(
    election: Election, name: str, *, by: User | None = None, reason: str = "", guard_checked: bool = False
) -> Election:
    """Move ``election`` through the named transition, or raise ValidationError with the reasons.

    Codes: ``wrong_stage`` when the election is not at a stage the move starts from,
    ``not_ready`` for each reason the guard gives. ``guard_checked``: the calling service has
    just read, under its own lock and in its own transaction, everything the guard would read
    (the count closing its sitting), so the guard is not read a second time; the stage and
    purpose still are.
    """
    if guard_checked:
        assert transaction.get_connection().in_atomic_block, "guard_checked: in the caller's transaction"
        # Inside the caller's transaction, which rolls back whole if this raises; every check
        # below comes before the first write, so no savepoint of its own is needed.
        return _move(election, name, by=by, reason=reason, guard_checked=True)
    with transaction.atomic():
        return _move(election, name, by=by, reason=reason, guard_checked=False)


def _move(election: Election, name: str, *, by: User | None, reason: str, guard_checked: bool) -> Election:
    spec = TRANSITIONS[name]
    locked = Election.objects.select_for_update().get(pk=election.pk)
    if locked.stage not in spec.sources:
        raise ValidationError(
            _("Không thể “%(action)s” khi cuộc bầu cử đang ở giai đoạn “%(stage)s”.")
            % {"action": spec.label, "stage": locked.get_stage_display()},
            code="wrong_stage",
        )
    problems = _purpose_problems(locked, name) + ([] if guard_checked else spec.guard(locked))
    if problems:
        raise ValidationError([ValidationError(problem, code="not_ready") for problem in problems])
    previous = locked.stage
    locked.stage = spec.target
    locked.version += 1
    locked.updated_at = timezone.now()
    # Not audited as a change of the election: the StageChange row below is the record of it.
    Election.objects.filter(pk=locked.pk).update(
        stage=locked.stage, version=locked.version, updated_at=locked.updated_at
    )
    StageChange.objects.create(
        election=locked, transition=name, from_stage=previous, to_stage=spec.target, reason=reason, by=by
    )
    election.stage, election.version = locked.stage, locked.version
    return locked
