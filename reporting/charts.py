"""Charts drawn on the server as SVG: no JavaScript library, nothing fetched from a CDN,
and they print as they look. Each function returns markup ready for a template."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from elections.models import Stage

# One colour per stage, from "not started" (grey) to "recognised" (green); the
# exceptional routes in warm colours.
STAGE_COLOURS: dict[str, str] = {
    Stage.NOT_STARTED: "#ced4da",
    Stage.PREPARING: "#9ec5fe",
    Stage.LIST_APPROVED: "#6ea8fe",
    Stage.NOTICE_POSTED: "#3d8bfd",
    Stage.MEETING_HELD: "#0d6efd",
    Stage.COUNTED: "#6f42c1",
    Stage.RECOGNISED: "#198754",
    Stage.RERUN_PENDING: "#fd7e14",
    Stage.HOUSEHOLD_BALLOTS: "#ffc107",
    Stage.INTERIM_HEAD: "#dc3545",
}
# Charts are drawn at their own size (never shrunk to fit a narrow column, which is what made
# their text 6 px): the page scrolls a chart sideways rather than shrink its text below 12 px.
FONT = 'font-family="system-ui, sans-serif" font-size="13"'
SMALL = 'font-family="system-ui, sans-serif" font-size="12"'
MIDDLE = 'text-anchor="middle"'
# What a chart's date labels are assumed to take, in pixels (10 characters at 12 px).
DATE_LABEL_WIDTH = 72


def _svg(width: int, height: int, title: str, body: list[str]) -> SafeString:
    return mark_safe(  # noqa: S308 - every text below is escaped
        f'<div class="wv-chart"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>" + "".join(body) + "</svg></div>"
    )


def percent(value: float) -> str:
    """A share as the dashboard's table writes it: one decimal, the locale's comma ("3,8 %")."""
    return f"{number_format(value, 1)} %"


def _stage_bar(row, labels: Mapping[str, str]) -> str:
    """One division's bar: its elections' shares by stage, on a 0–100 scale stretched to the row."""
    rects, x = [], 0.0
    for stage, colour in STAGE_COLOURS.items():
        count = row.stages.get(stage, 0)
        if not count or not row.total:
            continue
        width = 100 * count / row.total
        rects.append(
            f'<rect x="{x:.2f}" y="0" width="{width:.2f}" height="10" fill="{colour}">'
            f"<title>{escape(row.name)}: {labels[stage]} {count}</title></rect>"
        )
        x += width
    return (
        '<svg class="wv-stage-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">'
        + "".join(rects)
        + "</svg>"
    )


def stages_stacked_bar(rows, title: str) -> SafeString:
    """One bar per child division, split by stage (share of its elections), with its completion
    as the table below writes it. The names, figures and legend are text of the page, so they
    keep the page's size at any width and wrap on a phone; only the bars are drawn."""
    labels = {stage: escape(str(label)) for stage, label in Stage.choices}
    lines = [
        f'<div class="wv-stage-row"><span class="wv-stage-name">{escape(row.name)}</span>'
        f"{_stage_bar(row, labels)}"
        f'<span class="wv-stage-percent">{percent(row.completion)}</span></div>'
        for row in rows
    ]
    legend = [
        f'<li><svg class="wv-swatch" viewBox="0 0 10 10" aria-hidden="true"><rect width="10" height="10" '
        f'rx="2" fill="{colour}"/></svg> {labels[stage]}</li>'
        for stage, colour in STAGE_COLOURS.items()
    ]
    return mark_safe(  # noqa: S308 - every text above is escaped
        f'<figure class="wv-stages mb-0" role="group" aria-label="{escape(title)}">'
        + "".join(lines)
        + '<ul class="wv-legend">'
        + "".join(legend)
        + "</ul></figure>"
    )


