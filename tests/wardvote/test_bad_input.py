"""Bad input gets an answer, never a 500: NUL and control characters, over-long text, foreign digits.

Hypothesis throws arbitrary text at every form of the app (directly, and through the
pages as the person who uses them) and at every search and filter: the answer is a
form error or a 400 page, and nothing is saved when the input is refused.
"""

from __future__ import annotations

import datetime as dt
import inspect
import itertools
from types import SimpleNamespace

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from elections.forms import budget as budget_forms
from elections.forms import candidates as candidate_forms
from elections.forms import count as count_forms
from elections.forms import meeting as meeting_forms
from elections.forms import plans as plan_forms
from elections.models import Attendance, Candidate, Complaint, Election, Plan
from elections.services import meeting as meeting_services
from neighborhoods.forms import households as household_forms
from neighborhoods.forms import reorganisations as reorganisation_forms
from neighborhoods.forms import staff as staff_forms
from neighborhoods.models import Division, Household
from tests.forms import with_token
from wardvote.forms import CONTROL_CHARACTERS_MESSAGE, SafeForm
from wardvote.text import has_control_characters

FORM_MODULES = (
    budget_forms,
    candidate_forms,
    count_forms,
    meeting_forms,
    plan_forms,
    household_forms,
    reorganisation_forms,
    staff_forms,
)
FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

CONTROL = st.sampled_from(
    ["\x00", "\x01", "\x08", "\x1b", "\x7f", "\x85", "\u202e", "\u2066", "\t", "\n", "\r"]
)
FOREIGN_DIGITS = ["٢٣", "１２", "۷", "२०२४", "٠٧/١٠/٢٠٢٤", "０７/１０/２０２４", "²"]


def _with_control(text: str, char: str) -> str:
    middle = len(text) // 2
    return text[:middle] + char + text[middle:]


