"""The client's address: X-Forwarded-For is believed only from a trusted reverse proxy."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse

from tests.factories import PASSWORD
from wardvote.client_ip import resolve

ATTACKER = "203.0.113.7"
PROXY = "10.0.0.2"


def edit_household(client, household, kp, **extra):
    data = {
        "neighborhood": kp.pk,
        "code": household.code,
        "head_name": "Nguyễn Thị Hường",
        "address": household.address,
        "member_count": household.member_count,
        "representative_name": "",
        "status": "active",
    }
    return client.post(reverse("neighborhoods:household_update", args=[household.pk]), data, **extra)


def last_household_entry(household) -> LogEntry:
    return LogEntry.objects.get_for_object(household).filter(action=LogEntry.Action.UPDATE).latest("pk")


def test_a_forged_forwarded_for_is_logged_with_the_senders_real_address(login, personas, hcm_map, households):
    client = login(personas.p22_ubnd)
    edit_household(
        client,
        households[0],
        hcm_map.kp1,
        REMOTE_ADDR=ATTACKER,
        HTTP_X_FORWARDED_FOR="10.9.9.9",
        HTTP_X_FORWARDED_PORT="4444",
    )
    entry = last_household_entry(households[0])
    assert entry.remote_addr == ATTACKER
    assert entry.remote_port is None
    assert entry.actor == personas.p22_ubnd


def test_the_trusted_proxy_passes_on_the_address_it_saw(settings, login, personas, hcm_map, households):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    client = login(personas.p22_ubnd)
    # The client wrote a fake first hop; the proxy appended the address it really saw.
    edit_household(
        client,
        households[0],
        hcm_map.kp1,
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=f"1.2.3.4, {ATTACKER}",
    )
    assert last_household_entry(households[0]).remote_addr == ATTACKER


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        (ATTACKER, "1.2.3.4", ATTACKER),  # not from a proxy: the header is ignored
        (PROXY, "", PROXY),
        (PROXY, ATTACKER, ATTACKER),
        (PROXY, f"1.2.3.4, {ATTACKER}", ATTACKER),  # rightmost untrusted hop, not the forged first
        (PROXY, f"{ATTACKER}, 10.0.0.9", ATTACKER),  # through two of our proxies
        (PROXY, f"{ATTACKER}:5123", ATTACKER),
        (PROXY, "[2001:db8::1]:443", "2001:db8::1"),
        (PROXY, "not-an-address", PROXY),  # garbage: only the proxy is known
        (PROXY, f"{ATTACKER}, garbage", PROXY),
    ],
)
def test_the_client_is_the_rightmost_hop_that_is_not_a_trusted_proxy(remote, forwarded, expected):
    assert resolve(remote, forwarded, ("10.0.0.0/24",)) == expected


def test_nobody_is_trusted_by_default():
    assert settings.TRUSTED_PROXIES == []
    assert resolve(PROXY, ATTACKER, ()) == PROXY


def test_rotating_forwarded_for_does_not_dodge_the_lockout(client, personas):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("login"),
            {"username": "p22.ubnd", "password": "sai"},
            REMOTE_ADDR=ATTACKER,
            HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}",
        )
    response = client.post(
        reverse("login"),
        {"username": "p22.ubnd", "password": PASSWORD},
        REMOTE_ADDR=ATTACKER,
        HTTP_X_FORWARDED_FOR="198.51.100.200",
    )
    assert response.status_code == 429
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [ATTACKER]


def test_gunicorn_believes_forwarded_headers_only_from_the_trusted_proxies():
    entrypoint = (settings.BASE_DIR / "docker" / "entrypoint.sh").read_text()
    assert '--forwarded-allow-ips "${TRUSTED_PROXIES:-127.0.0.1}"' in entrypoint
    assert '--forwarded-allow-ips "*"' not in entrypoint
