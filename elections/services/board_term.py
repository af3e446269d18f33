"""The inspection board between elections (issue 14, item 2; Luật Art. 36.2; NĐ 59 Art. 13).

- The ward Front proposes to the khu phố that elected a member to let them go (not completing
  duties, no longer trusted, or at their own request): ``board_release_propose``. The khu
  phố's meeting that decides it is an ``Election`` of purpose ``board_release`` under the
  ward's current plan, with one inspection-board contest whose single candidate is the member:
  the meeting, check-in, procedure and double-entry count are the election's own. More than
  half of all households agreeing lets the member go; the Front then decides it
  (``board_release_decide``), which ends the tenure and opens the board vacancy.
- A vacancy with 6 months or more of the term left is filled by a by-election that the khu
  phố's Front committee organises with the head under the Front's guidance
  (``by_election_open``): an ``Election`` of purpose ``by_election`` whose list, meeting and
  count are an election's, recognised by ``services.decisions.board_member_recognise``.
- The notice of the board's composition is issued again naming who serves now
  (``board_notice_reissue``); an officer who left is replaced by the board's own vote at a
  later meeting (``board_officer_meeting_convene``, ``board_officer_replace``).
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from elections import rules
from elections.models import (
    BoardMeeting,
    BoardNotice,
    BoardRelease,
    BoardReleaseGround,
    ByElectionGuidance,
    Candidate,
    Contest,
    ContestKind,
    Decision,
    DecisionKind,
    Election,
    ElectionPurpose,
    ListStatus,
    OfficePost,
    Plan,
    Stage,
    Tenure,
    TenureEnd,
    Vacancy,
)
from elections.selectors.board import latest_board_notice, open_board_meeting
from elections.selectors.board_term import (
    OFFICE_LABELS,
    current_members,
    open_release,
    release_state,
    standing_officers_meeting,
    vacant_offices,
)
from elections.selectors.meeting import current_meeting_any
from elections.selectors.tenures import current_ward_plan, term_ends_on
from elections.services.plans import election_during_term
from elections.services.tenures import tenure_end, vacancy_election_decided
from elections.transitions import transition
from neighborhoods.models import Division
from wardvote import access

FRONT_ONLY = _(
    "Chỉ Ủy ban MTTQ phường đề nghị cho thôi, cho thôi và hướng dẫn bầu bổ sung thành viên Ban Thanh "
    "tra nhân dân (Luật 10/2022/QH15, Điều 36.2; NĐ 59/2023/NĐ-CP, Điều 13.1)."
)


def _clean(text: str) -> str:
    return " ".join((text or "").split())


def _check_front(by: User, ward: Division) -> None:
    if not access.can(by, access.RUN_CONSULTATION, ward):
        raise ValidationError(FRONT_ONLY, code="forbidden")


def _plan_of(neighborhood: Division) -> Plan:
    assert neighborhood.parent is not None
    plan = current_ward_plan(neighborhood.parent)
    if plan is None:
        raise ValidationError(
            _("%(ward)s chưa có kế hoạch bầu cử của nhiệm kỳ: không có nơi ghi cuộc họp.")
            % {"ward": neighborhood.parent.name}
        )
    return plan


# --- The Front's proposal and the khu phố's meeting --------------------------------------


@transaction.atomic
def board_release_propose(
    *, by: User, tenure: Tenure, ground: str, reasons: str, proposed_on: datetime.date
) -> BoardRelease:
    """The ward Front proposes to the khu phố that elected ``tenure``'s member to let them go
    (Luật Art. 36.2): a record and, for the khu phố's meeting, an election of purpose
    ``board_release`` whose single candidate is the member."""
    # The candidate may be missing (an outer join), so only the tenure's row is locked.
    tenures = Tenure.objects.select_for_update(of=("self",)).select_related("neighborhood", "candidate")
    locked = tenures.get(pk=tenure.pk)
    _check_front(by, locked.ward)
    problems = []
    if locked.post != OfficePost.BOARD_MEMBER or locked.ended_on is not None:
        problems.append(
            _("%(name)s không đang là thành viên Ban Thanh tra nhân dân.") % {"name": locked.full_name}
        )
    if ground not in BoardReleaseGround.values:
        problems.append(
            _(
                "Chọn căn cứ đề nghị: không hoàn thành nhiệm vụ, không còn được tín nhiệm hoặc xin thôi "
                "làm nhiệm vụ (Luật 10/2022/QH15, Điều 36.2)."
            )
        )
    reasons = reasons.strip()
    if not reasons:
        problems.append(_("Ghi rõ lý do đề nghị cho thôi."))
    if proposed_on < locked.started_on:
        problems.append(
            _("Ngày đề nghị không thể trước ngày thành viên bắt đầu nhiệm vụ (%(day)s).")
            % {"day": f"{locked.started_on:%d/%m/%Y}"}
        )
    if locked.candidate is None:
        problems.append(_("Không tìm thấy hồ sơ người trúng cử của thành viên này."))
    if open_release(locked) is not None:
        problems.append(_("Đã có đề nghị cho thôi thành viên này đang chờ khu phố họp."))
    if problems:
        raise ValidationError(problems)
    plan = _plan_of(locked.neighborhood)
    election = election_during_term(
        plan=plan, neighborhood=locked.neighborhood, purpose=ElectionPurpose.BOARD_RELEASE
    )
    contest = Contest.objects.create(
        election=election, kind=ContestKind.INSPECTION_BOARD, seats=1, list_status=ListStatus.APPROVED
    )
    member = locked.candidate
    assert member is not None
    Candidate.objects.create(
        contest=contest,
        full_name=locked.full_name,
        gender=member.gender,
        birth_date=member.birth_date,
        ethnicity=member.ethnicity,
        household=member.household,
        is_incumbent=True,
        nomination_source=member.nomination_source,
    )
    return BoardRelease.objects.create(
        tenure=locked,
        neighborhood=locked.neighborhood,
        ward=locked.ward,
        ground=ground,
        reasons=reasons,
        proposed_on=proposed_on,
        election=election,
        by=by,
    )


@transaction.atomic
def board_release_schedule(
    *,
    by: User,
    release: BoardRelease,
    meeting_date: datetime.date,
    meeting_time: datetime.time | None = None,
    meeting_place: str = "",
) -> Election:
    """The day of the khu phố's meeting on the proposal; from then the meeting may open."""
    _check_front(by, release.ward)
    assert release.election is not None
    election = Election.objects.select_for_update().get(pk=release.election.pk)
    if election.stage != Stage.NOT_STARTED:
        raise ValidationError(_("Đã ấn định ngày họp của khu phố về đề nghị này."))
    if meeting_date < release.proposed_on:
        raise ValidationError(
            {
                "meeting_date": _("Ngày họp không thể trước ngày đề nghị (%(day)s).")
                % {"day": f"{release.proposed_on:%d/%m/%Y}"}
            }
        )
    election.meeting_date, election.meeting_time = meeting_date, meeting_time
    election.meeting_place = _clean(meeting_place)
    election.version += 1
    election.save(update_fields=["meeting_date", "meeting_time", "meeting_place", "version", "updated_at"])
    transition(election, "start_preparation", by=by)
    # The list is the member alone, approved when the proposal was made: no consultation.
    moved = transition(election, "approve_lists", by=by)
    release.election = moved  # the caller's instance shows the day set
    return moved


