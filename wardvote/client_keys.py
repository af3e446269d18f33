"""The key a browser gives each check-in and tally entry, so an operation sent again after a
dropped connection is done once.

The meeting page keeps what it could not send (in the browser's IndexedDB) and sends it again,
with the same key, when the connection returns; ``static/js/offline_queue.js``. The services
store the key on the row they create (``client_key``): a key seen again from the same person
for the same operation answers with that row; any other use of it is refused.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _

FIELD = "client_key"
# The header the browser's queue sends: its answers are JSON, read by the script, not swapped.
QUEUED_HEADER = "X-WV-Queued"

BAD_KEY = "client_key_bad"
KEY_TAKEN = "client_key_taken"


def client_key_from(data: Mapping[str, str]) -> uuid.UUID | None:
    """The posted key, None when none is posted; refused (code ``BAD_KEY``) when it is no UUID."""
    value = (data.get(FIELD) or "").strip()
    if not value:
        return None
    try:
        return uuid.UUID(value)
    except ValueError as error:
        raise ValidationError(
            _("Mã thao tác của máy không hợp lệ: tải lại trang rồi thao tác lại."), code=BAD_KEY
        ) from error


def key_taken() -> ValidationError:
    """A key already used by someone else, or for another operation: never answered with its row."""
    return ValidationError(_("Mã thao tác này đã được dùng cho một thao tác khác."), code=KEY_TAKEN)


def is_queued(request: HttpRequest) -> bool:
    return request.headers.get(QUEUED_HEADER) == "1"


def queued_answer(message: str, *, status: int = 200) -> JsonResponse:
    """The answer to a queued operation: ``ok`` when it is done (now or the first time it came)."""
    return JsonResponse({"ok": 200 <= status < 300, "message": message}, status=status)


def refusal_status(error: ValidationError) -> int:
    """400 for a malformed key, 403 for a key of another operation, 409 for anything else the
    server refuses (a household checked in meanwhile by another device, a figure that does not add up)."""
    codes = {getattr(e, "code", None) for e in error.error_list} if hasattr(error, "error_list") else set()
    if BAD_KEY in codes:
        return 400
    if KEY_TAKEN in codes:
        return 403
    return 409
