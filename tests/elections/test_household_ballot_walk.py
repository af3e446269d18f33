"""The demo's household-ballot round, step by step as NĐ 59/2023 Art. 4 runs it.

Phường 22's Khu phố 9 meets on Sunday 27/10/2024 with half of its households: nobody can
reach more than half of all households, so the route of Luật Art. 19.1.b opens. Then:
the khu phố head's plan made with the Front committee head and sent within 2 days (4.2)
-> the team the head decides, led by the Front's representative (4.3) -> the public
notice at least 2 days before distribution (4.4) -> the ballot paper (4.5) -> one ballot
handed out and collected per household (4.6.a) -> the count before 2 household witnesses,
form 04 dated the count day (4.6.a) -> the community decision (Luật Art. 20.2), due 5
working days from the end of collection (4.7), and the ward's recognition.
"""

import datetime as dt
import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from elections import consultation, rules
from elections.count_documents import (
    HOUSEHOLD_BALLOT_DECISION,
    HOUSEHOLD_BALLOT_MINUTES,
    HOUSEHOLD_BALLOT_PAPER,
)
from elections.models import ContestKind, Decision, DecisionKind, Election, Plan, PlannerRole, Stage
from elections.selectors import count as count_selectors
from elections.selectors import meeting as meeting_selectors
from elections.selectors.plans import election_checklist
from elections.services import decisions, household_ballots
from elections.services import meeting as meeting_services
from elections.services.candidates import candidate_add
from elections.services.plans import election_schedule
from elections.services.team import team_member_add
from neighborhoods.models import Division, Role
from reporting.services import document_request
from tests.elections.count_helpers import check_in_first, enter_twice, run_procedure, secret_ballot
from tests.factories import HISTORICAL, make_staff
from tests.issuing import issue as issued_paper
from tests.issuing import text_of as issued_text
from tests.reporting.pdf import pdf_text

MEETING_DAY = dt.date(2024, 10, 27)
PLAN_ISSUED, PLAN_SENT = dt.date(2024, 10, 28), dt.date(2024, 10, 30)
TEAM_DECIDED, NOTICED, STARTS = dt.date(2024, 10, 29), dt.date(2024, 10, 30), dt.date(2024, 11, 1)
DEADLINE = COUNTED = dt.date(2024, 11, 8)