@transaction.atomic
def board_release_decide(*, by: User, release: BoardRelease, decided_on: datetime.date) -> Decision:
    """Once the khu phố's meeting agreed with more than half of all its households, the ward
    Front lets the member go (Luật Art. 36.2; NĐ 59 Art. 13.1: "xem xét, cho thôi"): a
    decision, the end of the tenure (released, or resigned at their own request) and the
    board vacancy, which says whether a by-election is required."""
    _check_front(by, release.ward)
    locked = BoardRelease.objects.select_for_update().get(pk=release.pk)
    if locked.decision_id is not None:
        raise ValidationError(_("Ủy ban MTTQ phường đã quyết định về đề nghị này."))
    state = release_state(locked)
    if not state.counted:
        raise ValidationError(_("Khu phố chưa họp hoặc chưa chốt kết quả biểu quyết về đề nghị cho thôi."))
    if not state.agreed:
        raise ValidationError(
            _(
                "Cuộc họp của khu phố không đồng ý cho thôi: %(reason)s Cần quá một nửa tổng số hộ gia đình "
                "đồng ý (Luật 10/2022/QH15, Điều 21.1, 36.2)."
            )
            % {"reason": state.reason}
        )
    assert locked.election is not None
    meeting = current_meeting_any(locked.election)
    assert meeting is not None
    held_on = meeting.held_on or timezone.localdate()
    if decided_on < held_on:
        raise ValidationError(
            _("Ngày quyết định không thể trước ngày họp của khu phố (%(day)s).")
            % {"day": f"{held_on:%d/%m/%Y}"}
        )
    tenure = locked.tenure
    if tenure.ended_on is not None:
        raise ValidationError(
            _("%(name)s đã thôi từ ngày %(day)s.")
            % {"name": tenure.full_name, "day": f"{tenure.ended_on:%d/%m/%Y}"}
        )
    if decided_on > tenure.term_ends_on:
        raise ValidationError(
            _("Nhiệm kỳ đã kết thúc ngày %(day)s.") % {"day": f"{tenure.term_ends_on:%d/%m/%Y}"}
        )
    required = rules.by_election_required(tenure.term_ends_on, decided_on)
    decision = Decision.objects.create(
        plan=locked.election.plan,
        election=locked.election,
        kind=DecisionKind.RELEASE_BOARD_MEMBER,
        decided_on=decided_on,
        reason=locked.reasons,
        by=by,
        details={
            "full_name": tenure.full_name,
            "gender": tenure.candidate.gender if tenure.candidate else "",
            "neighborhood": tenure.neighborhood.name,
            "ground": locked.ground,
            "ground_label": str(BoardReleaseGround(locked.ground).label),
            "proposed_on": f"{locked.proposed_on:%d/%m/%Y}",
            "held_on": f"{held_on:%d/%m/%Y}",
            "approvals": state.approvals,
            "household_total": state.household_total,
            "term_ends_on": f"{tenure.term_ends_on:%d/%m/%Y}",
            "by_election_required": required,
        },
    )
    reason = TenureEnd.RESIGNED if locked.ground == BoardReleaseGround.OWN_REQUEST else TenureEnd.RELEASED
    tenure_end(
        by=by, tenure=tenure, ended_on=decided_on, reason=reason, note=locked.reasons, decision=decision
    )
    locked.decision = decision
    locked.save(update_fields=["decision"])
    release.decision = decision
    return decision


