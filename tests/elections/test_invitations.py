"""Issue 18 item 4: form 01 printed once per household of the khu phố (or of one cluster), in
the order a team walks (street, then house number), and the list the team ticks off as it hands
each invitation in (NĐ 59/2023 Art. 3.3: at least 2 days before the meeting)."""

import datetime as dt
import io

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from pypdf import PdfReader

from elections import rules
from elections.documents import CLUSTER_INVITATIONS, MEETING_INVITATIONS
from elections.models import InvitationDelivery
from elections.selectors.invitations import delivery_checklist, walking_key
from elections.services import clusters as cluster_services
from elections.services.invitations import invitation_delivery_mark
from neighborhoods.models import HouseholdStatus
from reporting.models import DocumentStatus, StoredDocument
from tests.factories import HouseholdFactory
from tests.reporting.pdf import pdf_text

# Typed in the register's order, not the street's.
DOORS = [
    ("P22-KP01-0001", "Trần Văn An", "100 Lê Lợi"),
    ("P22-KP01-0002", "Nguyễn Thị Bích", "12/10 Lê Lợi"),
    ("P22-KP01-0003", "Lê Văn Cường", "5 Đinh Tiên Hoàng"),
    ("P22-KP01-0004", "Phạm Thị Dung", "12/5 Lê Lợi"),
    ("P22-KP01-0005", "Hoàng Văn Em", "7 Bạch Đằng"),
]
# Bạch Đằng, Đinh Tiên Hoàng (d before đ, đ before l), then Lê Lợi by house number.
WALKED = ["P22-KP01-0005", "P22-KP01-0003", "P22-KP01-0004", "P22-KP01-0002", "P22-KP01-0001"]
TODAY = dt.date(2024, 10, 20)


@pytest.fixture
def doors(prepared, hcm_map):
    made = {
        code: HouseholdFactory(neighborhood=hcm_map.kp1, code=code, head_name=name, address=address)
        for code, name, address in DOORS
    }
    # Neither a household that moved away nor one of another khu phố is invited.
    HouseholdFactory(neighborhood=hcm_map.kp1, head_name="Võ Văn Đã Chuyển", status=HouseholdStatus.MOVED)
    HouseholdFactory(neighborhood=hcm_map.kp2, head_name="Đỗ Thị Khác", address="1 Lê Lợi")
    return made


def test_the_walking_order_is_street_then_house_number():
    addresses = [
        "100 Lê Lợi",
        "12/10 Lê Lợi",
        "Lê Lợi",
        "12/5 Lê Lợi",
        "3 Đinh Tiên Hoàng",
        "5 Dương Quảng Hàm",
    ]
    assert sorted(addresses, key=walking_key) == [
        "5 Dương Quảng Hàm",
        "3 Đinh Tiên Hoàng",
        "12/5 Lê Lợi",
        "12/10 Lê Lợi",
        "100 Lê Lợi",
        "Lê Lợi",
    ]


def _pages(document: StoredDocument) -> tuple[list[str], PdfReader]:
    with document.file.open("rb") as pdf:
        data = pdf.read()
    reader = PdfReader(io.BytesIO(data))
    assert pdf_text(data)
    return [" ".join(page.extract_text().split()) for page in reader.pages], reader


