"""A Celery worker whose renders first fail with a transient error, as on a disk briefly gone.

The retry tests start it with ``celery -A tests.reporting.flaky_worker worker``: the first
``WARDVOTE_FLAKY_FAILURES`` renders raise ``OSError``; every attempt is counted in the file
``WARDVOTE_FLAKY_COUNTER``.
"""

import os
from pathlib import Path

from celery.signals import task_prerun

from wardvote.celery import app  # noqa: F401 - what ``celery -A`` looks for here


@task_prerun.connect
def _fail_first_renders(**kwargs):
    # Imported here: Django is set up only once the worker runs.
    from reporting import services

    if getattr(services.render_pdf, "flaky", False):
        return
    render = services.render_pdf
    counter = Path(os.environ["WARDVOTE_FLAKY_COUNTER"])

    def flaky_render(template_name, context):
        attempts = int(counter.read_text() or 0) + 1 if counter.exists() else 1
        counter.write_text(str(attempts))
        if attempts <= int(os.environ["WARDVOTE_FLAKY_FAILURES"]):
            raise OSError("the disk is briefly gone")
        return render(template_name, context)

    flaky_render.flaky = True
    services.render_pdf = flaky_render
