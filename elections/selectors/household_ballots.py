"""Reads of a household-ballot round (Luật Art. 19; NĐ 59 Art. 4): its recorded steps and
what is still missing before each next one."""

from __future__ import annotations

from django.utils.translation import gettext as _

from elections.models import BallotRound, Meeting, MeetingMode


def ballot_round_of(meeting: Meeting) -> BallotRound | None:
    """The steps of a household-ballot round; None for a community meeting or for a round
    started before the steps were recorded."""
    if meeting.mode != MeetingMode.HOUSEHOLD_BALLOTS:
        return None
    return BallotRound.objects.filter(meeting=meeting).first()


def round_count_problems(meeting: Meeting) -> list[str]:
    """What must be recorded before the round's count is typed: the team decided by the head,
    the public notice, and the count day with its 2 household witnesses (NĐ 59 Art. 4.3-4.6)."""
    round_ = ballot_round_of(meeting)
    if round_ is None:
        return []
    problems = []
    if round_.team_decided_on is None:
        problems.append(
            _("Chưa có quyết định thành lập Tổ phát phiếu của Trưởng khu phố (NĐ 59/2023, Điều 4.3).")
        )
    if round_.noticed_on is None:
        problems.append(_("Chưa thông báo công khai việc phát phiếu (NĐ 59/2023, Điều 4.4)."))
    if round_.counted_on is None or not meeting.witnesses:
        problems.append(
            _("Chưa ghi ngày kiểm phiếu và 02 đại diện hộ gia đình chứng kiến (NĐ 59/2023, Điều 4.6.a).")
        )
    return problems
