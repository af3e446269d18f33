"""The decisions and form 05 as an office writes them: numbered articles ending with the
entry into force and the executors, "Nơi nhận" pointing at the executing article, the legal
bases by their full titles, the head's duties cited from the right text, "ông"/"bà" by the
person's gender; form 05 from the Front committee's recorded conference (or dotted blanks)."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from elections import rules
from elections.count_documents import DECISION, decision_context
from elections.documents import (
    DECISION_TO_HOLD,
    LIST_MINUTES,
    TEAM_DECISION,
    decision_to_hold_context,
    list_minutes_context,
    team_decision_context,
)
from elections.models import Candidate, ContestKind, Decision, DecisionKind, ListConference
from elections.services import decisions
from elections.services.candidates import list_conference_record
from reporting.services import document_request
from reporting.vietnamese import BLANK
from tests.elections.test_after_the_count import decide_rerun, hold_meeting
from tests.issuing import draft, issue, text_of
from tests.reporting.pdf import pdf_text

LOCAL_GOVERNMENT_LAW = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"
FRONT_LAW = "Căn cứ Luật Mặt trận Tổ quốc Việt Nam ngày 09 tháng 6 năm 2015;"
DEMOCRACY_LAW = "Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022;"
DECREE_59 = (
    "Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14 tháng 8 năm 2023 của Chính phủ quy định chi tiết một số "
    "điều của Luật Thực hiện dân chủ ở cơ sở;"
)
CIRCULAR_04 = (
    "Điều 10 Thông tư số 04/2012/TT-BNV ngày 31 tháng 8 năm 2012 của Bộ Nội vụ hướng dẫn về tổ chức và "
    "hoạt động của thôn, tổ dân phố"
)
IN_FORCE = "Quyết định này có hiệu lực kể từ ngày ký."
EXECUTES = "chịu trách nhiệm thi hành Quyết định này./."


@pytest.fixture
def team(personas):
    return personas.p22_kp1_tobaucu, personas.p22_kp1_thuky


@pytest.fixture
def elected(ready_election, team):
    return hold_meeting(ready_election, team, present=7)


@pytest.fixture
def failed(ready_election, team):
    return hold_meeting(ready_election, team, present=6, share=5)


def read_back(kind, source, django_capture_on_commit_callbacks) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        document = document_request(kind=kind, source=source)
    document.refresh_from_db()
    assert document.error == ""
    # Lines wrap where the page ends them (and a no-break space reads back as a space).
    return " ".join(pdf_text(document.file.read()).split())


def recognise_head(election, personas) -> Decision:
    return decisions.head_recognise(
        by=personas.p22_ubnd,
        election=election,
        received_on=dt.date(2024, 10, 28),
        decided_on=dt.date(2024, 11, 1),
    )


def recognise_board_member(election, personas) -> Decision:
    return decisions.board_member_recognise(
        by=personas.p22_mttq,
        election=election,
        received_on=dt.date(2024, 10, 28),
        decided_on=dt.date(2024, 11, 1),
    )


def old_record(plan, election, kind, details, by) -> Decision:
    """A decision of a kind no service makes any more (the papers of old records stay readable)."""
    return Decision.objects.create(
        plan=plan, election=election, kind=kind, decided_on=dt.date(2024, 11, 22), by=by, details=details
    )


def assert_an_office_decision(text: str, context: dict, front: bool) -> None:
    """Numbered articles; the last but one puts it in force, the last names who executes it;
    "Nơi nhận" points at that article; the bases by their full titles."""
    articles = context["articles"]
    last = len(articles)
    assert last >= 3
    numbers = [int(n) for n in re.findall(r"Điều (\d+)\. ", text) if int(n) <= last]
    assert sorted(set(numbers)) == list(range(1, last + 1))
    assert f"Điều {last - 1}. {IN_FORCE}" in text
    assert re.search(rf"Điều {last}\. [^.]+ {re.escape(EXECUTES)}", text)
    assert f"Như Điều {last};" in text and context["recipients"][0] == f"Như Điều {last}"
    # Each basis ends with ";", the last one with "," before "QUYẾT ĐỊNH:".
    assert DEMOCRACY_LAW in text and DECREE_59[:-1] in text
    assert re.search(r"[,] QUYẾT ĐỊNH:", text) and context["bases"][-1].endswith(",")
    assert (FRONT_LAW if front else LOCAL_GOVERNMENT_LAW) in text
    assert "số 10/2022/QH15 ngày" not in text  # the law by its title, not its number
    assert ".;" not in text and "..." not in text


# --- Every kind of decision -----------------------------------------------------------


def test_the_recognitions_end_with_force_and_executors_and_cite_the_heads_duties(
    elected, personas, django_capture_on_commit_callbacks
):
    head = recognise_head(elected.election, personas)
    text = read_back(DECISION, head, django_capture_on_commit_callbacks)
    assert_an_office_decision(text, decision_context(head), front=False)
    # Luật Art. 22 is the ward's power over community decisions, not the head's duties.
    assert f"Trưởng Khu phố 1 có nhiệm vụ, quyền hạn theo {CIRCULAR_04}." in text
    assert "Điều 22 Luật số 10/2022/QH15" not in text
    assert "Công nhận ông Nguyễn Văn head, sinh năm 1970" in text and "ông (bà)" not in text
    assert "Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân Phường 22" in text

    member = recognise_board_member(elected.election, personas)
    text = read_back(DECISION, member, django_capture_on_commit_callbacks)
    assert_an_office_decision(text, decision_context(member), front=True)
    assert "Công nhận ông Nguyễn Văn inspection_board" in text
    assert "Ban Thanh tra nhân dân Phường 22, Ban công tác Mặt trận Khu phố 1, ông Nguyễn Văn" in text


def test_a_re_run_and_an_interim_head_are_decisions_in_force_from_signing(
    failed, personas, django_capture_on_commit_callbacks
):
    decide_rerun(failed, personas)
    rerun = Decision.objects.get(kind=DecisionKind.RERUN)
    text = read_back(DECISION, rerun, django_capture_on_commit_callbacks)
    assert_an_office_decision(text, decision_context(rerun), front=False)
    assert "Tổ bầu cử Khu phố 1" in text

    interim = decisions.interim_head_appoint(
        by=personas.p22_ubnd,
        election=failed.election,
        decided_on=dt.date(2024, 11, 20),
        full_name="Lý Văn Tạm",
        front_agreed_on=dt.date(2024, 10, 28),
        front_agreed_by="Phạm Thị Mặt Trận",
    )
    text = read_back(DECISION, interim, django_capture_on_commit_callbacks)
    assert_an_office_decision(text, decision_context(interim), front=False)
    # The appointee's gender is not recorded: the paper keeps "ông (bà)".
    assert "Cử ông (bà) Lý Văn Tạm làm Trưởng Khu phố 1 lâm thời" in text
    assert "theo đoạn cuối khoản 3 Điều 9 Nghị định số 59/2023/NĐ-CP" in text
    assert f"nhiệm vụ, quyền hạn theo {CIRCULAR_04}" in text


def test_an_annulment_is_a_decision_in_force_from_signing(
    elected, personas, django_capture_on_commit_callbacks
):
    annul = decisions.community_decision_annul(
        by=personas.p22_ubnd,
        election=elected.election,
        decided_on=dt.date(2024, 10, 30),
        ground=rules.IRREGULAR_PROCEDURE,
        reason="Cuộc họp không lập danh sách hộ tham dự.",
        meeting_date=dt.date(2024, 11, 10),
    )
    text = read_back(DECISION, annul, django_capture_on_commit_callbacks)
    assert_an_office_decision(text, decision_context(annul), front=False)
    assert "Lý do: Cuộc họp không lập danh sách hộ tham dự." in text


def test_the_old_kinds_of_decision_read_the_same_way(
    plans, ready_election, personas, django_capture_on_commit_callbacks
):
    plan = plans["ward"]
    ballots = old_record(
        plan,
        ready_election,
        DecisionKind.HOUSEHOLD_BALLOTS,
        {
            "household_total": 10,
            "deadline": "20/11/2024",
            "team": ["Trần Văn Bình", "Lê Thị Cúc", "Võ Văn Dư"],
        },
        personas.p22_ubnd,
    )
    context = decision_context(ballots)
    assert context["table_after"] == 2  # the team's table follows the article that names it
    text = read_back(DECISION, ballots, django_capture_on_commit_callbacks)
    assert_an_office_decision(text, context, front=False)
    assert text.index("Điều 2.") < text.index("Trần Văn Bình") < text.index("Điều 3.")

    members = [
        {"full_name": "Lê Thị An", "neighborhood": "Khu phố 1"},
        {"full_name": "Phạm Văn Bình", "neighborhood": "Khu phố 2"},
    ]
    board = old_record(plan, None, DecisionKind.RECOGNISE_BOARD, {"members": members}, personas.p22_mttq)
    text = read_back(DECISION, board, django_capture_on_commit_callbacks)
    assert_an_office_decision(text, decision_context(board), front=True)
    assert "Công nhận 2 (hai) thành viên Ban Thanh tra nhân dân Phường 22" in text

    officers = old_record(
        plan,
        None,
        DecisionKind.BOARD_OFFICERS,
        {"head": members[0], "deputies": [members[1]]},
        personas.p22_mttq,
    )
    text = read_back(DECISION, officers, django_capture_on_commit_callbacks)
    assert_an_office_decision(text, decision_context(officers), front=True)


def test_a_correction_names_the_replaced_decision_in_the_entry_into_force_article(
    elected, personas, signers, django_capture_on_commit_callbacks
):
    first = recognise_head(elected.election, personas)
    context = decision_context(first)
    first_paper = issue(
        DECISION,
        first,
        django_capture_on_commit_callbacks,
        by=personas.p22_ubnd,
        signed_on=dt.date(2024, 11, 1),
        signer=signers.chairman,
    )
    replacement = Decision.objects.create(
        plan=first.plan,
        election=first.election,
        kind=first.kind,
        decided_on=dt.date(2024, 11, 5),
        received_on=first.received_on,
        details=first.details,
        reason="Cộng nhầm phiếu hợp lệ",
        version=2,
        supersedes=first,
        by=personas.p22_ubnd,
    )
    # The replaced paper's number is known once that paper is issued: the draft leaves it dotted.
    drafted = draft(DECISION, replacement, django_capture_on_commit_callbacks).context["articles"]
    dotted = "Quyết định này thay thế văn bản số …… ngày ……."
    assert drafted[-2] == f"{IN_FORCE} {dotted} Lý do đính chính: Cộng nhầm phiếu hợp lệ."
    paper = issue(
        DECISION,
        replacement,
        django_capture_on_commit_callbacks,
        by=personas.p22_ubnd,
        signed_on=dt.date(2024, 11, 5),
        signer=signers.chairman,
    )
    articles = paper.context["articles"]
    assert len(articles) == len(context["articles"])
    assert articles[-2] == (
        f"{IN_FORCE} Quyết định này thay thế Quyết định số {first_paper.number} ngày 01/11/2024. "
        "Lý do đính chính: Cộng nhầm phiếu hợp lệ."
    )
    assert "Quyết định này thay thế Quyết định số 01/QĐ-UBND ngày 01/11/2024" in text_of(paper)


# --- The head's duties basis and the honorific ----------------------------------------


def test_a_plan_may_cite_the_provinces_rules_for_the_heads_duties(elected, personas):
    decision = recognise_head(elected.election, personas)
    provincial = (
        "Điều 8 Quy chế tổ chức và hoạt động của khu phố ban hành kèm theo Quyết định số 20/2024/QĐ-UBND"
    )
    plan = decision.plan
    plan.rule_overrides = {**plan.rule_overrides, "head_duties_basis": provincial}
    plan.save()
    decision.refresh_from_db()
    articles = decision_context(decision)["articles"]
    assert articles[1] == f"Trưởng Khu phố 1 có nhiệm vụ, quyền hạn theo {provincial}."
    assert not any("Thông tư số 04/2012" in article for article in articles)


@pytest.mark.parametrize("value", [12, "", "   "])
def test_the_heads_duties_basis_must_be_a_text(value):
    with pytest.raises(ValidationError):
        rules.RuleSettings.from_overrides({"head_duties_basis": value})


def test_a_day_count_cannot_be_a_text():
    with pytest.raises(ValidationError):
        rules.RuleSettings.from_overrides({"plan_days": "20"})


def test_ong_or_ba_follows_the_recorded_gender(elected, personas):
    Candidate.objects.filter(contest__election=elected.election, contest__kind=ContestKind.HEAD).update(
        gender="female"
    )
    decision = recognise_head(elected.election, personas)
    assert decision.details["gender"] == "female"
    assert decision_context(decision)["articles"][0].startswith("Công nhận bà Nguyễn Văn head, sinh năm 1970")
    # A recognition recorded before the gender was kept still reads "ông (bà)".
    decision.details = {k: v for k, v in decision.details.items() if k != "gender"}
    assert decision_context(decision)["articles"][0].startswith("Công nhận ông (bà) Nguyễn Văn head")


def test_the_recognised_share_keeps_its_percent_sign_on_the_figures_line(elected, personas):
    decision = recognise_head(elected.election, personas)
    assert "(70,0\u00a0%)" in decision_context(decision)["articles"][0]
    # The last two words of each line of the subject stay together.
    assert decision_context(decision)["subject"].endswith("2024\u00a0-\u00a02029")


# --- Form 05 ----------------------------------------------------------------------------


def conference(election, **overrides) -> ListConference:
    fields = {
        "held_at": timezone.make_aware(dt.datetime(2024, 10, 10, 19, 30)),
        "place": "Nhà văn hóa khu phố 1",
        "members_total": 9,
        "members_present": 7,
        "chair": "Phạm Thị Mặt Trận",
        "secretary": "Trần Thị Thư",
        "party_cell_opinion": "Chi ủy Chi bộ khu phố 1 thống nhất danh sách",
        "votes_for": 7,
        **overrides,
    }
    return list_conference_record(election=election, **fields)


def test_form_05_prints_the_conference_as_recorded(ready_election, django_capture_on_commit_callbacks):
    conference(ready_election)
    text = read_back(LIST_MINUTES, ready_election, django_capture_on_commit_callbacks)
    assert "Mẫu số 05 kèm theo Nghị định số 59/2023/NĐ-CP" in text
    assert "Hôm nay, vào hồi 19 giờ 30 phút, ngày 10 tháng 10 năm 2024, tại Nhà văn hóa khu phố 1" in text
    assert "Chủ trì: ông (bà) Phạm Thị Mặt Trận." in text and "Thư ký: ông (bà) Trần Thị Thư." in text
    assert "Ban công tác Mặt trận có mặt: 7 (bảy) trên tổng số 9 (chín) thành viên." in text
    assert "Ý kiến của Chi bộ: Chi ủy Chi bộ khu phố 1 thống nhất danh sách." in text
    assert "7 (bảy) thành viên tán thành trên tổng số 7 (bảy) thành viên có mặt (100,0 %)." in text
    assert "Nguyễn Văn head" in text and BLANK not in text
    signers = list_minutes_context(ready_election)["signers"]
    assert signers[:2] == [
        {"title": "Thư ký", "name": "Trần Thị Thư"},
        {"title": "Chủ trì", "name": "Phạm Thị Mặt Trận"},
    ]
    assert signers[2] == {"title": "Trưởng ban công tác Mặt trận", "name": "", "slot": "front_committee_head"}


def test_form_05_leaves_dotted_blanks_when_nothing_is_recorded(
    ready_election, django_capture_on_commit_callbacks
):
    text = read_back(LIST_MINUTES, ready_election, django_capture_on_commit_callbacks)
    assert (
        f"Hôm nay, vào hồi {BLANK} giờ {BLANK} phút, ngày {BLANK} tháng {BLANK} năm {BLANK}, tại {BLANK}"
        in text
    )
    assert f"Chủ trì: ông (bà) {BLANK}." in text and f"Ý kiến của Chi bộ: {BLANK}" in text
    assert f"có mặt: {BLANK} trên tổng số {BLANK} thành viên." in text
    assert [s["name"] for s in list_minutes_context(ready_election)["signers"]] == ["", "", ""]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"members_present": 10}, "Số thành viên có mặt (10) không được lớn hơn tổng số thành viên"),
        ({"votes_for": 8}, "Số thành viên tán thành (8) không được lớn hơn số thành viên có mặt (7)"),
        ({"held_at": timezone.now() + dt.timedelta(days=1)}, "Hội nghị chưa diễn ra"),
        ({"party_cell_opinion": "  "}, "ý kiến của Chi bộ"),
    ],
)
def test_the_conference_record_refuses_what_cannot_be(ready_election, overrides, message):
    with pytest.raises(ValidationError, match=re.escape(message)) as refused:
        conference(ready_election, **overrides)
    assert "khoản 2 Điều 6 Nghị định số 59/2023/NĐ-CP" in str(refused.value)
    assert not ListConference.objects.exists()


def test_the_front_officer_records_the_conference_on_the_list_page(kp1_scheduled, login, personas):
    head = kp1_scheduled.contests.get(kind=ContestKind.HEAD)
    client = login(personas.p22_mttq)
    page = client.get(reverse("elections:contest_detail", args=[head.pk])).content.decode()
    assert "Chưa ghi nhận hội nghị" in page
    data = {
        "conference-held_at": "10/10/2024 19:30",
        "conference-place": "Nhà văn hóa khu phố 1",
        "conference-members_total": "9",
        "conference-members_present": "7",
        "conference-chair": "Phạm Thị Mặt Trận",
        "conference-secretary": "Trần Thị Thư",
        "conference-party_cell_opinion": "Thống nhất",
        "conference-votes_for": "6",
    }
    url = reverse("elections:list_conference", args=[head.pk])
    page = client.post(url, {**data, "conference-votes_for": "8"}, follow=True).content.decode()
    assert "không được lớn hơn số thành viên có mặt" in page and not ListConference.objects.exists()
    client.post(url, data)
    recorded = ListConference.objects.get(election=kp1_scheduled)
    assert timezone.localtime(recorded.held_at).strftime("%d/%m/%Y %H:%M") == "10/10/2024 19:30"
    assert (recorded.members_present, recorded.votes_for) == (7, 6)
    page = client.get(reverse("elections:contest_detail", args=[head.pk])).content.decode()
    assert "Trần Thị Thư" in page and "6/7" in page


def test_someone_who_cannot_enter_the_list_cannot_record_the_conference(kp1_scheduled, login, personas):
    head = kp1_scheduled.contests.get(kind=ContestKind.HEAD)
    client = login(personas.p22_kp1_thuky)
    response = client.post(reverse("elections:list_conference", args=[head.pk]), {"conference-place": "x"})
    assert response.status_code == 404 and not ListConference.objects.exists()


def test_the_decisions_to_hold_and_to_form_the_team_read_the_same_way(
    kp1_scheduled, django_capture_on_commit_callbacks
):
    for kind, builder in (
        (DECISION_TO_HOLD, decision_to_hold_context),
        (TEAM_DECISION, team_decision_context),
    ):
        text = read_back(kind, kp1_scheduled, django_capture_on_commit_callbacks)
        assert_an_office_decision(text, builder(kp1_scheduled), front=False)
        assert "Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân Phường 22" in text
    # The team is formed after agreeing it with the ward Front (NĐ 59 Art. 6.1.b), the last basis.
    assert "Sau khi thống nhất với Ủy ban Mặt trận Tổ quốc Việt Nam Phường 22 (điểm b khoản 1 Điều 6" in text