def _print(client, url, data, capture) -> StoredDocument:
    with capture(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    document = StoredDocument.objects.order_by("-pk").first()
    assert document is not None
    assert document.status == DocumentStatus.READY, document.error
    return document


def test_one_page_per_household_in_walking_order_with_its_head_and_address_and_the_qr(
    doors, prepared, personas, login, django_capture_on_commit_callbacks
):
    client = login(personas.p22_kp1_tobaucu)
    url = reverse("elections:invitations_print", args=[prepared.pk])
    document = _print(client, url, {}, django_capture_on_commit_callbacks)
    assert document.kind == MEETING_INVITATIONS
    pages, reader = _pages(document)
    assert len(pages) == len(DOORS)
    by_code = {code: (name, address) for code, name, address in DOORS}
    for text, code in zip(pages, WALKED, strict=True):
        name, address = by_code[code]
        assert f"Kính gửi: Ông/Bà {name}, chủ hộ {code}, {address}." in text
        assert "GIẤY MỜI" in text and "Mẫu số 01 kèm theo Nghị định số 59/2023/NĐ-CP" in text
        assert "08 giờ 00 ngày 27 tháng 10 năm 2024, tại Nhà văn hóa khu phố 1" in text
        assert "Quét mã để xem ngày giờ, địa điểm họp" in text
        assert "Trần Văn Bình" in text  # the team's head signs each sheet
    assert all("Đã Chuyển" not in text and "Đỗ Thị Khác" not in text for text in pages)
    # Each sheet draws its QR code: segno's SVG becomes one stroke per run of dark modules.
    for sheet in reader.pages:
        contents = sheet.get_contents()
        assert contents is not None and contents.get_data().count(b" l\n") > 50
    # The page says it is coming, then offers the PDF.
    page = client.get(reverse("elections:invitation_list", args=[prepared.pk])).content.decode()
    assert reverse("reporting:document_download", args=[document.pk]) in page


def test_the_invitations_of_one_cluster_give_its_own_sitting(
    doors, prepared, personas, login, django_capture_on_commit_callbacks
):
    ward = personas.p22_ubnd
    plan = cluster_services.cluster_plan_create(by=ward, election=prepared, scattered=True)
    cluster = cluster_services.cluster_add(
        by=ward,
        plan=plan,
        name="Cụm Lê Lợi",
        chair_name="Chủ trì",
        chair_capacity="front_member",
        meeting_date=dt.date(2024, 10, 26),
        meeting_time=dt.time(19, 30),
        meeting_place="Sân nhà số 12 Lê Lợi",
        reporter_name="Người báo cáo",
    )
    cluster_services.households_assign(by=ward, cluster=cluster, codes=["P22-KP01-0001", "P22-KP01-0002"])
    client = login(personas.p22_kp1_tobaucu)
    url = reverse("elections:invitations_print", args=[prepared.pk])
    document = _print(client, url, {"cum": cluster.pk}, django_capture_on_commit_callbacks)
    assert document.kind == CLUSTER_INVITATIONS
    pages, _reader = _pages(document)
    assert len(pages) == 2
    assert "Nguyễn Thị Bích" in pages[0] and "Trần Văn An" in pages[1]
    assert "19 giờ 30 ngày 26 tháng 10 năm 2024, tại Sân nhà số 12 Lê Lợi" in pages[0]
    listed = client.get(reverse("elections:invitation_list", args=[prepared.pk]), {"cum": cluster.pk})
    assert listed.content.decode().count('data-testid="invitation-row"') == 2


def test_the_invitations_pdf_is_read_only_by_those_who_read_personal_data(
    doors, prepared, personas, login, django_capture_on_commit_callbacks
):
    document = _print(
        login(personas.p22_kp1_tobaucu),
        reverse("elections:invitations_print", args=[prepared.pk]),
        {},
        django_capture_on_commit_callbacks,
    )
    download = reverse("reporting:document_download", args=[document.pk])
    for user in (personas.p22_ubnd, personas.p22_mttq, personas.p22_kp1_tobaucu):
        assert login(user).get(download).status_code == 200
    for user in (personas.binhthanh_noivu, personas.hcm_mttq, personas.p25_ubnd):
        assert login(user).get(download).status_code == 404


def _tick(client, election, household, delivered: str, **headers):
    url = reverse("elections:invitation_tick", args=[election.pk, household.pk])
    return client.post(url, {"delivered": delivered}, **headers)


def test_the_team_ticks_and_unticks_doors_with_counts_and_the_doors_not_reached(
    doors, prepared, personas, login
):
    client = login(personas.p22_kp1_tobaucu)
    list_url = reverse("elections:invitation_list", args=[prepared.pk])
    page = client.get(list_url).content.decode()
    assert "Đã đưa giấy mời: 0/5 hộ." in page and "Còn 5 hộ chưa nhận." in page
    rows = page.split('data-testid="invitation-row"')[1:]
    assert [next(code for code in WALKED if code in row) for row in rows] == WALKED

    response = _tick(client, prepared, doors["P22-KP01-0003"], "1", HTTP_HX_REQUEST="true")
    fragment = response.content.decode()
    assert response.status_code == 200
    assert f'id="door-{doors["P22-KP01-0003"].pk}"' in fragment and "Đã đưa" in fragment
    assert 'hx-swap-oob="true"' in fragment and "Đã đưa giấy mời: 1/5 hộ." in fragment
    assert "Còn 4 hộ chưa nhận." in fragment
    delivery = InvitationDelivery.objects.get()
    assert delivery.delivered_by == personas.p22_kp1_tobaucu and delivery.meeting_date == dt.date(
        2024, 10, 27
    )
    # A second tap keeps the first tick.
    _tick(client, prepared, doors["P22-KP01-0003"], "1", HTTP_HX_REQUEST="true")
    assert InvitationDelivery.objects.count() == 1

    _tick(login(personas.p22_ubnd), prepared, doors["P22-KP01-0001"], "1")
    checklist = delivery_checklist(prepared, TODAY)
    assert (checklist.delivered, checklist.total) == (2, 5)
    assert [h.code for h in checklist.not_reached] == ["P22-KP01-0005", "P22-KP01-0004", "P22-KP01-0002"]

    client = login(personas.p22_kp1_tobaucu)
    response = _tick(client, prepared, doors["P22-KP01-0003"], "0")  # without htmx: back to the list
    assert response.status_code == 302 and response["Location"] == list_url
    assert not InvitationDelivery.objects.filter(household=doors["P22-KP01-0003"]).exists()

    # Each tick and untick is in the audit log, with who did it.
    entries = LogEntry.objects.get_for_model(InvitationDelivery).order_by("pk")
    assert [(e.action, e.actor) for e in entries] == [
        (LogEntry.Action.CREATE, personas.p22_kp1_tobaucu),
        (LogEntry.Action.CREATE, personas.p22_ubnd),
        (LogEntry.Action.DELETE, personas.p22_kp1_tobaucu),
    ]
    assert entries[0].additional_data == {"division_path": prepared.neighborhood.path}


def test_each_view_of_the_list_is_recorded_as_a_read_of_personal_data(doors, prepared, personas, login):
    login(personas.p22_mttq).get(reverse("elections:invitation_list", args=[prepared.pk]))
    entry = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).get()
    assert entry.actor == personas.p22_mttq
    assert entry.additional_data["read"] == "list" and entry.additional_data["rows"] == 5
    assert entry.additional_data["division_path"] == prepared.neighborhood.path


