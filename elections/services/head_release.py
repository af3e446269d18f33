"""A head's resignation or dismissal, up to the ward's answer (NĐ 59/2023, Art. 9).

Three ways in (Art. 9.1): the head's own written request with its reasons, the khu phố Front
committee head's proposal on the grounds of 9.1.b, or a petition of at least 50 % of all the
khu phố's households. The community meeting that decides it is an ``Election`` of purpose
``head_dismissal`` under the ward's current plan, convened and chaired by the khu phố Front
committee head, or by the ward chairman after agreeing with the ward Front's chairman when the
head is also the Front committee head (Art. 3.1.c). Its list holds one name, the serving
head's, approved as it is convened; the meeting then runs with the usual check-in, procedure
and double-entry count, the head's "approvals" being the households that agree to let the head
go: the release passes with more than half of ALL households (``rules.election_outcome``).

The ward answers (Art. 9.3) within 5 working days of receiving the decision: it recognises the
release, or answers in writing with its reasons; when the meeting did not agree, it decides
itself after agreeing with the ward Front, to let the head go or to keep them. A head let go
leaves the post by that decision (``services.tenures.tenure_end``), which opens the vacancy
with the day the new election is due (60 days, ``rules.new_election_due``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from elections import consultation, rules
from elections.models import (
    Candidate,
    Contest,
    ContestKind,
    Decision,
    DecisionKind,
    Election,
    ElectionPurpose,
    HeadReleaseRequest,
    OfficePost,
    ReleaseStatus,
    ReleaseWayIn,
    Tenure,
    TenureEnd,
    TenureKind,
)
from elections.selectors.head_release import (
    open_request,
    release_decision_problems,
    release_result,
    request_of,
)
from elections.selectors.tenures import current_ward_plan
from elections.services.decisions import _check_can_recognise, _decide
from elections.services.plans import election_during_term, election_record_milestone
from elections.services.tenures import tenure_end
from elections.transitions import transition
from neighborhoods.models import Household, HouseholdStatus

# The head's post is left for good by these kinds of tenure only: an interim head or a
# convener is designated by the ward (NĐ 59 Art. 9.3, 3.1.d) and is not voted out.
ELECTED_KINDS = (TenureKind.ELECTED, TenureKind.BY_ELECTED)


def _clean(text: str) -> str:
    return " ".join(text.split())


def active_households(tenure: Tenure) -> int:
    return Household.objects.filter(neighborhood=tenure.neighborhood, status=HouseholdStatus.ACTIVE).count()


@transaction.atomic
def head_release_request_record(
    *,
    by: User,
    tenure: Tenure,
    way_in: str,
    received_on: datetime.date,
    proposed_by: str,
    reasons: str = "",
    grounds: Iterable[str] = (),
    petitioners: int | None = None,
    household_total: int | None = None,
) -> HeadReleaseRequest:
    """Record the request that reached the ward (NĐ 59 Art. 9.1). A petition is refused when it
    falls short of 50 % of all the khu phố's households (counted from the register on receipt
    unless given); one request per head at a time."""
    locked = Tenure.objects.select_for_update().select_related("neighborhood").get(pk=tenure.pk)
    if locked.post != OfficePost.HEAD or locked.ended_on is not None:
        raise ValidationError(_("%(name)s không còn là Trưởng khu phố.") % {"name": locked.full_name})
    if locked.kind not in ELECTED_KINDS:
        raise ValidationError(
            _(
                "%(name)s là %(kind)s do phường cử: không họp cộng đồng dân cư để cho thôi "
                "(NĐ 59/2023/NĐ-CP, Điều 9.3)."
            )
            % {"name": locked.full_name, "kind": locked.get_kind_display().lower()}
        )
    if open_request(locked) is not None:
        raise ValidationError(
            _("Đang có đề nghị cho thôi %(name)s chưa giải quyết xong.") % {"name": locked.full_name},
            code="request_open",
        )
    if received_on < locked.started_on:
        raise ValidationError(
            {"received_on": _("Ngày nhận không thể trước ngày bắt đầu nhiệm kỳ của Trưởng khu phố.")}
        )
    proposed_by, reasons, grounds = _clean(proposed_by), reasons.strip(), sorted(set(grounds))
    if not proposed_by:
        raise ValidationError({"proposed_by": _("Ghi họ tên người đề nghị (hoặc đại diện người kiến nghị).")})
    petition = way_in == ReleaseWayIn.PETITION
    if petition and household_total is None:
        household_total = active_households(locked)
    problems = rules.release_request_problems(
        way_in,
        reasons=reasons,
        grounds=grounds,
        petitioners=petitioners if petition else None,
        household_total=household_total if petition else None,
    )
    if problems:
        raise ValidationError(problems, code="insufficient")
    assert locked.neighborhood.parent is not None
    return HeadReleaseRequest.objects.create(
        neighborhood=locked.neighborhood,
        ward=locked.neighborhood.parent,
        tenure=locked,
        way_in=way_in,
        received_on=received_on,
        proposed_by=proposed_by,
        reasons=reasons,
        grounds=grounds if way_in == ReleaseWayIn.FRONT_PROPOSAL else [],
        petitioners=petitioners if petition else None,
        household_total=household_total if petition else None,
        created_by=by,
    )


def _candidate_from(tenure: Tenure, contest: Contest) -> Candidate:
    """The head, as the one name of the meeting's list: copied from the candidacy that elected
    them (so that the papers name them as the recognition did)."""
    source = tenure.candidate
    if source is None:
        raise ValidationError(
            _(
                "Không có hồ sơ ứng cử của Trưởng khu phố %(name)s (ngày sinh, giới tính) để ghi vào "
                "danh sách biểu quyết."
            )
            % {"name": tenure.full_name}
        )
    return Candidate.objects.create(
        contest=contest,
        full_name=tenure.full_name,
        gender=source.gender,
        birth_date=source.birth_date,
        ethnicity=source.ethnicity,
        religion=source.religion,
        education_level=source.education_level,
        theory_level=source.theory_level,
        occupation=source.occupation,
        party_member=source.party_member,
        party_joined_on=source.party_joined_on,
        household=source.household,
        is_incumbent=True,
        nomination_source=source.nomination_source,
        resides_in_neighborhood=source.resides_in_neighborhood,
        permanent_resident=source.permanent_resident,
    )


@transaction.atomic
def head_release_meeting_convene(
    *,
    by: User,
    request: HeadReleaseRequest,
    meeting_date: datetime.date,
    meeting_time: datetime.time | None = None,
    meeting_place: str = "",
    head_is_front_head: bool = False,
    chair: str,
    chair_name: str,
    front_agreed_on: datetime.date | None = None,
    front_agreed_by: str = "",
) -> Election:
    """Convene the community meeting that decides whether to let the head go (NĐ 59 Art. 9.2,
    3.1.c, 3.5): an ``Election`` of purpose ``head_dismissal`` under the ward's current plan,
    whose one contest (the head) lists the serving head, approved at once. The khu phố's
    election team runs it at the usual meeting page."""
    locked = HeadReleaseRequest.objects.select_for_update().select_related("tenure").get(pk=request.pk)
    if locked.status != ReleaseStatus.RECEIVED:
        raise ValidationError(_("Đề nghị này đã được triệu tập họp hoặc đã giải quyết."), code="wrong_status")
    if locked.tenure.ended_on is not None:
        raise ValidationError(_("%(name)s không còn là Trưởng khu phố.") % {"name": locked.tenure.full_name})
    if meeting_date < locked.received_on:
        raise ValidationError({"meeting_date": _("Ngày họp không thể trước ngày phường nhận đề nghị.")})
    chair_name, front_agreed_by = _clean(chair_name), _clean(front_agreed_by)
    problems = rules.release_chair_problems(
        head_is_front_head, chair, chair_name, front_agreed_on, front_agreed_by, meeting_date
    )
    if problems:
        raise ValidationError(problems)
    neighborhood = locked.neighborhood
    plan = current_ward_plan(locked.ward)
    if plan is None:
        raise ValidationError(_("Phường chưa có kế hoạch của nhiệm kỳ để ghi cuộc họp."))
    election = election_during_term(
        plan=plan,
        neighborhood=neighborhood,
        purpose=ElectionPurpose.HEAD_DISMISSAL,
        meeting_date=meeting_date,
        meeting_time=meeting_time,
        meeting_place=meeting_place.strip(),
    )
    contest = Contest.objects.create(election=election, kind=ContestKind.HEAD, seats=1)
    _candidate_from(locked.tenure, contest)
    consultation.release_list_approve(contest, by=by)
    transition(election, "convene_head_release", by=by)
    locked.election = election
    locked.head_is_front_head = head_is_front_head
    locked.chair, locked.chair_name = chair, chair_name
    agreed = chair == rules.CHAIR_WARD_CHAIRMAN
    locked.front_agreed_on = front_agreed_on if agreed else None
    locked.front_agreed_by = front_agreed_by if agreed else ""
    locked.status = ReleaseStatus.CONVENED
    locked.save(
        update_fields=[
            "election",
            "head_is_front_head",
            "chair",
            "chair_name",
            "front_agreed_on",
            "front_agreed_by",
            "status",
        ]
    )
    election.refresh_from_db()
    return election


# --- The ward's answer (NĐ 59 Art. 9.3) ----------------------------------------------------


def _answerable(by: User, election: Election, kind: str) -> tuple[Election, HeadReleaseRequest]:
    locked = Election.objects.select_for_update().get(pk=election.pk)
    problems = release_decision_problems(locked, kind)
    if problems:
        raise ValidationError(problems)
    _check_can_recognise(by, locked)
    request = request_of(locked)
    assert request is not None, "a dismissal meeting is convened on a request"
    return locked, request


def _details(election: Election, request: HeadReleaseRequest, **more) -> dict:
    result = release_result(election)
    assert result is not None and result.meeting.held_on is not None
    candidate = election.contests.get(kind=ContestKind.HEAD).candidates.get()
    counts = result.counts.get(str(candidate.pk), 0)
    approvals = counts[0] if isinstance(counts, list) else counts
    return {
        "full_name": request.tenure.full_name,
        "gender": candidate.gender,
        "birth_year": candidate.birth_date.year,
        "way_in": request.way_in,
        "request_received_on": f"{request.received_on:%d/%m/%Y}",
        "proposed_by": request.proposed_by,
        "petitioners": request.petitioners,
        "petition_total": request.household_total,
        "held_on": f"{result.meeting.held_on:%d/%m/%Y}",
        "approvals": approvals,
        "household_total": result.household_total,
        "present": result.present,
        **more,
    }


def _let_go(by: User, request: HeadReleaseRequest, decision: Decision) -> None:
    """The head leaves the post on the decision's day; the vacancy waits for the ward to decide
    the new election within 60 days (NĐ 59 Art. 9.3)."""
    reason = TenureEnd.RESIGNED if request.way_in == ReleaseWayIn.OWN_REQUEST else TenureEnd.DISMISSED
    tenure_end(
        by=by,
        tenure=request.tenure,
        ended_on=decision.decided_on,
        reason=reason,
        # Kept in Vietnamese, whatever language the official reads (as the vacancy's reason).
        note=_in_vietnamese(decision),
        decision=decision,
        due_on=rules.new_election_due(decision.decided_on, decision.plan.rules),
    )


def _in_vietnamese(decision: Decision) -> str:
    with translation.override("vi"):
        return str(decision)


def _close(by: User, election: Election, request: HeadReleaseRequest, status: str) -> None:
    request.status = status
    request.save(update_fields=["status"])
    transition(election, "settle_release", by=by)
    election.refresh_from_db()


@transaction.atomic
def release_recognise(
    *, by: User, election: Election, received_on: datetime.date, decided_on: datetime.date
) -> Decision:
    """The ward recognises the community's decision to let the head go (NĐ 59 Art. 9.3), due
    within 5 working days of receiving it: the head leaves the post that day."""
    if decided_on < received_on:
        raise ValidationError(_("Ngày công nhận không thể trước ngày nhận quyết định của cộng đồng dân cư."))
    locked, request = _answerable(by, election, DecisionKind.RECOGNISE_RELEASE)
    for key, day in (("community_decision", received_on), ("recognition", decided_on)):
        election_record_milestone(by=by, election=locked, key=key, done_on=day)
    due = rules.new_election_due(decided_on, locked.rules)
    decision = _decide(
        locked,
        DecisionKind.RECOGNISE_RELEASE,
        decided_on=decided_on,
        by=by,
        received_on=received_on,
        details=_details(locked, request, new_election_due=f"{due:%d/%m/%Y}"),
    )
    _let_go(by, request, decision)
    _close(by, election, request, ReleaseStatus.RELEASED)
    return decision


@transaction.atomic
def release_answer(
    *, by: User, election: Election, received_on: datetime.date, decided_on: datetime.date, reason: str
) -> Decision:
    """The ward does not recognise the release: it answers in writing and states its reasons
    (NĐ 59 Art. 9.3), within the same 5 working days. The head stays."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Ghi rõ lý do không công nhận (NĐ 59/2023/NĐ-CP, Điều 9.3)."))
    if decided_on < received_on:
        raise ValidationError(_("Ngày trả lời không thể trước ngày nhận quyết định của cộng đồng dân cư."))
    locked, request = _answerable(by, election, DecisionKind.RELEASE_ANSWER)
    locked = election_record_milestone(by=by, election=locked, key="community_decision", done_on=received_on)
    locked.answered_on = decided_on
    locked.version += 1
    locked.save(update_fields=["answered_on", "version", "updated_at"])
    deadline = rules.release_answer_deadline_item(received_on, locked.rules).due
    decision = _decide(
        locked,
        DecisionKind.RELEASE_ANSWER,
        decided_on=decided_on,
        by=by,
        received_on=received_on,
        reason=reason,
        details=_details(locked, request, deadline=f"{deadline:%d/%m/%Y}"),
    )
    _close(by, election, request, ReleaseStatus.ANSWERED)
    return decision


