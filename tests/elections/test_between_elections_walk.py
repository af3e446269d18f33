"""The years between elections on the demo Phường 22, each step taken as its user takes it.

Khu phố 1 elected its head and its board member, both recognised. In March 2025 the head asks
to leave: the khu phố's meeting agrees and the ward recognises it, so the post is vacant with a
new election due within 60 days (NĐ 59/2023, Art. 9.3). The ward appoints an interim head with
the ward Front's agreement and decides the new election within the 60 days; that election
recognises a new head, who fills the vacancy. In 2026 the ward Front proposes to let the board
member go; the khu phố's meeting agrees and the Front lets the member go with more than 6 months
of the term left, so a by-election elects a new member, whom the Front recognises (Luật
10/2022/QH15, Art. 36.2). The district's dashboard counts the vacancy and the interim head while
they last.
"""

import datetime as dt

from django.urls import reverse

from elections import consultation
from elections.models import (
    ContestKind,
    Election,
    ElectionPurpose,
    OfficePost,
    Stage,
    TenureEnd,
    TenureKind,
    Vacancy,
)
from elections.selectors import meeting as meeting_selectors
from elections.selectors import tenures as tenure_selectors
from elections.services import board_term, decisions
from elections.services.candidates import candidate_add
from neighborhoods.models import Division
from reporting import progress
from tests.elections.test_head_release_walk import MEETING, _as, _convene, _decide, _messages, _record
from tests.elections.test_recognition_per_post_walk import demo, people, sitting, walk  # noqa: F401
from tests.forms import with_token


