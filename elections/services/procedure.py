"""The procedure of the community meeting, recorded as it happens (NĐ 59/2023, Art. 3.5).

The secretary approved, the Front's list presented, nominations from the floor,
the voting method chosen and, for a secret ballot, the counting board and the two
household witnesses. Each vote passes with more than half of those present.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from elections import rules
from elections.models import Candidate, Contest, Meeting, NominationSource, VotingMethod
from elections.selectors.candidates import eligibility_problems
from elections.selectors.meeting import (
    cluster_sittings,
    contests_to_vote,
    held_by_cluster,
    tally_started,
    voters,
)
from elections.services.candidates import check_not_listed

FLOOR_SOURCES = (NominationSource.FLOOR, NominationSource.SELF)


def _locked(meeting: Meeting) -> Meeting:
    locked = Meeting.objects.select_for_update().select_related("election__plan").get(pk=meeting.pk)
    if locked.closed_at is not None:
        raise ValidationError(_("Cuộc họp đã kết thúc."))
    if held_by_cluster(locked):
        raise ValidationError(_("Khu phố họp theo cụm dân cư: mỗi cụm ghi thủ tục của cuộc họp cụm mình."))
    return locked


def _check_motion(what: str, votes_for: int, present: int) -> None:
    problems = rules.motion_problems(what, votes_for, present)
    if problems:
        raise ValidationError(problems)


def _names(values: list[str]) -> list[str]:
    return [" ".join(v.split()) for v in values if v and v.strip()]


@transaction.atomic
def secretary_approve(*, meeting: Meeting, name: str, votes_for: int) -> Meeting:
    meeting = _locked(meeting)
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("Ghi họ tên thư ký cuộc họp."))
    _check_motion(_("thư ký cuộc họp"), votes_for, voters(meeting))
    meeting.secretary_name, meeting.secretary_votes = name, votes_for
    meeting.save(update_fields=["secretary_name", "secretary_votes"])
    return meeting


@transaction.atomic
def list_present(*, meeting: Meeting) -> Meeting:
    """The Front's official list read to the meeting; nominations from the floor may follow."""
    meeting = _locked(meeting)
    if meeting.list_presented_at is None:
        meeting.list_presented_at = timezone.now()
        meeting.save(update_fields=["list_presented_at"])
    return meeting


@transaction.atomic
def floor_nomination_add(*, meeting: Meeting, contest: Contest, **fields) -> Candidate:
    """A nomination from the floor or a self-nomination, checked like any candidate."""
    meeting = _locked(meeting)
    contest = Contest.objects.select_for_update().select_related("election__plan").get(pk=contest.pk)
    if contest.election_id != meeting.election_id or contest.pk not in {
        c.pk for c in contests_to_vote(meeting)
    }:
        raise ValidationError(_("Chức danh này không bầu tại cuộc họp này."))
    if meeting.list_presented_at is None:
        raise ValidationError(_("Giới thiệu danh sách chính thức trước khi nhận đề cử tại hội nghị."))
    if contest.tally_entries.filter(meeting=meeting).exists():
        raise ValidationError(_("Đã bắt đầu nhập kết quả: không nhận thêm đề cử."))
    if fields.get("nomination_source") not in FLOOR_SOURCES:
        raise ValidationError(_("Tại hội nghị chỉ nhận đề cử hoặc tự ứng cử."))
    fields["full_name"] = " ".join(fields["full_name"].split())
    candidate = Candidate(contest=contest, **fields)
    problems = eligibility_problems(contest, candidate)
    if problems:
        raise ValidationError(problems)
    check_not_listed(contest, candidate)
    candidate.save()
    return candidate


@transaction.atomic
def voting_method_choose(*, meeting: Meeting, method: str, votes_for: int) -> Meeting:
    meeting = _locked(meeting)
    if method not in VotingMethod.values:
        raise ValidationError(_("Chọn biểu quyết giơ tay hoặc bỏ phiếu kín."))
    if tally_started(meeting):
        raise ValidationError(_("Đã bắt đầu nhập kết quả: không đổi hình thức bầu."))
    if meeting.cluster_id is not None:
        # The clusters' counts add up to the khu phố's (Luật Art. 18.3): one method for all of them.
        other = (
            cluster_sittings(meeting)
            .exclude(pk=meeting.pk)
            .exclude(voting_method="")
            .exclude(voting_method=method)
            .select_related("cluster")
            .first()
        )
        if other is not None and other.cluster is not None:
            raise ValidationError(
                _(
                    "%(cluster)s đã biểu quyết “%(method)s”: các cụm dân cư bầu cùng một hình thức "
                    "để cộng kết quả chung của khu phố."
                )
                % {"cluster": other.cluster.name, "method": other.get_voting_method_display()}
            )
    _check_motion(_("hình thức bầu"), votes_for, voters(meeting))
    meeting.voting_method, meeting.voting_method_votes = method, votes_for
    meeting.save(update_fields=["voting_method", "voting_method_votes"])
    return meeting


@transaction.atomic
def counting_board_approve(
    *, meeting: Meeting, members: list[str], votes_for: int, witnesses: list[str]
) -> Meeting:
    meeting = _locked(meeting)
    settings = meeting.election.rules
    members, witnesses = _names(members), _names(witnesses)
    problems = rules.counting_board_problems(len(members), settings)
    problems += rules.witness_problems(len(witnesses), settings)
    if problems:
        raise ValidationError(problems)
    _check_motion(_("Ban kiểm phiếu"), votes_for, voters(meeting))
    meeting.counting_board, meeting.counting_board_votes, meeting.witnesses = members, votes_for, witnesses
    meeting.save(update_fields=["counting_board", "counting_board_votes", "witnesses"])
    return meeting
