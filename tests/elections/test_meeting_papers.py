"""Every field of the meeting-day papers, read back from the PDF as a reviewer would: form 02
(the counting minutes of a secret ballot), the record of a show of hands, form 03 (the
meeting's minutes, the community's decision), form 04 (household ballots) and the ballots.

Khu phố 1 (10 households) of Phường 22 meets on 27/10/2024; its election team's head is
Trần Văn Bình."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from elections import count_documents, rules
from elections.count_documents import (
    BALLOT_PAPERS,
    COMMUNITY_DECISION,
    COUNTING_MINUTES,
    HOUSEHOLD_BALLOT_MINUTES,
    HOUSEHOLD_BALLOT_PAPER,
)
from elections.models import ContestKind, Election, Meeting, Plan, PlannerRole, TeamRole, VotingMethod
from elections.selectors import meeting as meeting_selectors
from elections.selectors.count import candidates_of
from elections.services import household_ballots, procedure
from elections.services import meeting as meeting_services
from elections.services.team import team_member_add
from reporting.services import document_request, latest_document
from tests.elections import ballot_helpers as steps
from tests.elections.count_helpers import (
    check_in_first,
    contest,
    enter_twice,
    run_procedure,
    secret_ballot,
    vote_every_contest,
)
from tests.issuing import issue, text_of
from tests.reporting.pdf import pdf_text

HELD_ON = dt.date(2024, 10, 27)
PLACE = "Nhà văn hóa Khu phố 1, số 12 đường Nguyễn Xí"


def _ward_time(day: dt.date, hour: int, minute: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour, minute))


def read_back(kind, source, django_capture_on_commit_callbacks) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        document = document_request(kind=kind, source=source)
    document.refresh_from_db()
    assert document.file, document.error
    return " ".join(pdf_text(document.file.read()).split())


def pdf_pages(kind, source, django_capture_on_commit_callbacks) -> list[str]:
    with django_capture_on_commit_callbacks(execute=True):
        document = document_request(kind=kind, source=source)
    document.refresh_from_db()
    reader = PdfReader(io.BytesIO(document.file.read()))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


@pytest.fixture
def team(personas):
    return personas.p22_kp1_tobaucu, personas.p22_kp1_thuky


@pytest.fixture
def election(ready_election):
    """Khu phố 1 with its meeting place and its election team's head."""
    Election.objects.filter(pk=ready_election.pk).update(meeting_place=PLACE)
    ready_election.refresh_from_db()
    team_member_add(
        election=ready_election, full_name="Trần Văn Bình", role=TeamRole.HEAD, represents="front_committee"
    )
    return ready_election


@pytest.fixture
def meeting(election, team) -> Meeting:
    """Opened at 17:51 in the ward's time on the meeting day, 6 of 10 households present."""
    meeting = meeting_services.meeting_open(by=team[0], election=election)
    Meeting.objects.filter(pk=meeting.pk).update(opened_at=_ward_time(HELD_ON, 17, 51))
    meeting.refresh_from_db()
    check_in_first(meeting, team[0], 6)
    return meeting


def counted(meeting: Meeting, team, method=VotingMethod.SECRET_BALLOT) -> Meeting:
    """The procedure, then every contest counted: the meeting closes; its end set to 19:05."""
    meeting = run_procedure(meeting, method)
    if method == VotingMethod.SECRET_BALLOT:
        vote_every_contest(meeting, *team)
    else:
        for c in meeting_selectors.contests_to_vote(meeting):
            counts = {x.pk: [0, 6, 0] for x in candidates_of(c)}
            counts[candidates_of(c)[0].pk] = [5, 1, 0]
            enter_twice(meeting, c, team[0], team[1], {"method": method, "figures": {}, "counts": counts})
    meeting.refresh_from_db()
    assert meeting.closed_at is not None
    Meeting.objects.filter(pk=meeting.pk).update(closed_at=_ward_time(HELD_ON, 19, 5))
    meeting.refresh_from_db()
    return meeting


def minutes_facts(meeting: Meeting) -> Meeting:
    return meeting_services.meeting_minutes_record(
        meeting=meeting,
        chair_name="Trần Văn Bình",
        discussion="Bà Lê Thị Lan đề nghị người trúng cử công khai số điện thoại.",
        representatives=["Hoàng Văn Một", "Trịnh Thị Hai"],
    )


