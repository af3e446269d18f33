"""The Celery application. Without REDIS_URL, tasks run eagerly in-process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wardvote.settings")

app = Celery("wardvote")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Periodic work is declared here, in one place (later issues add to it).
app.conf.beat_schedule = {}
