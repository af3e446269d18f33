"""The Front working committee drafts the candidate list (NĐ 59/2023, Art. 6.2): the ward
Front's staff enter it on its behalf; the ward official reads it and comments."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from elections.models import ContestKind, ListComment, ListStatus
from elections.services.candidates import candidate_add
from tests.forms import with_token

FORM = {
    "full_name": "Nguyễn Văn An",
    "gender": "male",
    "birth_date": "01/05/1968",
    "nomination_source": "front_committee",
    "ethnicity": "Kinh",
    "religion": "Không",
    "resides_in_neighborhood": "on",
    "permanent_resident": "on",
}


@pytest.fixture
def head(kp1_scheduled):
    return kp1_scheduled.contests.get(kind=ContestKind.HEAD)


def test_the_front_officer_fills_an_empty_list_and_takes_the_consultation_steps(login, personas, head):
    client = login(personas.p22_mttq)
    url = reverse("elections:contest_detail", args=[head.pk])
    page = client.get(url).content.decode()
    assert "Chưa có người ứng cử." in page and "Thêm người ứng cử" in page
    # An empty list has no Party cell opinion to record: the button is not offered.
    assert "Ghi nhận ý kiến Chi bộ" not in page

    response = client.post(url, with_token(FORM))
    assert response.status_code == 302
    client.post(url, with_token({**FORM, "full_name": "Trần Thị Bích", "gender": "female"}))
    assert sorted(head.candidates.values_list("full_name", flat=True)) == ["Nguyễn Văn An", "Trần Thị Bích"]

    bich = head.candidates.get(full_name="Trần Thị Bích")
    assert client.post(reverse("elections:candidate_remove", args=[bich.pk])).status_code == 302
    assert list(head.candidates.values_list("full_name", flat=True)) == ["Nguyễn Văn An"]

    page = client.get(url).content.decode()
    assert "Ghi nhận ý kiến Chi bộ" in page
    for name in ("record_party_opinion", "fix_official_list", "send_to_ward"):
        client.post(reverse("elections:contest_transition", args=[head.pk, name]))
    head.refresh_from_db()
    assert head.list_status == ListStatus.SUBMITTED
    page = client.get(url).content.decode()
    assert "Thêm người ứng cử" not in page  # a sent list is not edited


def test_the_official_reads_the_list_and_comments_with_author_and_date(login, personas, head):
    candidate_add(
        contest=head,
        full_name="Nguyễn Văn An",
        gender="male",
        birth_date=dt.date(1968, 5, 1),
        nomination_source="front_committee",
    )
    client = login(personas.p22_ubnd)
    response = client.post(
        reverse("elections:contest_comment", args=[head.pk]), {"text": "Đề nghị bổ sung lý lịch ông An."}
    )
    assert response.status_code == 302
    comment = ListComment.objects.get()
    assert (comment.contest, comment.by, comment.text) == (
        head,
        personas.p22_ubnd,
        "Đề nghị bổ sung lý lịch ông An.",
    )
    page = client.get(reverse("elections:contest_detail", args=[head.pk])).content.decode()
    assert "Đề nghị bổ sung lý lịch ông An." in page
    assert personas.p22_ubnd.username in page and f"{timezone.localtime(comment.at):%d/%m/%Y}" in page

    # The Front reads the comment; it may not write one in the official's name.
    front = login(personas.p22_mttq)
    assert (
        "Đề nghị bổ sung lý lịch ông An."
        in front.get(reverse("elections:contest_detail", args=[head.pk])).content.decode()
    )
    assert front.post(reverse("elections:contest_comment", args=[head.pk]), {"text": "x"}).status_code == 404


def test_an_empty_comment_is_refused(login, personas, head):
    client = login(personas.p22_ubnd)
    response = client.post(reverse("elections:contest_comment", args=[head.pk]), {"text": "  "}, follow=True)
    assert "Hãy ghi ý kiến trước khi gửi." in response.content.decode()
    assert not ListComment.objects.exists()


def test_the_election_team_reads_the_list_but_does_not_enter_it(login, personas, head):
    client = login(personas.p22_kp1_tobaucu)
    assert (
        "Thêm người ứng cử"
        not in client.get(reverse("elections:contest_detail", args=[head.pk])).content.decode()
    )
    assert (
        client.post(reverse("elections:contest_detail", args=[head.pk]), with_token(FORM)).status_code == 404
    )
