"""Meeting day: check-in against the register, the live quorum meter, the projector page."""

from __future__ import annotations

import hashlib
import uuid
from functools import cache
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.template.loader import get_template
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from elections.forms.count import MeetingMinutesForm
from elections.forms.meeting import WalkInHouseholdForm
from elections.models import Attendance, ListStatus, Meeting, MeetingMode
from elections.selectors import fetch
from elections.selectors.clusters import clusters_missing, round_of, sitting_result, sittings_of
from elections.selectors.count import candidates_of, current_result
from elections.selectors.meeting import (
    ATTENDANCE_PAGE,
    BEST_FIRST,
    CHECK_IN,
    COUNT,
    PAPERS,
    PROCEDURE,
    SECTIONS,
    attendance_page,
    chair_of,
    contests_to_vote,
    current_meeting,
    current_section,
    held_by_cluster,
    households_matching,
    meeting_quorum,
    minutes_signers,
    present_household_ids,
    rounds,
    single_match,
    with_cluster_flag,
)
from elections.selectors.term_report import agenda, has_agenda
from elections.services import meeting as services
from elections.views.contexts import meeting_count_context, to_meeting_page
from neighborhoods.models import Household
from wardvote import access, audit, client_keys
from wardvote.forms import posted_text, search_query
from wardvote.messages import message_validation_errors
from wardvote.once import one_submission
from wardvote.types import AuthenticatedHttpRequest

SEARCH_LIMIT = 20
SECTION_LABELS = (
    (CHECK_IN, gettext_lazy("Điểm danh")),
    (PROCEDURE, gettext_lazy("Trình tự")),
    (COUNT, gettext_lazy("Kiểm phiếu")),
    (PAPERS, gettext_lazy("Biên bản")),
)


def _quorum_context(meeting: Meeting) -> dict:
    """The meter: at a cluster sitting, the cluster's (present in this sitting / its households)
    and the whole khu phố's (present across every sitting / all households), which decides."""
    context: dict[str, object] = {"meeting": meeting, "quorum": meeting_quorum(meeting)}
    if meeting.cluster is not None:
        context["whole_quorum"] = meeting_quorum(round_of(meeting))
    return context


