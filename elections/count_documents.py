"""The papers of meeting day and after: ballot papers, the counting minutes (form 02),
the community's decision (form 03), the household-ballot minutes (form 04) and the
ward's and the ward Front's decisions.

Every count is written in figures and in words. Each builder returns everything its
template shows, already worded, so that the document's fingerprint changes exactly
when the paper would (a correction therefore issues a new document).
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy

from elections import rules
from elections.documents import (
    DECREE_59,
    DEMOCRACY_LAW,
    FRONT_LAW,
    LOCAL_GOVERNMENT_LAW,
    as_executed_by,
    closing_articles,
    closing_bases,
    contests_text,
    keep_last_words_together,
    people_committee,
    ward_office,
)
from elections.models import (
    Contest,
    ContestKind,
    ContestResult,
    Decision,
    DecisionKind,
    ElectionPurpose,
    Meeting,
    MeetingMode,
    NominationSource,
    PlannerRole,
    VotingMethod,
)
from elections.purposes import release_outcome, release_words
from elections.selectors.clusters import sitting_result
from elections.selectors.count import candidates_of, result_elected, seats_voted
from elections.selectors.decisions import BOARD_KINDS
from elections.selectors.household_ballots import ballot_round_of
from elections.selectors.meeting import (
    chair_of,
    cluster_sittings,
    contests_to_vote,
    current_meeting_any,
    held_by_cluster,
    minutes_signers,
    team_head_name,
    voters,
)
from elections.selectors.term_report import earlier_hearings, has_agenda
from reporting.documents import DocumentKind, register
from reporting.issuing import REPLACED_PAPER
from reporting.vietnamese import (
    clauses,
    dong,
    figures_and_words,
    honorific,
    long_date,
    mid_sentence,
    sentence,
)
from wardvote.types import StrOrPromise

BALLOT_PAPERS = "ballot_papers"
COUNTING_MINUTES = "counting_minutes"
COMMUNITY_DECISION = "community_decision"
HOUSEHOLD_BALLOT_MINUTES = "household_ballot_minutes"
HOUSEHOLD_BALLOT_DECISION = "household_ballot_decision"
HOUSEHOLD_BALLOT_PAPER = "household_ballot_paper"
DECISION = "decision"

MEETING_DOCUMENTS: dict[str, list[tuple[str, StrOrPromise]]] = {
    MeetingMode.MEETING: [
        (COUNTING_MINUTES, gettext_lazy("Biên bản kiểm phiếu (mẫu 02)")),
        (COMMUNITY_DECISION, gettext_lazy("Biên bản cuộc họp – quyết định của cộng đồng dân cư (mẫu 03)")),
    ],
    MeetingMode.HOUSEHOLD_BALLOTS: [
        (HOUSEHOLD_BALLOT_MINUTES, gettext_lazy("Biên bản kiểm phiếu lấy ý kiến hộ gia đình (mẫu 04)")),
        (
            HOUSEHOLD_BALLOT_DECISION,
            gettext_lazy("Quyết định của cộng đồng dân cư (phiếu lấy ý kiến hộ gia đình)"),
        ),
    ],
}


SHOW_OF_HANDS_LABEL = gettext_lazy("Biên bản kết quả biểu quyết giơ tay")


def meeting_documents(meeting: Meeting) -> list[tuple[str, StrOrPromise]]:
    """The papers of a sitting. A meeting held by cluster: each cluster sitting has its own
    counting minutes (form 02), and the khu phố ONE community decision (form 03) listing them."""
    papers = MEETING_DOCUMENTS[meeting.mode]
    if meeting.voting_method == VotingMethod.SHOW_OF_HANDS:
        papers = [
            (kind, SHOW_OF_HANDS_LABEL if kind == COUNTING_MINUTES else label) for kind, label in papers
        ]
    if meeting.cluster_id is not None:
        return [(kind, label) for kind, label in papers if kind == COUNTING_MINUTES]
    if meeting.mode == MeetingMode.MEETING and held_by_cluster(meeting):
        return [(kind, label) for kind, label in papers if kind == COMMUNITY_DECISION]
    return papers


def _share(count: int, total: int) -> str:
    # The number and its sign stay on one line: "50,3\u00a0%" (a non-breaking space).
    return rules.format_percent(rules.percent(count, total)).replace(" %", "\u00a0%")


def _clock(at) -> str:
    """The hour and minute of a moment, in the ward's time (Asia/Ho_Chi_Minh): "17 giờ 51 phút"."""
    return f"{timezone.localtime(at):%H giờ %M phút}"


def _term(plan) -> str:
    return f"{plan.term_start_year} - {plan.term_end_year}"


def _date(day) -> str:
    return long_date(day) if day else ""


# --- Ballot papers --------------------------------------------------------------------


def ballot_papers_context(contest: Contest) -> dict:
    election = contest.election
    meeting = current_meeting_any(election)
    settings = election.rules
    if meeting is None:
        present = 0
    elif meeting.mode == MeetingMode.HOUSEHOLD_BALLOTS:
        present = meeting.household_total  # one ballot for every household of the khu phố
    else:
        present = voters(meeting)
    copies = present + settings.ballot_spares
    # A re-run after a half-filled count votes only for the seats still open.
    seats = seats_voted(meeting, contest) if meeting else contest.seats
    post = "Trưởng khu phố" if contest.kind == ContestKind.HEAD else "thành viên Ban Thanh tra nhân dân"
    invalid = [
        "phiếu đồng ý nhiều hơn",
        *(f"phiếu {reason}" for reason in rules.ballot_invalid_when(settings)),
    ]
    return {
        "title": f"Phiếu bầu {post}",
        "ward": election.plan.division.name,
        "neighborhood": election.neighborhood.name,
        "term": _term(election.plan),
        "date": _date(meeting.held_on if meeting else election.meeting_date),
        "candidates": [c.full_name for c in candidates_of(contest)],
        "instructions": [
            "Đồng ý bầu người nào thì đánh dấu (X) vào ô “Đồng ý” cùng dòng với người đó; "
            "không đồng ý thì đánh dấu (X) vào ô “Không đồng ý”.",
            f"Chỉ đồng ý tối đa {figures_and_words(seats)} người. "
            f"{_sentence(_either(invalid))} là phiếu không hợp lệ.",
            "Mỗi hộ gia đình một phiếu, do người đại diện hộ bỏ vào hòm phiếu."
            if meeting is None or meeting.mode == MeetingMode.MEETING
            else "Mỗi hộ gia đình một phiếu; Tổ phát phiếu thu lại phiếu tại hộ trước hạn thu phiếu.",
        ],
        # A secret ballot carries no number: a numbered ballot could be traced to its household.
        # The count of copies is on the cover page only; each ballot is identical.
        "copies": copies,
        "cover": _ballot_cover(copies, present, settings.ballot_spares),
        "stamped": settings.ballot_stamp,
    }


