"""The public page of a ward: no login, only what the paper notices show."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_page, never_cache
from django.views.decorators.http import require_GET

from elections.selectors.public import (
    khu_pho_meetings,
    khu_pho_of_lookup,
    public_khu_pho,
    public_notice,
    public_page_url,
    public_wards,
)
from elections.selectors.term_report import public_finances
from neighborhoods.models import Division
from neighborhoods.selectors import get_public_khu_pho, get_public_ward
from neighborhoods.ward_page import Panel
from wardvote import throttle


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


# --- "my meeting" for residents (issue 18) ---
# A resident types their household code or the start of their address and reads their khu phố's
# meeting; the invitation's QR code opens the same answer for its khu phố. The answer shows khu
# phố only, never a household, and has one shape whether or not the code exists: what it could
# tell a script trying codes one by one is which khu phố a code belongs to, so the lookups of one
# address are counted (``wardvote.throttle``).

MY_MEETING_LOOKUPS = 30  # per client address and window: a family's few tries, not a script's
MY_MEETING_WINDOW_SECONDS = 15 * 60
LOOKUP_MAX_LENGTH = 100

NOT_FOUND = _(
    "Không tìm thấy mã hộ hoặc địa chỉ này trong %(ward)s. Hãy nhập đúng mã hộ in trên giấy mời "
    "(ví dụ P22-KP05-0123) hoặc số nhà và tên đường (ví dụ 12/5 Xô Viết Nghệ Tĩnh), hoặc chọn khu "
    "phố của bạn trong danh sách ở trang công khai."
)
TOO_MANY = _("Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau ít phút.")


def _my_meeting_page(
    request: HttpRequest, ward: Division, query: str, answers: list, message: str = "", status: int = 200
) -> HttpResponse:
    return render(
        request,
        "elections/public_my_meeting.html",
        {"ward": ward, "query": query, "answers": answers, "message": message},
        status=status,
    )


@require_GET
@never_cache
def public_my_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting of the khu phố a household code or an address prefix belongs to."""
    ward = get_public_ward(pk)
    query = " ".join(request.GET.get("q", "")[:LOOKUP_MAX_LENGTH].split())
    if not query:
        return _my_meeting_page(request, ward, query, [])
    if not throttle.allow(
        request, "my_meeting", limit=MY_MEETING_LOOKUPS, window_seconds=MY_MEETING_WINDOW_SECONDS
    ):
        return _my_meeting_page(request, ward, query, [], str(TOO_MANY), status=429)
    found = khu_pho_of_lookup(ward, query)
    if not found:
        return _my_meeting_page(request, ward, query, [], NOT_FOUND % {"ward": ward.name})
    return _my_meeting_page(request, ward, query, [(kp, khu_pho_meetings(kp)) for kp in found])


@require_GET
@cache_page(60)
def public_khu_pho_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    """One khu phố's meeting: where the QR code of its invitations leads."""
    khu_pho = get_public_khu_pho(pk)
    ward = khu_pho.parent
    assert ward is not None  # a khu phố always lies in a ward
    return _my_meeting_page(request, ward, "", [(khu_pho, khu_pho_meetings(khu_pho))])
