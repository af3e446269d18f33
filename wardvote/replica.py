"""Read scale-out: the roll-ups read from a streaming replica when one is configured.

With ``DATABASE_REPLICA_URL`` set, settings add a ``replica`` database alias. Code that reads
many rows and can stand a replica's lag of a few seconds (dashboards, statistics, the progress
JSON, report exports) runs inside ``reads_from_replica()``; every other read, every access check
and every write stays on ``default``. Without a replica the block changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"

# Per thread and per task (a context variable): one request's choice never leaks into another's.
_reading_from_replica: ContextVar[bool] = ContextVar("wardvote_reads_from_replica", default=False)


def replica_configured() -> bool:
    return REPLICA in connections.settings


@contextmanager
def reads_from_replica() -> Iterator[None]:
    """Send the block's ORM reads to the replica, when there is one."""
    token = _reading_from_replica.set(True)
    try:
        yield
    finally:
        _reading_from_replica.reset(token)


class ReadReplicaRouter:
    """Reads inside ``reads_from_replica()`` go to the replica; writes (and a ``select_for_update``,
    which Django routes as a write) always go to the primary; migrations run on the primary only,
    which the replica copies."""

    def db_for_read(self, model, **hints) -> str | None:
        if _reading_from_replica.get() and replica_configured():
            return REPLICA
        return None

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        # Both aliases hold the same rows: an object read from the replica may point at one read
        # from the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db != REPLICA
