"""Issue 18 item 3: a resident types their household code or the start of their address on the
ward's public page and reads their khu phố's meeting (day, time, place, the candidates with their
short biographies, the result once recognised), and nothing of any household; the invitation's
QR code opens the same answer for its khu phố."""

import datetime as dt
import re

import pytest
import segno
from django.conf import settings
from django.urls import reverse

from elections.documents import meeting_invitation_context
from elections.services.plans import election_schedule
from elections.services.practice import practice_election_create
from elections.views import public
from neighborhoods.models import HouseholdStatus
from tests.factories import HouseholdFactory

OWN = ("P22-KP01-0001", "Trần Văn Một", "15/2 Bạch Đằng")
NEIGHBOUR = ("P22-KP01-0002", "Phạm Thị Hai", "30 Điện Biên Phủ")
OTHER_KHU_PHO = ("P22-KP02-0001", "Lê Văn Ba", "15/21 Bạch Đằng")
MOVED_AWAY = ("P22-KP03-0001", "Võ Văn Đi", "99 Nguyễn Hữu Cảnh")


@pytest.fixture
def register(prepared, hcm_map):
    for (code, name, address), kp in zip(
        (OWN, NEIGHBOUR, OTHER_KHU_PHO), (hcm_map.kp1, hcm_map.kp1, hcm_map.kp2), strict=True
    ):
        HouseholdFactory(neighborhood=kp, code=code, head_name=name, address=address)
    code, name, address = MOVED_AWAY
    HouseholdFactory(
        neighborhood=hcm_map.kp3, code=code, head_name=name, address=address, status=HouseholdStatus.MOVED
    )
    return prepared


def _lookup(client, ward, query: str):
    return client.get(reverse("elections:public_my_meeting", args=[ward.pk]), {"q": query})


def _assert_no_household(page: str) -> None:
    page = re.sub(r' value="[^"]*"', "", page)  # what the resident typed stays in the box
    for code, name, address in (OWN, NEIGHBOUR, OTHER_KHU_PHO, MOVED_AWAY):
        assert code not in page and name not in page and address not in page


def test_a_household_code_gives_its_khu_pho_s_meeting_and_no_household(register, hcm_map, client):
    response = _lookup(client, hcm_map.p22, "p22-kp01-0001 ")
    page = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")  # never kept by a proxy
    sections = page.count('data-testid="my-meeting-khu-pho"')
    assert sections == 1 and "Khu phố 1" in page and "Khu phố 2" not in page
    assert "27/10/2024" in page and "08:00" in page and "Nhà văn hóa khu phố 1" in page
    assert "Nguyễn Thị Hường" in page and "sinh năm 1972" in page and "Hưu trí" in page
    assert "Nguyên Trưởng khu phố 1 nhiệm kỳ 2019 - 2024" in page  # the short biography
    assert "Kết quả đã được công nhận" not in page
    _assert_no_household(page)


def test_the_start_of_an_address_without_tones_gives_its_khu_pho(register, hcm_map, client):
    page = _lookup(client, hcm_map.p22, "30 dien bien").content.decode()
    assert page.count('data-testid="my-meeting-khu-pho"') == 1 and "Khu phố 1" in page
    assert "Nhà văn hóa khu phố 1" in page
    _assert_no_household(page)


def test_an_address_of_several_khu_pho_lists_their_meetings_never_the_households(register, hcm_map, client):
    page = _lookup(client, hcm_map.p22, "15/2").content.decode()
    assert page.count('data-testid="my-meeting-khu-pho"') == 2
    assert "Khu phố 1" in page and "Khu phố 2" in page
    assert "Địa chỉ này có ở nhiều khu phố" in page
    _assert_no_household(page)


@pytest.mark.parametrize("query", ["P22-KP01-9999", "P22-KP03-0001", "12", "1 Lê Lợi", "Trần Văn Một"])
def test_an_unknown_code_or_address_is_answered_in_the_same_shape(register, hcm_map, client, query):
    """A code no active household holds, a prefix too short to be anyone's own, a head's name:
    the same page, status and message, so the answer tells nothing more than "not found"."""
    response = _lookup(client, hcm_map.p22, query)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Không tìm thấy mã hộ hoặc địa chỉ này trong Phường 22." in page
    assert 'data-testid="my-meeting-khu-pho"' not in page
    assert 'name="q"' in page
    _assert_no_household(page)


def test_a_code_of_another_ward_is_not_found(register, hcm_map, client):
    page = _lookup(client, hcm_map.p25, OWN[0]).content.decode()
    assert "Không tìm thấy mã hộ hoặc địa chỉ này trong Phường 25." in page


def test_practice_copies_never_appear(register, hcm_map, client, personas):
    copy = practice_election_create(by=personas.p22_ubnd, election=register).elections.get()
    election_schedule(
        by=personas.p22_ubnd,
        election=copy,
        meeting_date=dt.date(2024, 10, 20),
        meeting_time=dt.time(7, 0),
        meeting_place="Hội trường tập dượt",
    )
    page = _lookup(client, hcm_map.p22, OWN[0]).content.decode()
    assert page.count('data-testid="my-meeting"') == 1
    assert "Hội trường tập dượt" not in page and "20/10/2024" not in page


def test_the_result_is_shown_once_recognised(recognised_kp1, hcm_map, client):
    code = recognised_kp1.neighborhood.households.order_by("code").first().code
    page = _lookup(client, hcm_map.p22, code).content.decode()
    assert "Kết quả đã được công nhận" in page
    assert "Trưởng khu phố: <strong>Nguyễn Văn head</strong>" in page
    assert "Thành viên Ban Thanh tra nhân dân: <strong>Nguyễn Văn inspection_board</strong>" in page


def test_one_address_trying_codes_one_by_one_is_stopped(register, hcm_map, client, monkeypatch):
    monkeypatch.setattr(public, "MY_MEETING_LOOKUPS", 3)
    for number in range(1, 4):
        assert _lookup(client, hcm_map.p22, f"P22-KP01-{number:04d}").status_code == 200
    response = _lookup(client, hcm_map.p22, OWN[0])
    assert response.status_code == 429
    page = response.content.decode()
    assert "Bạn đã tra cứu quá nhiều lần" in page and "Khu phố 1" not in page
    # Another address is counted on its own.
    other = client.get(
        reverse("elections:public_my_meeting", args=[hcm_map.p22.pk]), {"q": OWN[0]}, REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 200 and "Khu phố 1" in other.content.decode()


def test_the_public_page_offers_the_lookup(register, hcm_map, client):
    page = client.get(reverse("elections:public_ward", args=[hcm_map.p22.pk])).content.decode()
    assert f'action="{reverse("elections:public_my_meeting", args=[hcm_map.p22.pk])}"' in page
    assert "Mã hộ (in trên giấy mời) hoặc số nhà và tên đường" in page


def test_the_invitation_s_qr_code_opens_its_khu_pho_s_meeting(register, hcm_map, client):
    context = meeting_invitation_context(register)
    path = reverse("elections:public_khu_pho_meeting", args=[hcm_map.kp1.pk])
    assert context["my_meeting_url"] == settings.PUBLIC_BASE_URL + path
    assert context["qr_svg"] == segno.make(settings.PUBLIC_BASE_URL + path, error="m").svg_data_uri(
        scale=3, border=1
    )
    page = client.get(path).content.decode()
    assert "Nhà văn hóa khu phố 1" in page and "Nguyễn Thị Hường" in page
    _assert_no_household(page)
    assert client.get(reverse("elections:public_khu_pho_meeting", args=[hcm_map.p22.pk])).status_code == 404
