"""Dashboards, statistics of the elected and the exports, as the officers use them."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from elections.models import Candidate
from elections.services import decisions
from elections.services import meeting as meeting_services
from reporting import statistics
from reporting.models import ReportExport
from tests.elections.count_helpers import check_in_first, run_procedure, vote_every_contest
from tests.forms import with_token
from tests.reporting.pdf import pdf_text


@pytest.fixture
def recognised(ready_election, personas):
    """Khu phố 1: a woman, a Party member of the Tày people, elected head and recognised."""
    Candidate.objects.filter(contest__election=ready_election, contest__kind="head").update(
        gender="female",
        party_member=True,
        ethnicity="Tày",
        birth_date=dt.date(1980, 5, 1),
        education_level="Đại học",
        theory_level="Trung cấp",
        is_incumbent=True,
    )
    team = personas.p22_kp1_tobaucu, personas.p22_kp1_thuky
    meeting = meeting_services.meeting_open(by=team[0], election=ready_election)
    check_in_first(meeting, team[0], 8)
    vote_every_contest(run_procedure(meeting), *team)
    decisions.head_recognise(
        by=personas.p22_ubnd,
        election=ready_election,
        received_on=dt.date(2024, 10, 28),
        decided_on=dt.date(2024, 10, 30),
    )
    decisions.board_member_recognise(  # each post on its own: the Front recognises the board member
        by=personas.p22_mttq,
        election=ready_election,
        received_on=dt.date(2024, 10, 28),
        decided_on=dt.date(2024, 10, 30),
    )
    return ready_election


def test_the_statistics_of_the_elected_count_each_trait_by_child(recognised, hcm_map):
    tables = {
        t.key: t
        for t in statistics.elected_statistics(
            hcm_map.p22, "head", dt.date(2024, 11, 30), statistics.child_names(hcm_map.p22, set())
        )
    }
    kp1 = dict(tables["gender"].rows)["Khu phố 1"]
    assert kp1 == [1, 1]
    assert dict(tables["party"].rows)["Khu phố 1"] == [1, 1]
    assert tables["ethnicity"].columns == ["Tổng số", "Tày"]
    assert dict(tables["age"].rows)["Khu phố 1"] == [1, 0, 0, 1, 0, 0]  # 44 years old
    assert tables["education"].columns == ["Tổng số", "Đại học"]
    assert dict(tables["reelected"].rows)["Khu phố 1"] == [1, 1, 0]
    assert dict(tables["gender"].rows)["Khu phố 2"] == [0, 0]


def test_the_district_officer_reads_the_dashboard_and_drills_down(recognised, hcm_map, personas, login):
    client = login(personas.binhthanh_noivu)
    page = client.get(reverse("reporting:dashboard", args=[hcm_map.binh_thanh.pk])).content.decode()
    assert "Tiến độ bầu cử – Quận Bình Thạnh" in page
    assert reverse("reporting:dashboard", args=[hcm_map.p22.pk]) in page
    assert "<svg" in page and reverse("reporting:statistics", args=[hcm_map.binh_thanh.pk]) in page
    tables = client.get(reverse("reporting:statistics", args=[hcm_map.binh_thanh.pk])).content.decode()
    assert "Trưởng khu phố trúng cử theo giới tính" in tables and "Phường 22" in tables
    ward = client.get(reverse("reporting:dashboard", args=[hcm_map.p22.pk])).content.decode()
    assert 'data-testid="completion">1 (33,3 %)' in ward
    assert client.get(reverse("reporting:dashboard", args=[hcm_map.hcm.pk])).status_code == 404


def test_ward_officials_see_their_ward_only(recognised, hcm_map, personas, login):
    client = login(personas.p25_ubnd)
    assert client.get(reverse("reporting:dashboard", args=[hcm_map.p22.pk])).status_code == 404
    assert client.get(reverse("reporting:dashboard", args=[hcm_map.p25.pk])).status_code == 200
    team = login(personas.p22_kp1_tobaucu)
    assert team.get(reverse("reporting:dashboard", args=[hcm_map.kp1.pk])).status_code == 200
    assert team.get(reverse("reporting:dashboard", args=[hcm_map.p22.pk])).status_code == 404


def _export(client, division, fmt, django_capture_on_commit_callbacks) -> ReportExport:
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reporting:export_create", args=[division.pk]), with_token({"format": fmt}))
    export = ReportExport.objects.get(format=fmt)
    status = client.get(reverse("reporting:export_status", args=[export.pk])).content.decode()
    assert "Tải về" in status
    return export


def test_a_report_request_without_its_token_queues_nothing_and_says_why(hcm_map, personas, login):
    client = login(personas.p22_ubnd)
    url = reverse("reporting:export_create", args=[hcm_map.p22.pk])
    for token in ("", "forged-token"):
        page = client.post(url, {"format": "xlsx", "form_token": token}, follow=True).content.decode()
        assert "Biểu mẫu đã hết hạn hoặc không hợp lệ" in page
        assert 'name="form_token"' in page  # the dashboard again, with a fresh token
    assert not ReportExport.objects.exists()


def test_a_report_request_sent_again_lands_on_the_first_reports_status(
    hcm_map, personas, login, django_capture_on_commit_callbacks
):
    client = login(personas.p22_ubnd)
    data = with_token({"format": "pdf"})
    url = reverse("reporting:export_create", args=[hcm_map.p22.pk])
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, data)
    client.get(first["Location"])  # the "being prepared" message is read
    again = client.post(url, data)
    assert again["Location"] == first["Location"]
    page = client.get(again["Location"]).content.decode()
    assert "Biểu mẫu này đã được gửi; đây là kết quả lần gửi trước." in page
    assert ReportExport.objects.count() == 1
    assert reverse("reporting:export_download", args=[ReportExport.objects.get().pk]) in page


def test_the_excel_export_has_a_sheet_per_table_with_numbers_as_numbers(
    recognised, hcm_map, personas, login, django_capture_on_commit_callbacks
):
    client = login(personas.p22_ubnd)
    export = _export(client, hcm_map.p22, "xlsx", django_capture_on_commit_callbacks)
    assert len(export.sha256) == 64
    response = client.get(reverse("reporting:export_download", args=[export.pk]))
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book.sheetnames[:3] == ["01 Tiến độ", "02 Quá hạn", "03 gender"]
    progress_sheet = book["01 Tiến độ"]
    assert progress_sheet["A2"].value == "Đơn vị" and progress_sheet["B2"].value == "Số cuộc bầu cử"
    kp1 = next(row for row in progress_sheet.iter_rows(min_row=3, values_only=True) if row[0] == "Khu phố 1")
    assert kp1[1] == 1 and isinstance(kp1[1], int)
    total = next(
        row for row in progress_sheet.iter_rows(min_row=3, values_only=True) if row[0] == "Tổng cộng"
    )
    assert total[1] == 3


def test_the_pdf_report_is_an_nd30_document_with_the_tables(
    recognised, hcm_map, personas, login, django_capture_on_commit_callbacks
):
    client = login(personas.binhthanh_noivu)
    export = _export(client, hcm_map.binh_thanh, "pdf", django_capture_on_commit_callbacks)
    response = client.get(reverse("reporting:export_download", args=[export.pk]))
    text = " ".join(pdf_text(b"".join(response.streaming_content)).split())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "BÁO CÁO" in text
    assert "/BC-UBND" in text
    assert "1/3 khu phố đã hoàn thành (33,3 %)" in text
    assert "Phường 22" in text


def test_an_export_in_progress_shows_a_progress_bar(hcm_map, personas, login):
    export = ReportExport.objects.create(division=hcm_map.p22, format="xlsx", progress=40, step="Thống kê")
    page = login(personas.p22_ubnd).get(reverse("reporting:export_status", args=[export.pk])).content.decode()
    assert 'aria-valuenow="40"' in page and 'data-wv-width="40"' in page and "hx-trigger" in page


def test_the_public_ward_page_shows_the_recognised_results(recognised, hcm_map, client):
    page = client.get(reverse("elections:public_ward", args=[hcm_map.p22.pk])).content.decode()
    assert "Kết quả bầu cử đã được công nhận" in page
    assert "Nguyễn Văn head" in page
