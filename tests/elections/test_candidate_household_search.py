"""The candidate form chooses the household by a search box, not from a list of every household
of the khu phố (issue 16 item 4): the box asks a small search endpoint, access-checked and
recorded in the audit log as any read of names and addresses."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from elections.models import ContestKind
from tests.factories import HouseholdFactory
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


@pytest.fixture
def register(head):
    """501 households in Khu phố 1, one of them Nguyễn Văn An's."""
    HouseholdFactory.create_batch(500, neighborhood=head.election.neighborhood)
    return HouseholdFactory(
        neighborhood=head.election.neighborhood,
        code="KP1-0042",
        head_name="Nguyễn Văn An",
        address="12 Ung Văn Khiêm",
    )


def _search(head) -> str:
    return reverse("elections:contest_household_search", args=[head.pk])


def test_the_form_has_a_search_box_not_a_list_of_every_household(login, personas, head, register):
    page = login(personas.p22_mttq).get(reverse("elections:contest_detail", args=[head.pk])).content.decode()
    assert 'data-testid="household-search"' in page
    assert f'hx-get="{_search(head)}"' in page
    assert '<select name="household"' not in page
    assert "KP1-0042" not in page  # no household is listed before a search


def test_the_search_finds_the_household_by_name_and_the_form_takes_it(login, personas, head, register):
    client = login(personas.p22_mttq)
    results = client.get(_search(head), {"household_q": "Văn An"}).content.decode()
    assert "KP1-0042" in results and "12 Ung Văn Khiêm" in results
    assert f'name="household" value="{register.pk}"' in results
    by_code = client.get(_search(head), {"household_q": "KP1-0042"}).content.decode()
    assert by_code.count('type="radio"') == 1

    response = client.post(
        reverse("elections:contest_detail", args=[head.pk]), with_token({**FORM, "household": register.pk})
    )
    assert response.status_code == 302
    assert head.candidates.get().household == register


def test_a_broad_search_shows_a_few_and_asks_for_more_letters(login, personas, head, register):
    results = login(personas.p22_mttq).get(_search(head), {"household_q": "HGD"}).content.decode()
    assert results.count('type="radio"') == 10
    assert "Chỉ hiện 10 hộ đầu tiên; gõ thêm để thu hẹp." in results


def test_the_chosen_household_stays_chosen_when_the_form_comes_back(login, personas, head, register):
    client = login(personas.p22_mttq)
    page = client.post(
        reverse("elections:contest_detail", args=[head.pk]),
        with_token({**FORM, "birth_date": "", "household": register.pk}),
    ).content.decode()
    assert f'value="{register.pk}"' in page and "checked" in page and "KP1-0042" in page


def test_each_search_is_in_the_audit_log(login, personas, head, register):
    login(personas.p22_mttq).get(_search(head), {"household_q": "Văn An"})
    entry = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).latest("pk")
    assert entry.actor == personas.p22_mttq
    assert entry.additional_data["read"] == "search" and entry.additional_data["query"] == "Văn An"
    assert entry.object_id == head.election.neighborhood_id


def test_only_who_enters_the_list_may_search(login, personas, head, register):
    # The election team reads the list but does not enter it; another ward does not reach it.
    assert login(personas.p22_kp1_tobaucu).get(_search(head), {"household_q": "An"}).status_code == 404
    assert login(personas.p25_ubnd).get(_search(head), {"household_q": "An"}).status_code == 404
    assert login(personas.p22_ubnd).get(_search(head), {"household_q": "An"}).status_code == 200
