"""Middleware of the project."""

from __future__ import annotations

from auditlog.middleware import AuditlogMiddleware as BaseAuditlogMiddleware

from wardvote.client_ip import client_ip


class AuditlogMiddleware(BaseAuditlogMiddleware):
    """django-auditlog, recording the address from ``wardvote.client_ip`` and no port.

    The library takes the first ``X-Forwarded-For`` entry and ``X-Forwarded-Port`` as sent,
    which any client can forge.
    """

    @staticmethod
    def _get_remote_addr(request):
        return client_ip(request) or None

    @staticmethod
    def _get_remote_port(request):
        return None
