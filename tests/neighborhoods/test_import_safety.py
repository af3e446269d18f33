"""Uploads cannot take the site down: size, zip bombs, row cap, one read, tasks, cleanup, bad cells."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import zipfile
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from neighborhoods.models import Household, HouseholdImport, HouseholdImportRow, ImportStatus
from neighborhoods.services import household_import
from neighborhoods.services.household_import import HEADERS
from tests.neighborhoods.test_household_import import GOOD_ROWS, csv_file, upload, xlsx


@pytest.fixture
def run_queued_tasks(monkeypatch):
    """The upload and the confirmation queue their task after commit; a test's transaction never commits."""
    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


def _import_files(settings) -> list[Path]:
    folder = Path(settings.MEDIA_ROOT) / "imports"
    return list(folder.iterdir()) if folder.exists() else []


def _zip_bomb(rows: int) -> bytes:
    """A valid-looking .xlsx whose sheet repeats one row: tiny packed, huge unpacked."""
    row = '<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet '
        'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + row * rows
        + "</sheetData></worksheet>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_at_once_with_a_clear_message(login, personas, hcm_map, settings):
    bomb = _zip_bomb(400_000)  # 20 MB of rows packed into a few dozen KB
    assert len(bomb) < 100_000
    client = login(personas.p22_ubnd)
    response = client.post(
        reverse("neighborhoods:household_import", args=[hcm_map.p22.pk]),
        {"file": SimpleUploadedFile("so-ho.xlsx", bomb)},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "zip bomb" in page and "hệ thống không đọc tệp này" in page
    assert not HouseholdImport.objects.exists()
    assert _import_files(settings) == []


def test_an_archive_that_lies_about_its_sizes_is_refused_before_it_is_parsed():
    buffer = io.BytesIO(_zip_bomb(1000))
    data = bytearray(buffer.getvalue())
    # Shrink the declared unpacked size in the central directory: the real bytes are more.
    directory = data.rfind(b"PK\x01\x02")
    data[directory + 24 : directory + 28] = (10).to_bytes(4, "little")
    with pytest.raises(ValidationError) as refused:
        household_import.read_table("so-ho.xlsx", io.BytesIO(bytes(data)))
    assert refused.value.code == household_import.FILE_REFUSED


def test_an_upload_over_the_size_limit_is_refused(login, personas, hcm_map, monkeypatch):
    monkeypatch.setattr(household_import, "MAX_UPLOAD_BYTES", 1000)
    response = login(personas.p22_ubnd).post(
        reverse("neighborhoods:household_import", args=[hcm_map.p22.pk]),
        {"file": csv_file(GOOD_ROWS * 20)},
    )
    assert "Tệp lớn hơn 30 MB." in response.content.decode()
    assert not HouseholdImport.objects.exists()


def test_an_upload_over_the_size_limit_is_dropped_while_it_streams_in(
    login, personas, hcm_map, settings, monkeypatch
):
    from django.core.files.uploadhandler import TemporaryFileUploadHandler

    stored = []
    real = TemporaryFileUploadHandler.receive_data_chunk
    monkeypatch.setattr(
        TemporaryFileUploadHandler,
        "receive_data_chunk",
        lambda self, data, start: stored.append(len(data)) or real(self, data, start),
    )
    settings.UPLOAD_MAX_BYTES = 100_000  # the form's own check stays at 30 MB
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10_000  # so what is kept goes to a temporary file
    response = login(personas.p22_ubnd).post(
        reverse("neighborhoods:household_import", args=[hcm_map.p22.pk]),
        {"file": csv_file(GOOD_ROWS * 2000)},  # about 250 KB
    )
    assert response.status_code == 200
    assert "Tệp lớn hơn 30 MB." in response.content.decode()
    assert not HouseholdImport.objects.exists()
    assert sum(stored) <= 100_000  # the rest was never written


def test_the_row_cap_stops_reading_at_the_first_row_past_it():
    endless = ([f"HGD-{n}"] for n in itertools.count())
    read = household_import._capped(enumerate(endless, start=2))
    with pytest.raises(ValidationError, match="quá 200.000 dòng"):
        for _row in read:
            pass


def test_a_file_past_the_row_cap_is_refused_and_nothing_is_kept(
    login, personas, hcm_map, monkeypatch, settings, run_queued_tasks
):
    monkeypatch.setattr(household_import, "MAX_ROWS", 5)
    client = login(personas.p22_ubnd)
    rows = [[f"P22-{n}", "Nguyễn Văn An", "", 1, "", "1", ""] for n in range(50)]
    page = client.get(upload(client, hcm_map.p22, csv_file(rows))).content.decode()
    assert "Tệp có quá 5 dòng." in page and "Chưa lưu hộ nào." in page
    assert not HouseholdImportRow.objects.exists()
    assert _import_files(settings) == []


def test_the_file_is_read_once_however_often_the_preview_is_opened(
    login, personas, hcm_map, monkeypatch, run_queued_tasks
):
    reads = []
    real = household_import.read_table
    monkeypatch.setattr(household_import, "read_table", lambda *a, **k: reads.append(a) or real(*a, **k))
    client = login(personas.p22_ubnd)
    preview_url = upload(client, hcm_map.p22, xlsx(GOOD_ROWS))
    for _ in range(5):
        assert "Tệp hợp lệ: 3 hộ sẵn sàng để nhập" in client.get(preview_url).content.decode()
    client.post(preview_url)
    assert Household.objects.count() == 3
    assert len(reads) == 1


def test_the_web_request_only_stores_the_file_and_a_task_checks_it(login, personas, hcm_map):
    """Without the task run, the page shows the progress bar the exports use, polled with htmx."""
    client = login(personas.p22_ubnd)
    preview_url = upload(client, hcm_map.p22, xlsx(GOOD_ROWS))  # the task waits for a commit
    upload_row = HouseholdImport.objects.get()
    assert upload_row.status == ImportStatus.CHECKING and not upload_row.rows.exists()
    page = client.get(preview_url).content.decode()
    status_url = reverse("neighborhoods:household_import_status", args=[hcm_map.p22.pk, upload_row.token])
    assert 'class="progress"' in page and f'hx-get="{status_url}"' in page
    assert client.get(status_url).get("HX-Refresh") is None

    household_import.household_import_check(upload_row.pk)  # what the worker does
    assert client.get(status_url)["HX-Refresh"] == "true"
    assert "Tệp hợp lệ: 3 hộ sẵn sàng để nhập" in client.get(preview_url).content.decode()

    client.post(preview_url)  # queues the commit, which waits for a commit too
    assert 'class="progress"' in client.get(preview_url).content.decode()
    household_import.household_import_commit(upload_row.pk)
    register = reverse("neighborhoods:household_list", args=[hcm_map.p22.pk])
    assert client.get(status_url)["HX-Redirect"] == register
    assert "Đã nhập 3 hộ" in client.get(register).content.decode()


def test_the_uploaded_file_is_deleted_once_read_and_the_rows_once_committed(
    login, personas, hcm_map, settings, run_queued_tasks
):
    client = login(personas.p22_ubnd)
    preview_url = upload(client, hcm_map.p22, csv_file(GOOD_ROWS))
    assert _import_files(settings) == []
    assert HouseholdImportRow.objects.count() == 3
    page = client.get(client.post(preview_url)["Location"]).content.decode()
    assert "Đã nhập 3 hộ" in page
    assert not HouseholdImportRow.objects.exists()
    assert HouseholdImport.objects.get().status == ImportStatus.DONE


def test_a_confirmation_posted_twice_commits_once(login, personas, hcm_map, run_queued_tasks):
    client = login(personas.p22_ubnd)
    preview_url = upload(client, hcm_map.p22, xlsx(GOOD_ROWS))
    client.post(preview_url)
    client.post(preview_url)
    assert Household.objects.count() == 3


def test_a_code_registered_after_the_check_fails_the_commit_and_saves_nothing(
    login, personas, hcm_map, run_queued_tasks
):
    from tests.factories import HouseholdFactory

    client = login(personas.p22_ubnd)
    preview_url = upload(client, hcm_map.p22, xlsx(GOOD_ROWS))
    HouseholdFactory(neighborhood=hcm_map.kp1, code=GOOD_ROWS[0][0])
    page = client.get(client.post(preview_url)["Location"]).content.decode()
    assert "1 mã hộ đã được thêm vào sổ hộ sau khi kiểm tra tệp. Chưa lưu hộ nào." in page
    assert Household.objects.count() == 1
    assert not HouseholdImportRow.objects.exists()


def test_an_upload_left_unconfirmed_expires_with_its_file_and_rows(login, personas, hcm_map, settings):
    from neighborhoods.tasks import expire_household_imports
    from wardvote.celery import app

    client = login(personas.p22_ubnd)
    preview_url = upload(client, hcm_map.p22, xlsx(GOOD_ROWS))  # never checked: the file stays
    stuck = HouseholdImport.objects.get()
    other = upload(client, hcm_map.p22, csv_file(GOOD_ROWS))  # checked, never confirmed: rows stay
    household_import.household_import_check(HouseholdImport.objects.exclude(pk=stuck.pk).get().pk)
    assert _import_files(settings) and HouseholdImportRow.objects.exists()

    assert expire_household_imports.delay().get() == 0  # a fresh upload is left alone
    HouseholdImport.objects.update(created_at=timezone.now() - dt.timedelta(hours=25))
    assert expire_household_imports.delay().get() == 2
    assert _import_files(settings) == [] and not HouseholdImportRow.objects.exists()
    for url in (preview_url, other):
        assert "đã bị xóa" in client.get(url).content.decode()
    schedule = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "neighborhoods.tasks.expire_household_imports" in schedule


def test_a_failed_commit_deletes_the_stored_rows(login, personas, hcm_map, monkeypatch, run_queued_tasks):
    client = login(personas.p22_ubnd)
    preview_url = upload(client, hcm_map.p22, xlsx(GOOD_ROWS))

    def disk_gone(*args, **kwargs):
        raise OSError("no space left on device")

    monkeypatch.setattr(household_import, "_insert_households", disk_gone)
    page = client.get(client.post(preview_url)["Location"]).content.decode()
    assert "Không xử lý được tệp" in page
    assert not Household.objects.exists() and not HouseholdImportRow.objects.exists()


# --- bad cells: refused on their row, in Vietnamese, never a server error ----------------


def test_an_over_long_code_or_name_and_a_nul_byte_are_refused_on_their_row(
    login, personas, hcm_map, run_queued_tasks
):
    rows = [
        ["P" * 40, "Nguyễn Văn An", "", 1, "", "1", ""],  # row 2
        ["P22-2", "A" * 200, "", 1, "", "1", ""],  # row 3
        ["P22-3", "Trần\x00Bình", "", 1, "", "1", ""],  # row 4
        ["P22-4", "Lê Văn Cường", "", "٢٣", "", "1", ""],  # row 5: Arabic-Indic digits
        ["P22-5", "Lê Văn Dũng", "", "１２", "", "1", ""],  # row 6: full-width digits
        ["P22-6", "Lê Văn Em", "", 2, "", "1\x07", ""],  # row 7: a bell in the khu phố
    ]
    client = login(personas.p22_ubnd)
    response = client.get(upload(client, hcm_map.p22, csv_file(rows)))
    assert response.status_code == 200
    page = response.content.decode()
    for expected in (
        "<td>2</td><td>Mã hộ</td><td>Dài 40 ký tự, quá giới hạn 32 ký tự của cột này.</td>",
        "<td>3</td><td>Họ tên chủ hộ</td><td>Dài 200 ký tự, quá giới hạn 150 ký tự của cột này.</td>",
        "<td>4</td><td>Họ tên chủ hộ</td><td>Ô có ký tự điều khiển (ví dụ NUL)",
        "<td>5</td><td>Số nhân khẩu</td><td>Số nhân khẩu “٢٣” không hợp lệ",
        "<td>6</td><td>Số nhân khẩu</td><td>Số nhân khẩu “１２” không hợp lệ",
        "<td>7</td><td>Khu phố</td><td>Ô có ký tự điều khiển",
    ):
        assert expected in page
    assert "Tệp có 6 lỗi" in page
    assert client.post(response.request["PATH_INFO"]).status_code == 302
    assert not Household.objects.exists()


CELL = st.one_of(
    st.none(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=60),
    st.sampled_from(["1", "Khu phố 1", "kp2", "Đang cư trú", "Đã chuyển đi", "\x00", "=1+2", "٣"]),
)


@hypothesis_settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.lists(CELL, min_size=0, max_size=9), min_size=1, max_size=6))
def test_any_cells_give_row_errors_or_valid_rows_never_a_crash(hcm_map, rows):
    checker = household_import.RowChecker(hcm_map.p22, HEADERS)
    for number, values in enumerate(rows, start=2):
        checked = checker.check(number, values)
        if checked is None:
            continue
        _n, kp, code, head, address, members, representative, status, phone, errors, has_errors = checked
        assert has_errors == bool(errors)
        if not has_errors:
            assert kp is not None and 1 <= members <= 99 and status
            assert phone == "" or (phone.isascii() and phone.isdigit() and len(phone) in (10, 11))
            for text, limit in ((code, 32), (head, 150), (address, 255), (representative, 150)):
                assert len(text) <= limit and "\x00" not in text
        for column, message in errors:
            assert column in HEADERS and message and "\x00" not in message


