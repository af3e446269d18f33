"""The term at a glance (issue 14, item 5): the khu phố's page shows who held its posts over the
terms, the ward's page its vacancies with their deadlines, and both export the history."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from elections.count_documents import DECISION
from elections.models import OfficePost, TenureEnd, TenureKind
from elections.selectors import tenures as tenure_selectors
from elections.services import tenures
from tests.factories import make_neighborhood
from tests.issuing import issue

RESIGNED_ON = dt.date(2025, 3, 3)
DUE_ON = dt.date(2025, 5, 2)  # 60 days after the recognition of the resignation (NĐ 59 Art. 9.3)


def on_day(monkeypatch, day: dt.date) -> None:
    """Freeze "today" as the pages read it (``timezone.localdate``)."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: day)


def text(response, section: str | None = None) -> str:
    """The page's words (of one section, by its id), tags dropped and spaces collapsed."""
    html = response.content.decode()
    if section is not None:
        found = re.search(rf'<section [^>]*id="{section}">(.*?)</section>', html, re.S)
        assert found, f"no section {section}"
        html = found.group(1)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def resign_and_appoint_interim(hcm_map, personas):
    """Khu phố 1's head resigns on 03/03/2025; Lê Văn Tạm stands in from 05/03/2025."""
    head = tenure_selectors.serving_head(hcm_map.kp1)
    vacancy = tenures.tenure_end(
        by=personas.p22_ubnd,
        tenure=head,
        ended_on=RESIGNED_ON,
        reason=TenureEnd.RESIGNED,
        note="Chuyển nơi cư trú",
        due_on=DUE_ON,
    )
    interim = tenures.tenure_begin(
        by=personas.p22_ubnd,
        neighborhood=hcm_map.kp1,
        post=OfficePost.HEAD,
        kind=TenureKind.INTERIM,
        full_name="Lê Văn Tạm",
        started_on=dt.date(2025, 3, 5),
        term_ends_on=head.term_ends_on,
    )
    return head, vacancy, interim


def rows_of(response) -> list[list]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_khu_pho_page_shows_the_head_who_resigned_and_the_interim_head_standing_in(
    recognised_kp1, hcm_map, personas, login, monkeypatch
):
    resign_and_appoint_interim(hcm_map, personas)
    on_day(monkeypatch, dt.date(2025, 3, 10))
    response = login(personas.p22_ubnd).get(reverse("neighborhoods:division_detail", args=[hcm_map.kp1.pk]))
    assert response.status_code == 200
    page = text(response)
    assert "Trưởng khu phố hiện nay Lê Văn Tạm Lâm thời từ 05/03/2025" in page
    assert (
        "Thành viên Ban Thanh tra nhân dân hiện nay Nguyễn Văn inspection_board Được bầu từ 04/11/2024"
        in page
    )
    # The head's history: the elected head until the resignation, then the interim head.
    assert (
        "Nguyễn Văn head Được bầu 04/11/2024 Quyết định ngày 04/11/2024 03/03/2025 "
        "Xin thôi Chuyển nơi cư trú 2024–2029"
    ) in page
    assert "Lê Văn Tạm Lâm thời 05/03/2025 Đang giữ chức danh 2024–2029" in page
    # The interim period is marked as such.
    interim_row = re.search(r"<tr class=\"table-warning\">(.*?)</tr>", response.content.decode(), re.S)
    assert interim_row and "Lê Văn Tạm" in interim_row.group(1)
    assert "Khuyết Trưởng khu phố từ 03/03/2025 (Xin thôi). Hạn quyết định bầu mới: 02/05/2025" in page


