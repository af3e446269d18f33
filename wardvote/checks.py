"""System checks of the deployment configuration that Django's own checks do not make.

``manage.py check`` (and so ``migrate`` and ``runserver``) stops on these errors, so a
production start with a public address the public cannot safely reach fails at once
instead of printing a wrong QR code on every public notice.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, register
from django.http.request import split_domain_port, validate_host

# The hosts `make run` serves the demo on over plain http (LOCAL_HTTP): this machine only.
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@register()
def public_base_url_check(app_configs=None, **kwargs) -> list[Error]:
    if settings.DEBUG:
        return []
    url = urlsplit(settings.PUBLIC_BASE_URL)
    errors = []
    if url.scheme != "https" and not (settings.LOCAL_HTTP and url.hostname in LOOPBACK):
        errors.append(
            Error(
                f"PUBLIC_BASE_URL is {settings.PUBLIC_BASE_URL!r}: with DEBUG off it must start with https://.",
                hint="Set PUBLIC_BASE_URL to the https address the public reaches the site at.",
                id="wardvote.E001",
            )
        )
    # Read the host as Django reads a request's Host header, so "[::1]" and ".example.vn" match.
    host, _port = split_domain_port(url.netloc.rpartition("@")[2])
    if not host or not validate_host(host, settings.ALLOWED_HOSTS):
        errors.append(
            Error(
                f"The host of PUBLIC_BASE_URL ({host or 'none'}) is not in ALLOWED_HOSTS: "
                "the address printed on public notices would answer 400.",
                hint="Add the host to ALLOWED_HOSTS or correct PUBLIC_BASE_URL.",
                id="wardvote.E002",
            )
        )
    return errors


@register()
def local_http_check(app_configs=None, **kwargs) -> list[Error]:
    """LOCAL_HTTP drops https and secure cookies: it may only serve this machine."""
    if not settings.LOCAL_HTTP or settings.DEBUG:
        return []
    others = [host for host in settings.ALLOWED_HOSTS if host.strip("[]") not in LOOPBACK]
    if not others:
        return []
    return [
        Error(
            f"LOCAL_HTTP serves over plain http, but ALLOWED_HOSTS also names {', '.join(others)}.",
            hint="LOCAL_HTTP is for `make run` on this machine; a server others reach runs over https.",
            id="wardvote.E003",
        )
    ]
