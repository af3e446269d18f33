"""Headers every page carries: a strict Content-Security-Policy and a Permissions-Policy."""

import pytest
from django.urls import reverse


def _policy(response) -> dict[str, list[str]]:
    directives = [part.strip().split() for part in response["Content-Security-Policy"].split(";")]
    return {name: values for name, *values in directives}


@pytest.mark.parametrize("path", ["/dang-nhap/", "/", "/khong-co-trang-nay/", "/?q=%00"])
def test_every_page_has_a_strict_content_security_policy(client, db, path):
    policy = _policy(client.get(path))
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
    for directive in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in policy[directive] and "'unsafe-eval'" not in policy[directive]


def test_the_scripts_of_a_page_carry_the_nonce_of_its_policy(login, personas):
    response = login(personas.p22_ubnd).get(reverse("home"))
    nonce = next(v for v in _policy(response)["script-src"] if v.startswith("'nonce-"))[7:-1]
    page = response.content.decode()
    assert page.count(f'nonce="{nonce}"') == 3
    assert "<style" not in page and "style=" not in page


def test_every_page_refuses_camera_microphone_and_location(client, db):
    header = client.get("/dang-nhap/")["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in header
