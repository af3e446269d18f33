"""The ward official drafts, proposes and decides a commendation through the pages; the
district reads every ward's commendations, counted by form and kind, and exports them; the
province does the same on the 2025 map; Phường 25's official reaches none of Phường 22's."""

import datetime as dt
import io

from django.urls import reverse
from openpyxl import load_workbook

from elections.models import Commendation, CommendationStatus
from elections.services import commendations as svc
from reporting.models import StoredDocument
from tests.elections.test_commendations import DECIDED_ON, PROPOSED_ON, make_list
from tests.forms import with_token
from tests.two_level import hue_map, hue_people, hue_plans  # noqa: F401  (fixtures)


def test_the_ward_official_drafts_proposes_and_decides_a_giay_khen(
    plans, personas, login, django_capture_on_commit_callbacks
):
    client = login(personas.p22_ubnd)
    plan = plans["ward"]
    page = client.get(reverse("elections:plan_detail", args=[plan.pk]))
    assert reverse("elections:commendation_list", args=[plan.pk]) in page.content.decode()
    response = client.post(
        reverse("elections:commendation_create", args=[plan.pk]), with_token({"form": "ward_certificate"})
    )
    commendation = Commendation.objects.get()
    assert response["Location"] == reverse("elections:commendation_detail", args=[commendation.pk])
    add = reverse("elections:commendee_add", args=[commendation.pk])
    client.post(
        add,
        {"kind": "collective", "name": "Tổ bầu cử Khu phố 1", "achievement": "Tổ chức bầu cử đúng luật"},
    )
    refused = client.post(
        add, {"kind": "individual", "name": "Lê Văn Tư", "achievement": "Tuyên truyền"}, follow=True
    )
    assert "Dòng 2 (Lê Văn Tư): cá nhân phải ghi chức vụ và đơn vị công tác." in refused.content.decode()
    client.post(
        add,
        {
            "kind": "individual",
            "name": "Huỳnh Văn Phúc",
            "position": "Tổ trưởng Tổ bầu cử",
            "unit": "Khu phố 1",
            "achievement": "Điều hành cuộc họp chặt chẽ",
        },
    )
    client.post(
        reverse("elections:commendation_propose", args=[commendation.pk]), {"proposed_on": "20/11/2024"}
    )
    early = client.post(
        reverse("elections:commendation_decide", args=[commendation.pk]),
        {"decided_on": "19/11/2024"},
        follow=True,
    )
    assert "không được trước ngày đề nghị (20/11/2024)" in early.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("elections:commendation_decide", args=[commendation.pk]), {"decided_on": "25/11/2024"}
        )
    commendation.refresh_from_db()
    assert commendation.status == CommendationStatus.DECIDED
    assert commendation.decided_on == dt.date(2024, 11, 25)
    assert [c.name for c in commendation.commendees.all()] == ["Tổ bầu cử Khu phố 1", "Huỳnh Văn Phúc"]
    detail = client.get(reverse("elections:commendation_detail", args=[commendation.pk])).content.decode()
    paper = StoredDocument.objects.get(kind="commendation_decision")
    assert reverse("reporting:document_issue", args=[paper.pk]) in detail
    assert "Quyết định ngày 25/11/2024" in detail


def test_phuong_25_reaches_none_of_phuong_22s_commendations(plans, personas, login):
    commendation = make_list(plans["ward"], personas.p22_ubnd)
    client = login(personas.p25_ubnd)
    for name, method in (
        ("elections:commendation_detail", "get"),
        ("elections:commendee_add", "post"),
        ("elections:commendation_propose", "post"),
    ):
        response = getattr(client, method)(reverse(name, args=[commendation.pk]))
        assert response.status_code == 404
    assert commendation.commendees.count() == 3


def _decided(plan, by):
    commendation = make_list(plan, by)
    svc.commendation_propose(by=by, commendation=commendation, proposed_on=PROPOSED_ON)
    return svc.commendation_decide(by=by, commendation=commendation, decided_on=DECIDED_ON)


