"""GET /healthz: what docker compose and a load balancer ask before sending traffic."""

from django.db import connection
from django.urls import reverse

import reporting.services
from wardvote.celery import app


def test_healthy_app_answers_200_with_each_check(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "broker": "eager",
        "pdf": "ok",
        "storage": "ok",
    }


def test_unreachable_broker_answers_503_without_revealing_its_address(client, db):
    # Celery's settings object does not restore cleanly through monkeypatch: set and restore by hand.
    previous = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager, app.conf.broker_url = False, "redis://:s3cret-password@127.0.0.1:1/0"
    try:
        response = client.get(reverse("healthz"))
    finally:
        app.conf.task_always_eager, app.conf.broker_url = previous
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["broker"].startswith("error: ")
    assert body["database"] == "ok"
    assert b"s3cret-password" not in response.content
    assert b"127.0.0.1" not in response.content


def test_broken_database_answers_503(client, db, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise ConnectionError("database down at db.internal:5432")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", broken_cursor)
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "error: ConnectionError"
    assert b"db.internal" not in response.content


def test_broken_pdf_rendering_answers_503(client, db, monkeypatch):
    monkeypatch.setattr(reporting.services, "pdf_health", lambda: "error: OSError")
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "database": "ok",
        "broker": "eager",
        "pdf": "error: OSError",
        "storage": "ok",
    }


def test_healthz_needs_no_login_and_reveals_nothing_else(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert set(response.json()) == {"status", "database", "broker", "pdf", "storage"}
    # A monitor must always see the current state, never a cached one.
    assert "no-cache" in response["Cache-Control"]


def test_healthz_only_answers_get(client, db):
    assert client.post(reverse("healthz")).status_code == 405