# --- Form 02 --------------------------------------------------------------------------


def test_form_02_says_when_and_where_the_board_counted_who_it_was_and_where_the_copies_go(
    meeting, team, django_capture_on_commit_callbacks
):
    meeting = counted(meeting, team)
    # The board's count accepted at 20:30 on the meeting day, in the ward's time.
    meeting.results.update(created_at=_ward_time(HELD_ON, 20, 30))
    text = read_back(COUNTING_MINUTES, meeting, django_capture_on_commit_callbacks)
    assert f"Hồi 20 giờ 30 phút, ngày 27 tháng 10 năm 2024, tại {PLACE}, Ban kiểm phiếu" in text
    assert "bầu Trưởng khu phố và thành viên Ban Thanh tra nhân dân, nhiệm kỳ" in text
    assert "1. Lê Văn An – Trưởng ban" in text
    assert "2. Phạm Thị Bình – Thành viên 3. Võ Văn Cường – Thành viên" in text
    assert (
        "với sự chứng kiến của 02 đại diện hộ gia đình tham dự cuộc họp: ông (bà) Đỗ Văn Dũng, "
        "ông (bà) Ngô Thị Em" in text
    )
    assert "Số phiếu phát ra 6 (sáu)" in text
    assert "Bầu thành viên Ban Thanh tra nhân dân" in text  # no capital mid-sentence
    assert (
        "Biên bản được lập thành 03 bản: 01 bản gửi Ủy ban nhân dân Phường 22; 01 bản gửi Ủy ban Mặt trận "
        "Tổ quốc Việt Nam Phường 22; 01 bản lưu tại khu phố./." in text
    )
    assert "TRƯỞNG BAN KIỂM PHIẾU (Ký, ghi rõ họ tên) Lê Văn An" in text
    assert text.count("ĐẠI DIỆN HỘ GIA ĐÌNH CHỨNG KIẾN") == 2 and "Ngô Thị Em" in text
    assert ".;" not in text
    # The percentage keeps its sign on the same line: a non-breaking space before "%".
    context = count_documents.counting_minutes_context(meeting)
    assert context["results"][0]["candidates"][0]["share"] == "60,0\u00a0%"


def test_a_count_entered_on_a_later_day_is_dated_the_meeting_day_without_an_hour(meeting, team):
    meeting = counted(meeting, team)
    meeting.results.update(created_at=_ward_time(HELD_ON + dt.timedelta(days=1), 9, 0))
    held_at = count_documents.counting_minutes_context(meeting)["held_at"]
    assert held_at == "Ngày 27 tháng 10 năm 2024"


def test_a_show_of_hands_is_recorded_as_the_result_of_the_vote_without_a_counting_board(
    meeting, team, django_capture_on_commit_callbacks
):
    minutes_facts(meeting)
    meeting = counted(meeting, team, VotingMethod.SHOW_OF_HANDS)
    labels = dict(count_documents.meeting_documents(meeting))
    assert labels[COUNTING_MINUTES] == "Biên bản kết quả biểu quyết giơ tay"
    text = read_back(COUNTING_MINUTES, meeting, django_capture_on_commit_callbacks)
    assert "BIÊN BẢN Kết quả biểu quyết bầu cử tại Khu phố 1" in text
    assert f"tại {PLACE}, cuộc họp cộng đồng dân cư Khu phố 1, Phường 22" in text
    assert "do ông (bà) Trần Văn Bình chủ trì, ông (bà) Trần Thị Thư làm thư ký" in text
    assert "đã biểu quyết bằng hình thức giơ tay" in text
    assert "điểm c khoản 5 Điều 3 Nghị định số 59/2023/NĐ-CP" in text
    assert "Số hộ đồng ý Số hộ không đồng ý Số hộ không có ý kiến" in text
    assert "Nguyễn Văn head 5 (năm) 1 (một) 0 (không) 50,0 %" in text
    assert "Ban kiểm phiếu" not in text and "Số phiếu phát ra" not in text and "03 bản" not in text
    assert "NGƯỜI CHỦ TRÌ CUỘC HỌP (Ký, ghi rõ họ tên) Trần Văn Bình" in text
    assert "THƯ KÝ CUỘC HỌP (Ký, ghi rõ họ tên) Trần Thị Thư" in text


