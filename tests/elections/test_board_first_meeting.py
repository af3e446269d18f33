"""The inspection board after its members are recognised: the ward Front convenes the
board's meeting and sets the number of deputies, the board elects its head and deputies,
its minutes, the Front's notice of its composition and the public page (Luật Art. 40.2.b;
NĐ 59 Art. 13.3); and the Front's choice of which khu phố elect two (Luật Art. 36.1; NĐ 59
Art. 13.2)."""

import datetime as dt
import unicodedata

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse

from elections import board_documents, consultation, count_documents
from elections.models import (
    BoardMeeting,
    BoardNotice,
    Candidate,
    ContestKind,
    ContestResult,
    Decision,
    DecisionKind,
    ListStatus,
    Meeting,
    Plan,
)
from elections.selectors.board import open_board_meeting
from elections.services import board, decisions
from elections.services.candidates import candidate_add
from reporting.models import DocumentStatus
from reporting.services import document_request
from tests.issuing import issue, text_of
from tests.reporting.pdf import pdf_text
from wardvote.once import FIELD as FORM_TOKEN
from wardvote.once import new_token

HELD_ON = dt.date(2024, 11, 25)
NAMES = ["Lê Thị An", "Phạm Văn Bình", "Võ Thị Cúc"]


def recognise_whole_board(plan: Plan, front) -> None:
    """The ward Front recognises each khu phố's elected member, each on its own."""
    for election in plan.elections.all():
        decisions.board_member_recognise(
            by=front, election=election, received_on=dt.date(2024, 11, 18), decided_on=dt.date(2024, 11, 20)
        )


def elect_members(plan: Plan) -> list[Candidate]:
    """Each khu phố's board member, elected by a count stored directly (these tests are
    about what follows the count)."""
    elected = []
    for n, election in enumerate(plan.elections.order_by("neighborhood__name")):
        contest = election.contests.get(kind=ContestKind.INSPECTION_BOARD)
        # Only an approved list's winner is recognised.
        contest.list_status = ListStatus.APPROVED
        contest.save(update_fields=["list_status"])
        candidate = Candidate.objects.create(
            contest=contest,
            full_name=NAMES[n],
            gender="female",
            birth_date=dt.date(1970, 1, 1 + n),
            nomination_source="front_committee",
        )
        meeting = Meeting.objects.create(election=election, household_total=10, held_on=dt.date(2024, 10, 27))
        ContestResult.objects.create(
            meeting=meeting,
            contest=contest,
            method="secret_ballot",
            household_total=10,
            present=8,
            issued=8,
            returned=8,
            valid=8,
            invalid=0,
            counts={str(candidate.pk): 7},
            elected=candidate,
            reason="7/10 hộ",
            threshold=6,
        )
        elected.append(candidate)
    return elected


@pytest.fixture
def plan(plans):
    """Phường 22 of the test map has 3 khu phố: the plan sets the board at 3 members."""
    ward_plan = plans["ward"]
    ward_plan.rule_overrides = {"inspection_board_min_members": 3}
    ward_plan.save(update_fields=["rule_overrides"])
    return Plan.objects.get(pk=ward_plan.pk)


@pytest.fixture
def members(plan, personas):
    elected = elect_members(plan)
    recognise_whole_board(plan, personas.p22_mttq)
    return elected


def convene(plan, personas, **overrides) -> BoardMeeting:
    fields = {
        "convened_on": dt.date(2024, 11, 21),
        "held_on": HELD_ON,
        "place": "Hội trường UBND phường",
        "chair": "Nguyễn Văn Chủ",
        "secretary": "Trần Thị Thư",
        "deputies": 1,
    }
    return board.board_meeting_convene(by=personas.p22_mttq, plan=plan, **(fields | overrides))


def elected_meeting(plan, personas, members) -> BoardMeeting:
    meeting = convene(plan, personas)
    meeting = board.board_attendance_record(
        by=personas.p22_mttq, meeting=meeting, present=[m.pk for m in members]
    )
    return board.board_officers_elect(
        by=personas.p22_mttq,
        meeting=meeting,
        head=members[1].pk,
        head_votes=3,
        deputies=[members[0].pk],
        deputy_votes=[2],
    )