def turnout_histogram(bands: list[int], title: str) -> SafeString:
    """Khu phố by turnout band (0–10 %, …, 90–100 %); the 50 % line is where election becomes possible."""
    width, height, left, bottom = 520, 220, 40, 30
    peak = max(bands) or 1
    bar = (width - left) / len(bands)
    body = []
    for index, count in enumerate(bands):
        h = (height - bottom - 10) * count / peak
        x = left + index * bar
        body.append(
            f'<rect x="{x + 2:.1f}" y="{height - bottom - h:.1f}" width="{bar - 4:.1f}" height="{h:.1f}" '
            f'fill="{"#198754" if index >= 5 else "#adb5bd"}">'
            f"<title>{index * 10}–{index * 10 + 10} %: {count}</title></rect>"
        )
        body.append(f'<text x="{x + bar / 2:.1f}" y="{height - 12}" {MIDDLE} {SMALL}>{index * 10}%</text>')
        if count:
            top = height - bottom - h - 3
            body.append(f'<text x="{x + bar / 2:.1f}" y="{top:.1f}" {MIDDLE} {SMALL}>{count}</text>')
    middle = left + 5 * bar
    body.append(
        f'<line x1="{middle}" y1="0" x2="{middle}" y2="{height - bottom}" '
        'stroke="#dc3545" stroke-dasharray="4 3"/>'
    )
    return _svg(width, height, title, body)


def completion_over_time(
    points: list[tuple[datetime.date, float]], deadline: datetime.date | None, title: str
) -> SafeString | str:
    """Completion % per day (from the nightly snapshots) with the plan's deadline as a vertical
    line. Without two days of figures there is no curve to draw: the page says so instead."""
    if len(points) < 2:
        return ""
    width, height, left, bottom = 520, 220, 44, 30
    days = [day for day, _ in points] + ([deadline] if deadline else [])
    start, end = min(days), max(days)
    span = max((end - start).days, 1)

    def x_of(day):
        return left + (width - left - 10) * (day - start).days / span

    def y_of(value):
        return (height - bottom) - (height - bottom - 20) * value / 100

    body = [
        f'<line x1="{left}" y1="{y_of(p)}" x2="{width - 10}" y2="{y_of(p)}" stroke="#dee2e6"/>'
        for p in (0, 50, 100)
    ]
    body += [
        f'<text x="{left - 4}" y="{y_of(p) + 4}" text-anchor="end" {SMALL}>{p}%</text>' for p in (0, 50, 100)
    ]
    line = " ".join(f"{x_of(day):.1f},{y_of(value):.1f}" for day, value in points)
    body.append(f'<polyline points="{line}" fill="none" stroke="#0d6efd" stroke-width="2"/>')
    if deadline:
        body += _deadline_marker(x_of(deadline), deadline, height - bottom, width - 10, left)
    body.append(f'<text x="{left}" y="{height - 8}" {SMALL}>{start:%d/%m/%Y}</text>')
    body.append(f'<text x="{width - 10}" y="{height - 8}" text-anchor="end" {SMALL}>{end:%d/%m/%Y}</text>')
    return _svg(width, height, title, body)


def _deadline_marker(
    x: float, deadline: datetime.date, bottom: float, right: float, left: float
) -> list[str]:
    """The deadline's line and its date, written on the side of the line that has room, inside
    the plot: never over the percentage labels on the left nor past the right edge."""
    if x - 4 - DATE_LABEL_WIDTH >= left:
        label_x, anchor = x - 4, "end"
    else:
        label_x, anchor = min(x + 4, right - DATE_LABEL_WIDTH), "start"
    return [
        f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{bottom}" stroke="#dc3545" stroke-width="2"/>',
        f'<text x="{label_x:.1f}" y="12" text-anchor="{anchor}" {SMALL} fill="#dc3545">'
        f"{deadline:%d/%m/%Y}</text>",
    ]


