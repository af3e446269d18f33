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
from elections.documents import contests_text, people_committee
from elections.models import (
    Contest,
    ContestKind,
    ContestResult,
    Decision,
    DecisionKind,
    Meeting,
    MeetingMode,
    TeamRole,
    VotingMethod,
)
from elections.selectors.clusters import sitting_result
from elections.selectors.count import candidates_of
from elections.selectors.meeting import (
    cluster_sittings,
    contests_to_vote,
    current_meeting_any,
    held_by_cluster,
    voters,
)
from reporting.documents import DocumentKind, register
from reporting.services import document_number
from reporting.vietnamese import figures_and_words, long_date
from wardvote.types import StrOrPromise

BALLOT_PAPERS = "ballot_papers"
COUNTING_MINUTES = "counting_minutes"
COMMUNITY_DECISION = "community_decision"
HOUSEHOLD_BALLOT_MINUTES = "household_ballot_minutes"
DECISION = "decision"

MEETING_DOCUMENTS: dict[str, list[tuple[str, StrOrPromise]]] = {
    MeetingMode.MEETING: [
        (COUNTING_MINUTES, gettext_lazy("Biên bản kiểm phiếu (mẫu 02)")),
        (COMMUNITY_DECISION, gettext_lazy("Biên bản cuộc họp – quyết định của cộng đồng dân cư (mẫu 03)")),
    ],
    MeetingMode.HOUSEHOLD_BALLOTS: [
        (HOUSEHOLD_BALLOT_MINUTES, gettext_lazy("Biên bản tổng hợp phiếu lấy ý kiến hộ gia đình (mẫu 04)")),
    ],
}


def meeting_documents(meeting: Meeting) -> list[tuple[str, StrOrPromise]]:
    """The papers of a sitting. A meeting held by cluster: each cluster sitting has its own
    counting minutes (form 02), and the khu phố ONE community decision (form 03) listing them."""
    papers = MEETING_DOCUMENTS[meeting.mode]
    if meeting.cluster_id is not None:
        return [(kind, label) for kind, label in papers if kind == COUNTING_MINUTES]
    if meeting.mode == MeetingMode.MEETING and held_by_cluster(meeting):
        return [(kind, label) for kind, label in papers if kind == COMMUNITY_DECISION]
    return papers


def _share(count: int, total: int) -> str:
    return rules.format_percent(rules.percent(count, total))


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
    post = "Trưởng khu phố" if contest.kind == ContestKind.HEAD else "thành viên Ban Thanh tra nhân dân"
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
            f"Chỉ đồng ý tối đa {figures_and_words(contest.seats)} người. Phiếu đồng ý nhiều hơn, "
            "phiếu không có dấu của Tổ bầu cử hoặc ghi thêm tên người ngoài danh sách là phiếu không hợp lệ.",
            "Mỗi hộ gia đình một phiếu, do người đại diện hộ bỏ vào hòm phiếu."
            if meeting is None or meeting.mode == MeetingMode.MEETING
            else "Mỗi hộ gia đình một phiếu; Tổ phát phiếu thu lại phiếu tại hộ trước hạn thu phiếu.",
        ],
        "copies": copies,
        "serials": list(range(1, copies + 1)),
        "present": present,
        "spares": settings.ballot_spares,
    }


# --- Minutes --------------------------------------------------------------------------


def _team(meeting: Meeting) -> tuple[str, str]:
    head = meeting.election.team_members.filter(role=TeamRole.HEAD).first()
    secretary = meeting.secretary_name
    return (head.full_name if head else ""), secretary