def render(kind, source, django_capture_on_commit_callbacks) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        document = document_request(kind=kind, source=source)
    document.refresh_from_db()
    assert document.status == DocumentStatus.READY, document.error
    return " ".join(unicodedata.normalize("NFC", pdf_text(document.file.read())).split())


# --- Convening --------------------------------------------------------------------------


def test_the_board_meeting_waits_for_the_members_recognition(plan, personas):
    elect_members(plan)
    with pytest.raises(ValidationError, match="chưa được công nhận đủ thành viên"):
        convene(plan, personas)
    assert not BoardMeeting.objects.exists()


def test_the_front_sets_at_most_two_deputies(plan, personas, members):
    with pytest.raises(ValidationError, match="không quá 2 Phó Trưởng ban"):
        convene(plan, personas, deputies=3)
    assert not BoardMeeting.objects.exists()


def test_the_convening_needs_a_chair_a_place_and_a_date_after_it(plan, personas, members):
    with pytest.raises(ValidationError) as error:
        convene(plan, personas, chair="  ", place="", held_on=dt.date(2024, 11, 20))
    text = " ".join(error.value.messages)
    assert "chủ trì" in text and "địa điểm" in text and "trước ngày triệu tập" in text


def test_one_meeting_at_a_time_holding_the_members_recognised(plan, personas, members):
    meeting = convene(plan, personas)
    assert [m["full_name"] for m in meeting.members] == NAMES and meeting.number == 1
    with pytest.raises(ValidationError, match="chưa kết thúc"):
        convene(plan, personas)


# --- Attendance and the vote ------------------------------------------------------------


def test_half_of_the_members_or_fewer_close_the_meeting_and_another_is_convened(plan, personas, members):
    meeting = convene(plan, personas)
    meeting = board.board_attendance_record(by=personas.p22_mttq, meeting=meeting, present=[members[0].pk])
    assert meeting.closed_at is not None and meeting.elected_at is None
    with pytest.raises(ValidationError, match="đã kết thúc"):
        board.board_officers_elect(
            by=personas.p22_mttq,
            meeting=meeting,
            head=members[0].pk,
            head_votes=1,
            deputies=[],
            deputy_votes=[],
        )
    again = convene(plan, personas, held_on=dt.date(2024, 11, 28))
    assert again.number == 2 and open_board_meeting(plan) == again


def test_only_members_are_present(plan, personas, members):
    meeting = convene(plan, personas)
    with pytest.raises(ValidationError, match="phải là thành viên"):
        board.board_attendance_record(by=personas.p22_mttq, meeting=meeting, present=[members[0].pk, 999999])
    meeting.refresh_from_db()
    assert meeting.attendance_recorded_at is None


def test_the_vote_comes_after_the_attendance(plan, personas, members):
    meeting = convene(plan, personas)
    with pytest.raises(ValidationError, match="có mặt trước khi bầu"):
        board.board_officers_elect(
            by=personas.p22_mttq,
            meeting=meeting,
            head=members[0].pk,
            head_votes=3,
            deputies=[members[1].pk],
            deputy_votes=[3],
        )


def test_an_officer_needs_more_than_half_of_all_members_and_nothing_is_saved_otherwise(
    plan, personas, members
):
    meeting = convene(plan, personas)
    meeting = board.board_attendance_record(
        by=personas.p22_mttq, meeting=meeting, present=[members[0].pk, members[1].pk]
    )
    with pytest.raises(ValidationError) as error:
        board.board_officers_elect(
            by=personas.p22_mttq,
            meeting=meeting,
            head=members[0].pk,
            head_votes=2,
            deputies=[members[1].pk],
            deputy_votes=[1],
        )
    assert "Phó Trưởng ban Phạm Văn Bình: 1/3" in " ".join(error.value.messages)
    meeting.refresh_from_db()
    assert meeting.officers == {} and meeting.closed_at is None


