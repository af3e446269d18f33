"""The legal rules of the election, in one place, as plain functions.

Nothing here touches the database or a request: views, forms, services and
reports call these functions and never re-implement them. Every number is a
default of ``RuleSettings`` that a plan may override (``Plan.rule_overrides``),
because later texts may change details (Law 97/2025/QH15; Decree 185/2026/NĐ-CP).

Sources: Law 10/2022/QH15 on grassroots democracy ("Luật"), Decree 59/2023/NĐ-CP
("NĐ 59"), Circular 04/2012/TT-BNV ("TT 04"). [P] read in the primary text;
[S] read in a summary; [?] not found in the texts, made configurable.

- Preparation (NĐ 59 Art. 6) [P]: decision to hold the election and the plan at
  least 20 days before the meeting (6.1.a); the decision forming the election team
  at least 10 days before (6.1.b); both posted at least 7 days before (6.1, last paragraph); the
  Front working committee's minutes on the official list (form 05) at the ward at
  least 15 days before (6.2).
- Meeting notice (form 01) at least 2 days before (NĐ 59 Art. 3.3) [P].
- The community's decision (form 03) at the ward within 5 working days after the
  meeting (NĐ 59 Art. 3.5.d, last paragraph; Luật Art. 20.3) [P]; recognition within 5 working days
  of receiving it (NĐ 59 Art. 8; Luật Art. 21.2) [P].
- Elected: more than 50 % of ALL households of the khu phố (Luật Art. 21.1 with
  Art. 15.4, 15.5) [P]; ties at the top are not elected and go to the ward [?].
- Procedure votes (secretary, voting method, counting board): more than 50 % of the
  household representatives present (NĐ 59 Art. 3.5) [P]; counting board of 3 to 5
  [P]; 2 household witnesses [P]; household-ballot team of 3 to 5 (NĐ 59 Art. 4) [P].
- Head candidate: at least 21 years old, a permanent resident living in the khu phố
  (TT 04 Art. 11) [S]; not at the same time a candidate for the board (Luật Art. 37.2).
- Inspection-board member: not a ward cadre or civil servant, not a part-time
  worker of the ward or of a khu phố (Luật Art. 37) [P]; one seat per khu phố, at
  least 5, exactly 5 below 5 khu phố (Luật Art. 36.1; NĐ 59 Art. 13.2) [P].
- Household ballots only after a meeting that lacked the households: present × 2 ≤
  all households (Luật Art. 19.1.b; NĐ 59 Art. 4.1.b) [P].
"""

from __future__ import annotations

import calendar
import datetime
import functools
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field, fields, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Generic, TypeVar, cast

import holidays
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from reporting.vietnamese import dong, percent_text

# --- Settings -----------------------------------------------------------------------


@dataclass(frozen=True)
class RuleSettings:
    """Every legal number the software uses, with its default and source."""

    plan_days: int = 20  # NĐ 59 Art. 6.1.a: decision + plan ≥ 20 days before
    team_decision_days: int = 10  # NĐ 59 Art. 6.1.b
    posting_days: int = 7  # NĐ 59 Art. 6.1, last paragraph
    candidate_list_minutes_days: int = 15  # NĐ 59 Art. 6.2 (form 05)
    meeting_notice_days: int = 2  # NĐ 59 Art. 3.3 (form 01)
    community_decision_working_days: int = 5  # NĐ 59 Art. 3.5.d; Luật Art. 20.3
    recognition_working_days: int = 5  # NĐ 59 Art. 8; Luật Art. 21.2
    rerun_window_days: int = 15  # [?] no fixed window in the texts
    min_candidate_age: int = 21  # TT 04/2012 Art. 11 [S]
    counting_board_min: int = 3  # NĐ 59 Art. 3.5
    counting_board_max: int = 5
    household_ballot_team_min: int = 3  # NĐ 59 Art. 4
    household_ballot_team_max: int = 5
    witnesses: int = 2  # NĐ 59 Art. 3.5: counting watched by 2 household representatives
    inspection_board_min_members: int = 5  # NĐ 59 Art. 13.2
    inspection_board_max_deputies: int = 2  # NĐ 59 Art. 13.3
    ballot_spares: int = 10  # [?] spare ballot papers printed beyond those present
    ballot_plan_sent_days: int = 2  # NĐ 59 Art. 4.2: household-ballot plan sent within 2 days of issue
    ballot_notice_days: int = 2  # Luật Art. 19.2; NĐ 59 Art. 4.4: notice ≥ 2 days before distribution
    # NĐ 59 Art. 3.5.c leaves the ballot's rules to the counting board and Art. 4.5.b lists what a
    # household ballot carries: neither requires the election team's stamp, and a team has none
    # of its own. Only where a plan says the team stamps its ballots is an unstamped one invalid.
    ballot_stamp: bool = False
    # Where the head's duties are written, as the recognition decision cites it: Circular
    # 04/2012/TT-BNV Art. 10 unless the province has its own rules for thôn and tổ dân phố.
    # Between elections (issue 14): NĐ 59 Art. 9.1.b (a petition of at least half of all
    # households), Art. 9.3 (a new election decided within 60 days of recognising the head's
    # release) and Luật Art. 36.2 (a board vacancy with 6 months or more left is filled).
    dismissal_petition_percent: int = 50
    new_election_days: int = 60
    by_election_min_months: int = 6
    head_duties_basis: str = (
        "Điều 10 Thông tư số 04/2012/TT-BNV ngày 31 tháng 8 năm 2012 của Bộ Nội vụ hướng dẫn về "
        "tổ chức và hoạt động của thôn, tổ dân phố"
    )

    @classmethod
    def from_overrides(cls, overrides: Mapping[str, int | bool | str] | None) -> RuleSettings:
        """The defaults with a plan's overrides; unknown names or bad values are refused."""
        if not overrides:
            return cls()
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(overrides) - known)
        if unknown:
            raise ValidationError(
                _("Quy định không có: %(names)s"), code="unknown_rule", params={"names": ", ".join(unknown)}
            )
        switches = {f.name for f in fields(cls) if isinstance(f.default, bool)}
        texts = {f.name for f in fields(cls) if f.type in (str, "str")}
        for name, value in overrides.items():
            if name in switches:
                if not isinstance(value, bool):
                    raise ValidationError(
                        _("Giá trị của %(name)s phải là true hoặc false, không phải %(value)r"),
                        code="bad_rule_value",
                        params={"name": name, "value": value},
                    )
                continue
            if name in texts:
                if not isinstance(value, str) or not value.strip():
                    raise ValidationError(
                        _("Giá trị của %(name)s phải là một đoạn văn bản, không phải %(value)r"),
                        code="bad_rule_value",
                        params={"name": name, "value": value},
                    )
                continue
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValidationError(
                    _("Giá trị của %(name)s phải là số nguyên không âm, không phải %(value)r"),
                    code="bad_rule_value",
                    params={"name": name, "value": value},
                )
        # Each value was checked against its field's kind above (a switch, a text or a count).
        settings = replace(cls(), **cast(dict[str, Any], overrides))
        if settings.counting_board_min > settings.counting_board_max:
            raise ValidationError(
                _("Số thành viên Ban kiểm phiếu tối thiểu lớn hơn tối đa"), code="bad_rule_value"
            )
        return settings


DEFAULTS = RuleSettings()

# --- Days ---------------------------------------------------------------------------


@functools.cache
def _vietnam_calendar(year: int) -> holidays.HolidayBase:
    # The holidays package knows Tết by the lunar calendar, the days off given in
    # exchange, and the Saturdays made working days in return (weekend_workdays).
    return holidays.country_holidays("VN", years=range(year - 1, year + 2))


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday except Vietnamese public holidays; swapped working Saturdays count."""
    return _vietnam_calendar(day.year).is_working_day(day)


def working_days_after(start: datetime.date, n: int) -> datetime.date:
    """The date n working days after ``start`` (``start`` itself not counted)."""
    day, counted = start, 0
    while counted < n:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def working_days_before(end: datetime.date, n: int) -> datetime.date:
    day, counted = end, 0
    while counted < n:
        day -= datetime.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def days_before(meeting_date: datetime.date, n: int) -> datetime.date:
    """The last day allowed for a step "at least n days before" the meeting.

    Calendar days, counted so that n full days separate the step from the
    meeting: at least 20 days before a meeting on 30/10 means 10/10 at the latest.
    """
    return meeting_date - datetime.timedelta(days=n)


# --- Deadlines ----------------------------------------------------------------------

BEFORE, AFTER = "before", "after"


@dataclass(frozen=True)
class Deadline:
    key: str
    label: str
    due: datetime.date  # the last day allowed
    basis: str  # the citation shown next to it
    kind: str  # BEFORE or AFTER the meeting / receipt


def deadlines(
    meeting_date: datetime.date,
    received_on: datetime.date | None = None,
    settings: RuleSettings | None = None,
    *,
    collection_ends_on: datetime.date | None = None,
) -> list[Deadline]:
    """Every legal deadline of one khu phố's election, from its meeting date.

    ``received_on`` is the day the ward received the community's decision; the
    recognition deadline runs from it. ``collection_ends_on``: the election went to
    household ballots, whose collection ended that day; the community's decision is
    then due 5 working days from it, not from the failed meeting (NĐ 59 Art. 4.7;
    Luật Art. 20.3) -- see ``ballot_decision_deadline``.
    """
    s = settings or DEFAULTS
    items = [
        Deadline(
            "plan",
            _("Quyết định tổ chức bầu cử và kế hoạch"),
            days_before(meeting_date, s.plan_days),
            _("NĐ 59/2023, Điều 6.1.a: chậm nhất %(days)s ngày trước ngày họp") % {"days": s.plan_days},
            BEFORE,
        ),
        Deadline(
            "candidate_list_minutes",
            _("Biên bản danh sách người ứng cử (mẫu 05) gửi UBND phường"),
            days_before(meeting_date, s.candidate_list_minutes_days),
            _("NĐ 59/2023, Điều 6.2: chậm nhất %(days)s ngày trước ngày họp")
            % {"days": s.candidate_list_minutes_days},
            BEFORE,
        ),
        Deadline(
            "team_decision",
            _("Quyết định thành lập Tổ bầu cử"),
            days_before(meeting_date, s.team_decision_days),
            _("NĐ 59/2023, Điều 6.1.b: chậm nhất %(days)s ngày trước ngày họp")
            % {"days": s.team_decision_days},
            BEFORE,
        ),
        Deadline(
            "posting",
            _("Niêm yết, thông báo các quyết định"),
            days_before(meeting_date, s.posting_days),
            _("NĐ 59/2023, Điều 6.1 (đoạn cuối): chậm nhất %(days)s ngày trước ngày bầu cử")
            % {"days": s.posting_days},
            BEFORE,
        ),
        Deadline(
            "meeting_notice",
            _("Thông báo cuộc họp đến các hộ (mẫu 01)"),
            days_before(meeting_date, s.meeting_notice_days),
            _("NĐ 59/2023, Điều 3.3: ít nhất %(days)s ngày trước cuộc họp") % {"days": s.meeting_notice_days},
            BEFORE,
        ),
        Deadline(
            "community_decision",
            _("Gửi quyết định của cộng đồng dân cư (mẫu 03) đến UBND, UBMTTQ phường"),
            working_days_after(meeting_date, s.community_decision_working_days),
            _(
                "NĐ 59/2023, Điều 3.5; Luật 10/2022/QH15, Điều 20.3: chậm nhất "
                "%(days)s ngày làm việc sau cuộc họp"
            )
            % {"days": s.community_decision_working_days},
            AFTER,
        ),
    ]
    if collection_ends_on is not None:
        items[-1] = ballot_decision_deadline(collection_ends_on, s)
    if received_on is not None:
        items.append(
            Deadline(
                "recognition",
                _("Quyết định công nhận kết quả bầu cử"),
                recognition_due(received_on, s),
                _(
                    "NĐ 59/2023, Điều 8; Luật 10/2022/QH15, Điều 21.2: trong %(days)s "
                    "ngày làm việc kể từ ngày nhận quyết định của cộng đồng dân cư"
                )
                % {"days": s.recognition_working_days},
                AFTER,
            )
        )
    return items


DONE, DONE_LATE, DUE, LATE = "done", "done_late", "due", "late"


def deadline_status(deadline: Deadline, done_on: datetime.date | None, today: datetime.date) -> str:
    if done_on is not None:
        return DONE if done_on <= deadline.due else DONE_LATE
    return DUE if today <= deadline.due else LATE


@functools.cache
def late_cutoffs(today: datetime.date, settings: RuleSettings = DEFAULTS) -> dict[str, datetime.date]:
    """Per deadline, the latest start day whose deadline has passed by ``today``.

    The start day is the meeting date (for "recognition", the day the ward received
    form 03). A step not done is late exactly when its start is on or before this day
    -- the same answer as ``deadline_status(...) == LATE`` -- so a database can count
    late steps with one date comparison per rule.
    """
    # The day counts only (a setting may be a text, such as ``head_duties_basis``).
    reach = max(v for f in fields(settings) if isinstance(v := getattr(settings, f.name), int)) + 30
    cutoffs: dict[str, datetime.date] = {}
    day = today + datetime.timedelta(days=reach)
    while len(cutoffs) < len(deadlines(today, today, settings)):
        for deadline in deadlines(day, day, settings):
            if deadline.key not in cutoffs and deadline.due < today:
                cutoffs[deadline.key] = day
        day -= datetime.timedelta(days=1)
    return cutoffs


def rerun_deadline(failed_meeting: datetime.date, settings: RuleSettings | None = None) -> datetime.date:
    """Default date by which a re-run should be held (no fixed window in the texts [?])."""
    return failed_meeting + datetime.timedelta(days=(settings or DEFAULTS).rerun_window_days)


def rerun_deadline_item(failed_meeting: datetime.date, settings: RuleSettings | None = None) -> Deadline:
    """The re-run's due date as a checklist line, with its basis: NĐ 59 Art. 8 sets no
    window, so the plan's ``rerun_window_days`` (default 15) stands in for one [?]."""
    days = (settings or DEFAULTS).rerun_window_days
    return Deadline(
        "rerun",
        _("Tổ chức bầu lại"),
        rerun_deadline(failed_meeting, settings),
        _(
            "NĐ 59/2023, Điều 8 không quy định thời hạn; mặc định %(days)s ngày sau cuộc họp "
            "không bầu được, điều chỉnh được theo kế hoạch"
        )
        % {"days": days},
        AFTER,
    )


