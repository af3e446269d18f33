"""The dashboard's charts: text a person can read, the page's own percentages, labels that do
not collide, and no empty axes."""

import datetime as dt
import re
from decimal import Decimal
from types import SimpleNamespace

from elections.models import Stage
from reporting import charts


def _font_sizes(markup: str) -> list[int]:
    return [int(size) for size in re.findall(r'font-size="(\d+)"', markup)]


def test_the_stage_bars_write_the_completion_as_the_table_does():
    row = SimpleNamespace(
        name="Khu phố 1",
        total=26,
        completion=Decimal("3.85"),
        stages={Stage.RECOGNISED: 1, Stage.PREPARING: 25},
    )
    markup = charts.stages_stacked_bar([row], "Giai đoạn")
    assert '<span class="wv-stage-percent">3,8 %</span>' in markup  # the table's floatformat:1
    assert '<span class="wv-stage-name">Khu phố 1</span>' in markup
    # The legend names every stage as page text, not as 10 px SVG text.
    assert all(str(label) in markup for _stage, label in Stage.choices)
    assert "<text" not in markup


def test_svg_charts_keep_their_size_and_text_of_at_least_12_px():
    histogram = charts.turnout_histogram([0, 1, 0, 0, 0, 2, 0, 0, 0, 1], "Tham gia")
    days = [(dt.date(2024, 10, 7), 0.0), (dt.date(2024, 10, 20), 40.0)]
    completion = charts.completion_over_time(days, dt.date(2024, 10, 31), "Hoàn thành")
    for markup in (histogram, completion):
        assert min(_font_sizes(markup)) >= 12
        width = re.search(r'viewBox="0 0 (\d+) \d+"', markup).group(1)
        assert f'width="{width}"' in markup, "drawn at its own width, scrolled rather than shrunk"


def test_no_curve_is_drawn_from_fewer_than_two_days():
    assert charts.completion_over_time([], dt.date(2024, 10, 31), "Hoàn thành") == ""
    assert charts.completion_over_time([(dt.date(2024, 10, 7), 0.0)], dt.date(2024, 10, 31), "x") == ""


def _deadline_label(markup: str) -> tuple[float, str]:
    match = re.search(r'<text x="([\d.]+)" y="12" text-anchor="(\w+)"[^>]*fill="#dc3545">', markup)
    return float(match.group(1)), match.group(2)


def test_the_deadline_label_never_covers_the_percentages_on_the_left():
    # The deadline before the first day: its line is at the left edge, by the "100%" label.
    early = [(dt.date(2024, 10, 7), 10.0), (dt.date(2024, 10, 20), 40.0)]
    x, anchor = _deadline_label(charts.completion_over_time(early, dt.date(2024, 10, 7), "x"))
    assert anchor == "start" and x >= 44
    # The deadline at the right edge: written to its left, inside the plot.
    x, anchor = _deadline_label(charts.completion_over_time(early, dt.date(2024, 10, 31), "x"))
    assert anchor == "end" and x - charts.DATE_LABEL_WIDTH >= 44 and x <= 520


def test_a_dashboard_without_two_days_of_figures_says_so(login, personas, plans, hcm_map):
    from django.urls import reverse

    from reporting.models import ProgressSnapshot

    client = login(personas.p22_ubnd)
    page = client.get(reverse("reporting:dashboard", args=[hcm_map.p22.pk])).content.decode()
    assert 'data-testid="no-history"' in page and "Thời hạn hoàn thành: 31/10/2024." in page
    for day, done in ((dt.date(2024, 10, 7), 0), (dt.date(2024, 10, 8), 1)):
        ProgressSnapshot.objects.create(division=hcm_map.p22, day=day, elections=3, completed=done)
    page = client.get(reverse("reporting:dashboard", args=[hcm_map.p22.pk])).content.decode()
    assert 'data-testid="no-history"' not in page and "<polyline" in page
