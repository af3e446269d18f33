"""A login whose password someone else chose may do nothing before its holder replaces it."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse

# Kept in the session from login on, so that no request pays a query for it. A password
# set by someone else while the holder is logged in ends their session (Django checks the
# password hash), so the next login reads the flag afresh.
MUST_SET_PASSWORD = "wardvote_must_set_password"


@receiver(user_logged_in, dispatch_uid="wardvote_must_set_password")
def _remember_must_set_password(sender, request, user, **kwargs):
    from neighborhoods.services.staff import account_of

    if request is not None and hasattr(request, "session"):
        request.session[MUST_SET_PASSWORD] = account_of(user).must_set_password


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
