"""Measuring the first page of a paper as a reader with a ruler would, in millimetres.

Page 1 is rendered with PDFium at 100 dpi into a greyscale image; the rules (the short
horizontal lines of the ND30 header) are found as long, even runs of grey in a thin band of
rows; the texts they belong under are located with PDFium's text page (character boxes).
Coordinates are millimetres from the page's top-left corner.
"""

from __future__ import annotations

import ctypes
import statistics
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]
from PIL import Image

DPI = 100
MM_PER_INCH = 25.4
POINTS_PER_INCH = 72
PX_PER_MM = DPI / MM_PER_INCH
# A4 and the ND30 margins of nd30.css (top 20, right 15, bottom 20, left 30 mm).
A4 = (210.0, 297.0)
A5 = (148.0, 210.0)
LEFT, RIGHT, TOP = 30.0, 15.0, 20.0
TEXT_WIDTH = A4[0] - LEFT - RIGHT


@dataclass(frozen=True)
class PageSpec:
    """The sheet and margins a paper is laid out on."""

    size: tuple[float, float]
    left: float
    right: float
    top: float
    # An ND30 paper has the motto and the issuer's rule; a printed form (a ballot) may not.
    nd30: bool = True
    # How near the bottom edge ink may come (the footer of an issued paper lies below the
    # 20 mm margin, but stays where printers print).
    bottom_edge: float = 5.0


ND30 = PageSpec(A4, LEFT, RIGHT, TOP)
# Ballots are forms printed on A5 (their templates' @page), not ND30 papers: no issuer, no
# number, no signature block of an authority. Their own margins are checked, and the motto's
# rule where they carry the motto.
BALLOT = PageSpec(A5, left=15.0, right=12.0, top=12.0, nd30=False)
HOUSEHOLD_BALLOT = PageSpec(A5, left=13.0, right=10.0, top=10.0, nd30=False)
# A pixel is ink when it is darker than this (0 black, 255 white): anti-aliased edges count.
INK = 200
# A 0.6 pt rule at 100 dpi is under one pixel: it shows as two light-grey rows. Summed over a
# band of rows, its darkness is about 90; a column of the band is "ruled" above this.
BAND_ROWS = 3
RULE_DARKNESS = 60
# Along a rule every column is equally dark; text never is for long.
RULE_EVENNESS = 12
MIN_RULE_MM = 6.0
MOTTO = "Độc lập - Tự do - Hạnh phúc"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2


@dataclass(frozen=True)
class Rule:
    y: float
    left: float
    right: float

    @property
    def length(self) -> float:
        return self.right - self.left

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2


@dataclass(frozen=True)
class Char:
    text: str
    box: Box
    bold: bool


@dataclass
class FirstPage:
    size: tuple[float, float]  # width, height in mm
    image: Image.Image
    chars: list[Char]
    text: str

    # --- ink ------------------------------------------------------------------------------

    def ink_box(self) -> Box | None:
        """The smallest box holding every inked pixel."""
        bbox = self.image.point(lambda v: 255 if v < INK else 0).getbbox()
        if bbox is None:
            return None
        left, top, right, bottom = bbox
        return Box(left / PX_PER_MM, top / PX_PER_MM, right / PX_PER_MM, bottom / PX_PER_MM)

    # --- rules ----------------------------------------------------------------------------

    def rules(self, *, down_to_mm: float = 160.0) -> list[Rule]:
        """Horizontal rules at least ``MIN_RULE_MM`` long in the upper part of the page, one per
        line drawn (the bands that catch the same rule are merged), top to bottom."""
        width, height = self.image.size
        pixels = self.image.tobytes()
        found: list[tuple[int, int, int, int]] = []  # y, x0, x1, darkness
        for y in range(min(height - BAND_ROWS, int(down_to_mm * PX_PER_MM))):
            band = [pixels[(y + r) * width : (y + r + 1) * width] for r in range(BAND_ROWS)]
            if all(row.count(255) == width for row in band[:1]):
                continue  # a rule always darkens the band's first row
            darkness = [sum(255 - row[x] for row in band) for x in range(width)]
            above = pixels[(y - 1) * width : y * width] if y else b""
            below = pixels[(y + BAND_ROWS) * width : (y + BAND_ROWS + 1) * width]
            found += [
                (y, x0, x1, d)
                for x0, x1, d in _even_runs(darkness)
                if _clear(above, x0, x1) and _clear(below, x0, x1)
            ]
        return [
            Rule(y / PX_PER_MM + 0.5 / PX_PER_MM, x0 / PX_PER_MM, x1 / PX_PER_MM)
            for y, x0, x1 in _merge_bands(found)
        ]

    # --- text -----------------------------------------------------------------------------

    def find_text(self, needle: str) -> Box | None:
        """The box of the first occurrence of ``needle`` (on one line)."""
        start = self.text.find(needle)
        if start < 0:
            return None
        return union([c.box for c in self.chars[start : start + len(needle)] if c.text.strip()])

    def issuer_lines(self, rule: Rule) -> list[Box]:
        """The issuer's name: the bold lines of the header's left column, above its rule (left
        of the national name, which is wider than the motto under it)."""
        nation = self.find_text(NATION)
        column_right = nation.left if nation else A4[0] / 2
        chars = [
            c
            for c in self.chars
            if c.bold and c.text.strip() and c.box.right <= column_right and c.box.bottom <= rule.y + 0.5
        ]
        return lines_of(chars)


