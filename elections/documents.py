"""The documents of the preparation, in the ND30 layout (rendered by reporting).

Each builder returns everything its template shows, already worded, so that the
fingerprint changes exactly when the paper would. Dates default to the legal
deadline of the step until the ward records the day it was done.
"""

from __future__ import annotations

import datetime

import segno
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy

from elections import rules
from elections.models import Election, ListStatus, Plan, TeamRole
from reporting.documents import DocumentKind, register
from reporting.vietnamese import long_date, number_to_words
from wardvote.text import person_sort_key

DECISION_TO_HOLD = "decision_to_hold"
TEAM_DECISION = "team_decision"
LIST_MINUTES = "candidate_list_minutes"
CANDIDATE_NOTICE = "candidate_notice"
MEETING_INVITATION = "meeting_invitation"


def _ward(plan: Plan):
    return plan.division


def people_committee(plan: Plan) -> dict:
    ward = _ward(plan)
    return {
        "issuer_parent": f"Ủy ban nhân dân {ward.parent.name}" if ward.parent else "",
        "issuer": f"Ủy ban nhân dân\n{ward.name}",
        "authority": ["TM. Ủy ban nhân dân"],
        "signer_title": "Chủ tịch",
        "signer_name": plan.signers or "",
    }


def _deadline(election: Election, key: str) -> datetime.date:
    start = election.meeting_date or election.plan.completion_deadline
    items = {d.key: d for d in rules.deadlines(start, settings=election.rules)}
    return items[key].due


def _day(election: Election, field: str, key: str) -> datetime.date:
    return getattr(election, field) or _deadline(election, key)


def _meeting(election: Election) -> str:
    when = f"{election.meeting_time:%H giờ %M}" if election.meeting_time else ""
    day = long_date(election.meeting_date) if election.meeting_date else "(chưa ấn định)"
    return f"{when} {day}, tại {election.meeting_place or '(chưa ấn định)'}".strip()


def contests_text(plan: Plan) -> str:
    posts = [
        name
        for name, wanted in (
            ("Trưởng khu phố", plan.elects_head),
            ("thành viên Ban Thanh tra nhân dân", plan.elects_inspection_board),
        )
        if wanted
    ]
    return " và ".join(posts)


def decision_to_hold_context(election: Election) -> dict:
    plan, ward = election.plan, election.plan.division
    day = _day(election, "plan_decided_on", "plan")
    return {
        **people_committee(plan),
        "place_date": f"{ward.name}, {long_date(day)}",
        "doc_type": "Quyết định",
        "subject": f"Về việc tổ chức bầu cử {contests_text(plan)}\n{election.neighborhood.name}, "
        f"nhiệm kỳ {plan.term_start_year} - {plan.term_end_year}",
        "ward_name": ward.name,
        "plan_number": plan.number,
        "plan_date": f"{plan.issued_on:%d/%m/%Y}",
        "neighborhood": election.neighborhood.name,
        "posts": contests_text(plan),
        "meeting": _meeting(election),
        "deadline": f"{plan.completion_deadline:%d/%m/%Y}",
        "recipients": [
            "Ủy ban MTTQ Việt Nam phường",
            f"Ban công tác Mặt trận {election.neighborhood.name}",
            "Như Điều 3",
            "Lưu: VT",
        ],
    }


def team_decision_context(election: Election) -> dict:
    plan, ward = election.plan, election.plan.division
    day = _day(election, "team_decided_on", "team_decision")
    members = sorted(
        election.team_members.all(),
        key=lambda m: (list(TeamRole.values).index(m.role), person_sort_key(m.full_name)),
    )
    return {
        **people_committee(plan),
        "place_date": f"{ward.name}, {long_date(day)}",
        "doc_type": "Quyết định",
        "subject": f"Về việc thành lập Tổ bầu cử {election.neighborhood.name}",
        "ward_name": ward.name,
        "neighborhood": election.neighborhood.name,
        "meeting": _meeting(election),
        "members": [
            {
                "name": m.full_name,
                "role": m.get_role_display(),
                "represents": m.get_represents_display() + (f", {m.organisation}" if m.organisation else ""),
            }
            for m in members
        ],
        "recipients": ["Ủy ban MTTQ Việt Nam phường", "Như Điều 3", "Lưu: VT"],
    }


def _candidates(contest) -> list[dict]:
    return [
        {
            "name": c.full_name,
            "birth_year": c.birth_date.year,
            "gender": c.get_gender_display(),
            "ethnicity": c.ethnicity,
            "education": c.education_level,
            "occupation": c.occupation,
            "party": "Đảng viên" if c.party_member else "",
            "nomination": c.get_nomination_source_display(),
            "biography": c.biography,
        }
        for c in sorted(contest.candidates.all(), key=lambda c: person_sort_key(c.full_name))
    ]


def _team_head(election: Election) -> str:
    head = election.team_members.filter(role=TeamRole.HEAD).first()
    return head.full_name if head else ""


