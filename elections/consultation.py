"""The consultation (hiệp thương) of one contest's candidate list, as named transitions.

Front working committee's draft → the Party cell's opinion → the official list →
sent to the ward (with the committee's minutes, form 05) → the ward Front approves,
or returns it with reasons → corrected and sent again (NĐ 59/2023, Art. 6.2).
Every step keeps a frozen copy of the list (``ListVersion``): a list is never
edited once sent, and any two versions can be compared.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elections import transitions
from elections.models import (
    Complaint,
    ComplaintStatus,
    Contest,
    ElectionPurpose,
    ListStatus,
    ListVersion,
    Stage,
)
from elections.selectors.candidates import eligibility_problems, snapshot
from wardvote import access
from wardvote.types import StrOrPromise

# Who may take each step: the committee's steps are entered by the ward (official or
# Front staff); approving and returning belong to the ward Front.
PREPARERS = (access.MANAGE_ELECTIONS, access.RUN_CONSULTATION)
FRONT = (access.RUN_CONSULTATION,)
EDITABLE = (ListStatus.DRAFT, ListStatus.RETURNED)


def _needs_candidates(contest: Contest) -> list[str]:
    count = contest.candidates.count()
    return [] if count >= 1 else [_("Danh sách phải có ít nhất 01 người ứng cử (NĐ 59/2023, Điều 6.2).")]


def _needs_eligible_candidates(contest: Contest) -> list[str]:
    problems = _needs_candidates(contest)
    for candidate in contest.candidates.all():
        problems += [f"{candidate.full_name}: {p}" for p in eligibility_problems(contest, candidate)]
    return problems


def _needs_no_open_complaint(contest: Contest) -> list[str]:
    open_complaints = Complaint.objects.filter(election=contest.election, status=ComplaintStatus.OPEN)
    return [
        _(
            "Còn khiếu nại chưa giải quyết: %(who)s, nhận ngày %(day)s. "
            "Giải quyết xong mới được duyệt danh sách."
        )
        % {"who": c.complainant, "day": f"{c.received_on:%d/%m/%Y}"}
        for c in open_complaints
    ]


def _needs_reason(contest: Contest, note: str) -> list[str]:
    return [] if note.strip() else [_("Trả lại danh sách phải nêu lý do.")]


@dataclass(frozen=True)
class ListTransition:
    name: str
    label: StrOrPromise
    sources: tuple[str, ...]
    target: str
    capabilities: tuple[str, ...]
    guard: Callable[[Contest], list[str]] = lambda contest: []
    needs_note: bool = False
    # A step whose guard can only refuse is not offered as a button (an empty list has no
    # opinion to record); the others stay, so that their refusal explains what is missing.
    hidden_while_blocked: bool = False


LIST_TRANSITIONS: dict[str, ListTransition] = {
    t.name: t
    for t in [
        ListTransition(
            "record_party_opinion",
            gettext_lazy("Ghi nhận ý kiến Chi bộ"),
            (ListStatus.DRAFT,),
            ListStatus.PARTY_OPINION,
            PREPARERS,
            _needs_candidates,
            hidden_while_blocked=True,
        ),
        ListTransition(
            "fix_official_list",
            gettext_lazy("Chốt danh sách chính thức"),
            (ListStatus.PARTY_OPINION,),
            ListStatus.OFFICIAL,
            PREPARERS,
            _needs_eligible_candidates,
        ),
        ListTransition(
            "send_to_ward",
            gettext_lazy("Gửi phường (kèm biên bản mẫu 05)"),
            (ListStatus.OFFICIAL,),
            ListStatus.SUBMITTED,
            PREPARERS,
        ),
        ListTransition(
            "approve",
            gettext_lazy("Duyệt danh sách"),
            (ListStatus.SUBMITTED,),
            ListStatus.APPROVED,
            FRONT,
            _needs_no_open_complaint,
        ),
        ListTransition(
            "return_with_reasons",
            gettext_lazy("Trả lại, nêu lý do"),
            (ListStatus.SUBMITTED,),
            ListStatus.RETURNED,
            FRONT,
            needs_note=True,
        ),
        ListTransition(
            "correct", gettext_lazy("Sửa danh sách"), (ListStatus.RETURNED,), ListStatus.DRAFT, PREPARERS
        ),
    ]
}


def allowed_transitions(user, contest: Contest) -> list[ListTransition]:
    division = contest.election.neighborhood
    return [
        t
        for t in LIST_TRANSITIONS.values()
        if contest.list_status in t.sources and any(access.can(user, cap, division) for cap in t.capabilities)
    ]


def offered_transitions(user, contest: Contest) -> list[ListTransition]:
    """The steps the contest page shows as buttons: those allowed, less those that can only fail."""
    return [
        t for t in allowed_transitions(user, contest) if not (t.hidden_while_blocked and t.guard(contest))
    ]


def can_prepare(user, contest: Contest) -> bool:
    """Whether ``user`` enters the list for the Front working committee (NĐ 59/2023, Art. 6.2):
    the ward Front's staff, or the ward official (the services refuse a list that was sent)."""
    division = contest.election.neighborhood
    return any(access.can(user, cap, division) for cap in PREPARERS)


