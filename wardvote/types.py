"""Types shared by the apps' annotations (checked by mypy with django-stubs).

Django types ``request.user`` as ``User | AnonymousUser`` because nothing in
``HttpRequest`` knows a view sits behind ``@login_required``. Views that do are
annotated with ``AuthenticatedHttpRequest``, whose ``user`` is the auth user model,
as django-stubs recommends; public views (login, ``/healthz``, the ward's public
page) keep ``HttpRequest``.
"""

from typing import TYPE_CHECKING, TypeAlias

from django.contrib.auth.models import User
from django.http import HttpRequest

if TYPE_CHECKING:
    # The stubs' name for what gettext_lazy returns; it does not exist at run time,
    # where the same object is a plain Promise (django-stubs-ext does the same).
    from django.utils.functional import _StrPromise as StrPromise
else:
    from django.utils.functional import Promise as StrPromise

# A user-facing text: a str, or a lazy translation turned into one when rendered.
StrOrPromise: TypeAlias = str | StrPromise


class AuthenticatedHttpRequest(HttpRequest):
    user: User
