from django.conf import settings
from django.urls import reverse

from neighborhoods.models import Household


def edit_household(client, household, kp, **changes):
    data = {
        "neighborhood": kp.pk,
        "code": household.code,
        "head_name": household.head_name,
        "address": household.address,
        "member_count": household.member_count,
        "representative_name": "",
        "status": "active",
        **changes,
    }
    return client.post(reverse("neighborhoods:household_update", args=[household.pk]), data)


def test_an_edit_is_logged_with_who_and_before_and_after(login, personas, hcm_map, households):
    household = households[0]
    old_name = household.head_name
    client = login(personas.p22_ubnd)
    edit_household(client, household, hcm_map.kp1, head_name="Nguyễn Thị Hường")
    page = client.get(reverse("neighborhoods:audit_log", args=[hcm_map.p22.pk])).content.decode()
    assert "Sửa" in page and "Họ tên chủ hộ" in page
    assert f"{old_name} → <strong>Nguyễn Thị Hường</strong>" in page
    assert "p22.ubnd" in page


def test_district_reads_the_log_of_its_wards_without_households_names(login, personas, hcm_map, households):
    # Names and addresses stay in the ward (Decree 13/2023/NĐ-CP): the district sees who changed
    # which household's name, not the name.
    edit_household(login(personas.p22_ubnd), households[0], hcm_map.kp1, head_name="Nguyễn Thị Hường")
    page = login(personas.binhthanh_noivu).get(
        reverse("neighborhoods:audit_log", args=[hcm_map.binh_thanh.pk])
    )
    body = page.content.decode()
    assert "Sửa" in body and "Họ tên chủ hộ" in body and "p22.ubnd" in body
    assert households[0].code in body
    assert "Nguyễn Thị Hường" not in body


def test_another_ward_neither_opens_nor_sees_phuong_22s_log(login, personas, hcm_map, households):
    edit_household(login(personas.p22_ubnd), households[0], hcm_map.kp1, head_name="Nguyễn Thị Hường")
    client = login(personas.p25_ubnd)
    assert client.get(reverse("neighborhoods:audit_log", args=[hcm_map.p22.pk])).status_code == 404
    own = client.get(reverse("neighborhoods:audit_log", args=[hcm_map.p25.pk])).content.decode()
    assert "Nguyễn Thị Hường" not in own


def test_sessions_expire(settings_obj=settings):
    assert settings_obj.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings_obj.SESSION_COOKIE_AGE <= 12 * 60 * 60


def test_household_changes_are_audited_even_outside_the_pages(hcm_map, households):
    from auditlog.models import LogEntry

    household = households[0]
    household.member_count = 7
    household.save()
    entry = LogEntry.objects.get_for_object(household).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.changes["member_count"][1] == "7"
    assert entry.additional_data["division_path"] == hcm_map.kp1.path
    assert Household.objects.get(pk=household.pk).member_count == 7


# --- a log a ward official can read (issue 16.6) ---


def audit_page(client, division, **filters) -> str:
    """The log's table (the page's messages left out)."""
    page = client.get(reverse("neighborhoods:audit_log", args=[division.pk]), filters).content.decode()
    return page[page.index('data-testid="audit-filters"') :]


def test_codes_read_as_their_vietnamese_labels_and_keys_as_names(login, personas, hcm_map, recognised_kp1):
    page = audit_page(login(personas.p22_ubnd), hcm_map.p22, kind=_content_type("election"))
    assert "Đã kiểm phiếu → <strong>Đã công nhận</strong>" in page
    assert "counted" not in page and "recognised</strong>" not in page
    # The election's ward is named, not numbered.
    assert f"Phường/xã:</span> — → <strong>{hcm_map.p22.name}</strong>" in page


def test_json_keeps_its_letters_and_times_are_local(login, personas, hcm_map, recognised_kp1):
    import datetime as dt

    from elections.models import Meeting

    meeting = Meeting.objects.filter(election=recognised_kp1).get()
    meeting.counting_board = ["Nguyễn Thị Hường", "Lê Văn Tám"]
    meeting.closed_at = dt.datetime(2024, 10, 27, 3, 5, tzinfo=dt.UTC)  # 10:05 in Hồ Chí Minh City
    meeting.save()
    page = audit_page(login(personas.p22_ubnd), hcm_map.p22, kind=_content_type("meeting"))
    assert "Nguyễn Thị Hường" in page and "\\u" not in page
    assert "<strong>27/10/2024 10:05</strong>" in page


def test_filters_by_person_kind_record_and_date(login, personas, hcm_map, households):
    from auditlog.context import set_actor
    from auditlog.models import LogEntry

    client = login(personas.p22_ubnd)
    edit_household(client, households[0], hcm_map.kp1, head_name="Nguyễn Thị Hường")
    with set_actor(personas.p22_mttq):
        households[1].member_count = 9
        households[1].save()
    mine = audit_page(client, hcm_map.p22, person=personas.p22_ubnd.pk, kind=_content_type("household"))
    assert "Nguyễn Thị Hường" in mine and households[1].code not in mine
    by_code = audit_page(client, hcm_map.p22, record=households[1].code)
    assert households[1].code in by_code and "Nguyễn Thị Hường" not in by_code
    LogEntry.objects.update(timestamp="2024-10-06 17:30:00+00:00")  # 00:30 on 07/10/2024 locally
    assert households[0].code in audit_page(client, hcm_map.p22, since="07/10/2024", until="07/10/2024")
    assert "Không có thay đổi nào khớp bộ lọc." in audit_page(client, hcm_map.p22, until="06/10/2024")


def test_a_bad_filter_says_what_is_wrong_and_shows_nothing(login, personas, hcm_map, households):
    client = login(personas.p22_ubnd)
    edit_household(client, households[0], hcm_map.kp1, head_name="Nguyễn Thị Hường")
    page = audit_page(client, hcm_map.p22, since="31/02/2024")
    assert "Nhập một ngày hợp lệ" in page or "Enter a valid date" in page
    page = audit_page(client, hcm_map.p22, since="08/10/2024", until="07/10/2024")
    assert "“Đến ngày” phải sau “Từ ngày”." in page
    assert "Nguyễn Thị Hường" not in page


def test_the_district_cannot_find_a_household_by_its_heads_name(login, personas, hcm_map, households):
    edit_household(login(personas.p22_ubnd), households[0], hcm_map.kp1, member_count=9)
    client = login(personas.binhthanh_noivu)
    name_part = households[0].head_name.split()[-1]
    assert households[0].code not in audit_page(client, hcm_map.binh_thanh, record=name_part)
    assert households[0].code in audit_page(client, hcm_map.binh_thanh, record=households[0].code)


def test_every_audited_field_has_a_vietnamese_name():
    from auditlog.registry import auditlog

    unnamed = [
        f"{model._meta.label}.{field.name}"
        for model in auditlog.get_models()
        for field in model._meta.concrete_fields
        if not field.primary_key and str(field.verbose_name) == field.name.replace("_", " ")
    ]
    assert unnamed == []


def _content_type(model: str) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get(model=model).pk