@transaction.atomic
def list_transition(contest: Contest, name: str, *, by: User, note: str = "") -> Contest:
    """Take one step of the list, or raise ValidationError with the reasons.

    Codes: ``wrong_status`` when the list is not at a status the step starts from,
    ``forbidden`` when ``by`` may not take it, ``not_ready`` for each reason the guard gives.
    """
    spec = LIST_TRANSITIONS[name]
    locked = Contest.objects.select_for_update().select_related("election__neighborhood").get(pk=contest.pk)
    if locked.list_status not in spec.sources:
        raise ValidationError(
            _("Không thể “%(action)s” khi danh sách đang ở bước “%(status)s”.")
            % {"action": spec.label, "status": locked.get_list_status_display()},
            code="wrong_status",
        )
    if not any(access.can(by, cap, locked.election.neighborhood) for cap in spec.capabilities):
        raise ValidationError(_("Bạn không có quyền thực hiện bước này."), code="forbidden")
    problems = spec.guard(locked) + (_needs_reason(locked, note) if spec.needs_note else [])
    if problems:
        raise ValidationError([ValidationError(problem, code="not_ready") for problem in problems])
    locked.list_status = spec.target
    locked.version += 1
    locked.save(update_fields=["list_status", "version"])
    number = (locked.list_versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    ListVersion.objects.create(
        contest=locked, number=number, status=spec.target, candidates=snapshot(locked), note=note, by=by
    )
    if spec.target == ListStatus.APPROVED:
        _advance_election_when_all_lists_approved(locked, by)
    return locked


def _advance_election_when_all_lists_approved(contest: Contest, by: User) -> None:
    election = contest.election
    if election.stage == Stage.PREPARING and all(
        c.list_status == ListStatus.APPROVED for c in election.contests.all()
    ):
        transitions.transition(election, "approve_lists", by=by)


# --- h1: the dismissal meeting's one-name list --------------------------------------------


@transaction.atomic
def release_list_approve(contest: Contest, *, by: User) -> Contest:
    """The list of a meeting that decides whether to let the head go holds one name, the
    serving head's: there is no consultation (NĐ 59/2023, Art. 9.2 and 3.5 ask for none). It is
    approved as the meeting is convened, with its frozen copy as any list."""
    locked = Contest.objects.select_for_update().select_related("election").get(pk=contest.pk)
    if locked.election.purpose != ElectionPurpose.HEAD_DISMISSAL or locked.list_status != ListStatus.DRAFT:
        raise ValidationError(
            _("Chỉ danh sách của cuộc họp cho thôi làm Trưởng khu phố được duyệt khi triệu tập.")
        )
    locked.list_status = ListStatus.APPROVED
    locked.version += 1
    locked.save(update_fields=["list_status", "version"])
    ListVersion.objects.create(
        contest=locked,
        number=1,
        status=ListStatus.APPROVED,
        candidates=snapshot(locked),
        # Stored as written, in Vietnamese, whatever language the official reads.
        note="Cuộc họp cho thôi làm Trưởng khu phố: không hiệp thương (NĐ 59/2023/NĐ-CP, Điều 9.2).",
        by=by,
    )
    return locked
