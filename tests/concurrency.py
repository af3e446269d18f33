"""Run the same operation from several threads released at the same instant.

Each thread has its own database connection, as each web worker has; the tests that
use this are ``transaction=True`` so the threads see each other's commits.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from django.db import connection


def at_once(operation: Callable, arguments: Sequence[tuple]) -> tuple[list, list]:
    """Call ``operation(*args)`` for each ``args`` in parallel; return (results, errors)."""
    start, lock = threading.Barrier(len(arguments)), threading.Lock()
    results, errors = [], []

    def run(args):
        try:
            start.wait()
            result = operation(*args)
            with lock:
                results.append(result)
        except Exception as error:  # noqa: BLE001 - returned to the test, which asserts on it
            with lock:
                errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(args,)) for args in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors
