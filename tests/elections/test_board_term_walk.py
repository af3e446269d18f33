"""Khu phố 1's board member let go and replaced within the term, as the ward Front does it on
its page (Luật Art. 36.2; NĐ 59 Art. 13.1): the Front proposes, KP1's meeting agrees, the Front
lets the member go with more than 6 months left, guides a by-election that elects a new member,
recognises them, and issues the notice of the board's composition again naming them. A member
who leaves in the term's last months leaves a seat without a by-election, and the page says why."""

import datetime as dt

from django.urls import reverse

from elections.models import BoardNotice, BoardRelease, ByElectionGuidance, TenureEnd, TenureKind, Vacancy
from elections.services import tenures
from tests.elections.board_term_helpers import approve_list, board_in_office, hold_meeting, kp1_member
from wardvote.once import FIELD as FORM_TOKEN
from wardvote.once import new_token


def post(client, name, pk, data, **kwargs):
    return client.post(reverse(name, args=[pk]), {**data, FORM_TOKEN: new_token()}, **kwargs)


def test_the_front_lets_kp1s_member_go_and_a_by_election_replaces_them(
    recognised_kp1, hcm_map, personas, login, django_capture_on_commit_callbacks
):
    board_in_office(recognised_kp1, personas)
    plan = recognised_kp1.plan
    member = kp1_member(hcm_map.kp1)
    client = login(personas.p22_mttq)
    page = reverse("elections:board_term_page", args=[plan.pk])
    text = client.get(page).content.decode()
    assert "Nguyễn Văn inspection_board" in text and "Gửi đề nghị đến khu phố" in text

    # The Front proposes; the khu phố's meeting is set and held by its election team.
    with django_capture_on_commit_callbacks(execute=True):
        post(
            client,
            "elections:board_release_propose",
            member.pk,
            {
                "ground": "not_completing",
                "reasons": "Nhiều lần không tham gia kiểm tra",
                "proposed_on": "04/05/2026",
            },
        )
    release = BoardRelease.objects.get()
    detail = client.get(reverse("elections:election_detail", args=[release.election.pk])).content.decode()
    assert "Cho thôi làm thành viên Ban Thanh tra nhân dân –" in detail
    post(client, "elections:board_release_schedule", release.pk, {"meeting_date": "17/05/2026"})
    hold_meeting(release.election, personas)
    text = client.get(page).content.decode()
    assert "Cuộc họp đồng ý cho thôi" in text and "Quyết định cho thôi" in text

    # The Front lets the member go: more than 6 months left, the seat waits for a by-election.
    response = post(
        client, "elections:board_release_decide", release.pk, {"decided_on": "20/05/2026"}, follow=True
    )
    assert "Đã quyết định cho thôi" in response.content.decode()
    member.refresh_from_db()
    assert (member.ended_on, member.end_reason) == (dt.date(2026, 5, 20), TenureEnd.RELEASED)
    vacancy = Vacancy.objects.get(left=member)
    text = client.get(page).content.decode()
    assert 'data-testid="by-election-required"' in text and 'data-testid="notice-outdated"' in text

    # The Front's guidance opens the by-election; its list, meeting and count are an election's.
    post(
        client,
        "elections:by_election_open",
        vacancy.pk,
        {
            "guided_on": "22/05/2026",
            "text": "Ban công tác Mặt trận giới thiệu người ứng cử",
            "meeting_date": "14/06/2026",
            "meeting_place": "Nhà văn hóa khu phố 1",
        },
    )
    election = ByElectionGuidance.objects.get().election
    approve_list(election, personas)
    hold_meeting(election, personas)
    prefix = f"member-{election.pk}"
    response = client.post(
        reverse("elections:board_member_recognise", args=[election.pk]),
        {
            f"{prefix}-received_on": "15/06/2026",
            f"{prefix}-decided_on": "17/06/2026",
            f"{prefix}-{FORM_TOKEN}": new_token(),
        },
        follow=True,
    )
    assert "Đã công nhận thành viên Ban Thanh tra nhân dân của Khu phố 1." in response.content.decode()
    new = kp1_member(hcm_map.kp1)
    assert (new.full_name, new.kind) == ("Đỗ Thị Mới", TenureKind.BY_ELECTED)
    vacancy.refresh_from_db()
    assert vacancy.filled_by == new
    text = client.get(page).content.decode()
    assert "Đỗ Thị Mới" in text and "Không có vị trí khuyết." in text

    # The notice of the board's composition is issued again, naming the new member.
    post(
        client,
        "elections:board_notice_reissue",
        plan.pk,
        {"issued_on": "20/06/2026", "reason": "Bầu bổ sung thành viên tại Khu phố 1"},
    )
    notice = BoardNotice.objects.order_by("-version").first()
    assert notice.version == 2
    assert "Đỗ Thị Mới" in [m["full_name"] for m in notice.details["members"]]
    assert "Nguyễn Văn inspection_board" not in [m["full_name"] for m in notice.details["members"]]
    assert 'data-testid="notice-outdated"' not in client.get(page).content.decode()


def test_a_member_leaving_in_the_last_months_leaves_a_seat_without_a_by_election(
    recognised_kp1, hcm_map, personas, login
):
    member = kp1_member(hcm_map.kp1)
    tenures.tenure_end(
        by=personas.p22_mttq,
        tenure=member,
        ended_on=member.term_ends_on - dt.timedelta(days=100),
        reason=TenureEnd.RESIGNED,
    )
    client = login(personas.p22_mttq)
    text = client.get(reverse("elections:board_term_page", args=[recognised_kp1.plan.pk])).content.decode()
    assert 'data-testid="no-by-election"' in text
    assert "dưới 6 tháng nên không bầu bổ sung (Luật 10/2022/QH15, Điều 36.2)" in text
    assert "Hướng dẫn và mở cuộc bầu bổ sung" not in text
    vacancy = Vacancy.objects.get(left=member)
    response = post(
        client,
        "elections:by_election_open",
        vacancy.pk,
        {"guided_on": "01/08/2029", "text": "x", "meeting_date": "10/08/2029"},
        follow=True,
    )
    assert "Điều 36.2" in response.content.decode()
    assert not ByElectionGuidance.objects.exists()


def test_the_ward_official_reads_the_page_without_the_fronts_forms(recognised_kp1, personas, login):
    client = login(personas.p22_ubnd)
    text = client.get(reverse("elections:board_term_page", args=[recognised_kp1.plan.pk])).content.decode()
    assert "Nguyễn Văn inspection_board" in text and "Gửi đề nghị đến khu phố" not in text


def test_the_boards_page_lists_who_serves_and_the_seats_left_vacant(recognised_kp1, hcm_map, personas, login):
    member = kp1_member(hcm_map.kp1)
    client = login(personas.p22_mttq)
    url = reverse("elections:board_page", args=[recognised_kp1.plan.pk])
    text = client.get(url).content.decode()
    assert "Nguyễn Văn inspection_board (Khu phố 1)" in text
    tenures.tenure_end(
        by=personas.p22_mttq, tenure=member, ended_on=dt.date(2026, 5, 20), reason=TenureEnd.RESIGNED
    )
    text = client.get(url).content.decode()
    assert 'data-testid="board-term-vacancy"' in text and "bầu bổ sung (Luật 10/2022/QH15, Điều 36.2)" in text
    assert reverse("elections:board_term_page", args=[recognised_kp1.plan.pk]) in text