def _minutes_form(meeting: Meeting) -> MeetingMinutesForm:
    """Form 03's chair, discussion and signers, proposing the team's head as the chair and
    the witnesses of the count as the two signing representatives."""
    signers = minutes_signers(meeting) + ["", ""]
    return MeetingMinutesForm(
        prefix="minutes",
        initial={
            "chair_name": chair_of(meeting),
            "discussion": meeting.discussion,
            "representative_1": signers[0],
            "representative_2": signers[1],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The election team's page: open the meeting, then check households in."""
    election = fetch.get_election_for(request.user, pk)
    can_run = access.can(request.user, access.RUN_MEETING, election.neighborhood)
    if request.method == "POST":
        if not can_run:
            raise Http404
        try:
            services.meeting_open(by=request.user, election=election)
        except ValidationError as error:
            message_validation_errors(request, error)
        return redirect("elections:meeting_page", pk=election.pk)
    sittings = rounds(election).order_by("-number")
    meeting = with_cluster_flag(sittings.filter(mode=MeetingMode.MEETING)).first()
    context: dict[str, object] = {
        "election": election,
        "meeting": meeting,
        "ballot_round": sittings.filter(mode=MeetingMode.HOUSEHOLD_BALLOTS).first(),
        "can_run": can_run,
        "can_read_households": access.can(request.user, access.READ_PERSONAL_DATA, election.neighborhood),
        "can_open": election.stage in services.OPENABLE and current_meeting(election) is None,
        "walk_in_form": WalkInHouseholdForm(),
        # Heard before the vote: the outgoing head's term report and the khu phố's finances.
        "agenda": agenda(election) if has_agenda(election) else [],
    }
    if meeting and held_by_cluster(meeting):
        # Held by cluster: the team chooses the cluster sitting; the khu phố's row holds the sum.
        whole = meeting
        cluster_rows = sittings_of(whole)
        chosen = request.GET.get("cum", "")
        meeting = next((s for s in cluster_rows if str(s.pk) == chosen), cluster_rows[0])
        context.update(
            {
                "meeting": meeting,
                "round": whole,
                "cluster_sittings": cluster_rows,
                "missing_clusters": clusters_missing(whole),
                "round_documents": meeting_count_context(whole)["meeting_documents"],
                "round_results": [r for c in contests_to_vote(whole) if (r := sitting_result(whole, c))],
            }
        )
    if meeting:
        context.update(_quorum_context(meeting))
        count_context = meeting_count_context(meeting)
        context.update(count_context)
        context.update(_sections_context(meeting, count_context["count_contests"], _page_number(request)))
        if meeting.cluster_id is None:
            context["minutes_form"] = _minutes_form(meeting)
        if can_run and context["can_read_households"] and not meeting.closed_at:
            # Without JavaScript the search box posts the page itself: the results are listed in it.
            context.update(_search_context(request, meeting, search_query(request.GET)))
    return render(request, "elections/meeting/page.html", context)


def _page_number(request: AuthenticatedHttpRequest) -> int:
    """The check-ins' page asked for (``?trang=``), 1 for anything but a small whole number."""
    page = request.GET.get("trang", "")
    return int(page) if page.isascii() and page.isdigit() and 0 < len(page) <= 4 and int(page) > 0 else 1


def _sections_context(meeting: Meeting, count_contests: list[dict], page: int) -> dict:
    """The page's sections with the current one (decided from what the sitting has recorded)
    and the check-ins' page: the page weighs the same with 5 or 500 households present."""
    count_started = any(item["state"].entries or item["state"].result for item in count_contests)
    current = current_section(meeting, count_started=count_started)
    attendances, older = attendance_page(meeting, page)
    labels = dict(SECTION_LABELS)
    return {
        "current_section": current,
        # The steps in the meeting's order; the sections themselves, the current one first.
        "section_steps": [(key, labels[key]) for key in SECTIONS],
        "section_order": [current, *(key for key in SECTIONS if key != current)],
        "attendances": attendances,
        "attendance_page": page,
        "attendance_older": older,
        "attendance_page_size": ATTENDANCE_PAGE,
    }


def _search_context(request: AuthenticatedHttpRequest, meeting: Meeting, query: str) -> dict:
    """The households ``query`` finds with whether each is present (the read audited)."""
    households = []
    if query:
        present = present_household_ids(meeting)
        matching = households_matching(meeting.election.neighborhood, query).order_by(*BEST_FIRST)
        households = [(household, household.pk in present) for household in matching[:SEARCH_LIMIT]]
        audit.personal_data_read(
            request=request,
            division=meeting.election.neighborhood,
            kind=audit.READ_SEARCH,
            rows=len(households),
            query=query,
        )
    return {"query": query, "households": households}


@login_required
@require_GET
def household_search(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """htmx: households of the khu phố matching a code, a head's name or an address."""
    meeting = fetch.get_meeting_for(request.user, pk, access.RUN_MEETING)
    context = _search_context(request, meeting, search_query(request.GET))
    return render(request, "elections/meeting/search_results.html", {"meeting": meeting, **context})


@login_required
@require_POST
def check_in(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Check a household in: the one tapped (``household``) or, Enter in the search box, the one
    the query designates. From htmx the answer is a small fragment (the new row, the meter, the
    count), the same size however many are present; without JavaScript, the page again."""
    meeting = fetch.get_meeting_for(request.user, pk, access.RUN_MEETING)
    if client_keys.is_queued(request):
        return _queued_check_in(request, meeting)
    in_place = request.headers.get("HX-Request") == "true"
    try:
        client_key = client_keys.client_key_from(request.POST)
    except ValidationError as error:
        return HttpResponseBadRequest(" ".join(error.messages))
    household, query = _posted_household(request, meeting)
    if household is None:
        # None or several: show what the query finds, for a tap on the right one.
        if not in_place:
            return redirect(_page_with_query(meeting, query))
        return render(
            request,
            "elections/meeting/check_in_result.html",
            {"meeting": meeting, "choose": True, **_search_context(request, meeting, query)},
        )
    try:
        attendance = _check_in_posted(request, meeting, household, client_key)
    except ValidationError as error:
        if in_place:
            return render(
                request,
                "elections/meeting/check_in_result.html",
                {"meeting": meeting, "errors": error.messages},
            )
        message_validation_errors(request, error)
    else:
        done = _checked_in(household, attendance)
        if in_place:
            return render(
                request,
                "elections/meeting/check_in_result.html",
                {
                    **_quorum_context(meeting),
                    "done": done,
                    "a": attendance,
                    "can_run": True,
                    "can_read_households": access.can(
                        request.user, access.READ_PERSONAL_DATA, meeting.election.neighborhood
                    ),
                },
            )
        messages.success(request, done)
    return to_meeting_page(meeting)


def _posted_household(request: AuthenticatedHttpRequest, meeting: Meeting) -> tuple[Household | None, str]:
    """The household a check-in names: tapped in the results (its id), or the one the typed
    query finds alone (None when it finds none or several), with the query typed."""
    if request.POST.get("household"):
        return fetch.household_of(meeting, request.POST.get("household")), ""
    query = search_query(request.POST)
    return _designated_by(request, meeting, query), query


def _queued_check_in(request: AuthenticatedHttpRequest, meeting: Meeting) -> HttpResponse:
    """A check-in the browser kept while offline, sent again with its key: the answer is JSON,
    done (now or the first time it came) or why not, which the page lists."""
    try:
        client_key = client_keys.client_key_from(request.POST)
    except ValidationError as error:
        return client_keys.queued_answer(" ".join(error.messages), status=400)
    household, query = _posted_household(request, meeting)
    if household is None:
        return client_keys.queued_answer(_not_one_household(query), status=409)
    try:
        attendance = _check_in_posted(request, meeting, household, client_key)
    except ValidationError as error:
        status = client_keys.refusal_status(error)
        return client_keys.queued_answer(" ".join(error.messages), status=status)
    return client_keys.queued_answer(_checked_in(household, attendance))


def _designated_by(request: AuthenticatedHttpRequest, meeting: Meeting, query: str) -> Household | None:
    """The one household ``query`` designates (its read audited); None for none or several."""
    found = single_match(meeting.election.neighborhood, query) if query else None
    if found is not None:
        audit.personal_data_read(
            request=request,
            division=meeting.election.neighborhood,
            kind=audit.READ_SEARCH,
            rows=1,
            query=query,
        )
    return found


def _check_in_posted(
    request: AuthenticatedHttpRequest, meeting: Meeting, household: Household, client_key: uuid.UUID | None
) -> Attendance:
    return services.check_in(
        by=request.user,
        meeting=meeting,
        household=household,
        representative_name=posted_text(request.POST, "representative_name", max_length=150),
        client_key=client_key,
    )


def _checked_in(household: Household, attendance: Attendance) -> str:
    return _("Đã điểm danh hộ %(code)s – %(name)s.") % {
        "code": household.code,
        "name": attendance.representative_name,
    }


def _not_one_household(query: str) -> str:
    """Why a check-in kept offline by what was typed could not be done once the connection returned."""
    return _("Không tìm thấy đúng một hộ theo “%(query)s”: tìm lại hộ này và điểm danh.") % {"query": query}


def _page_with_query(meeting: Meeting, query: str) -> str:
    """The meeting page (on its cluster sitting) listing what ``query`` finds."""
    url = to_meeting_page(meeting)["Location"]
    return f"{url}{'&' if '?' in url else '?'}{urlencode({'q': query})}#{CHECK_IN}"


@login_required
@require_POST
def check_in_undo(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    attendance = fetch.get_attendance_for(request.user, pk, access.RUN_MEETING)
    try:
        reason = posted_text(request.POST, "reason", max_length=255)
        services.check_in_undo(by=request.user, attendance=attendance, reason=reason)
    except ValidationError as error:
        message_validation_errors(request, error)
    else:
        messages.success(request, _("Đã hủy điểm danh hộ %(code)s.") % {"code": attendance.household.code})
    return to_meeting_page(attendance.meeting)


@login_required
@require_POST
@one_submission
def walk_in(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = fetch.get_meeting_for(request.user, pk, access.RUN_MEETING)
    form = WalkInHouseholdForm(request.POST)
    if form.is_valid():
        try:
            services.household_add_at_meeting(by=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            message_validation_errors(request, error)
        else:
            messages.success(
                request,
                _("Đã thêm và điểm danh hộ %(code)s; phường sẽ xem lại hộ này.")
                % {"code": form.cleaned_data["code"]},
            )
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(
                request, f"{label}: {' '.join(map(str, errors))}" if label else " ".join(map(str, errors))
            )
    return to_meeting_page(meeting)


QUORUM_METER = "elections/meeting/quorum_meter.html"


@cache
def _meter_template_digest() -> str:
    """A short digest of the meter's template: a new release's meter replaces what browsers keep."""
    source = get_template(QUORUM_METER).template.source  # type: ignore[attr-defined]
    return hashlib.sha256(source.encode()).hexdigest()[:8]


def _meter_etag(pk: int, version: int) -> str:
    """The meter changes only with the round's version and the language it is written in: the
    same for everyone who may see it (it has no controls)."""
    return f'"meter-{pk}-{version}-{get_language()}-{_meter_template_digest()}"'


@login_required
@require_GET
def quorum_meter(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """htmx: the meter, polled every few seconds by the team's phones and the projector.

    Thousands of these arrive each second on an election Sunday, nearly all finding the meter
    unchanged: the browser keeps the last answer and asks with its ETag, and the answer is a
    bare 304 after one query (the version, with the access check), no count and no template.
    The version is read before the figures, so an answer is never older than its ETag."""
    etag = _meter_etag(pk, fetch.meter_version_for(request.user, pk))
    response = get_conditional_response(request, etag=etag)
    if response is None:
        meeting = fetch.get_meeting_for(request.user, pk)
        response = render(request, QUORUM_METER, _quorum_context(meeting))
    response.headers["ETag"] = etag
    # Kept by the browser only, and asked again each time: the poll must still see a check-in.
    patch_cache_control(response, private=True, no_cache=True)
    return response


@login_required
@require_GET
def projector(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Large type for the room: attendance, the candidates, no controls."""
    meeting = fetch.get_meeting_for(request.user, pk)
    contests = [
        (
            contest.get_kind_display(),
            candidates_of(contest),
            current_result(contest),
        )
        for contest in meeting.election.contests.filter(list_status=ListStatus.APPROVED).order_by("kind")
    ]
    return render(
        request, "elections/meeting/projector.html", {**_quorum_context(meeting), "contests": contests}
    )
