"""A ward official who chose English reads no Vietnamese on the main pages, except names and laws."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model

from elections.models import Candidate, Meeting, Plan
from elections.services.meeting import household_add_at_meeting, meeting_open
from neighborhoods.models import Division, Household
from tests.elections.count_helpers import check_in_first, run_procedure

# Letters only Vietnamese uses: ă â đ ê ô ơ ư and the tone marks, in both cases.
VIETNAMESE = re.compile(
    "[ăâđêôơưĂÂĐÊÔƠƯ"
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    "ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ]"
)
WORD = re.compile(r"\S+")

# Legal citations and official titles keep their Vietnamese names in English too.
LEGAL_NAMES = (
    "Nghị định",
    "Thông tư",
    "Luật",
    "NĐ-CP",
    "NĐ",
    "Điều",
    "khu phố",
    "Khu phố",
    "Tiếng Việt",
)


def names_in_the_data() -> list[str]:
    """Every name the seeded data holds: divisions, people, households, addresses, plan titles, meetings."""
    names = set(Division.objects.values_list("name", flat=True))
    for household in Household.objects.all():
        names.update({household.head_name, household.address})
    for user in get_user_model().objects.all():
        names.update({user.get_full_name(), user.last_name, user.first_name})
    names.update(Candidate.objects.values_list("full_name", flat=True))
    names.update(Plan.objects.values_list("title", flat=True))
    for meeting in Meeting.objects.all():
        names.update([meeting.secretary_name, *meeting.counting_board, *meeting.witnesses])
    return sorted((name for name in names if name), key=len, reverse=True)


def vietnamese_words(text: str, names: list[str]) -> list[str]:
    """The words of ``text`` written with Vietnamese letters once names and legal titles are taken out."""
    for name in [*names, *LEGAL_NAMES]:
        text = text.replace(name, " ")
    return [word for word in WORD.findall(text) if VIETNAMESE.search(word)]


def test_the_vietnamese_letter_check_finds_untranslated_words_but_not_names():
    names = ["Phường 22", "Nguyễn Văn An"]
    text = "Ward Phường 22: Nguyễn Văn An elected (Luật 10/2022/QH15, Điều 21.1). Mới thêm"
    assert vietnamese_words(text, names) == ["Mới", "thêm"]


@pytest.fixture
def english_page(browser, live_server, transactional_db):
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def main_pages(hcm_map, election, meeting) -> dict[str, str]:
    contest = election.contests.order_by("pk").first()
    ward = hcm_map.p22.pk
    return {
        "home": "/",
        "ward page": f"/dia-ban/{ward}/",
        "plan list": "/bau-cu/ke-hoach/",
        "election page": f"/bau-cu/{election.pk}/",
        "meeting page": f"/bau-cu/{election.pk}/hop/",
        "tally page": f"/bau-cu/hop/{meeting.pk}/kiem-phieu/{contest.pk}/",
        "dashboard": f"/tai-lieu/tien-do/{ward}/",
        "household list": f"/dia-ban/{hcm_map.kp1.pk}/ho-gia-dinh/",
        "staff page": f"/dia-ban/{ward}/can-bo/",
    }


@pytest.fixture
def meeting_under_way(personas, ready_election):
    """Households checked in (one added on the spot) and the procedure voted: the tally form shows."""
    team = personas.p22_kp1_tobaucu
    meeting = meeting_open(by=team, election=ready_election)
    check_in_first(meeting, team, 7)
    household_add_at_meeting(by=team, meeting=meeting, code="HGD-MOI", head_name="Đinh Văn Mới")
    return run_procedure(meeting)


def vietnamese_on_pages(page, live_server, pages: dict[str, str]) -> dict[str, list[str]]:
    names = names_in_the_data()
    found = {}
    for title, path in pages.items():
        response = page.goto(live_server.url + path)
        assert response.ok, f"{title} ({path}) answered {response.status}"
        words = vietnamese_words(page.locator("body").inner_text(), names)
        if words:
            found[title] = sorted(set(words))
    return found


@pytest.mark.parametrize(
    "username, titles",
    [
        ("p22.ubnd", None),
        ("p22.kp1.tobaucu", ("home", "election page", "meeting page", "tally page")),
    ],
    ids=["ward official", "election team"],
)
def test_the_main_pages_in_english_show_vietnamese_only_in_names_and_laws(
    english_page, live_server, hcm_map, ready_election, meeting_under_way, log_in_as, username, titles
):
    log_in_as(english_page, username)
    pages = main_pages(hcm_map, ready_election, meeting_under_way)
    if titles:
        pages = {title: pages[title] for title in titles}
    found = vietnamese_on_pages(english_page, live_server, pages)
    assert found == {}, "Vietnamese in English pages:\n" + "\n".join(
        f"{title}: {' '.join(words)}" for title, words in found.items()
    )
    if username == "p22.kp1.tobaucu":
        english_page.goto(live_server.url + pages["tally page"])
        assert english_page.get_by_label("Ballots issued").count() == 1
        english_page.goto(live_server.url + pages["meeting page"])
        # The meeting opens at its procedure; the attendance list is on the check-in tab.
        english_page.get_by_role("tab", name=re.compile(r"\d\. Check in$")).click()
        assert "Newly added" in english_page.locator("main").inner_text()