def test_a_convener_is_shown_standing_in_for_a_vacant_head(recognised_kp1, hcm_map, personas, login):
    head = tenure_selectors.serving_head(hcm_map.kp1)
    tenures.tenure_end(by=personas.p22_ubnd, tenure=head, ended_on=RESIGNED_ON, reason=TenureEnd.DISMISSED)
    tenures.tenure_begin(
        by=personas.p22_ubnd,
        neighborhood=hcm_map.kp1,
        post=OfficePost.HEAD,
        kind=TenureKind.CONVENER,
        full_name="Võ Thị Triệu Tập",
        started_on=dt.date(2025, 3, 4),
        term_ends_on=head.term_ends_on,
    )
    response = login(personas.p22_ubnd).get(reverse("neighborhoods:division_detail", args=[hcm_map.kp1.pk]))
    page = text(response, "term-history")
    assert "Trưởng khu phố hiện nay Khuyết – Triệu tập viên: Võ Thị Triệu Tập từ 04/03/2025" in page
    assert "Nguyễn Văn head Được bầu 04/11/2024 Quyết định ngày 04/11/2024 03/03/2025 Bị cho thôi" in page
    assert "Võ Thị Triệu Tập Triệu tập viên 04/03/2025 Đang giữ chức danh 2024–2029" in page


def test_the_history_quotes_the_recognition_by_its_number_once_the_paper_is_issued(
    recognised_kp1, hcm_map, personas, signers, login, django_capture_on_commit_callbacks
):
    head = tenure_selectors.serving_head(hcm_map.kp1)
    paper = issue(
        DECISION,
        head.start_decision,
        django_capture_on_commit_callbacks,
        by=personas.p22_ubnd,
        signed_on=dt.date(2024, 11, 5),
        signer=signers.chairman,
    )
    response = login(personas.p22_ubnd).get(reverse("neighborhoods:division_detail", args=[hcm_map.kp1.pk]))
    assert f"Nguyễn Văn head Được bầu 04/11/2024 QĐ số {paper.number} ngày 05/11/2024" in text(response)


def test_the_khu_pho_history_exports_one_row_per_tenure(recognised_kp1, hcm_map, personas, login):
    resign_and_appoint_interim(hcm_map, personas)
    response = login(personas.p22_ubnd).get(reverse("reporting:term_history_export", args=[hcm_map.kp1.pk]))
    assert response.status_code == 200
    assert 'filename="lich-su-nhiem-ky-khu-pho-1.xlsx"' in response["Content-Disposition"]
    title, header, *rows = rows_of(response)
    assert title[0].startswith(
        "Trưởng khu phố, thành viên Ban Thanh tra nhân dân qua các nhiệm kỳ – Khu phố 1"
    )
    assert header == [
        "Khu phố",
        "Chức danh",
        "Họ và tên",
        "Hình thức",
        "Từ ngày",
        "Quyết định công nhận, bổ nhiệm",
        "Đến ngày",
        "Lý do thôi",
        "Ghi chú",
        "Quyết định cho thôi",
        "Nhiệm kỳ",
    ]
    assert rows == [
        [
            "Khu phố 1",
            "Trưởng khu phố",
            "Nguyễn Văn head",
            "Được bầu",
            "04/11/2024",
            "Quyết định ngày 04/11/2024",
            "03/03/2025",
            "Xin thôi",
            "Chuyển nơi cư trú",
            None,
            "2024–2029",
        ],
        ["Khu phố 1", "Trưởng khu phố", "Lê Văn Tạm", "Lâm thời", "05/03/2025", None, "Đang giữ chức danh"]
        + [None, None, None, "2024–2029"],
        [
            "Khu phố 1",
            "Thành viên Ban Thanh tra nhân dân",
            "Nguyễn Văn inspection_board",
            "Được bầu",
            "04/11/2024",
            "Quyết định ngày 04/11/2024",
            "Đang giữ chức danh",
            None,
            None,
            None,
            "2024–2029",
        ],
    ]


