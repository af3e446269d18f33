"""A simple count of requests per client address in the cache, for the few pages without a
login that look something up (the resident's "my meeting"): enough to keep a script from
trying every household code, not a defence against a botnet.

The default cache is per process (``LocMemCache``): each worker counts on its own, which only
multiplies the limit by the number of workers.
"""

from __future__ import annotations

from django.core.cache import cache

from wardvote.client_ip import client_ip


def allow(request, scope: str, *, limit: int, window_seconds: int) -> bool:
    """Count this request of the client's address in ``scope``; False once ``limit`` requests
    were counted in the current window (the window starts with the first request)."""
    key = f"throttle:{scope}:{client_ip(request) or 'unknown'}"
    # ``add`` starts the window only when no count exists; ``incr`` keeps its expiry.
    if cache.add(key, 1, timeout=window_seconds):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between the two calls: a new window
        cache.add(key, 1, timeout=window_seconds)
        return True
    return count <= limit