def _ballot_cover(copies: int, present: int, spares: int) -> str:
    spare_text = f" và {figures_and_words(spares)} phiếu dự phòng" if spares else ""
    return (
        f"In {figures_and_words(copies)} phiếu: {figures_and_words(present)} phiếu cho các hộ"
        f"{spare_text}. Các phiếu giống hệt nhau, không đánh số."
    )


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _either(items: list[str]) -> str:
    """ "a, b hoặc c": the cases that each make a ballot invalid."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} hoặc {items[-1]}"


# --- Minutes --------------------------------------------------------------------------


# The posts as a sentence names them: "bầu thành viên Ban Thanh tra nhân dân", not "Thành viên".
POSTS = {
    ContestKind.HEAD: "Trưởng khu phố",
    ContestKind.INSPECTION_BOARD: "thành viên Ban Thanh tra nhân dân",
}


def _result_lines(result: ContestResult) -> dict:
    people = {str(c.pk): c for c in result.contest.candidates.all()}
    names = {key: c.full_name for key, c in people.items()}
    hands = result.method == VotingMethod.SHOW_OF_HANDS
    candidates = []
    for key, value in sorted(result.counts.items(), key=lambda item: names[item[0]]):
        approvals = value[0] if hands else value
        line = {
            "name": names[key],
            "approvals": figures_and_words(approvals),
            "share": _share(approvals, result.household_total),
        }
        if hands:
            line["against"], line["abstain"] = figures_and_words(value[1]), figures_and_words(value[2])
        candidates.append(line)
    figures = []
    if not hands:
        issued, returned, valid, invalid = result.issued, result.returned, result.valid, result.invalid
        # A ballot count always has its four figures: the tally refuses one without them.
        assert issued is not None and returned is not None and valid is not None and invalid is not None
        figures = [
            ("Số phiếu phát ra", figures_and_words(issued)),
            ("Số phiếu thu vào", figures_and_words(returned)),
            ("Số phiếu hợp lệ", figures_and_words(valid)),
            ("Số phiếu không hợp lệ", figures_and_words(invalid)),
        ]
    return {
        "kind": POSTS[ContestKind(result.contest.kind)],
        "method": result.get_method_display(),
        "hands": hands,
        "figures": figures,
        "candidates": candidates,
        "threshold": figures_and_words(result.threshold),
        # Every person the count elected (two for a khu phố electing two board members).
        # "ông"/"bà" by the candidate's gender, as the recognition decision writes it.
        "elected": ", ".join(
            f"{honorific(people[str(pk)].gender)} {names[str(pk)]}"
            for pk in result_elected(result)
            if str(pk) in names
        ),
        "reason": result.reason,
        "version": result.version,
        "correction_reason": result.correction_reason,
        # A meeting that decides whether to let the head go: "approvals" agree to let them go.
        "release": result.contest.election.purpose == ElectionPurpose.HEAD_DISMISSAL,
        # One cluster's count elects no one by itself: it adds up into the khu phố's.
        "cluster_count": result.meeting.cluster_id is not None,
        # A meeting on letting a board member go (Luật Art. 36.2) agrees or not; no one is elected.
        "board_release": result.meeting.election.purpose == ElectionPurpose.BOARD_RELEASE,
    }


def _results(meeting: Meeting) -> list[dict]:
    lines = []
    for contest in contests_to_vote(meeting):
        result = meeting.results.filter(contest=contest).order_by("-version").first()
        if result:
            lines.append(_result_lines(result))
    return lines


def _corrections(election) -> list[str]:
    """The corrections of the record since the meeting opened, as each re-issued paper prints them."""
    return [
        f"Đính chính ngày {timezone.localtime(c.at):%d/%m/%Y}: {c.subject}. Lý do: {c.reason}"
        for c in election.corrections.order_by("at", "pk")
    ]


def _minutes_header(meeting: Meeting, doc_type: str, subject: str) -> dict:
    election = meeting.election
    ward = election.plan.division
    release = release_words(election)
    return {
        "issuer_parent": ward.name,
        "issuer": release["issuer"] if release else f"Tổ bầu cử\n{election.neighborhood.name}",
        "release": release,
        "number": "",
        "place_date": f"{election.neighborhood.name}, {_date(meeting.held_on)}",
        "doc_type": doc_type,
        "subject": subject,
        "neighborhood": election.neighborhood.name,
        "ward": ward.name,
        "term": _term(election.plan),
        "household_total": figures_and_words(meeting.household_total),
        "results": _results(meeting),
        "meeting_number": meeting.number,
        "corrections": _corrections(election),
    }


def _place(meeting: Meeting) -> str:
    """Where the sitting met: a cluster's own place, else the khu phố meeting's."""
    election = meeting.election
    if meeting.cluster is not None:
        return meeting.cluster.meeting_place or f"{meeting.cluster.name}, {election.neighborhood.name}"
    return election.meeting_place or election.neighborhood.name


def _counted_at(meeting: Meeting, day):
    """When the count was recorded: the sitting's first result accepted by double entry, in
    the ward's time. None when it was entered on another day than ``day`` (the count's): the
    paper then gives the day alone rather than the hour of a later data entry."""
    first = meeting.results.order_by("created_at", "pk").first()
    if first is None:
        return None
    if day is not None and timezone.localdate(first.created_at) != day:
        return None
    return first.created_at


def _at(moment, fallback_day) -> str:
    """ "10 giờ 30 phút, ngày 27 tháng 10 năm 2024" in the ward's time; the day alone without a moment."""
    if moment is None:
        return _date(fallback_day)
    return f"{_clock(moment)}, {long_date(timezone.localdate(moment))}"


def _when(moment, fallback_day) -> str:
    """The opening of a minutes' sentence: "Hồi 10 giờ 30 phút, ngày …", or "Ngày …" without the hour."""
    if moment is None:
        return _sentence(_date(fallback_day))
    return f"Hồi {_at(moment, fallback_day)}"


def _copies(meeting: Meeting) -> list[str]:
    """The 3 copies of the counting minutes (NĐ 59 Art. 3.5.c), the ward named."""
    ward = meeting.election.plan.division.name
    return [
        f"01 bản gửi Ủy ban nhân dân {ward}",
        f"01 bản gửi Ủy ban Mặt trận Tổ quốc Việt Nam {ward}",
        "01 bản lưu tại khu phố",
    ]


def _chair(meeting: Meeting) -> str:
    """A cluster sitting is chaired by whom the head authorised (NĐ 59 Art. 3.1.đ)."""
    return meeting.cluster.chair_name if meeting.cluster is not None else chair_of(meeting)


def _posts(meeting: Meeting) -> str:
    return " và ".join(POSTS[ContestKind(c.kind)] for c in contests_to_vote(meeting))


def counting_minutes_context(meeting: Meeting) -> dict:
    """Form 02, the counting board's minutes of a secret ballot (NĐ 59 Art. 3.5.c): when and
    where the count took place, the board by name with its head, the 2 household witnesses,
    the figures and the result, in 3 copies named.

    A show of hands has no counting board and no ballots: its result "is counted at the moment
    of the vote and written into the meeting's minutes" (NĐ 59 Art. 3.5.c, second paragraph).
    For such a sitting this paper is that record, a "Biên bản kết quả biểu quyết" with the
    agree / disagree / no-opinion counts per candidate, signed by the chair and the secretary.
    """
    if meeting.voting_method == VotingMethod.SHOW_OF_HANDS:
        return _show_of_hands_context(meeting)
    where = meeting.election.neighborhood.name
    if meeting.cluster is not None:
        where = f"{meeting.cluster.name}, {where}"
    board = meeting.counting_board
    what = "biểu quyết cho thôi làm Trưởng khu phố" if release_words(meeting.election) else "bầu cử"
    return {
        **_minutes_header(
            meeting,
            "Biên bản",
            f"Kiểm phiếu {what} tại {where}\n(Mẫu số 02, Nghị định số 59/2023/NĐ-CP)",
        ),
        "show_of_hands": False,
        "held_at": _when(_counted_at(meeting, meeting.held_on), meeting.held_on),
        "place": _place(meeting),
        "posts": _posts(meeting),
        "cluster": meeting.cluster.name if meeting.cluster is not None else "",
        "chair": _chair(meeting),
        "present": figures_and_words(voters(meeting)),
        # The meeting chose the board with its head named first (NĐ 59 Art. 3.5.c).
        "counting_board": [
            {"name": name, "role": "Trưởng ban" if i == 0 else "Thành viên"} for i, name in enumerate(board)
        ],
        "witnesses": meeting.witnesses,
        "copies": _copies(meeting),
        "signers": [
            {"title": "Trưởng Ban kiểm phiếu", "name": board[0] if board else ""},
            *({"title": "Đại diện hộ gia đình chứng kiến", "name": name} for name in meeting.witnesses),
        ],
    }


def _show_of_hands_context(meeting: Meeting) -> dict:
    where = meeting.election.neighborhood.name
    if meeting.cluster is not None:
        where = f"{meeting.cluster.name}, {where}"
    chair, secretary = _chair(meeting), meeting.secretary_name
    return {
        **_minutes_header(
            meeting,
            "Biên bản",
            f"Kết quả biểu quyết bầu cử tại {where}\n(biểu quyết giơ tay, điểm c khoản 5 Điều 3 "
            "Nghị định số 59/2023/NĐ-CP)",
        ),
        "show_of_hands": True,
        "held_at": _when(_counted_at(meeting, meeting.held_on), meeting.held_on),
        "place": _place(meeting),
        "posts": _posts(meeting),
        "cluster": meeting.cluster.name if meeting.cluster is not None else "",
        "chair": chair,
        "secretary": secretary,
        "present": figures_and_words(voters(meeting)),
        "signers": [
            {"title": "Người chủ trì cuộc họp", "name": chair},
            {"title": "Thư ký cuộc họp", "name": secretary},
        ],
    }