def _kp1_in_office(walk, people):  # noqa: F811
    """Khu phố 1's term election: the head recognised by the ward, the member by the Front."""
    _plan, elections = walk
    kp1 = elections["Khu phố 1"]
    total = meeting_selectors.household_total(kp1)
    sitting(kp1, people, present=total // 2 + 10, head=total // 2 + 5, board=total // 2 + 5)
    dates = {"received_on": dt.date(2024, 10, 28), "decided_on": dt.date(2024, 10, 30)}
    decisions.head_recognise(by=people["ward"], election=kp1, **dates)
    decisions.board_member_recognise(by=people["front"], election=kp1, **dates)
    return kp1, total


def _approve_list(election, people, full_name: str, birth_date: dt.date) -> None:  # noqa: F811
    """The Front committee's list of one candidate, through the consultation."""
    (contest,) = election.contests.all()
    candidate_add(
        contest=contest,
        full_name=full_name,
        gender="female",
        birth_date=birth_date,
        nomination_source="front_committee",
    )
    for step, user in (
        ("record_party_opinion", people["ward"]),
        ("fix_official_list", people["ward"]),
        ("send_to_ward", people["ward"]),
        ("approve", people["front"]),
    ):
        consultation.list_transition(contest, step, by=user)


def _district_term(today: dt.date):
    """The district dashboard's line of the term (vacancies, interim heads, overdue elections)."""
    binh_thanh = Division.objects.get(code="765", map_edition="2024")
    return progress.progress(binh_thanh, today).total.term


def test_a_head_resigns_an_interim_head_serves_and_a_new_head_is_elected_within_sixty_days(
    client,
    walk,  # noqa: F811
    people,  # noqa: F811
):
    kp1, total = _kp1_in_office(walk, people)
    kp = kp1.neighborhood
    head = tenure_selectors.serving_head(kp)
    ward = _as(client, people["ward"])

    # The head's own request; the meeting agrees; the ward recognises it.
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
    _convene(ward, kp.release_requests.get(), MEETING)
    meeting = Election.objects.get(purpose=ElectionPurpose.HEAD_DISMISSAL, neighborhood=kp)
    sitting(meeting, people, present=total // 2 + 10, head=total // 2 + 5, board=0)
    recognised = _decide(
        ward, meeting, "release_recognise", {"received_on": "11/03/2025", "decided_on": "14/03/2025"}
    )
    assert "Đã công nhận kết quả cho thôi làm Trưởng khu phố." in _messages(recognised)
    vacancy = Vacancy.objects.get(neighborhood=kp, post=OfficePost.HEAD, filled_on=None)
    assert vacancy.due_on == dt.date(2025, 5, 13)  # 60 days after 14/03/2025

    # An interim head with the ward Front's agreement: the post is still vacant, the district sees both.
    ward.post(
        reverse("elections:vacancy_decide", args=[vacancy.pk, "interim_head"]),
        with_token(
            {
                "interim_head-decided_on": "17/03/2025",
                "interim_head-full_name": "Lê Văn Tạm",
                "interim_head-front_agreed_by": "Đặng Thị Mai",
                "interim_head-front_agreed_on": "15/03/2025",
            },
            "interim_head",
        ),
    )
    assert tenure_selectors.serving_head(kp).kind == TenureKind.INTERIM
    during = _district_term(dt.date(2025, 4, 1))
    assert (during.vacancies, during.interim_heads, during.overdue) == (1, 1, 0)
    assert _district_term(dt.date(2025, 5, 14)).overdue == 1, "no new election decided by 13/05/2025"

    # The new election, decided within the 60 days, runs as any election and elects a new head.
    response = ward.post(
        reverse("elections:vacancy_decide", args=[vacancy.pk, "new_election"]),
        with_token(
            {"new_election-decided_on": "21/04/2025", "new_election-meeting_date": "11/05/2025"},
            "new_election",
        ),
        follow=True,
    )
    assert "Đã quyết định tổ chức bầu Trưởng khu phố mới." in response.content.decode()
    vacancy.refresh_from_db()
    election = vacancy.new_election
    assert (election.purpose, election.plan) == (ElectionPurpose.NEW_HEAD, kp1.plan)
    assert _district_term(dt.date(2025, 5, 14)).overdue == 0
    _approve_list(election, people, "Phạm Thị Mới", dt.date(1978, 3, 8))
    sitting(election, people, present=total // 2 + 10, head=total // 2 + 5, board=0)
    _decide(ward, election, "recognise", {"received_on": "12/05/2025", "decided_on": "14/05/2025"})
    election.refresh_from_db()
    assert election.stage == Stage.RECOGNISED

    new_head = tenure_selectors.serving_head(kp)
    assert (new_head.full_name, new_head.kind) == ("Phạm Thị Mới", TenureKind.ELECTED)
    vacancy.refresh_from_db()
    assert (vacancy.filled_on, vacancy.filled_by) == (dt.date(2025, 5, 14), new_head)
    heads = [(t.full_name, t.end_reason) for t in tenure_selectors.history(kp) if t.post == OfficePost.HEAD]
    assert heads == [
        (head.full_name, TenureEnd.RESIGNED),
        ("Lê Văn Tạm", TenureEnd.SUCCEEDED),
        ("Phạm Thị Mới", ""),
    ]
    after = _district_term(dt.date(2025, 6, 1))
    assert (after.vacancies, after.interim_heads, after.overdue) == (0, 0, 0)
    # The khu phố's page tells the story.
    page = ward.get(reverse("neighborhoods:division_detail", args=[kp.pk])).content.decode()
    assert "Lê Văn Tạm" in page and "Phạm Thị Mới" in page and "Xin thôi" in page


def test_a_board_member_let_go_with_more_than_six_months_left_is_replaced_by_a_by_election(
    walk,  # noqa: F811
    people,  # noqa: F811
):
    kp1, total = _kp1_in_office(walk, people)
    kp = kp1.neighborhood
    front = people["front"]
    (member,) = tenure_selectors.serving(kp, OfficePost.BOARD_MEMBER)

    release = board_term.board_release_propose(
        by=front,
        tenure=member,
        ground="lost_trust",
        reasons="Không tham gia các đợt kiểm tra của Ban",
        proposed_on=dt.date(2026, 5, 4),
    )
    board_term.board_release_schedule(by=front, release=release, meeting_date=dt.date(2026, 5, 17))
    sitting(release.election, people, present=total // 2 + 10, head=0, board=total // 2 + 5)
    board_term.board_release_decide(by=front, release=release, decided_on=dt.date(2026, 5, 20))
    member.refresh_from_db()
    assert (member.ended_on, member.end_reason) == (dt.date(2026, 5, 20), TenureEnd.RELEASED)
    vacancy = Vacancy.objects.get(left=member)
    assert vacancy.by_election_required  # the term runs to 31/10/2029

    guidance = board_term.by_election_open(
        by=front,
        vacancy=vacancy,
        guided_on=dt.date(2026, 5, 22),
        text="Ban công tác Mặt trận khu phố giới thiệu người ứng cử bầu bổ sung",
        meeting_date=dt.date(2026, 6, 14),
        meeting_place="Nhà văn hóa khu phố 1",
    )
    election = guidance.election
    assert election.purpose == ElectionPurpose.BY_ELECTION
    assert election.contests.get().kind == ContestKind.INSPECTION_BOARD
    _approve_list(election, people, "Đỗ Thị Mới", dt.date(1980, 9, 2))
    sitting(election, people, present=total // 2 + 10, head=0, board=total // 2 + 5)
    decisions.board_member_recognise(
        by=front, election=election, received_on=dt.date(2026, 6, 15), decided_on=dt.date(2026, 6, 17)
    )
    (new,) = tenure_selectors.serving(kp, OfficePost.BOARD_MEMBER)
    assert (new.full_name, new.kind, new.started_on) == (
        "Đỗ Thị Mới",
        TenureKind.BY_ELECTED,
        dt.date(2026, 6, 17),
    )
    vacancy.refresh_from_db()
    assert vacancy.filled_by == new
