"""How the domain's one error type reaches a person when there is no form to put it on.

Rules, transitions and services refuse with ``django.core.exceptions.ValidationError``
and sentences a user can act on. A view that renders its form again shows them on the
form (``wardvote.forms.add_validation_errors``); a view that answers a button, or a
small form embedded in another page, and redirects shows them here, one message each.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def message_validation_errors(request: HttpRequest, error: ValidationError) -> None:
    """Each sentence of the error as its own error message on the next page."""
    for message in error.messages:
        messages.error(request, message)


def message_form_errors(request: HttpRequest, form) -> None:
    """An invalid embedded form's errors as one message on the next page, each after the label
    of its field (the page that shows the form is redirected to, not rendered again)."""
    messages.error(request, form_errors_text(form))


def form_errors_text(form) -> str:
    """An invalid form's errors on one line, each after the label of its field."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts += [f"{label}: {error}" if label else error for error in errors]
    return " ".join(parts)


def validation_error_text(error: ValidationError) -> str:
    """The error's sentences as one line, for what is stored or printed rather than shown on a page
    (a failed import's reason, a management command's error)."""
    return " ".join(error.messages)