def _time_span(meeting: Meeting) -> str:
    """ "từ 17 giờ 51 phút đến 19 giờ 05 phút, ngày 27 tháng 10 năm 2024", in the ward's time."""
    assert meeting.closed_at is not None  # see drawing_up_problems
    opened, closed = timezone.localtime(meeting.opened_at), timezone.localtime(meeting.closed_at)
    if opened.date() == closed.date():
        return f"từ {_clock(opened)} đến {_clock(closed)}, {long_date(opened.date())}"
    return f"từ {_at(opened, None)} đến {_at(closed, None)}"


def drawing_up_problems(meeting: Meeting, kind: str) -> list[str]:
    """Why a paper of the sitting cannot be drawn up yet. Form 03 states when the meeting
    ended (Luật Art. 20.2.a): not before it has ended."""
    if kind == COMMUNITY_DECISION and meeting.closed_at is None:
        return [
            "Cuộc họp chưa kết thúc: biên bản cuộc họp (mẫu 03) ghi thời gian bắt đầu và kết thúc, "
            "chỉ lập được sau khi cuộc họp kết thúc (đã nhập xong kết quả mọi chức danh)."
        ]
    return []


# Nominated from the floor or self-nominated at the meeting (NĐ 59 Art. 3.5.b).
FLOOR_SOURCES = (NominationSource.FLOOR, NominationSource.SELF)


def _floor_nominations(meeting: Meeting) -> list[dict]:
    """The people nominated or self-nominated at the meeting, per post (NĐ 59 Art. 3.5.b)."""
    lines = []
    for contest in contests_to_vote(meeting):
        names = [c.full_name for c in candidates_of(contest) if c.nomination_source in FLOOR_SOURCES]
        if names:
            lines.append({"post": POSTS[ContestKind(contest.kind)], "names": names})
    return lines


def _decides(election) -> str:
    """What the meeting decides, as form 03's subject names it: a meeting that lets the head or a
    board member go, and a by-election, decide something else than the term's election."""
    if election.purpose == ElectionPurpose.BOARD_RELEASE:
        return "xem xét, cho thôi làm thành viên Ban Thanh tra nhân dân"
    if election.purpose == ElectionPurpose.BY_ELECTION:
        return "bầu bổ sung thành viên Ban Thanh tra nhân dân"
    if election.purpose == ElectionPurpose.HEAD_DISMISSAL:
        return "cho thôi làm Trưởng khu phố"
    return f"bầu {contests_text(election.plan)}"


def community_decision_context(meeting: Meeting) -> dict:
    """Form 03, the meeting's minutes that are the community's decision, with what Luật Art.
    20.2 asks: the time (start and end, in the ward's time), the households, what was
    discussed (the list, the nominations from the floor, the discussion), the form of the
    vote, the result, the decision, and the signatures of the election team's head, the khu
    phố Front committee head and 2 household representatives.

    The Front committee head's name is filled when the paper is issued: its signer has
    ``"slot": "front_committee_head"``."""
    present = voters(meeting)
    representatives = (minutes_signers(meeting) + ["", ""])[:2]
    election = meeting.election
    # The page does not draw it up before the end (drawing_up_problems); if built anyway it says so.
    ended = meeting.closed_at is not None
    release = release_words(election)
    context = {
        **_minutes_header(
            meeting,
            "Biên bản",
            f"Cuộc họp cộng đồng dân cư {election.neighborhood.name} {_decides(election)}"
            " (Mẫu số 03, Nghị định số 59/2023/NĐ-CP)",
        ),
        "board_release": election.purpose == ElectionPurpose.BOARD_RELEASE,
        "time": _time_span(meeting) if ended else f"từ {_at(meeting.opened_at, None)}, chưa kết thúc",
        "place": _place(meeting),
        "chair": chair_of(meeting),
        "posts": _posts(meeting),
        "floor_nominations": _floor_nominations(meeting),
        "discussion": meeting.discussion,
        "present": figures_and_words(present),
        "present_share": _share(present, meeting.household_total),
        "absent": figures_and_words(meeting.household_total - present),
        "secretary": meeting.secretary_name,
        "secretary_votes": figures_and_words(meeting.secretary_votes or 0),
        "method": meeting.get_voting_method_display(),
        "method_votes": figures_and_words(meeting.voting_method_votes or 0),
        "counting_board": meeting.counting_board,
        "signers": [
            {"title": "Tổ trưởng Tổ bầu cử", "name": team_head_name(election)},
            # Named at issue by the lead's step: the record does not hold the Front head's name.
            {"title": "Trưởng ban công tác Mặt trận khu phố", "name": "", "slot": "front_committee_head"},
            *({"title": "Đại diện hộ gia đình", "name": name} for name in representatives),
        ],
        "recipients": [
            f"Ủy ban nhân dân {election.plan.division.name}",
            f"Ủy ban Mặt trận Tổ quốc Việt Nam {election.plan.division.name}",
            "Lưu tại khu phố",
        ],
        "clusters": _cluster_lines(meeting),
        "agenda_heard": _agenda_heard(meeting),
    }
    if release:
        # Chaired by the Front committee head or the ward chairman (NĐ 59 Art. 3.1.c), who signs
        # with the secretary and 2 household representatives; no election team.
        context["release_decision"] = [
            release_outcome(bool(r["elected"]), release["head"]) for r in context["results"]
        ]
        context["signers"] = [
            {"title": "Người chủ trì cuộc họp", "name": chair_of(meeting)},
            {"title": "Thư ký cuộc họp", "name": meeting.secretary_name},
            *({"title": "Đại diện hộ gia đình", "name": name} for name in representatives),
        ]
    return context


def _agenda_heard(meeting: Meeting) -> list[str]:
    """What the term election's meeting heard before the vote, as form 03 states it: the
    outgoing head's term report and the statement of the khu phố's funds, each with the
    objections raised. Empty when the team recorded neither (the paper is then as before)."""
    if not has_agenda(meeting.election):
        return []
    heard = {
        item: hearing
        for item, hearing in earlier_hearings(meeting.election).items()
        if hearing.meeting.number <= meeting.number
    }
    lines = []
    report = heard.get("term_report")
    if report is not None and report.term_report is not None:
        lines.append(
            f"Cuộc họp đã nghe ông (bà) {report.term_report.head_name}, Trưởng khu phố, trình bày báo cáo "
            f"kết quả hoạt động nhiệm kỳ. Ý kiến của cử tri: {_objections(report.objections)}."
        )
    finances = heard.get("finances")
    if finances is not None and finances.finance_statement is not None:
        statement = finances.finance_statement
        lines.append(
            "Cuộc họp đã nghe công khai thu, chi quỹ khu phố từ ngày "
            f"{statement.period_from:%d/%m/%Y} đến ngày {statement.period_to:%d/%m/%Y}: số dư đầu kỳ "
            f"{dong(statement.opening_balance)}, tổng thu {dong(statement.income_total)}, tổng chi "
            f"{dong(statement.spending_total)}, số dư cuối kỳ {dong(statement.closing_balance)}. "
            f"Ý kiến của cử tri: {_objections(finances.objections)}."
        )
    return lines


def _objections(text: str) -> str:
    text = " ".join(text.split()).rstrip(".")
    return text or "không có ý kiến"


def _round_facts(meeting: Meeting) -> dict:
    """What the papers of a household-ballot round state about its steps (NĐ 59 Art. 4): the
    head's plan, the team's decision, the notice and the count day. Empty for a round started
    before the steps were recorded."""
    round_ = ballot_round_of(meeting)
    if round_ is None:
        return {"round": None}
    return {
        "round": {
            "planner": round_.planner_name,
            "planner_title": _signer_title(round_.planner_role),
            "planner_in_text": _signer_in_text(round_.planner_role),
            "front_head": round_.front_head_name,
            "plan_number": round_.plan_number,
            "plan_issued_on": f"{round_.plan_issued_on:%d/%m/%Y}",
            "team_decided_by": round_.team_decided_by,
            "team_decided_on": f"{round_.team_decided_on:%d/%m/%Y}" if round_.team_decided_on else "",
            "noticed_on": f"{round_.noticed_on:%d/%m/%Y}" if round_.noticed_on else "",
            "starts_on": f"{round_.distribution_starts_on:%d/%m/%Y}" if round_.distribution_starts_on else "",
            "counted_on": f"{round_.counted_on:%d/%m/%Y}" if round_.counted_on else "",
        },
        "_counted_on": round_.counted_on,
        "_starts_on": round_.distribution_starts_on,
    }


def _signer_in_text(role: str) -> str:
    """The signer's title inside a sentence: a title keeps its capital, "người" does not."""
    return "Trưởng khu phố" if role == PlannerRole.HEAD else "người triệu tập (khuyết Trưởng khu phố)"


