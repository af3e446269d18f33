"""Issued documents and reports are served only by the permission-checked views, never under /media/."""

import importlib

import pytest
from django.urls import clear_url_caches, reverse

from reporting import exports, services
from reporting.models import ReportExport


@pytest.fixture
def debug_urls(settings):
    """The URLs as `DEBUG=1` builds them (urls.py is read again with DEBUG on)."""
    import wardvote.urls

    settings.DEBUG = True
    importlib.reload(wardvote.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(wardvote.urls)
    clear_url_caches()


@pytest.fixture
def stored_document(hcm_map, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = services.document_request(kind="specimen", source=hcm_map.p22)
    document.refresh_from_db()
    assert document.is_ready
    return document


def test_a_stored_document_is_not_served_under_media_even_with_debug(
    debug_urls, client, login, personas, stored_document
):
    path = f"/media/{stored_document.file.name}"
    assert client.get(path).status_code == 404
    assert login(personas.p22_ubnd).get(path).status_code == 404
    # The permission-checked view still serves it to the ward.
    download = login(personas.p22_ubnd).get(reverse("reporting:document_download", args=[stored_document.pk]))
    assert download.status_code == 200


def test_stored_file_names_cannot_be_guessed(hcm_map, stored_document):
    first = ReportExport.objects.create(division=hcm_map.p22, format="xlsx")
    second = ReportExport.objects.create(division=hcm_map.p22, format="xlsx")
    names = [exports.export_build(export.pk).file.name for export in (first, second)]
    assert names[0] != names[1]
    for name in [*names, stored_document.file.name]:
        stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        # Nothing derived from the division, the date or the row's number: 128 random bits.
        assert "phuong" not in stem and str(stored_document.pk) not in stem.split("-")
        assert len(stem.rsplit("-", 1)[-1]) >= 32
