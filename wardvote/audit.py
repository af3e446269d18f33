"""Audit entries that django-auditlog cannot write by itself.

A queryset's ``.update()`` and ``bulk_create()`` send no signal, so ``audited_update`` and
``audited_bulk_create`` write the entry of every row they change (before → after, like a
``save()``). Reading personal data in bulk changes nothing, so ``personal_data_read`` records
it: who read which households of which division, how, and how many.
"""

from __future__ import annotations

from typing import TypeVar

from auditlog.cid import get_cid
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from django.db.models.signals import pre_save
from django.utils import timezone
from django.utils.encoding import smart_str

from wardvote.client_ip import client_ip

M = TypeVar("M", bound=Model)

# What was read, as the audit log page names it (neighborhoods/views/audit.py).
READ_LIST = "list"
READ_SEARCH = "search"
READ_EXPORT = "export"


def _request_context() -> dict:
    """The actor and address auditlog's middleware gives an entry saved now (none outside a request).

    Asked of the library's own pre_save receiver: its context variable outlives the request.
    """
    probe = LogEntry()
    pre_save.send(sender=LogEntry, instance=probe, raw=False, using=None, update_fields=None)
    return {"actor": probe.actor, "remote_addr": probe.remote_addr}


def _as_text(value) -> str:
    """A value as auditlog writes it: a related object by its key."""
    return smart_str(value.pk if isinstance(value, Model) else value)


def _additional_data(row: Model) -> dict | None:
    """The division path auditlog records for a registered model (``get_additional_data``)."""
    return row.get_additional_data() if hasattr(row, "get_additional_data") else None


def _write(model, changed: list[tuple[Model, dict]], action: int) -> None:
    """One entry per (row, changes), as django-auditlog would have written them one by one."""
    context, now, cid = _request_context(), timezone.now(), get_cid()
    content_type = ContentType.objects.get_for_model(model)
    LogEntry.objects.bulk_create(
        [
            LogEntry(
                content_type=content_type,
                object_pk=str(row.pk),
                object_id=row.pk,
                object_repr=str(row)[:200],
                action=action,
                changes=changes,
                timestamp=now,
                cid=cid,
                additional_data=_additional_data(row),
                **context,
            )
            for row, changes in changed
        ],
        batch_size=1000,
    )


def audited_update(queryset: QuerySet, rows: list | None = None, **values) -> int:
    """``queryset.update(**values)``, with one UPDATE entry per row whose values change.

    ``rows``: the queryset's rows as the caller read them under a lock that keeps them current
    (their values are the entries' "before"), so that they are not read again; when none of
    them changes, nothing is written at all."""
    model = queryset.model
    fields = {name: model._meta.get_field(name) for name in values}
    held = rows is not None
    rows = list(queryset) if rows is None else rows
    changed = []
    for row in rows:
        changes = {}
        for name, field in fields.items():
            before, after = _as_text(getattr(row, field.attname)), _as_text(values[name])
            if before != after:
                changes[field.name] = [before, after]
            setattr(row, name, values[name])
        if changes:
            changed.append((row, changes))
    if held and not changed:
        return len(rows)
    count = queryset.update(**values)
    _write(model, changed, LogEntry.Action.UPDATE)
    return count


def audited_bulk_create(model: type[M], objs: list[M]) -> list[M]:
    """``model.objects.bulk_create(objs)``, with the CREATE entry of every row."""
    created = model._default_manager.bulk_create(objs)
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    _write(
        model,
        [(row, {f.name: ["None", _as_text(getattr(row, f.attname))] for f in fields}) for row in created],
        LogEntry.Action.CREATE,
    )
    return created


def personal_data_read(*, request, division, kind: str, rows: int, query: str = "") -> LogEntry:
    """Record that ``request.user`` read ``rows`` households' names and addresses in ``division``."""
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(division),
        object_pk=str(division.pk),
        object_id=division.pk,
        object_repr=str(division),
        action=LogEntry.Action.ACCESS,
        actor=request.user,
        remote_addr=client_ip(request) or None,
        cid=get_cid(),
        additional_data={"division_path": division.path, "read": kind, "rows": rows, "query": query},
    )
