"""Housekeeping of the project's own tables, run by Celery beat."""

from celery import shared_task

from wardvote.once import forget_used_tokens


@shared_task
def forget_used_form_tokens() -> int:
    """Daily: the one-time tokens of forms sent more than a day ago, expired by now, are deleted."""
    return forget_used_tokens()
