"""A head let go, on the demo Phường 22, as the ward's users do it (NĐ 59/2023, Art. 9).

Khu phố 1 has elected and the ward has recognised its head. First the households petition: a
petition short of half of all households is refused; one at half is recorded, the khu phố Front
committee head convenes the meeting, which does not agree (not more than half of all households
agree), so the ward cannot recognise anything and decides itself after the ward Front's
agreement: it keeps the head. Then the head asks to leave: the meeting agrees, the ward
recognises the release, the head leaves the post and the new election is due 60 days later.
"""

import datetime as dt

from django.urls import reverse

from elections.models import Election, ElectionPurpose, ReleaseStatus, Stage, TenureEnd
from elections.selectors import meeting as meeting_selectors
from elections.selectors import tenures as tenure_selectors
from elections.services import decisions
from tests.elections.test_recognition_per_post_walk import demo, people, sitting, walk  # noqa: F401
from tests.forms import with_token


def _as(client, user):
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def _recognised_kp1(walk, people):  # noqa: F811
    _plan, elections = walk
    kp1 = elections["Khu phố 1"]
    total = meeting_selectors.household_total(kp1)
    sitting(kp1, people, present=total // 2 + 10, head=total // 2 + 5, board=total // 2 + 5)
    decisions.head_recognise(
        by=people["ward"], election=kp1, received_on=dt.date(2024, 10, 28), decided_on=dt.date(2024, 10, 30)
    )
    return kp1, total


def _record(client, kp, data):
    return client.post(
        reverse("elections:head_release_request", args=[kp.pk]),
        with_token({f"request-{k}": v for k, v in data.items()}, "request"),
        follow=True,
    )


def _convene(client, release, data):
    return client.post(
        reverse("elections:head_release_convene", args=[release.pk]),
        with_token({f"convene-{k}": v for k, v in data.items()}, "convene"),
        follow=True,
    )


def _decide(client, election, action, data):
    return client.post(
        reverse("elections:election_decide", args=[election.pk, action]),
        with_token({f"{action}-{k}": v for k, v in data.items()}, action),
        follow=True,
    )


MEETING = {
    "meeting_date": "10/03/2025",
    "meeting_time": "19:00",
    "meeting_place": "Nhà văn hóa khu phố 1",
    "chair": "front_committee_head",
    "chair_name": "Lê Thị Mặt Trận",
}


def test_a_petition_whose_meeting_does_not_agree_is_decided_by_the_ward_after_the_fronts_agreement(
    client,
    walk,  # noqa: F811
    people,  # noqa: F811
):
    kp1, total = _recognised_kp1(walk, people)
    kp = kp1.neighborhood
    head = tenure_selectors.serving_head(kp)
    ward = _as(client, people["ward"])

    page = ward.get(reverse("elections:head_release_page", args=[kp.pk]))
    assert head.full_name in page.content.decode()

    half = -(-total // 2)
    short = _record(
        ward,
        kp,
        {
            "way_in": "petition",
            "received_on": "03/03/2025",
            "proposed_by": "Đỗ Văn Dân",
            "petitioners": half - 1,
        },
    )
    assert any("Điều 9.1.b" in m and f"mới có {half - 1} hộ" in m for m in _messages(short))
    assert not kp.release_requests.exists()

    recorded = _record(
        ward,
        kp,
        {"way_in": "petition", "received_on": "03/03/2025", "proposed_by": "Đỗ Văn Dân", "petitioners": half},
    )
    assert "Đã ghi nhận đề nghị cho thôi làm Trưởng khu phố." in _messages(recorded)
    release = kp.release_requests.get()
    assert (release.petitioners, release.household_total) == (half, total)

    convened = _convene(ward, release, MEETING)
    election = Election.objects.get(purpose=ElectionPurpose.HEAD_DISMISSAL, neighborhood=kp)
    assert convened.redirect_chain[-1][0] == reverse("elections:election_detail", args=[election.pk])
    assert "Cuộc họp cho thôi làm Trưởng khu phố, Khu phố 1" in convened.content.decode()
    assert election.stage == Stage.LIST_APPROVED and election.plan == kp1.plan

    # The team holds the meeting: exactly half of all households agree, which is not more than half.
    sitting(election, people, present=total // 2 + 10, head=total // 2, board=0)
    page = ward.get(reverse("elections:election_detail", args=[election.pk])).content.decode()
    assert "Cuộc họp không thống nhất được việc cho thôi làm Trưởng khu phố" in page
    assert "release_decide" in page and "release_recognise" not in page

    refused = _decide(
        ward, election, "release_recognise", {"received_on": "11/03/2025", "decided_on": "12/03/2025"}
    )
    assert any("phường quyết định sau khi thống nhất với Ủy ban MTTQ phường" in m for m in _messages(refused))

    decided = _decide(
        ward,
        election,
        "release_decide",
        {
            "decided_on": "20/03/2025",
            "outcome": "keep",
            "front_agreed_by": "Phạm Văn Mặt Trận",
            "front_agreed_on": "18/03/2025",
            "reason": "Trưởng khu phố đã khắc phục các thiếu sót được nêu.",
        },
    )
    assert "Đã ghi nhận quyết định của phường về việc cho thôi làm Trưởng khu phố." in _messages(decided)
    release.refresh_from_db()
    assert release.status == ReleaseStatus.KEPT
    assert tenure_selectors.serving_head(kp) == head
    election.refresh_from_db()
    assert election.stage == Stage.RECOGNISED
    assert "Quyết định việc cho thôi làm Trưởng khu phố (20/03/2025)" in decided.content.decode()


def test_the_heads_own_request_passes_and_the_ward_recognises_it(
    client,
    walk,  # noqa: F811
    people,  # noqa: F811
):
    kp1, total = _recognised_kp1(walk, people)
    kp = kp1.neighborhood
    head = tenure_selectors.serving_head(kp)
    ward = _as(client, people["ward"])
    _record(
        ward,
        kp,
        {
            "way_in": "own_request",
            "received_on": "03/03/2025",
            "proposed_by": head.full_name,
            "reasons": "Sức khỏe",
        },
    )
    release = kp.release_requests.get()
    _convene(ward, release, MEETING)
    election = Election.objects.get(purpose=ElectionPurpose.HEAD_DISMISSAL, neighborhood=kp)
    sitting(election, people, present=total // 2 + 10, head=total // 2 + 5, board=0)

    page = ward.get(reverse("elections:election_detail", args=[election.pk])).content.decode()
    assert "Cộng đồng dân cư đồng ý cho" in page
    assert "UBND phường công nhận kết quả cho thôi làm Trưởng khu phố hoặc trả lời bằng văn bản" in page
    assert "17/03/2025" in page  # 5 working days from the meeting's day until the receipt is recorded
    # Not an election: its one paper before the meeting is the invitation (form 01).
    assert "Giấy mời họp (mẫu 01)" in page and "Quyết định tổ chức bầu cử" not in page

    recognised = _decide(
        ward, election, "release_recognise", {"received_on": "11/03/2025", "decided_on": "14/03/2025"}
    )
    assert "Đã công nhận kết quả cho thôi làm Trưởng khu phố." in _messages(recognised)
    assert tenure_selectors.serving_head(kp) is None
    head.refresh_from_db()
    assert (head.ended_on, head.end_reason) == (dt.date(2025, 3, 14), TenureEnd.RESIGNED)
    (vacancy,) = tenure_selectors.open_vacancies(kp)
    assert vacancy.due_on == dt.date(2025, 5, 13)
    page = ward.get(reverse("elections:head_release_page", args=[kp.pk])).content.decode()
    assert "Khu phố đang khuyết Trưởng khu phố." in page
    assert "Đã cho thôi làm Trưởng khu phố" in page
    assert "UBND phường quyết định bầu mới chậm nhất ngày 13/05/2025 (NĐ 59/2023, Điều 9.3)" in page