# --- The by-election -------------------------------------------------------------------


@transaction.atomic
def by_election_open(
    *,
    by: User,
    vacancy: Vacancy,
    guided_on: datetime.date,
    text: str,
    meeting_date: datetime.date,
    meeting_time: datetime.time | None = None,
    meeting_place: str = "",
) -> ByElectionGuidance:
    """The ward Front guides the by-election of a board seat vacant with 6 months or more of
    the term left (Luật Art. 36.2; NĐ 59 Art. 13.1); the khu phố's Front committee and head
    organise it: an election of purpose ``by_election`` with one inspection-board seat, whose
    candidates, list, meeting and count are an election's."""
    # A vacancy may have no tenure that left it (an outer join), so only its own row is locked.
    vacancies = Vacancy.objects.select_for_update(of=("self",)).select_related("neighborhood", "left")
    locked = vacancies.get(pk=vacancy.pk)
    _check_front(by, locked.ward)
    if locked.post != OfficePost.BOARD_MEMBER:
        raise ValidationError(_("Chỉ bầu bổ sung thành viên Ban Thanh tra nhân dân."))
    if locked.filled_on is not None or locked.new_election_id is not None:
        raise ValidationError(_("Vị trí khuyết này đã có người hoặc đã có hướng dẫn bầu bổ sung."))
    plan = _plan_of(locked.neighborhood)
    term_end = locked.left.term_ends_on if locked.left else term_ends_on(plan)
    problems = [] if locked.by_election_required else rules.by_election_problems(term_end, locked.vacant_from)
    if problems:
        raise ValidationError([ValidationError(problem, code="no_by_election") for problem in problems])
    text = text.strip()
    if not text:
        problems.append(_("Ghi nội dung hướng dẫn bầu bổ sung."))
    if guided_on < locked.vacant_from:
        problems.append(
            _("Ngày hướng dẫn không thể trước ngày khuyết (%(day)s).")
            % {"day": f"{locked.vacant_from:%d/%m/%Y}"}
        )
    if meeting_date < guided_on:
        problems.append(_("Ngày họp bầu bổ sung không thể trước ngày hướng dẫn."))
    if meeting_date > term_end:
        problems.append(_("Ngày họp sau ngày kết thúc nhiệm kỳ (%(day)s).") % {"day": f"{term_end:%d/%m/%Y}"})
    if problems:
        raise ValidationError(problems)
    election = election_during_term(
        plan=plan,
        neighborhood=locked.neighborhood,
        purpose=ElectionPurpose.BY_ELECTION,
        meeting_date=meeting_date,
        meeting_time=meeting_time,
        meeting_place=_clean(meeting_place),
    )
    Contest.objects.create(election=election, kind=ContestKind.INSPECTION_BOARD, seats=1)
    transition(election, "start_preparation", by=by)
    vacancy_election_decided(by=by, vacancy=locked, election=election)
    return ByElectionGuidance.objects.create(
        vacancy=locked, election=election, guided_on=guided_on, text=text, by=by
    )


