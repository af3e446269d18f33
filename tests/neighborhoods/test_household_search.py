"""The household search ignores tones and case: "nguyen van" finds "Nguyễn Văn", "d" finds "đ".

The folded text is a column of the register (``Household.search_text``), kept on every save,
by ``bulk_create``, by the streamed import, and filled for the households registered before it.
"""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from elections.selectors.meeting import households_matching, single_match
from neighborhoods.models import Household
from neighborhoods.services.households import household_create, household_update
from tests.factories import HouseholdFactory
from tests.neighborhoods.test_household_import import GOOD_ROWS, upload, xlsx
from wardvote.text import fold, search_words


@pytest.fixture(autouse=True)
def _queued_tasks_run_at_once(monkeypatch):
    """The import queues its task after commit; a test's transaction never commits."""
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


def test_folding_drops_tones_and_letter_marks_and_reads_dd_as_d():
    assert fold("Nguyễn Văn  ĐỨC") == "nguyen van duc"
    assert fold("Đặng Thị Ưng, 12/5 Lê Lợi") == "dang thi ung, 12/5 le loi"
    assert fold("Hồ Thị Ơn Ầu") == "ho thi on au"
    assert search_words("  NGUYEN   van ") == ["nguyen", "van"]


@pytest.fixture
def register(hcm_map):
    return [
        household_create(
            neighborhood=hcm_map.kp1, code="P22-KP01-0101", head_name="Nguyễn Văn Đức", address="12/5 Lê Lợi"
        ),
        household_create(
            neighborhood=hcm_map.kp1, code="P22-KP01-0102", head_name="Đặng Thị Hoa", address="40 Nguyễn Trãi"
        ),
        household_create(
            neighborhood=hcm_map.kp1, code="P22-KP01-01020", head_name="Trần Văn Bình", address="7 Bạch Đằng"
        ),
    ]


def _found(hcm_map, query: str) -> list[str]:
    return sorted(households_matching(hcm_map.kp1, query).values_list("head_name", flat=True))


def test_the_search_finds_names_without_tones_in_any_case(register, hcm_map):
    assert _found(hcm_map, "nguyen van") == ["Nguyễn Văn Đức"]
    assert _found(hcm_map, "NGUYỄN văn") == ["Nguyễn Văn Đức"]
    assert _found(hcm_map, "duc") == ["Nguyễn Văn Đức"]
    # "đ" and "d" are one letter to the search, tones or not: "Đặng" and "Bạch Đằng" alike.
    assert _found(hcm_map, "dang") == ["Trần Văn Bình", "Đặng Thị Hoa"]
    assert _found(hcm_map, "đặng") == _found(hcm_map, "DANG") == _found(hcm_map, "dang")
    assert _found(hcm_map, "dang thi") == ["Đặng Thị Hoa"]
    # Words in any order, each found somewhere: the name, the address.
    assert _found(hcm_map, "duc le loi") == ["Nguyễn Văn Đức"]
    assert _found(hcm_map, "nguyen") == ["Nguyễn Văn Đức", "Đặng Thị Hoa"]  # 40 Nguyễn Trãi


def test_the_search_finds_the_code_and_the_house_number(register, hcm_map):
    assert _found(hcm_map, "0101") == ["Nguyễn Văn Đức"]
    assert _found(hcm_map, "p22-kp01-0102") == ["Trần Văn Bình", "Đặng Thị Hoa"]
    assert _found(hcm_map, "12/5") == ["Nguyễn Văn Đức"]
    assert _found(hcm_map, "40 nguyen trai") == ["Đặng Thị Hoa"]
    assert _found(hcm_map, "50%") == [] and _found(hcm_map, "_") == []


def test_one_household_is_designated_by_its_code_or_by_the_only_match(register, hcm_map):
    # The exact code wins over the longer code that contains it.
    assert single_match(hcm_map.kp1, "p22-kp01-0102").head_name == "Đặng Thị Hoa"
    assert single_match(hcm_map.kp1, "hoa").head_name == "Đặng Thị Hoa"
    assert single_match(hcm_map.kp1, "nguyen") is None  # two households
    assert single_match(hcm_map.kp1, "không ai") is None


def test_the_folded_text_follows_every_change_of_the_register(register, hcm_map):
    household = household_update(household=register[0], head_name="Lê Thị Ngọc Ánh", address="3 Đồng Khởi")
    assert household.search_text == "p22-kp01-0101 le thi ngoc anh 3 dong khoi"
    assert _found(hcm_map, "anh dong khoi") == ["Lê Thị Ngọc Ánh"]
    assert _found(hcm_map, "duc") == []
    made = HouseholdFactory(neighborhood=hcm_map.kp1, head_name="Võ Thị Ẩn")
    assert Household.objects.get(pk=made.pk).search_text.startswith(fold(made.code) + " vo thi an")
    Household.objects.bulk_create(
        [Household(neighborhood=hcm_map.kp1, ward=hcm_map.p22, code="BULK-1", head_name="Phùng Đức Ý")]
    )
    assert _found(hcm_map, "phung duc y") == ["Phùng Đức Ý"]


def test_the_streamed_import_writes_the_folded_text(login, personas, hcm_map):
    client = login(personas.p22_ubnd)
    client.post(upload(client, hcm_map.p22, xlsx(GOOD_ROWS)))
    assert Household.objects.get(code="P22-KP01-0001").search_text == (
        "p22-kp01-0001 nguyen van an 12/3 xo viet nghe tinh"
    )
    assert _found(hcm_map, "tran thi binh") == ["Trần Thị Bình"]


def test_the_households_registered_before_are_filled_in_and_again_changes_nothing(register, hcm_map):
    backfill = importlib.import_module("neighborhoods.migrations.0008_backfill_household_search").backfill
    Household.objects.update(search_text="")
    backfill(apps, None)
    assert _found(hcm_map, "nguyen van") == ["Nguyễn Văn Đức"]
    before = list(Household.objects.order_by("pk").values_list("search_text", "updated_at"))
    backfill(apps, None)
    assert list(Household.objects.order_by("pk").values_list("search_text", "updated_at")) == before


def test_the_check_in_search_box_finds_a_name_typed_without_tones(
    register, hcm_map, ready_election, personas, login
):
    from elections.services.meeting import meeting_open

    meeting = meeting_open(by=personas.p22_kp1_tobaucu, election=ready_election)
    client = login(personas.p22_kp1_tobaucu)
    found = client.get(reverse("elections:meeting_household_search", args=[meeting.pk]), {"q": "dang thi"})
    assert "Đặng Thị Hoa" in found.content.decode() and "Nguyễn Văn Đức" not in found.content.decode()


def test_households_holding_the_query_as_typed_come_first(hcm_map):
    from elections.selectors.meeting import BEST_FIRST

    HouseholdFactory(neighborhood=hcm_map.kp1, code="KP1-0001", head_name="Trần Văn Ấn")
    HouseholdFactory(neighborhood=hcm_map.kp1, code="KP1-0002", head_name="Lê Văn Ân")
    HouseholdFactory(neighborhood=hcm_map.kp1, code="KP1-0042", head_name="Nguyễn Văn An")
    found = households_matching(hcm_map.kp1, "Văn An").order_by(*BEST_FIRST)
    assert [h.code for h in found] == ["KP1-0042", "KP1-0001", "KP1-0002"]
    # Without tones none holds the query as typed better than another: by code.
    assert [h.code for h in households_matching(hcm_map.kp1, "van an").order_by(*BEST_FIRST)] == [
        "KP1-0001",
        "KP1-0002",
        "KP1-0042",
    ]
