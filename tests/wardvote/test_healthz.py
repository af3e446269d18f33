from django.db import connection
from django.urls import reverse

from wardvote.celery import app


def test_healthy_app_answers_200_with_each_check(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "eager", "pdf": "ok"}


def test_unreachable_broker_answers_503(client, db):
    # Celery's settings object does not restore cleanly through monkeypatch: set and restore by hand.
    previous = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager, app.conf.broker_url = False, "redis://127.0.0.1:1/0"
    try:
        response = client.get(reverse("healthz"))
    finally:
        app.conf.task_always_eager, app.conf.broker_url = previous
    assert response.status_code == 503
    assert response.json()["broker"].startswith("error")


def test_broken_database_answers_503(client, db, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise ConnectionError("database down")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", broken_cursor)
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "error: ConnectionError"


def test_healthz_needs_no_login_and_reveals_nothing_else(client, db):
    body = client.get(reverse("healthz")).json()
    assert set(body) == {"status", "database", "broker", "pdf"}
