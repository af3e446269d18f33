"""The demo Phường 22 after its 26 khu phố have elected their board members: the ward
Front recognises them, sets two deputies and convenes the board's first meeting; the
board elects its head and deputies; the minutes and the notice of its composition are
printed; the public page shows the composition (Luật Art. 40.2.b; NĐ 59 Art. 13.3)."""

import datetime as dt
import unicodedata
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from elections import board_documents
from elections.models import Plan, Stage
from elections.selectors import meeting as meeting_selectors
from elections.selectors.decisions import board_complete, board_members
from elections.services import board, decisions
from neighborhoods.models import Division, Role
from reporting.models import DocumentStatus
from reporting.services import document_request
from tests.elections.test_phuong_22_walk import meet, prepare
from tests.factories import HISTORICAL, make_staff
from tests.reporting.pdf import pdf_text


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
        "p22": p22,
    }


def recognise_whole_board(plan: Plan, people) -> None:
    """The ward Front recognises each khu phố's member, on that khu phố's own receipt date."""
    for election in plan.elections.all():
        decisions.board_member_recognise(
            by=people["front"],
            election=election,
            received_on=dt.date(2024, 11, 18),
            decided_on=dt.date(2024, 11, 20),
        )


def pdf(kind, source, capture) -> str:
    with capture(execute=True):
        document = document_request(kind=kind, source=source, user=None)
    document.refresh_from_db()
    assert document.status == DocumentStatus.READY, document.error
    return " ".join(unicodedata.normalize("NFC", pdf_text(document.file.read())).split())


def test_phuong_22_board_elects_its_officers_and_the_front_announces_its_composition(
    people, client, django_capture_on_commit_callbacks
):
    plan = Plan.objects.get(number="192/KHLT-UBND-UBMTTQ")
    elections = sorted(plan.elections.select_related("neighborhood"), key=lambda e: e.neighborhood.name)
    for number, election in enumerate(elections, start=1):
        prepare(election, people, number)
        total = meeting_selectors.household_total(election)
        meet(election, people, present=total // 2 + 10, approvals=total // 2 + 3)
        assert election.stage == Stage.COUNTED
    assert not board_complete(plan)

    # 26 members recognised.
    recognise_whole_board(plan, people)
    members, missing = board_members(plan)
    assert len(members) == 26 and missing == [] and board_complete(plan)

    # The Front sets 2 deputies and convenes the first meeting, its representative chairing.
    front = people["front"]
    client.force_login(front, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("elections:board_page", args=[plan.pk])).content.decode()
    assert "Triệu tập cuộc họp của Ban" in page
    meeting = board.board_meeting_convene(
        by=front,
        plan=plan,
        convened_on=dt.date(2024, 11, 21),
        held_on=dt.date(2024, 11, 25),
        time=dt.time(8, 0),
        place="Hội trường UBND Phường 22",
        chair="Nguyễn Thị Mặt Trận",
        secretary="Trần Văn Ghi",
        deputies=2,
    )
    assert len(meeting.members) == 26

    # 20 of 26 present; the board elects its head (19 votes) and two deputies (17 and 14).
    ids = [m["candidate"] for m in members]
    meeting = board.board_attendance_record(by=front, meeting=meeting, present=ids[:20])
    assert meeting.closed_at is None
    meeting = board.board_officers_elect(
        by=front,
        meeting=meeting,
        head=ids[4],
        head_votes=19,
        deputies=[ids[0], ids[11]],
        deputy_votes=[17, 14],
    )
    head, deputies = meeting.officers["head"], meeting.officers["deputies"]
    assert head["neighborhood"] == members[4]["neighborhood"]

    # The board's minutes.
    minutes = pdf(board_documents.BOARD_MINUTES, meeting, django_capture_on_commit_callbacks)
    assert "Tổng số thành viên Ban Thanh tra nhân dân đã được công nhận: 26 (hai mươi sáu)" in minutes
    assert "Có mặt: 20 (hai mươi); vắng mặt: 6 (sáu)" in minutes
    assert "ít nhất 14 (mười bốn) thành viên" in minutes
    assert f"Ông (bà) {head['full_name']} ({head['neighborhood']}) được 19 (mười chín) thành viên" in minutes
    assert "trúng cử Trưởng ban" in minutes and minutes.count("trúng cử Phó Trưởng ban") == 2

    # The notice of the composition to the council, the committee and the public.
    notice = board.board_notice_issue(by=front, meeting=meeting, issued_on=dt.date(2024, 11, 26))
    text = pdf(board_documents.BOARD_NOTICE, notice, django_capture_on_commit_callbacks)
    assert f"Trưởng ban: ông (bà) {head['full_name']}" in text
    assert all(d["full_name"] in text for d in deputies)
    assert "gồm 26 (hai mươi sáu) thành viên" in text
    assert "Hội đồng nhân dân Phường 22" in text and "Ủy ban nhân dân Phường 22" in text

    # The public page (no login) shows the composition.
    client.logout()
    public = client.get(reverse("elections:public_ward", args=[plan.division_id])).content.decode()
    assert 'data-testid="public-board-composition"' in public
    assert f"{head['full_name']}</td><td>Trưởng ban</td>" in public
    assert public.count("<td>Phó Trưởng ban</td>") == 2 and public.count("<td>Ủy viên</td>") == 23
    assert "26/11/2024" in public
