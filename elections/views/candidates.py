"""Candidate lists: entering candidates, the consultation steps, every version of the list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from elections import consultation
from elections.forms.candidates import CandidateForm, ListConferenceForm
from elections.models import Contest
from elections.selectors import fetch
from elections.selectors.candidates import list_conference_of, list_diff
from elections.selectors.meeting import BEST_FIRST, households_matching
from elections.services import candidates as services
from wardvote import access, audit
from wardvote.forms import TEXT_MAX_LENGTH, add_validation_errors, posted_text, search_query
from wardvote.messages import message_form_errors, message_validation_errors
from wardvote.once import one_submission
from wardvote.text import person_sort_key
from wardvote.types import AuthenticatedHttpRequest


def _households(contest: Contest):
    return contest.election.neighborhood.households.order_by("code")


@login_required
@require_http_methods(["GET", "POST"])
@one_submission
def contest_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    contest = fetch.get_contest_for(request.user, pk)
    # The Front working committee's list: the ward Front's staff (or the official) enter it.
    can_edit = (
        consultation.can_prepare(request.user, contest) and contest.list_status in consultation.EDITABLE
    )
    form = CandidateForm(
        request.POST or None,
        households=_households(contest),
        household_search_url=reverse("elections:contest_household_search", args=[contest.pk]),
    )
    if request.method == "POST":
        if not can_edit:
            raise Http404
        if form.is_valid():
            try:
                candidate = services.candidate_add(contest=contest, **form.cleaned_data)
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("Đã thêm người ứng cử %(name)s.") % {"name": candidate.full_name})
                return redirect("elections:contest_detail", pk=contest.pk)
    versions = list(contest.list_versions.select_related("by").order_by("number"))
    history = [
        (version, list_diff(versions[i - 1].candidates if i else [], version.candidates))
        for i, version in enumerate(versions)
    ]
    return render(
        request,
        "elections/candidates/contest_detail.html",
        {
            "contest": contest,
            "election": contest.election,
            "form": form,
            "can_edit": can_edit,
            "candidates": sorted(
                contest.candidates.select_related("household"), key=lambda c: person_sort_key(c.full_name)
            ),
            "transitions": consultation.offered_transitions(request.user, contest),
            "comments": contest.comments.select_related("by"),
            "can_comment": access.can(request.user, access.MANAGE_ELECTIONS, contest.election.neighborhood),
            "history": list(reversed(history)),
            **_conference(request, contest),
        },
    )


def _conference(request: AuthenticatedHttpRequest, contest: Contest) -> dict:
    """The Front committee's conference on the official list (form 05): one per election,
    shown on each list's page; the Front officer who enters the list records it."""
    conference = list_conference_of(contest.election)
    can_record = consultation.can_prepare(request.user, contest)
    initial = {}
    if conference is not None:
        initial = {name: getattr(conference, name) for name in services.LIST_CONFERENCE_FIELDS}
        initial["held_at"] = timezone.localtime(conference.held_at).strftime("%d/%m/%Y %H:%M")
    return {
        "conference": conference,
        "can_record_conference": can_record,
        "conference_form": ListConferenceForm(initial=initial, prefix="conference") if can_record else None,
    }


@login_required
@require_POST
def list_conference(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Record the conference at which the khu phố Front committee agreed the official list."""
    contest = fetch.get_contest_for(request.user, pk)
    if not consultation.can_prepare(request.user, contest):
        raise Http404
    form = ListConferenceForm(request.POST, prefix="conference")
    if not form.is_valid():
        message_form_errors(request, form)
        return redirect("elections:contest_detail", pk=contest.pk)
    try:
        services.list_conference_record(election=contest.election, **form.cleaned_data)
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, _("Đã ghi nhận hội nghị thống nhất danh sách người ứng cử."))
    return redirect("elections:contest_detail", pk=contest.pk)


@login_required
@require_POST
def contest_transition(request: AuthenticatedHttpRequest, pk: int, name: str) -> HttpResponse:
    contest = fetch.get_contest_for(request.user, pk)
    if name not in consultation.LIST_TRANSITIONS:
        raise Http404
    if consultation.LIST_TRANSITIONS[name] not in consultation.allowed_transitions(request.user, contest):
        raise Http404
    try:
        note = posted_text(request.POST, "note", max_length=TEXT_MAX_LENGTH, multiline=True)
        consultation.list_transition(contest, name, by=request.user, note=note)
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(
            request, _("Đã ghi nhận: %(step)s.") % {"step": consultation.LIST_TRANSITIONS[name].label}
        )
    return redirect("elections:contest_detail", pk=contest.pk)


@login_required
@require_POST
def candidate_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    candidate = fetch.get_candidate_for(request.user, pk)
    if not consultation.can_prepare(request.user, candidate.contest):
        raise Http404
    try:
        services.candidate_remove(candidate=candidate)
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, _("Đã bỏ %(name)s khỏi danh sách.") % {"name": candidate.full_name})
    return redirect("elections:contest_detail", pk=candidate.contest_id)


@login_required
@require_POST
def contest_comment(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The ward official reads the Front's draft and comments on it."""
    contest = fetch.get_contest_for(request.user, pk, access.MANAGE_ELECTIONS)
    try:
        text = posted_text(request.POST, "text", max_length=TEXT_MAX_LENGTH, multiline=True)
        services.list_comment_add(by=request.user, contest=contest, text=text)
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, _("Đã ghi ý kiến về danh sách."))
    return redirect("elections:contest_detail", pk=contest.pk)


# --- the candidate's household, found by search (issue 16) ---
HOUSEHOLD_SEARCH_LIMIT = 10


@login_required
@require_GET
def household_search(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """htmx: the khu phố's households matching the candidate form's search box (a code, the
    head's name, an address), for whoever enters the list; the read is in the audit log."""
    contest = fetch.get_contest_for(request.user, pk)
    neighborhood = contest.election.neighborhood
    if not consultation.can_prepare(request.user, contest) or not access.can(
        request.user, access.READ_PERSONAL_DATA, neighborhood
    ):
        raise Http404
    query = search_query(request.GET, "household_q")
    households = []
    if query:
        matching = households_matching(neighborhood, query).order_by(*BEST_FIRST)
        households = list(matching[: HOUSEHOLD_SEARCH_LIMIT + 1])
        audit.personal_data_read(
            request=request,
            division=neighborhood,
            kind=audit.READ_SEARCH,
            rows=min(len(households), HOUSEHOLD_SEARCH_LIMIT),
            query=query,
        )
    return render(
        request,
        "elections/candidates/household_results.html",
        {
            "households": households[:HOUSEHOLD_SEARCH_LIMIT],
            "more": len(households) > HOUSEHOLD_SEARCH_LIMIT,
            "limit": HOUSEHOLD_SEARCH_LIMIT,
            "query": query,
        },
    )
