"""The ward's public page residents use (issue 16 item 5): every khu phố under its own anchor,
listed without any script, a search box the page's script shows, the printed notice's QR code
pointing at the reader's own khu phố, and links from the staff's pages."""

import pytest
import segno
from django.conf import settings
from django.urls import reverse

from elections.documents import candidate_notice_context
from tests.factories import make_neighborhood


def _public(ward) -> str:
    return reverse("elections:public_ward", args=[ward.pk])


def test_every_khu_pho_has_its_anchor_and_a_link_in_the_index(ready_election, hcm_map, client):
    make_neighborhood(hcm_map.p22, 10)
    page = client.get(_public(hcm_map.p22)).content.decode()
    for kp in (hcm_map.kp1, hcm_map.kp2, hcm_map.kp3):
        assert f'id="kp-{kp.pk}"' in page
        assert f'href="#kp-{kp.pk}"' in page
    # In the khu phố's natural order, Khu phố 10 after Khu phố 3, even without an election.
    assert page.index('data-wv-khu-pho="Khu phố 3"') < page.index('data-wv-khu-pho="Khu phố 10"')
    kp1 = page[page.index(f'id="kp-{hcm_map.kp1.pk}"') : page.index(f'id="kp-{hcm_map.kp2.pk}"')]
    assert "Nguyễn Văn head" in kp1 and "27/10/2024" in kp1


def test_the_search_is_shown_by_the_script_and_needs_no_inline_code(ready_election, hcm_map, client):
    page = client.get(_public(hcm_map.p22)).content.decode()
    assert '<form class="mb-2" role="search" data-wv-khu-pho-search hidden>' in page
    assert 'for="wv-khu-pho-query">Tìm theo tên khu phố</label>' in page
    assert "js/public_search.js" in page
    assert "onclick" not in page and "<script>" not in page


def test_the_printed_notice_s_qr_code_points_at_the_reader_s_khu_pho(ready_election, hcm_map):
    context = candidate_notice_context(ready_election)
    url = f"{settings.PUBLIC_BASE_URL}{_public(hcm_map.p22)}#kp-{hcm_map.kp1.pk}"
    assert context["public_url"] == url
    assert context["qr_svg"] == segno.make(url, error="m").svg_data_uri(scale=3, border=1)


@pytest.mark.parametrize("division", ["p22", "kp1"])
def test_the_ward_s_and_khu_pho_s_pages_link_to_the_public_page(hcm_map, personas, login, division):
    page = login(personas.p22_ubnd).get(
        reverse("neighborhoods:division_detail", args=[getattr(hcm_map, division).pk])
    )
    expected = _public(hcm_map.p22) + (f"#kp-{hcm_map.kp1.pk}" if division == "kp1" else "")
    assert f'href="{expected}"' in page.content.decode()


def test_the_home_page_links_to_the_public_page(hcm_map, personas, login):
    page = login(personas.p22_kp1_tobaucu).get(reverse("home")).content.decode()
    assert f'href="{_public(hcm_map.p22)}#kp-{hcm_map.kp1.pk}">Trang công khai cho người dân' in page
    page = login(personas.p22_mttq).get(reverse("home")).content.decode()
    assert f'href="{_public(hcm_map.p22)}">Trang công khai cho người dân' in page


def test_the_login_page_leads_residents_to_the_public_pages(client, hcm_map, plans):
    page = client.get(reverse("login")).content.decode()
    assert reverse("elections:public_index") in page
    index = client.get(reverse("elections:public_index")).content.decode()
    assert f'href="{_public(hcm_map.p22)}"' in index
    assert _public(hcm_map.p25) not in index  # no plan: nothing to show yet
