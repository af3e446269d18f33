"""The domain has one error type: Django's ValidationError, with sentences a user can act on.

Rules, transitions, services and forms refuse with it; views show it on the form
(``wardvote.forms.add_validation_errors``) or as messages
(``wardvote.messages.message_validation_errors``). An exception class of our own
would need its own wrapper and its own way of being shown, so none may be defined.
"""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from wardvote.messages import message_validation_errors, validation_error_text

APPS = ("elections", "neighborhoods", "reporting", "wardvote")
# Not application code: schema history, and the one-off scripts that extracted the map data.
SKIPPED = ("migrations", "data")


def _app_modules() -> list[str]:
    root = Path(settings.BASE_DIR)
    names = []
    for app in APPS:
        for path in sorted((root / app).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if any(part in SKIPPED for part in parts[1:-1]):
                continue
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def _exception_classes(module_name: str) -> list[str]:
    module = importlib.import_module(module_name)
    return [
        name
        for name, value in inspect.getmembers(module, inspect.isclass)
        if value.__module__ == module_name and issubclass(value, BaseException)
    ]


def test_the_modules_are_found():
    modules = _app_modules()
    assert "elections.transitions" in modules and "neighborhoods.services.household_import" in modules
    assert not any(".migrations." in name or name.startswith("neighborhoods.data") for name in modules)


@pytest.mark.parametrize("module_name", _app_modules())
def test_no_app_module_defines_an_exception_class(module_name):
    assert _exception_classes(module_name) == [], (
        f"{module_name} defines its own exception: raise django.core.exceptions.ValidationError instead"
    )


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_a_refusal_without_a_form_becomes_one_message_per_sentence():
    request = _request()
    error = ValidationError({"reason": ["Ghi lý do."], "__all__": ["Cuộc họp đã đóng."]})
    message_validation_errors(request, error)
    assert sorted(str(m) for m in request._messages) == ["Cuộc họp đã đóng.", "Ghi lý do."]
    assert all(m.level_tag == "error" for m in request._messages)


def test_a_refusal_stored_as_text_keeps_its_sentence_unchanged():
    assert validation_error_text(ValidationError("Tệp lớn hơn 30 MB.", code="import_file")) == (
        "Tệp lớn hơn 30 MB."
    )
