"""Statistics of the elected (heads and inspection-board members) by child division.

The tables provinces ask wards and districts for: gender, Party members,
ethnicity, age bands, education and political-theory levels, re-elected or new,
candidates per post, and khu phố that needed a re-run. One aggregate query per
table, grouped by the child division, whatever the number of divisions below.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, CharField, Count, Q, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elections.models import (
    Candidate,
    Contest,
    ContestKind,
    DecisionKind,
    ElectionPurpose,
    MeetingMode,
    Stage,
)
from neighborhoods.models import Division
from reporting.progress import SCOPE_FIELD, child_field, children_of, term_elections
from wardvote.text import natural_key, vietnamese_sort_key

# Labels are translated where a table is built: the age band is also the value SQL groups by.
AGE_BANDS = [
    (0, 30, gettext_lazy("Dưới 30")),
    (30, 40, "30–39"),
    (40, 50, "40–49"),
    (50, 60, "50–59"),
    (60, 200, gettext_lazy("Từ 60")),
]
UNKNOWN = gettext_lazy("Không rõ")


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[tuple[str, list[int]]] = field(default_factory=list)  # (child name, counts per column)
    base_label: str = field(default_factory=lambda: _("Tổng số"))
    percent: bool = True  # each count also as % of the row's base (first column)

    @property
    def total(self) -> list[int]:
        return [sum(values[i] for _name, values in self.rows) for i in range(len(self.columns))]


def _years_ago(today: datetime.date, years: int) -> datetime.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _age_band(prefix: str, today: datetime.date) -> Case:
    """The age band of the person at ``prefix``birth_date on ``today``, in SQL."""
    whens = [
        When(
            **{
                f"{prefix}birth_date__gt": _years_ago(today, upper),
                f"{prefix}birth_date__lte": _years_ago(today, lower),
            },
            then=Value(str(label)),
        )
        for lower, upper, label in AGE_BANDS
    ]
    return Case(*whens, default=Value(str(UNKNOWN)), output_field=CharField())


def _elected(division: Division, kind: str):
    scope = SCOPE_FIELD[division.level]
    contests = Contest.objects.filter(
        kind=kind, elected__isnull=False, election__purpose=ElectionPurpose.TERM, election__practice=False
    )
    return contests.filter(**{f"election__{scope}": division}) if scope else contests


def _grouped(queryset, child: str, dimension: str) -> dict[int | None, dict[str, int]]:
    counts: dict[int | None, dict[str, int]] = {}
    for row in queryset.values(f"election__{child}", dimension).annotate(n=Count("pk")).order_by():
        counts.setdefault(row[f"election__{child}"], {})[
            row[dimension] if row[dimension] not in ("", None) else str(UNKNOWN)
        ] = row["n"]
    return counts


def _table(key, title, names, grouped, columns, value_of) -> Table:
    table = Table(key, title, [_("Tổng số"), *columns])
    for pk, name in names:
        counts = grouped.get(pk, {})
        table.rows.append((name, [sum(counts.values()), *(value_of(counts, column) for column in columns)]))
    return table


def _open_columns(grouped: dict[int | None, dict[str, int]], first: list[str] | None = None) -> list[str]:
    seen = {value for counts in grouped.values() for value in counts}
    first = [value for value in (first or []) if value in seen]
    return first + sorted(seen - set(first), key=vietnamese_sort_key)


Names = list[tuple[int | None, str]]  # the child divisions, (pk, name), in the order shown


def child_names(division: Division, ids: set[int]) -> Names:
    return [(d.pk, d.name) for d in sorted(children_of(division, ids), key=lambda d: natural_key(d.name))]


def elected_statistics(division: Division, kind: str, today: datetime.date, names: Names) -> list[Table]:
    """The tables for one post (``ContestKind``), one row per child division."""
    child = child_field(division)
    contests = _elected(division, kind)
    by_gender = _grouped(contests, child, "elected__gender")
    post = _("Trưởng khu phố") if kind == ContestKind.HEAD else _("thành viên Ban Thanh tra nhân dân")
    reelected = _("Tái cử")
    exact = lambda value: lambda counts, column: counts.get(value(column), 0)  # noqa: E731
    tables = [
        _table(
            "gender",
            _("%(post)s trúng cử theo giới tính") % {"post": post},
            names,
            by_gender,
            [_("Nữ")],
            exact(lambda c: "female"),
        ),
        _table(
            "party",
            _("%(post)s là đảng viên") % {"post": post},
            names,
            _grouped(contests, child, "elected__party_member"),
            [_("Đảng viên")],
            exact(lambda c: True),
        ),
    ]
    ethnicity = _grouped(contests, child, "elected__ethnicity")
    tables.append(
        _table(
            "ethnicity",
            _("%(post)s theo dân tộc") % {"post": post},
            names,
            ethnicity,
            _open_columns(ethnicity, ["Kinh"]),
            exact(lambda c: c),
        )
    )
    ages = _grouped(contests.annotate(age_band=_age_band("elected__", today)), child, "age_band")
    tables.append(
        _table(
            "age",
            _("%(post)s theo độ tuổi") % {"post": post},
            names,
            ages,
            [str(label) for *_r, label in AGE_BANDS],
            exact(lambda c: c),
        )
    )
    for key, dimension, title in (
        ("education", "elected__education_level", _("%(post)s theo trình độ học vấn, chuyên môn")),
        ("theory", "elected__theory_level", _("%(post)s theo trình độ lý luận chính trị")),
    ):
        grouped = _grouped(contests, child, dimension)
        tables.append(
            _table(key, title % {"post": post}, names, grouped, _open_columns(grouped), exact(lambda c: c))
        )
    tables.append(
        _table(
            "reelected",
            _("%(post)s tái cử và lần đầu") % {"post": post},
            names,
            _grouped(contests, child, "elected__is_incumbent"),
            [reelected, _("Lần đầu")],
            lambda counts, column: counts.get(column == reelected, 0),
        )
    )
    return tables


def candidates_per_post(division: Division, names: Names) -> Table:
    child = child_field(division)
    scope = SCOPE_FIELD[division.level]
    candidates = (
        Candidate.objects.filter(**{f"contest__election__{scope}": division}) if scope else Candidate.objects
    ).filter(contest__election__purpose=ElectionPurpose.TERM, contest__election__practice=False)
    rows = candidates.values(f"contest__election__{child}", "contest__kind").annotate(
        candidates=Count("pk"), posts=Count("contest", distinct=True)
    )
    grouped: dict[int | None, dict[str, int]] = {}
    for row in rows.order_by():
        counts = grouped.setdefault(row[f"contest__election__{child}"], {})
        counts[f"{row['contest__kind']}_candidates"] = row["candidates"]
        counts[f"{row['contest__kind']}_posts"] = row["posts"]
    table = Table(
        "candidates",
        _("Số người ứng cử trên số chức danh"),
        [
            _("Trưởng khu phố: số chức danh"),
            _("số người ứng cử"),
            _("Ban TTND: số chức danh"),
            _("số người ứng cử"),
        ],
        percent=False,
    )
    for pk, name in names:
        c = grouped.get(pk, {})
        table.rows.append(
            (
                name,
                [
                    c.get("head_posts", 0),
                    c.get("head_candidates", 0),
                    c.get("inspection_board_posts", 0),
                    c.get("inspection_board_candidates", 0),
                ],
            )
        )
    return table


def reruns(division: Division, names: Names) -> Table:
    child = child_field(division)
    scope = SCOPE_FIELD[division.level]
    elections = term_elections().filter(**{scope: division}) if scope else term_elections()
    rerun = Q(stage__in=[Stage.RERUN_PENDING, Stage.HOUSEHOLD_BALLOTS]) | Q(
        decisions__kind=DecisionKind.RERUN
    )
    rows = elections.values(child).annotate(
        total=Count("pk", distinct=True),
        rerun=Count("pk", filter=rerun, distinct=True),
        # Rounds started before the head's plan was recorded have a ward decision; later ones a round.
        ballots=Count(
            "pk",
            filter=Q(decisions__kind=DecisionKind.HOUSEHOLD_BALLOTS)
            | Q(meetings__mode=MeetingMode.HOUSEHOLD_BALLOTS),
            distinct=True,
        ),
        interim=Count("pk", filter=Q(stage=Stage.INTERIM_HEAD), distinct=True),
    )
    grouped = {row[child]: row for row in rows.order_by()}
    table = Table(
        "reruns",
        _("Khu phố phải bầu lại, lấy ý kiến hộ gia đình, cử Trưởng khu phố lâm thời"),
        [_("Số khu phố"), _("Bầu lại"), _("Phiếu tại hộ gia đình"), _("Trưởng khu phố lâm thời")],
    )
    for pk, name in names:
        g = grouped.get(pk, {})
        table.rows.append(
            (name, [g.get("total", 0), g.get("rerun", 0), g.get("ballots", 0), g.get("interim", 0)])
        )
    return table


def all_tables(division: Division, today: datetime.date, names: Names | None = None) -> list[Table]:
    """Every table, one row per child division (``names``: the dashboard's rows, if known)."""
    names = names if names is not None else child_names(division, set())
    return [
        *elected_statistics(division, ContestKind.HEAD, today, names),
        *elected_statistics(division, ContestKind.INSPECTION_BOARD, today, names),
        candidates_per_post(division, names),
        reruns(division, names),
    ]