def _result_lines(result: ContestResult) -> dict:
    names = {str(c.pk): c.full_name for c in result.contest.candidates.all()}
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
        "kind": result.contest.get_kind_display(),
        "method": result.get_method_display(),
        "hands": hands,
        "figures": figures,
        "candidates": candidates,
        "threshold": figures_and_words(result.threshold),
        "elected": result.elected.full_name if result.elected else "",
        "reason": result.reason,
        "version": result.version,
        "correction_reason": result.correction_reason,
        # One cluster's count elects no one by itself: it adds up into the khu phố's.
        "cluster_count": result.meeting.cluster_id is not None,
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
    return {
        "issuer_parent": ward.name,
        "issuer": f"Tổ bầu cử\n{election.neighborhood.name}",
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


def counting_minutes_context(meeting: Meeting) -> dict:
    head, secretary = _team(meeting)
    where = meeting.election.neighborhood.name
    if meeting.cluster is not None:
        where = f"{meeting.cluster.name}, {where}"
    return {
        **_minutes_header(
            meeting,
            "Biên bản",
            f"Kiểm phiếu bầu cử tại {where}\n(Mẫu số 02, Nghị định số 59/2023/NĐ-CP)",
        ),
        "cluster": meeting.cluster.name if meeting.cluster is not None else "",
        "chair": meeting.cluster.chair_name if meeting.cluster is not None else "",
        "present": figures_and_words(voters(meeting)),
        "counting_board": meeting.counting_board,
        "witnesses": meeting.witnesses,
        "copies": [
            "Ủy ban nhân dân phường",
            "Ủy ban MTTQ Việt Nam phường",
            f"Lưu tại {meeting.election.neighborhood.name}",
        ],
        "signers": [
            {"title": "Trưởng Ban kiểm phiếu", "name": (meeting.counting_board or [head])[0]},
            *({"title": "Đại diện hộ gia đình chứng kiến", "name": name} for name in meeting.witnesses),
        ],
    }


def community_decision_context(meeting: Meeting) -> dict:
    head, secretary = _team(meeting)
    present = voters(meeting)
    witnesses = meeting.witnesses or ["", ""]
    election = meeting.election
    return {
        **_minutes_header(
            meeting,
            "Biên bản",
            f"Cuộc họp cộng đồng dân cư {election.neighborhood.name} bầu {contests_text(election.plan)}"
            " (Mẫu số 03, Nghị định số 59/2023/NĐ-CP)",
        ),
        "time": f"{meeting.opened_at:%H giờ %M}" if meeting.opened_at else "",
        "place": election.meeting_place or election.neighborhood.name,
        "present": figures_and_words(present),
        "present_share": _share(present, meeting.household_total),
        "absent": figures_and_words(meeting.household_total - present),
        "secretary": secretary,
        "secretary_votes": figures_and_words(meeting.secretary_votes or 0),
        "method": meeting.get_voting_method_display(),
        "method_votes": figures_and_words(meeting.voting_method_votes or 0),
        "counting_board": meeting.counting_board,
        "signers": [
            {"title": "Tổ trưởng Tổ bầu cử", "name": head},
            {"title": "Trưởng ban công tác Mặt trận khu phố", "name": ""},
            *({"title": "Đại diện hộ gia đình", "name": name} for name in witnesses[:2]),
        ],
        "recipients": ["UBND phường", "Ủy ban MTTQ Việt Nam phường", "Lưu tại khu phố"],
        "clusters": _cluster_lines(meeting),
    }


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
    ballots = meeting.household_ballots
    distributed = ballots.count()
    returned = ballots.filter(returned_at__isnull=False).count()
    team = meeting.ballot_team
    return {
        **_minutes_header(
            meeting,
            "Biên bản",
            "Tổng hợp kết quả lấy ý kiến bằng phiếu tại hộ gia đình (Mẫu số 04, Nghị định số 59/2023/NĐ-CP)",
        ),
        "team": team,
        "deadline": f"{meeting.ballot_deadline:%d/%m/%Y}" if meeting.ballot_deadline else "",
        "distributed": figures_and_words(distributed),
        "returned": figures_and_words(returned),
        "not_returned": figures_and_words(distributed - returned),
        "not_reached": figures_and_words(meeting.household_total - distributed),
        "signers": [
            {"title": "Tổ trưởng tổ phát phiếu", "name": team[0] if team else ""},
            *({"title": "Thành viên", "name": name} for name in team[1:3]),
        ],
        "recipients": ["UBND phường", "Ủy ban MTTQ Việt Nam phường", "Lưu tại khu phố"],
    }


# --- Decisions ------------------------------------------------------------------------


def _issuer(decision: Decision) -> dict:
    ward = decision.plan.division
    if decision.kind in (DecisionKind.RECOGNISE_BOARD, DecisionKind.BOARD_OFFICERS):
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
        "symbol": "QĐ-UBND",
        "issuer_key": f"UBND-{ward.pk}",
        "acting": f"Chủ tịch Ủy ban nhân dân {ward.name}",
    }


