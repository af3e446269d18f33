"""An invitation for every door (issue 18): form 01 printed once per household of the khu phố
(or of one cluster) in the order the team walks, and the list the team ticks off as it hands
each one in. Names and addresses: the khu phố's team and the ward's roles
(``READ_PERSONAL_DATA``), each view of the list recorded in the audit log."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from elections import documents
from elections.models import Cluster, Election
from elections.selectors import fetch
from elections.selectors.clusters import cluster_plan_of, clusters_of
from elections.selectors.invitations import delivery_checklist
from elections.services import invitations as services
from elections.views.contexts import request_document
from reporting.services import latest_document
from wardvote import access, audit
from wardvote.messages import message_validation_errors
from wardvote.types import AuthenticatedHttpRequest


def _cluster(election: Election, data) -> Cluster | None:
    """The cluster the list or the print is narrowed to (``cum``), if any."""
    pk = data.get("cum", "")
    return fetch.cluster_of_election(election, pk) if pk else None


def _list_url(election: Election, cluster: Cluster | None) -> str:
    url = reverse("elections:invitation_list", args=[election.pk])
    return f"{url}?{urlencode({'cum': cluster.pk})}" if cluster is not None else url


def _bulk_document(election: Election, cluster: Cluster | None):
    if cluster is not None:
        return latest_document(kind=documents.CLUSTER_INVITATIONS, source=cluster)
    return latest_document(kind=documents.MEETING_INVITATIONS, source=election)


@login_required
@require_GET
def invitation_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The households to invite, ticked off as the team reaches them, with the bulk print."""
    election = fetch.get_election_for(request.user, pk, access.READ_PERSONAL_DATA)
    cluster = _cluster(election, request.GET)
    checklist = delivery_checklist(election, timezone.localdate(), cluster)
    audit.personal_data_read(
        request=request, division=election.neighborhood, kind=audit.READ_LIST, rows=len(checklist.rows)
    )
    plan = cluster_plan_of(election)
    return render(
        request,
        "elections/invitations.html",
        {
            "election": election,
            "cluster": cluster,
            "clusters": clusters_of(plan) if plan is not None else [],
            "checklist": checklist,
            "document": _bulk_document(election, cluster),
        },
    )


@login_required
@require_POST
def invitation_tick(request: AuthenticatedHttpRequest, pk: int, household_pk: int) -> HttpResponse:
    """htmx: tick a household off (``delivered=1``) or untick it; the row and the counts."""
    election = fetch.get_election_for(request.user, pk, access.READ_PERSONAL_DATA)
    household = fetch.invitation_household_of(election, household_pk)
    cluster = _cluster(election, request.POST)
    change = (
        services.invitation_delivery_mark
        if request.POST.get("delivered") == "1"
        else services.invitation_delivery_unmark
    )
    refusal = ""
    try:
        change(by=request.user, election=election, household=household)
    except ValidationError as error:
        message_validation_errors(request, error)
        refusal = " ".join(error.messages)
    if not request.headers.get("HX-Request"):
        return redirect(_list_url(election, cluster))
    # htmx swaps only a successful answer: a refusal comes back in the row, unchanged otherwise.
    list(messages.get_messages(request))  # shown in the row, not again on the next page
    checklist = delivery_checklist(election, timezone.localdate(), cluster)
    row = next((row for row in checklist.rows if row.household.pk == household.pk), None)
    return render(
        request,
        "elections/partials/invitation_tick.html",
        {
            "election": election,
            "cluster": cluster,
            "checklist": checklist,
            "row": row,
            "household": household,
            "refusal": refusal,
        },
    )


@login_required
@require_POST
def invitations_print(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Form 01 for every household of the khu phố (or of the cluster), rendered in the background."""
    election = fetch.get_election_for(request.user, pk, access.READ_PERSONAL_DATA)
    cluster = _cluster(election, request.POST)
    if cluster is not None:
        request_document(request, documents.CLUSTER_INVITATIONS, cluster)
    else:
        request_document(request, documents.MEETING_INVITATIONS, election)
    return redirect(_list_url(election, cluster))
