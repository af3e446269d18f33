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
from django.utils import timezone
from django.utils.translation import gettext_lazy

from elections import rules
from elections.models import Cluster, Election, ListConference, ListStatus, Plan, TeamRole
from elections.purposes import release_words
from elections.selectors.candidates import list_conference_of
from elections.selectors.invitations import households_to_invite
from elections.selectors.public import khu_pho_anchor, my_meeting_url
from reporting.documents import DocumentKind, register
from reporting.vietnamese import (
    BLANK,
    figures_and_words,
    keep_last_words_together,
    long_date,
    number_to_words,
    or_blank,
    percent_text,
    sentence,
)
from wardvote import access
from wardvote.text import person_sort_key

DECISION_TO_HOLD = "decision_to_hold"
TEAM_DECISION = "team_decision"
LIST_MINUTES = "candidate_list_minutes"
CANDIDATE_NOTICE = "candidate_notice"
MEETING_INVITATION = "meeting_invitation"
# Form 01 printed once per household (issue 18): for the whole khu phố, or for one cluster.
MEETING_INVITATIONS = "meeting_invitations"
CLUSTER_INVITATIONS = "cluster_invitations"


# The legal bases of the papers, each text by its full title as ND30 decisions cite it.
LOCAL_GOVERNMENT_LAW = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"
FRONT_LAW = "Căn cứ Luật Mặt trận Tổ quốc Việt Nam ngày 09 tháng 6 năm 2015;"
DEMOCRACY_LAW = "Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022;"
DECREE_59_TITLE = (
    "Nghị định số 59/2023/NĐ-CP ngày 14 tháng 8 năm 2023 của Chính phủ quy định chi tiết một số "
    "điều của Luật Thực hiện dân chủ ở cơ sở"
)
DECREE_59 = f"Căn cứ {DECREE_59_TITLE};"
ENTRY_INTO_FORCE = "Quyết định này có hiệu lực kể từ ngày ký."


def closing_bases(bases: list[str]) -> list[str]:
    """ND30: the bases end with a comma before "QUYẾT ĐỊNH:" (the others with a semicolon)."""
    return [*bases[:-1], bases[-1].rstrip(";,.") + ","] if bases else bases


def ward_office(ward) -> str:
    """Who keeps a ward decision's execution: the office of the ward's council and committee."""
    return f"Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {ward.name}"


def executing_article(executors: list[str]) -> str:
    """The last article of a decision: who carries it out."""
    return f"{', '.join(executors)} và các cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này."


def closing_articles(executors: list[str], replaces: str = "") -> list[str]:
    """The entry-into-force article (naming the decision it replaces, if any) and the
    executing article, which end every decision."""
    in_force = f"{ENTRY_INTO_FORCE} {sentence(replaces)}" if replaces else ENTRY_INTO_FORCE
    return [in_force, executing_article(executors)]


def as_executed_by(articles: list[str]) -> str:
    """ "Nơi nhận" entry for the executors: the executing article is the last one."""
    return f"Như Điều {len(articles)}"


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


def _plan_basis(plan: Plan) -> str:
    return (
        f"Căn cứ Kế hoạch số {plan.number} ngày {plan.issued_on:%d/%m/%Y} về tổ chức bầu cử "
        f"{contests_text(plan)};"
    )


def decision_to_hold_context(election: Election) -> dict:
    plan, ward = election.plan, election.plan.division
    day = _day(election, "plan_decided_on", "plan")
    kp = election.neighborhood.name
    articles = [
        f"Tổ chức bầu cử {contests_text(plan)} tại {kp}, nhiệm kỳ {plan.term_start_year} - "
        f"{plan.term_end_year}. Cuộc họp cộng đồng dân cư để bầu cử được tổ chức vào {_meeting(election)}.",
        "Việc bầu cử thực hiện theo Điều 3, Điều 6 và Điều 7 Nghị định số 59/2023/NĐ-CP, hoàn thành "
        f"trước ngày {plan.completion_deadline:%d/%m/%Y}.",
        *closing_articles([ward_office(ward), f"Trưởng ban công tác Mặt trận {kp}"]),
    ]
    return {
        **people_committee(plan),
        "place_date": f"{ward.name}, {long_date(day)}",
        "doc_type": "Quyết định",
        "subject": keep_last_words_together(
            f"Về việc tổ chức bầu cử {contests_text(plan)}\n{kp}, "
            f"nhiệm kỳ {plan.term_start_year} - {plan.term_end_year}"
        ),
        "acting": f"Chủ tịch Ủy ban nhân dân {ward.name}",
        "ward_name": ward.name,
        "plan_number": plan.number,
        "plan_date": f"{plan.issued_on:%d/%m/%Y}",
        "neighborhood": kp,
        "posts": contests_text(plan),
        "meeting": _meeting(election),
        "deadline": f"{plan.completion_deadline:%d/%m/%Y}",
        "bases": closing_bases([LOCAL_GOVERNMENT_LAW, DEMOCRACY_LAW, DECREE_59, _plan_basis(plan)]),
        "articles": articles,
        "recipients": [
            as_executed_by(articles),
            "Ủy ban MTTQ Việt Nam phường",
            f"Ban công tác Mặt trận {kp}",
            "Lưu: VT",
        ],
    }


