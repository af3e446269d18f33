"""The inspection board between elections (Luật Art. 36.2; NĐ 59 Art. 13): the ward Front's
page that lists who serves per khu phố (from the tenures) and the open board seats, and its
steps: propose to let a member go, the day of the khu phố's meeting, the decision once the
meeting agreed, the guidance that opens a by-election, the notice issued again, and the
board's vote replacing an officer. The meetings themselves are held on the election's own
meeting page; the by-election's list on its contest page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from elections import board_documents, board_term_documents
from elections.forms import board_term as forms
from elections.models import BoardRelease, Plan
from elections.selectors import board_term as selectors
from elections.selectors import fetch
from elections.selectors.board import latest_board_notice, open_board_meeting
from elections.selectors.tenures import current_ward_plan
from elections.services import board_term
from elections.views.contexts import request_document
from reporting.services import latest_document
from wardvote import access
from wardvote.messages import message_form_errors, message_validation_errors
from wardvote.once import one_submission
from wardvote.types import AuthenticatedHttpRequest


def _to_page(plan_pk: int | None) -> HttpResponse:
    return redirect("elections:board_term_page", pk=plan_pk)


def _plan_pk(release_or_vacancy) -> int | None:
    """The ward's current plan, where the board's page lives."""
    plan = current_ward_plan(release_or_vacancy.ward)
    return plan.pk if plan else None


def _rows(plan: Plan) -> list[dict]:
    """Each serving member with the Front's open proposal about them and where it stands."""
    rows = []
    for tenure in selectors.serving_members(plan.division):
        release = selectors.open_release(tenure)
        rows.append(
            {
                "tenure": tenure,
                "release": release,
                "state": selectors.release_state(release) if release else None,
                "document": latest_document(kind=board_term_documents.RELEASE_PROPOSAL, source=release)
                if release
                else None,
            }
        )
    return rows


def _released(plan: Plan) -> list[BoardRelease]:
    return list(
        BoardRelease.objects.filter(ward=plan.division, decision__isnull=False)
        .select_related("decision", "tenure")
        .order_by("-pk")
    )


@login_required
@require_GET
def board_term_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = fetch.get_plan_for(request.user, pk)
    can_act = access.can(request.user, access.RUN_CONSULTATION, plan.division)
    current = open_board_meeting(plan)
    vacant_offices = selectors.vacant_offices(plan)
    vacancies = [
        {
            "vacancy": v,
            "no_by_election": selectors.no_by_election_reason(v),
            "guidance": getattr(v, "by_election_guidance", None),
        }
        for v in selectors.board_vacancies(plan.division)
    ]
    for row in vacancies:
        guidance = row["guidance"]
        row["document"] = (
            latest_document(kind=board_term_documents.BY_ELECTION_GUIDANCE, source=guidance)
            if guidance
            else None
        )
    return render(
        request,
        "elections/board_term/page.html",
        {
            "plan": plan,
            "can_act": can_act,
            "rows": _rows(plan),
            "released": _released(plan),
            "vacancies": vacancies,
            "vacant_offices": vacant_offices,
            "notice": latest_board_notice(plan),
            "notice_outdated": selectors.notice_outdated(plan),
            "replacement": current if current is not None and current.elects_office else None,
            "propose_form": forms.ReleaseProposeForm(),
            "schedule_form": forms.ReleaseScheduleForm(),
            "decide_form": forms.ReleaseDecideForm(),
            "by_election_form": forms.ByElectionOpenForm(),
            "reissue_form": forms.NoticeReissueForm(),
            "officer_meeting_form": forms.OfficerMeetingForm()
            if can_act and vacant_offices and current is None
            else None,
            "replace_form": forms.OfficerReplaceForm(members=current.members)
            if current is not None and current.elects_office and current.attendance_recorded_at
            else None,
        },
    )


@login_required
@require_POST
@one_submission
def release_propose(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    tenure = fetch.get_board_tenure_for(request.user, pk, access.RUN_CONSULTATION)
    plan = current_ward_plan(tenure.ward)
    form = forms.ReleaseProposeForm(request.POST)
    if not form.is_valid():
        message_form_errors(request, form)
        return _to_page(plan.pk if plan else None)
    try:
        release = board_term.board_release_propose(by=request.user, tenure=tenure, **form.service_kwargs())
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, _("Đã đề nghị khu phố xem xét cho thôi thành viên Ban Thanh tra nhân dân."))
        request_document(request, board_term_documents.RELEASE_PROPOSAL, release)
    return _to_page(plan.pk if plan else None)


