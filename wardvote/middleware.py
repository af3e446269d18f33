"""Checks and headers every request and response goes through."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render

from wardvote.text import has_control_characters


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