@pytest.fixture
def demo(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", *HISTORICAL, stdout=StringIO())


@pytest.fixture
def people(demo):
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    p22 = Division.objects.get(code="26956", map_edition="2024")
    return {
        "ward": users.get(username="p22.ubnd"),
        "front": users.get(username="p22.mttq"),
        "team": (
            make_staff("p22.tobaucu.a", p22, Role.ELECTION_TEAM),
            make_staff("p22.tobaucu.b", p22, Role.ELECTION_TEAM),
        ),
    }


@pytest.fixture
def khu_pho_9(people) -> Election:
    """Khu phố 9 prepared and met: half of its households came, nobody elected."""
    plan = Plan.objects.get(number="192/KHLT-UBND-UBMTTQ")
    election = plan.elections.get(neighborhood__name="Khu phố 9")
    election_schedule(
        by=people["ward"],
        election=election,
        meeting_date=MEETING_DAY,
        meeting_time=None,
        meeting_place="Nhà văn hóa",
    )
    team_member_add(election=election, full_name="Trần Văn Tổ 9", role="head", represents="front_committee")
    for c in election.contests.all():
        candidate_add(
            contest=c,
            full_name="Nguyễn Văn Ứng Viên 9" if c.kind == ContestKind.HEAD else "Lê Thị Ứng Viên 9",
            gender="male" if c.kind == ContestKind.HEAD else "female",
            birth_date=dt.date(1974, 3, 1),
            nomination_source="front_committee",
        )
        for step, user in (
            ("record_party_opinion", people["ward"]),
            ("fix_official_list", people["ward"]),
            ("send_to_ward", people["ward"]),
            ("approve", people["front"]),
        ):
            consultation.list_transition(c, step, by=user)
    team = people["team"]
    meeting = meeting_services.meeting_open(by=team[0], election=election)
    total = meeting.household_total
    check_in_first(meeting, team[0], total // 2)
    meeting = run_procedure(meeting)
    assert not meeting_selectors.meeting_quorum(meeting).can_elect
    for c in meeting_selectors.contests_to_vote(meeting):
        candidate = count_selectors.candidates_of(c)[0]
        enter_twice(meeting, c, *team, secret_ballot({candidate: total // 2}, issued=total // 2))
    election.refresh_from_db()
    assert election.stage == Stage.COUNTED and len(count_selectors.unelected_contests(election)) == 2
    return election


def read_back(kind, source, django_capture_on_commit_callbacks) -> bytes:
    with django_capture_on_commit_callbacks(execute=True):
        document = document_request(kind=kind, source=source)
    document.refresh_from_db()
    return document.file.read()


def text_of(data: bytes) -> str:
    return " ".join(pdf_text(data).split())


def test_khu_pho_9_household_ballots_follow_nd59_article_4_step_by_step(
    khu_pho_9, people, client, django_capture_on_commit_callbacks
):
    ward, team = people["ward"], people["team"]
    election = khu_pho_9

    # 4.1.b: offered only now, on the election page.
    client.force_login(ward, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("elections:election_detail", args=[election.pk])).content.decode()
    assert "Ghi Kế hoạch phát phiếu" in page

    # 4.2: the head's plan with the Front committee head, sent on the 2nd day after issue.
    round_ = household_ballots.household_ballots_start(
        by=ward,
        election=election,
        planner_name="Phạm Văn Trưởng",
        planner_role=PlannerRole.HEAD,
        front_head_name="Hoàng Thị Mặt Trận",
        plan_number="01/KH-KP9",
        plan_issued_on=PLAN_ISSUED,
        plan_sent_on=PLAN_SENT,
        deadline=DEADLINE,
    )
    election.refresh_from_db()
    assert election.stage == Stage.HOUSEHOLD_BALLOTS
    assert not Decision.objects.filter(election=election, kind=DecisionKind.HOUSEHOLD_BALLOTS).exists()
    lines = {line.key: line for line in election_checklist(election, dt.date(2024, 11, 12))}
    assert lines["ballot_plan_sent"].status == rules.DONE

    # 4.3: the team of 3, led by the Front committee's representative, decided by the head.
    household_ballots.ballot_team_decide(
        by=team[0],
        meeting=round_,
        decided_by="Phạm Văn Trưởng",
        decided_on=TEAM_DECIDED,
        leader="Trần Văn Tổ 9",
        members=["Lê Thị Phát", "Phạm Văn Thu"],
        leader_represents_front=True,
    )

    # 4.4: the notice at least 2 days before the distribution -- one day is refused.
    with pytest.raises(Exception, match="tức là đến ngày 30/10/2024"):
        household_ballots.ballot_notice_record(
            by=team[0], meeting=round_, noticed_on=dt.date(2024, 10, 31), distribution_starts_on=STARTS
        )
    household_ballots.ballot_notice_record(
        by=team[0],
        meeting=round_,
        noticed_on=NOTICED,
        distribution_starts_on=STARTS,
        means="Niêm yết tại nhà văn hóa",
    )

    # 4.5: the ballot paper, one per household, signed by the head at the bottom right.
    round_.refresh_from_db()
    paper = read_back(HOUSEHOLD_BALLOT_PAPER, round_, django_capture_on_commit_callbacks)
    reader = PdfReader(io.BytesIO(paper))
    assert len(reader.pages) == 2
    total = round_.household_total
    assert f"In {total} (" in " ".join(reader.pages[0].extract_text().split())
    first = " ".join(reader.pages[1].extract_text().split())
    for text in (
        "PHIẾU LẤY Ý KIẾN HỘ GIA ĐÌNH",
        "Khu phố 9, nhiệm kỳ 2024 - 2029",
        "Nguyễn Văn Ứng Viên 9",
        "Lê Thị Ứng Viên 9",
        "Hướng dẫn cách lựa chọn",
        "Ý kiến khác (nếu có)",
        "Thời hạn thu phiếu: ngày 08 tháng 11 năm 2024",
    ):
        assert text in first, text
    assert first.endswith("TRƯỞNG KHU PHỐ (Ký trực tiếp, ghi rõ họ tên) Phạm Văn Trưởng")

    # 4.6.a: one ballot per household, from the announced day; three quarters come back.
    households = list(election.neighborhood.households.filter(status="active").order_by("code"))
    reached = households[: round_.household_total * 3 // 4]
    with pytest.raises(Exception, match="Chưa đến ngày phát phiếu đã thông báo"):
        household_ballots.ballot_distribute(
            by=team[0], meeting=round_, household=reached[0], on=dt.date(2024, 10, 31)
        )
    for household in reached:
        ballot = household_ballots.ballot_distribute(
            by=team[0], meeting=round_, household=household, on=STARTS
        )
        household_ballots.ballot_return(by=team[1], ballot=ballot)

    # 4.6.a: the count day and the 2 household witnesses, then the double-entry count.
    household_ballots.ballot_count_prepare(
        by=team[0], meeting=round_, witnesses=["Đỗ Văn Chứng", "Ngô Thị Kiến"], counted_on=COUNTED
    )
    for c in meeting_selectors.contests_to_vote(round_):
        candidate = count_selectors.candidates_of(c)[0]
        enter_twice(round_, c, *team, secret_ballot({candidate: len(reached) - 2}, issued=len(reached)))
    election.refresh_from_db()
    round_.refresh_from_db()
    assert election.stage == Stage.COUNTED and count_selectors.unelected_contests(election) == []

    # Form 04 is signed on the count day (NĐ 59 Art. 4.6.a).
    paper = issued_paper(
        HOUSEHOLD_BALLOT_MINUTES,
        round_,
        django_capture_on_commit_callbacks,
        by=people["ward"],
        signed_on=COUNTED,
    )
    minutes = issued_text(paper)
    assert "Khu phố 9, ngày 08 tháng 11 năm 2024" in minutes
    assert "(Mẫu số 04, Nghị định số 59/2023/NĐ-CP)" in minutes
    assert "Đại diện hộ gia đình được mời chứng kiến việc kiểm phiếu: ông (bà) Đỗ Văn Chứng" in minutes
    assert "ĐẠI DIỆN HỘ GIA ĐÌNH CHỨNG KIẾN" in minutes and "Ngô Thị Kiến" in minutes

    # 4.7 with Luật Art. 20.2-20.3: the community's decision, due 5 working days from 08/11/2024.
    decision = text_of(read_back(HOUSEHOLD_BALLOT_DECISION, round_, django_capture_on_commit_callbacks))
    assert "từ ngày 01/11/2024 đến ngày 08/11/2024" in decision
    assert f"Số đại diện hộ gia đình tham gia (phiếu thu về): {len(reached)}" in decision
    assert "chậm nhất ngày 15/11/2024" in decision
    for signer in ("Phạm Văn Trưởng", "Hoàng Thị Mặt Trận", "Đỗ Văn Chứng", "Ngô Thị Kiến"):
        assert signer in decision
    line = {line.key: line for line in election_checklist(election, dt.date(2024, 11, 12))}[
        "community_decision"
    ]
    assert line.due == dt.date(2024, 11, 15) and line.status == rules.DUE and "Điều 4.7" in line.basis

    # The ward receives it on 14/11 and recognises the head: the deadline is met.
    decisions.head_recognise(
        by=ward, election=election, received_on=dt.date(2024, 11, 14), decided_on=dt.date(2024, 11, 18)
    )
    election.refresh_from_db()
    lines = {line.key: line for line in election_checklist(election, dt.date(2024, 11, 20))}
    assert lines["community_decision"].status == rules.DONE
    assert lines["recognition"].status == rules.DONE
    # The board member is the ward Front's to recognise, on its own clock: until then the
    # election is not done.
    assert election.stage == Stage.COUNTED
    decisions.board_member_recognise(
        by=people["front"],
        election=election,
        received_on=dt.date(2024, 11, 14),
        decided_on=dt.date(2024, 11, 19),
    )
    election.refresh_from_db()
    assert election.stage == Stage.RECOGNISED