# --- The notice of the board's composition, again -------------------------------------------


def _officer_problems(plan: Plan) -> list[str]:
    return [
        _(
            "%(office)s %(name)s không còn là thành viên Ban: Ban bầu người thay thế trước khi thông báo "
            "(NĐ 59/2023/NĐ-CP, Điều 13.3)."
        )
        % {"office": v.label, "name": v.left["full_name"]}
        for v in vacant_offices(plan)
    ]


@transaction.atomic
def board_notice_reissue(*, by: User, plan: Plan, issued_on: datetime.date, reason: str) -> BoardNotice:
    """The ward Front's notice of the board's composition issued again once it changed (a
    member let go, a member by-elected): a new notice naming who serves today, from the
    tenures, with the officers as the board elected them; it supersedes the last one, which
    stays (Luật Art. 40.2.b)."""
    Plan.objects.select_for_update().get(pk=plan.pk)
    _check_front(by, plan.division)
    previous = latest_board_notice(plan)
    if previous is None:
        raise ValidationError(_("Chưa có thông báo thành phần Ban: thông báo sau cuộc họp đầu tiên của Ban."))
    problems = _officer_problems(plan)
    reason = reason.strip()
    if not reason:
        problems.append(_("Ghi lý do thông báo lại (ví dụ: bầu bổ sung thành viên)."))
    if issued_on < previous.issued_on:
        problems.append(
            _("Ngày thông báo không thể trước thông báo trước (%(day)s).")
            % {"day": f"{previous.issued_on:%d/%m/%Y}"}
        )
    if problems:
        raise ValidationError(problems)
    meeting = standing_officers_meeting(plan)
    assert meeting is not None
    members = current_members(plan.division)
    if {m["candidate"] for m in members} == {m["candidate"] for m in previous.details["members"]} and (
        previous.meeting_id == meeting.pk
    ):
        raise ValidationError(
            _("Thành phần Ban không thay đổi so với thông báo ngày %(day)s.")
            % {"day": f"{previous.issued_on:%d/%m/%Y}"}
        )
    posts = {meeting.officers["head"]["candidate"]: "Trưởng ban"}
    posts |= {d["candidate"]: "Phó Trưởng ban" for d in meeting.officers["deputies"]}
    order = {"Trưởng ban": 0, "Phó Trưởng ban": 1}
    rows = sorted(
        ({**m, "post": posts.get(m["candidate"], "Ủy viên")} for m in members),
        key=lambda row: order.get(row["post"], 2),
    )
    return BoardNotice.objects.create(
        plan=plan,
        meeting=meeting,
        issued_on=issued_on,
        details={
            "held_on": f"{meeting.held_on:%d/%m/%Y}",
            "members": rows,
            "head": meeting.officers["head"],
            "deputies": meeting.officers["deputies"],
            "reason": reason,
        },
        version=previous.version + 1,
        supersedes=previous,
        by=by,
    )