def list_minutes_context(election: Election) -> dict:
    ward = election.plan.division
    day = _day(election, "candidate_list_minutes_on", "candidate_list_minutes")
    contests = [
        {
            "kind": c.get_kind_display(),
            "candidates": _candidates(c),
            "count": f"{c.candidates.count():02d} ({number_to_words(c.candidates.count())})",
        }
        for c in election.contests.order_by("kind")
    ]
    return {
        "issuer_parent": f"Ủy ban MTTQ Việt Nam {ward.name}",
        "issuer": f"Ban công tác Mặt trận\n{election.neighborhood.name}",
        "number": "",
        "place_date": f"{ward.name}, {long_date(day)}",
        "doc_type": "Biên bản",
        "subject": "Hội nghị Ban công tác Mặt trận thống nhất danh sách chính thức "
        "những người ứng cử (Mẫu số 05, Nghị định số 59/2023/NĐ-CP)",
        "neighborhood": election.neighborhood.name,
        "contests": contests,
        "authority": ["Trưởng ban công tác Mặt trận"],
        "signer_title": "",
        "signer_name": _team_head(election),
        "recipients": ["UBND phường", "Ủy ban MTTQ Việt Nam phường", "Lưu"],
    }


def candidate_notice_context(election: Election) -> dict:
    plan, ward = election.plan, election.plan.division
    day = _day(election, "posted_on", "posting")
    public_url = settings.PUBLIC_BASE_URL + reverse("elections:public_ward", args=[ward.pk])
    approved = election.contests.filter(list_status=ListStatus.APPROVED).order_by("kind")
    return {
        **people_committee(plan),
        "place_date": f"{ward.name}, {long_date(day)}",
        "doc_type": "Thông báo",
        "subject": f"Danh sách chính thức những người ứng cử\n{election.neighborhood.name}, "
        f"nhiệm kỳ {plan.term_start_year} - {plan.term_end_year}",
        "neighborhood": election.neighborhood.name,
        "meeting": _meeting(election),
        "contests": [{"kind": c.get_kind_display(), "candidates": _candidates(c)} for c in approved],
        "public_url": public_url,
        "qr_svg": segno.make(public_url, error="m").svg_data_uri(scale=3, border=1),
        "recipients": [f"Niêm yết tại nhà văn hóa {election.neighborhood.name}", "Lưu: VT"],
    }


def meeting_invitation_context(election: Election) -> dict:
    ward = election.plan.division
    day = _day(election, "meeting_notice_on", "meeting_notice")
    return {
        "issuer_parent": ward.name,
        "issuer": f"Tổ bầu cử\n{election.neighborhood.name}",
        "number": "",
        "place_date": f"{ward.name}, {long_date(day)}",
        "doc_type": "Giấy mời",
        "subject": "Họp cộng đồng dân cư (Mẫu số 01, Nghị định số 59/2023/NĐ-CP)",
        "neighborhood": election.neighborhood.name,
        "meeting": _meeting(election),
        "posts": contests_text(election.plan),
        "term": f"{election.plan.term_start_year} - {election.plan.term_end_year}",
        "authority": ["TM. Tổ bầu cử"],
        "signer_title": "Tổ trưởng",
        "signer_name": _team_head(election),
        "recipients": [],
    }


KINDS = [
    DocumentKind(
        DECISION_TO_HOLD,
        "documents/elections/decision_to_hold.html",
        decision_to_hold_context,
        lambda e: f"Quyết định tổ chức bầu cử – {e.neighborhood.name}",
        lambda e: e.neighborhood,
    ),
    DocumentKind(
        TEAM_DECISION,
        "documents/elections/team_decision.html",
        team_decision_context,
        lambda e: f"Quyết định thành lập Tổ bầu cử – {e.neighborhood.name}",
        lambda e: e.neighborhood,
    ),
    DocumentKind(
        LIST_MINUTES,
        "documents/elections/list_minutes.html",
        list_minutes_context,
        lambda e: f"Biên bản danh sách người ứng cử (mẫu 05) – {e.neighborhood.name}",
        lambda e: e.neighborhood,
    ),
    DocumentKind(
        CANDIDATE_NOTICE,
        "documents/elections/candidate_notice.html",
        candidate_notice_context,
        lambda e: f"Thông báo danh sách người ứng cử – {e.neighborhood.name}",
        lambda e: e.neighborhood,
    ),
    DocumentKind(
        MEETING_INVITATION,
        "documents/elections/meeting_invitation.html",
        meeting_invitation_context,
        lambda e: f"Giấy mời họp (mẫu 01) – {e.neighborhood.name}",
        lambda e: e.neighborhood,
    ),
]
LABELS = {
    DECISION_TO_HOLD: gettext_lazy("Quyết định tổ chức bầu cử"),
    TEAM_DECISION: gettext_lazy("Quyết định thành lập Tổ bầu cử"),
    LIST_MINUTES: gettext_lazy("Biên bản danh sách người ứng cử (mẫu 05)"),
    CANDIDATE_NOTICE: gettext_lazy("Thông báo danh sách người ứng cử"),
    MEETING_INVITATION: gettext_lazy("Giấy mời họp (mẫu 01)"),
}


def register_all() -> None:
    for kind in KINDS:
        register(kind)