def test_the_vote_elects_exactly_the_deputies_the_front_set_each_once(plan, personas, members):
    meeting = convene(plan, personas)
    meeting = board.board_attendance_record(
        by=personas.p22_mttq, meeting=meeting, present=[m.pk for m in members]
    )
    with pytest.raises(ValidationError, match="đã quyết định 1 Phó Trưởng ban, không phải 0"):
        board.board_officers_elect(
            by=personas.p22_mttq,
            meeting=meeting,
            head=members[0].pk,
            head_votes=3,
            deputies=[],
            deputy_votes=[],
        )
    with pytest.raises(ValidationError, match="không giữ hai chức danh"):
        board.board_officers_elect(
            by=personas.p22_mttq,
            meeting=meeting,
            head=members[0].pk,
            head_votes=3,
            deputies=[members[0].pk],
            deputy_votes=[3],
        )
    with pytest.raises(ValidationError, match="phải là thành viên của Ban"):
        board.board_officers_elect(
            by=personas.p22_mttq,
            meeting=meeting,
            head=999999,
            head_votes=3,
            deputies=[members[1].pk],
            deputy_votes=[3],
        )
    with pytest.raises(ValidationError, match="số thành viên có mặt \\(3\\), không phải 4"):
        board.board_officers_elect(
            by=personas.p22_mttq,
            meeting=meeting,
            head=members[0].pk,
            head_votes=4,
            deputies=[members[1].pk],
            deputy_votes=[3],
        )


def test_the_board_elects_its_head_and_deputy_and_the_meeting_closes(plan, personas, members):
    meeting = elected_meeting(plan, personas, members)
    assert meeting.officers["head"]["full_name"] == "Phạm Văn Bình" and meeting.officers["head"]["votes"] == 3
    assert [d["full_name"] for d in meeting.officers["deputies"]] == ["Lê Thị An"]
    assert meeting.closed_at is not None
    with pytest.raises(ValidationError, match="đã kết thúc"):
        board.board_attendance_record(by=personas.p22_mttq, meeting=meeting, present=[])


# --- The minutes, the notice, the public page -------------------------------------------


def test_the_minutes_of_the_board_meeting(plan, personas, members, django_capture_on_commit_callbacks):
    meeting = elected_meeting(plan, personas, members)
    paper = issue(
        board_documents.BOARD_MINUTES,
        meeting,
        django_capture_on_commit_callbacks,
        by=personas.p22_mttq,
        signed_on=meeting.held_on,
    )
    text = text_of(paper)
    assert "BIÊN BẢN" in text and "Họp Ban Thanh tra nhân dân Phường 22" in text
    assert "Phường 22, ngày 25 tháng 11 năm 2024" in text
    assert "Chủ trì: ông (bà) Nguyễn Văn Chủ, đại diện Ủy ban MTTQ Việt Nam Phường 22" in text
    assert "Có mặt: 3 (ba); vắng mặt: 0 (không)" in text and "ít nhất 2 (hai) thành viên" in text
    assert "Ông (bà) Phạm Văn Bình (Khu phố 2) được 3 (ba) thành viên tán thành" in text
    assert "trúng cử Trưởng ban" in text and "trúng cử Phó Trưởng ban" in text
    assert "Thư ký: ông (bà) Trần Thị Thư" in text and "bầu Trưởng ban và 1 (một) Phó Trưởng ban" in text


def test_the_minutes_of_a_meeting_without_quorum(plan, personas, members, django_capture_on_commit_callbacks):
    meeting = convene(plan, personas)
    meeting = board.board_attendance_record(by=personas.p22_mttq, meeting=meeting, present=[members[0].pk])
    text = render(board_documents.BOARD_MINUTES, meeting, django_capture_on_commit_callbacks)
    assert "cuộc họp không tiến hành bầu" in text


