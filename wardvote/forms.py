"""Helpers shared by the forms of every app, and the rules every form's input obeys."""

from typing import Any, cast

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from wardvote.text import has_control_characters, has_non_ascii_digits

# Lengths for free text the database does not bound (TextField): long enough for any
# real reason or biography, short enough that no request can store a megabyte.
LINE_MAX_LENGTH = 255
TEXT_MAX_LENGTH = 4000

CONTROL_CHARACTERS_MESSAGE = _("Không được chứa ký tự điều khiển (như ký tự NUL hoặc ký tự đảo chiều).")
LINE_BREAK_MESSAGE = _("Chỉ ghi trên một dòng, không xuống dòng hay dùng phím Tab.")
DIGITS_MESSAGE = _("Chỉ dùng các chữ số 0–9.")


def add_validation_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its fields where named, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def refuse_control_characters(value: str) -> None:
    if has_control_characters(value, multiline=True):
        raise ValidationError(CONTROL_CHARACTERS_MESSAGE, code="control_characters")


def refuse_line_breaks(value: str) -> None:
    refuse_control_characters(value)
    if has_control_characters(value):
        raise ValidationError(LINE_BREAK_MESSAGE, code="line_breaks")


def refuse_non_ascii_digits(value) -> None:
    values = value if isinstance(value, list | tuple) else [value]
    if any(isinstance(item, str) and has_non_ascii_digits(item) for item in values):
        raise ValidationError(DIGITS_MESSAGE, code="digits")


def _harden_text(field: forms.CharField) -> None:
    multiline = isinstance(field.widget, forms.Textarea)
    if field.max_length is None:
        field.max_length = TEXT_MAX_LENGTH if multiline else LINE_MAX_LENGTH
        field.validators.append(MaxLengthValidator(field.max_length))
        field.widget.attrs.setdefault("maxlength", str(field.max_length))
    # Django's own NUL check answers in English; ours covers NUL and says it in Vietnamese.
    field.validators[:] = [v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)]
    field.validators.append(refuse_control_characters if multiline else refuse_line_breaks)


def _harden_figures(field: forms.Field) -> None:
    """Numbers, dates, times and choices: checked before Python's int() reads "１２" as 12."""
    to_python = field.to_python

    def ascii_to_python(value):
        refuse_non_ascii_digits(value)
        return to_python(value)

    # Wrapping this one field instance's method; the stubs only know to_python as a method.
    field.to_python = ascii_to_python  # type: ignore[method-assign]


class SafeForm(forms.Form):
    """The base of every form: text has a length and no control characters, figures are ASCII.

    Applied to each form instance's own copy of its fields, so the fields a form adds
    in ``__init__`` (the tally's figures) are covered too; subclasses call super first.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.harden_fields()

    def harden_fields(self) -> None:
        for field in self.fields.values():
            if getattr(field, "_wardvote_hardened", False):
                continue
            field._wardvote_hardened = True  # type: ignore[attr-defined]  # our marker on Django's field
            if isinstance(field, forms.CharField):
                _harden_text(field)
            elif not isinstance(field, forms.FileField | forms.BooleanField):
                _harden_figures(field)

    def full_clean(self):
        # Fields added after __init__ (TallyForm adds them in its own __init__) are hardened here.
        self.harden_fields()
        super().full_clean()


def posted_text(data, name: str, *, max_length: int, multiline: bool = False) -> str:
    """A text value posted outside a form (a reason typed next to a button), checked like a field.

    Raises ValidationError with the same messages as the forms, which the views already
    show as a message.
    """
    value = data.get(name, "")
    (refuse_control_characters if multiline else refuse_line_breaks)(value)
    if len(value) > max_length:
        raise ValidationError(
            _("Nội dung dài quá %(limit)s ký tự (hiện có %(length)s).")
            % {"limit": max_length, "length": len(value)}
        )
    return value.strip()


SEARCH_MAX_LENGTH = 100


def search_query(params, name: str = "q") -> str:
    """A search box's text: no code, name or address is longer, so a longer one is cut, not refused."""
    return params.get(name, "").strip()[:SEARCH_MAX_LENGTH]


class OwnPasswordForm(SafeForm, PasswordChangeForm):
    """The holder's own new password: Django's validators, and not the one someone gave them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Mật khẩu đang dùng")
        self.fields["new_password1"].label = _("Mật khẩu mới")
        self.fields["new_password2"].label = _("Nhập lại mật khẩu mới")
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        cleaned = cast(dict[str, Any], super().clean())  # Form.clean returns cleaned_data
        new = cleaned.get("new_password1")
        if new and self.user.check_password(new):
            self.add_error("new_password1", _("Mật khẩu mới phải khác mật khẩu đang dùng."))
        return cleaned