def _signer_title(role: str) -> str:
    """Who signs for the khu phố: its head, or while the post is vacant the convener the ward
    chairman appointed (NĐ 59 Art. 3.1.d)."""
    return "Trưởng khu phố" if role == PlannerRole.HEAD else "Người triệu tập (khuyết Trưởng khu phố)"


def _cluster_lines(meeting: Meeting) -> list[dict]:
    """Each cluster sitting of a meeting held by cluster, as form 03 lists it before the sum
    (Luật 10/2022/QH15 Art. 18.3: each cluster reports, the results add up)."""
    lines = []
    for sitting in cluster_sittings(meeting).select_related("cluster"):
        cluster = sitting.cluster
        assert cluster is not None  # a cluster sitting
        present = voters(sitting)
        counts = []
        for contest in contests_to_vote(meeting):
            result = sitting_result(sitting, contest)
            if result is not None:
                counts.append(_result_lines(result))
        when = f"{cluster.meeting_time:%H giờ %M}, " if cluster.meeting_time else ""
        lines.append(
            {
                "name": cluster.name,
                "when_where": f"{when}{_date(sitting.held_on)}, tại {cluster.meeting_place}",
                "chair": cluster.chair_name,
                "reporter": cluster.reporter_name,
                "households": figures_and_words(sitting.household_total),
                "present": figures_and_words(present),
                "present_share": _share(present, sitting.household_total),
                "secretary": sitting.secretary_name,
                "method": sitting.get_voting_method_display(),
                "results": counts,
            }
        )
    return lines


def household_ballot_minutes_context(meeting: Meeting) -> dict:
    """Form 04: the distribution team's counting minutes (NĐ 59 Art. 4.6.a), issued by the team
    itself, dated the count day, with the 2 household witnesses it invited named and signing."""
    ballots = meeting.household_ballots
    distributed = ballots.count()
    returned = ballots.filter(returned_at__isnull=False).count()
    team = meeting.ballot_team
    facts = _round_facts(meeting)
    counted_on = facts.pop("_counted_on", None)
    facts.pop("_starts_on", None)
    header = _minutes_header(
        meeting,
        "Biên bản",
        "Kiểm phiếu lấy ý kiến bằng phiếu tại hộ gia đình (Mẫu số 04, Nghị định số 59/2023/NĐ-CP)",
    )
    neighborhood = meeting.election.neighborhood.name
    # The distribution team counts and draws up form 04: it heads the paper.
    header["issuer"] = f"Tổ phát phiếu\n{neighborhood}"
    if counted_on is not None:
        header["place_date"] = f"{neighborhood}, {_date(counted_on)}"
    counted_at = _counted_at(meeting, counted_on)
    return {
        **header,
        **facts,
        "held_at": _when(counted_at, counted_on) if counted_on or counted_at else "",
        "team": team,
        "witnesses": meeting.witnesses,
        "deadline": f"{meeting.ballot_deadline:%d/%m/%Y}" if meeting.ballot_deadline else "",
        "distributed": figures_and_words(distributed),
        "returned": figures_and_words(returned),
        "not_returned": figures_and_words(distributed - returned),
        "not_reached": figures_and_words(meeting.household_total - distributed),
        "copies": _copies(meeting),
        "signers": [
            {"title": "Tổ trưởng Tổ phát phiếu", "name": team[0] if team else ""},
            *({"title": "Thành viên Tổ phát phiếu", "name": name} for name in team[1:]),
            *({"title": "Đại diện hộ gia đình chứng kiến", "name": name} for name in meeting.witnesses),
        ],
    }


def household_ballot_decision_context(meeting: Meeting) -> dict:
    """The community's decision after household ballots, with the content of Luật Art. 20.2:
    time, households (all, taking part, not taking part), what was decided on, the form, the
    result, the decision, and the signatures of the head, the Front committee head and 2
    household representatives; due at the ward within 5 working days from the end of the
    collection (NĐ 59 Art. 4.7; Luật Art. 20.3)."""
    election = meeting.election
    returned = meeting.household_ballots.filter(returned_at__isnull=False).count()
    facts = _round_facts(meeting)
    counted_on = facts.pop("_counted_on", None)
    starts_on = facts.pop("_starts_on", None)
    header = _minutes_header(
        meeting,
        "Quyết định của cộng đồng dân cư",
        f"Về việc bầu {contests_text(election.plan)} {election.neighborhood.name}\n"
        "bằng hình thức phát phiếu lấy ý kiến hộ gia đình (Điều 20 Luật số 10/2022/QH15)",
    )
    header["issuer"] = f"Cộng đồng dân cư\n{election.neighborhood.name}"
    if counted_on is not None:
        header["place_date"] = f"{election.neighborhood.name}, {_date(counted_on)}"
    due = (
        rules.ballot_decision_deadline(meeting.ballot_deadline, election.rules).due
        if meeting.ballot_deadline
        else None
    )
    round_ = facts["round"]
    witnesses = meeting.witnesses or ["", ""]
    return {
        **header,
        **facts,
        "period": (
            f"từ ngày {starts_on:%d/%m/%Y} đến ngày {meeting.ballot_deadline:%d/%m/%Y}"
            if starts_on and meeting.ballot_deadline
            else f"đến ngày {meeting.ballot_deadline:%d/%m/%Y}"
            if meeting.ballot_deadline
            else ""
        ),
        "present": figures_and_words(returned),
        "present_share": _share(returned, meeting.household_total),
        "absent": figures_and_words(meeting.household_total - returned),
        "candidates": [
            {"kind": c.get_kind_display(), "names": [x.full_name for x in candidates_of(c)]}
            for c in contests_to_vote(meeting)
        ],
        "due": f"{due:%d/%m/%Y}" if due else "",
        "signers": [
            {
                "title": round_["planner_title"] if round_ else "Trưởng khu phố",
                "name": round_["planner"] if round_ else "",
            },
            {"title": "Trưởng ban công tác Mặt trận khu phố", "name": round_["front_head"] if round_ else ""},
            *({"title": "Đại diện hộ gia đình", "name": name} for name in witnesses[:2]),
        ],
        "recipients": ["UBND phường", "Ủy ban MTTQ Việt Nam phường", "Lưu tại khu phố"],
    }


def household_ballot_paper_context(meeting: Meeting) -> dict:
    """The ballot of a household-ballot round (NĐ 59 Art. 4.5.b): its title, the content, the
        choices with how to mark them, a line for other opinions, the collection deadline, and
        the khu phố head's (or the convener's) signature at the bottom right. A cover page says
    how many to print (one per household); the head signs each printed copy directly."""
    election = meeting.election
    round_ = ballot_round_of(meeting)
    copies = meeting.household_total
    # Whoever really signs: the head, or while the post is vacant the convener (NĐ 59 Art. 3.1.d).
    signer_in_text = (
        "người triệu tập"
        if round_ is not None and round_.planner_role != PlannerRole.HEAD
        else "Trưởng khu phố"
    )
    contests = [
        {
            "kind": POSTS[ContestKind(c.kind)],
            "seats": figures_and_words(c.seats),
            "candidates": [x.full_name for x in candidates_of(c)],
        }
        for c in contests_to_vote(meeting)
    ]
    return {
        "ward": election.plan.division.name,
        "neighborhood": election.neighborhood.name,
        "term": _term(election.plan),
        "title": "Phiếu lấy ý kiến hộ gia đình",
        "subject": f"Về việc bầu {contests_text(election.plan)} {election.neighborhood.name}, "
        f"nhiệm kỳ {_term(election.plan)}",
        "plan": f"Kế hoạch số {round_.plan_number} ngày {round_.plan_issued_on:%d/%m/%Y}" if round_ else "",
        "contests": contests,
        "instructions": [
            "Hộ gia đình đồng ý bầu người nào thì đánh dấu (X) vào ô “Đồng ý” cùng dòng với người đó; "
            "không đồng ý thì đánh dấu (X) vào ô “Không đồng ý”.",
            "Mỗi chức danh chỉ đồng ý không quá số người được bầu ghi ở trên; phiếu đồng ý nhiều hơn, "
            f"phiếu không có chữ ký của {signer_in_text} là phiếu không hợp lệ.",
            "Mỗi hộ gia đình một phiếu; người đại diện hộ ghi ý kiến và gửi lại Tổ phát phiếu.",
        ],
        "deadline": _date(meeting.ballot_deadline) if meeting.ballot_deadline else "",
        "signer_title": _signer_title(round_.planner_role) if round_ else "Trưởng khu phố",
        "signer_name": round_.planner_name if round_ else "",
        # One ballot to copy, not one page per household and no number on it (a numbered ballot
        # could be traced to its household): the cover says how many; the signer signs each copy.
        "copies_text": figures_and_words(copies),
    }