def test_only_the_khu_pho_s_households_while_the_meeting_is_to_come(
    doors, prepared, personas, login, hcm_map
):
    client = login(personas.p22_kp1_tobaucu)
    other = HouseholdFactory(neighborhood=hcm_map.kp2)
    assert _tick(client, prepared, other, "1").status_code == 404
    moved = HouseholdFactory(neighborhood=hcm_map.kp1, status=HouseholdStatus.MOVED)
    response = _tick(client, prepared, moved, "1", HTTP_HX_REQUEST="true")
    assert response.status_code == 200  # htmx swaps the refusal in where the row is
    assert "không thuộc danh sách hộ được mời" in response.content.decode()
    response = _tick(client, prepared, moved, "1")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "không thuộc danh sách hộ được mời" in page  # as a message on the list
    assert not InvitationDelivery.objects.exists()


def test_district_and_other_wards_do_not_see_the_list(doors, prepared, personas, login):
    url = reverse("elections:invitation_list", args=[prepared.pk])
    for user in (personas.binhthanh_noivu, personas.hcm_noivu, personas.p25_ubnd):
        assert login(user).get(url).status_code == 404


def test_a_re_run_on_another_day_starts_its_own_list(doors, prepared, personas):
    invitation_delivery_mark(by=personas.p22_kp1_tobaucu, election=prepared, household=doors["P22-KP01-0001"])
    prepared.meeting_date = dt.date(2024, 11, 3)
    assert delivery_checklist(prepared, TODAY).delivered == 0


def test_the_rule_warns_from_the_day_the_notice_is_due_until_the_meeting():
    meeting = dt.date(2024, 10, 27)
    assert rules.invitation_delivery_problems(meeting, dt.date(2024, 10, 24), 3, 5) == []
    assert rules.invitation_delivery_problems(meeting, dt.date(2024, 10, 25), 5, 5) == []
    assert rules.invitation_delivery_problems(meeting, dt.date(2024, 10, 28), 3, 5) == []
    assert rules.invitation_delivery_problems(None, dt.date(2024, 10, 25), 0, 5) == []
    (problem,) = rules.invitation_delivery_problems(meeting, dt.date(2024, 10, 25), 3, 5)
    assert problem == (
        "Còn 2 trong 5 hộ chưa nhận giấy mời: giấy mời phải đến các hộ ít nhất 2 ngày trước cuộc "
        "họp, tức là chậm nhất ngày 25/10/2024 (NĐ 59/2023, Điều 3.3)."
    )


def test_the_election_page_warns_when_doors_are_not_reached_in_time(
    doors, prepared, personas, login, monkeypatch
):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: dt.date(2024, 10, 26))
    url = reverse("elections:election_detail", args=[prepared.pk])
    page = login(personas.p22_ubnd).get(url).content.decode()
    assert 'data-testid="invitations-summary"' in page
    assert "Đã đưa giấy mời: 0/5 hộ." in page and "Còn 5 trong 5 hộ chưa nhận giấy mời" in page
    # The district reads the election, not who was invited.
    page = login(personas.binhthanh_noivu).get(url).content.decode()
    assert 'data-testid="invitations-summary"' not in page