def team_decision_context(election: Election) -> dict:
    plan, ward = election.plan, election.plan.division
    day = _day(election, "team_decided_on", "team_decision")
    kp = election.neighborhood.name
    members = sorted(
        election.team_members.all(),
        key=lambda m: (list(TeamRole.values).index(m.role), person_sort_key(m.full_name)),
    )
    articles = [
        f"Thành lập Tổ bầu cử {kp} để tổ chức bầu cử tại cuộc họp cộng đồng dân cư vào "
        f"{_meeting(election)}, gồm các ông, bà có tên sau:",
        "Tổ bầu cử chủ trì, điều hành việc bầu cử, kiểm phiếu và lập biên bản theo Điều 3 Nghị định số "
        "59/2023/NĐ-CP; tự giải thể sau khi hoàn thành nhiệm vụ.",
        *closing_articles([ward_office(ward), f"Tổ bầu cử {kp}", "các ông, bà có tên tại Điều 1"]),
    ]
    return {
        **people_committee(plan),
        "place_date": f"{ward.name}, {long_date(day)}",
        "doc_type": "Quyết định",
        "subject": keep_last_words_together(f"Về việc thành lập Tổ bầu cử {kp}"),
        "acting": f"Chủ tịch Ủy ban nhân dân {ward.name}",
        "ward_name": ward.name,
        "neighborhood": kp,
        "meeting": _meeting(election),
        "bases": [
            LOCAL_GOVERNMENT_LAW,
            DEMOCRACY_LAW,
            DECREE_59,
            _plan_basis(plan),
            # NĐ 59 Art. 6.1.b: the team is formed after agreeing it with the ward Front.
            f"Sau khi thống nhất với Ủy ban Mặt trận Tổ quốc Việt Nam {ward.name} (điểm b khoản 1 "
            "Điều 6 Nghị định số 59/2023/NĐ-CP),",
        ],
        "articles": articles,
        "members": [
            {
                "name": m.full_name,
                "role": m.get_role_display(),
                "represents": m.get_represents_display() + (f", {m.organisation}" if m.organisation else ""),
            }
            for m in members
        ],
        "recipients": [as_executed_by(articles), "Ủy ban MTTQ Việt Nam phường", "Lưu: VT"],
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


def _conference_time(conference: ListConference | None) -> str:
    if conference is None:
        return f"hồi {BLANK} giờ {BLANK} phút, ngày {BLANK} tháng {BLANK} năm {BLANK}"
    at = timezone.localtime(conference.held_at)
    return f"hồi {at:%H} giờ {at:%M} phút, {long_date(at.date())}"


def _conference(conference: ListConference | None) -> dict:
    """What form 05 says of the conference, or dotted blanks where nothing is recorded."""
    if conference is None:
        return {
            "recorded": False,
            "time": _conference_time(None),
            "place": BLANK,
            "chair": BLANK,
            "secretary": BLANK,
            "present": f"{BLANK} trên tổng số {BLANK} thành viên",
            "party_cell_opinion": BLANK,
            "votes": f"{BLANK} thành viên tán thành trên tổng số {BLANK} thành viên có mặt",
        }
    share = percent_text(rules.percent(conference.votes_for, conference.members_present))
    return {
        "recorded": True,
        "time": _conference_time(conference),
        "place": or_blank(conference.place),
        "chair": or_blank(conference.chair),
        "secretary": or_blank(conference.secretary),
        "present": f"{figures_and_words(conference.members_present)} trên tổng số "
        f"{figures_and_words(conference.members_total)} thành viên",
        "party_cell_opinion": sentence(conference.party_cell_opinion)
        if conference.party_cell_opinion
        else BLANK,
        "votes": f"{figures_and_words(conference.votes_for)} thành viên tán thành trên tổng số "
        f"{figures_and_words(conference.members_present)} thành viên có mặt ({share})",
    }


def list_minutes_context(election: Election) -> dict:
    """Form 05 (NĐ 59/2023 Art. 6.2): the minutes of the khu phố Front committee's conference
    that agreed the official candidate list after the Party cell's opinion."""
    ward = election.plan.division
    plan = election.plan
    day = _day(election, "candidate_list_minutes_on", "candidate_list_minutes")
    conference = list_conference_of(election)
    facts = _conference(conference)
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
        "subject": keep_last_words_together(
            f"Hội nghị Ban công tác Mặt trận thống nhất danh sách chính thức\nnhững người ứng cử "
            f"{contests_text(plan)}, nhiệm kỳ {plan.term_start_year} - {plan.term_end_year}"
        ),
        "form": "Mẫu số 05 kèm theo Nghị định số 59/2023/NĐ-CP",
        "neighborhood": election.neighborhood.name,
        "posts": contests_text(plan),
        "conference": facts,
        "contests": contests,
        "authority": ["Trưởng ban công tác Mặt trận"],
        "signer_title": "",
        "signer_name": _team_head(election),
        # The chair and the secretary sign as recorded; the Front committee head's name is
        # filled in by the issue step (slot "front_committee_head").
        "signers": [
            {"title": "Thư ký", "name": facts["secretary"] if conference else ""},
            {"title": "Chủ trì", "name": facts["chair"] if conference else ""},
            {"title": "Trưởng ban công tác Mặt trận", "name": "", "slot": "front_committee_head"},
        ],
        "recipients": ["UBND phường", "Ủy ban MTTQ Việt Nam phường", "Lưu"],
    }


