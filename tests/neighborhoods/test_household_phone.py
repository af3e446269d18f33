"""A household's phone number (issue 18): kept in the register so the team can call a family that
has not come to the meeting yet. However it is typed or imported, it is kept as its national
digits and shown grouped; a number that cannot be one is refused in Vietnamese, nothing saved."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from neighborhoods.models import Household
from neighborhoods.phones import normalise_phone, spaced
from neighborhoods.services.household_import import HEADERS
from tests.forms import with_token
from tests.neighborhoods.test_household_import import _queued_tasks_run_at_once, upload, xlsx  # noqa: F401
from tests.neighborhoods.test_households import household_data

INVALID = "Số điện thoại không hợp lệ"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("0912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("0912-345-678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("912345678", "0912345678"),  # a spreadsheet cell typed as a figure drops the 0
        ("(028) 3823 1234", "02838231234"),
        ("2838231234", "02838231234"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_a_number_is_kept_as_its_national_digits(typed, kept):
    assert normalise_phone(typed) == kept


@pytest.mark.parametrize(
    "typed", ["12345", "0112345678", "09123456789", "0912 345 67x", "０９１２３４５６７８", "không có"]
)
def test_what_cannot_be_a_number_is_refused(typed):
    assert normalise_phone(typed) is None


def test_numbers_are_grouped_as_read_aloud():
    assert spaced("0912345678") == "0912 345 678"
    assert spaced("02838231234") == "028 3823 1234"


def test_the_ward_types_a_phone_in_any_form_and_the_register_shows_it_grouped(login, personas, hcm_map):
    client = login(personas.p22_ubnd)
    response = client.post(
        reverse("neighborhoods:household_create", args=[hcm_map.kp1.pk]),
        with_token(household_data(hcm_map.kp1, phone="+84 912.345.678")),
    )
    assert response.status_code == 302
    assert Household.objects.get(code="P22-KP01-9001").phone == "0912345678"
    page = client.get(response["Location"]).content.decode()
    assert "0912 345 678" in page


def test_a_bad_phone_is_refused_in_vietnamese_and_nothing_saved(login, personas, hcm_map, households):
    client = login(personas.p22_ubnd)
    response = client.post(
        reverse("neighborhoods:household_create", args=[hcm_map.kp1.pk]),
        with_token(household_data(hcm_map.kp1, phone="12345")),
    )
    assert response.status_code == 200
    assert INVALID in response.content.decode()
    assert not Household.objects.filter(code="P22-KP01-9001").exists()

    household = households[0]
    response = client.post(
        reverse("neighborhoods:household_update", args=[household.pk]),
        household_data(household.neighborhood, code=household.code, phone="0912"),
    )
    assert response.status_code == 200 and INVALID in response.content.decode()
    household.refresh_from_db()
    assert household.phone == ""


def test_the_ward_changes_and_clears_a_phone(login, personas, households):
    household = households[0]
    client = login(personas.p22_ubnd)
    url = reverse("neighborhoods:household_update", args=[household.pk])
    data = household_data(household.neighborhood, code=household.code)
    assert client.post(url, {**data, "phone": "028 3823 1234"}).status_code == 302
    household.refresh_from_db()
    assert household.phone == "02838231234"
    assert 'value="02838231234"' in client.get(url).content.decode()
    client.post(url, {**data, "phone": ""})
    household.refresh_from_db()
    assert household.phone == ""


def _row(code, phone, neighborhood="Khu phố 1"):
    return [code, "Nguyễn Văn An", "12 Lê Lợi", 4, "", neighborhood, "", phone]


def test_an_import_keeps_phones_a_spreadsheet_wrote_as_figures(login, personas, hcm_map):
    rows = [_row("P22-1", 912345678), _row("P22-2", "0912.111.222"), _row("P22-3", None)]
    client = login(personas.p22_ubnd)
    client.post(upload(client, hcm_map.p22, xlsx(rows)))
    phones = dict(Household.objects.values_list("code", "phone"))
    assert phones == {"P22-1": "0912345678", "P22-2": "0912111222", "P22-3": ""}


def test_an_imported_bad_phone_is_named_on_its_row_and_nothing_saved(login, personas, hcm_map):
    client = login(personas.p22_ubnd)
    preview_url = upload(client, hcm_map.p22, xlsx([_row("P22-1", "0912345678"), _row("P22-2", "gọi bà Tư")]))
    page = client.get(preview_url).content.decode()
    assert "<td>3</td><td>Số điện thoại</td><td>Số điện thoại “gọi bà Tư” không hợp lệ" in page
    client.post(preview_url)
    assert not Household.objects.exists()


def test_an_older_file_without_the_phone_column_still_imports(login, personas, hcm_map):
    old_headers = HEADERS[:-1]
    data = (",".join(old_headers) + "\nP22-1,Lê Hà,,1,,1,\n").encode()
    client = login(personas.p22_ubnd)
    client.post(upload(client, hcm_map.p22, SimpleUploadedFile("so-ho.csv", data)))
    assert Household.objects.get(code="P22-1").phone == ""


def test_a_semicolon_csv_whose_rows_leave_the_phone_out_is_read(login, personas, hcm_map):
    # Rows with fewer separators than the header (Excel drops trailing empty cells on some
    # exports): the separator comes from the header, which names every column.
    lines = [";".join(HEADERS), "P22-1;Lê Hà;1 Lê Lợi;2;;1", "P22-2;Hồ Văn Tư;2 Lê Lợi;3;;1;;0912345678"]
    data = "\n".join(lines).encode()
    client = login(personas.p22_ubnd)
    client.post(upload(client, hcm_map.p22, SimpleUploadedFile("so-ho.csv", data)))
    assert dict(Household.objects.values_list("code", "phone")) == {"P22-1": "", "P22-2": "0912345678"}


def test_the_export_and_the_template_carry_the_phone_column(login, personas, hcm_map, households):
    household = households[0]
    household.phone = "0912345678"
    household.save()
    client = login(personas.p22_ubnd)
    exported = client.get(reverse("neighborhoods:household_export", args=[hcm_map.p22.pk]))
    rows = list(openpyxl.load_workbook(io.BytesIO(exported.content)).active.iter_rows(values_only=True))
    assert rows[0][-1] == "Số điện thoại"
    assert {row[0]: row[-1] for row in rows[1:]}[household.code] == "0912345678"  # text: its 0 stays
    template = client.get(reverse("neighborhoods:household_import_template", args=[hcm_map.p22.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(template.content)).active
    assert [cell.value for cell in sheet[1]][-1] == "Số điện thoại"


def test_the_district_sees_no_phone(login, personas, hcm_map, households):
    household = households[0]
    household.phone = "0912345678"
    household.save()
    client = login(personas.binhthanh_noivu)
    page = client.get(reverse("neighborhoods:household_list", args=[hcm_map.kp1.pk])).content.decode()
    assert 'data-testid="household-total">3<' in page
    assert "0912 345 678" not in page and "0912345678" not in page