NASTY = st.one_of(
    st.text(max_size=30),
    st.builds(_with_control, st.text(max_size=20), CONTROL),
    st.integers(min_value=151, max_value=5000).map(lambda n: ("Nguyễn Thị Hường " * (n // 17 + 1))[:n]),
    st.sampled_from([*FOREIGN_DIGITS, "07/10/2024", "-1", "99999999999999999999", "1e3", "", " ", "\x00"]),
)


def _is_refused(response) -> bool:
    """A refusal is the 400 page or the form shown again with its errors; a save redirects."""
    assert response.status_code in (200, 302, 400), response.status_code
    return response.status_code in (200, 400)


# --- Every form, field by field ----------------------------------------------------------


def _project_forms() -> list[type[forms.Form]]:
    found = {
        cls
        for module in FORM_MODULES
        for _name, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__
    }
    return sorted(found, key=lambda cls: cls.__qualname__)


def test_every_form_of_the_app_checks_its_input_the_same_way():
    assert _project_forms(), "no form found"
    for form_class in _project_forms():
        assert issubclass(form_class, SafeForm), f"{form_class.__qualname__} is not a SafeForm"


def _arguments(form_class) -> dict:
    """What each form's constructor needs, with nothing to choose from."""
    empty = {
        "households": Household.objects.none(),
        "candidates": Candidate.objects.none(),
        "neighborhoods": Division.objects.none(),
        "parents": Plan.objects.none(),
        "elections": Election.objects.none(),
        "divisions": Division.objects.none(),
        "users": get_user_model().objects.none(),
        "members": [{"candidate": 1, "full_name": "Lê Văn Tám", "neighborhood": "Khu phố 1"}],
        "lines": [SimpleNamespace(pk=1, label="In ấn tài liệu")],
    }
    if issubclass(form_class, count_forms.TallyForm):
        empty["candidates"] = [SimpleNamespace(pk=1, full_name="Lê Văn Tám")]
        empty["method"] = "secret_ballot"
    return {name: value for name, value in empty.items() if name in _keyword_names(form_class)}


def _keyword_names(form_class) -> set[str]:
    """The keyword-only arguments of every __init__ up to SafeForm's, less those a subclass supplies."""
    names = set()
    for klass in form_class.__mro__[: form_class.__mro__.index(SafeForm)]:
        if "__init__" in klass.__dict__:
            parameters = inspect.signature(klass.__dict__["__init__"]).parameters.items()
            names |= {name for name, parameter in parameters if parameter.kind is parameter.KEYWORD_ONLY}
    if issubclass(form_class, count_forms.FloorNominationForm):
        names.discard("households")
    return names


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", _project_forms(), ids=lambda cls: cls.__qualname__)
@FUZZ
@given(data=st.data())
def test_no_value_in_any_field_breaks_a_form(form_class, data):
    names = list(form_class(**_arguments(form_class)).fields)
    values = {name: data.draw(NASTY, label=name) for name in names}
    form = form_class(data=values, **_arguments(form_class))
    form.is_valid()  # never raises: every value is either cleaned or refused with a message
    for name, field in form.fields.items():
        value = values[name]
        multiline = isinstance(field.widget, forms.Textarea)
        if isinstance(field, forms.CharField):
            value = value.strip() if field.strip else value
            if has_control_characters(value, multiline=multiline) or len(value) > field.max_length:
                assert name in form.errors, (name, value)
        elif isinstance(field, forms.IntegerField | forms.DateField) and value in FOREIGN_DIGITS:
            assert name in form.errors, (name, value)


@pytest.mark.parametrize("digits", ["٢٣", "１２", "２３"])
def test_figures_in_other_scripts_are_refused_not_read_as_numbers(digits):
    form = count_forms.SecretaryForm(data={"name": "Lê Văn Tám", "votes_for": digits})
    assert not form.is_valid()
    assert form.errors["votes_for"] == ["Chỉ dùng các chữ số 0–9."]
    assert count_forms.SecretaryForm(data={"name": "Lê Văn Tám", "votes_for": "23"}).is_valid()


def test_a_nul_in_a_name_is_refused_with_a_vietnamese_message():
    form = meeting_forms.WalkInHouseholdForm(data={"code": "KP1-99", "head_name": "Lê\x00Tám"})
    assert not form.is_valid()
    assert form.errors["head_name"] == [str(CONTROL_CHARACTERS_MESSAGE)]
    form = meeting_forms.WalkInHouseholdForm(data={"code": "KP1-99", "head_name": "Lê\nTám"})
    assert form.errors["head_name"] == ["Chỉ ghi trên một dòng, không xuống dòng hay dùng phím Tab."]


def test_a_text_area_keeps_its_line_breaks_but_not_a_nul():
    good = candidate_forms.ResolveForm(data={"resolution": "Dòng 1\r\nDòng 2", "resolved_on": "18/10/2024"})
    assert good.is_valid()
    bad = candidate_forms.ResolveForm(data={"resolution": "Dòng 1\x00", "resolved_on": "18/10/2024"})
    assert "resolution" in bad.errors


# --- Through the pages, as the people who use them -------------------------------------------

_codes = itertools.count(1)


def _unique(prefix: str) -> str:
    return f"{prefix}{next(_codes)}"


@FUZZ
@given(
    field=st.sampled_from(["code", "head_name", "address", "member_count", "representative_name"]),
    value=NASTY,
)
def test_adding_a_household_never_fails_and_saves_nothing_it_refuses(login, personas, hcm_map, field, value):
    data = {
        "neighborhood": hcm_map.kp1.pk,
        "code": _unique("KP1-"),
        "head_name": "Nguyễn Thị Hường",
        "address": "12/3 Xô Viết Nghệ Tĩnh",
        "member_count": "4",
        "representative_name": "",
        "status": "active",
        field: value,
    }
    before = Household.objects.count()
    response = login(personas.p22_ubnd).post(
        reverse("neighborhoods:household_create", args=[hcm_map.kp1.pk]), with_token(data)
    )
    if _is_refused(response):
        assert Household.objects.count() == before
    else:
        saved = Household.objects.latest("pk")
        for text in (saved.code, saved.head_name, saved.address, saved.representative_name):
            assert not has_control_characters(text)
        assert 1 <= saved.member_count <= 99


@FUZZ
@given(field=st.sampled_from(["received_on", "complainant", "content", "assigned_to"]), value=NASTY)
def test_filing_a_complaint_never_fails_and_saves_nothing_it_refuses(
    login, personas, kp1_election, field, value
):
    data = {
        "received_on": "16/10/2024",
        "complainant": "Lê Văn Cường",
        "content": "Người ứng cử không cư trú tại khu phố",
        "assigned_to": "Đặng Thị Mai",
        field: value,
    }
    before = Complaint.objects.count()
    response = login(personas.p22_mttq).post(
        reverse("elections:complaint_list", args=[kp1_election.pk]), with_token(data)
    )
    if _is_refused(response):
        assert Complaint.objects.count() == before


@FUZZ
@given(
    field=st.sampled_from(["number", "issued_on", "title", "signers", "legal_basis", "term_start_year"]),
    value=NASTY,
)
def test_issuing_a_plan_never_fails_and_saves_nothing_it_refuses(
    login, personas, hcm_map, upper_plans, field, value
):
    data = {
        "parent": upper_plans["district"].pk,
        "number": _unique("KH-"),
        "issued_on": "07/10/2024",
        "title": "Bầu cử Trưởng khu phố",
        "issuing_bodies": "UBND – UBMTTQ Phường 22",
        "term_start_year": "2024",
        "term_end_year": "2029",
        "elects_head": "on",
        "completion_deadline": "31/10/2024",
        field: value,
    }
    before = Plan.objects.count()
    response = login(personas.p22_ubnd).post(
        reverse("elections:plan_create", args=[hcm_map.p22.pk]), with_token(data)
    )
    if _is_refused(response):
        assert Plan.objects.count() == before


@FUZZ
@given(field=st.sampled_from(["new-username", "new-full_name", "new-password"]), value=NASTY)
def test_creating_an_account_never_fails_and_saves_nothing_it_refuses(login, personas, hcm_map, field, value):
    data = {
        "new-username": _unique("p22.kp3.u"),
        "new-full_name": "Trương Thị Lan",
        "new-password": "Bau-cu-2024-kp3",
        "new-division": hcm_map.kp3.pk,
        "new-role": "election_team",
        field: value,
    }
    before = get_user_model().objects.count()
    response = login(personas.p22_ubnd).post(
        reverse("neighborhoods:staff_list", args=[hcm_map.p22.pk]), with_token(data, "new")
    )
    if _is_refused(response):
        assert get_user_model().objects.count() == before


@FUZZ
@given(value=NASTY)
def test_naming_a_new_khu_pho_never_fails_and_saves_nothing_it_refuses(login, personas, hcm_map, value):
    before = Division.objects.count()
    response = login(personas.p22_ubnd).post(
        reverse("neighborhoods:neighborhood_create", args=[hcm_map.p22.pk]),
        with_token({"name": value, "type_word": "Khu phố"}),
    )
    if _is_refused(response):
        assert Division.objects.count() == before


@pytest.fixture
def meeting(ready_election, personas):
    return meeting_services.meeting_open(by=personas.p22_kp1_tobaucu, election=ready_election)


@FUZZ
@given(value=NASTY)
def test_checking_in_with_any_representative_name_never_fails(login, personas, meeting, value):
    household = meeting.election.neighborhood.households.exclude(
        pk__in=meeting.attendances.values("household")
    ).first()
    if household is None:
        return
    response = login(personas.p22_kp1_tobaucu).post(
        reverse("elections:meeting_check_in", args=[meeting.pk]),
        {"household": household.pk, "representative_name": value},
    )
    assert response.status_code in (302, 400)
    attendance = Attendance.objects.filter(household=household).first()
    if attendance is not None:
        assert not has_control_characters(attendance.representative_name)
        assert len(attendance.representative_name) <= 150
    elif response.status_code == 302:
        # Refused with a message on the meeting page, and nothing recorded.
        assert len(value) > 150 or has_control_characters(value)


@FUZZ
@given(value=NASTY)
def test_undoing_a_check_in_with_any_reason_never_fails(login, personas, meeting, value):
    household = meeting.election.neighborhood.households.order_by("pk").first()
    attendance = Attendance.objects.filter(household=household, undone_at__isnull=True).first()
    if attendance is None:
        attendance = meeting_services.check_in(
            by=personas.p22_kp1_tobaucu, meeting=meeting, household=household
        )
    response = login(personas.p22_kp1_tobaucu).post(
        reverse("elections:meeting_check_in_undo", args=[attendance.pk]), {"reason": value}
    )
    assert response.status_code in (302, 400)
    attendance.refresh_from_db()
    if attendance.undone_at is not None:
        assert not has_control_characters(attendance.undo_reason) and len(attendance.undo_reason) <= 255


@FUZZ
@given(value=NASTY)
def test_walking_in_a_household_never_fails(login, personas, meeting, value):
    before = Household.objects.count()
    response = login(personas.p22_kp1_tobaucu).post(
        reverse("elections:meeting_walk_in", args=[meeting.pk]),
        with_token({"code": _unique("W-"), "head_name": value}),
    )
    assert response.status_code in (302, 400)
    # A form strips the spaces and line breaks around a value before checking it.
    if len(value.strip()) > 150 or has_control_characters(value.strip()):
        assert Household.objects.count() == before


# --- Searches and filters ----------------------------------------------------------------

QUERY = st.one_of(NASTY, st.text(min_size=1, max_size=3000))


@FUZZ
@given(query=QUERY)
def test_any_search_of_the_register_gets_an_answer(login, personas, households, hcm_map, query):
    response = login(personas.p22_ubnd).get(
        reverse("neighborhoods:household_list", args=[hcm_map.kp1.pk]), {"q": query, "page": query}
    )
    assert response.status_code in (200, 400)


@FUZZ
@given(query=QUERY)
def test_any_search_at_the_meeting_gets_an_answer(login, personas, meeting, query):
    response = login(personas.p22_kp1_tobaucu).get(
        reverse("elections:meeting_household_search", args=[meeting.pk]), {"q": query}
    )
    assert response.status_code in (200, 400)


@FUZZ
@given(edition=QUERY)
def test_any_map_edition_in_the_progress_api_gets_an_answer(login, personas, hcm_map, edition):
    response = login(personas.p22_ubnd).get(
        reverse("api_progress", args=[hcm_map.p22.code]), {"map": edition}
    )
    assert response.status_code in (200, 400, 404)


@pytest.mark.parametrize("query", ["\x00", "Lê\x00", "a\nb", "\x1b[31m"])
def test_a_control_character_in_a_query_string_gets_the_400_page(login, personas, hcm_map, query):
    response = login(personas.p22_ubnd).get(
        reverse("neighborhoods:household_list", args=[hcm_map.kp1.pk]), {"q": query}
    )
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


def test_a_nul_in_a_posted_form_gets_the_400_page_and_saves_nothing(login, personas, hcm_map):
    response = login(personas.p22_ubnd).post(
        reverse("neighborhoods:neighborhood_create", args=[hcm_map.p22.pk]),
        {"name": "Khu phố\x0027", "type_word": "Khu phố"},
    )
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()
    assert not Division.objects.filter(name__startswith="Khu phố 27").exists()


def test_an_over_long_undo_reason_is_refused_with_a_message(login, personas, meeting):
    household = meeting.election.neighborhood.households.first()
    attendance = meeting_services.check_in(by=personas.p22_kp1_tobaucu, meeting=meeting, household=household)
    client = login(personas.p22_kp1_tobaucu)
    response = client.post(
        reverse("elections:meeting_check_in_undo", args=[attendance.pk]), {"reason": "x" * 300}, follow=True
    )
    assert "dài quá 255 ký tự" in response.content.decode()
    attendance.refresh_from_db()
    assert attendance.undone_at is None


def test_dates_in_other_scripts_are_refused():
    form = candidate_forms.ResolveForm(data={"resolution": "Xong", "resolved_on": "١٨/١٠/٢٠٢٤"})
    assert not form.is_valid() and form.errors["resolved_on"] == ["Chỉ dùng các chữ số 0–9."]
    good = candidate_forms.ResolveForm(data={"resolution": "Xong", "resolved_on": "18/10/2024"})
    assert good.is_valid() and good.cleaned_data["resolved_on"] == dt.date(2024, 10, 18)


def test_a_walk_in_with_a_name_on_two_lines_is_refused_with_the_reason(login, personas, meeting):
    response = login(personas.p22_kp1_tobaucu).post(
        reverse("elections:meeting_walk_in", args=[meeting.pk]),
        with_token({"code": "KP1-W1", "head_name": "Lê Văn\nTám"}),
        follow=True,
    )
    assert "Họ tên chủ hộ: Chỉ ghi trên một dòng" in response.content.decode()
    assert not Household.objects.filter(code="KP1-W1").exists()