# --- An officer replaced by the board's own vote (NĐ 59 Art. 13.3) -------------------------


@transaction.atomic
def board_officer_meeting_convene(
    *,
    by: User,
    plan: Plan,
    convened_on: datetime.date,
    held_on: datetime.date,
    place: str,
    chair: str,
    time: datetime.time | None = None,
    secretary: str = "",
) -> BoardMeeting:
    """The ward Front convenes the board, as it stands today, to elect the office an officer
    left (the head first when both are vacant): a new meeting, numbered after the last."""
    Plan.objects.select_for_update().get(pk=plan.pk)
    _check_front(by, plan.division)
    vacant = vacant_offices(plan)
    if not vacant:
        raise ValidationError(
            _("Trưởng ban, Phó Trưởng ban đều đang là thành viên Ban: không có chức danh để bầu thay.")
        )
    if open_board_meeting(plan) is not None:
        raise ValidationError(_("Đã triệu tập một cuộc họp của Ban chưa kết thúc."))
    place, chair, secretary = _clean(place), _clean(chair), _clean(secretary)
    problems = []
    if held_on < convened_on:
        problems.append(_("Ngày họp không thể trước ngày triệu tập."))
    if not place:
        problems.append(_("Ghi địa điểm họp."))
    if not chair:
        problems.append(_("Ghi họ tên đại diện Ủy ban MTTQ phường chủ trì cuộc họp."))
    if problems:
        raise ValidationError(problems)
    standing = standing_officers_meeting(plan)
    assert standing is not None
    return BoardMeeting.objects.create(
        plan=plan,
        number=plan.board_meetings.count() + 1,
        deputies=len(standing.officers["deputies"]),
        convened_on=convened_on,
        held_on=held_on,
        time=time,
        place=place,
        chair=chair,
        secretary=secretary,
        members=current_members(plan.division),
        convened_by=by,
        elects_office=vacant[0].office,
    )


@transaction.atomic
def board_officer_replace(*, by: User, meeting: BoardMeeting, member: int, votes: int) -> BoardMeeting:
    """The board elects the member who takes the vacant office, with the votes of more than
    half of all its members (``rules.board_officer_elected``); the other officers stay. The
    meeting closes and stores the officers as they now stand."""
    locked = BoardMeeting.objects.select_for_update().get(pk=meeting.pk)
    if not locked.elects_office:
        raise ValidationError(_("Cuộc họp này bầu Trưởng ban, Phó Trưởng ban của Ban, không bầu thay."))
    if locked.closed_at is not None:
        raise ValidationError(_("Cuộc họp của Ban đã kết thúc: không sửa được."))
    if locked.attendance_recorded_at is None:
        raise ValidationError(_("Ghi danh sách thành viên có mặt trước khi bầu."))
    members = {m["candidate"]: m for m in locked.members}
    total, present = len(members), len(locked.present)
    standing = standing_officers_meeting(locked.plan)
    assert standing is not None
    officers = standing.officers
    label = OFFICE_LABELS[locked.elects_office]
    problems = rules.board_meeting_quorum_problems(present, total)
    staying = {officers["head"]["candidate"]} | {d["candidate"] for d in officers["deputies"]}
    staying &= set(members)
    if member not in members:
        problems.append(_("%(office)s phải là thành viên của Ban.") % {"office": label})
    elif member in staying:
        problems.append(_("Một người không giữ hai chức danh."))
    else:
        problems += rules.board_officer_vote_problems(
            label, members[member]["full_name"], votes, present, total
        )
    if problems:
        raise ValidationError(problems)
    elected = {**members[member], "votes": votes}
    head = officers["head"] if officers["head"]["candidate"] in members else None
    deputies = [d for d in officers["deputies"] if d["candidate"] in members]
    if locked.elects_office == "head":
        head = elected
    else:
        deputies.append(elected)
    if head is None:
        raise ValidationError(_("Ban chưa có Trưởng ban: bầu Trưởng ban trước."))
    locked.officers = {
        "head": head,
        "deputies": deputies,
        "elected": {**elected, "office": locked.elects_office},
    }
    locked.elected_at = locked.closed_at = timezone.now()
    locked.save(update_fields=["officers", "elected_at", "closed_at"])
    return locked
