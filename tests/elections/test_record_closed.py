"""After the meeting opened the record is closed: the team, the schedule and the preparation
dates change only by a correction with its reason, audited and printed on the re-issued papers.
Buttons that can only fail are not offered."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from elections.count_documents import COMMUNITY_DECISION, community_decision_context, counting_minutes_context
from elections.models import RecordCorrection, TeamMember, TeamRole
from elections.services import meeting as meeting_services
from elections.services.plans import election_record_milestone, election_schedule
from elections.services.team import team_member_add, team_member_remove
from reporting.services import document_request
from tests.elections.count_helpers import check_in_first, run_procedure, vote_every_contest
from tests.forms import with_token
from tests.reporting.pdf import pdf_text


@pytest.fixture
def team(personas):
    return personas.p22_kp1_tobaucu, personas.p22_kp1_thuky


@pytest.fixture
def with_head(ready_election):
    team_member_add(
        election=ready_election, full_name="Trần Văn Bình", role=TeamRole.HEAD, represents="front_committee"
    )
    return ready_election


@pytest.fixture
def opened(with_head, team):
    return meeting_services.meeting_open(by=team[0], election=with_head)


@pytest.fixture
def elected(opened, team):
    check_in_first(opened, team[0], 7)
    meeting = run_procedure(opened)
    vote_every_contest(meeting, *team)
    meeting.refresh_from_db()
    meeting.election.refresh_from_db()
    return meeting


def replace_head(election, by, reason: str = "") -> None:
    team_member_remove(member=election.team_members.get(role=TeamRole.HEAD), by=by, correction_reason=reason)
    team_member_add(
        election=election,
        full_name="Lê Thị Cúc",
        role=TeamRole.HEAD,
        represents="front_committee",
        by=by,
        correction_reason=reason,
    )


def test_before_the_meeting_the_team_changes_freely(with_head, personas):
    replace_head(with_head, personas.p22_ubnd)
    assert with_head.team_members.get(role=TeamRole.HEAD).full_name == "Lê Thị Cúc"
    assert not RecordCorrection.objects.exists()


def test_after_the_meeting_opened_a_team_change_without_a_reason_is_refused(opened, personas):
    head = opened.election.team_members.get(role=TeamRole.HEAD)
    with pytest.raises(ValidationError, match="Tổ bầu cử đã ghi vào biên bản") as refused:
        team_member_remove(member=head, by=personas.p22_ubnd)
    assert refused.value.error_list[0].code == "record_closed"
    with pytest.raises(ValidationError, match="lý do đính chính"):
        team_member_add(
            election=opened.election, full_name="Lê Văn Tám", role=TeamRole.MEMBER, represents="household"
        )
    assert list(opened.election.team_members.values_list("full_name", flat=True)) == ["Trần Văn Bình"]


def test_a_correction_with_a_reason_is_accepted_audited_and_printed_on_the_reissued_minutes(
    elected, personas, django_capture_on_commit_callbacks
):
    election = elected.election
    replace_head(election, personas.p22_ubnd, "Ghi nhầm tên Tổ trưởng")
    assert election.team_members.get(role=TeamRole.HEAD).full_name == "Lê Thị Cúc"
    corrections = list(election.corrections.order_by("pk"))
    assert [c.reason for c in corrections] == ["Ghi nhầm tên Tổ trưởng"] * 2
    assert corrections[0].by == personas.p22_ubnd and "Trần Văn Bình" in corrections[0].subject
    logged = LogEntry.objects.get_for_objects(RecordCorrection.objects.all())
    assert logged.count() == 2 and all("Ghi nhầm tên Tổ trưởng" in str(e.changes) for e in logged)

    day = f"{timezone.localtime(corrections[0].at):%d/%m/%Y}"  # the ward's day, as printed
    for context in (counting_minutes_context(elected), community_decision_context(elected)):
        assert any(
            line.startswith(f"Đính chính ngày {day}: ") and "Ghi nhầm tên Tổ trưởng" in line
            for line in context["corrections"]
        )
    with django_capture_on_commit_callbacks(execute=True):
        document = document_request(kind=COMMUNITY_DECISION, source=elected)
    document.refresh_from_db()
    text = " ".join(pdf_text(document.file.read()).split())
    assert f"Đính chính ngày {day}: bỏ Trần Văn Bình" in text and "Lý do: Ghi nhầm tên Tổ trưởng" in text
    assert "Lê Thị Cúc" in text


def test_the_schedule_and_preparation_dates_change_after_the_meeting_only_as_a_correction(elected, personas):
    election = elected.election
    with pytest.raises(ValidationError, match="không đổi lịch được nữa"):
        election_schedule(
            by=personas.p22_ubnd,
            election=election,
            meeting_date=dt.date(2024, 10, 27),
            meeting_time=None,
            meeting_place="Nhà văn hóa",
        )
    with pytest.raises(ValidationError, match="các bước chuẩn bị không sửa được nữa"):
        election_record_milestone(
            by=personas.p22_ubnd, election=election, key="posting", done_on=dt.date(2024, 10, 15)
        )
    election = election_schedule(
        by=personas.p22_ubnd,
        election=election,
        meeting_date=dt.date(2024, 10, 27),
        meeting_time=None,
        meeting_place="Nhà văn hóa",
        correction_reason="Ghi sai địa điểm",
    )
    election = election_record_milestone(
        by=personas.p22_ubnd,
        election=election,
        key="posting",
        done_on=dt.date(2024, 10, 15),
        correction_reason="Ghi sai ngày niêm yết",
    )
    assert (election.meeting_place, election.posted_on) == ("Nhà văn hóa", dt.date(2024, 10, 15))
    assert list(election.corrections.values_list("reason", flat=True)) == [
        "Ghi sai địa điểm",
        "Ghi sai ngày niêm yết",
    ]


def test_the_election_page_asks_for_a_reason_only_after_the_meeting_opened(login, personas, with_head, team):
    client = login(personas.p22_ubnd)
    url = reverse("elections:election_detail", args=[with_head.pk])
    assert 'name="correction_reason"' not in client.get(url).content.decode()
    meeting_services.meeting_open(by=team[0], election=with_head)
    assert 'name="correction_reason"' in client.get(url).content.decode()

    head = with_head.team_members.get(role=TeamRole.HEAD)
    page = client.post(reverse("elections:team_member_remove", args=[head.pk]), follow=True).content.decode()
    assert "Muốn sửa, hãy ghi lý do đính chính." in page and TeamMember.objects.filter(pk=head.pk).exists()
    client.post(
        reverse("elections:team_member_remove", args=[head.pk]), {"correction_reason": "Tổ trưởng ốm"}
    )
    assert not TeamMember.objects.filter(pk=head.pk).exists()
    client.post(
        reverse("elections:team_member_add", args=[with_head.pk]),
        with_token(
            {
                "full_name": "Lê Thị Cúc",
                "role": "head",
                "represents": "front_committee",
                "correction_reason": "Tổ trưởng ốm",
            }
        ),
    )
    assert with_head.team_members.get(role=TeamRole.HEAD).full_name == "Lê Thị Cúc"
    assert with_head.corrections.count() == 2


# --- Buttons that can only fail -------------------------------------------------------


def test_minutes_are_offered_only_once_a_result_is_recorded(login, team, opened):
    client = login(team[0])
    meeting_page = reverse("elections:meeting_page", args=[opened.election.pk])
    assert "Lập biên bản" not in client.get(meeting_page).content.decode()
    check_in_first(opened, team[0], 7)
    vote_every_contest(run_procedure(opened), *team)
    assert "Lập biên bản" in client.get(meeting_page).content.decode()


def test_recognition_is_offered_only_when_everyone_was_elected(login, personas, team, opened):
    check_in_first(opened, team[0], 6)
    vote_every_contest(run_procedure(opened), *team, share=5)  # 5 of 10 households: nobody elected
    client = login(personas.p22_ubnd)
    page = client.get(reverse("elections:election_detail", args=[opened.election.pk])).content.decode()
    assert "Quyết định bầu lại" in page and "Công nhận kết quả" not in page


def test_recognition_is_offered_when_everyone_was_elected(login, personas, elected):
    page = login(personas.p22_ubnd).get(reverse("elections:election_detail", args=[elected.election.pk]))
    assert "Công nhận kết quả" in page.content.decode()