def test_the_notice_waits_for_the_vote_and_not_before_the_meeting(plan, personas, members):
    meeting = convene(plan, personas)
    with pytest.raises(ValidationError, match="chưa bầu Trưởng ban"):
        board.board_notice_issue(by=personas.p22_mttq, meeting=meeting, issued_on=HELD_ON)
    meeting = elected_meeting_from(meeting, personas, members)
    with pytest.raises(ValidationError, match="trước ngày họp"):
        board.board_notice_issue(by=personas.p22_mttq, meeting=meeting, issued_on=dt.date(2024, 11, 24))
    notice = board.board_notice_issue(by=personas.p22_mttq, meeting=meeting, issued_on=dt.date(2024, 11, 26))
    assert [(m["full_name"], m["post"]) for m in notice.details["members"]] == [
        ("Phạm Văn Bình", "Trưởng ban"),
        ("Lê Thị An", "Phó Trưởng ban"),
        ("Võ Thị Cúc", "Ủy viên"),
    ]
    with pytest.raises(ValidationError, match="Đã thông báo"):
        board.board_notice_issue(by=personas.p22_mttq, meeting=meeting, issued_on=dt.date(2024, 11, 27))
    assert BoardNotice.objects.count() == 1


def elected_meeting_from(meeting, personas, members) -> BoardMeeting:
    meeting = board.board_attendance_record(
        by=personas.p22_mttq, meeting=meeting, present=[m.pk for m in members]
    )
    return board.board_officers_elect(
        by=personas.p22_mttq,
        meeting=meeting,
        head=members[1].pk,
        head_votes=3,
        deputies=[members[0].pk],
        deputy_votes=[2],
    )


def test_the_notice_to_the_council_the_committee_and_the_public(
    plan, personas, members, django_capture_on_commit_callbacks
):
    meeting = elected_meeting(plan, personas, members)
    notice = board.board_notice_issue(by=personas.p22_mttq, meeting=meeting, issued_on=dt.date(2024, 11, 26))
    text = render(board_documents.BOARD_NOTICE, notice, django_capture_on_commit_callbacks)
    assert "THÔNG BÁO" in text and "TB-MTTQ" in text
    assert "Kết quả bầu Trưởng ban, Phó Trưởng ban và thành phần Ban Thanh tra nhân dân Phường 22" in text
    assert "Căn cứ điểm b khoản 2 Điều 40 Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022;" in text
    assert "Trưởng ban: ông (bà) Phạm Văn Bình" in text and "Phó Trưởng ban: ông (bà) Lê Thị An" in text
    assert "Võ Thị Cúc Ủy viên Khu phố 3" in text
    assert (
        "Nơi nhận:" in text and "Hội đồng nhân dân Phường 22" in text and "Ủy ban nhân dân Phường 22" in text
    )
    assert "BAN THƯỜNG TRỰC ỦY BAN MTTQ VIỆT NAM" in text.upper()


def test_the_public_page_shows_the_composition_once_notified(client, plan, personas, members):
    url = reverse("elections:public_ward", args=[plan.division_id])
    meeting = elected_meeting(plan, personas, members)
    page = client.get(url).content.decode()
    assert 'data-testid="public-board-composition"' not in page
    board.board_notice_issue(by=personas.p22_mttq, meeting=meeting, issued_on=dt.date(2024, 11, 26))
    cache.clear()  # the public page is cached for a minute
    page = client.get(url).content.decode()
    assert 'data-testid="public-board-composition"' in page
    assert "Phạm Văn Bình</td><td>Trưởng ban</td><td>Khu phố 2" in page
    assert "Lê Thị An</td><td>Phó Trưởng ban</td>" in page and "26/11/2024" in page


# --- The pages ------------------------------------------------------------------------


def post(client, name, pk, data):
    return client.post(reverse(f"elections:{name}", args=[pk]), {**data, FORM_TOKEN: new_token()})


