"""Periodic grassroots-democracy reports (issue 15, item 4): a ward's official prepares the report
of a period from what the records know, writes its sections and sends it to the district, which
receives it, sees which wards reported on time and sums them in its own report; .xlsx, ND30
papers and the ``periodic_report`` command."""

from __future__ import annotations

import datetime as dt
import io
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from elections import rules
from elections.models import (
    BallotRound,
    Complaint,
    Election,
    ElectionPurpose,
    Meeting,
    MeetingMode,
    OfficePost,
    Stage,
    Tenure,
    TenureEnd,
    TenureKind,
    Vacancy,
)
from reporting import periodic
from reporting import periodic_services as services
from reporting.models import PeriodicReport, PeriodicReportStatus
from reporting.periodic_documents import DISTRICT_REPORT, WARD_REPORT
from tests.factories import HISTORICAL, make_neighborhood
from tests.issuing import draft, text_of
from tests.two_level import hue_map, hue_people, hue_plans  # noqa: F401  (fixtures)

Q4_START, Q4_END = dt.date(2024, 10, 1), dt.date(2024, 12, 31)
BEFORE, AFTER = dt.date(2024, 9, 30), dt.date(2025, 1, 1)  # just outside the fourth quarter
SECTIONS = {
    "results": "Tổ chức bầu Trưởng khu phố tại 3 khu phố.\nCông khai kết quả tại nhà văn hóa.",
    "shortcomings": "Tỷ lệ hộ tham dự còn thấp.",
    "directions": "Kiện toàn Ban Thanh tra nhân dân.",
}


def prepare(ward, user, period="q4", year=2024) -> PeriodicReport:
    return services.periodic_report_prepare(by=user, division=ward, year=year, period=period)


def sent(
    ward, user, sent_on=dt.date(2025, 1, 8), period="q4", year=2024, sections=SECTIONS
) -> PeriodicReport:
    report = services.periodic_report_write(by=user, report=prepare(ward, user, period, year), **sections)
    return services.periodic_report_send(by=user, report=report, sent_on=sent_on)


def election(plans, kp, purpose=ElectionPurpose.TERM, **fields) -> Election:
    """The khu phố's election of ``purpose`` as the test needs it (the ward plan opened the
    term's election of each of its khu phố already)."""
    existing = Election.objects.filter(plan=plans["ward"], neighborhood=kp, purpose=purpose).first()
    if existing is not None and purpose == ElectionPurpose.TERM:
        for name, value in fields.items():
            setattr(existing, name, value)
        existing.save()
        return existing
    return Election.objects.create(
        plan=plans["ward"], neighborhood=kp, ward=kp.parent, purpose=purpose, **fields
    )


# --- Periods and due days (the Quận 10 plan, seed 004) -----------------------------------------


