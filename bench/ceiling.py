"""The stack's ceiling for a write: the least a logged-in form submission can cost here.

Served only to the load generator (``bench.settings`` makes this module the URLconf); the
app itself has no such page. One POST, behind the login and the CSRF check like the tally,
writes one small audited row (a comment on the contest's list, with its audit entry) in one
transaction and redirects to the same tally page a tally submission redirects to.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.views.decorators.http import require_POST

from elections.models import Contest, ListComment
from wardvote.urls import handler400, handler403, handler404, handler500  # noqa: F401
from wardvote.urls import urlpatterns as app_urlpatterns

CEILING_PATH = "bench/tran/<int:pk>/<int:contest_pk>/"


@login_required
@require_POST
def ceiling_write(request: HttpRequest, pk: int, contest_pk: int) -> HttpResponse:
    with transaction.atomic():
        # The row it hangs on, with what its audit entry names (its khu phố's path).
        contest = get_object_or_404(Contest.objects.select_related("election__neighborhood"), pk=contest_pk)
        ListComment.objects.create(contest=contest, text="bench", by=request.user)
    return redirect("elections:meeting_tally", pk=pk, contest_pk=contest_pk)


urlpatterns = [*app_urlpatterns, path(CEILING_PATH, ceiling_write, name="bench_ceiling")]
