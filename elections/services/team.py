"""The election team (Tổ bầu cử) of one election."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elections import rules
from elections.models import Election, TeamMember, TeamRole
from elections.selectors.candidates import is_candidate, is_team_member
from elections.selectors.plans import record_closed
from elections.services.corrections import correction_record

TEAM_CLOSED = gettext_lazy("Cuộc họp đã khai mạc: Tổ bầu cử đã ghi vào biên bản, không thay đổi được nữa.")


def _correct_if_closed(*, by: User | None, election: Election, subject: str, correction_reason: str) -> None:
    """After the meeting opened a change of the team is a correction, kept with its reason."""
    if record_closed(election):
        correction_record(
            by=by,
            election=election,
            subject=subject,
            correction_reason=correction_reason,
            refusal=TEAM_CLOSED,
        )


@transaction.atomic
def team_member_add(
    *,
    election: Election,
    full_name: str,
    role: str,
    represents: str,
    organisation: str = "",
    by: User | None = None,
    correction_reason: str = "",
) -> TeamMember:
    Election.objects.select_for_update().filter(pk=election.pk).first()  # one change of the team at a time
    full_name = " ".join(full_name.split())
    problems = rules.team_member_problems(is_candidate(election, full_name), role, represents)
    if is_team_member(election, full_name):
        problems.append(_("%(name)s đã có trong Tổ bầu cử.") % {"name": full_name})
    if role in (TeamRole.HEAD, TeamRole.SECRETARY) and election.team_members.filter(role=role).exists():
        problems.append(_("Tổ bầu cử đã có %(role)s.") % {"role": TeamRole(role).label})
    if problems:
        raise ValidationError(problems)
    _correct_if_closed(
        by=by,
        election=election,
        subject=_("thêm %(name)s (%(role)s) vào Tổ bầu cử")
        % {"name": full_name, "role": TeamRole(role).label},
        correction_reason=correction_reason,
    )
    return TeamMember.objects.create(
        election=election, full_name=full_name, role=role, represents=represents, organisation=organisation
    )


@transaction.atomic
def team_member_remove(*, member: TeamMember, by: User | None = None, correction_reason: str = "") -> None:
    election = Election.objects.select_for_update().get(pk=member.election_id)
    _correct_if_closed(
        by=by,
        election=election,
        subject=_("bỏ %(name)s (%(role)s) khỏi Tổ bầu cử")
        % {"name": member.full_name, "role": member.get_role_display()},
        correction_reason=correction_reason,
    )
    member.delete()
