"""Checks and headers every request and response goes through."""

from __future__ import annotations

from auditlog.middleware import AuditlogMiddleware as BaseAuditlogMiddleware
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect, render
from django.urls import reverse

from neighborhoods.services.staff import account_of
from wardvote.client_ip import client_ip, from_trusted_proxy
from wardvote.text import has_control_characters

# Kept in the session from login on, so that no request pays a query for it. A password
# set by someone else while the holder is logged in ends their session (Django checks the
# password hash), so the next login reads the flag afresh.
MUST_SET_PASSWORD = "wardvote_must_set_password"


@receiver(user_logged_in, dispatch_uid="wardvote_must_set_password")
def _remember_must_set_password(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[MUST_SET_PASSWORD] = account_of(user).must_set_password


class UntrustedForwardedHeadersMiddleware:
    """Removes the X-Forwarded-Proto, -Host and -Port headers unless a trusted proxy sent them.

    With DEBUG off Django believes X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER): a client
    talking plain HTTP to the app directly could claim HTTPS and escape the redirect to
    HTTPS. Only the reverse proxies in TRUSTED_PROXIES, which set these headers themselves,
    are believed; from anyone else the request is taken as the socket shows it.
    """

    HEADERS = ("HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST", "HTTP_X_FORWARDED_PORT")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not from_trusted_proxy(request.META.get("REMOTE_ADDR", ""), tuple(settings.TRUSTED_PROXIES)):
            for header in self.HEADERS:
                request.META.pop(header, None)
        return self.get_response(request)


class OwnPasswordRequiredMiddleware:
    """Sends such a user to the page where they set their own password; only logging out
    and choosing the language stay open."""

    OPEN_URL_NAMES = ("password_change", "logout", "set_language")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and request.session.get(MUST_SET_PASSWORD):
            target = reverse("password_change")
            if request.path not in {reverse(name) for name in self.OPEN_URL_NAMES}:
                return redirect(target)
        return self.get_response(request)


def _has_bad_value(query_dict, *, multiline: bool) -> bool:
    return any(
        has_control_characters(key) or any(has_control_characters(v, multiline=multiline) for v in values)
        for key, values in query_dict.lists()
    )


class RefuseControlCharactersMiddleware:
    """Answers 400 with the app's own page when a query string or form holds a control character.

    NUL and the other control characters have no place in what a person types; PostgreSQL
    refuses NUL outright, so letting one through turns a typo or a probe into a 500. Posted
    text may keep tabs and line breaks (text areas); each form then refuses them where a
    single line is expected.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_bad_value(request.GET, multiline=False) or (
            request.method == "POST" and _has_bad_value(request.POST, multiline=True)
        ):
            return render(request, "400.html", status=400)
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Tells the browser that no page may use the camera, microphone, location or payment."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class AuditlogMiddleware(BaseAuditlogMiddleware):
    """django-auditlog, recording the address from ``wardvote.client_ip`` and no port.

    The library takes the first ``X-Forwarded-For`` entry and ``X-Forwarded-Port`` as sent,
    which any client can forge.
    """

    @staticmethod
    def _get_remote_addr(request):
        return client_ip(request) or None

    @staticmethod
    def _get_remote_port(request):
        return None
