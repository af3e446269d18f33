"""Helpers shared by the forms of every app."""

from django import forms
from django.core.exceptions import ValidationError


def add_validation_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its fields where named, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
