"""One result per create form: a double-click or a repeated POST never makes a second row.

Every create form carries a signed one-time token in a hidden field
(``OneTimeFormMixin``); the view is wrapped in ``@one_submission``, which consumes
the token in the same transaction as the create. A second POST with the token is
sent to the first one's result with a notice; on PostgreSQL the second insert waits
for the first transaction, so simultaneous submissions are caught too.
"""

from __future__ import annotations

import datetime
import functools
import secrets
from typing import TYPE_CHECKING

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from wardvote.models import FormSubmission

FIELD = "form_token"
SALT = "wardvote.once"
MAX_AGE = 24 * 60 * 60  # a form left open over a working day still submits


def new_token() -> str:
    return signing.dumps(secrets.token_hex(16), salt=SALT)


def token_from(value: str) -> str | None:
    """The token's random part when ``value`` is one we issued and not too old."""
    try:
        return signing.loads(value, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired
        return None


if TYPE_CHECKING:
    # What the mixin is mixed into: mypy then knows self.fields, cleaned_data and add_error.
    _FormBase = forms.Form
else:
    _FormBase = object


class OneTimeFormMixin(_FormBase):
    """Adds the hidden one-time token to a form; services never see it in cleaned_data."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[FIELD] = forms.CharField(widget=forms.HiddenInput, initial=new_token, required=False)

    def clean_form_token(self) -> str:
        if token_from(self.cleaned_data.get(FIELD, "")) is None:
            self.add_error(None, _("Biểu mẫu đã hết hạn hoặc không hợp lệ; hãy tải lại trang và nhập lại."))
        return ""

    def full_clean(self):
        super().full_clean()
        if hasattr(self, "cleaned_data"):
            self.cleaned_data.pop(FIELD, None)


def one_submission(view):
    """Consume the POSTed form's token with the view's writes; a repeat goes to the first result.

    A response that is not a redirect (the form shown again with its errors) gives the
    token back, so the corrected form can be sent with it.
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        token = _posted_token(request.POST) if request.method == "POST" else None
        if token is None or not request.user.is_authenticated:
            return view(request, *args, **kwargs)  # the form refuses a missing or forged token
        with transaction.atomic():
            try:
                with transaction.atomic():
                    submission = FormSubmission.objects.create(token=token, user=request.user)
            except IntegrityError:
                return _earlier_result(request, token)
            response = view(request, *args, **kwargs)
            if response.status_code in (301, 302, 303) and response.has_header("Location"):
                submission.result_url = response["Location"][:500]
                submission.save(update_fields=["result_url"])
            else:
                submission.delete()
            return response

    return wrapped


def _posted_token(data) -> str | None:
    """The token of the POSTed form, whatever the form's prefix ("new-form_token")."""
    for name, value in data.items():
        if name == FIELD or name.endswith(f"-{FIELD}"):
            return token_from(value)
    return None


def _earlier_result(request, token: str):
    earlier = FormSubmission.objects.get(token=token)
    if earlier.user_id != request.user.pk:
        raise PermissionDenied
    messages.info(request, _("Biểu mẫu này đã được gửi; đây là kết quả lần gửi trước."))
    return redirect(earlier.result_url)


def forget_used_tokens(now: datetime.datetime | None = None) -> int:
    """Delete the record of tokens used more than MAX_AGE ago; returns how many.

    A token is used after it was issued, so by then its signature has expired: a form
    sent again with it is refused as too old, and its record protects nothing more.
    """
    cutoff = (now or timezone.now()) - datetime.timedelta(seconds=MAX_AGE)
    deleted, _by_model = FormSubmission.objects.filter(created_at__lt=cutoff).delete()
    return deleted
