"""The Celery application. Without REDIS_URL, tasks run eagerly in-process."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wardvote.settings")

app = Celery("wardvote")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Periodic work is declared here, in one place (times in settings.TIME_ZONE).
app.conf.beat_schedule = {
    # What was requested while Redis was down (or whose task was lost) is not forgotten.
    "requeue-pending-documents-and-exports": {
        "task": "reporting.tasks.requeue_pending",
        "schedule": crontab(minute="*/2"),
    },
    # Every division's figures of the day, for the completion-over-time chart.
    "snapshot-progress-nightly": {
        "task": "reporting.tasks.snapshot_progress",
        "schedule": crontab(hour=23, minute=45),
    },
    # During a campaign, each district officer finds a fresh PDF report in the morning.
    "district-reports-each-morning": {
        "task": "reporting.tasks.prepare_district_reports",
        "schedule": crontab(hour=5, minute=30),
    },
    # Register files and rows of uploads never committed are deleted after a day.
    "expire-household-imports-hourly": {
        "task": "neighborhoods.tasks.expire_household_imports",
        "schedule": crontab(minute=7),
    },
    # The record of used one-time form tokens is kept only while the tokens are valid (24 h).
    "forget-used-form-tokens-daily": {
        "task": "wardvote.tasks.forget_used_form_tokens",
        "schedule": crontab(hour=3, minute=17),
    },
}