# --- Decisions ------------------------------------------------------------------------


# Issued by the ward Front (Luật Art. 21.2, 40.2.b); every other decision by the ward.
FRONT_KINDS = BOARD_KINDS
# Answers in writing (công văn), not decisions: the written answer (NĐ 59 Art. 8) and the
# request to amend a community decision (Luật Art. 22.2).
LETTER_KINDS = (DecisionKind.WRITTEN_ANSWER, DecisionKind.REQUEST_AMENDMENT, DecisionKind.RELEASE_ANSWER)
GROUNDS = {
    rules.CONTRARY_TO_LAW: "có nội dung trái với quy định của pháp luật (điểm a khoản 1 Điều 22 "
    "Luật Thực hiện dân chủ ở cơ sở)",
    rules.IRREGULAR_PROCEDURE: "không tuân thủ quy định về trình tự, thủ tục (điểm b khoản 1 Điều 22 "
    "Luật Thực hiện dân chủ ở cơ sở)",
}


def _issuer(decision: Decision) -> dict:
    ward = decision.plan.division
    if decision.kind in FRONT_KINDS:
        return {
            "issuer_parent": f"Ủy ban MTTQ Việt Nam {ward.parent.name}" if ward.parent else "",
            "issuer": f"Ban Thường trực Ủy ban MTTQ Việt Nam\n{ward.name}",
            "authority": ["TM. Ban Thường trực"],
            "signer_title": "Chủ tịch",
            "signer_name": "",
            "symbol": "QĐ-MTTQ",
            "issuer_key": f"MTTQ-{ward.pk}",
            "acting": f"Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam {ward.name}",
        }
    return {
        **people_committee(decision.plan),
        "symbol": "UBND" if decision.kind in LETTER_KINDS else "QĐ-UBND",
        "issuer_key": f"UBND-{ward.pk}",
        "acting": f"Chủ tịch Ủy ban nhân dân {ward.name}",
    }


class _Body:
    """A decision's words as they are built: subject, bases, articles before the closing ones,
    who executes it, and an optional table of people after article ``table_after``."""

    def __init__(self, subject: str, bases: list[str], articles: list[str], executors: list[str]):
        self.subject = subject
        self.bases = bases
        self.articles = articles
        self.executors = executors
        self.people: list[dict] = []
        self.table_after = 1


def _recognise_head(decision: Decision, kp: str, term: str, bases: list[str]) -> _Body:
    d, ward = decision.details, decision.plan.division
    who = f"{honorific(d.get('gender'))} {d['full_name']}"
    bases.append(
        f"Xét quyết định của cộng đồng dân cư {kp} về kết quả bầu Trưởng khu phố, nhận ngày "
        f"{decision.received_on:%d/%m/%Y} (khoản 2 Điều 21 Luật Thực hiện dân chủ ở cơ sở; Điều 8 "
        "Nghị định số 59/2023/NĐ-CP);"
    )
    articles = [
        f"Công nhận {who}, sinh năm {d['birth_year']}, trúng cử Trưởng {kp}, {term}, "
        f"với {figures_and_words(d['approvals'])} hộ đồng ý trên tổng số "
        f"{figures_and_words(d['household_total'])} hộ gia đình của khu phố "
        f"({_share(d['approvals'], d['household_total'])}).",
        f"Trưởng {kp} có nhiệm vụ, quyền hạn theo {decision.plan.rules.head_duties_basis}.",
    ]
    subject = f"Về việc công nhận Trưởng khu phố\n{kp}, {term}"
    return _Body(subject, bases, articles, [ward_office(ward), f"Trưởng ban công tác Mặt trận {kp}", who])


def _rerun(decision: Decision, kp: str, term: str, bases: list[str]) -> _Body:
    d, ward = decision.details, decision.plan.division
    articles = [
        f"Tổ chức bầu cử lại tại {kp} vào ngày {d['meeting_date']}, do cuộc họp ngày "
        f"{d['previous_date']} chưa bầu được: {clauses(d['outcomes'])}.",
        "Tổ bầu cử đã thành lập tiếp tục tổ chức bầu cử theo đúng trình tự của Nghị định số 59/2023/NĐ-CP.",
    ]
    executors = [ward_office(ward), f"Tổ bầu cử {kp}", f"Trưởng ban công tác Mặt trận {kp}"]
    return _Body(f"Về việc tổ chức bầu cử lại tại {kp}, {term}", bases, articles, executors)


def _household_ballots(decision: Decision, kp: str, term: str, bases: list[str]) -> _Body:
    d, ward = decision.details, decision.plan.division
    articles = [
        f"Tổ chức lấy ý kiến bằng phiếu tại hộ gia đình tại {kp} (điểm b khoản 1 Điều 19 Luật Thực hiện "
        "dân chủ ở cơ sở; Điều 4 Nghị định số 59/2023/NĐ-CP): mỗi hộ một phiếu, trên tổng số "
        f"{figures_and_words(d['household_total'])} hộ; hạn thu phiếu ngày {d['deadline']}.",
        "Tổ phát phiếu gồm các ông, bà có tên dưới đây, người thứ nhất là đại diện Ban công tác "
        "Mặt trận khu phố làm Tổ trưởng.",
    ]
    body = _Body(
        f"Về việc lấy ý kiến bằng phiếu tại hộ gia đình\n{kp}, {term}",
        bases,
        articles,
        [ward_office(ward), f"Ban công tác Mặt trận {kp}", "các ông, bà có tên tại Điều 2"],
    )
    body.people = [
        {"name": name, "role": "Tổ trưởng" if i == 0 else "Thành viên"} for i, name in enumerate(d["team"])
    ]
    body.table_after = 2
    return body


def _interim_head(decision: Decision, kp: str, term: str, bases: list[str]) -> _Body:
    d, ward = decision.details, decision.plan.division
    if "vacancy" in d:
        return _vacancy_interim_head(decision, kp, term, bases)
    who = f"{honorific(d.get('gender'))} {d['full_name']}"
    articles = [
        f"Cử {who} làm Trưởng {kp} lâm thời cho đến khi bầu được Trưởng khu phố mới, do khu phố "
        f"chưa bầu được: {clauses(d['outcomes'])}.",
        f"Trưởng {kp} lâm thời có nhiệm vụ, quyền hạn theo {decision.plan.rules.head_duties_basis}.",
    ]
    if d.get("front_agreed_by"):
        bases.append(
            "Sau khi thống nhất với Ủy ban MTTQ Việt Nam phường (ông (bà) "
            f"{d['front_agreed_by']}, ngày {d['front_agreed_on']}) theo đoạn cuối khoản 3 Điều 9 "
            "Nghị định số 59/2023/NĐ-CP;"
        )
    else:  # decided before the agreement was recorded
        bases.append("Sau khi thống nhất với Ban Thường trực Ủy ban MTTQ Việt Nam phường;")
    executors = [ward_office(ward), f"Trưởng ban công tác Mặt trận {kp}", who]
    return _Body(f"Về việc cử Trưởng khu phố lâm thời\n{kp}", bases, articles, executors)


def _recognise_board_member(decision: Decision, kp: str, term: str, bases: list[str]) -> _Body:
    d, ward = decision.details, decision.plan.division
    bases.append(
        f"Xét quyết định của cộng đồng dân cư {kp} (cuộc họp ngày {d['held_on']}) nhận ngày "
        f"{decision.received_on:%d/%m/%Y} (khoản 2 Điều 21, điểm b khoản 2 Điều 40 Luật Thực hiện dân chủ "
        "ở cơ sở; Điều 13 Nghị định số 59/2023/NĐ-CP);"
    )
    # Every member the khu phố elected (two where the ward Front allotted it two seats).
    members = d.get("members") or [d]
    # h3: a by-election fills a seat left vacant within the term (Luật Art. 36.2).
    by_election = decision.election is not None and decision.election.purpose == ElectionPurpose.BY_ELECTION
    elected = "trúng cử bổ sung" if by_election else "trúng cử"
    articles = [
        f"Công nhận {honorific(m.get('gender'))} {m['full_name']}, sinh năm {m['birth_year']}, {elected} "
        f"thành viên Ban Thanh tra nhân dân {ward.name}, {term}, tại {kp}, với "
        f"{figures_and_words(m['approvals'])} hộ đồng ý trên tổng số "
        f"{figures_and_words(m['household_total'])} hộ gia đình của khu phố "
        f"({_share(m['approvals'], m['household_total'])})."
        for m in members
    ]
    named = [f"{honorific(m.get('gender'))} {m['full_name']}" for m in members]
    return _Body(
        f"Về việc công nhận thành viên Ban Thanh tra nhân dân{' được bầu bổ sung' if by_election else ''}\n"
        f"{ward.name}, {term}",
        bases,
        articles,
        [f"Ban Thanh tra nhân dân {ward.name}", f"Ban công tác Mặt trận {kp}", *named],
    )