def test_each_period_has_its_days_and_is_due_ten_days_after_its_end():
    q4 = rules.report_period(2024, "q4")
    assert (q4.start, q4.end, q4.due, q4.label) == (Q4_START, Q4_END, dt.date(2025, 1, 10), "quý IV năm 2024")
    assert [
        (p.start, p.end) for p in (rules.report_period(2024, code) for code in ("q1", "6m", "9m", "12m"))
    ] == [
        (dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
        (dt.date(2024, 1, 1), dt.date(2024, 6, 30)),
        (dt.date(2024, 1, 1), dt.date(2024, 9, 30)),
        (dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    ]
    assert rules.report_period(2024, "6m").label == "6 tháng đầu năm 2024"


def test_an_unknown_period_and_a_year_out_of_range_are_both_refused():
    with pytest.raises(ValidationError) as refused:
        rules.report_period(1990, "q5")
    assert {error.code for error in refused.value.error_list} == {"bad_period"}
    assert refused.value.messages == [
        "Kỳ báo cáo “q5” không hợp lệ; chọn một trong: q1, q2, q3, q4, 6m, 9m, 12m.",
        "Năm báo cáo “1990” không hợp lệ (từ 2000 đến 2100).",
    ]


def test_a_report_is_on_time_up_to_its_due_day_and_late_after():
    due = dt.date(2025, 1, 10)
    assert rules.report_timeliness(due, dt.date(2025, 1, 10), dt.date(2025, 2, 1)) == rules.ON_TIME
    assert rules.report_timeliness(due, dt.date(2025, 1, 11), dt.date(2025, 2, 1)) == rules.LATE
    assert rules.report_timeliness(due, None, dt.date(2025, 1, 11)) == rules.OVERDUE
    assert rules.report_timeliness(due, None, dt.date(2025, 1, 10)) == rules.NOT_DUE


# --- The figures: each counts what falls within the period, and nothing just outside -----------


@pytest.fixture
def q4_records(plans, hcm_map):
    """For each figure, one record inside the fourth quarter of 2024 and one just outside."""
    m = hcm_map
    kp4, kp5 = make_neighborhood(m.p22, 4), make_neighborhood(m.p22, 5)
    inside = election(plans, m.kp1, stage=Stage.RECOGNISED, meeting_date=Q4_START, recognised_on=Q4_END)
    election(plans, m.kp2, stage=Stage.RECOGNISED, meeting_date=BEFORE, recognised_on=AFTER)
    # Scheduled in the quarter but not held: not counted as held.
    election(plans, m.kp3, stage=Stage.NOTICE_POSTED, meeting_date=dt.date(2024, 12, 1))
    election(plans, kp4, ElectionPurpose.HEAD_DISMISSAL, stage=Stage.RECOGNISED, meeting_date=Q4_END)
    election(plans, kp5, ElectionPurpose.BY_ELECTION, stage=Stage.COUNTED, meeting_date=AFTER)
    # Another ward's election in the quarter counts for that ward only.
    election(plans, m.p25_kp1, stage=Stage.RECOGNISED, meeting_date=Q4_START, recognised_on=Q4_START)
    # Sittings: one held inside, one before; household-ballot rounds are not sittings.
    Meeting.objects.create(election=inside, number=1, household_total=100, held_on=Q4_START)
    Meeting.objects.create(election=inside, number=2, household_total=100, held_on=BEFORE)
    ballots = Meeting.objects.create(
        election=inside, number=3, household_total=100, held_on=Q4_END, mode=MeetingMode.HOUSEHOLD_BALLOTS
    )
    other = Meeting.objects.create(
        election=inside, number=4, household_total=100, held_on=AFTER, mode=MeetingMode.HOUSEHOLD_BALLOTS
    )
    round_fields = {
        "planner_name": "Nguyễn Văn An",
        "planner_role": "head",
        "front_head_name": "Lê Thị Bình",
        "plan_number": "01/KH",
    }
    BallotRound.objects.create(
        meeting=ballots, plan_issued_on=Q4_START, plan_sent_on=Q4_START, counted_on=Q4_END, **round_fields
    )
    BallotRound.objects.create(
        meeting=other, plan_issued_on=BEFORE, plan_sent_on=BEFORE, counted_on=AFTER, **round_fields
    )
    complaint = {"election": inside, "complainant": "Trần Văn Cư", "content": "Danh sách"}
    Complaint.objects.create(received_on=Q4_START, resolved_on=Q4_END, status="resolved", **complaint)
    Complaint.objects.create(
        received_on=BEFORE, resolved_on=AFTER, status="resolved", **complaint
    )  # open at end
    Complaint.objects.create(received_on=AFTER, **complaint)
    vacancy = {"ward": m.p22, "post": OfficePost.HEAD, "reason": "Xin thôi"}
    Vacancy.objects.create(neighborhood=m.kp1, vacant_from=Q4_START, filled_on=Q4_END, **vacancy)
    Vacancy.objects.create(neighborhood=m.kp2, vacant_from=BEFORE, filled_on=AFTER, **vacancy)  # open at end
    Vacancy.objects.create(neighborhood=m.kp3, vacant_from=AFTER, **vacancy)
    tenure = {
        "ward": m.p22,
        "post": OfficePost.HEAD,
        "kind": TenureKind.ELECTED,
        "full_name": "Phạm Văn Dũng",
    }
    term = {"started_on": dt.date(2019, 10, 1), "term_ends_on": dt.date(2024, 10, 31)}
    Tenure.objects.create(
        neighborhood=m.kp1, ended_on=Q4_START, end_reason=TenureEnd.RESIGNED, **tenure, **term
    )
    Tenure.objects.create(
        neighborhood=m.kp2, ended_on=Q4_END, end_reason=TenureEnd.DISMISSED, **tenure, **term
    )
    Tenure.objects.create(
        neighborhood=m.kp3, ended_on=BEFORE, end_reason=TenureEnd.DISMISSED, **tenure, **term
    )
    Tenure.objects.create(
        neighborhood=kp4, ended_on=Q4_END, end_reason=TenureEnd.TERM_ENDED, **tenure, **term
    )


def test_each_figure_counts_what_falls_in_the_quarter_in_six_queries(
    q4_records, hcm_map, django_assert_num_queries
):
    with django_assert_num_queries(6):
        figures = periodic.ward_figures(hcm_map.p22, Q4_START, Q4_END)
    nonzero = {key: value for key, value in figures.items() if value}
    assert nonzero == {
        "held_term": 1,
        "recognised_term": 1,
        "held_head_dismissal": 1,
        "sittings": 1,
        "rounds_started": 1,
        "rounds_counted": 1,
        "complaints_received": 1,
        "complaints_resolved": 1,
        "complaints_open": 1,
        "vacancies_opened": 1,
        "vacancies_filled": 1,
        "vacancies_open": 1,
        "ended_resigned": 1,
        "ended_dismissed": 1,
    }
    assert set(figures) == set(periodic.FIGURE_KEYS)


def test_the_next_quarter_counts_what_fell_just_after(q4_records, hcm_map):
    figures = periodic.ward_figures(hcm_map.p22, dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    assert figures["recognised_term"] == 1
    assert figures["held_by_election"] == 1  # counted on 01/01/2025: its meeting was held
    assert figures["complaints_received"] == 1 and figures["complaints_resolved"] == 1
    assert figures["vacancies_opened"] == 1 and figures["vacancies_filled"] == 1
    assert figures["complaints_open"] == 1  # received 01/01/2025, not resolved


# --- The ward prepares, writes and sends; the district receives ---------------------------------


def test_the_ward_official_prepares_writes_and_sends_the_q4_report_from_the_pages(
    q4_records, hcm_map, personas, login
):
    client = login(personas.p22_ubnd)
    page = client.get(reverse("reporting:periodic_reports", args=[hcm_map.p22.pk]) + "?nam=2024")
    assert page.status_code == 200
    assert "Lập báo cáo" in page.content.decode()
    response = client.post(
        reverse("reporting:periodic_report_prepare", args=[hcm_map.p22.pk]), {"year": "2024", "period": "q4"}
    )
    report = PeriodicReport.objects.get()
    assert response["Location"] == reverse("reporting:periodic_report_detail", args=[report.pk])
    detail = reverse("reporting:periodic_report_detail", args=[report.pk])
    body = client.get(detail).content.decode()
    assert "Báo cáo kết quả thực hiện dân chủ ở cơ sở quý IV năm 2024 – Phường 22" in body
    assert "hạn gửi 10/01/2025" in body
    client.post(detail, SECTIONS)
    response = client.post(
        reverse("reporting:periodic_report_send", args=[report.pk]), {"sent_on": "08/01/2025"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.sent_on, report.sent_by) == ("sent", dt.date(2025, 1, 8), personas.p22_ubnd)
    assert report.results == SECTIONS["results"]
    assert report.figures["complaints_received"] == 1
    body = client.get(detail).content.decode()
    assert "Đã gửi" in body and "gửi ngày 08/01/2025" in body
    assert "Gửi báo cáo lên cấp trên" not in body


def test_sending_freezes_the_figures_while_a_draft_follows_the_records(q4_records, hcm_map, personas, plans):
    report = sent(hcm_map.p22, personas.p22_ubnd)
    Complaint.objects.create(
        election=Election.objects.get(neighborhood=hcm_map.kp1),
        received_on=dt.date(2024, 11, 5),
        complainant="Võ Thị Em",
        content="Thủ tục",
    )
    figures, _wards = periodic.report_figures(report, dt.date(2025, 2, 1))
    assert figures["complaints_received"] == 1  # as sent
    draft_report = prepare(hcm_map.p22, personas.p22_ubnd, period="12m")
    figures, _wards = periodic.report_figures(draft_report, dt.date(2025, 2, 1))
    assert figures["complaints_received"] == 3  # the whole year, as the records stand today


def test_a_report_is_not_sent_without_its_results_nor_dated_before_its_period_or_in_the_future(
    hcm_map, personas
):
    report = prepare(hcm_map.p22, personas.p22_ubnd)
    with pytest.raises(ValidationError) as refused:
        services.periodic_report_send(
            by=personas.p22_ubnd, report=report, sent_on=dt.date(2024, 9, 1), today=dt.date(2025, 1, 8)
        )
    assert refused.value.messages == [
        "Ngày gửi (01/09/2024) trước khi kỳ báo cáo bắt đầu (01/10/2024).",
        "Mục “Kết quả thực hiện” chưa được viết.",
    ]
    with pytest.raises(ValidationError, match="không được sau ngày hôm nay"):
        services.periodic_report_send(
            by=personas.p22_ubnd, report=report, sent_on=dt.date(2025, 1, 9), today=dt.date(2025, 1, 8)
        )
    report.refresh_from_db()
    assert report.status == PeriodicReportStatus.DRAFT


def test_a_sent_report_never_changes_a_correction_is_a_new_version_with_its_reason(hcm_map, personas, login):
    first = sent(hcm_map.p22, personas.p22_ubnd)
    with pytest.raises(ValidationError) as refused:
        services.periodic_report_write(by=personas.p22_ubnd, report=first, **SECTIONS)
    assert refused.value.code == "sent"
    with pytest.raises(ValidationError) as refused:
        services.periodic_report_correct(by=personas.p22_ubnd, report=first, reason="  ")
    assert refused.value.message_dict == {"reason": ["Ghi lý do đính chính."]}
    client = login(personas.p22_ubnd)
    response = client.post(
        reverse("reporting:periodic_report_correct", args=[first.pk]), {"reason": "Thiếu số liệu khiếu nại"}
    )
    second = PeriodicReport.objects.get(version=2)
    assert response["Location"] == reverse("reporting:periodic_report_detail", args=[second.pk])
    assert (second.supersedes, second.status, second.results) == (first, "draft", first.results)
    body = client.get(response["Location"]).content.decode()
    assert (
        "Bản đính chính lần 2, thay thế báo cáo gửi ngày 08/01/2025. Lý do: Thiếu số liệu khiếu nại" in body
    )
    with pytest.raises(ValidationError, match="mới nhất"):
        services.periodic_report_correct(by=personas.p22_ubnd, report=first, reason="Lần nữa")
    # Sent again after the due day: the ward still reported on time, with its first sending.
    services.periodic_report_send(by=personas.p22_ubnd, report=second, sent_on=dt.date(2025, 2, 3))
    rows = periodic.ward_reports(hcm_map.p22, 2024, dt.date(2025, 3, 1))
    q4 = next(row for row in rows if row["code"] == "q4")
    assert (q4["report"], q4["timeliness"]) == (PeriodicReport.objects.get(version=2), rules.ON_TIME)


def test_the_district_sees_which_wards_reported_on_time_and_receives_them(hcm_map, personas, login):
    p22 = sent(hcm_map.p22, personas.p22_ubnd, sent_on=dt.date(2025, 1, 8))
    p25 = sent(hcm_map.p25, personas.p25_ubnd, sent_on=dt.date(2025, 1, 14))
    client = login(personas.binhthanh_noivu)
    url = reverse("reporting:periodic_reports", args=[hcm_map.binh_thanh.pk]) + "?nam=2024"
    body = client.get(url).content.decode()
    assert "Đúng hạn" in body and "Trễ hạn" in body  # Phường 22 by 10/01, Phường 25 on 14/01
    assert body.count("Quá hạn, chưa gửi") >= 2  # both wards' earlier quarters
    response = client.post(
        reverse("reporting:periodic_report_receive", args=[p22.pk]),
        {"received_on": "09/01/2025", "back": "district"},
    )
    assert response["Location"] == url
    p22.refresh_from_db()
    assert (p22.status, p22.received_on, p22.received_by) == (
        "received",
        dt.date(2025, 1, 9),
        personas.binhthanh_noivu,
    )
    assert "Đã tiếp nhận 09/01/2025" in client.get(url).content.decode()
    with pytest.raises(ValidationError, match="trước ngày gửi"):
        services.periodic_report_receive(
            by=personas.binhthanh_noivu, report=p25, received_on=dt.date(2025, 1, 13)
        )
    with pytest.raises(ValidationError, match="đã được tiếp nhận"):
        services.periodic_report_receive(
            by=personas.binhthanh_noivu, report=p22, received_on=dt.date(2025, 1, 9)
        )


def test_the_districts_report_sums_its_wards_sent_figures_and_freezes_their_standing(
    q4_records, hcm_map, personas
):
    sent(hcm_map.p22, personas.p22_ubnd)
    prepare(hcm_map.p25, personas.p25_ubnd)  # a draft: not counted
    aggregate = periodic.district_aggregate(hcm_map.binh_thanh, 2024, "q4", dt.date(2025, 2, 1))
    assert [(s.ward.name, s.timeliness) for s in aggregate.standings] == [
        ("Phường 22", rules.ON_TIME),
        ("Phường 25", rules.OVERDUE),
    ]
    assert aggregate.figures["held_term"] == 1  # Phường 25's own election is in no sent report
    own = prepare(hcm_map.binh_thanh, personas.binhthanh_noivu)
    own = services.periodic_report_write(by=personas.binhthanh_noivu, report=own, **SECTIONS)
    own = services.periodic_report_send(by=personas.binhthanh_noivu, report=own, sent_on=dt.date(2025, 1, 15))
    assert own.figures["wards"] == [
        {
            "name": "Phường 22",
            "code": "26941",
            "sent_on": "08/01/2025",
            "timeliness": "on_time",
            "version": 1,
        },
        {"name": "Phường 25", "code": "26905", "sent_on": "", "timeliness": "overdue", "version": None},
    ]
    sent(hcm_map.p25, personas.p25_ubnd, sent_on=dt.date(2025, 1, 20))
    figures, wards = periodic.report_figures(own, dt.date(2025, 2, 1))
    assert [w["timeliness"] for w in wards] == ["on_time", "overdue"]  # as the district sent it


def test_only_a_ward_or_the_level_above_wards_makes_reports(hcm_map, personas):
    with pytest.raises(ValidationError) as refused:
        prepare(hcm_map.kp1, personas.admin)
    assert refused.value.code == "not_reporting"


# --- Who may do what ----------------------------------------------------------------------------


def test_each_role_does_only_its_part(hcm_map, personas, login, client):
    report = prepare(hcm_map.p22, personas.p22_ubnd)
    detail = reverse("reporting:periodic_report_detail", args=[report.pk])
    send = reverse("reporting:periodic_report_send", args=[report.pk])
    # The ward Front and the district read, but neither writes nor sends the ward's report.
    for reader in (personas.p22_mttq, personas.binhthanh_noivu, personas.hcm_noivu):
        login(reader)
        body = client.get(detail).content.decode()
        assert "Gửi báo cáo lên cấp trên" not in body
        assert client.post(detail, SECTIONS).status_code == 404
        assert client.post(send, {"sent_on": "08/01/2025"}).status_code == 404
    # Another ward sees nothing of it.
    login(personas.p25_ubnd)
    assert client.get(detail).status_code == 404
    services.periodic_report_write(by=personas.p22_ubnd, report=report, **SECTIONS)
    services.periodic_report_send(by=personas.p22_ubnd, report=report, sent_on=dt.date(2025, 1, 8))
    receive = reverse("reporting:periodic_report_receive", args=[report.pk])
    # Only the district's office receives: not the ward itself, not the city, not the district Front.
    for other in (personas.p22_ubnd, personas.hcm_noivu, personas.binhthanh_mttq):
        login(other)
        assert client.post(receive, {"received_on": "09/01/2025"}).status_code == 404
    report.refresh_from_db()
    assert report.status == PeriodicReportStatus.SENT


def test_every_change_of_a_report_is_in_the_wards_audit_log(hcm_map, personas):
    from auditlog.models import LogEntry

    report = sent(hcm_map.p22, personas.p22_ubnd)
    entries = LogEntry.objects.get_for_object(report)
    assert entries.count() == 3  # prepared, written, sent
    assert all(entry.additional_data == {"division_path": hcm_map.p22.path} for entry in entries)


# --- On the 2025 map the ward reports to the province -------------------------------------------


def test_on_the_2025_map_a_ward_reports_to_the_province_which_receives_it(hue_map, hue_people, login):  # noqa: F811
    report = sent(hue_map.phu_xuan, hue_people.px_ubnd, sent_on=dt.date(2025, 10, 8), period="q3", year=2025)
    client = login(hue_people.noivu)
    body = client.get(
        reverse("reporting:periodic_reports", args=[hue_map.hue.pk]) + "?nam=2025"
    ).content.decode()
    assert "Phường Phú Xuân" in body and "Phường Thuận Hóa" in body
    client.post(reverse("reporting:periodic_report_receive", args=[report.pk]), {"received_on": "09/10/2025"})
    report.refresh_from_db()
    assert report.status == PeriodicReportStatus.RECEIVED
    aggregate = periodic.district_aggregate(hue_map.hue, 2025, "q3", dt.date(2025, 11, 1))
    standing = {s.ward.name: s.timeliness for s in aggregate.standings}
    assert (standing["Phường Phú Xuân"], standing["Phường Thuận Hóa"]) == (rules.ON_TIME, rules.OVERDUE)


# --- The workbook, the papers and the command ---------------------------------------------------


def test_the_workbook_reads_back_the_period_the_figures_and_the_sections(
    q4_records, hcm_map, personas, login
):
    report = sent(hcm_map.p22, personas.p22_ubnd)
    client = login(personas.binhthanh_noivu)
    response = client.get(reverse("reporting:periodic_report_export", args=[report.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Báo cáo kết quả thực hiện dân chủ ở cơ sở quý IV năm 2024 – Phường 22"
    assert rows[1][:2] == ("Kỳ báo cáo", "quý IV năm 2024 (01/10/2024 - 31/12/2024)")
    assert rows[2][:2] == ("Hạn gửi", "10/01/2025")
    assert ("Khiếu nại, tố cáo", "Đơn đã nhận", 1) in [row[:3] for row in rows]
    assert ("Bầu cử, họp cộng đồng dân cư", "Cuộc họp bầu cử nhiệm kỳ đã tổ chức", 1) in [
        row[:3] for row in rows
    ]
    assert ("Tồn tại, hạn chế", "Tỷ lệ hộ tham dự còn thấp.") in [row[:2] for row in rows]


def test_a_section_that_looks_like_a_formula_is_exported_as_inert_text(hcm_map, personas, login):
    report = prepare(hcm_map.p22, personas.p22_ubnd)
    services.periodic_report_write(
        by=personas.p22_ubnd,
        report=report,
        results='=HYPERLINK("http://evil.example/")',
        shortcomings="",
        directions="",
    )
    client = login(personas.p22_ubnd)
    content = client.get(reverse("reporting:periodic_report_export", args=[report.pk])).content
    cells = [c for row in load_workbook(io.BytesIO(content)).active.iter_rows() for c in row]
    cell = next(c for c in cells if c.value and "HYPERLINK" in str(c.value))
    assert cell.data_type == "s" and cell.quotePrefix


def test_the_wards_report_reads_back_from_its_pdf(
    q4_records, hcm_map, personas, django_capture_on_commit_callbacks
):
    report = sent(hcm_map.p22, personas.p22_ubnd)
    text = text_of(draft(WARD_REPORT, report, django_capture_on_commit_callbacks))
    assert "ỦY BAN NHÂN DÂN QUẬN BÌNH THẠNH" in text and "ỦY BAN NHÂN DÂN PHƯỜNG 22" in text
    assert "BÁO CÁO" in text and "BC-UBND" in text
    assert "Kết quả thực hiện dân chủ ở cơ sở quý IV năm 2024" in text
    assert "(từ ngày 01/10/2024 đến ngày 31/12/2024)" in text
    assert "Cuộc họp bầu cử nhiệm kỳ đã tổ chức 1" in text
    assert "Đơn chưa giải quyết cuối kỳ 1" in text
    assert "Tổ chức bầu Trưởng khu phố tại 3 khu phố." in text
    assert "II. Tồn tại, hạn chế Tỷ lệ hộ tham dự còn thấp." in text
    assert "III. Phương hướng, kiến nghị Kiện toàn Ban Thanh tra nhân dân." in text
    assert "Phòng Nội vụ Quận Bình Thạnh" in text


def test_the_districts_report_reads_back_from_its_pdf_with_its_wards_standing(
    hcm_map, personas, django_capture_on_commit_callbacks
):
    sent(hcm_map.p22, personas.p22_ubnd, sent_on=dt.date(2025, 1, 8))
    sent(hcm_map.p25, personas.p25_ubnd, sent_on=dt.date(2025, 1, 14))
    own = prepare(hcm_map.binh_thanh, personas.binhthanh_noivu)
    services.periodic_report_write(by=personas.binhthanh_noivu, report=own, **SECTIONS)
    own = services.periodic_report_send(by=personas.binhthanh_noivu, report=own, sent_on=dt.date(2025, 1, 16))
    text = text_of(draft(DISTRICT_REPORT, own, django_capture_on_commit_callbacks))
    assert "ỦY BAN NHÂN DÂN QUẬN BÌNH THẠNH PHÒNG NỘI VỤ" in text
    assert "Tổng hợp kết quả thực hiện dân chủ ở cơ sở quý IV năm 2024" in text
    assert "Quận Bình Thạnh, ngày 16 tháng 01 năm 2025" in text
    assert "1 Phường 22 08/01/2025 Đúng hạn" in text
    assert "2 Phường 25 14/01/2025 Trễ hạn" in text
    assert (
        "2/2 phường đã gửi báo cáo, trong đó 1 phường gửi đúng hạn, 1 phường gửi trễ hạn; 0 phường chưa gửi."
        in text
    )


def test_the_official_asks_for_the_paper_from_the_report_page(
    hcm_map, personas, login, django_capture_on_commit_callbacks
):
    report = sent(hcm_map.p22, personas.p22_ubnd)
    client = login(personas.p22_ubnd)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reporting:periodic_report_document", args=[report.pk]))
    body = client.get(reverse("reporting:periodic_report_detail", args=[report.pk])).content.decode()
    assert "Báo cáo kết quả thực hiện dân chủ ở cơ sở quý IV năm 2024 – Phường 22 (PDF)" in body


def test_the_command_writes_the_wards_report_as_sent(q4_records, hcm_map, personas, tmp_path):
    sent(hcm_map.p22, personas.p22_ubnd)
    out = tmp_path / "p22.xlsx"
    stdout = StringIO()
    call_command("periodic_report", division="26941", year=2024, period="q4", out=str(out), stdout=stdout)
    assert (
        "Báo cáo kết quả thực hiện dân chủ ở cơ sở quý IV năm 2024 – Phường 22 (Đã gửi)" in stdout.getvalue()
    )
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[3][:4] == ("Tình trạng", "Đã gửi", "Ngày gửi", "08/01/2025")


@pytest.mark.parametrize(
    ("division", "period", "out", "message"),
    [
        ("99999", "q4", "a.xlsx", "Không có đơn vị hành chính mã “99999”."),
        ("26941", "q5", "a.xlsx", "Kỳ báo cáo “q5” không hợp lệ"),
        ("79", "q4", "a.xlsx", "Thành phố Hồ Chí Minh (Tỉnh/Thành phố) không lập báo cáo định kỳ"),
        ("26941", "q4", "a.pdf", "Tệp ghi ra phải có đuôi .xlsx"),
    ],
)
def test_the_command_refuses_in_vietnamese(hcm_map, tmp_path, division, period, out, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call_command("periodic_report", division=division, year=2024, period=period, out=str(tmp_path / out))
    assert not (tmp_path / out).exists()


def test_for_a_district_the_command_writes_its_report_over_its_wards(hcm_map, personas, tmp_path):
    sent(hcm_map.p22, personas.p22_ubnd)
    out = tmp_path / "bt.xlsx"
    call_command("periodic_report", division="765", year=2024, period="q4", out=str(out), stdout=StringIO())
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert ("Phường 22", "08/01/2025", "Đúng hạn") in [row[:3] for row in rows]
    assert ("Phường 25", None, "Quá hạn, chưa gửi") in [row[:3] for row in rows]


def test_after_seed_demo_the_command_writes_phuong_22s_q4_2024_report(db, settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", *HISTORICAL, stdout=StringIO())
    out = tmp_path / "p22.xlsx"
    call_command("periodic_report", division="26956", year=2024, period="q4", out=str(out), stdout=StringIO())
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][0] == "Báo cáo kết quả thực hiện dân chủ ở cơ sở quý IV năm 2024 – Phường 22"
    assert rows[3][:4] == ("Tình trạng", "Đã tiếp nhận", "Ngày gửi", "08/01/2025")
    district = tmp_path / "binh_thanh.xlsx"
    call_command(
        "periodic_report", division="765", year=2024, period="q4", out=str(district), stdout=StringIO()
    )
    standing = {row[0]: row[2] for row in load_workbook(district).active.iter_rows(values_only=True)}
    assert (standing["Phường 22"], standing["Phường 25"], standing["Phường 11"]) == (
        "Đúng hạn",
        "Trễ hạn",
        "Quá hạn, chưa gửi",
    )
    call_command("seed_demo", *HISTORICAL, stdout=StringIO())  # again: nothing new
    assert PeriodicReport.objects.count() == 2
