"""Bringing the households in while the meeting waits (issue 18): the live list of those not yet
come with how many more the meeting needs, the visits to their doors, the mobilisation sheet
(PDF and workbook), and the chart of the morning's arrivals.

The list holds names and addresses: only those who read the khu phố's personal data (its
election team, the ward's roles) reach it, anyone else gets 404, and every answer that carries
names is recorded with ``wardvote.audit.personal_data_read``. Its poll rides on the quorum
meter's version: a bare 304 while nobody checks in (and nobody marks a visit)."""

from __future__ import annotations

import hashlib
from functools import cache

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import get_template
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from elections.forms.mobilisation import MobilisationVisitForm
from elections.mobilisation_documents import (
    mobilisation_sheet_context,
    mobilisation_title,
    mobilisation_workbook,
)
from elections.models import Meeting, MeetingMode
from elections.selectors import fetch
from elections.selectors.mobilisation import BY_CLUSTER, BY_STREET, NotYetCome, arrivals, not_yet_come
from elections.services.mobilisation import mobilisation_visit_record
from elections.views.contexts import to_meeting_page
from reporting.charts import arrivals_over_time, cumulative
from reporting.services import render_pdf
from reporting.vietnamese import file_name
from wardvote import access, audit
from wardvote.messages import message_validation_errors
from wardvote.types import AuthenticatedHttpRequest

NOT_YET_COME = "elections/meeting/not_yet_come.html"
TURNOUT_CHART = "elections/meeting/turnout_chart.html"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@cache
def _template_digest(name: str) -> str:
    """A short digest of a polled template: a new release's fragment replaces what browsers keep."""
    source = get_template(name).template.source  # type: ignore[attr-defined]
    return hashlib.sha256(source.encode()).hexdigest()[:8]


def _etag(kind: str, template: str, pk: int, version: int, *extra: str) -> str:
    """The fragment changes only with the round's version, its grouping and its language: the
    same for everyone who may see it."""
    parts = "-".join((kind, str(pk), str(version), *extra, get_language() or "", _template_digest(template)))
    return f'"{parts}"'


def _polled(response: HttpResponse, etag: str) -> HttpResponse:
    response.headers["ETag"] = etag
    # Kept by the browser only, and asked again each time: the poll must still see a check-in.
    patch_cache_control(response, private=True, no_cache=True)
    return response


def _grouping(request: AuthenticatedHttpRequest) -> str:
    return BY_CLUSTER if request.GET.get("nhom") == BY_CLUSTER else BY_STREET


def _community_meeting_for(request: AuthenticatedHttpRequest, pk: int) -> Meeting:
    """A sitting of a community meeting whose households' names the user reads, or 404."""
    meeting = fetch.get_meeting_for(request.user, pk, access.READ_PERSONAL_DATA)
    if meeting.mode != MeetingMode.MEETING:
        raise Http404
    return meeting


def _read(request: AuthenticatedHttpRequest, data: NotYetCome, kind: str) -> None:
    audit.personal_data_read(
        request=request, division=data.meeting.election.neighborhood, kind=kind, rows=data.count
    )


def _list_response(
    request: AuthenticatedHttpRequest, meeting: Meeting, grouping: str, **extra: object
) -> HttpResponse:
    data = not_yet_come(meeting, grouping)
    _read(request, data, audit.READ_LIST)
    context = {"meeting": meeting, "absent": data, "visit_form": MobilisationVisitForm(), **extra}
    return render(request, NOT_YET_COME, context)


@login_required
@require_GET
def not_yet_come_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """htmx: the households not yet come and how many more are needed, polled with the meter."""
    grouping = _grouping(request)
    version = fetch.meter_version_for(request.user, pk, access.READ_PERSONAL_DATA)
    etag = _etag("absent", NOT_YET_COME, pk, version, grouping)
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = _list_response(request, _community_meeting_for(request, pk), grouping)
    return _polled(response, etag)


@login_required
@require_POST
def visit_mark(request: AuthenticatedHttpRequest, pk: int, household: int) -> HttpResponse:
    """ "Đã đến nhà vận động": from htmx the list comes back with the mark, or with the refusal."""
    meeting = _community_meeting_for(request, pk)
    visited = fetch.household_of(meeting, household)
    form = MobilisationVisitForm(request.POST)
    errors: list[str] = []
    if not form.is_valid():
        errors = [str(error) for field_errors in form.errors.values() for error in field_errors]
    else:
        try:
            mobilisation_visit_record(
                by=request.user, meeting=meeting, household=visited, **form.service_kwargs()
            )
        except ValidationError as error:
            errors = error.messages
    if request.headers.get("HX-Request") == "true":
        grouping = BY_CLUSTER if request.POST.get("nhom") == BY_CLUSTER else BY_STREET
        return _list_response(request, meeting, grouping, visit_errors=errors)
    if errors:
        message_validation_errors(request, ValidationError(errors))
    else:
        done = _("Đã ghi nhận việc đến nhà vận động hộ %(code)s.") % {"code": visited.code}
        messages.success(request, done)
    return to_meeting_page(meeting)


@login_required
@require_GET
def mobilisation_sheet(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The mobilisation sheet to print: one street (or cluster) per page."""
    meeting = _community_meeting_for(request, pk)
    data = not_yet_come(meeting, _grouping(request))
    _read(request, data, audit.READ_EXPORT)
    context = mobilisation_sheet_context(data, timezone.localtime())
    pdf = render_pdf("documents/elections/mobilisation_sheet.html", context)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{file_name(mobilisation_title(data))}"'
    return response


@login_required
@require_GET
def mobilisation_export(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The same sheet as a workbook, one worksheet per street (or cluster)."""
    meeting = _community_meeting_for(request, pk)
    data = not_yet_come(meeting, _grouping(request))
    _read(request, data, audit.READ_EXPORT)
    response = HttpResponse(mobilisation_workbook(data, timezone.localtime()), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{file_name(mobilisation_title(data), "xlsx")}"'
    return response


def _turnout_context(meeting: Meeting) -> dict:
    """The chart of the morning's arrivals (the whole round's, at a cluster sitting) against the
    threshold: counts only, no names."""
    came = arrivals(meeting)
    chart = arrivals_over_time(
        cumulative(came.times),
        start=came.opened_at,
        needed=came.quorum.needed,
        total=came.quorum.total_households,
        title=_("Số hộ có mặt theo giờ điểm danh"),
        threshold_label=_("Cần %(n)s hộ có mặt để có thể bầu được") % {"n": came.quorum.needed},
    )
    return {"meeting": meeting, "turnout_chart": chart, "turnout": came}


@login_required
@require_GET
def turnout_chart(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """htmx: the chart of the morning's arrivals (counts, no names), polled like the meter. The
    meeting page and the projector load it after they are shown, so that the page weighs the same
    however many have come (the curve has a step per household)."""
    etag = _etag("turnout", TURNOUT_CHART, pk, fetch.meter_version_for(request.user, pk))
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = render(request, TURNOUT_CHART, _turnout_context(fetch.get_meeting_for(request.user, pk)))
    return _polled(response, etag)