def candidate_notice_context(election: Election) -> dict:
    plan, ward = election.plan, election.plan.division
    day = _day(election, "posted_on", "posting")
    # The QR code takes the reader to their own khu phố on the ward's public page.
    public_url = (
        settings.PUBLIC_BASE_URL
        + reverse("elections:public_ward", args=[ward.pk])
        + "#"
        + khu_pho_anchor(election.neighborhood_id)
    )
    approved = election.contests.filter(list_status=ListStatus.APPROVED).order_by("kind")
    return {
        **people_committee(plan),
        "place_date": f"{ward.name}, {long_date(day)}",
        "doc_type": "Thông báo",
        "subject": keep_last_words_together(
            f"Danh sách chính thức những người ứng cử\n{election.neighborhood.name}, "
            f"nhiệm kỳ {plan.term_start_year} - {plan.term_end_year}"
        ),
        "neighborhood": election.neighborhood.name,
        "meeting": _meeting(election),
        "contests": [{"kind": c.get_kind_display(), "candidates": _candidates(c)} for c in approved],
        "public_url": public_url,
        "qr_svg": segno.make(public_url, error="m").svg_data_uri(scale=3, border=1),
        "recipients": [f"Niêm yết tại nhà văn hóa {election.neighborhood.name}", "Lưu: VT"],
    }


def _my_meeting_qr(election: Election) -> dict:
    """The QR code of form 01: the household's khu phố's meeting on the ward's public pages."""
    url = my_meeting_url(election.neighborhood)
    return {"my_meeting_url": url, "qr_svg": segno.make(url, error="m").svg_data_uri(scale=3, border=1)}


