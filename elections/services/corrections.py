"""Corrections of an election's record after its meeting opened.

Once a sitting has opened, the election team, the meeting's schedule and the preparation
dates are part of what its papers record. They change only by a correction that gives its
reason: the correction is kept (``RecordCorrection``, audited) and the papers issued
afterwards print it, as a corrected result prints its reason (``results.result_correct``).
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from elections.models import Election, RecordCorrection
from wardvote.types import StrOrPromise


def correction_record(
    *, by: User | None, election: Election, subject: str, correction_reason: str, refusal: StrOrPromise
) -> RecordCorrection:
    """Keep the correction of ``subject``, or refuse with ``refusal`` when no reason is given.

    The caller has decided the record is closed and holds the election's row lock.
    """
    reason = " ".join(correction_reason.split())
    if not reason:
        raise ValidationError(
            _("%(refusal)s Muốn sửa, hãy ghi lý do đính chính.") % {"refusal": refusal},
            code="record_closed",
        )
    return RecordCorrection.objects.create(election=election, subject=subject, reason=reason, by=by)
