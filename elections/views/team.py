from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from elections.forms.plans import TeamMemberForm
from elections.selectors import fetch
from elections.services import team as services
from wardvote import access
from wardvote.forms import TEXT_MAX_LENGTH, posted_text
from wardvote.messages import message_validation_errors
from wardvote.once import one_submission
from wardvote.types import AuthenticatedHttpRequest


@login_required
@require_POST
@one_submission
def team_member_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    election = fetch.get_election_for(request.user, pk, access.MANAGE_ELECTIONS)
    form = TeamMemberForm(request.POST)
    if form.is_valid():
        try:
            member = services.team_member_add(by=request.user, election=election, **form.cleaned_data)
        except ValidationError as error:
            message_validation_errors(request, error)
        else:
            messages.success(request, _("Đã thêm %(name)s vào Tổ bầu cử.") % {"name": member.full_name})
    else:
        messages.error(
            request,
            " ".join(map(str, form.non_field_errors())) or _("Thiếu họ tên hoặc chức danh của thành viên."),
        )
    return redirect("elections:election_detail", pk=election.pk)


@login_required
@require_POST
def team_member_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    member = fetch.get_team_member_for(request.user, pk, access.MANAGE_ELECTIONS)
    try:
        reason = posted_text(request.POST, "correction_reason", max_length=TEXT_MAX_LENGTH, multiline=True)
        services.team_member_remove(member=member, by=request.user, correction_reason=reason)
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, _("Đã bỏ %(name)s khỏi Tổ bầu cử.") % {"name": member.full_name})
    return redirect("elections:election_detail", pk=member.election_id)