def arrivals_over_time(
    points: list[tuple[datetime.datetime, int]],
    *,
    start: datetime.datetime,
    needed: int,
    total: int,
    title: str,
    threshold_label: str,
    steps: bool = True,
) -> SafeString:
    """Households present over the morning (local times), from the opening, against the
    threshold (a dashed red line): a step for each check-in (``steps``), or a line through the
    hours' figures. The time axis ends at the last point, so the same figures draw the same
    chart whenever it is asked for."""
    width, height, left, bottom, right = 520, 220, 44, 30, 14
    end = max([start, *(at for at, _ in points)])
    span = max((end - start).total_seconds(), 60.0)
    top_value = max(total, needed, 1)

    def x_of(at: datetime.datetime) -> float:
        return left + (width - left - right) * (at - start).total_seconds() / span

    def y_of(value: int) -> float:
        return (height - bottom) - (height - bottom - 20) * value / top_value

    body = [
        f'<line x1="{left}" y1="{y_of(0):.1f}" x2="{width - right}" y2="{y_of(0):.1f}" stroke="#adb5bd"/>',
        f'<text x="{left - 4}" y="{y_of(0) + 4:.1f}" text-anchor="end" {SMALL}>0</text>',
        f'<text x="{left - 4}" y="{y_of(top_value) + 4:.1f}" text-anchor="end" {SMALL}>{top_value}</text>',
    ]
    hour = start.replace(minute=0, second=0, microsecond=0) + datetime.timedelta(hours=1)
    while hour < end:
        x = x_of(hour)
        body.append(f'<line x1="{x:.1f}" y1="20" x2="{x:.1f}" y2="{height - bottom}" stroke="#e9ecef"/>')
        body.append(f'<text x="{x:.1f}" y="{height - 12}" {MIDDLE} {SMALL}>{hour:%H:%M}</text>')
        hour += datetime.timedelta(hours=1)
    threshold = y_of(needed)
    body.append(
        f'<line x1="{left}" y1="{threshold:.1f}" x2="{width - right}" y2="{threshold:.1f}" '
        'stroke="#dc3545" stroke-width="2" stroke-dasharray="6 4"/>'
    )
    label = escape(threshold_label)
    body.append(f'<text x="{left + 4}" y="{threshold - 5:.1f}" {SMALL} fill="#b02a37">{label}</text>')
    line, previous = [f"{x_of(start):.1f},{y_of(0):.1f}"], 0
    for at, value in points:
        if steps:
            line.append(f"{x_of(at):.1f},{y_of(previous):.1f}")
        line.append(f"{x_of(at):.1f},{y_of(value):.1f}")
        previous = value
    body.append(f'<polyline points="{" ".join(line)}" fill="none" stroke="#0d6efd" stroke-width="2.5"/>')
    if points:
        at, value = points[-1]
        body.append(
            f'<circle cx="{x_of(at):.1f}" cy="{y_of(value):.1f}" r="4" fill="#0d6efd">'
            f"<title>{at:%H:%M}: {value}</title></circle>"
        )
    body.append(f'<text x="{left}" y="{height - 12}" {SMALL}>{start:%H:%M}</text>')
    if end > start:
        last = f"{end:%H:%M}"
        body.append(f'<text x="{width - right}" y="{height - 12}" text-anchor="end" {SMALL}>{last}</text>')
    return _svg(width, height, title, body)


def cumulative(times: list[datetime.datetime]) -> list[tuple[datetime.datetime, int]]:
    """Each arrival with the number present after it."""
    return [(at, number) for number, at in enumerate(times, start=1)]


def hourly(times: list[datetime.datetime], start: datetime.datetime) -> list[tuple[datetime.datetime, int]]:
    """The number present at each full hour after ``start``, and at the last arrival."""
    if not times:
        return []
    points, hour = [], start.replace(minute=0, second=0, microsecond=0) + datetime.timedelta(hours=1)
    while hour < times[-1]:
        points.append((hour, sum(1 for at in times if at <= hour)))
        hour += datetime.timedelta(hours=1)
    return [*points, (times[-1], len(times))]
