"""Bringing the households in (issue 18): while the meeting checks households in, the team and
the ward see who has not come yet, by street, and how many more the meeting needs; a volunteer
marks the doors knocked on; the list prints as a mobilisation sheet, one street per page. Names
and addresses are for the khu phố's team and the ward's roles only, and each read is logged.
The morning's arrivals are drawn against the threshold on the meeting page, the projector and
the ward's dashboard."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from elections import rules
from elections.models import MobilisationVisit
from elections.selectors.mobilisation import not_yet_come
from elections.services import meeting as services
from elections.services.mobilisation import mobilisation_visit_record
from neighborhoods.models import Role
from tests.elections.test_clusters import check_in_cluster, plan, sittings  # noqa: F401 (fixtures)
from tests.factories import HouseholdFactory, make_staff
from wardvote.text import street_of

# Ten households on two streets (and one without a street), as the register writes addresses.
ADDRESSES = [
    "12 Lê Lợi",
    "3 Lê Lợi",
    "45/2 Lê Lợi, Phường 22",
    "7 Trần Hưng Đạo",
    "Số 9 Trần Hưng Đạo",
    "21 Trần Hưng Đạo",
    "1 Trần Hưng Đạo",
    "2 Lê Lợi",
    "30 Trần Hưng Đạo",
    "",
]


@pytest.fixture
def meeting(ready_election, personas):
    for household, address in zip(
        ready_election.neighborhood.households.order_by("code"), ADDRESSES, strict=True
    ):
        household.address = address
        household.save()
    return services.meeting_open(by=personas.p22_kp1_tobaucu, election=ready_election)


@pytest.fixture
def households(meeting):
    return list(meeting.election.neighborhood.households.order_by("code"))


def _check_in(meeting, households, personas):
    for household in households:
        services.check_in(by=personas.p22_kp1_tobaucu, meeting=meeting, household=household)


def _list(client, meeting, etag=None, **params):
    headers = {"HTTP_HX_REQUEST": "true"}
    if etag:
        headers["HTTP_IF_NONE_MATCH"] = etag
    return client.get(reverse("elections:meeting_not_yet_come", args=[meeting.pk]), params, **headers)


def _reads():
    return LogEntry.objects.filter(action=LogEntry.Action.ACCESS)


# --- the threshold comes from the rules ---


def test_still_needed_is_what_the_majority_of_all_households_lacks():
    assert rules.quorum(0, 10).still_needed == 6
    assert rules.quorum(5, 10).still_needed == 1
    assert rules.quorum(6, 10).still_needed == 0
    assert rules.quorum(155, 310).still_needed == 1
    assert rules.quorum(156, 310).still_needed == 0


def test_the_street_is_the_address_without_its_house_number():
    assert street_of("45/2 Lê Lợi, Phường 22") == "Lê Lợi"
    assert street_of("Số 9 Trần Hưng Đạo") == "Trần Hưng Đạo"
    assert street_of("12A Nguyễn Trãi") == "Nguyễn Trãi"
    assert street_of("") == ""


# --- the list ---


def test_the_team_sees_who_has_not_come_by_street_with_name_and_address(meeting, households, login, personas):
    body = _list(login(personas.p22_kp1_tobaucu), meeting).content.decode()
    assert "Có mặt 0/10 hộ: còn thiếu 6 hộ để có thể bầu được." in body
    assert body.count('data-testid="absent-household"') == 10
    # Streets in the alphabet's order, each with its households by house number; no street last.
    groups = not_yet_come(meeting).groups
    assert [group.name for group in groups] == ["Lê Lợi", "Trần Hưng Đạo", "Địa chỉ chưa ghi tên đường"]
    assert body.index("Lê Lợi <span") < body.index("Trần Hưng Đạo <span") < body.index("Địa chỉ chưa ghi")
    for household in households:
        assert household.head_name in body and household.address in body and household.code in body
    le_loi = [row.household.address for row in groups[0].households]
    assert le_loi == ["2 Lê Lợi", "3 Lê Lợi", "12 Lê Lợi", "45/2 Lê Lợi, Phường 22"]


def test_a_household_with_a_phone_can_be_called_from_the_list(meeting, households, login, personas):
    households[0].phone = "0912345678"
    households[0].save()
    body = _list(login(personas.p22_kp1_tobaucu), meeting).content.decode()
    assert body.count('data-testid="absent-phone"') == 1
    assert 'href="tel:0912345678"' in body and "☎ 0912 345 678" in body
    assert f'aria-label="Gọi hộ {households[0].code}: 0912 345 678"' in body


def test_the_list_shrinks_as_households_arrive_and_says_zero_at_the_threshold(
    meeting, households, login, personas
):
    client = login(personas.p22_kp1_tobaucu)
    _check_in(meeting, households[:5], personas)
    body = _list(client, meeting).content.decode()
    assert "còn thiếu 1 hộ để có thể bầu được" in body
    assert body.count('data-testid="absent-household"') == 5
    assert households[0].head_name not in body

    _check_in(meeting, households[5:6], personas)
    body = _list(client, meeting).content.decode()
    assert "Có mặt 6/10 hộ: đã đủ số hộ để có thể bầu được (còn thiếu 0 hộ)." in body
    assert body.count('data-testid="absent-household"') == 4

    _check_in(meeting, households[6:], personas)
    body = _list(client, meeting).content.decode()
    assert 'data-testid="all-present"' in body


def test_the_list_is_polled_with_the_meters_version_and_each_answer_with_names_is_logged(
    meeting, households, login, personas
):
    client = login(personas.p22_kp1_tobaucu)
    first = _list(client, meeting)
    assert first.status_code == 200
    assert _reads().count() == 1
    entry = _reads().get()
    assert entry.actor == personas.p22_kp1_tobaucu
    assert entry.additional_data["read"] == "list" and entry.additional_data["rows"] == 10

    again = _list(client, meeting, first.headers["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert _reads().count() == 1  # an unchanged list carries no names

    _check_in(meeting, households[:1], personas)
    after = _list(client, meeting, first.headers["ETag"])
    assert after.status_code == 200
    assert _reads().count() == 2
    assert _reads().order_by("-pk").first().additional_data["rows"] == 9


def test_the_ward_reads_the_list_too(meeting, login, personas):
    for user in (personas.p22_ubnd, personas.p22_mttq):
        assert _list(login(user), meeting).status_code == 200
    assert _reads().count() == 2


@pytest.fixture
def kp2_team(hcm_map):
    return make_staff("p22.kp2.tobaucu", hcm_map.kp2, Role.ELECTION_TEAM)


def test_outsiders_other_teams_and_the_district_are_refused_everything(
    meeting, households, login, personas, kp2_team
):
    urls = [
        reverse("elections:meeting_not_yet_come", args=[meeting.pk]),
        reverse("elections:meeting_mobilisation_sheet", args=[meeting.pk]),
        reverse("elections:meeting_mobilisation_export", args=[meeting.pk]),
    ]
    mark = reverse("elections:meeting_visit_mark", args=[meeting.pk, households[0].pk])
    for user in (personas.p25_ubnd, kp2_team, personas.binhthanh_mttq, personas.binhthanh_noivu):
        client = login(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)
        assert client.post(mark).status_code == 404
    assert not MobilisationVisit.objects.exists()
    assert not _reads().exists()


# --- the visits ---


def test_a_visit_is_recorded_audited_and_shown_with_its_time(meeting, households, login, personas):
    client = login(personas.p22_kp1_tobaucu)
    etag = _list(client, meeting).headers["ETag"]
    at = timezone.localtime().replace(second=0, microsecond=0)
    answer = client.post(
        reverse("elections:meeting_visit_mark", args=[meeting.pk, households[3].pk]),
        {"visited_time": at.strftime("%H:%M"), "note": "Chủ hộ đi làm, con trai sẽ đến"},
        HTTP_HX_REQUEST="true",
    )
    body = answer.content.decode()
    assert f"Đã đến nhà vận động lúc {at:%H:%M}" in body
    assert "Chủ hộ đi làm, con trai sẽ đến" in body
    visit = MobilisationVisit.objects.get()
    assert visit.household == households[3] and visit.visited_by == personas.p22_kp1_tobaucu
    assert timezone.localtime(visit.visited_at) == at
    created = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(MobilisationVisit), action=LogEntry.Action.CREATE
    )
    assert created.additional_data["division_path"] == meeting.election.neighborhood.path
    # Every open list shows the mark at its next poll.
    assert _list(client, meeting, etag).status_code == 200


def test_a_visit_is_refused_in_vietnamese_for_a_household_present_or_of_another_khu_pho(
    meeting, households, personas, hcm_map
):
    by = personas.p22_kp1_tobaucu
    _check_in(meeting, households[:1], personas)
    with pytest.raises(ValidationError, match="đã có mặt tại cuộc họp"):
        mobilisation_visit_record(by=by, meeting=meeting, household=households[0])
    elsewhere = HouseholdFactory(neighborhood=hcm_map.kp2)
    with pytest.raises(ValidationError, match="không thuộc khu phố này"):
        mobilisation_visit_record(by=by, meeting=meeting, household=elsewhere)
    with pytest.raises(ValidationError, match="không thể sau lúc này"):
        mobilisation_visit_record(
            by=by, meeting=meeting, household=households[1], visited_at=timezone.now() + dt.timedelta(hours=1)
        )
    assert not MobilisationVisit.objects.exists()


def test_a_refused_visit_comes_back_in_the_list(meeting, households, login, personas):
    _check_in(meeting, households[:1], personas)
    client = login(personas.p22_kp1_tobaucu)
    answer = client.post(
        reverse("elections:meeting_visit_mark", args=[meeting.pk, households[0].pk]), HTTP_HX_REQUEST="true"
    )
    assert "đã có mặt tại cuộc họp" in answer.content.decode()


# --- the mobilisation sheet ---


def _pages(data: bytes) -> list[str]:
    return [unicodedata.normalize("NFC", page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


def test_the_mobilisation_sheet_prints_one_street_per_page_and_is_logged(
    meeting, households, login, personas
):
    _check_in(meeting, households[:2], personas)
    households[2].phone = "0912345678"  # 45/2 Lê Lợi, on the first page
    households[2].save()
    answer = login(personas.p22_ubnd).get(reverse("elections:meeting_mobilisation_sheet", args=[meeting.pk]))
    assert answer["Content-Type"] == "application/pdf"
    pages = _pages(answer.content)
    assert len(pages) == 3
    assert "DANH SÁCH HỘ CHƯA ĐẾN – PHIẾU VẬN ĐỘNG" in pages[0]
    assert "còn thiếu 4 hộ để có thể bầu được" in pages[0]
    assert "Lê Lợi (2 hộ)" in pages[0] and "Trần Hưng Đạo" not in pages[0]
    assert "Trần Hưng Đạo (5 hộ)" in pages[1] and "Lê Lợi" not in pages[1]
    assert "Địa chỉ chưa ghi tên đường (1 hộ)" in pages[2]
    for household in households[2:]:
        assert household.code in " ".join(pages)
    assert "STT Mã hộ Chủ hộ Địa chỉ Điện thoại" in pages[0]
    assert "0912 345 678" in pages[0]
    entry = _reads().get()
    assert entry.additional_data["read"] == "export" and entry.additional_data["rows"] == 8


def test_the_mobilisation_sheet_exports_one_worksheet_per_street(meeting, households, login, personas):
    answer = login(personas.p22_kp1_tobaucu).get(
        reverse("elections:meeting_mobilisation_export", args=[meeting.pk])
    )
    book = load_workbook(io.BytesIO(answer.content))
    assert book.sheetnames == ["Lê Lợi", "Trần Hưng Đạo", "Địa chỉ chưa ghi tên đường"]
    rows = list(book["Lê Lợi"].iter_rows(min_row=4, values_only=True))
    assert [row[3] for row in rows] == ["2 Lê Lợi", "3 Lê Lợi", "12 Lê Lợi", "45/2 Lê Lợi, Phường 22"]
    assert list(book["Lê Lợi"].iter_rows(min_row=3, max_row=3, values_only=True))[0][4] == "Điện thoại"
    assert _reads().get().additional_data["read"] == "export"


# --- the morning's arrivals ---


def test_the_chart_of_arrivals_is_on_the_meeting_page_and_the_projector(meeting, households, login, personas):
    _check_in(meeting, households[:3], personas)
    client = login(personas.binhthanh_mttq)  # counts only: any reader of the khu phố
    chart_url = reverse("elections:meeting_turnout_chart", args=[meeting.pk])
    page = client.get(reverse("elections:meeting_page", args=[meeting.election.pk])).content.decode()
    # Loaded once the page is shown, so that the page weighs the same however many have come.
    assert 'data-testid="turnout-chart"' in page and f'hx-get="{chart_url}"' in page
    assert 'data-testid="not-yet-come-panel"' not in page  # no names for the district
    projector = client.get(reverse("elections:meeting_projector", args=[meeting.pk])).content.decode()
    assert 'data-testid="turnout-chart"' in projector and f'hx-get="{chart_url}"' in projector
    chart = client.get(chart_url).content.decode()
    assert "<svg" in chart and "Cần 6 hộ có mặt để có thể bầu được" in chart
    assert chart.count(",") >= 2 * 3  # a step for each of the 3 arrivals
    assert households[0].head_name not in chart


def test_the_chart_is_polled_with_the_meters_version(meeting, households, login, personas):
    client = login(personas.p22_kp1_tobaucu)
    url = reverse("elections:meeting_turnout_chart", args=[meeting.pk])
    first = client.get(url)
    assert first.status_code == 200 and "<polyline" in first.content.decode()
    assert client.get(url, HTTP_IF_NONE_MATCH=first.headers["ETag"]).status_code == 304
    _check_in(meeting, households[:1], personas)
    assert client.get(url, HTTP_IF_NONE_MATCH=first.headers["ETag"]).status_code == 200
    assert login(personas.p25_ubnd).get(url).status_code == 404


def test_the_ward_dashboard_draws_each_meeting_of_the_day_against_its_threshold(
    meeting, households, login, personas, hcm_map
):
    _check_in(meeting, households[:4], personas)
    meeting.held_on = timezone.localdate()
    meeting.save(update_fields=["held_on"])
    client = login(personas.p22_ubnd)
    ward = client.get(reverse("reporting:dashboard", args=[hcm_map.p22.pk])).content.decode()
    assert 'data-testid="meeting-day-curve"' in ward
    assert "Khu phố 1" in ward and "4/10 hộ có mặt" in ward and "Cần 6 hộ" in ward
    district_url = reverse("reporting:dashboard", args=[hcm_map.binh_thanh.pk])
    district = login(personas.binhthanh_noivu).get(district_url)
    assert 'data-testid="meeting-day"' not in district.content.decode()


def test_no_curve_on_a_day_without_meetings(meeting, login, personas, hcm_map):
    meeting.held_on = timezone.localdate() - dt.timedelta(days=1)
    meeting.save(update_fields=["held_on"])
    ward_url = reverse("reporting:dashboard", args=[hcm_map.p22.pk])
    ward = login(personas.p22_ubnd).get(ward_url).content.decode()
    assert 'data-testid="meeting-day"' not in ward


# --- a khu phố that meets by cluster ---


def test_by_cluster_the_list_is_the_whole_rounds_grouped_by_cluster(sittings, login, personas):  # noqa: F811
    whole, (first, second) = sittings
    check_in_cluster(first, personas.p22_kp1_tobaucu, 2)
    check_in_cluster(second, personas.p22_kp1_tobaucu, 4)
    client = login(personas.p22_kp1_tobaucu)
    body = _list(client, second, nhom="cum").content.decode()
    assert "Có mặt 6/10 hộ: đã đủ số hộ để có thể bầu được (còn thiếu 0 hộ)." in body
    groups = not_yet_come(second, "cum").groups
    assert [(group.name, len(group.households)) for group in groups] == [("Cụm 1", 3), ("Cụm 2", 1)]
    assert body.index("Cụm 1 <span") < body.index("Cụm 2 <span")
    # By street, the default, all the same.
    assert sum(len(group.households) for group in not_yet_come(first).groups) == 4