# --- Form 03 --------------------------------------------------------------------------


def test_form_03_states_every_item_of_luat_article_20_2_with_named_signers(
    meeting, team, django_capture_on_commit_callbacks
):
    procedure.secretary_approve(meeting=meeting, name="Trần Thị Thư", votes_for=6)
    procedure.list_present(meeting=meeting)
    procedure.floor_nomination_add(
        meeting=meeting,
        contest=contest(meeting, ContestKind.HEAD),
        full_name="Bùi Văn Hai",
        gender="male",
        birth_date=dt.date(1975, 5, 5),
        nomination_source="floor",
    )
    minutes_facts(meeting)
    meeting = counted(meeting, team)
    text = read_back(COMMUNITY_DECISION, meeting, django_capture_on_commit_callbacks)
    for expected in (
        # a) the time, start and end in the ward's time, and the place
        "I. Thời gian, địa điểm: từ 17 giờ 51 phút đến 19 giờ 05 phút, ngày 27 tháng 10 năm 2024, "
        f"tại {PLACE}.",
        "Chủ trì cuộc họp: ông (bà) Trần Văn Bình",
        "Thư ký cuộc họp: ông (bà) Trần Thị Thư",
        # b) the households
        "Tổng số hộ gia đình trong khu phố: 10 (mười).",
        "Số đại diện hộ gia đình tham dự: 6 (sáu), đạt 60,0 % tổng số hộ.",
        "Số hộ gia đình không có đại diện tham dự: 4 (bốn).",
        # c) what was discussed: the posts, the nominations from the floor, the discussion
        "bầu Trưởng khu phố và thành viên Ban Thanh tra nhân dân Khu phố 1",
        "Người được đề cử, ứng cử tại cuộc họp để bầu Trưởng khu phố: ông (bà) Bùi Văn Hai.",
        "Ý kiến thảo luận: Bà Lê Thị Lan đề nghị người trúng cử công khai số điện thoại.",
        # d) the form of the vote, đ) the result, e) the decision
        "IV. Hình thức: Bỏ phiếu kín, được 6 (sáu) đại diện hộ tán thành",
        "VI. Quyết định của cộng đồng dân cư:",
        "trúng cử Trưởng khu phố",
        "trúng cử thành viên Ban Thanh tra nhân dân",
        # g) the signers
        "TỔ TRƯỞNG TỔ BẦU CỬ (Ký, ghi rõ họ tên) Trần Văn Bình",
        "TRƯỞNG BAN CÔNG TÁC MẶT TRẬN KHU PHỐ",
        "ĐẠI DIỆN HỘ GIA ĐÌNH (Ký, ghi rõ họ tên) Hoàng Văn Một",
        "ĐẠI DIỆN HỘ GIA ĐÌNH (Ký, ghi rõ họ tên) Trịnh Thị Hai",
    ):
        assert expected in text, expected
    assert ".;" not in text
    signers = count_documents.community_decision_context(meeting)["signers"]
    # The Front committee head is named when the paper is issued.
    assert {
        "title": "Trưởng ban công tác Mặt trận khu phố",
        "name": "",
        "slot": "front_committee_head",
    } in signers


def test_form_03_prints_the_wards_time_not_utc(meeting):
    """A meeting opened at 10:51 UTC opened at 17:51 in Hồ Chí Minh City."""
    Meeting.objects.filter(pk=meeting.pk).update(
        opened_at=dt.datetime(2024, 10, 27, 10, 51, tzinfo=dt.UTC),
        closed_at=dt.datetime(2024, 10, 27, 12, 5, tzinfo=dt.UTC),
    )
    meeting.refresh_from_db()
    time = count_documents.community_decision_context(meeting)["time"]
    assert time == "từ 17 giờ 51 phút đến 19 giờ 05 phút, ngày 27 tháng 10 năm 2024"