def _decision_number(decision: Decision, issuer: dict) -> str:
    return document_number(
        kind=DECISION,
        source=decision,
        issuer=issuer["issuer_key"],
        symbol=issuer["symbol"],
        year=decision.decided_on.year,
    )


def _decision_body(decision: Decision) -> tuple[str, list[str], list[str], list[dict]]:
    """Subject, legal bases, articles and an optional table of people, by kind."""
    d, plan = decision.details, decision.plan
    kp = decision.election.neighborhood.name if decision.election is not None else ""
    term = f"nhiệm kỳ {_term(plan)}"
    law = "Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 ngày 10 tháng 11 năm 2022;"
    decree = "Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14 tháng 8 năm 2023 của Chính phủ;"
    bases = [law, decree, f"Căn cứ Kế hoạch số {plan.number} ngày {plan.issued_on:%d/%m/%Y};"]
    people: list[dict] = []
    if decision.kind == DecisionKind.RECOGNISE_HEAD:
        subject = f"Về việc công nhận Trưởng khu phố\n{kp}, {term}"
        bases.append(
            f"Xét văn bản kết quả bầu cử của {kp} nhận ngày {decision.received_on:%d/%m/%Y} "
            "(Điều 21 Luật số 10/2022/QH15; Điều 8 Nghị định số 59/2023/NĐ-CP);"
        )
        articles = [
            f"Công nhận ông (bà) {d['full_name']}, sinh năm {d['birth_year']}, trúng cử Trưởng {kp}, {term}, "
            f"với {figures_and_words(d['approvals'])} hộ đồng ý trên tổng số "
            f"{figures_and_words(d['household_total'])} hộ gia đình của khu phố "
            f"({_share(d['approvals'], d['household_total'])}).",
            f"Trưởng {kp} có nhiệm vụ, quyền hạn theo Điều 22 Luật số 10/2022/QH15.",
        ]
    elif decision.kind == DecisionKind.RERUN:
        subject = f"Về việc tổ chức bầu cử lại tại {kp}, {term}"
        articles = [
            f"Tổ chức bầu cử lại tại {kp} vào ngày {d['meeting_date']}, do cuộc họp ngày "
            f"{d['previous_date']} chưa bầu được: " + "; ".join(d["outcomes"]),
            "Tổ bầu cử đã thành lập tiếp tục tổ chức bầu cử theo đúng trình tự "
            "của Nghị định số 59/2023/NĐ-CP.",
        ]
    elif decision.kind == DecisionKind.HOUSEHOLD_BALLOTS:
        subject = f"Về việc lấy ý kiến bằng phiếu tại hộ gia đình\n{kp}, {term}"
        articles = [
            f"Tổ chức lấy ý kiến bằng phiếu tại hộ gia đình tại {kp} (Điều 19 Luật số 10/2022/QH15; "
            f"Điều 4 Nghị định số 59/2023/NĐ-CP): mỗi hộ một phiếu, trên tổng số "
            f"{figures_and_words(d['household_total'])} hộ; hạn thu phiếu ngày {d['deadline']}.",
            "Tổ phát phiếu gồm các ông (bà) có tên dưới đây, người thứ nhất là đại diện Ban công tác "
            "Mặt trận khu phố làm Tổ trưởng.",
        ]
        people = [
            {"name": name, "role": "Tổ trưởng" if i == 0 else "Thành viên"}
            for i, name in enumerate(d["team"])
        ]
    elif decision.kind == DecisionKind.INTERIM_HEAD:
        subject = f"Về việc cử Trưởng khu phố lâm thời\n{kp}"
        articles = [
            f"Cử ông (bà) {d['full_name']} làm Trưởng {kp} lâm thời cho đến khi bầu được Trưởng khu phố "
            "mới, do khu phố chưa bầu được: " + "; ".join(d["outcomes"]),
        ]
        bases.append("Sau khi thống nhất với Ban Thường trực Ủy ban MTTQ Việt Nam phường;")
    elif decision.kind == DecisionKind.RECOGNISE_BOARD:
        subject = f"Về việc công nhận thành viên Ban Thanh tra nhân dân\n{plan.division.name}, {term}"
        bases = [law, "Căn cứ Điều 13 Nghị định số 59/2023/NĐ-CP ngày 14 tháng 8 năm 2023 của Chính phủ;"]
        articles = [
            f"Công nhận {figures_and_words(len(d['members']))} thành viên Ban Thanh tra nhân dân "
            f"{plan.division.name}, {term}, mỗi khu phố một thành viên, gồm các ông (bà) có tên dưới đây."
        ]
        people = [{"name": m["full_name"], "role": m["neighborhood"]} for m in d["members"]]
    else:  # BOARD_OFFICERS
        subject = f"Về việc công nhận Trưởng ban, Phó Trưởng ban\nBan Thanh tra nhân dân {plan.division.name}"
        bases = [law, "Căn cứ khoản 3 Điều 13 Nghị định số 59/2023/NĐ-CP;"]
        articles = ["Công nhận các ông (bà) có tên dưới đây giữ chức danh trong Ban Thanh tra nhân dân."]
        people = [{"name": d["head"]["full_name"], "role": "Trưởng ban"}] + [
            {"name": m["full_name"], "role": "Phó Trưởng ban"} for m in d["deputies"]
        ]
    articles.append(
        "Văn phòng và các cá nhân, tổ chức có liên quan chịu trách nhiệm thi hành Quyết định này."
    )
    return subject, bases, articles, people


