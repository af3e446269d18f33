"""The inspection board's own papers after its members are recognised: the minutes of its
meeting (biên bản họp Ban Thanh tra nhân dân) and the ward Front's notice of the result
and of the board's composition (Luật Art. 40.2.b; NĐ 59 Art. 13.3), both ND30 papers."""

from __future__ import annotations

from elections import rules
from elections.documents import DECREE_59_TITLE, FRONT_LAW
from elections.models import BoardMeeting, BoardNotice
from elections.selectors.board import present_members
from reporting.documents import DocumentKind, register
from reporting.vietnamese import figures_and_words, keep_last_words_together, long_date, sentence

BOARD_MINUTES = "board_minutes"
BOARD_NOTICE = "board_notice"


def _term(plan) -> str:
    return f"{plan.term_start_year} - {plan.term_end_year}"


def _front(ward) -> dict:
    return {
        "issuer_parent": f"Ủy ban MTTQ Việt Nam {ward.parent.name}" if ward.parent else "",
        "issuer": f"Ban Thường trực Ủy ban MTTQ Việt Nam\n{ward.name}",
    }


def _vote_line(officer: dict, members: int) -> dict:
    return {
        "name": officer["full_name"],
        "neighborhood": officer["neighborhood"],
        "votes": figures_and_words(officer["votes"]),
        "share": rules.format_percent(rules.percent(officer["votes"], members)),
    }


def board_minutes_context(meeting: BoardMeeting) -> dict:
    plan = meeting.plan
    ward = plan.division
    total = len(meeting.members)
    present = present_members(meeting)
    present_ids = set(meeting.present)
    officers = meeting.officers
    return {
        "issuer_parent": f"Ủy ban MTTQ Việt Nam {ward.name}",
        "issuer": f"Ban Thanh tra nhân dân\n{ward.name}",
        "number": "",
        "place_date": f"{ward.name}, {long_date(meeting.held_on)}",
        "doc_type": "Biên bản",
        "subject": keep_last_words_together(
            f"Họp Ban Thanh tra nhân dân {ward.name}, nhiệm kỳ {_term(plan)}\nbầu Trưởng ban, Phó Trưởng ban"
        ),
        "ward": ward.name,
        "meeting_number": meeting.number,
        "time": f"{meeting.time:%H giờ %M}" if meeting.time else "",
        "place": meeting.place,
        "chair": meeting.chair,
        "secretary": meeting.secretary,
        "convened_on": f"{meeting.convened_on:%d/%m/%Y}",
        "deputies": figures_and_words(meeting.deputies),
        "members_total": figures_and_words(total),
        "present_count": figures_and_words(len(present)),
        "absent_count": figures_and_words(total - len(present)),
        "roll": [
            {
                "name": m["full_name"],
                "neighborhood": m["neighborhood"],
                "present": m["candidate"] in present_ids,
            }
            for m in meeting.members
        ],
        "quorum": rules.board_meeting_quorum(len(present), total),
        "needed": figures_and_words(rules.votes_needed(total)),
        "head": _vote_line(officers["head"], total) if officers else None,
        "elected_deputies": [_vote_line(d, total) for d in officers.get("deputies", [])] if officers else [],
        # h3: a later meeting that elects only the office an officer left (NĐ 59 Art. 13.3).
        **_replacement(meeting, total),
        "signers": [
            {"title": "Chủ trì (đại diện Ủy ban MTTQ Việt Nam phường)", "name": meeting.chair},
            {"title": "Thư ký", "name": meeting.secretary},
        ],
        "recipients": [
            "Ban Thường trực Ủy ban MTTQ Việt Nam phường",
            "Thành viên Ban Thanh tra nhân dân",
            "Lưu",
        ],
    }


def _replacement(meeting: BoardMeeting, total: int) -> dict:
    if not meeting.elects_office:
        return {"replacing": ""}
    label = "Trưởng ban" if meeting.elects_office == "head" else "Phó Trưởng ban"
    elected = meeting.officers.get("elected")
    return {
        "replacing": label,
        "subject": keep_last_words_together(
            f"Họp Ban Thanh tra nhân dân {meeting.plan.division.name}, nhiệm kỳ {_term(meeting.plan)}\n"
            f"bầu {label} thay thế"
        ),
        "replaced": {**_vote_line(elected, total), "office": label} if elected else None,
    }


def board_notice_context(notice: BoardNotice) -> dict:
    plan = notice.plan
    ward = plan.division
    d = notice.details
    return {
        **_front(ward),
        "place_date": f"{ward.name}, {long_date(notice.issued_on)}",
        "doc_type": "Thông báo",
        "subject": keep_last_words_together(
            f"Kết quả bầu Trưởng ban, Phó Trưởng ban và thành phần\n"
            f"Ban Thanh tra nhân dân {ward.name}, nhiệm kỳ {_term(plan)}"
        ),
        "ward": ward.name,
        "bases": [
            FRONT_LAW,
            "Căn cứ điểm b khoản 2 Điều 40 Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022;",
            f"Căn cứ Điều 13 {DECREE_59_TITLE};",
            f"Căn cứ biên bản họp Ban Thanh tra nhân dân {ward.name} ngày {d['held_on']},",
        ],
        "head": d["head"]["full_name"],
        "deputies": [m["full_name"] for m in d["deputies"]],
        "members_total": figures_and_words(len(d["members"])),
        # h3: the notice issued again once the composition changed (Luật Art. 36.2, 40.2.b).
        "change": f"Lý do thông báo lại: {sentence(d['reason'])}" if d.get("reason") else "",
        "members": [
            {"name": m["full_name"], "post": m["post"], "neighborhood": m["neighborhood"]}
            for m in d["members"]
        ],
        "authority": ["TM. Ban Thường trực"],
        "signer_title": "Chủ tịch",
        "signer_name": "",
        "recipients": [
            f"Hội đồng nhân dân {ward.name}",
            f"Ủy ban nhân dân {ward.name}",
            "Ban Thanh tra nhân dân phường",
            "Ban công tác Mặt trận các khu phố (để thông báo đến Nhân dân)",
            "Lưu: VT",
        ],
    }


KINDS = [
    DocumentKind(
        BOARD_MINUTES,
        "documents/elections/board_minutes.html",
        board_minutes_context,
        lambda m: f"Biên bản họp Ban Thanh tra nhân dân lần {m.number} – {m.plan.division.name}",
        lambda m: m.plan.division,
    ),
    DocumentKind(
        BOARD_NOTICE,
        "documents/elections/board_notice.html",
        board_notice_context,
        lambda n: f"Thông báo thành phần Ban Thanh tra nhân dân – {n.plan.division.name}",
        lambda n: n.plan.division,
    ),
]


def register_all() -> None:
    for kind in KINDS:
        register(kind)