def meeting_invitation_context(election: Election) -> dict:
    ward = election.plan.division
    day = _day(election, "meeting_notice_on", "meeting_notice")
    release = release_words(election)
    if release is not None:
        # The meeting that decides whether to let the head go is convened by its chair (NĐ 59
        # Art. 3.1.c), who signs the invitation.
        return {
            "issuer_parent": ward.name,
            "issuer": release["issuer"],
            "number": "",
            "place_date": f"{ward.name}, {long_date(day)}",
            "doc_type": "Giấy mời",
            "subject": keep_last_words_together("Họp cộng đồng dân cư"),
            "form": "Mẫu số 01 kèm theo Nghị định số 59/2023/NĐ-CP",
            "neighborhood": election.neighborhood.name,
            "meeting": _meeting(election),
            "release": release,
            "authority": release["invitation_authority"],
            "signer_title": release["invitation_signer_title"],
            "signer_name": release["chair"],
            "recipients": [],
            **_my_meeting_qr(election),
        }
    return {
        "issuer_parent": ward.name,
        "issuer": f"Tổ bầu cử\n{election.neighborhood.name}",
        "number": "",
        "place_date": f"{ward.name}, {long_date(day)}",
        "doc_type": "Giấy mời",
        "subject": keep_last_words_together("Họp cộng đồng dân cư"),
        "form": "Mẫu số 01 kèm theo Nghị định số 59/2023/NĐ-CP",
        "neighborhood": election.neighborhood.name,
        "meeting": _meeting(election),
        "posts": contests_text(election.plan),
        "term": f"{election.plan.term_start_year} - {election.plan.term_end_year}",
        "authority": ["TM. Tổ bầu cử"],
        "signer_title": "Tổ trưởng",
        "signer_name": _team_head(election),
        "recipients": [],
        **_my_meeting_qr(election),
    }


# --- an invitation for every door (issue 18) ---
# Form 01 once per household, addressed to its head at its address, in the order the team walks
# (``selectors.invitations.walking_key``). A form to print and hand in, not a paper to issue: the
# team's head signs each sheet by hand.


def _doors(households) -> list[dict]:
    return [{"code": h.code, "head_name": h.head_name, "address": h.address} for h in households]


def _door_words(election: Election) -> dict:
    """Form 01's words, dated as the issued invitation is placed (the khu phố) on the day the
    notice is recorded, else the last day it may reach the households (NĐ 59 Art. 3.3)."""
    day = _day(election, "meeting_notice_on", "meeting_notice")
    return {
        **meeting_invitation_context(election),
        "place_date": f"{election.neighborhood.name}, {long_date(day)}",
    }


def meeting_invitations_context(election: Election) -> dict:
    return {**_door_words(election), "households": _doors(households_to_invite(election))}


def _cluster_meeting(cluster: Cluster, election: Election) -> str:
    """A cluster's sitting: its own day, time and place as the plan sets them, else the khu phố's."""
    if cluster.meeting_date is None:
        return _meeting(election)
    when = f"{cluster.meeting_time:%H giờ %M}" if cluster.meeting_time else ""
    place = cluster.meeting_place or "(chưa ấn định)"
    return f"{when} {long_date(cluster.meeting_date)}, tại {place}".strip()


def cluster_invitations_context(cluster: Cluster) -> dict:
    election = cluster.plan.election
    return {
        **_door_words(election),
        "meeting": _cluster_meeting(cluster, election),
        "households": _doors(households_to_invite(election, cluster)),
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
    # Names and addresses: read only with READ_PERSONAL_DATA (``DocumentKind.capability``).
    DocumentKind(
        MEETING_INVITATIONS,
        "documents/elections/meeting_invitations.html",
        meeting_invitations_context,
        lambda e: f"Giấy mời họp (mẫu 01) cho từng hộ – {e.neighborhood.name}",
        lambda e: e.neighborhood,
        capability=access.READ_PERSONAL_DATA,
    ),
    DocumentKind(
        CLUSTER_INVITATIONS,
        "documents/elections/meeting_invitations.html",
        cluster_invitations_context,
        lambda c: f"Giấy mời họp (mẫu 01) cho từng hộ – {c.plan.election.neighborhood.name}, {c.name}",
        lambda c: c.plan.election.neighborhood,
        capability=access.READ_PERSONAL_DATA,
    ),
]
LABELS = {
    DECISION_TO_HOLD: gettext_lazy("Quyết định tổ chức bầu cử"),
    TEAM_DECISION: gettext_lazy("Quyết định thành lập Tổ bầu cử"),
    LIST_MINUTES: gettext_lazy("Biên bản danh sách người ứng cử (mẫu 05)"),
    CANDIDATE_NOTICE: gettext_lazy("Thông báo danh sách người ứng cử"),
    MEETING_INVITATION: gettext_lazy("Giấy mời họp (mẫu 01)"),
}


def labels_for(election: Election) -> dict:
    """The preparation papers the election page offers: a meeting that decides whether to let
    the head go is not an election (no decision to hold one, no team, no candidate list to
    post): its one paper before the meeting is the invitation (form 01)."""
    if release_words(election) is not None:
        return {MEETING_INVITATION: LABELS[MEETING_INVITATION]}
    return LABELS


def register_all() -> None:
    for kind in KINDS:
        register(kind)