def decision_context(decision: Decision) -> dict:
    issuer = _issuer(decision)
    ward = decision.plan.division
    subject, bases, articles, people = _decision_body(decision)
    replaces = ""
    old = decision.supersedes
    if old is not None:
        replaces = (
            f"Quyết định này thay thế Quyết định số {_decision_number(old, _issuer(old))} ngày "
            f"{old.decided_on:%d/%m/%Y}. Lý do đính chính: {decision.reason}"
        )
    return {
        **{k: issuer[k] for k in ("issuer_parent", "issuer", "authority", "signer_title", "signer_name")},
        "number": _decision_number(decision, issuer),
        "place_date": f"{ward.name}, {long_date(decision.decided_on)}",
        "doc_type": "Quyết định",
        "subject": subject,
        "acting": issuer["acting"],
        "bases": bases,
        "articles": articles,
        "people": people,
        "replaces": replaces,
        "recipients": ["Như Điều 1", "Ủy ban MTTQ Việt Nam phường", "Lưu: VT"],
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
        lambda m: f"Biên bản kiểm phiếu (mẫu 02) – {m.election.neighborhood.name}",
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
        DECISION,
        "documents/elections/decision.html",
        decision_context,
        lambda d: (
            f"Quyết định {d.get_kind_display().lower()}"
            + (f" – {d.election.neighborhood.name}" if d.election_id else "")
        ),
        lambda d: d.election.neighborhood if d.election_id else d.plan.division,
    ),
]


def register_all() -> None:
    for kind in KINDS:
        register(kind)
