"""Charts drawn on the server as SVG: no JavaScript library, nothing fetched from a CDN,
and they print as they look. Each function returns markup ready for a template."""

from __future__ import annotations

import datetime

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
FONT = 'font-family="system-ui, sans-serif" font-size="12"'
SMALL = 'font-family="system-ui, sans-serif" font-size="10"'
MIDDLE = 'text-anchor="middle"'


def _svg(width: int, height: int, title: str, body: list[str]) -> SafeString:
    return mark_safe(  # noqa: S308 - every text below is escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" class="w-100" height="{height}">'
        f"<title>{escape(title)}</title>" + "".join(body) + "</svg>"
    )


def stages_stacked_bar(rows, title: str) -> SafeString:
    """One horizontal bar per child division, split by stage (share of its elections)."""
    labels = {stage: escape(str(label)) for stage, label in Stage.choices}
    label_width, bar_width, line = 160, 480, 22
    height = line * len(rows) + 40
    body = []
    for index, row in enumerate(rows):
        y = index * line + 4
        body.append(
            f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end" {FONT}>{escape(row.name)}</text>'
        )
        x = float(label_width)
        for stage, colour in STAGE_COLOURS.items():
            count = row.stages.get(stage, 0)
            if not count or not row.total:
                continue
            width = bar_width * count / row.total
            body.append(
                f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{line - 6}" fill="{colour}">'
                f"<title>{escape(row.name)}: {labels[stage]} {count}</title></rect>"
            )
            x += width
        body.append(
            f'<text x="{label_width + bar_width + 6}" y="{y + 14}" {FONT}>{row.completion:.0f} %</text>'
        )
    legend_y = height - 14
    x = 0
    for stage, colour in STAGE_COLOURS.items():
        body.append(f'<rect x="{x}" y="{legend_y - 9}" width="10" height="10" fill="{colour}"/>')
        body.append(f'<text x="{x + 13}" y="{legend_y}" {SMALL}>{labels[stage]}</text>')
        x += 13 + 6 * len(labels[stage]) + 8
    return _svg(max(label_width + bar_width + 60, x), height, title, body)


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
) -> SafeString:
    """Completion % per day (from the nightly snapshots) with the plan's deadline as a vertical line."""
    width, height, left, bottom = 520, 220, 40, 30
    days = [day for day, _ in points] + ([deadline] if deadline else [])
    if not days:
        return _svg(width, height, title, [f'<text x="10" y="20" {FONT}>—</text>'])
    start, end = min(days), max(days)
    span = max((end - start).days, 1)

    def x_of(day):
        return left + (width - left - 10) * (day - start).days / span

    def y_of(percent):
        return (height - bottom) - (height - bottom - 10) * percent / 100

    body = [
        f'<line x1="{left}" y1="{y_of(p)}" x2="{width - 10}" y2="{y_of(p)}" stroke="#dee2e6"/>'
        for p in (0, 50, 100)
    ]
    body += [
        f'<text x="{left - 4}" y="{y_of(p) + 4}" text-anchor="end" {SMALL}>{p}%</text>' for p in (0, 50, 100)
    ]
    if points:
        line = " ".join(f"{x_of(day):.1f},{y_of(value):.1f}" for day, value in points)
        body.append(f'<polyline points="{line}" fill="none" stroke="#0d6efd" stroke-width="2"/>')
    if deadline:
        x = x_of(deadline)
        body.append(
            f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height - bottom}" '
            'stroke="#dc3545" stroke-width="2"/>'
        )
        body.append(
            f'<text x="{x - 4:.1f}" y="12" text-anchor="end" {FONT} fill="#dc3545">{deadline:%d/%m/%Y}</text>'
        )
    body.append(f'<text x="{left}" y="{height - 10}" {SMALL}>{start:%d/%m/%Y}</text>')
    body.append(f'<text x="{width - 10}" y="{height - 10}" text-anchor="end" {SMALL}>{end:%d/%m/%Y}</text>')
    return _svg(width, height, title, body)