def test_form_03_is_not_drawn_up_before_the_meeting_ends(meeting, team, login, personas):
    meeting = run_procedure(meeting)
    head = contest(meeting, ContestKind.HEAD)
    enter_twice(meeting, head, team[0], team[1], secret_ballot({candidates_of(head)[0]: 6}, issued=6))
    meeting.refresh_from_db()
    assert meeting.closed_at is None  # the board's count is still to come
    assert count_documents.drawing_up_problems(meeting, COMMUNITY_DECISION)
    assert not count_documents.drawing_up_problems(meeting, COUNTING_MINUTES)
    client = login(team[0])
    response = client.post(reverse("elections:meeting_document", args=[meeting.pk, COMMUNITY_DECISION]))
    page = client.get(response["Location"]).content.decode()
    assert "Cuộc họp chưa kết thúc: biên bản cuộc họp (mẫu 03) ghi thời gian bắt đầu và kết thúc" in page
    assert latest_document(kind=COMMUNITY_DECISION, source=meeting) is None


def test_the_chair_the_discussion_and_the_signers_are_entered_on_the_meeting_page(meeting, login, team):
    client = login(team[0])
    page = client.get(reverse("elections:meeting_page", args=[meeting.election_id])).content.decode()
    # The team's head is proposed as the chair.
    assert 'name="minutes-chair_name"' in page and 'value="Trần Văn Bình"' in page
    client.post(
        reverse("elections:meeting_procedure", args=[meeting.pk, "minutes"]),
        {
            "minutes-chair_name": "Trần  Văn Bình",
            "minutes-discussion": "Không có ý kiến khác.",
            "minutes-representative_1": "Hoàng Văn Một",
            "minutes-representative_2": "Trịnh Thị Hai",
        },
    )
    meeting.refresh_from_db()
    assert meeting.chair_name == "Trần Văn Bình"
    assert meeting.discussion == "Không có ý kiến khác."
    assert meeting.representatives == ["Hoàng Văn Một", "Trịnh Thị Hai"]


def test_form_03_is_signed_by_two_different_household_representatives(meeting):
    with pytest.raises(ValidationError, match="điểm g khoản 2 Điều 20"):
        meeting_services.meeting_minutes_record(
            meeting=meeting, chair_name="Trần Văn Bình", discussion="", representatives=["Hoàng Văn Một", ""]
        )
    with pytest.raises(ValidationError, match="hai người khác nhau"):
        meeting_services.meeting_minutes_record(
            meeting=meeting,
            chair_name="Trần Văn Bình",
            discussion="",
            representatives=["Hoàng Văn Một", "Hoàng  Văn Một"],
        )
    meeting.refresh_from_db()
    assert meeting.representatives == [] and meeting.chair_name == ""


# --- Form 04 --------------------------------------------------------------------------


@pytest.fixture
def lacking(election, team):
    """5 of 10 present: nobody could be elected, household ballots open."""
    meeting = meeting_services.meeting_open(by=team[0], election=election)
    check_in_first(meeting, team[0], 5)
    vote_every_contest(run_procedure(meeting), *team)
    election.refresh_from_db()
    return election


def test_form_04_is_issued_by_the_distribution_team_dated_the_count_day_with_its_witnesses(
    lacking, personas, team, django_capture_on_commit_callbacks
):
    meeting = steps.ready_round(lacking, personas.p22_ubnd)
    for household in meeting.election.neighborhood.households.order_by("code")[:8]:
        ballot = household_ballots.ballot_distribute(by=team[0], meeting=meeting, household=household)
        household_ballots.ballot_return(by=team[0], ballot=ballot)
    for c in meeting_selectors.contests_to_vote(meeting):
        enter_twice(meeting, c, team[0], team[1], secret_ballot({candidates_of(c)[0]: 6}, issued=8))
    # Signed on the count day, not before it.
    with pytest.raises(ValidationError, match="không được trước ngày kiểm phiếu"):
        issue(
            HOUSEHOLD_BALLOT_MINUTES,
            meeting,
            django_capture_on_commit_callbacks,
            by=personas.p22_ubnd,
            signed_on=dt.date(2024, 11, 7),
        )
    paper = issue(
        HOUSEHOLD_BALLOT_MINUTES,
        meeting,
        django_capture_on_commit_callbacks,
        by=personas.p22_ubnd,
        signed_on=dt.date(2024, 11, 8),
    )
    text = text_of(paper)
    assert text.startswith("PHƯỜNG 22 TỔ PHÁT PHIẾU KHU PHỐ 1")
    assert "Khu phố 1, ngày 08 tháng 11 năm 2024" in text
    assert "Tổ phát phiếu Khu phố 1 gồm các ông (bà): Trần Văn Bình, Lê Thị Cúc, Phạm Văn Dân" in text
    # The count day (the count was entered later, so without its hour).
    assert "Ngày 08 tháng 11 năm 2024, Tổ phát phiếu tiến hành kiểm phiếu" in text
    assert "chứng kiến việc kiểm phiếu: ông (bà) Đỗ Văn Dũng, ông (bà) Ngô Thị Em" in text
    assert "01 bản lưu tại khu phố./." in text
    assert "TỔ TRƯỞNG TỔ PHÁT PHIẾU (Ký, ghi rõ họ tên) Trần Văn Bình" in text
    assert "ĐẠI DIỆN HỘ GIA ĐÌNH CHỨNG KIẾN (Ký, ghi rõ họ tên) Đỗ Văn Dũng" in text
    assert "ĐẠI DIỆN HỘ GIA ĐÌNH CHỨNG KIẾN (Ký, ghi rõ họ tên) Ngô Thị Em" in text