def test_an_english_reader_still_exports_the_history_in_vietnamese(recognised_kp1, hcm_map, personas, login):
    client = login(personas.p22_ubnd)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("neighborhoods:division_detail", args=[hcm_map.kp1.pk])).content.decode()
    assert "Household register" in page  # the reader reads English
    response = client.get(reverse("reporting:term_history_export", args=[hcm_map.kp1.pk]))
    _title, header, *rows = rows_of(response)
    # "Khu phố" and "Họ và tên" read "Neighbourhood" and "Full name" in English.
    assert header[:4] == ["Khu phố", "Chức danh", "Họ và tên", "Hình thức"]
    assert rows[0][1:4] == ["Trưởng khu phố", "Nguyễn Văn head", "Được bầu"]


def test_the_wards_export_lists_every_khu_pho_in_vietnamese_order(recognised_kp1, hcm_map, personas, login):
    kp10 = make_neighborhood(hcm_map.p22, 10)
    head = tenure_selectors.serving_head(hcm_map.kp1)
    for neighborhood, name in ((kp10, "Đỗ Thị Mười"), (hcm_map.kp2, "Trần Văn Hai")):
        tenures.tenure_begin(
            by=personas.p22_ubnd,
            neighborhood=neighborhood,
            post=OfficePost.HEAD,
            kind=TenureKind.CONVENER,
            full_name=name,
            started_on=dt.date(2025, 1, 2),
            term_ends_on=head.term_ends_on,
        )
    response = login(personas.p22_ubnd).get(reverse("reporting:term_history_export", args=[hcm_map.p22.pk]))
    _title, _header, *rows = rows_of(response)
    assert [(row[0], row[2], row[3]) for row in rows] == [
        ("Khu phố 1", "Nguyễn Văn head", "Được bầu"),
        ("Khu phố 1", "Nguyễn Văn inspection_board", "Được bầu"),
        ("Khu phố 2", "Trần Văn Hai", "Triệu tập viên"),
        ("Khu phố 10", "Đỗ Thị Mười", "Triệu tập viên"),
    ]


def test_the_ward_page_shows_the_vacancy_and_its_deadline_turning_overdue(
    recognised_kp1, hcm_map, personas, login, monkeypatch
):
    _head, vacancy, _interim = resign_and_appoint_interim(hcm_map, personas)
    client = login(personas.p22_ubnd)
    url = reverse("neighborhoods:division_detail", args=[hcm_map.p22.pk])

    on_day(monkeypatch, dt.date(2025, 4, 30))
    page = text(client.get(url), "vacancies")
    assert (
        "Khu phố 1 Trưởng khu phố 03/03/2025 Xin thôi Nguyễn Văn head 02/05/2025 còn 2 ngày — "
        "Lâm thời: Lê Văn Tạm (từ 05/03/2025)"
    ) in page
    assert "quá hạn" not in page

    on_day(monkeypatch, dt.date(2025, 5, 3))
    response = client.get(url)
    page = text(response, "vacancies")
    assert "Chức danh đang khuyết 1 quá hạn" in page
    assert "Khu phố 1 Trưởng khu phố 03/03/2025 Xin thôi Nguyễn Văn head 02/05/2025 quá hạn" in page
    overdue_row = r'<tr class="table-danger">\s*<td class="text-nowrap">\s*<a [^>]*>Khu phố 1</a>'
    assert re.search(overdue_row, response.content.decode())

    # Once the ward decides the new election, the vacancy waits for it and is no longer overdue.
    tenures.vacancy_election_decided(by=personas.p22_ubnd, vacancy=vacancy, election=recognised_kp1)
    page = text(client.get(url), "vacancies")
    assert "quá hạn" not in page
    assert "02/05/2025 Đã quyết định bầu" in page


