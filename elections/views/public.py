"""The public page of a ward: no login, only what the paper notices show."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET

from elections.models import (
    Candidate,
    Contest,
    ContestKind,
    Decision,
    DecisionKind,
    Election,
    ListStatus,
    Stage,
)
from neighborhoods.models import Division, Level
from wardvote.text import natural_key, person_sort_key


@require_GET
@cache_page(60)
def public_ward(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        ward = Division.objects.get(pk=pk, level=Level.WARD)
    except Division.DoesNotExist:
        raise Http404 from None
    elections = sorted(
        Election.objects.filter(plan__division=ward).select_related("neighborhood", "plan"),
        key=lambda e: natural_key(e.neighborhood.name),
    )
    approved = (
        Candidate.objects.filter(contest__election__in=elections, contest__list_status=ListStatus.APPROVED)
        .select_related("contest")
        # Only what the printed notice shows: nothing of the register, nothing of the staff.
        .only(
            "full_name",
            "birth_date",
            "gender",
            "education_level",
            "occupation",
            "contest__kind",
            "contest__election_id",
        )
    )
    lists: dict[int, dict[str, list]] = {}
    for candidate in sorted(approved, key=lambda c: person_sort_key(c.full_name)):
        by_kind = lists.setdefault(candidate.contest.election_id, {})
        by_kind.setdefault(candidate.contest.get_kind_display(), []).append(candidate)
    # Results once recognised: the head by the ward's decision, the board by the Front's.
    heads = {
        contest.election_id: contest.elected.full_name
        for contest in Contest.objects.filter(
            election__in=elections,
            election__stage=Stage.RECOGNISED,
            kind=ContestKind.HEAD,
            elected__isnull=False,
        ).select_related("elected")
        if contest.elected is not None
    }
    board = (
        Decision.objects.filter(plan__division=ward, election=None, kind=DecisionKind.RECOGNISE_BOARD)
        .order_by("-version", "-pk")
        .first()
    )
    rows = [(e, lists.get(e.pk, {}), heads.get(e.pk)) for e in elections]
    return render(
        request,
        "elections/public_ward.html",
        {
            "ward": ward,
            "rows": rows,
            "board": board.details["members"] if board else [],
            "any_result": bool(heads),
        },
    )
