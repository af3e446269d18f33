"""Plans, the elections they open, meeting schedules and the deadline checklist."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from elections import transitions
from elections.documents import LABELS as ELECTION_DOCUMENTS
from elections.documents import labels_for
from elections.forms.plans import BulkScheduleForm, MilestoneForm, PlanForm, ScheduleForm, TeamMemberForm
from elections.models import Plan
from elections.selectors import fetch
from elections.selectors.invitations import delivery_summary
from elections.selectors.plans import (
    PREPARATION_MILESTONES,
    election_checklist,
    late_lines,
    record_closed,
    schedule_closed,
)
from elections.selectors.practice import practice_copies
from elections.selectors.signed_copies import missing_count, signed_copies_line, signed_papers
from elections.selectors.tenures import open_vacancies
from elections.services import plans as services
from elections.views.contexts import election_results_context, request_document
from neighborhoods.selectors import get_division_for
from reporting.services import latest_document
from wardvote import access
from wardvote.forms import TEXT_MAX_LENGTH, add_validation_errors, posted_text
from wardvote.messages import message_validation_errors
from wardvote.once import one_submission
from wardvote.text import natural_key
from wardvote.types import AuthenticatedHttpRequest


def _sorted_elections(elections):
    return sorted(elections, key=lambda e: natural_key(e.neighborhood.name))


@login_required
@require_GET
def plan_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    plans = fetch.plans_for(request.user).order_by("division__path", "-issued_on")
    issuers = [
        a.division
        for a in access.assignments_with(request.user, access.MANAGE_PLANS)
        if a.division.level in services.PLAN_LEVEL
    ]
    return render(request, "elections/plan_list.html", {"plans": plans, "issuers": issuers})


@login_required
@require_http_methods(["GET", "POST"])
@one_submission
def plan_create(request: AuthenticatedHttpRequest, division_pk: int) -> HttpResponse:
    division = get_division_for(request.user, division_pk, access.MANAGE_PLANS)
    if not access.can_issue_plan(request.user, division) or division.level not in services.PLAN_LEVEL:
        raise Http404
    parents = Plan.objects.filter(division=division.parent) if division.parent_id else Plan.objects.none()
    form = PlanForm(request.POST or None, parents=parents)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(by=request.user, division=division, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            opened = plan.elections.count()
            messages.success(
                request,
                _("Đã lưu kế hoạch %(number)s.") % {"number": plan.number}
                + (" " + _("Đã mở %(count)s cuộc bầu cử khu phố.") % {"count": opened} if opened else ""),
            )
            return redirect("elections:plan_detail", pk=plan.pk)
    return render(request, "elections/plan_form.html", {"form": form, "division": division})


@login_required
@require_http_methods(["GET", "POST"])
def plan_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = fetch.get_plan_for(request.user, pk)
    elections = fetch.elections_for(request.user).filter(plan=plan)
    can_manage = plan.level == "ward" and access.can(request.user, access.MANAGE_ELECTIONS, plan.division)
    form = BulkScheduleForm(request.POST or None, elections=elections)
    if request.method == "POST":
        if not can_manage:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                count = services.elections_schedule_bulk(
                    by=request.user,
                    elections=list(data["elections"]),
                    meeting_date=data["meeting_date"],
                    meeting_time=data["meeting_time"],
                    meeting_place=data["meeting_place"],
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("Đã xếp lịch họp cho %(count)s khu phố.") % {"count": count})
                return redirect("elections:plan_detail", pk=plan.pk)
    today = timezone.localdate()
    rows = [(e, late_lines(e, today)) for e in _sorted_elections(elections)]
    return render(
        request,
        "elections/plan_detail.html",
        {
            "plan": plan,
            "rows": rows,
            "form": form,
            "can_manage": can_manage,
            "children": fetch.plans_for(request.user).official().filter(parent=plan),
            "practice_copies": practice_copies(plan) if not plan.practice else [],
        },
    )


def _election_for_write(request: AuthenticatedHttpRequest, pk):
    return fetch.get_election_for(request.user, pk, access.MANAGE_ELECTIONS)


@login_required
@require_GET
def election_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    election = fetch.get_election_for(request.user, pk)
    can_manage = access.can(request.user, access.MANAGE_ELECTIONS, election.neighborhood)
    today = timezone.localdate()
    closed = record_closed(election)
    # Issue 16 item 10: the issued papers whose signed copy is to come back, flagged after recognition.
    papers = signed_papers(election)
    signed_line = signed_copies_line(election, papers)
    return render(
        request,
        "elections/election_detail.html",
        {
            "election": election,
            "can_manage": can_manage,
            "checklist": election_checklist(election, today) + ([signed_line] if signed_line else []),
            "signed_papers": papers,
            "signed_missing": missing_count(papers),
            "schedule_form": ScheduleForm(
                asks_reason=schedule_closed(election),
                initial={
                    "meeting_date": election.meeting_date,
                    "meeting_time": election.meeting_time,
                    "meeting_place": election.meeting_place,
                    "version": election.version,
                },
            ),
            "milestone_form": MilestoneForm(),
            # After the meeting opened, a change of the record asks for the reason of its correction.
            "record_closed": closed,
            "closed_milestones": PREPARATION_MILESTONES if closed else (),
            "team": election.team_members.order_by("role", "full_name"),
            "team_form": TeamMemberForm(asks_reason=closed),
            "transitions": transitions.available_transitions(election) if can_manage else [],
            "stage_changes": election.stage_changes.select_related("by"),
            "contests": election.contests.all(),
            "documents": [
                (kind, label, latest_document(kind=kind, source=election))
                for kind, label in labels_for(election).items()
            ],
            **election_results_context(election, request.user),
            # Issue 14: the khu phố's posts left vacant within the term, each with its page.
            "vacancies": open_vacancies(election.neighborhood),
            # Issue 18: the invitations handed in at each door, for those who may read the list.
            "invitations": (
                delivery_summary(election, today)
                if access.can(request.user, access.READ_PERSONAL_DATA, election.neighborhood)
                else None
            ),
        },
    )


@login_required
@require_POST
def election_schedule(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    election = _election_for_write(request, pk)
    form = ScheduleForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.election_schedule(
                by=request.user,
                election=election,
                meeting_date=data["meeting_date"],
                meeting_time=data["meeting_time"],
                meeting_place=data["meeting_place"],
                expected_version=data["version"],
                correction_reason=data["correction_reason"],
            )
        except ValidationError as error:
            message_validation_errors(request, error)
        else:
            messages.success(request, _("Đã lưu lịch họp."))
    else:
        messages.error(request, _("Ngày hoặc giờ họp không hợp lệ (ngày dd/mm/yyyy, giờ hh:mm)."))
    return redirect("elections:election_detail", pk=election.pk)


@login_required
@require_POST
def election_milestone(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    election = _election_for_write(request, pk)
    form = MilestoneForm(request.POST)
    if form.is_valid():
        try:
            services.election_record_milestone(by=request.user, election=election, **form.cleaned_data)
        except ValidationError as error:
            message_validation_errors(request, error)
        else:
            messages.success(request, _("Đã ghi nhận."))
    else:
        messages.error(request, _("Ngày không hợp lệ (dd/mm/yyyy)."))
    return redirect("elections:election_detail", pk=election.pk)


@login_required
@require_POST
def election_transition(request: AuthenticatedHttpRequest, pk: int, name: str) -> HttpResponse:
    election = _election_for_write(request, pk)
    if name not in transitions.TRANSITIONS or not transitions.TRANSITIONS[name].manual:
        raise Http404
    try:
        reason = posted_text(request.POST, "reason", max_length=TEXT_MAX_LENGTH, multiline=True)
        transitions.transition(election, name, by=request.user, reason=reason)
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, _("Đã chuyển sang giai đoạn mới."))
    return redirect("elections:election_detail", pk=election.pk)


@login_required
@require_POST
def election_document(request: AuthenticatedHttpRequest, pk: int, kind: str) -> HttpResponse:
    election = fetch.get_election_for(request.user, pk, access.MANAGE_ELECTIONS)
    if kind not in ELECTION_DOCUMENTS:
        raise Http404
    request_document(request, kind, election)
    return redirect("elections:election_detail", pk=election.pk)
