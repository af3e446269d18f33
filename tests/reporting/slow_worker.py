"""A Celery worker that stalls after writing a document's file and before committing it.

The fault tests start it with ``celery -A tests.reporting.slow_worker worker`` and kill it
with SIGKILL at that moment: the file is on disk, the row still says "pending".
"""

import os
import time
from pathlib import Path

from celery.signals import task_prerun

from wardvote.celery import app  # noqa: F401 - what ``celery -A`` looks for here


@task_prerun.connect
def _stall_after_writing(**kwargs):
    from reporting import services

    if getattr(services.save_atomically, "stalls", False):
        return
    write = services.save_atomically

    def write_then_stall(field_file, name, content):
        write(field_file, name, content)
        Path(os.environ["WARDVOTE_STALL_MARKER"]).write_text(str(os.getpid()))
        time.sleep(300)

    write_then_stall.stalls = True
    services.save_atomically = write_then_stall