def test_the_district_sees_its_wards_commendations_by_form_and_kind(plans, personas, hcm_map, login):
    _decided(plans["ward"], personas.p22_ubnd)
    proposed = make_list(plans["ward"], personas.p22_ubnd, form="district_certificate")
    svc.commendation_propose(by=personas.p22_ubnd, commendation=proposed, proposed_on=PROPOSED_ON)
    make_list(plans["ward"], personas.p22_ubnd, form="city_merit")  # a draft: not yet in the roll-up
    client = login(personas.binhthanh_noivu)
    page = client.get(reverse("reporting:dashboard", args=[hcm_map.binh_thanh.pk])).content.decode()
    assert reverse("reporting:commendation_rollup", args=[hcm_map.binh_thanh.pk]) in page
    response = client.get(reverse("reporting:commendation_rollup", args=[hcm_map.binh_thanh.pk]))
    counts = response.context["rollup"]
    assert counts.by_form == [
        ("Giấy khen của Chủ tịch Ủy ban nhân dân phường", 1, 2),
        ("Giấy khen của Chủ tịch Ủy ban nhân dân quận", 1, 2),
    ]
    assert (counts.collectives, counts.individuals) == (2, 4)
    body = response.content.decode()
    assert "Huỳnh Văn Phúc" in body and "Quyết định ngày 25/11/2024" in body


def test_the_export_lists_every_line_as_inert_text(plans, personas, hcm_map, login):
    commendation = _decided(plans["ward"], personas.p22_ubnd)
    svc.commendation_correct(by=personas.p22_ubnd, commendation=commendation, reason="Sai tên")
    client = login(personas.hcm_noivu)
    response = client.get(reverse("reporting:commendation_export", args=[hcm_map.hcm.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="khen-thuong-thanh-pho-ho-chi-minh.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    assert rows[1] == ["Hình thức", "Tập thể", "Cá nhân"]
    assert rows[2] == ["Giấy khen của Chủ tịch Ủy ban nhân dân phường", 1, 2]
    assert rows[3] == ["Tổng cộng", 1, 2]
    assert rows[6][:5] == [
        "Phường 22",
        "Giấy khen của Chủ tịch Ủy ban nhân dân phường",
        "Đã quyết định",
        "Tập thể",
        "Tổ bầu cử Khu phố 1",
    ]
    assert rows[7] == [
        "Phường 22",
        "Giấy khen của Chủ tịch Ủy ban nhân dân phường",
        "Đã quyết định",
        "Cá nhân",
        "Huỳnh Văn Phúc",
        "Tổ trưởng Tổ bầu cử",
        "Khu phố 1",
        "Điều hành cuộc họp bầu cử chặt chẽ",
        "20/11/2024",
        "Quyết định ngày 25/11/2024",
    ]
    assert len(rows) == 9  # the correction is a draft: the decided list still stands


def test_the_province_sees_its_wards_commendations_on_the_2025_map(hue_plans, hue_map, hue_people, login):  # noqa: F811
    plan = hue_plans["phu_xuan"]
    commendation = make_list(plan, hue_people.px_ubnd)
    svc.commendation_propose(
        by=hue_people.px_ubnd, commendation=commendation, proposed_on=dt.date(2025, 11, 3)
    )
    client = login(hue_people.noivu)
    response = client.get(reverse("reporting:commendation_rollup", args=[hue_map.hue.pk]))
    assert (response.context["rollup"].collectives, response.context["rollup"].individuals) == (1, 2)
    assert "Phường Phú Xuân" in response.content.decode()


def test_a_name_that_looks_like_a_formula_is_exported_as_text(plans, personas, hcm_map, login):
    commendation = svc.commendation_create(by=personas.p22_ubnd, plan=plans["ward"], form="city_badge")
    svc.commendee_add(
        by=personas.p22_ubnd,
        commendation=commendation,
        kind="collective",
        name='=HYPERLINK("http://evil.example","Xem")',
        achievement="x",
    )
    svc.commendation_propose(by=personas.p22_ubnd, commendation=commendation, proposed_on=PROPOSED_ON)
    response = login(personas.binhthanh_noivu).get(
        reverse("reporting:commendation_export", args=[hcm_map.binh_thanh.pk])
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    cell = next(c for row in sheet.iter_rows() for c in row if str(c.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s"
