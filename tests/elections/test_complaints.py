from django.urls import reverse

from elections.models import ComplaintStatus
from tests.forms import with_token


def test_ward_front_files_and_resolves_a_complaint_through_the_pages(login, personas, kp1_election):
    client = login(personas.p22_mttq)
    url = reverse("elections:complaint_list", args=[kp1_election.pk])
    response = client.post(
        url,
        with_token(
            {
                "received_on": "16/10/2024",
                "complainant": "Lê Văn Cường",
                "content": "Người ứng cử không cư trú tại khu phố",
                "assigned_to": "Đặng Thị Mai",
            }
        ),
    )
    assert response.status_code == 302
    complaint = kp1_election.complaints.get()
    assert complaint.status == ComplaintStatus.OPEN
    client.post(
        reverse("elections:complaint_resolve", args=[complaint.pk]),
        {"resolution": "Đã xác minh, người ứng cử có cư trú.", "resolved_on": "18/10/2024"},
    )
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RESOLVED
    page = client.get(url).content.decode()
    assert "Đã giải quyết" in page and "Đã xác minh" in page


def test_a_resolution_before_the_complaint_was_received_is_refused(login, personas, kp1_election):
    client = login(personas.p22_mttq)
    url = reverse("elections:complaint_list", args=[kp1_election.pk])
    client.post(url, with_token({"received_on": "16/10/2024", "complainant": "Lê Văn Cường", "content": "x"}))
    complaint = kp1_election.complaints.get()
    response = client.post(
        reverse("elections:complaint_resolve", args=[complaint.pk]),
        {"resolution": "x", "resolved_on": "15/10/2024"},
    )
    assert "Ngày giải quyết không được trước ngày nhận." in client.get(response["Location"]).content.decode()
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.OPEN


def test_readers_see_complaints_but_cannot_file_them(login, personas, kp1_election):
    client = login(personas.binhthanh_noivu)
    url = reverse("elections:complaint_list", args=[kp1_election.pk])
    assert "Ghi nhận khiếu nại, tố cáo mới" not in client.get(url).content.decode()
    assert (
        client.post(
            url, with_token({"received_on": "16/10/2024", "complainant": "X", "content": "x"})
        ).status_code
        == 404
    )
    assert not kp1_election.complaints.exists()
