"""The public page of a ward: no login, only what the paper notices show."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET

from elections.selectors.public import public_khu_pho, public_notice, public_page_url, public_wards
from elections.selectors.term_report import public_finances
from neighborhoods.models import Division
from neighborhoods.selectors import get_public_ward
from neighborhoods.ward_page import Panel


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
            "khu_pho": public_khu_pho(ward, notice),
        },
    )


# --- the public page for residents (issue 16) ---
# The ward's page and each khu phố's page (the division map's) link to the public page, through
# the map's panel hook (registered from ``ElectionsConfig.ready``): staff give the address out.


def public_page_panels(user, division: Division) -> list[Panel]:
    url = public_page_url(division)
    if url is None:
        return []
    return [
        Panel(
            "elections/partials/public_page_link.html",
            {"url": url, "full_url": settings.PUBLIC_BASE_URL + url},
        )
    ]


@require_GET
@cache_page(60)
def public_index(request: HttpRequest) -> HttpResponse:
    """Every ward with a plan, each linking to its public page: the way in for a resident."""
    return render(request, "elections/public_index.html", {"wards": public_wards()})
