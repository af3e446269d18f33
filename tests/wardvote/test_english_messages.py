"""The rules' messages, tally labels and statistics read in English for whoever chose English;
the official papers (reports) stay Vietnamese whatever the requester reads."""

import datetime as dt
import io

from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from elections import rules
from elections.selectors.count import FIGURE_LABELS
from reporting import statistics
from reporting.models import ReportExport
from tests.factories import PASSWORD
from tests.forms import with_token


def test_legal_deadlines_read_in_english_with_their_citations():
    with translation.override("en"):
        plan = rules.deadlines(dt.date(2024, 10, 27))[0]
    assert plan.label == "Decision to hold the election and the plan"
    assert plan.basis == "Decree 59/2023, Art. 6.1.a: at least 20 days before the meeting"
    assert rules.deadlines(dt.date(2024, 10, 27))[0].label == "Quyết định tổ chức bầu cử và kế hoạch"


def test_the_quorum_and_the_rule_checks_read_in_english():
    with translation.override("en"):
        message = rules.quorum(4, 10).message
        problems = rules.counting_board_problems(2)
        tally = rules.tally_problems(present=5, issued=6, returned=6, valid=6, invalid=0, approvals={"An": 7})
    assert message.startswith("4/10 households present (40,0\u00a0%): not more than 50 % of all households")
    assert problems == ["The counting board must have 3 to 5 people, not 2 (Decree 59/2023, Art. 3.5)."]
    assert "Ballots issued (6) exceed the households present (5)." in tally
    assert "Ballots for An (7) exceed the valid ballots (6)." in tally
    assert rules.counting_board_problems(2) == [
        "Ban kiểm phiếu phải có từ 3 đến 5 người, không phải 2 (NĐ 59/2023, Điều 3.5)."
    ]


def test_the_tally_figures_are_labelled_in_the_reader_language():
    with translation.override("en"):
        assert str(FIGURE_LABELS["issued"]) == "Ballots issued"
    assert str(FIGURE_LABELS["issued"]) == "Phiếu phát ra"


def test_statistics_headers_follow_the_reader_language(hcm_map):
    today = dt.date(2024, 11, 30)
    with translation.override("en"):
        english = statistics.all_tables(hcm_map.p22, today)
    vietnamese = statistics.all_tables(hcm_map.p22, today)
    assert english[0].title == "Neighbourhood head elected, by gender"
    assert english[0].columns == ["Total", "Female"]
    assert vietnamese[0].title == "Trưởng khu phố trúng cử theo giới tính"
    ages = next(table for table in english if table.key == "age")
    assert ages.columns[1] == "Under 30" and ages.columns[-1] == "60 and over"


def test_an_english_reader_still_exports_a_vietnamese_report(
    client, personas, hcm_map, plans, django_capture_on_commit_callbacks
):
    client.post(reverse("login"), {"username": "p22.ubnd", "password": PASSWORD})
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reporting:export_create", args=[hcm_map.p22.pk]), with_token({"format": "xlsx"}))
    export = ReportExport.objects.get()
    response = client.get(reverse("reporting:export_download", args=[export.pk]))
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book["02 Quá hạn"]["B2"].value == "Quyết định tổ chức bầu cử và kế hoạch"
    assert book["03 gender"]["A1"].value.startswith("Trưởng khu phố trúng cử theo giới tính")
    assert book["03 gender"]["B2"].value == "Tổng số"