@hypothesis_settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.lists(CELL, min_size=7, max_size=7), min_size=1, max_size=4))
def test_any_csv_upload_answers_without_a_server_error(hcm_map, personas, client, rows, monkeypatch):
    import csv

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    writer.writerows(rows)
    client.force_login(personas.p22_ubnd)
    before = Household.objects.count()
    response = client.post(
        reverse("neighborhoods:household_import", args=[hcm_map.p22.pk]),
        {"file": SimpleUploadedFile("so-ho.csv", buffer.getvalue().encode("utf-8", "surrogatepass"))},
    )
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        page = client.get(response["Location"])
        assert page.status_code == 200
        upload_row = HouseholdImport.objects.latest("pk")
        confirm = client.post(response["Location"])
        assert confirm.status_code == 302
        if upload_row.status != ImportStatus.CHECKED or upload_row.error_count:
            assert Household.objects.count() == before  # nothing saved on a refusal


# --- the import's own life is audited -------------------------------------------------------


def _status_changes(household_import) -> list[tuple]:
    entries = LogEntry.objects.get_for_object(household_import).order_by("pk")
    return [(e.changes_dict["status"], e.actor) for e in entries if "status" in e.changes_dict]


def test_every_status_change_of_an_import_is_audited_with_who_made_it(
    login, personas, hcm_map, run_queued_tasks
):
    clerk = personas.p22_ubnd
    client = login(clerk)
    preview_url = upload(client, hcm_map.p22, xlsx(GOOD_ROWS))
    client.post(preview_url)
    committed = HouseholdImport.objects.get()
    assert committed.status == ImportStatus.DONE
    # The check and the commit run in-process here, inside the clerk's requests.
    assert _status_changes(committed) == [
        (["None", "checking"], clerk),
        (["checking", "checked"], clerk),
        (["checked", "committing"], clerk),
        (["committing", "done"], clerk),
    ]
    entries = LogEntry.objects.get_for_object(committed)
    assert entries and all(e.additional_data == {"division_path": hcm_map.p22.path} for e in entries)

    upload(client, hcm_map.p22, SimpleUploadedFile("so-ho.csv", "Tên,Số\nLê Văn Em,1\n".encode()))
    failed = HouseholdImport.objects.exclude(pk=committed.pk).get()
    assert [change for change, _actor in _status_changes(failed)][-1] == ["checking", "failed"]


def test_an_import_expired_by_the_hourly_task_is_audited_without_an_actor(login, personas, hcm_map):
    upload(login(personas.p22_ubnd), hcm_map.p22, xlsx(GOOD_ROWS))
    HouseholdImport.objects.update(created_at=timezone.now() - dt.timedelta(hours=25))
    assert household_import.household_imports_expire() == 1
    expired = HouseholdImport.objects.get()
    assert _status_changes(expired)[-1] == (["checking", "expired"], None)
