"""The election team (Tổ bầu cử) of one election."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from elections import rules
from elections.models import Election, TeamMember, TeamRole
from elections.selectors.candidates import is_candidate, is_team_member


@transaction.atomic
def team_member_add(
    *, election: Election, full_name: str, role: str, represents: str, organisation: str = ""
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
    return TeamMember.objects.create(
        election=election, full_name=full_name, role=role, represents=represents, organisation=organisation
    )


@transaction.atomic
def team_member_remove(*, member: TeamMember) -> None:
    member.delete()