@transaction.atomic
def release_decide(
    *,
    by: User,
    election: Election,
    decided_on: datetime.date,
    let_go: bool,
    front_agreed_on: datetime.date | None,
    front_agreed_by: str,
    reason: str = "",
) -> Decision:
    """The meeting did not agree on letting the head go: the ward decides after agreeing with
    the ward Front (who for the Front and when, both required and printed), to let the head go
    or to keep them (NĐ 59 Art. 9.3)."""
    front_agreed_by = _clean(front_agreed_by)
    problems = rules.front_agreement_problems(front_agreed_on, front_agreed_by, decided_on)
    if problems:
        raise ValidationError(problems)
    assert front_agreed_on is not None
    locked, request = _answerable(by, election, DecisionKind.RELEASE_DECIDED)
    result = release_result(locked)
    assert result is not None and result.meeting.held_on is not None
    if decided_on < result.meeting.held_on:
        raise ValidationError(_("Ngày quyết định không thể trước ngày họp."))
    more: dict[str, object] = {
        "let_go": let_go,
        "front_agreed_on": f"{front_agreed_on:%d/%m/%Y}",
        "front_agreed_by": front_agreed_by,
    }
    if let_go:
        more["new_election_due"] = f"{rules.new_election_due(decided_on, locked.rules):%d/%m/%Y}"
    decision = _decide(
        locked,
        DecisionKind.RELEASE_DECIDED,
        decided_on=decided_on,
        by=by,
        reason=reason.strip(),
        details=_details(locked, request, **more),
    )
    if let_go:
        _let_go(by, request, decision)
    _close(by, election, request, ReleaseStatus.RELEASED if let_go else ReleaseStatus.KEPT)
    return decision
