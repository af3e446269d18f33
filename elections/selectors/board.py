"""Reads of the inspection board after its members are recognised: its meetings (where it
elects its head and deputies) and the ward Front's notice of its composition."""

from __future__ import annotations

from elections.models import BoardMeeting, BoardNotice, Plan


def board_meetings(plan: Plan) -> list[BoardMeeting]:
    return list(plan.board_meetings.order_by("number"))


def open_board_meeting(plan: Plan) -> BoardMeeting | None:
    """The meeting convened and not yet closed (at most one)."""
    return plan.board_meetings.filter(closed_at__isnull=True).order_by("-number").first()


def latest_board_notice(plan: Plan) -> BoardNotice | None:
    return plan.board_notices.order_by("-version", "-pk").first()


def present_members(meeting: BoardMeeting) -> list[dict]:
    present = set(meeting.present)
    return [m for m in meeting.members if m["candidate"] in present]


def composition(meeting: BoardMeeting) -> list[dict]:
    """Every member with the post the board elected them to, head first, then the deputies,
    then the other members (ủy viên) in the order of the khu phố."""
    officers = meeting.officers
    posts = {officers["head"]["candidate"]: "Trưởng ban"} if officers else {}
    for deputy in officers.get("deputies", []) if officers else []:
        posts[deputy["candidate"]] = "Phó Trưởng ban"
    order = {"Trưởng ban": 0, "Phó Trưởng ban": 1}
    rows = [{**m, "post": posts.get(m["candidate"], "Ủy viên")} for m in meeting.members]
    return sorted(rows, key=lambda row: order.get(row["post"], 2))