@login_required
@require_POST
def release_schedule(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    release = fetch.get_board_release_for(request.user, pk, access.RUN_CONSULTATION)
    form = forms.ReleaseScheduleForm(request.POST)
    if not form.is_valid():
        message_form_errors(request, form)
        return _to_page(_plan_pk(release))
    try:
        board_term.board_release_schedule(by=request.user, release=release, **form.service_kwargs())
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, _("Đã ấn định ngày họp của khu phố."))
    return _to_page(_plan_pk(release))


@login_required
@require_POST
@one_submission
def release_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    release = fetch.get_board_release_for(request.user, pk, access.RUN_CONSULTATION)
    form = forms.ReleaseDecideForm(request.POST)
    if not form.is_valid():
        message_form_errors(request, form)
        return _to_page(_plan_pk(release))
    try:
        board_term.board_release_decide(by=request.user, release=release, **form.service_kwargs())
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, _("Đã quyết định cho thôi làm thành viên Ban Thanh tra nhân dân."))
    return _to_page(_plan_pk(release))


@login_required
@require_POST
def release_document(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    release = fetch.get_board_release_for(request.user, pk, access.RUN_CONSULTATION)
    request_document(request, board_term_documents.RELEASE_PROPOSAL, release)
    return _to_page(_plan_pk(release))


@login_required
@require_POST
@one_submission
def by_election_open(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    vacancy = fetch.get_board_vacancy_for(request.user, pk, access.RUN_CONSULTATION)
    form = forms.ByElectionOpenForm(request.POST)
    if not form.is_valid():
        message_form_errors(request, form)
        return _to_page(_plan_pk(vacancy))
    try:
        guidance = board_term.by_election_open(by=request.user, vacancy=vacancy, **form.service_kwargs())
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, _("Đã hướng dẫn bầu bổ sung; khu phố lập danh sách người ứng cử."))
        request_document(request, board_term_documents.BY_ELECTION_GUIDANCE, guidance)
    return _to_page(_plan_pk(vacancy))


@login_required
@require_POST
def by_election_document(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    guidance = fetch.get_by_election_guidance_for(request.user, pk, access.RUN_CONSULTATION)
    request_document(request, board_term_documents.BY_ELECTION_GUIDANCE, guidance)
    return _to_page(_plan_pk(guidance.vacancy))


@login_required
@require_POST
@one_submission
def notice_reissue(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = fetch.get_plan_for(request.user, pk, access.RUN_CONSULTATION)
    form = forms.NoticeReissueForm(request.POST)
    if not form.is_valid():
        message_form_errors(request, form)
        return _to_page(plan.pk)
    try:
        notice = board_term.board_notice_reissue(by=request.user, plan=plan, **form.service_kwargs())
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, _("Đã thông báo lại thành phần Ban Thanh tra nhân dân."))
        request_document(request, board_documents.BOARD_NOTICE, notice)
    return _to_page(plan.pk)


@login_required
@require_POST
@one_submission
def officer_meeting_convene(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = fetch.get_plan_for(request.user, pk, access.RUN_CONSULTATION)
    form = forms.OfficerMeetingForm(request.POST)
    if not form.is_valid():
        message_form_errors(request, form)
        return _to_page(plan.pk)
    try:
        board_term.board_officer_meeting_convene(by=request.user, plan=plan, **form.service_kwargs())
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, _("Đã triệu tập cuộc họp Ban Thanh tra nhân dân để bầu thay."))
    return _to_page(plan.pk)


@login_required
@require_POST
def officer_replace(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = fetch.get_board_meeting_for(request.user, pk, access.RUN_CONSULTATION)
    form = forms.OfficerReplaceForm(request.POST, members=meeting.members)
    if not form.is_valid():
        message_form_errors(request, form)
        return _to_page(meeting.plan_id)
    try:
        board_term.board_officer_replace(by=request.user, meeting=meeting, **form.service_kwargs())
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, _("Ban đã bầu người thay thế."))
    return _to_page(meeting.plan_id)