def _annul(decision: Decision, kp: str, term: str, bases: list[str]) -> _Body:
    d, ward = decision.details, decision.plan.division
    bases.append(f"Xét quyết định của cộng đồng dân cư {kp} tại cuộc họp ngày {d['previous_date']};")
    articles = [
        f"Bãi bỏ quyết định của cộng đồng dân cư {kp} tại cuộc họp ngày {d['previous_date']} về kết quả "
        f"bầu {', '.join(mid_sentence(a) for a in d['annulled'])}, do quyết định {GROUNDS[d['ground']]}. "
        f"Lý do: {sentence(decision.reason)}",
        f"Tổ chức bầu cử lại tại {kp} vào ngày {d['meeting_date']}; Tổ bầu cử đã thành lập tiếp tục "
        "tổ chức bầu cử theo đúng trình tự của Nghị định số 59/2023/NĐ-CP.",
        f"Trưởng ban công tác Mặt trận {kp} thông báo Quyết định này đến Nhân dân khu phố "
        "(khoản 2 Điều 22 Luật Thực hiện dân chủ ở cơ sở).",
    ]
    executors = [ward_office(ward), f"Trưởng ban công tác Mặt trận {kp}", f"Tổ bầu cử {kp}"]
    return _Body(
        f"Về việc bãi bỏ quyết định của cộng đồng dân cư\n{kp} về bầu cử, {term}", bases, articles, executors
    )


def _recognise_board(decision: Decision, kp: str, term: str, bases: list[str]) -> _Body:
    d, ward = decision.details, decision.plan.division
    articles = [
        f"Công nhận {figures_and_words(len(d['members']))} thành viên Ban Thanh tra nhân dân "
        f"{ward.name}, {term}, gồm các ông, bà có tên dưới đây."
    ]
    body = _Body(
        f"Về việc công nhận thành viên Ban Thanh tra nhân dân\n{ward.name}, {term}",
        bases,
        articles,
        [f"Ban Thanh tra nhân dân {ward.name}", "các ông, bà có tên tại Điều 1"],
    )
    body.people = [{"name": m["full_name"], "role": m["neighborhood"]} for m in d["members"]]
    return body


def _board_officers(decision: Decision, kp: str, term: str, bases: list[str]) -> _Body:
    d, ward = decision.details, decision.plan.division
    bases.append(
        f"Xét kết quả bầu Trưởng ban, Phó Trưởng ban tại cuộc họp Ban Thanh tra nhân dân {ward.name} "
        "(khoản 3 Điều 13 Nghị định số 59/2023/NĐ-CP);"
    )
    articles = ["Công nhận các ông, bà có tên dưới đây giữ chức danh trong Ban Thanh tra nhân dân."]
    body = _Body(
        f"Về việc công nhận Trưởng ban, Phó Trưởng ban\nBan Thanh tra nhân dân {ward.name}",
        bases,
        articles,
        [f"Ban Thanh tra nhân dân {ward.name}", "các ông, bà có tên tại Điều 1"],
    )
    body.people = [{"name": d["head"]["full_name"], "role": "Trưởng ban"}] + [
        {"name": m["full_name"], "role": "Phó Trưởng ban"} for m in d["deputies"]
    ]
    return body


# --- While the head's post is vacant (issue 14): interim head, convener, new election ---


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _vacancy_basis(d: dict, kp: str) -> str:
    """The basis every decision about a vacant head's post states: why the post is vacant."""
    if d.get("left_name"):
        return (
            f"Xét việc khuyết Trưởng {kp} từ ngày {d['vacant_from']} "
            f"({_lower_first(d['left_reason'])}: ông (bà) {d['left_name']});"
        )
    reason = _lower_first(d["vacancy_reason"]).rstrip(".")
    return f"Xét việc {kp} chưa có Trưởng khu phố từ ngày {d['vacant_from']} ({reason});"


def _vacancy_interim_head(decision: Decision, kp: str, term: str, bases: list[str]) -> _Body:
    d, ward = decision.details, decision.plan.division
    who = f"ông (bà) {d['full_name']}"
    bases.append(_vacancy_basis(d, kp))
    bases.append(
        "Sau khi thống nhất với Ủy ban MTTQ Việt Nam phường (ông (bà) "
        f"{d['front_agreed_by']}, ngày {d['front_agreed_on']}) theo đoạn cuối khoản 3 Điều 9 "
        "Nghị định số 59/2023/NĐ-CP;"
    )
    articles = [
        f"Cử {who} làm Trưởng {kp} lâm thời để điều hành hoạt động của khu phố cho đến khi bầu được "
        "Trưởng khu phố mới (khoản 3 Điều 9 Nghị định số 59/2023/NĐ-CP).",
        f"Trưởng {kp} lâm thời có nhiệm vụ, quyền hạn theo {decision.plan.rules.head_duties_basis}.",
    ]
    executors = [ward_office(ward), f"Trưởng ban công tác Mặt trận {kp}", who]
    return _Body(f"Về việc cử Trưởng khu phố lâm thời\n{kp}", bases, articles, executors)


def _convener(decision: Decision, kp: str, term: str, bases: list[str]) -> _Body:
    d, ward = decision.details, decision.plan.division
    who = f"ông (bà) {d['full_name']}"
    bases.append(_vacancy_basis(d, kp))
    articles = [
        f"Chỉ định {who}, {d['capacity_label']}, triệu tập và tổ chức cuộc họp của cộng đồng dân cư "
        f"{kp} để Nhân dân bàn và quyết định các nội dung theo quy định trong thời gian khuyết Trưởng "
        "khu phố, trừ cuộc họp bầu và cuộc họp cho thôi làm Trưởng khu phố (điểm d khoản 1 Điều 3 "
        "Nghị định số 59/2023/NĐ-CP).",
        f"Việc chỉ định chấm dứt khi {kp} bầu được Trưởng khu phố và được công nhận.",
    ]
    executors = [ward_office(ward), f"Trưởng ban công tác Mặt trận {kp}", who]
    subject = f"Về việc chỉ định người triệu tập cuộc họp\ncủa cộng đồng dân cư {kp}"
    return _Body(subject, bases, articles, executors)


def _new_election(decision: Decision, kp: str, term: str, bases: list[str]) -> _Body:
    d, ward = decision.details, decision.plan.division
    bases.append(_vacancy_basis(d, kp))
    which = "Trưởng khu phố đầu tiên" if d.get("first_head") else "Trưởng khu phố mới"
    when = f" vào ngày {d['meeting_date']}" if d.get("meeting_date") else ""
    articles = [
        f"Tổ chức bầu {which} của {kp}{when}, theo trình tự tại các điều 6, 7 và 8 Nghị định số "
        "59/2023/NĐ-CP (khoản 3 Điều 9 Nghị định số 59/2023/NĐ-CP).",
        f"Trưởng khu phố được bầu giữ chức danh cho đến hết {term} (đến ngày {d['term_ends_on']}).",
    ]
    if d.get("due_on"):
        articles.append(
            "Thời hạn quyết định việc bầu theo khoản 3 Điều 9 Nghị định số 59/2023/NĐ-CP: "
            f"ngày {d['due_on']}."
        )
    executors = [ward_office(ward), f"Trưởng ban công tác Mặt trận {kp}"]
    return _Body(f"Về việc tổ chức bầu {which}\n{kp}, {term}", bases, articles, executors)


# --- h1: letting a head go (NĐ 59 Art. 9.3) ---