def test_a_board_seat_left_with_more_than_six_months_of_the_term_needs_a_by_election(
    recognised_kp1, hcm_map, personas, login
):
    (member,) = tenure_selectors.serving(hcm_map.kp1, OfficePost.BOARD_MEMBER)
    tenures.tenure_end(
        by=personas.p22_mttq, tenure=member, ended_on=dt.date(2025, 6, 2), reason=TenureEnd.RELEASED
    )
    page = text(login(personas.p22_mttq).get(reverse("neighborhoods:division_detail", args=[hcm_map.p22.pk])))
    assert (
        "Khu phố 1 Thành viên Ban Thanh tra nhân dân 02/06/2025 "
        "Được cho thôi theo đề nghị của Ủy ban MTTQ phường Nguyễn Văn inspection_board — "
        "Phải bầu bổ sung (Luật 10/2022/QH15, Điều 36.2) —"
    ) in page


def test_a_ward_without_vacancies_says_so(recognised_kp1, hcm_map, personas, login):
    page = text(login(personas.p22_ubnd).get(reverse("neighborhoods:division_detail", args=[hcm_map.p22.pk])))
    assert "Không có chức danh nào đang khuyết." in page


@pytest.mark.parametrize("division", ["p22", "kp1"])
def test_another_wards_official_gets_404_for_the_history_and_its_export(
    recognised_kp1, hcm_map, personas, login, division
):
    client = login(personas.p25_ubnd)
    pk = getattr(hcm_map, division).pk
    assert client.get(reverse("reporting:term_history_export", args=[pk])).status_code == 404
    assert client.get(reverse("neighborhoods:division_detail", args=[pk])).status_code == 404


def test_the_election_team_reads_its_khu_phos_history_but_not_the_wards(
    recognised_kp1, hcm_map, personas, login
):
    client = login(personas.p22_kp1_tobaucu)
    assert client.get(reverse("reporting:term_history_export", args=[hcm_map.kp1.pk])).status_code == 200
    assert client.get(reverse("reporting:term_history_export", args=[hcm_map.p22.pk])).status_code == 404
    page = text(client.get(reverse("neighborhoods:division_detail", args=[hcm_map.kp1.pk])))
    assert "Trưởng khu phố hiện nay Nguyễn Văn head Được bầu từ 04/11/2024" in page


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_khu_pho_page_costs_the_same_however_long_its_history(recognised_kp1, hcm_map, personas, login):
    client = login(personas.p22_ubnd)
    url = reverse("neighborhoods:division_detail", args=[hcm_map.kp1.pk])
    head, _vacancy, interim = resign_and_appoint_interim(hcm_map, personas)
    before = _queries(client, url)
    tenures.tenure_end(by=personas.p22_ubnd, tenure=interim, ended_on=dt.date(2025, 3, 20), reason="other")
    tenures.tenure_begin(
        by=personas.p22_ubnd,
        neighborhood=hcm_map.kp1,
        post=OfficePost.HEAD,
        kind=TenureKind.CONVENER,
        full_name="Võ Thị Triệu Tập",
        started_on=dt.date(2025, 3, 21),
        term_ends_on=head.term_ends_on,
    )
    assert "Võ Thị Triệu Tập" in client.get(url).content.decode()
    assert _queries(client, url) == before


def test_the_ward_page_costs_the_same_however_many_vacancies(recognised_kp1, hcm_map, personas, login):
    client = login(personas.p22_ubnd)
    url = reverse("neighborhoods:division_detail", args=[hcm_map.p22.pk])
    resign_and_appoint_interim(hcm_map, personas)
    before = _queries(client, url)
    (member,) = tenure_selectors.serving(hcm_map.kp1, OfficePost.BOARD_MEMBER)
    tenures.tenure_end(by=personas.p22_mttq, tenure=member, ended_on=dt.date(2025, 6, 2), reason="released")
    for neighborhood in (hcm_map.kp2, hcm_map.kp3):
        tenures.vacancy_open(
            by=personas.p22_ubnd,
            neighborhood=neighborhood,
            post=OfficePost.HEAD,
            vacant_from=dt.date(2025, 1, 2),
            reason="Khu phố mới thành lập",
        )
    assert "Khu phố mới thành lập" in client.get(url).content.decode()
    assert _queries(client, url) == before
