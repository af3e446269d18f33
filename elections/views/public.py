"""The public page of a ward: no login, only what the paper notices show."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET

from elections.selectors.public import public_notice
from elections.selectors.term_report import public_finances
from neighborhoods.selectors import get_public_ward


@require_GET
@cache_page(60)
def public_ward(request: HttpRequest, pk: int) -> HttpResponse:
    ward = get_public_ward(pk)
    notice = public_notice(ward)
    return render(
        request,
        "elections/public_ward.html",
        {
            "ward": ward,
            "rows": notice.rows,
            "board": notice.board,
            "any_result": notice.any_result,
            "composition": notice.composition,
            "composition_on": notice.composition_on,
            "finances": public_finances(ward),
        },
    )