def _release_facts(decision: Decision, kp: str) -> tuple[str, str, str]:
    """The head as named, the way the request came in, and the meeting's vote, as the ward's
    papers quote them."""
    d = decision.details
    who = f"{honorific(d.get('gender'))} {d['full_name']}"
    decree = "khoản 1 Điều 9 Nghị định số 59/2023/NĐ-CP"
    way_in = {
        "own_request": f"đơn xin thôi làm Trưởng khu phố của {who} (điểm a {decree})",
        "front_proposal": (
            f"đề nghị của Trưởng ban công tác Mặt trận {kp}, ông (bà) {d['proposed_by']} (điểm b {decree})"
        ),
        "petition": (
            f"kiến nghị của {d.get('petitioners')}/{d.get('petition_total')} hộ gia đình {kp} "
            f"(điểm b {decree})"
        ),
    }[d["way_in"]]
    vote = (
        f"{figures_and_words(d['approvals'])} hộ đồng ý trên tổng số "
        f"{figures_and_words(d['household_total'])} hộ gia đình của khu phố "
        f"({_share(d['approvals'], d['household_total'])})"
    )
    return who, way_in, vote


def _recognise_release(decision: Decision, kp: str, term: str, bases: list[str]) -> _Body:
    d, ward = decision.details, decision.plan.division
    who, way_in, vote = _release_facts(decision, kp)
    bases.append(
        f"Xét {way_in}, nhận ngày {d['request_received_on']}, và quyết định của cộng đồng dân cư {kp} tại "
        f"cuộc họp ngày {d['held_on']}, nhận ngày {decision.received_on:%d/%m/%Y} (khoản 3 Điều 9 Nghị định "
        "số 59/2023/NĐ-CP);"
    )
    articles = [
        f"Công nhận kết quả cho {who} thôi làm Trưởng {kp}, {term}, kể từ ngày "
        f"{decision.decided_on:%d/%m/%Y}, với {vote}.",
        f"Trong thời hạn 60 ngày kể từ ngày ký Quyết định này (chậm nhất ngày {d['new_election_due']}), "
        f"Ủy ban nhân dân phường quyết định việc tiến hành bầu Trưởng {kp} mới; trong thời gian khuyết "
        "Trưởng khu phố, Ủy ban nhân dân phường thống nhất với Ủy ban MTTQ Việt Nam phường cử Trưởng khu "
        "phố lâm thời (khoản 3 Điều 9 Nghị định số 59/2023/NĐ-CP).",
    ]
    executors = [ward_office(ward), f"Trưởng ban công tác Mặt trận {kp}", who]
    return _Body(
        f"Về việc công nhận kết quả cho thôi làm Trưởng khu phố\n{kp}, {term}", bases, articles, executors
    )


def _release_decided(decision: Decision, kp: str, term: str, bases: list[str]) -> _Body:
    d, ward = decision.details, decision.plan.division
    who, way_in, vote = _release_facts(decision, kp)
    bases.append(
        f"Xét {way_in}, nhận ngày {d['request_received_on']}, và kết quả cuộc họp cộng đồng dân cư {kp} ngày "
        f"{d['held_on']} không thống nhất được việc cho thôi làm Trưởng khu phố ({vote});"
    )
    bases.append(
        "Sau khi thống nhất với Ủy ban MTTQ Việt Nam phường (ông (bà) "
        f"{d['front_agreed_by']}, ngày {d['front_agreed_on']}) theo khoản 3 Điều 9 Nghị định số "
        "59/2023/NĐ-CP;"
    )
    reason = f" Lý do: {sentence(decision.reason)}" if decision.reason else ""
    if d["let_go"]:
        articles = [
            f"Cho {who} thôi làm Trưởng {kp}, {term}, kể từ ngày {decision.decided_on:%d/%m/%Y}.{reason}",
            f"Trong thời hạn 60 ngày kể từ ngày ký Quyết định này (chậm nhất ngày {d['new_election_due']}), "
            f"Ủy ban nhân dân phường quyết định việc tiến hành bầu Trưởng {kp} mới (khoản 3 Điều 9 Nghị định "
            "số 59/2023/NĐ-CP).",
        ]
    else:
        articles = [f"{who[:1].upper()}{who[1:]} tiếp tục làm Trưởng {kp}, {term}.{reason}"]
    executors = [ward_office(ward), f"Trưởng ban công tác Mặt trận {kp}", who]
    return _Body(f"Về việc cho thôi làm Trưởng khu phố\n{kp}, {term}", bases, articles, executors)


_BODIES = {
    DecisionKind.RECOGNISE_RELEASE: _recognise_release,
    DecisionKind.RELEASE_DECIDED: _release_decided,
    DecisionKind.RECOGNISE_HEAD: _recognise_head,
    DecisionKind.RERUN: _rerun,
    DecisionKind.HOUSEHOLD_BALLOTS: _household_ballots,
    DecisionKind.INTERIM_HEAD: _interim_head,
    DecisionKind.RECOGNISE_BOARD_MEMBER: _recognise_board_member,
    DecisionKind.ANNUL: _annul,
    DecisionKind.RECOGNISE_BOARD: _recognise_board,
    DecisionKind.BOARD_OFFICERS: _board_officers,
    DecisionKind.CONVENER: _convener,
    DecisionKind.NEW_ELECTION: _new_election,
}


def _bases(decision: Decision) -> list[str]:
    """The texts every decision rests on, by their full titles; the ward's decisions also on
    the plan. The ward Front acts under the Law on the Front, the ward under the Law on local
    government."""
    plan = decision.plan
    if decision.kind in FRONT_KINDS:
        return [FRONT_LAW, DEMOCRACY_LAW, DECREE_59]
    return [
        LOCAL_GOVERNMENT_LAW,
        DEMOCRACY_LAW,
        DECREE_59,
        f"Căn cứ Kế hoạch số {plan.number} ngày {plan.issued_on:%d/%m/%Y};",
    ]


def _replaces(decision: Decision) -> str:
    old = decision.supersedes
    if old is None:
        return ""
    # The replaced paper's number and date are written in when this one is issued
    # (reporting.services.document_issue): they are not known before.
    return f"Quyết định này thay thế {REPLACED_PAPER}. Lý do đính chính: {decision.reason}"


def _decision_body(decision: Decision) -> _Body:
    """Subject, legal bases, numbered articles (ending with the entry-into-force and the
    executing articles) and an optional table of people, by kind."""
    kp = (
        decision.election.neighborhood.name
        if decision.election is not None
        else decision.details.get("neighborhood", "")  # a decision about a new khu phố's vacancy
    )
    term = f"nhiệm kỳ {_term(decision.plan)}"
    body = _BODIES[DecisionKind(decision.kind)](decision, kp, term, _bases(decision))
    body.bases = closing_bases(body.bases)
    body.articles = [*body.articles, *closing_articles(body.executors, _replaces(decision))]
    body.subject = keep_last_words_together(body.subject)
    return body


def _letter(decision: Decision) -> tuple[str, str, list[str], list[str]]:
    """Subject (V/v), addressees, paragraphs and recipients of an answer in writing."""
    d = decision.details
    election = decision.election
    assert election is not None
    kp = election.neighborhood.name
    if decision.kind == DecisionKind.WRITTEN_ANSWER:
        subject = f"V/v trả lời về kết quả bầu cử Trưởng khu phố tại {kp}"
        addressees = [f"Ban công tác Mặt trận {kp}", "Tổ bầu cử"]
        paragraphs = [
            f"Ngày {d['received_on']}, Ủy ban nhân dân {decision.plan.division.name} nhận được quyết định "
            f"của cộng đồng dân cư {kp} về kết quả bầu cử: {clauses(d['outcomes'])}.",
            "Theo Điều 8 Nghị định số 59/2023/NĐ-CP và khoản 2 Điều 21 Luật Thực hiện dân chủ ở cơ sở, Ủy "
            "ban nhân dân phường chưa ban hành quyết định công nhận hoặc quyết định bầu lại, và trả lời như "
            f"sau. Lý do: {sentence(decision.reason)}",
        ]
        recipients = ["Như trên", "Ủy ban MTTQ Việt Nam phường", "Lưu: VT"]
    elif decision.kind == DecisionKind.RELEASE_ANSWER:
        who = f"{honorific(d.get('gender'))} {d['full_name']}"
        subject = f"V/v trả lời về việc cho thôi làm Trưởng khu phố tại {kp}"
        addressees = [f"Trưởng ban công tác Mặt trận {kp}", "Nhân dân khu phố"]
        paragraphs = [
            f"Ngày {decision.received_on:%d/%m/%Y}, Ủy ban nhân dân {decision.plan.division.name} nhận được "
            f"quyết định của cộng đồng dân cư {kp} tại cuộc họp ngày {d['held_on']} về việc cho {who} "
            f"thôi làm Trưởng khu phố, với {figures_and_words(d['approvals'])} hộ đồng ý trên tổng số "
            f"{figures_and_words(d['household_total'])} hộ gia đình.",
            "Theo khoản 3 Điều 9 Nghị định số 59/2023/NĐ-CP, Ủy ban nhân dân phường không ban hành "
            "quyết định công nhận kết quả cho thôi làm Trưởng khu phố và trả lời như sau. Lý do: "
            f"{sentence(decision.reason)}",
            f"{who[:1].upper()}{who[1:]} tiếp tục làm Trưởng {kp}.",
        ]
        recipients = ["Như trên", "Ủy ban MTTQ Việt Nam phường", who, "Lưu: VT"]
    else:  # REQUEST_AMENDMENT
        subject = f"V/v đề nghị sửa đổi quyết định của cộng đồng dân cư {kp}"
        addressees = [f"Trưởng ban công tác Mặt trận {kp}"]
        paragraphs = [
            f"Quyết định của cộng đồng dân cư {kp} tại cuộc họp ngày {d['previous_date']} về kết quả bầu cử "
            f"{GROUNDS[d['ground']]}. Lý do: {sentence(decision.reason)}",
            "Căn cứ khoản 2 và khoản 3 Điều 22 Luật Thực hiện dân chủ ở cơ sở, Ủy ban nhân dân phường "
            "đề nghị cộng đồng dân cư sửa đổi, bổ sung quyết định theo trình tự, thủ tục tại các điều 18, "
            "19, 20 và 21 của Luật, thông báo đến Nhân dân khu phố và gửi lại Ủy ban nhân dân phường. "
            "Thời hạn công nhận tính từ ngày nhận quyết định đã sửa đổi.",
        ]
        recipients = ["Như trên", "Ủy ban MTTQ Việt Nam phường", "Lưu: VT"]
    return keep_last_words_together(subject), "; ".join(addressees), paragraphs, recipients


def _letter_context(decision: Decision, issuer: dict) -> dict:
    subject, addressees, paragraphs, recipients = _letter(decision)
    return {
        **{k: issuer[k] for k in ("issuer_parent", "issuer", "authority", "signer_title", "signer_name")},
        "place_date": f"{decision.plan.division.name}, {long_date(decision.decided_on)}",
        "doc_type": "Công văn",
        "letter": True,
        "subject": subject,
        "addressees": addressees,
        "paragraphs": paragraphs,
        "recipients": recipients,
    }


def decision_context(decision: Decision) -> dict:
    issuer = _issuer(decision)
    if decision.kind in LETTER_KINDS:
        return _letter_context(decision, issuer)
    ward = decision.plan.division
    body = _decision_body(decision)
    other = "Ủy ban nhân dân phường" if decision.kind in FRONT_KINDS else "Ủy ban MTTQ Việt Nam phường"
    return {
        **{k: issuer[k] for k in ("issuer_parent", "issuer", "authority", "signer_title", "signer_name")},
        "place_date": f"{ward.name}, {long_date(decision.decided_on)}",
        "doc_type": "Quyết định",
        "subject": body.subject,
        "acting": issuer["acting"],
        "bases": body.bases,
        "articles": body.articles,
        "people": body.people,
        "table_after": body.table_after,
        "replaces": _replaces(decision),
        "recipients": [as_executed_by(body.articles), other, "Lưu: VT"],
    }


KINDS = [
    DocumentKind(
        BALLOT_PAPERS,
        "documents/elections/ballot_papers.html",
        ballot_papers_context,
        lambda c: f"Phiếu bầu {c.get_kind_display()} – {c.election.neighborhood.name}",
        lambda c: c.election.neighborhood,
    ),
    DocumentKind(
        COUNTING_MINUTES,
        "documents/elections/counting_minutes.html",
        counting_minutes_context,
        lambda m: (
            f"Biên bản kết quả biểu quyết – {m.election.neighborhood.name}"
            if m.voting_method == VotingMethod.SHOW_OF_HANDS
            else f"Biên bản kiểm phiếu (mẫu 02) – {m.election.neighborhood.name}"
        ),
        lambda m: m.election.neighborhood,
    ),
    DocumentKind(
        COMMUNITY_DECISION,
        "documents/elections/community_decision.html",
        community_decision_context,
        lambda m: f"Biên bản cuộc họp (mẫu 03) – {m.election.neighborhood.name}",
        lambda m: m.election.neighborhood,
    ),
    DocumentKind(
        HOUSEHOLD_BALLOT_MINUTES,
        "documents/elections/household_ballot_minutes.html",
        household_ballot_minutes_context,
        lambda m: f"Biên bản phiếu lấy ý kiến hộ (mẫu 04) – {m.election.neighborhood.name}",
        lambda m: m.election.neighborhood,
    ),
    DocumentKind(
        HOUSEHOLD_BALLOT_DECISION,
        "documents/elections/household_ballot_decision.html",
        household_ballot_decision_context,
        lambda m: f"Quyết định của cộng đồng dân cư (phiếu hộ) – {m.election.neighborhood.name}",
        lambda m: m.election.neighborhood,
    ),
    DocumentKind(
        HOUSEHOLD_BALLOT_PAPER,
        "documents/elections/household_ballot_paper.html",
        household_ballot_paper_context,
        lambda m: f"Phiếu lấy ý kiến hộ gia đình – {m.election.neighborhood.name}",
        lambda m: m.election.neighborhood,
    ),
    DocumentKind(
        DECISION,
        "documents/elections/decision.html",
        decision_context,
        lambda d: (
            f"Quyết định {d.get_kind_display().lower()}"
            + (
                f" – {d.election.neighborhood.name}"
                if d.election_id
                else (f" – {d.details['neighborhood']}" if d.details.get("neighborhood") else "")
            )
        ),
        lambda d: d.election.neighborhood if d.election_id else d.plan.division,
    ),
]


def register_all() -> None:
    for kind in KINDS:
        register(kind)


# --- h3: the ward Front lets a board member go (Luật Art. 36.2; NĐ 59 Art. 13.1) ----------


def _release_board_member(decision: Decision, kp: str, term: str, bases: list[str]) -> _Body:
    d, ward = decision.details, decision.plan.division
    who = f"{honorific(d.get('gender'))} {d['full_name']}"
    ground = d["ground_label"][:1].lower() + d["ground_label"][1:]
    bases.append(
        f"Xét đề nghị của Ban Thường trực Ủy ban MTTQ Việt Nam {ward.name} ngày {d['proposed_on']} và quyết "
        f"định của cộng đồng dân cư {kp} tại cuộc họp ngày {d['held_on']} (khoản 2 Điều 36 Luật Thực hiện "
        "dân chủ ở cơ sở; khoản 1 Điều 13 Nghị định số 59/2023/NĐ-CP);"
    )
    if d["by_election_required"]:
        follow = (
            f"Ban công tác Mặt trận {kp} phối hợp với Trưởng {kp} tổ chức bầu bổ sung thành viên Ban Thanh "
            "tra nhân dân theo hướng dẫn của Ủy ban MTTQ Việt Nam phường (khoản 2 Điều 36 Luật Thực hiện dân "
            "chủ ở cơ sở)."
        )
    else:
        follow = (
            f"Thời gian còn lại của nhiệm kỳ (đến ngày {d['term_ends_on']}) dưới 06 tháng: không bầu bổ sung "
            "thành viên Ban Thanh tra nhân dân (khoản 2 Điều 36 Luật Thực hiện dân chủ ở cơ sở)."
        )
    articles = [
        f"Cho {who} thôi làm thành viên Ban Thanh tra nhân dân {ward.name}, {term}, được bầu tại {kp}, "
        f"với {figures_and_words(d['approvals'])} hộ đồng ý trên tổng số "
        f"{figures_and_words(d['household_total'])} hộ gia đình của khu phố "
        f"({_share(d['approvals'], d['household_total'])}). Căn cứ đề nghị: {ground}. "
        f"Lý do: {sentence(decision.reason)}",
        follow,
    ]
    return _Body(
        f"Về việc cho thôi làm thành viên Ban Thanh tra nhân dân\n{ward.name}, {term}",
        bases,
        articles,
        [f"Ban Thanh tra nhân dân {ward.name}", f"Ban công tác Mặt trận {kp}", who],
    )


_BODIES[DecisionKind.RELEASE_BOARD_MEMBER] = _release_board_member