# --- Majorities ---------------------------------------------------------------------


def more_than_half(count: int, total: int) -> bool:
    """Strictly more than 50 %, in integers (no rounding): 156 of 310 yes, 155 of 310 no."""
    return total > 0 and 2 * count > total


def votes_needed(total: int) -> int:
    """The smallest count that is more than half of ``total``."""
    return total // 2 + 1


def percent(count: int, total: int) -> Decimal:
    if total <= 0:
        return Decimal(0)
    return (Decimal(100) * count / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def format_percent(value: Decimal) -> str:
    """Vietnamese writing: 50,3 %, with a non-breaking space so that the sign never starts a
    line of its own (``reporting.vietnamese.percent_text``)."""
    return percent_text(value)


def motion_passes(votes_for: int, present: int) -> bool:
    """Secretary, voting method, counting board: more than half of those present (NĐ 59 Art. 3.5)."""
    return more_than_half(votes_for, present)


def motion_problems(what: str, votes_for: int, present: int) -> list[str]:
    """Why a procedure vote of the meeting is refused: a count outside 0..present, or not a majority."""
    if votes_for < 0 or votes_for > present:
        return [
            _("Số hộ tán thành %(what)s phải từ 0 đến số hộ có mặt (%(present)s), không phải %(votes)s.")
            % {"what": what, "present": present, "votes": votes_for}
        ]
    if not motion_passes(votes_for, present):
        return [
            _(
                "%(what)s: %(votes)s/%(present)s hộ có mặt tán thành, chưa quá 50 %% — chưa được thông qua "
                "(NĐ 59/2023, Điều 3.5)."
            )
            % {"what": what, "present": present, "votes": votes_for}
        ]
    return []


@dataclass(frozen=True)
class Quorum:
    present: int
    total_households: int
    needed: int  # approvals a candidate needs: more than half of ALL households
    percent: Decimal
    can_elect: bool
    message: str

    @property
    def still_needed(self) -> int:
        """Households that must still come before anyone can be elected at the meeting: those
        present must be more than half of all households (Luật 10/2022/QH15, Điều 21.1), so
        0 once they are."""
        return 0 if self.can_elect else self.needed - self.present


def quorum(present: int, total_households: int) -> Quorum:
    """What attendance allows: with half or fewer of all households present, nobody can
    reach more than half of all households, so nobody can be elected at the meeting
    (Luật Art. 21.1); the household-ballot route remains (Luật Art. 19; NĐ 59 Art. 4)."""
    if present < 0 or total_households < 0 or present > total_households:
        raise ValidationError(_("Số hộ có mặt phải từ 0 đến tổng số hộ."), code="impossible_count")
    needed = votes_needed(total_households)
    share = percent(present, total_households)
    can_elect = more_than_half(present, total_households)
    figures = {
        "present": present,
        "total": total_households,
        "share": format_percent(share),
        "needed": needed,
    }
    if can_elect:
        message = (
            _(
                "Có mặt %(present)s/%(total)s hộ (%(share)s). Người ứng cử cần ít nhất "
                "%(needed)s hộ đồng ý (hơn 50 %% tổng số hộ) để trúng cử (Luật 10/2022/QH15, Điều 21.1)."
            )
            % figures
        )
    else:
        message = (
            _(
                "Có mặt %(present)s/%(total)s hộ (%(share)s): chưa quá 50 %% tổng số hộ, "
                "không ai có thể trúng cử tại cuộc họp này (cần %(needed)s hộ đồng ý, "
                "Luật 10/2022/QH15, Điều 21.1). "
                "Có thể tổ chức lấy ý kiến bằng phiếu tại hộ gia đình (Luật Điều 19; NĐ 59/2023, Điều 4)."
            )
            % figures
        )
    return Quorum(present, total_households, needed, share, can_elect, message)


def household_ballot_allowed(total_households: int, present: int) -> bool:
    """Whether the household-ballot route is open after a community meeting: only when the
    meeting lacked the households to reach the majority of Luật Art. 21.1, i.e. present
    × 2 ≤ all households (Luật 10/2022/QH15 Art. 19.1.b; NĐ 59/2023 Art. 4.1.b). 155 of
    310 present: allowed; 156 of 310: refused -- that meeting could have elected, and
    the only way left is a re-run. A khu phố without households has no one to hand a
    ballot to: refused."""
    if present < 0 or total_households < 0 or present > total_households:
        raise ValidationError(_("Số hộ có mặt phải từ 0 đến tổng số hộ."), code="impossible_count")
    return total_households > 0 and 2 * present <= total_households


def household_ballot_problems(total_households: int, present: int) -> list[str]:
    """Why the household-ballot route is refused after a meeting (``household_ballot_allowed``)."""
    if household_ballot_allowed(total_households, present):
        return []
    if total_households == 0:
        return [
            _(
                "Khu phố chưa có hộ gia đình nào: không có phiếu để phát "
                "(Luật 10/2022/QH15, Điều 19.1.b; NĐ 59/2023, Điều 4.1.b)."
            )
        ]
    return [
        _(
            "Cuộc họp có %(present)s/%(total)s hộ tham dự, quá 50 %% tổng số hộ: đủ để bầu tại cuộc họp, "
            "nên không phát phiếu lấy ý kiến hộ gia đình; chỉ có thể bầu lại "
            "(Luật 10/2022/QH15, Điều 19.1.b; NĐ 59/2023, Điều 4.1.b)."
        )
        % {"present": present, "total": total_households}
    ]


# --- Who is elected -----------------------------------------------------------------


# Whatever identifies a candidate in the approvals (an id, or its text in a JSON key);
# the outcome names the elected one by the same kind of key.
CandidateKey = TypeVar("CandidateKey", bound=Hashable)


@dataclass(frozen=True)
class Outcome(Generic[CandidateKey]):
    elected: CandidateKey | None
    tie: bool
    reason: str
    threshold: int
    ranking: list[tuple[CandidateKey, int]] = field(default_factory=list)


def election_outcome(total_households: int, approvals: Mapping[CandidateKey, int]) -> Outcome[CandidateKey]:
    """Elected: the candidate with the most approvals, if those are more than 50 % of ALL
    households of the khu phố (not of those present, not of valid ballots) — Luật
    10/2022/QH15, Art. 21.1 with Art. 15.4. An exact tie at the top elects no one and is
    flagged for the ward [?]. The same rule elects the khu phố's inspection-board member."""
    if total_households < 0:
        raise ValidationError(_("Tổng số hộ không được âm."), code="impossible_count")
    for key, count in approvals.items():
        if count < 0:
            raise ValidationError(
                _("Số phiếu đồng ý của %(key)s không được âm."), code="impossible_count", params={"key": key}
            )
        if count > total_households:
            raise ValidationError(
                _("Số phiếu đồng ý của %(key)s (%(count)s) lớn hơn tổng số hộ (%(total)s)."),
                code="impossible_count",
                params={"key": key, "count": count, "total": total_households},
            )
    threshold = votes_needed(total_households)
    ranking = sorted(approvals.items(), key=lambda item: -item[1])
    if total_households == 0 or not ranking:
        reason = (
            "Không có người ứng cử." if not ranking else "Khu phố chưa có hộ gia đình nào trong danh sách."
        )
        return Outcome(None, False, reason + " Không ai trúng cử.", threshold, ranking)
    top_key, top = ranking[0]
    tied = [key for key, count in ranking if count == top]
    share = f"{top}/{total_households} hộ = {format_percent(percent(top, total_households))}"
    if not more_than_half(top, total_households):
        reason = (
            f"Cao nhất {share}, không quá 50 % tổng số hộ (cần {threshold}) — không ai trúng cử "
            "(Luật 10/2022/QH15, Điều 21.1)."
        )
        return Outcome(None, len(tied) > 1, reason, threshold, ranking)
    if len(tied) > 1:
        reason = (
            f"{len(tied)} người cùng đạt {share} — bằng phiếu cao nhất, không ai trúng cử; "
            "báo cáo UBND phường quyết định (Luật 10/2022/QH15, Điều 21.1)."
        )
        return Outcome(None, True, reason, threshold, ranking)
    reason = f"{share} > 50 % — trúng cử (Luật 10/2022/QH15, Điều 21.1)."
    return Outcome(top_key, False, reason, threshold, ranking)


def inspection_board_seats(neighborhood_count: int, settings: RuleSettings | None = None) -> int:
    """How many members the ward's people's inspection board has: one per khu phố, at
    least 5 (Luật 10/2022/QH15 Art. 36.1), and at most 5 in a ward with fewer than 5 khu
    phố (NĐ 59/2023 Art. 13.2) -- so exactly 5 there, the ward Front deciding which khu
    phố elect two. A ward without any khu phố has no community meeting to elect anyone
    from: 0 seats. A negative count cannot be."""
    if neighborhood_count < 0:
        raise ValidationError(_("Số khu phố không được âm."), code="impossible_count")
    if neighborhood_count == 0:
        return 0
    return max(neighborhood_count, (settings or DEFAULTS).inspection_board_min_members)


def inspection_board_seats_basis(neighborhood_count: int, settings: RuleSettings | None = None) -> str:
    """Why the board has ``inspection_board_seats`` members, with the articles, for the page."""
    floor = (settings or DEFAULTS).inspection_board_min_members
    if neighborhood_count == 0:
        return _("Phường chưa có khu phố nào để bầu thành viên (Luật 10/2022/QH15, Điều 36.1).")
    if neighborhood_count >= floor:
        return _("mỗi khu phố một thành viên, không ít hơn %(floor)s (Luật 10/2022/QH15, Điều 36.1).") % {
            "floor": floor
        }
    return _(
        "phường có %(count)s khu phố, ít hơn %(floor)s: bầu đủ %(floor)s thành viên, không quá %(floor)s; "
        "Ủy ban MTTQ phường quyết định khu phố nào bầu thêm (Luật 10/2022/QH15, Điều 36.1; "
        "NĐ 59/2023, Điều 13.2)."
    ) % {"count": neighborhood_count, "floor": floor}


# --- Eligibility --------------------------------------------------------------------


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    """Whole years; someone born on 29 February turns a year older on 1 March in common years."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def head_candidate_problems(
    birth_date: datetime.date,
    meeting_date: datetime.date,
    resident_in_neighborhood: bool,
    settings: RuleSettings | None = None,
    *,
    permanent_resident: bool = True,
) -> list[str]:
    """TT 04/2012 Art. 11: at least 21 on the meeting day, a permanent resident (thường
    trú) who lives in the khu phố -- both facts are needed, each refused on its own."""
    s = settings or DEFAULTS
    problems = []
    age = age_on(birth_date, meeting_date)
    if age < s.min_candidate_age:
        problems.append(
            _("Chưa đủ %(min)s tuổi vào ngày họp %(date)s (%(age)s tuổi) (Thông tư 04/2012/TT-BNV, Điều 11).")
            % {"min": s.min_candidate_age, "date": f"{meeting_date:%d/%m/%Y}", "age": age}
        )
    if not permanent_resident:
        problems.append(_("Không đăng ký thường trú tại khu phố (Thông tư 04/2012/TT-BNV, Điều 11)."))
    if not resident_in_neighborhood:
        problems.append(_("Không cư trú tại khu phố (Thông tư 04/2012/TT-BNV, Điều 11)."))
    return problems


def other_post_problems(standing_for_head: bool, stands_for_the_other_post: bool) -> list[str]:
    """Nobody stands for head and inspection-board member in the same election: the head is
    a part-time worker of the khu phố, whom Luật 10/2022/QH15 Art. 37.2 excludes from the
    board. ``standing_for_head`` is the post being added; ``stands_for_the_other_post``
    whether the same person is already on the other post's list."""
    if not stands_for_the_other_post:
        return []
    if standing_for_head:
        return [
            _(
                "Người này đã ứng cử thành viên Ban Thanh tra nhân dân trong cuộc bầu cử này: "
                "không đồng thời ứng cử Trưởng khu phố (Luật 10/2022/QH15, Điều 37.2)."
            )
        ]
    return [
        _(
            "Người này đã ứng cử Trưởng khu phố trong cuộc bầu cử này: Trưởng khu phố là người hoạt động "
            "không chuyên trách ở khu phố, không đồng thời ứng cử thành viên Ban Thanh tra nhân dân "
            "(Luật 10/2022/QH15, Điều 37.2)."
        )
    ]


def inspection_board_candidate_problems(
    permanent_resident: bool,
    is_ward_cadre_or_civil_servant: bool,
    is_part_time_worker: bool,
    is_neighborhood_head: bool = False,
) -> list[str]:
    problems = []
    if not permanent_resident:
        problems.append(_("Không thường trú tại địa bàn (Luật 10/2022/QH15, Điều 37)."))
    if is_ward_cadre_or_civil_servant:
        problems.append(
            _(
                "Là cán bộ, công chức cấp xã: không được đồng thời là thành viên Ban Thanh tra nhân dân "
                "(Luật 10/2022/QH15, Điều 37)."
            )
        )
    if is_part_time_worker or is_neighborhood_head:
        problems.append(
            _(
                "Là người hoạt động không chuyên trách ở cấp xã hoặc ở khu phố (kể cả Trưởng khu phố): "
                "không được là thành viên Ban Thanh tra nhân dân (Luật 10/2022/QH15, Điều 37)."
            )
        )
    return problems


TEAM_HEAD, FRONT_COMMITTEE = "head", "front_committee"


def team_member_problems(is_candidate: bool, role: str, represents: str) -> list[str]:
    problems = []
    if is_candidate:
        problems.append(_("Người ứng cử không được là thành viên Tổ bầu cử (NĐ 59/2023, Điều 6.1.b)."))
    if role == TEAM_HEAD and represents != FRONT_COMMITTEE:
        problems.append(
            _("Tổ trưởng Tổ bầu cử phải là đại diện Ban công tác Mặt trận khu phố (NĐ 59/2023, Điều 6.1.b).")
        )
    return problems


def counting_board_problems(size: int, settings: RuleSettings | None = None) -> list[str]:
    s = settings or DEFAULTS
    if s.counting_board_min <= size <= s.counting_board_max:
        return []
    return [
        _("Ban kiểm phiếu phải có từ %(min)s đến %(max)s người, không phải %(size)s (NĐ 59/2023, Điều 3.5).")
        % {"min": s.counting_board_min, "max": s.counting_board_max, "size": size}
    ]


def witness_problems(
    count: int, settings: RuleSettings | None = None, *, basis: str = "NĐ 59/2023, Điều 3.5"
) -> list[str]:
    """The count is watched by exactly 2 household representatives: at a meeting (NĐ 59 Art.
    3.5.c), and at the count of a household-ballot round (NĐ 59 Art. 4.6.a, ``basis``)."""
    wanted = (settings or DEFAULTS).witnesses
    if count == wanted:
        return []
    return [
        _("Cần đúng %(wanted)s đại diện hộ gia đình chứng kiến việc kiểm phiếu (%(basis)s).")
        % {"wanted": wanted, "basis": basis}
    ]


# Luật Art. 20.2.g: the community's decision is signed by 2 representatives of the households.
DECISION_REPRESENTATIVES = 2


def decision_representative_problems(names: list[str]) -> list[str]:
    """The community's decision names exactly 2 household representatives who sign it (Luật
    10/2022 Art. 20.2.g), besides the head (the election team's head at an election) and the
    khu phố Front committee head. They need not be the witnesses of the count (NĐ 59 Art.
    3.5.c), who exist only at a secret ballot."""
    if len(names) == DECISION_REPRESENTATIVES and len(set(names)) == DECISION_REPRESENTATIVES:
        return []
    return [
        _(
            "Quyết định của cộng đồng dân cư có chữ ký của %(wanted)s đại diện hộ gia đình, hai người "
            "khác nhau (điểm g khoản 2 Điều 20 Luật số 10/2022/QH15)."
        )
        % {"wanted": DECISION_REPRESENTATIVES}
    ]


def ballot_invalid_when(settings: RuleSettings | None = None) -> list[str]:
    """What makes a ballot paper invalid beyond approving too many (NĐ 59 Art. 3.5.c: the counting
    board sets out how to fill in the ballot): a name added from outside the list, and only where
    the plan says the team stamps its ballots (``ballot_stamp``), a ballot without its stamp."""
    reasons = ["ghi thêm tên người ngoài danh sách"]
    if (settings or DEFAULTS).ballot_stamp:
        reasons.insert(0, "không có dấu của Tổ bầu cử")
    return reasons


def inspection_board_size_problems(
    members: int, neighborhood_count: int, settings: RuleSettings | None = None
) -> list[str]:
    """The board is recognised with exactly its seats (``inspection_board_seats``)."""
    seats = inspection_board_seats(neighborhood_count, settings)
    if members == seats:
        return []
    return [
        _(
            "Ban Thanh tra nhân dân phải có đúng %(seats)s thành viên, không phải %(members)s "
            "(Luật 10/2022/QH15, Điều 36.1; NĐ 59/2023, Điều 13.2)."
        )
        % {"seats": seats, "members": members}
    ]


def inspection_board_deputy_problems(deputies: int, settings: RuleSettings | None = None) -> list[str]:
    most = (settings or DEFAULTS).inspection_board_max_deputies
    if deputies <= most:
        return []
    return [
        _("Ban Thanh tra nhân dân có không quá %(most)s Phó Trưởng ban (NĐ 59/2023, Điều 13.3).")
        % {"most": most}
    ]


def household_ballot_team_problems(size: int, settings: RuleSettings | None = None) -> list[str]:
    s = settings or DEFAULTS
    if s.household_ballot_team_min <= size <= s.household_ballot_team_max:
        return []
    return [
        _(
            "Tổ phát phiếu lấy ý kiến phải có từ %(min)s đến %(max)s người, "
            "không phải %(size)s (NĐ 59/2023, Điều 4)."
        )
        % {"min": s.household_ballot_team_min, "max": s.household_ballot_team_max, "size": size}
    ]


# --- Tally invariants ---------------------------------------------------------------


def tally_problems(
    *,
    present: int,
    issued: int,
    returned: int,
    valid: int,
    invalid: int,
    approvals: Mapping[str, int],
    seats: int = 1,
) -> list[str]:
    """Secret ballot: every figure checked against the others, each problem in words."""
    problems = []
    figures = {
        _("phiếu phát ra"): issued,
        _("phiếu thu vào"): returned,
        _("phiếu hợp lệ"): valid,
        _("phiếu không hợp lệ"): invalid,
        _("số hộ có mặt"): present,
    }
    figures.update({_("phiếu đồng ý %(name)s") % {"name": name}: count for name, count in approvals.items()})
    problems += [
        _("Số %(label)s không được âm (%(value)s).") % {"label": label, "value": value}
        for label, value in figures.items()
        if value < 0
    ]
    if returned > issued:
        problems.append(
            _("Phiếu thu vào (%(returned)s) nhiều hơn phiếu phát ra (%(issued)s).")
            % {"returned": returned, "issued": issued}
        )
    if issued > present:
        problems.append(
            _("Phiếu phát ra (%(issued)s) nhiều hơn số hộ có mặt (%(present)s).")
            % {"issued": issued, "present": present}
        )
    if valid + invalid != returned:
        problems.append(
            _(
                "Phiếu hợp lệ (%(valid)s) + không hợp lệ (%(invalid)s) = %(sum)s, "
                "khác số phiếu thu vào (%(returned)s)."
            )
            % {"valid": valid, "invalid": invalid, "sum": valid + invalid, "returned": returned}
        )
    problems += [
        _("Phiếu đồng ý %(name)s (%(count)s) nhiều hơn số phiếu hợp lệ (%(valid)s).")
        % {"name": name, "count": count, "valid": valid}
        for name, count in approvals.items()
        if count > valid
    ]
    total = sum(approvals.values())
    if total > valid * seats:
        problems.append(
            _(
                "Tổng phiếu đồng ý (%(total)s) vượt quá số phiếu hợp lệ × số người được bầu "
                "(%(valid)s × %(seats)s)."
            )
            % {"total": total, "valid": valid, "seats": seats}
        )
    return problems


def show_of_hands_problems(*, present: int, per_candidate: Mapping[str, tuple[int, int, int]]) -> list[str]:
    """Show of hands: for, against and abstain per candidate, none negative, together ≤ present."""
    problems = []
    for name, (votes_for, against, abstain) in per_candidate.items():
        if min(votes_for, against, abstain) < 0:
            problems.append(_("Số biểu quyết của %(name)s không được âm.") % {"name": name})
        if votes_for + against + abstain > present:
            problems.append(
                _(
                    "%(name)s: đồng ý %(for)s + không đồng ý %(against)s + không biểu quyết %(abstain)s = "
                    "%(sum)s, nhiều hơn số hộ có mặt (%(present)s)."
                )
                % {
                    "name": name,
                    "for": votes_for,
                    "against": against,
                    "abstain": abstain,
                    "sum": votes_for + against + abstain,
                    "present": present,
                }
            )
    return problems


# --- The household-ballot route, step by step (Luật Art. 19; NĐ 59 Art. 4) -------------------


def ballot_plan_sent_deadline(issued_on: datetime.date, settings: RuleSettings | None = None) -> Deadline:
    """The household-ballot plan (made by the khu phố head, or the convener while the post is
    vacant, with the head of the khu phố Front committee) reaches the ward chairman and the
    ward Front chairman at the latest 2 days from its issue: NĐ 59/2023 Art. 4.2 ("chậm nhất
    02 ngày kể từ ngày ban hành Kế hoạch"), calendar days. A duty of the head, not a condition
    of the round: late sending is flagged, not refused."""
    days = (settings or DEFAULTS).ballot_plan_sent_days
    return Deadline(
        "ballot_plan_sent",
        _("Gửi Kế hoạch phát phiếu đến Chủ tịch UBND phường và Chủ tịch Ủy ban MTTQ phường"),
        issued_on + datetime.timedelta(days=days),
        _("NĐ 59/2023, Điều 4.2: chậm nhất %(days)s ngày kể từ ngày ban hành Kế hoạch") % {"days": days},
        AFTER,
    )


def ballot_plan_problems(
    *,
    failed_meeting_on: datetime.date | None,
    issued_on: datetime.date,
    sent_on: datetime.date,
    collection_ends_on: datetime.date,
) -> list[str]:
    """Dates of a household-ballot plan that cannot be (NĐ 59/2023 Art. 4.1.b, 4.2): the plan
    follows the meeting that lacked the households (same day allowed), is sent on or after
    its issue, and its collection deadline is not before it."""
    problems = []
    if failed_meeting_on is not None and issued_on < failed_meeting_on:
        problems.append(
            _(
                "Kế hoạch phát phiếu lập sau cuộc họp không đủ số hộ (%(day)s), không trước đó "
                "(NĐ 59/2023, Điều 4.1.b)."
            )
            % {"day": f"{failed_meeting_on:%d/%m/%Y}"}
        )
    if sent_on < issued_on:
        problems.append(_("Ngày gửi Kế hoạch không thể trước ngày ban hành Kế hoạch (NĐ 59/2023, Điều 4.2)."))
    if collection_ends_on < issued_on:
        problems.append(_("Hạn thu phiếu không thể trước ngày ban hành Kế hoạch (NĐ 59/2023, Điều 4.2)."))
    return problems


def ballot_team_decision_problems(
    *,
    size: int,
    leader_is_front_representative: bool,
    plan_issued_on: datetime.date,
    decided_on: datetime.date,
    settings: RuleSettings | None = None,
) -> list[str]:
    """The distribution team: 3 to 5 members (``household_ballot_team_problems``), led by the
    representative of the khu phố Front committee, decided by the khu phố head after the plan
    (NĐ 59/2023 Art. 4.3; Luật Art. 19.2)."""
    problems = household_ballot_team_problems(size, settings)
    if not leader_is_front_representative:
        problems.append(
            _("Tổ trưởng Tổ phát phiếu là đại diện Ban công tác Mặt trận khu phố (NĐ 59/2023, Điều 4.3).")
        )
    if decided_on < plan_issued_on:
        problems.append(
            _("Quyết định thành lập Tổ phát phiếu không thể trước ngày ban hành Kế hoạch (%(day)s).")
            % {"day": f"{plan_issued_on:%d/%m/%Y}"}
        )
    return problems


def ballot_notice_problems(
    noticed_on: datetime.date,
    distribution_starts_on: datetime.date,
    settings: RuleSettings | None = None,
    *,
    collection_ends_on: datetime.date | None = None,
    team_decided_on: datetime.date | None = None,
) -> list[str]:
    """The public notice (content, time and deadline, the team's members) comes after the team is
    decided (it names the team: NĐ 59/2023 Art. 4.3-4.4) and at least 2 days
    before the distribution starts (Luật 10/2022/QH15 Art. 19.2: "chậm nhất là 02 ngày trước
    ngày thực hiện việc phát phiếu"; NĐ 59/2023 Art. 4.4), counted like every "at least n days
    before" (``days_before``): noticed on 01/11, distribution from 03/11 at the earliest. The
    Law makes it a condition of the distribution, so a shorter notice is refused. The
    distribution starts no later than the collection deadline."""
    days = (settings or DEFAULTS).ballot_notice_days
    problems = []
    if team_decided_on is not None and noticed_on < team_decided_on:
        problems.append(
            _("Ngày thông báo không thể trước ngày quyết định thành lập Tổ phát phiếu (%(day)s).")
            % {"day": f"{team_decided_on:%d/%m/%Y}"}
        )
    latest = days_before(distribution_starts_on, days)
    if noticed_on > latest:
        problems.append(
            _(
                "Thông báo công khai ngày %(noticed)s, phát phiếu từ ngày %(start)s: phải thông báo "
                "chậm nhất %(days)s ngày trước ngày phát phiếu, tức là đến ngày %(latest)s "
                "(Luật 10/2022/QH15, Điều 19.2; NĐ 59/2023, Điều 4.4)."
            )
            % {
                "noticed": f"{noticed_on:%d/%m/%Y}",
                "start": f"{distribution_starts_on:%d/%m/%Y}",
                "days": days,
                "latest": f"{latest:%d/%m/%Y}",
            }
        )
    if collection_ends_on is not None and distribution_starts_on > collection_ends_on:
        problems.append(
            _("Ngày bắt đầu phát phiếu (%(start)s) sau hạn thu phiếu (%(end)s).")
            % {"start": f"{distribution_starts_on:%d/%m/%Y}", "end": f"{collection_ends_on:%d/%m/%Y}"}
        )
    return problems


def ballot_distribution_problems(day: datetime.date, distribution_starts_on: datetime.date) -> list[str]:
    """No ballot is handed out before the day the public notice announced (Luật 10/2022/QH15
    Art. 19.2; NĐ 59/2023 Art. 4.4). ``day`` is the day the ballot is handed out."""
    if day >= distribution_starts_on:
        return []
    return [
        _(
            "Chưa đến ngày phát phiếu đã thông báo (%(start)s): không phát phiếu ngày %(day)s "
            "(Luật 10/2022/QH15, Điều 19.2; NĐ 59/2023, Điều 4.4)."
        )
        % {"start": f"{distribution_starts_on:%d/%m/%Y}", "day": f"{day:%d/%m/%Y}"}
    ]


def ballot_count_problems(
    *,
    witnesses: int,
    counted_on: datetime.date,
    distribution_starts_on: datetime.date,
    settings: RuleSettings | None = None,
    witnesses_in_team: bool = False,
) -> list[str]:
    """The team counts the ballots before 2 household representatives it invites (NĐ 59/2023
    Art. 4.6.a) -- representatives of households, not members of the team -- on a count day not
    before the distribution started."""
    problems = witness_problems(witnesses, settings, basis="NĐ 59/2023, Điều 4.6.a")
    if counted_on < distribution_starts_on:
        problems.append(
            _("Ngày kiểm phiếu không thể trước ngày bắt đầu phát phiếu (%(start)s).")
            % {"start": f"{distribution_starts_on:%d/%m/%Y}"}
        )
    if witnesses_in_team:
        problems.append(_("Người chứng kiến là đại diện hộ gia đình, không phải thành viên Tổ phát phiếu."))
    return problems


def ballot_decision_deadline(
    collection_ends_on: datetime.date, settings: RuleSettings | None = None
) -> Deadline:
    """After household ballots the community's decision (with the content of Luật Art. 20.2)
    reaches the ward people's committee and the ward Front at the latest 5 working days from
    the END OF THE COLLECTION PERIOD (NĐ 59/2023 Art. 4.7; Luật 10/2022/QH15 Art. 20.3) -- not
    from the meeting that lacked the households. Same key as the meeting's deadline
    ("community_decision"): it replaces it in ``deadlines``."""
    days = (settings or DEFAULTS).community_decision_working_days
    return Deadline(
        "community_decision",
        _("Gửi quyết định của cộng đồng dân cư (phiếu lấy ý kiến hộ gia đình) đến UBND, UBMTTQ phường"),
        working_days_after(collection_ends_on, days),
        _(
            "NĐ 59/2023, Điều 4.7; Luật 10/2022/QH15, Điều 20.3: chậm nhất %(days)s ngày làm việc "
            "kể từ ngày kết thúc thời hạn lấy ý kiến bằng phiếu"
        )
        % {"days": days},
        AFTER,
    )


# --- Recognition per post, the ward's other answers, the interim head ---------------

BOARD_RECOGNITION = "board_recognition"


def recognition_due(received_on: datetime.date, settings: RuleSettings | None = None) -> datetime.date:
    """The last day to recognise a post, order a re-run or answer in writing: 5 working days
    from receiving the community's decision (NĐ 59/2023 Art. 8; Luật 10/2022/QH15 Art. 21.2,
    and Art. 40.2.b for the ward Front's recognition of a board member)."""
    return working_days_after(received_on, (settings or DEFAULTS).recognition_working_days)


def board_member_recognition_deadline_item(
    received_on: datetime.date | None, held_on: datetime.date, settings: RuleSettings | None = None
) -> Deadline:
    """The ward Front recognises a khu phố's board member within 5 working days of receiving
    that khu phố's community decision (Luật 10/2022/QH15, Art. 21.2 and 40.2.b), each khu phố
    on its own clock. Before the receipt is recorded the clock runs, at the latest, from the day
    the decision is due at the Front (5 working days after the sitting, Luật Art. 20.3)."""
    s = settings or DEFAULTS
    estimated = received_on is None
    start = received_on or working_days_after(held_on, s.community_decision_working_days)
    basis = _(
        "Luật 10/2022/QH15, Điều 21.2, Điều 40.2.b: Ủy ban MTTQ phường công nhận trong %(days)s "
        "ngày làm việc kể từ ngày nhận quyết định của cộng đồng dân cư"
    ) % {"days": s.recognition_working_days}
    if estimated:
        basis += _(" (chưa ghi ngày nhận: tính từ hạn gửi quyết định, Điều 20.3)")
    return Deadline(
        BOARD_RECOGNITION,
        _("Ủy ban MTTQ phường công nhận thành viên Ban Thanh tra nhân dân"),
        recognition_due(start, s),
        basis,
        AFTER,
    )


# The grounds on which the ward may act on a community decision (Luật Art. 22.1.a and b).
CONTRARY_TO_LAW, IRREGULAR_PROCEDURE = "contrary_to_law", "irregular_procedure"
ANNUL, REQUEST_AMENDMENT = "annul", "request_amendment"


def community_decision_action_problems(ground: str, action: str) -> list[str]:
    """Luật 10/2022/QH15, Art. 22.2: a community decision contrary to the law, to fine customs
    or social ethics (22.1.a) is annulled by the ward; one that did not follow the procedure
    (22.1.b) is annulled or the community is asked to amend it, as the breach warrants. Asking to
    amend a decision contrary to the law is refused: the law gives the ward only annulment."""
    if ground not in (CONTRARY_TO_LAW, IRREGULAR_PROCEDURE):
        return [
            _("Chọn căn cứ: trái pháp luật (Điều 22.1.a) hoặc không đúng trình tự, thủ tục (Điều 22.1.b).")
        ]
    if action == REQUEST_AMENDMENT and ground == CONTRARY_TO_LAW:
        return [
            _(
                "Quyết định của cộng đồng dân cư trái pháp luật thì UBND phường quyết định bãi bỏ, "
                "không đề nghị sửa đổi (Luật 10/2022/QH15, Điều 22.2)."
            )
        ]
    return []


def front_agreement_problems(
    agreed_on: datetime.date | None, agreed_by: str, decided_on: datetime.date
) -> list[str]:
    """NĐ 59/2023, Art. 9.3: the ward decides after agreeing with the ward Front, both when it
    appoints an interim head and when it decides on letting a head go that the meeting did not
    agree on. The agreement (who for the Front, and when) is required and comes before the
    decision, at the latest on its day."""
    problems = []
    if not agreed_by.strip():
        problems.append(
            _("Ghi người đại diện Ủy ban MTTQ phường đã thống nhất (NĐ 59/2023/NĐ-CP, Điều 9.3).")
        )
    if agreed_on is None:
        problems.append(_("Ghi ngày thống nhất với Ủy ban MTTQ phường (NĐ 59/2023/NĐ-CP, Điều 9.3)."))
    elif agreed_on > decided_on:
        problems.append(
            _("Ngày thống nhất với Ủy ban MTTQ phường (%(agreed)s) không được sau ngày quyết định (%(day)s).")
            % {"agreed": f"{agreed_on:%d/%m/%Y}", "day": f"{decided_on:%d/%m/%Y}"}
        )
    return problems


# --- The inspection board: its first meeting, and which khu phố elect two (h4) ------


def board_meeting_quorum(present: int, members: int) -> bool:
    """Whether the board's meeting may elect its officers: more than half of its members
    present. The texts fix no quorum for this meeting; NĐ 59/2023 Art. 12.3 only says the
    board works collectively and decides by majority, so the software asks for a majority
    of the members in the room [?] (docs/legal.md §9). A board without members has none."""
    if present < 0 or members < 0 or present > members:
        raise ValidationError(
            _("Số thành viên có mặt phải từ 0 đến số thành viên của Ban."), code="impossible_count"
        )
    return more_than_half(present, members)


def board_meeting_quorum_problems(present: int, members: int) -> list[str]:
    """Why the board's meeting cannot elect (``board_meeting_quorum``)."""
    if board_meeting_quorum(present, members):
        return []
    return [
        _(
            "Có mặt %(present)s/%(members)s thành viên, chưa quá một nửa: cuộc họp không bầu "
            "Trưởng ban, Phó Trưởng ban (NĐ 59/2023, Điều 12.3 — quyết định theo đa số)."
        )
        % {"present": present, "members": members}
    ]


def board_officer_elected(votes: int, members: int) -> bool:
    """A head or deputy of the board is elected by the board (Luật 10/2022/QH15 Art. 40.2.b)
    with the votes of more than half of ALL its members, not of those present: NĐ 59/2023
    Art. 12.3 says the board decides by majority; counting it over all members is the
    software's reading [?] (docs/legal.md §9). 14 of 26 elects, 13 does not."""
    return more_than_half(votes, members)


def board_officer_vote_problems(
    post: str, full_name: str, votes: int, present: int, members: int
) -> list[str]:
    """Why one person's election as head or deputy is refused: a count outside 0..present,
    or not more than half of all members (``board_officer_elected``)."""
    if votes < 0 or votes > present:
        return [
            _(
                "%(post)s %(name)s: số phiếu phải từ 0 đến số thành viên có mặt (%(present)s), "
                "không phải %(votes)s."
            )
            % {"post": post, "name": full_name, "present": present, "votes": votes}
        ]
    if not board_officer_elected(votes, members):
        return [
            _(
                "%(post)s %(name)s: %(votes)s/%(members)s thành viên tán thành, chưa quá một nửa "
                "số thành viên của Ban — chưa trúng cử "
                "(Luật 10/2022/QH15, Điều 40.2.b; NĐ 59/2023, Điều 12.3)."
            )
            % {"post": post, "name": full_name, "votes": votes, "members": members}
        ]
    return []


def board_seat_allocation_problems(
    seats_by_khu_pho: Mapping[str, int], settings: RuleSettings | None = None
) -> list[str]:
    """The ward Front's choice of how many board members each khu phố elects (Luật
    10/2022/QH15 Art. 36.1; NĐ 59/2023 Art. 13.2): every khu phố at least one (each is
    represented), together exactly ``inspection_board_seats``. With 5 khu phố or more that
    is one each; with fewer, the Front decides which elect more than one (4 khu phố: one
    of them elects two)."""
    count = len(seats_by_khu_pho)
    problems = [
        _("%(name)s phải bầu ít nhất 1 thành viên Ban Thanh tra nhân dân (NĐ 59/2023, Điều 13.2).")
        % {"name": name}
        for name, seats in seats_by_khu_pho.items()
        if seats < 1
    ]
    wanted = inspection_board_seats(count, settings)
    total = sum(seats_by_khu_pho.values())
    if total != wanted:
        problems.append(
            _(
                "Tổng số thành viên các khu phố bầu là %(total)s, phải đúng %(wanted)s "
                "(Luật 10/2022/QH15, Điều 36.1; NĐ 59/2023, Điều 13.2)."
            )
            % {"total": total, "wanted": wanted}
        )
    return problems


@dataclass(frozen=True)
class SeatsOutcome(Generic[CandidateKey]):
    elected: list[CandidateKey]
    undecided: bool  # a tie at the last seat
    reason: str
    threshold: int


def _short_of_seats_reason(elected: int, seats: int, threshold: int) -> str:
    """The reason when no more than the seats pass the threshold, saying plainly who is elected
    and how many seats go to a re-run."""
    basis = "(Luật 10/2022/QH15, Điều 21.1)."
    if elected == 0:
        return (
            f"Không ai được quá 50 % tổng số hộ (cần {threshold}): không ai trúng cử, "
            f"{seats} vị trí bầu lại {basis}"
        )
    reason = f"{elected}/{seats} người được quá 50 % tổng số hộ (cần {threshold}) — trúng cử"
    if elected < seats:
        reason += f"; còn {seats - elected} vị trí bầu lại"
    return f"{reason} {basis}"


def seats_outcome(
    total_households: int, approvals: Mapping[CandidateKey, int], seats: int
) -> SeatsOutcome[CandidateKey]:
    """A contest with several seats (a khu phố electing two board members): in order of
    approvals, those with more than 50 % of ALL households of the khu phố are elected, up
    to the seats (Luật 10/2022/QH15 Art. 21.1 with Art. 15.5). When two or more above the
    threshold tie for the last seat, that seat is not decided and goes to the ward Front [?]
    (the same default as a tie at the top of a one-seat contest)."""
    if seats < 1:
        raise ValidationError(_("Số người được bầu phải từ 1 trở lên."), code="impossible_count")
    single = election_outcome(total_households, approvals)  # validates the figures
    above = [(key, count) for key, count in single.ranking if more_than_half(count, total_households)]
    if len(above) <= seats:
        elected = [key for key, _count in above]
        return SeatsOutcome(
            elected, False, _short_of_seats_reason(len(elected), seats, single.threshold), single.threshold
        )
    last = above[seats - 1][1]
    elected = [key for key, count in above if count > last]
    if len([key for key, count in above if count == last]) > seats - len(elected):
        reason = (
            f"Nhiều người cùng đạt {last} phiếu ở vị trí cuối: {len(elected)}/{seats} người trúng cử, "
            "vị trí còn lại chưa quyết định; báo cáo Ủy ban MTTQ phường (Luật 10/2022/QH15, Điều 21.1)."
        )
        return SeatsOutcome(elected, True, reason, single.threshold)
    elected = [key for key, _count in above[:seats]]
    reason = (
        f"{seats}/{seats} người có nhiều phiếu nhất trên 50 % tổng số hộ — trúng cử "
        "(Luật 10/2022/QH15, Điều 21.1)."
    )
    return SeatsOutcome(elected, False, reason, single.threshold)


# --- Meetings by residential cluster (cụm dân cư) -------------------------------------

# Law 10/2022/QH15 Art. 18.3: from this many households a khu phố may meet by cluster.
CLUSTER_MIN_HOUSEHOLDS = 200
# A cluster plan splits the meeting: one cluster would be the meeting itself.
CLUSTER_MIN_COUNT = 2


def cluster_meetings_allowed(total_households: int, scattered: bool) -> bool:
    """Whether a khu phố may hold its meeting as several cluster sittings (cụm dân cư): it has
    200 households or more, or its people do not live together in one place (Luật 10/2022/QH15
    Art. 18.3; NĐ 59/2023 Art. 3.1.đ, 3.6). 199 households, not scattered: no; 200: yes; a
    scattered khu phố of any size with households: yes. A khu phố without households has no one
    to meet. A negative count cannot be."""
    if total_households < 0:
        raise ValidationError(_("Tổng số hộ không được âm."), code="impossible_count")
    if total_households == 0:
        return False
    return scattered or total_households >= CLUSTER_MIN_HOUSEHOLDS


def cluster_meetings_problems(total_households: int, scattered: bool) -> list[str]:
    """Why a cluster plan is refused for this khu phố (``cluster_meetings_allowed``)."""
    if cluster_meetings_allowed(total_households, scattered):
        return []
    return [
        _(
            "Khu phố có %(total)s hộ (dưới %(min)s hộ) và dân cư sinh sống tập trung: họp chung toàn khu "
            "phố, không họp theo cụm dân cư (Luật 10/2022/QH15, Điều 18.3; NĐ 59/2023, Điều 3.6)."
        )
        % {"total": total_households, "min": CLUSTER_MIN_HOUSEHOLDS}
    ]


def cluster_plan_problems(cluster_count: int, unassigned: int, clusters_incomplete: list[str]) -> list[str]:
    """What a cluster plan lacks before the ward may approve it (NĐ 59/2023 Art. 3.6): at least
    two clusters, each with who chairs it by authorisation, its time and place and who reports
    (``clusters_incomplete``: the names of those lacking one), and every household of the khu
    phố in exactly one cluster (``unassigned``: the active households in none)."""
    problems = []
    if cluster_count < CLUSTER_MIN_COUNT:
        problems.append(
            _("Phương án phải có ít nhất %(min)s cụm dân cư (đang có %(count)s).")
            % {"min": CLUSTER_MIN_COUNT, "count": cluster_count}
        )
    if clusters_incomplete:
        problems.append(
            _(
                "Cụm chưa đủ người chủ trì, thời gian, địa điểm và người báo cáo kết quả "
                "(NĐ 59/2023, Điều 3.6): %(names)s."
            )
            % {"names": ", ".join(clusters_incomplete)}
        )
    if unassigned:
        problems.append(
            _("Còn %(count)s hộ chưa thuộc cụm nào: mỗi hộ phải thuộc đúng một cụm dân cư.")
            % {"count": unassigned}
        )
    return problems


def cluster_plan_agreement_problems(
    agreed_on: datetime.date | None, agreed_with: str, approved_on: datetime.date | None = None
) -> list[str]:
    """The ward approves a cluster plan after agreeing it with the khu phố Front committee (NĐ
    59/2023 Art. 3.6): the agreement (with whom, and when) is recorded, and the approval is not
    dated before it."""
    if agreed_on is None or not agreed_with:
        return [
            _(
                "Chưa ghi nhận việc thống nhất phương án với Ban công tác Mặt trận khu phố "
                "(NĐ 59/2023, Điều 3.6)."
            )
        ]
    if approved_on is not None and approved_on < agreed_on:
        return [
            _(
                "Ngày phường phê duyệt (%(day)s) không được trước ngày thống nhất với Ban công tác "
                "Mặt trận khu phố (%(agreed)s)."
            )
            % {"day": f"{approved_on:%d/%m/%Y}", "agreed": f"{agreed_on:%d/%m/%Y}"}
        ]
    return []


# --- The Front committee's conference on the official list (form 05) --------------------

LIST_CONFERENCE_BASIS = "khoản 2 Điều 6 Nghị định số 59/2023/NĐ-CP"


def list_conference_problems(
    *,
    held_at: datetime.datetime,
    now: datetime.datetime,
    members_total: int,
    members_present: int,
    votes_for: int,
) -> list[str]:
    """What the minutes of the khu phố Front committee's conference cannot say (NĐ 59/2023
    Art. 6.2, form 05): more members present than it has, more votes than members present,
    or a conference that has not been held yet."""
    problems = []
    if members_total < 1:
        problems.append(
            _("Ban công tác Mặt trận phải có ít nhất một thành viên (%(basis)s).")
            % {"basis": LIST_CONFERENCE_BASIS}
        )
    if members_present > members_total:
        problems.append(
            _(
                "Số thành viên có mặt (%(present)s) không được lớn hơn tổng số thành viên Ban công tác "
                "Mặt trận (%(total)s) (%(basis)s)."
            )
            % {"present": members_present, "total": members_total, "basis": LIST_CONFERENCE_BASIS}
        )
    if votes_for > members_present:
        problems.append(
            _(
                "Số thành viên tán thành (%(votes)s) không được lớn hơn số thành viên có mặt "
                "(%(present)s) (%(basis)s)."
            )
            % {"votes": votes_for, "present": members_present, "basis": LIST_CONFERENCE_BASIS}
        )
    if held_at > now:
        problems.append(
            _("Hội nghị chưa diễn ra: thời gian họp (%(at)s) ở tương lai (%(basis)s).")
            % {"at": f"{held_at:%H:%M %d/%m/%Y}", "basis": LIST_CONFERENCE_BASIS}
        )
    return problems


# --- Issuing a paper (Decree 30/2020/NĐ-CP) -------------------------------------------


def signing_date_problems(
    signed_on: datetime.date,
    *,
    today: datetime.date,
    event_on: datetime.date,
    event_label: str,
    last_number_on: datetime.date | None = None,
    replaced_on: datetime.date | None = None,
) -> list[str]:
    """The date a paper is signed is the date it bears (ND30 Art. 8, Appendix I): not in the
    future, not before the event it records (a paper cannot be backdated before what it
    decides on), and not before the last paper its issuer numbered this year, so that the
    numbers, given in order (ND30 Art. 15), follow the dates. A correction is dated on or
    after the paper it replaces."""
    problems = []
    if signed_on > today:
        problems.append(
            _("Ngày ký (%(day)s) không được sau ngày hôm nay (%(today)s).")
            % {"day": f"{signed_on:%d/%m/%Y}", "today": f"{today:%d/%m/%Y}"}
        )
    if signed_on < event_on:
        problems.append(
            _("Ngày ký (%(day)s) không được trước %(event)s (%(event_on)s).")
            % {"day": f"{signed_on:%d/%m/%Y}", "event": event_label, "event_on": f"{event_on:%d/%m/%Y}"}
        )
    if last_number_on is not None and signed_on < last_number_on:
        problems.append(
            _(
                "Ngày ký (%(day)s) không được trước ngày của văn bản có số liền trước của cơ quan "
                "ban hành (%(last)s): số văn bản cấp theo thứ tự ngày ban hành trong năm (Nghị định số "
                "30/2020/NĐ-CP, Điều 15)."
            )
            % {"day": f"{signed_on:%d/%m/%Y}", "last": f"{last_number_on:%d/%m/%Y}"}
        )
    if replaced_on is not None and signed_on < replaced_on:
        problems.append(
            _("Văn bản thay thế không được ký trước văn bản bị thay thế (%(day)s).")
            % {"day": f"{replaced_on:%d/%m/%Y}"}
        )
    return problems


# --- Between elections: a head or a board member leaving, and the vacancy ------------


def dismissal_petition_sufficient(
    total_households: int, petitioners: int, settings: RuleSettings | None = None
) -> bool:
    """A petition asks the ward to let the head go when at least 50 % of ALL the khu phố's
    households (or their representatives) sign it (NĐ 59/2023, Art. 9.1.b: "ít nhất 50% tổng số
    hộ gia đình"): 200 of 400 suffice, 200 of 401 do not. "At least", unlike the meeting's
    "more than half": the exact half is enough. A count that cannot be is refused."""
    if total_households <= 0 or petitioners < 0 or petitioners > total_households:
        raise ValidationError(
            _("Số hộ kiến nghị (%(petitioners)s) phải từ 0 đến tổng số hộ của khu phố (%(total)s)."),
            code="impossible_count",
            params={"petitioners": petitioners, "total": total_households},
        )
    share = (settings or DEFAULTS).dismissal_petition_percent
    return petitioners * 100 >= total_households * share


def dismissal_petition_problems(
    total_households: int, petitioners: int, settings: RuleSettings | None = None
) -> list[str]:
    """Why a petition does not reach the share Art. 9.1.b asks for (none: it does)."""
    if dismissal_petition_sufficient(total_households, petitioners, settings):
        return []
    share = (settings or DEFAULTS).dismissal_petition_percent
    return [
        _(
            "Kiến nghị cho thôi làm Trưởng khu phố cần ít nhất %(share)s%% tổng số hộ gia đình của khu phố "
            "(%(needed)s/%(total)s hộ); mới có %(petitioners)s hộ (NĐ 59/2023/NĐ-CP, Điều 9.1.b)."
        )
        % {
            "share": share,
            "needed": -(-total_households * share // 100),
            "total": total_households,
            "petitioners": petitioners,
        }
    ]


def new_election_due(recognised_on: datetime.date, settings: RuleSettings | None = None) -> datetime.date:
    """The last day for the ward to decide the election of a new head: 60 days (calendar days:
    the article says "ngày", not "ngày làm việc") from the decision recognising that the head
    was let go (NĐ 59/2023, Art. 9.3). Until then an interim head (lâm thời) may serve."""
    return recognised_on + datetime.timedelta(days=(settings or DEFAULTS).new_election_days)


def new_election_deadline_item(
    recognised_on: datetime.date, settings: RuleSettings | None = None
) -> Deadline:
    """The checklist's line for :func:`new_election_due`."""
    s = settings or DEFAULTS
    return Deadline(
        NEW_ELECTION,
        _("UBND phường quyết định việc bầu Trưởng khu phố mới"),
        new_election_due(recognised_on, s),
        _(
            "NĐ 59/2023/NĐ-CP, Điều 9.3: trong %(days)s ngày kể từ ngày có quyết định công nhận "
            "cho thôi làm Trưởng khu phố"
        )
        % {"days": s.new_election_days},
        AFTER,
    )


NEW_ELECTION = "new_election"


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, or the month's last day when it has no such day
    (31/08 + 6 months = 28/02 or 29/02)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def by_election_required(
    term_ends_on: datetime.date, vacant_from: datetime.date, settings: RuleSettings | None = None
) -> bool:
    """A board seat left vacant is filled by a by-election when 6 months or more of the term
    remain (Luật 10/2022/QH15, Art. 36.2: "từ 06 tháng trở lên"): exactly six months left
    (vacant from 30/04, term ending 30/10) requires one; a day less does not."""
    if vacant_from > term_ends_on:
        raise ValidationError(
            _("Ngày khuyết (%(vacant)s) sau ngày kết thúc nhiệm kỳ (%(end)s)."),
            code="impossible_date",
            params={"vacant": f"{vacant_from:%d/%m/%Y}", "end": f"{term_ends_on:%d/%m/%Y}"},
        )
    return add_months(vacant_from, (settings or DEFAULTS).by_election_min_months) <= term_ends_on


def term_end_date(
    completion_deadline: datetime.date, term_start_year: int, term_end_year: int
) -> datetime.date:
    """When a term ends: the day by which the next term's elections must be complete, that is
    the plan's completion deadline moved to the term's last year (a 2024–2029 term whose
    elections had to be complete by 31/10/2024 ends on 31/10/2029). The law fixes the term at
    five years (Luật Art. 36.2 ties the board's term to the heads') without a calendar day."""
    return add_months(completion_deadline, 12 * (term_end_year - term_start_year))


# --- While the head's post is vacant: who stands in, and the new election (h2) -------

# Who the ward chairman may designate to convene the khu phố's meetings while it has no head
# (NĐ 59/2023, Art. 3.1.d): a representative of the khu phố's Front committee, or a reputable
# citizen residing in the khu phố.
CONVENER_FRONT = "front_committee"
CONVENER_RESIDENT = "resident"
CONVENER_CAPACITIES = {
    CONVENER_FRONT: _("đại diện Ban công tác Mặt trận khu phố"),
    CONVENER_RESIDENT: _("công dân có uy tín cư trú tại khu phố"),
}


def convener_problems(full_name: str, capacity: str) -> list[str]:
    """Whom the ward chairman designates as the khu phố's convener (NĐ 59/2023, Art. 3.1.d):
    named, and one of the two the article allows."""
    problems = []
    if not full_name.strip():
        problems.append(_("Ghi họ tên người được chỉ định triệu tập cuộc họp."))
    if capacity not in CONVENER_CAPACITIES:
        problems.append(
            _(
                "Người triệu tập phải là đại diện Ban công tác Mặt trận khu phố hoặc công dân có uy tín "
                "cư trú tại khu phố (NĐ 59/2023/NĐ-CP, Điều 3.1.d)."
            )
        )
    return problems


def stand_in_date_problems(vacant_from: datetime.date, decided_on: datetime.date) -> list[str]:
    """A decision about a vacant post (an interim head, a convener, the new election) is taken
    while the post is vacant: not before the day it became vacant."""
    if decided_on < vacant_from:
        return [
            _("Ngày quyết định (%(day)s) không được trước ngày khuyết Trưởng khu phố (%(vacant)s).")
            % {"day": f"{decided_on:%d/%m/%Y}", "vacant": f"{vacant_from:%d/%m/%Y}"}
        ]
    return []


def new_election_meeting_problems(
    decided_on: datetime.date, meeting_date: datetime.date | None, term_ends_on: datetime.date
) -> list[str]:
    """The new head's meeting, when the decision sets it: after the decision, and within the
    term the new head will serve, which ends with the ward's current term."""
    if meeting_date is None:
        return []
    problems = []
    if meeting_date < decided_on:
        problems.append(
            _("Ngày họp bầu (%(meeting)s) không được trước ngày quyết định (%(day)s).")
            % {"meeting": f"{meeting_date:%d/%m/%Y}", "day": f"{decided_on:%d/%m/%Y}"}
        )
    if meeting_date > term_ends_on:
        problems.append(
            _("Ngày họp bầu (%(meeting)s) sau ngày kết thúc nhiệm kỳ (%(end)s).")
            % {"meeting": f"{meeting_date:%d/%m/%Y}", "end": f"{term_ends_on:%d/%m/%Y}"}
        )
    return problems


def new_election_deadline_on(due_on: datetime.date, settings: RuleSettings | None = None) -> Deadline:
    """The checklist's line for a vacancy whose due day was set when it opened (the day of
    :func:`new_election_due`, kept on the vacancy): the same words as
    :func:`new_election_deadline_item`."""
    s = settings or DEFAULTS
    item = new_election_deadline_item(due_on - datetime.timedelta(days=s.new_election_days), s)
    return replace(item, due=due_on)


# --- h3: a board member let go, the by-election ------------------------------------------


def by_election_problems(
    term_ends_on: datetime.date, vacant_from: datetime.date, settings: RuleSettings | None = None
) -> list[str]:
    """Why no by-election fills a vacant board seat: less than 6 months of the term left
    (Luật 10/2022/QH15, Art. 36.2); none when one is required."""
    if vacant_from <= term_ends_on and by_election_required(term_ends_on, vacant_from, settings):
        return []
    return [
        _(
            "Thành viên Ban Thanh tra nhân dân khuyết từ ngày %(vacant)s, nhiệm kỳ kết thúc ngày %(end)s: "
            "thời gian còn lại dưới %(months)s tháng nên không bầu bổ sung (Luật 10/2022/QH15, Điều 36.2)."
        )
        % {
            "vacant": f"{vacant_from:%d/%m/%Y}",
            "end": f"{term_ends_on:%d/%m/%Y}",
            "months": (settings or DEFAULTS).by_election_min_months,
        }
    ]


def board_release_agreed(total_households: int, approvals: int) -> bool:
    """The khu phố's meeting lets a board member go when more than half of ALL its households
    agree, as it elects one (Luật 10/2022/QH15, Art. 36.2 with Art. 21.1 and 15.4; NĐ 59/2023
    Art. 13.1 and 3): the same count as ``election_outcome`` for a single candidate."""
    return election_outcome(total_households, {"member": approvals}).elected == "member"


def board_release_outcome_reason(total_households: int, approvals: int) -> str:
    """The outcome of the khu phố's meeting on letting a board member go, as its result and
    minutes state it (the count is ``election_outcome``'s; only the words differ)."""
    share = f"{approvals}/{total_households} hộ = {format_percent(percent(approvals, total_households))}"
    if board_release_agreed(total_households, approvals):
        return (
            f"{share} > 50 % — đồng ý cho thôi làm thành viên Ban Thanh tra nhân dân "
            "(Luật 10/2022/QH15, Điều 21.1, 36.2)."
        )
    return (
        f"{share}, không quá 50 % tổng số hộ (cần {votes_needed(total_households)}) — không cho thôi "
        "(Luật 10/2022/QH15, Điều 21.1, 36.2)."
    )


# --- h1: letting a head go (NĐ 59 Art. 9; Art. 3.1.c) -----------------------------------

# The three ways the question reaches the ward (NĐ 59 Art. 9.1), as ``ReleaseWayIn`` stores them.
RELEASE_OWN_REQUEST = "own_request"
RELEASE_FRONT_PROPOSAL = "front_proposal"
RELEASE_PETITION = "petition"
# Who convenes and chairs the meeting (NĐ 59 Art. 3.1.c), as ``ReleaseChair`` stores them.
CHAIR_FRONT_COMMITTEE_HEAD = "front_committee_head"
CHAIR_WARD_CHAIRMAN = "ward_chairman"
RELEASE_ANSWER = "release_answer"


def release_request_problems(
    way_in: str,
    *,
    reasons: str,
    grounds: list[str],
    petitioners: int | None,
    household_total: int | None,
    settings: RuleSettings | None = None,
) -> list[str]:
    """What a request to let the head go lacks (NĐ 59/2023, Art. 9.1): the head's own request
    states its reasons (9.1.a); the Front committee head's proposal names at least one of the
    grounds of 9.1.b; a petition needs at least 50 % of ALL the khu phố's households (9.1.b,
    :func:`dismissal_petition_problems`)."""
    if way_in == RELEASE_OWN_REQUEST and not reasons.strip():
        return [_("Đơn xin thôi phải nêu rõ lý do (NĐ 59/2023/NĐ-CP, Điều 9.1.a).")]
    if way_in == RELEASE_FRONT_PROPOSAL and not grounds:
        return [
            _(
                "Đề nghị của Trưởng ban công tác Mặt trận khu phố phải nêu ít nhất một căn cứ "
                "(NĐ 59/2023/NĐ-CP, Điều 9.1.b)."
            )
        ]
    if way_in == RELEASE_PETITION:
        if petitioners is None or not household_total:
            return [
                _("Ghi số hộ kiến nghị và tổng số hộ gia đình của khu phố (NĐ 59/2023/NĐ-CP, Điều 9.1.b).")
            ]
        return dismissal_petition_problems(household_total, petitioners, settings)
    return []


def release_chair(head_is_front_head: bool) -> str:
    """Who convenes and chairs the meeting that decides whether to let the head go: the khu phố
    Front committee head; or, when the head is also the Front committee head, the ward chairman
    after agreeing with the chairman of the ward Front (NĐ 59/2023, Art. 3.1.c)."""
    return CHAIR_WARD_CHAIRMAN if head_is_front_head else CHAIR_FRONT_COMMITTEE_HEAD


def release_chair_problems(
    head_is_front_head: bool,
    chair: str,
    chair_name: str,
    agreed_on: datetime.date | None,
    agreed_by: str,
    meeting_date: datetime.date,
) -> list[str]:
    """Why this chair may not convene the meeting (NĐ 59/2023, Art. 3.1.c): it must be the one
    :func:`release_chair` names, by name; the ward chairman only after agreeing with the chairman
    of the ward Front (who and when, on or before the meeting's day)."""
    problems = []
    if chair != release_chair(head_is_front_head):
        problems.append(
            _(
                "Trưởng khu phố đồng thời là Trưởng ban công tác Mặt trận: Chủ tịch UBND phường triệu "
                "tập và chủ trì cuộc họp sau khi thống nhất với Chủ tịch Ủy ban MTTQ phường "
                "(NĐ 59/2023/NĐ-CP, Điều 3.1.c)."
            )
            if head_is_front_head
            else _(
                "Trưởng ban công tác Mặt trận khu phố triệu tập và chủ trì cuộc họp cho thôi làm "
                "Trưởng khu phố (NĐ 59/2023/NĐ-CP, Điều 3.1.c)."
            )
        )
    if not chair_name.strip():
        problems.append(_("Ghi họ tên người triệu tập, chủ trì cuộc họp."))
    if chair == CHAIR_WARD_CHAIRMAN:
        if not agreed_by.strip():
            problems.append(
                _("Ghi người đại diện Ủy ban MTTQ phường đã thống nhất (NĐ 59/2023/NĐ-CP, Điều 3.1.c).")
            )
        if agreed_on is None:
            problems.append(
                _("Ghi ngày thống nhất với Chủ tịch Ủy ban MTTQ phường (NĐ 59/2023/NĐ-CP, Điều 3.1.c).")
            )
        elif agreed_on > meeting_date:
            problems.append(
                _("Ngày thống nhất với Ủy ban MTTQ phường (%(agreed)s) không được sau ngày họp (%(day)s).")
                % {"agreed": f"{agreed_on:%d/%m/%Y}", "day": f"{meeting_date:%d/%m/%Y}"}
            )
    return problems


def release_answer_deadline_item(
    received_on: datetime.date, settings: RuleSettings | None = None
) -> Deadline:
    """The ward recognises the community's decision to let the head go, or answers in writing
    with its reasons, within 5 working days of receiving it (NĐ 59/2023, Art. 9.3)."""
    s = settings or DEFAULTS
    return Deadline(
        RELEASE_ANSWER,
        _("UBND phường công nhận kết quả cho thôi làm Trưởng khu phố hoặc trả lời bằng văn bản"),
        working_days_after(received_on, s.recognition_working_days),
        _(
            "NĐ 59/2023/NĐ-CP, Điều 9.3: trong %(days)s ngày làm việc kể từ ngày nhận quyết định "
            "của cộng đồng dân cư"
        )
        % {"days": s.recognition_working_days},
        AFTER,
    )


def head_release_outcome_reason(total_households: int, approvals: Mapping[str, int]) -> str:
    """The outcome of a meeting that decides whether to let the head go, in its own words: it
    passes with more than half of ALL the khu phố's households agreeing (NĐ 59/2023, Art. 9.2
    and 3.5; Luật 10/2022/QH15, Art. 21.1), as :func:`election_outcome` decides it."""
    agree = max(approvals.values(), default=0)
    share = f"{agree}/{total_households} hộ = {format_percent(percent(agree, total_households))}"
    if total_households and more_than_half(agree, total_households):
        return f"{share} > 50 % — đồng ý cho thôi làm Trưởng khu phố (NĐ 59/2023/NĐ-CP, Điều 9)."
    return (
        f"{share}, không quá 50 % tổng số hộ (cần {votes_needed(total_households)}) — không thống nhất được "
        "việc cho thôi làm Trưởng khu phố (NĐ 59/2023/NĐ-CP, Điều 9.3)."
    )


# --- The election budget (issue 15) ----------------------------------------------------------
#
# Source: the ward's joint plan itself, which asks the ward to estimate the cost of the election
# "theo hướng dẫn của Sở Tài chính và Phòng Tài chính - Kế hoạch quận", to report the estimate,
# and to "lập dự toán, quản lý, sử dụng, quyết toán kinh phí" (Kế hoạch liên tịch
# 192/KHLT-UBND-UBMTTQ of Phường 22, mục III.1 and IV.2) [P]; money is counted in whole đồng,
# the Vietnamese currency unit (Luật Kế toán 88/2015/QH13, Art. 11.1) [S].

BUDGET_BASIS = _("Kế hoạch liên tịch của phường, mục IV.2: lập dự toán, quyết toán kinh phí")


def money_problems(line: str, amount: Any, what: str) -> list[str]:
    """An amount of money is a whole, non-negative number of đồng (Luật Kế toán, Điều 11)."""
    if amount is None:
        return [_("Dòng “%(line)s”: chưa nhập %(what)s.") % {"line": line, "what": what}]
    value = Decimal(amount)
    if value < 0:
        return [
            _("Dòng “%(line)s”: %(what)s không được âm (%(amount)s).")
            % {"line": line, "what": what, "amount": dong(value)}
        ]
    if value != value.to_integral_value():
        return [
            _(
                "Dòng “%(line)s”: %(what)s phải là số đồng nguyên (%(amount)s); "
                "đồng Việt Nam không có đơn vị lẻ."
            )
            % {"line": line, "what": what, "amount": dong(value)}
        ]
    return []


def settlement_line_problems(line: str, estimate: int, spent: int, explanation: str) -> list[str]:
    """A line spent differently from its estimate says why (the settlement explains the
    difference, Kế hoạch liên tịch, mục IV.2)."""
    if spent != estimate and not explanation.strip():
        return [
            _(
                "Dòng “%(line)s”: thực chi %(spent)s khác dự toán %(estimate)s; "
                "phải giải thích chênh lệch (%(basis)s)."
            )
            % {
                "line": line,
                "spent": dong(spent),
                "estimate": dong(estimate),
                "basis": BUDGET_BASIS,
            }
        ]
    return []


def budget_total_problems(what: str, stated: Any, amounts: list[int]) -> list[str]:
    """The total written on the form, as on the paper form, equals the sum of its lines."""
    total = sum(amounts)
    if stated is None:
        return []
    if Decimal(stated) != total:
        return [
            _("Tổng cộng %(what)s ghi %(stated)s nhưng cộng các dòng được %(total)s.")
            % {"what": what, "stated": dong(stated), "total": dong(total)}
        ]
    return []


# --- h7: commendations after the campaign (khen thưởng) ----------------------------------
# The ward chairman awards his own Giấy khen (Luật Thi đua, khen thưởng 2022 [S]); the higher
# forms (the district chairman's Giấy khen, the city's Bằng khen and Huy hiệu) the ward only
# proposes, as Quận 12's plan KH 4639/KH-UBND-NV (27/6/2024) lists them [seed].
COMMENDATION_BASIS = "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"
WARD_DECIDED_FORMS = frozenset({"ward_certificate"})


def ward_decides_commendation(form: str) -> bool:
    """Whether the ward's own chairman decides a commendation of this form (his Giấy khen)."""
    return form in WARD_DECIDED_FORMS


@dataclass(frozen=True)
class CommendeeLine:
    """One line of a commendation list as the rules read it."""

    kind: str  # "collective" | "individual"
    name: str
    position: str
    unit: str
    achievement: str


def commendee_label(number: int, name: str) -> str:
    return _("Dòng %(n)s (%(name)s)") % {"n": number, "name": name}


def commendation_list_problems(lines: list[CommendeeLine]) -> list[str]:
    """What keeps a list from being proposed: no line, or a line without what the decision's
    annexed list prints (an individual's position and unit, every line's achievement); each
    problem names its line."""
    if not lines:
        return [_("Danh sách khen thưởng chưa có tập thể, cá nhân nào.")]
    problems = []
    seen: dict[tuple[str, str, str], int] = {}
    for number, line in enumerate(lines, start=1):
        label = commendee_label(number, line.name)
        if not line.achievement.strip():
            problems.append(_("%(line)s: chưa ghi thành tích được khen thưởng.") % {"line": label})
        if line.kind == "individual" and not (line.position.strip() and line.unit.strip()):
            problems.append(_("%(line)s: cá nhân phải ghi chức vụ và đơn vị công tác.") % {"line": label})
        key = (line.kind, " ".join(line.name.lower().split()), " ".join(line.unit.lower().split()))
        if key in seen:
            problems.append(
                _("%(line)s: trùng với dòng %(other)s; mỗi tập thể, cá nhân chỉ ghi một lần.")
                % {"line": label, "other": seen[key]}
            )
        else:
            seen[key] = number
    return problems


def commendation_date_problems(
    *,
    plan_issued_on: datetime.date,
    today: datetime.date,
    proposed_on: datetime.date | None = None,
    decided_on: datetime.date | None = None,
    campaign_ended_on: datetime.date | None = None,
) -> list[str]:
    """The proposal comes after the campaign whose work it commends (the seed's conference
    commends at the close, "Hội nghị tổng kết"), so after the plan, and not in the future; the
    decision not before the proposal it answers."""
    problems = []
    if proposed_on is not None and campaign_ended_on is not None and proposed_on < campaign_ended_on:
        problems.append(
            _(
                "Chỉ đề nghị khen thưởng sau khi kết thúc cuộc bầu cử: ngày đề nghị (%(day)s) không được "
                "trước %(ended)s (thời hạn hoàn thành của kế hoạch, hoặc ngày công nhận kết quả cuối cùng "
                "nếu mọi khu phố đã được công nhận sớm hơn)."
            )
            % {"day": f"{proposed_on:%d/%m/%Y}", "ended": f"{campaign_ended_on:%d/%m/%Y}"}
        )
    for day in (proposed_on, decided_on):
        if day is not None and day > today:
            problems.append(
                _("Ngày %(day)s không được sau ngày hôm nay (%(today)s).")
                % {"day": f"{day:%d/%m/%Y}", "today": f"{today:%d/%m/%Y}"}
            )
    if proposed_on is not None and proposed_on < plan_issued_on:
        problems.append(
            _("Ngày đề nghị khen thưởng (%(day)s) không được trước ngày ban hành kế hoạch (%(plan)s).")
            % {"day": f"{proposed_on:%d/%m/%Y}", "plan": f"{plan_issued_on:%d/%m/%Y}"}
        )
    if decided_on is not None and proposed_on is not None and decided_on < proposed_on:
        problems.append(
            _("Ngày quyết định khen thưởng (%(day)s) không được trước ngày đề nghị (%(proposed)s).")
            % {"day": f"{decided_on:%d/%m/%Y}", "proposed": f"{proposed_on:%d/%m/%Y}"}
        )
    return problems


# --- the outgoing head's term report and the khu phố's finances (issue 15) ---
# Before the vote the outgoing head reports on the term and discloses the khu phố's income and
# spending (Đồng Kỵ's resolution: "báo cáo công khai việc thu - chi tài chính của khu phố trong
# thời gian được giao trước nhân dân trong khu phố"; Hương Xuân's letter 13-CV/ĐU: "báo cáo
# tổng kết kết quả công tác nhiệm kỳ ... trước khi thực hiện công tác bầu"). The statement adds
# up: opening + Σ income − Σ spending = closing, each figure whole đồng (Luật Kế toán Art. 11.1).


@dataclass(frozen=True)
class FinanceFigure:
    """One line of a finance statement as the form gave it: its row on the form, which a
    refusal names with its label ("Dòng 3 (Quỹ khuyến học): …")."""

    row: int
    kind: str
    label: str
    amount: Any


def _line_name(row: int, label: str) -> str:
    return f"{row} ({label})" if label else f"{row}"


def _amount_problem(name: str, amount: Any) -> str | None:
    if amount is None:
        return _("%(name)s: chưa nhập số tiền.") % {"name": name}
    value = Decimal(amount)
    if value < 0:
        return _("%(name)s: số tiền không được âm (%(amount)s).") % {"name": name, "amount": dong(value)}
    if value != value.to_integral_value():
        return _("%(name)s: số tiền phải là số đồng nguyên (%(amount)s).") % {
            "name": name,
            "amount": dong(value),
        }
    return None


def finance_statement_problems(
    *,
    period_from: datetime.date | None,
    period_to: datetime.date | None,
    opening: Any,
    lines: list[FinanceFigure],
    income_stated: Any,
    spending_stated: Any,
    closing_stated: Any,
) -> list[str]:
    """Why a statement of the khu phố's funds cannot be filed: a line without its label, kind
    or whole amount (named by its row and label), stated totals that are not the sums of the
    lines, and a closing balance that is not opening + income − spending."""
    problems: list[str] = []
    if period_from and period_to and period_to < period_from:
        problems.append(
            _("Kỳ báo cáo: ngày cuối (%(to)s) trước ngày đầu (%(from)s).")
            % {"to": f"{period_to:%d/%m/%Y}", "from": f"{period_from:%d/%m/%Y}"}
        )
    figures = {
        "opening": (_("Số dư đầu kỳ"), opening),
        "income": (_("Tổng thu"), income_stated),
        "spending": (_("Tổng chi"), spending_stated),
        "closing": (_("Số dư cuối kỳ"), closing_stated),
    }
    for name, amount in figures.values():
        if problem := _amount_problem(name, amount):
            problems.append(problem)
    sums = {"income": 0, "spending": 0}
    labels: dict[str, int] = {}
    for line in lines:
        label = " ".join((line.label or "").split())
        name = _("Dòng %(line)s") % {"line": _line_name(line.row, label)}
        if not label:
            problems.append(_("%(name)s: chưa ghi nội dung thu, chi.") % {"name": name})
        if line.kind not in sums:
            problems.append(_("%(name)s: chưa chọn là khoản thu hay khoản chi.") % {"name": name})
        if problem := _amount_problem(name, line.amount):
            problems.append(problem)
        elif line.kind in sums:
            sums[line.kind] += int(Decimal(line.amount))
        key = f"{line.kind}:{label.casefold()}"
        if label and key in labels:
            problems.append(
                _("%(name)s: trùng nội dung với dòng %(other)s.") % {"name": name, "other": labels[key]}
            )
        labels.setdefault(key, line.row)
    if problems:
        return problems
    for kind, what in (("income", _("Tổng thu")), ("spending", _("Tổng chi"))):
        stated = Decimal(figures[kind][1])
        if stated != sums[kind]:
            problems.append(
                _("%(what)s ghi %(stated)s nhưng cộng các dòng %(kind)s được %(sum)s.")
                % {
                    "what": what,
                    "stated": dong(stated),
                    "kind": _("thu quỹ") if kind == "income" else _("chi quỹ"),
                    "sum": dong(sums[kind]),
                }
            )
    closing = int(Decimal(opening)) + sums["income"] - sums["spending"]
    if closing < 0:
        problems.append(
            _("Tổng chi (%(spending)s) vượt số dư đầu kỳ cộng tổng thu (%(available)s): quỹ không thể âm.")
            % {"spending": dong(sums["spending"]), "available": dong(int(Decimal(opening)) + sums["income"])}
        )
    elif Decimal(closing_stated) != closing:
        problems.append(
            _(
                "Số dư cuối kỳ ghi %(stated)s nhưng số dư đầu kỳ %(opening)s + tổng thu %(income)s "
                "− tổng chi %(spending)s = %(closing)s."
            )
            % {
                "stated": dong(Decimal(closing_stated)),
                "opening": dong(int(Decimal(opening))),
                "income": dong(sums["income"]),
                "spending": dong(sums["spending"]),
                "closing": dong(closing),
            }
        )
    return problems


# --- periodic grassroots-democracy reports (issue 15) ---
# The Quận 10 plan for grassroots democracy in 2024 (seed 004, its closing paragraph): "Định kỳ
# hàng quý, 6 tháng, 9 tháng, năm gửi báo cáo tình hình và kết quả thực hiện công tác DVCQ và QCDC
# ở cơ sở về Phòng Nội vụ để tổng hợp, tham mưu Ủy ban nhân dân quận báo cáo Thành phố." A quarter
# report covers its quarter; the 6-, 9- and 12-month reports are cumulative from 1 January.
# The plan gives no day by which a report is due: the software counts it due within
# ``PERIODIC_REPORT_DUE_DAYS`` days after the period's last day [?] (its own choice).
PERIODIC_REPORT_DUE_DAYS = 10

# code → (first month, last month, the period as a report's title says it, {year} filled in)
REPORT_PERIODS: dict[str, tuple[int, int, str]] = {
    "q1": (1, 3, "quý I năm {year}"),
    "q2": (4, 6, "quý II năm {year}"),
    "q3": (7, 9, "quý III năm {year}"),
    "q4": (10, 12, "quý IV năm {year}"),
    "6m": (1, 6, "6 tháng đầu năm {year}"),
    "9m": (1, 9, "9 tháng năm {year}"),
    "12m": (1, 12, "năm {year}"),
}
REPORT_YEARS = (2000, 2100)


@dataclass(frozen=True)
class ReportPeriod:
    """One period a ward reports on: its days (both included), the day the report is due, and
    how a report's title names it ("quý IV năm 2024")."""

    year: int
    code: str
    start: datetime.date
    end: datetime.date
    due: datetime.date
    label: str


def report_period(year: int, code: str, due_days: int = PERIODIC_REPORT_DUE_DAYS) -> ReportPeriod:
    """The period ``code`` (q1–q4, 6m, 9m, 12m) of ``year``; an unknown code or a year out of
    range is refused (code ``bad_period``)."""
    problems = []
    if code not in REPORT_PERIODS:
        problems.append(
            _("Kỳ báo cáo “%(code)s” không hợp lệ; chọn một trong: %(codes)s.")
            % {"code": code, "codes": ", ".join(REPORT_PERIODS)}
        )
    if not isinstance(year, int) or not REPORT_YEARS[0] <= year <= REPORT_YEARS[1]:
        problems.append(
            _("Năm báo cáo “%(year)s” không hợp lệ (từ %(low)s đến %(high)s).")
            % {"year": year, "low": REPORT_YEARS[0], "high": REPORT_YEARS[1]}
        )
    if problems:
        raise ValidationError([ValidationError(problem, code="bad_period") for problem in problems])
    first, last, words = REPORT_PERIODS[code]
    start = datetime.date(year, first, 1)
    end = datetime.date(year, last, calendar.monthrange(year, last)[1])
    return ReportPeriod(
        year, code, start, end, end + datetime.timedelta(days=due_days), words.format(year=year)
    )


# Where a ward's report stands against its due day.
ON_TIME, LATE, OVERDUE, NOT_DUE = "on_time", "late", "overdue", "not_due"


def report_timeliness(due: datetime.date, sent_on: datetime.date | None, today: datetime.date) -> str:
    """Sent by the due day (on time) or after it (late); not sent while the due day has passed
    (overdue) or not yet come (not due)."""
    if sent_on is not None:
        return ON_TIME if sent_on <= due else LATE
    return OVERDUE if today > due else NOT_DUE


def report_sending_problems(
    period: ReportPeriod, sent_on: datetime.date, today: datetime.date, results: str
) -> list[str]:
    """A report is sent once its period has begun, not on a future day, with its results
    written (the section the plan asks for: "kết quả thực hiện")."""
    problems = []
    if sent_on < period.start:
        problems.append(
            _("Ngày gửi (%(day)s) trước khi kỳ báo cáo bắt đầu (%(start)s).")
            % {"day": f"{sent_on:%d/%m/%Y}", "start": f"{period.start:%d/%m/%Y}"}
        )
    if sent_on > today:
        problems.append(
            _("Ngày gửi (%(day)s) không được sau ngày hôm nay (%(today)s).")
            % {"day": f"{sent_on:%d/%m/%Y}", "today": f"{today:%d/%m/%Y}"}
        )
    if not " ".join((results or "").split()):
        problems.append(_("Mục “Kết quả thực hiện” chưa được viết."))
    return problems


# --- the signed paper comes back (issue 16) ---
# The issuing office keeps the original of every paper it sends out (NĐ 30/2020/NĐ-CP, Điều 19);
# the khu phố's minutes are signed on paper at the meeting. The record keeps a photo or scan of
# each signed paper, checked by the ward against the text the system issued (a rule the software
# adds). Limits of one upload:
SIGNED_COPY_MAX_MB = 15
SIGNED_COPY_MAX_SIDE = 2000  # an image is stored no larger than this on its longer side (px)
SIGNED_COPY_MAX_PIXELS = 80_000_000  # a larger picture is refused before it is decoded
SIGNED_COPY_SUFFIXES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".pdf": "application/pdf",
}


def signed_copy_refusal_problems(reason: str) -> list[str]:
    """A copy is refused with its reason, which the uploader reads."""
    if not " ".join((reason or "").split()):
        return [_("Hãy ghi lý do không nhận bản có chữ ký.")]
    return []


# --- an invitation for every door (issue 18) ---
# The meeting is announced to each household at least ``meeting_notice_days`` days before it
# (NĐ 59/2023, Điều 3.3, form 01). The team ticks off each door; from the last day the notice is
# due until the meeting, the households not yet reached are a warning, never a refusal.


def invitation_delivery_problems(
    meeting_date: datetime.date | None,
    today: datetime.date,
    delivered: int,
    households: int,
    settings: RuleSettings = DEFAULTS,
) -> list[str]:
    """Why the invitations are late: households still without one when the notice is due."""
    if meeting_date is None or delivered >= households or today > meeting_date:
        return []
    due = days_before(meeting_date, settings.meeting_notice_days)
    if today < due:
        return []
    return [
        _(
            "Còn %(missing)s trong %(total)s hộ chưa nhận giấy mời: giấy mời phải đến các hộ ít nhất "
            "%(days)s ngày trước cuộc họp, tức là chậm nhất ngày %(due)s (NĐ 59/2023, Điều 3.3)."
        )
        % {
            "missing": households - delivered,
            "total": households,
            "days": settings.meeting_notice_days,
            "due": f"{due:%d/%m/%Y}",
        }
    ]