def test_the_front_walks_the_board_meeting_through_its_page(login, plan, personas, members):
    client = login(personas.p22_mttq)
    page = client.get(reverse("elections:board_page", args=[plan.pk])).content.decode()
    assert "Triệu tập cuộc họp của Ban" in page and 'data-testid="board-meeting-open"' not in page
    response = post(
        client,
        "board_meeting_convene",
        plan.pk,
        {
            "convened_on": "21/11/2024",
            "held_on": "25/11/2024",
            "place": "Hội trường",
            "chair": "Nguyễn Văn Chủ",
            "deputies": "1",
        },
    )
    assert response.status_code == 302
    meeting = BoardMeeting.objects.get()
    page = client.get(reverse("elections:board_page", args=[plan.pk])).content.decode()
    assert 'data-testid="board-meeting-open"' in page and "Triệu tập cuộc họp của Ban" not in page
    assert "Ghi kết quả bầu" not in page  # no vote before the attendance
    post(client, "board_attendance", meeting.pk, {"present": [m.pk for m in members]})
    page = client.get(reverse("elections:board_page", args=[plan.pk])).content.decode()
    assert "Ghi kết quả bầu" in page and "deputy_1_votes" in page
    response = post(
        client,
        "board_elect",
        meeting.pk,
        {"head": members[2].pk, "head_votes": 1, "deputy_1": members[0].pk, "deputy_1_votes": 3},
    )
    meeting.refresh_from_db()
    assert meeting.elected_at is None  # 1 of 3 does not elect
    post(
        client,
        "board_elect",
        meeting.pk,
        {"head": members[2].pk, "head_votes": 2, "deputy_1": members[0].pk, "deputy_1_votes": 3},
    )
    meeting.refresh_from_db()
    assert meeting.officers["head"]["full_name"] == "Võ Thị Cúc"
    page = client.get(reverse("elections:board_page", args=[plan.pk])).content.decode()
    assert "Lập biên bản họp" in page and "Thông báo kết quả và thành phần Ban" in page
    post(client, "board_minutes", meeting.pk, {})
    post(client, "board_notice_issue", meeting.pk, {"issued_on": "26/11/2024"})
    notice = BoardNotice.objects.get()
    post(client, "board_notice_document", notice.pk, {})
    page = client.get(reverse("elections:board_page", args=[plan.pk])).content.decode()
    assert 'data-testid="board-notice"' in page and "Thông báo kết quả và thành phần Ban" not in page


def test_the_ward_official_reads_the_page_without_the_fronts_forms(login, plan, personas, members):
    elected_meeting(plan, personas, members)
    page = login(personas.p22_ubnd).get(reverse("elections:board_page", args=[plan.pk])).content.decode()
    assert "Phạm Văn Bình – Trưởng ban" in page
    assert "Lập biên bản họp" not in page and "Triệu tập" not in page


def test_the_minutes_are_refused_while_the_meeting_is_open(login, plan, personas, members):
    meeting = convene(plan, personas)
    client = login(personas.p22_mttq)
    response = post(client, "board_minutes", meeting.pk, {})
    assert response.status_code == 302
    assert "chưa lập biên bản" in " ".join(str(m) for m in response.wsgi_request._messages)


def test_the_inspection_board_page_links_to_the_boards_meeting(login, plan, personas, members):
    page = (
        login(personas.p22_mttq).get(reverse("elections:inspection_board", args=[plan.pk])).content.decode()
    )
    assert 'data-testid="board-page-link"' in page and "Ghi Trưởng ban, Phó Trưởng ban" not in page


def test_the_front_no_longer_records_officers_directly(login, plan, personas, members):
    # The old address of the Front's direct choice is gone.
    url = reverse("elections:inspection_board", args=[plan.pk]) + "officers/"
    assert login(personas.p22_mttq).post(url, {FORM_TOKEN: new_token()}).status_code == 404


# --- Which khu phố elect two ------------------------------------------------------------