def _even_runs(darkness: list[int]) -> list[tuple[int, int, int]]:
    """Runs of columns darker than ``RULE_DARKNESS`` and even (within ``RULE_EVENNESS`` of the
    run's first inner column), at least ``MIN_RULE_MM`` long: (x0, x1, darkness)."""
    runs = []
    min_px = MIN_RULE_MM * PX_PER_MM
    x, width = 0, len(darkness)
    while x < width:
        if darkness[x] < RULE_DARKNESS:
            x += 1
            continue
        start = x
        level = darkness[min(x + 1, width - 1)]
        # The run's two end columns may be only partly covered: lighter, still part of it.
        while (
            x < width
            and darkness[x] >= RULE_DARKNESS
            and (x == start or abs(darkness[x] - level) <= RULE_EVENNESS or _run_ends_after(darkness, x))
        ):
            x += 1
        if x - start >= min_px:
            runs.append((start, x, int(statistics.median(darkness[start:x]))))
        x = max(x, start + 1)
    return runs


def _clear(row: bytes, x0: int, x1: int) -> bool:
    """A rule stands alone: the rows just above and below it are (nearly) white along it,
    where the tops of letters side by side ("TT") would have their stems."""
    if not row:
        return True
    inked = sum(1 for v in row[x0:x1] if v < INK)
    return inked <= 0.2 * (x1 - x0)


def _run_ends_after(darkness: list[int], x: int) -> bool:
    return x + 1 == len(darkness) or darkness[x + 1] < RULE_DARKNESS


def _merge_bands(found: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int]]:
    """Overlapping bands catch one rule several times: keep, for each, the darkest band."""
    merged: list[tuple[int, int, int, int]] = []
    for y, x0, x1, d in sorted(found):
        for i, (my, mx0, mx1, md) in enumerate(merged):
            if y - my <= BAND_ROWS and x0 < mx1 and mx0 < x1:
                if d > md:
                    merged[i] = (y, x0, x1, d)
                break
        else:
            merged.append((y, x0, x1, d))
    return [(y, x0, x1) for y, x0, x1, _ in merged]


def union(boxes: list[Box]) -> Box | None:
    if not boxes:
        return None
    return Box(
        min(b.left for b in boxes),
        min(b.top for b in boxes),
        max(b.right for b in boxes),
        max(b.bottom for b in boxes),
    )


def lines_of(chars: list[Char]) -> list[Box]:
    """Characters grouped into lines (by their vertical middle), each line's box."""
    lines: list[list[Box]] = []
    for c in sorted(chars, key=lambda c: (c.box.top + c.box.bottom) / 2):
        middle = (c.box.top + c.box.bottom) / 2
        if lines and abs(middle - _middle(lines[-1])) < 2.0:
            lines[-1].append(c.box)
        else:
            lines.append([c.box])
    return [box for box in (union(line) for line in lines) if box is not None]


def _middle(boxes: list[Box]) -> float:
    return statistics.median((b.top + b.bottom) / 2 for b in boxes)


def first_page(pdf: bytes) -> FirstPage:
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        width_pt, height_pt = page.get_size()
        image = page.render(scale=DPI / POINTS_PER_INCH, grayscale=True).to_pil().convert("L")
        textpage = page.get_textpage()
        chars = [_char(textpage, i, height_pt) for i in range(textpage.count_chars())]
        text = "".join(c.text for c in chars)
        return FirstPage((_mm(width_pt), _mm(height_pt)), image, chars, text)
    finally:
        document.close()


def _char(textpage: pdfium.PdfTextPage, index: int, page_height_pt: float) -> Char:
    """One character with its box in mm from the top-left, and whether its font is bold."""
    text = chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, index))
    left, bottom, right, top = textpage.get_charbox(index)
    box = Box(_mm(left), _mm(page_height_pt - top), _mm(right), _mm(page_height_pt - bottom))
    return Char(text, box, b"Bold" in _font_name(textpage, index))


def _font_name(textpage: pdfium.PdfTextPage, index: int) -> bytes:
    """The character's font, e.g. ``b"SSXSNX+Tinos-Bold"``: the embedded subsets keep the
    style in the name, where PDFium's font weight says 400 for every one of them."""
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, name, len(name), ctypes.byref(flags))
    return name.value


def _mm(points: float) -> float:
    return points * MM_PER_INCH / POINTS_PER_INCH


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [(_mm(w), _mm(h)) for w, h in (page.get_size() for page in document)]
    finally:
        document.close()


def save_png(page: FirstPage, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    page.image.save(path)


# --- The checks: each returns what it measured and, if any, what is wrong ------------------

# How far a measurement may be off: one pixel at 100 dpi is 0.254 mm.
PIXEL_MM = 1 / PX_PER_MM
MARGIN_SLACK = 1.0  # the margins may be 1 mm short (anti-aliasing, glyph overhang)
TEXT_OVERHANG = 0.5  # a justified line's last glyph may stand out of its box by this much
CENTRED = 1.0  # a rule is centred when its middle is within 1 mm of its text's middle


@dataclass
class Report:
    figures: list[str]
    problems: list[str]

    def measure(self, figure: str, ok: bool, problem: str) -> None:
        self.figures.append(figure)
        if not ok:
            self.problems.append(f"{problem} ({figure})")


def check_first_page(page: FirstPage, *, expects_subject_rule: bool, spec: PageSpec = ND30) -> Report:
    report = Report([], [])
    check_margins(page, report, spec)
    check_text_within_right_margin(page, report, spec)
    motto = page.find_text(MOTTO)
    if motto is None:
        if spec.nd30:
            report.problems.append(f"no motto “{MOTTO}” on the first page")
        return report
    if not spec.nd30:
        check_motto_rule(motto, page.rules(), report)
        return report
    rules = page.rules()
    header = [
        r
        for r in (check_motto_rule(motto, rules, report), check_issuer_rule(page, motto, rules, report))
        if r
    ]
    if expects_subject_rule:
        # The subject comes after the header's rules and its "Số:" / place-date line.
        below = max([motto.bottom, *(r.y for r in header)]) + 10
        check_subject_rule(below, rules, report)
    return report


def check_margins(page: FirstPage, report: Report, spec: PageSpec = ND30) -> None:
    ink = page.ink_box()
    if ink is None:
        report.problems.append("the first page is blank")
        return
    width, height = page.size
    left, top, right, bottom = ink.left, ink.top, width - ink.right, height - ink.bottom
    report.measure(
        f"left margin {left:.1f} mm",
        left >= spec.left - MARGIN_SLACK,
        f"left margin under {spec.left:.0f} mm",
    )
    report.measure(
        f"right margin {right:.1f} mm",
        right >= spec.right - MARGIN_SLACK,
        f"right margin under {spec.right:.0f} mm",
    )
    report.measure(
        f"top margin {top:.1f} mm", top >= spec.top - MARGIN_SLACK, f"top margin under {spec.top:.0f} mm"
    )
    # The bottom margin holds the issued paper's footer (verification code, QR), kept 5 mm
    # from the edge where many printers cannot print; below that, nothing.
    # page's edge is a limit there.
    report.measure(
        f"bottom margin {bottom:.1f} mm",
        bottom >= spec.bottom_edge - MARGIN_SLACK,
        f"ink within {spec.bottom_edge:.0f} mm of the bottom edge",
    )


def check_text_within_right_margin(page: FirstPage, report: Report, spec: PageSpec = ND30) -> None:
    limit = page.size[0] - spec.right + TEXT_OVERHANG
    beyond = [c for c in page.chars if c.text.strip() and c.box.right > limit]
    rightmost = max((c.box.right for c in page.chars if c.text.strip()), default=0.0)
    report.measure(
        f"rightmost character ends {page.size[0] - rightmost:.1f} mm from the right edge",
        not beyond,
        "text beyond the right margin: " + "".join(c.text for c in beyond[:20]),
    )


def check_motto_rule(motto: Box, rules: list[Rule], report: Report) -> Rule | None:
    """ND30: the motto is underlined by a rule as long as its line, centred under it."""
    rule = next((r for r in rules if 0 <= r.y - motto.bottom <= 4 and _overlaps(r, motto)), None)
    if rule is None:
        report.problems.append(f"no rule under the motto (motto text {motto.width:.1f} mm)")
        return None
    report.measure(
        f"motto rule {rule.length:.1f} mm vs text {motto.width:.1f} mm",
        abs(rule.length - motto.width) <= 2.0,
        "the motto's rule is not as long as the motto (± 2 mm)",
    )
    report.measure(
        f"motto rule centre {rule.centre:.1f} mm vs text {motto.centre:.1f} mm",
        abs(rule.centre - motto.centre) <= CENTRED,
        "the motto's rule is not centred under it",
    )
    return rule


def check_issuer_rule(page: FirstPage, motto: Box, rules: list[Rule], report: Report) -> Rule | None:
    """ND30: under the issuer's name a rule of 1/3 to 1/2 of its line, centred."""
    rule = next((r for r in rules if r.right <= motto.left and r.y <= motto.bottom + 30), None)
    if rule is None:
        report.problems.append("no rule under the issuer's name")
        return None
    lines = page.issuer_lines(rule)
    if not lines:
        report.problems.append("no issuer's name above its rule")
        return rule
    line = max(lines, key=lambda box: box.width)
    name = union(lines)
    assert name is not None
    share = rule.length / line.width
    report.measure(
        f"issuer rule {rule.length:.1f} mm = {share:.2f} of the name's line {line.width:.1f} mm",
        1 / 3 - PIXEL_MM / line.width <= share <= 1 / 2 + PIXEL_MM / line.width,
        "the issuer's rule is not 1/3 to 1/2 of its line",
    )
    report.measure(
        f"issuer rule centre {rule.centre:.1f} mm vs name {name.centre:.1f} mm",
        abs(rule.centre - name.centre) <= CENTRED,
        "the issuer's rule is not centred under the name",
    )
    return rule


def check_subject_rule(below: float, rules: list[Rule], report: Report) -> None:
    """Under the subject (trích yếu) a rule of 1/4 to 1/2 of the text width, centred. It is
    the first rule below the header standing alone on its row: a table's borders come later,
    and each of its rows is cut into cells or spans the whole width."""
    middle = LEFT + TEXT_WIDTH / 2
    candidates = [r for r in rules if r.y > below]
    rule = next((r for r in candidates if _alone_on_its_row(r, rules) and r.length < 0.9 * TEXT_WIDTH), None)
    if rule is None:
        report.problems.append("no rule under the subject")
        return
    share = rule.length / TEXT_WIDTH
    report.measure(
        f"subject rule {rule.length:.1f} mm = {share:.3f} of the text width {TEXT_WIDTH:.0f} mm",
        1 / 4 - PIXEL_MM / TEXT_WIDTH <= share <= 1 / 2 + PIXEL_MM / TEXT_WIDTH,
        "the subject's rule is not 1/4 to 1/2 of the text width",
    )
    report.measure(
        f"subject rule centre {rule.centre:.1f} mm vs text area {middle:.1f} mm",
        abs(rule.centre - middle) <= CENTRED,
        "the subject's rule is not centred",
    )


def _alone_on_its_row(rule: Rule, rules: list[Rule]) -> bool:
    return not any(other is not rule and abs(other.y - rule.y) < 1.0 for other in rules)


def _overlaps(rule: Rule, box: Box) -> bool:
    return rule.left < box.right and box.left < rule.right
