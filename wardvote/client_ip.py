"""The address a request really comes from.

``X-Forwarded-For`` is written by whoever sends the request, so it is believed only
when the connection comes from a reverse proxy named in ``TRUSTED_PROXIES``; then the
hops are read from the right (the ones our proxies appended) and the first address
that is not one of our proxies is the client. Anything else uses the socket's
address. The audit log and the login lockout both read this address, so a client
can neither put another address in the log nor dodge the lockout by rotating the
header.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """An address from a header hop, without a port ("1.2.3.4:5", "[::1]:5"); None if garbage."""
    value = value.strip()
    if value.startswith("["):
        value = value[1:].split("]", 1)[0]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def _trusted(address, networks: tuple[Network, ...]) -> bool:
    return address is not None and any(address in network for network in networks)


def resolve(remote_addr: str, forwarded_for: str, proxies: tuple[str, ...]) -> str:
    networks = _networks(proxies)
    remote = _parse(remote_addr or "")
    if not _trusted(remote, networks) or not forwarded_for:
        return remote_addr
    client = remote
    for hop in reversed(forwarded_for.split(",")):
        address = _parse(hop)
        if address is None:
            break  # a hop our proxy did not write: the last trusted one is all we know
        client = address
        if not _trusted(address, networks):
            break
    return str(client)


def from_trusted_proxy(remote_addr: str, proxies: tuple[str, ...]) -> bool:
    """Whether the connection itself comes from one of our reverse proxies."""
    return _trusted(_parse(remote_addr or ""), _networks(proxies))


def client_ip(request) -> str:
    """The client's address, worked out once per request (django-axes' AXES_CLIENT_IP_CALLABLE)."""
    cached = getattr(request, "_wardvote_client_ip", None)
    if cached is None:
        cached = resolve(
            request.META.get("REMOTE_ADDR", ""),
            request.META.get("HTTP_X_FORWARDED_FOR", ""),
            tuple(settings.TRUSTED_PROXIES),
        )
        request._wardvote_client_ip = cached
    return cached