def approve_board_list(election, personas):
    contest = election.contests.get(kind=ContestKind.INSPECTION_BOARD)
    candidate_add(
        contest=contest,
        full_name="Đỗ Thị Duyên",
        gender="female",
        birth_date=dt.date(1975, 5, 5),
        nomination_source="front_committee",
    )
    for step, user in (
        ("record_party_opinion", personas.p22_ubnd),
        ("fix_official_list", personas.p22_ubnd),
        ("send_to_ward", personas.p22_ubnd),
        ("approve", personas.p22_mttq),
    ):
        consultation.list_transition(contest, step, by=user)


def test_three_khu_pho_elect_five_the_front_choosing_which_elect_two(plans, personas, hcm_map):
    plan = plans["ward"]
    elections = {e.neighborhood.name: e for e in plan.elections.select_related("neighborhood")}
    seats = {elections["Khu phố 1"].pk: 2, elections["Khu phố 2"].pk: 2, elections["Khu phố 3"].pk: 1}
    changed = board.board_seats_allocate(by=personas.p22_mttq, plan=plan, seats=seats)
    assert len(changed) == 2
    contest = elections["Khu phố 1"].contests.get(kind=ContestKind.INSPECTION_BOARD)
    assert contest.seats == 2 and contest.version == 2


def test_the_seats_must_add_up_to_five(plans, personas):
    plan = plans["ward"]
    with pytest.raises(ValidationError, match="Tổng số thành viên các khu phố bầu là 4, phải đúng 5"):
        board.board_seats_allocate(
            by=personas.p22_mttq,
            plan=plan,
            seats={e.pk: 1 + (n == 0) for n, e in enumerate(plan.elections.all())},
        )
    assert not plan.elections.filter(contests__seats=2).exists()


def test_the_seats_are_not_changed_once_the_list_is_approved(plans, personas, hcm_map):
    plan = plans["ward"]
    kp1 = plan.elections.get(neighborhood=hcm_map.kp1)
    approve_board_list(kp1, personas)
    seats = {
        e.pk: (2 if e.neighborhood_id in (hcm_map.kp1.pk, hcm_map.kp2.pk) else 1)
        for e in plan.elections.all()
    }
    with pytest.raises(ValidationError, match="Khu phố 1 đã được duyệt"):
        board.board_seats_allocate(by=personas.p22_mttq, plan=plan, seats=seats)


def test_the_front_sets_the_seats_on_the_page(login, plans, personas, hcm_map):
    plan = plans["ward"]
    client = login(personas.p22_mttq)
    page = client.get(reverse("elections:board_page", args=[plan.pk])).content.decode()
    assert 'data-testid="board-seats-form"' in page
    data = {f"seats_{e.pk}": 2 if e.neighborhood_id != hcm_map.kp3.pk else 1 for e in plan.elections.all()}
    assert post(client, "board_seats", plan.pk, data).status_code == 302
    board_seats = plan.elections.filter(contests__kind=ContestKind.INSPECTION_BOARD)
    assert sorted(board_seats.values_list("contests__seats", flat=True)) == [1, 2, 2]


# --- Old records ----------------------------------------------------------------------


def test_officers_the_front_recorded_directly_before_stay_readable(
    login, plan, personas, members, django_capture_on_commit_callbacks
):
    old = Decision.objects.create(
        plan=plan,
        kind=DecisionKind.BOARD_OFFICERS,
        decided_on=dt.date(2024, 11, 22),
        by=personas.p22_mttq,
        details={
            "head": {"candidate": members[0].pk, "full_name": "Lê Thị An", "neighborhood": "Khu phố 1"},
            "deputies": [
                {"candidate": members[1].pk, "full_name": "Phạm Văn Bình", "neighborhood": "Khu phố 2"}
            ],
        },
    )
    page = (
        login(personas.p22_mttq).get(reverse("elections:inspection_board", args=[plan.pk])).content.decode()
    )
    assert "Trưởng ban Lê Thị An; Phó Trưởng ban Phạm Văn Bình" in page
    text = render(count_documents.DECISION, old, django_capture_on_commit_callbacks)
    assert "Về việc công nhận Trưởng ban, Phó Trưởng ban" in text and "Lê Thị An Trưởng ban" in text
