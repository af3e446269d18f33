"""Sending a Celery task by its registered name.

Tasks sit above services: a task takes an id and calls a service, so a service that
queues work must not import its app's tasks module. It names the task instead, and the
task is looked up in the Celery app's registry when it is sent. ``apply_async`` and
``delay`` on the task found behave as before, in-process in eager mode (tests, the
embedded default) and through the broker otherwise. Each app's ``AppConfig.ready``
imports its tasks module, so the registry holds the tasks before the first request.
"""

from __future__ import annotations

from celery import Task, current_app


def task_named(name: str) -> Task:
    """The registered task ``name`` ("reporting.tasks.render_document"); KeyError if none is."""
    return current_app.tasks[name]