# --- Ballots --------------------------------------------------------------------------


def test_ballots_carry_no_number_and_no_stamp_sentence_by_default(
    meeting, team, django_capture_on_commit_callbacks
):
    meeting = run_procedure(meeting)
    pages = pdf_pages(BALLOT_PAPERS, contest(meeting), django_capture_on_commit_callbacks)
    assert len(pages) == 1 + 6 + 10
    assert "In 16 (mười sáu) phiếu: 6 (sáu) phiếu cho các hộ và 10 (mười) phiếu dự phòng" in pages[0]
    ballots = pages[1:]
    assert len(set(ballots)) == 1, "every ballot is the same: none can be traced to a household"
    assert "Phiếu số" not in ballots[0] and "16" not in ballots[0]
    assert "dấu của tổ bầu cử" not in ballots[0].lower() and "chữ ký của tổ" not in ballots[0].lower()
    assert (
        "Phiếu đồng ý nhiều hơn hoặc phiếu ghi thêm tên người ngoài danh sách là phiếu không hợp lệ."
        in (ballots[0])
    )


def test_the_stamp_sentence_appears_where_the_plan_says_the_team_stamps_its_ballots(
    meeting, django_capture_on_commit_callbacks
):
    plan = meeting.election.plan
    Plan.objects.filter(pk=plan.pk).update(rule_overrides={"ballot_stamp": True})
    meeting.election.plan.refresh_from_db()
    text = read_back(BALLOT_PAPERS, contest(meeting), django_capture_on_commit_callbacks)
    assert (
        "Phiếu đồng ý nhiều hơn, phiếu không có dấu của Tổ bầu cử hoặc phiếu ghi thêm tên người ngoài "
        "danh sách là phiếu không hợp lệ." in text
    )
    assert "Dấu của Tổ bầu cử" in text


def test_ballot_stamp_is_a_switch_a_plan_may_turn_on():
    assert rules.RuleSettings().ballot_stamp is False
    assert rules.RuleSettings.from_overrides({"ballot_stamp": True}).ballot_stamp is True
    with pytest.raises(ValidationError, match="true hoặc false"):
        rules.RuleSettings.from_overrides({"ballot_stamp": 1})
    with pytest.raises(ValidationError):
        rules.RuleSettings.from_overrides({"ballot_spares": True})


def test_the_household_ballot_has_no_number_and_names_its_real_signer(
    lacking, personas, django_capture_on_commit_callbacks
):
    meeting = steps.start_round(
        lacking, personas.p22_ubnd, planner_role=PlannerRole.CONVENER, planner_name="Lý Văn Triệu"
    )
    steps.decide_team(meeting, personas.p22_ubnd)
    steps.give_notice(meeting, personas.p22_ubnd)
    meeting.refresh_from_db()
    pages = pdf_pages(HOUSEHOLD_BALLOT_PAPER, meeting, django_capture_on_commit_callbacks)
    assert len(pages) == 2  # how many to print, then the one ballot to copy
    assert "In 10 (mười) phiếu" in pages[0]
    ballot = pages[1]
    assert "phiếu không có chữ ký của người triệu tập là phiếu không hợp lệ" in ballot
    assert "chữ ký của Trưởng khu phố" not in ballot
    assert ballot.endswith("Lý Văn Triệu")
