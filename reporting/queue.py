"""Handing documents and exports to the Celery workers without a web request ever waiting on
a broker that is down.

A request is first saved as a pending row, then its task is sent once. When Redis is
unreachable the send fails within a second, the row stays pending with no ``queued_at``,
the page says so and offers "Thử lại", and ``requeue_stale`` (a beat task) sends it
again once the broker is back. The tasks are idempotent, so a second send is harmless.
"""

from __future__ import annotations

import datetime
import logging

from django.db.models import Manager, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from kombu.exceptions import KombuError

from reporting.models import NOT_QUEUED, SEND_GRACE, DocumentStatus, requeue_after
from wardvote.queueing import task_named

logger = logging.getLogger(__name__)

# The tasks' registered names: the services queue them by name, since tasks sit above
# services (``reporting.tasks`` imports the services, never the other way round).
RENDER_DOCUMENT = "reporting.tasks.render_document"
BUILD_EXPORT = "reporting.tasks.build_export"

QUEUE_DOWN = _(
    "Hệ thống xử lý nền đang tạm ngừng. Yêu cầu của bạn đã được lưu và sẽ được thực hiện "
    "tự động khi hệ thống hoạt động lại; bạn cũng có thể bấm “Thử lại” sau ít phút."
)


def send(task_name: str, row) -> bool:
    """Send the task ``task_name`` for ``row.pk`` to the workers; True when the broker took it.

    Never raises for a broker that is down or unreachable: settings keep the attempt to a
    second (one connection try, no publish retry), and the row keeps the request, with
    why it is still waiting in its ``error``.
    """
    rows = type(row).objects.filter(pk=row.pk)
    task = task_named(task_name)
    try:
        task.apply_async(args=(row.pk,))
    except (KombuError, OSError) as exc:
        logger.warning("Could not queue %s for %s %s", task.name, row._meta.model_name, row.pk, exc_info=True)
        rows.filter(status=DocumentStatus.PENDING).update(error=f"{NOT_QUEUED}: {exc!r}"[:2000])
        return False
    rows.update(queued_at=timezone.now())
    rows.filter(status=DocumentStatus.PENDING, error__startswith=NOT_QUEUED).update(error="")
    return True


def send_all(task_name: str, rows) -> int:
    """Send the task for each row, stopping at the first the broker refuses (it is down)."""
    sent = 0
    for row in rows:
        if not send(task_name, row):
            break
        sent += 1
    return sent


def stale(queryset: QuerySet | Manager, now: datetime.datetime | None = None) -> QuerySet:
    """The pending rows whose task never reached the broker, or was sent long ago and lost."""
    now = now or timezone.now()
    never_sent = Q(queued_at__isnull=True, created_at__lt=now - SEND_GRACE)
    lost = Q(queued_at__lt=now - requeue_after())
    return queryset.filter(status=DocumentStatus.PENDING).filter(never_sent | lost)
