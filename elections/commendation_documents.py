"""The ward chairman's decision commending those who did the campaign's work (Quyết định về
việc khen thưởng), with its annexed list (Danh sách kèm theo): an ND30 paper issued by the
ward chairman (``elections.issuers``), as Quận 12's plan KH 4639/KH-UBND-NV has the wards'
and the district's commendations announced at the campaign's closing conference."""

from __future__ import annotations

from elections import rules
from elections.documents import (
    LOCAL_GOVERNMENT_LAW,
    closing_articles,
    closing_bases,
    people_committee,
    ward_office,
)
from elections.models import Commendation, CommendeeKind, Plan
from reporting.documents import DocumentKind, register
from reporting.issuing import REPLACED_PAPER
from reporting.vietnamese import keep_last_words_together, long_date

COMMENDATION_DECISION = "commendation_decision"

COMMENDATION_LAW = f"Căn cứ {rules.COMMENDATION_BASIS};"
DECREE_98 = (
    "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết "
    "thi hành một số điều của Luật Thi đua, khen thưởng;"
)


def campaign_work(plan: Plan) -> str:
    """ "công tác tổ chức bầu cử Trưởng khu phố nhiệm kỳ 2024 – 2029" (and the board, when the
    plan elects it)."""
    posts = ["Trưởng khu phố"] if plan.elects_head else []
    if plan.elects_inspection_board:
        posts.append("thành viên Ban Thanh tra nhân dân")
    return (
        f"công tác tổ chức bầu cử {' và '.join(posts) or 'Trưởng khu phố'} "
        f"nhiệm kỳ {plan.term_start_year} – {plan.term_end_year}"
    )


def _two(n: int) -> str:
    return f"{n:02d}"


def commendation_context(commendation: Commendation) -> dict:
    plan = commendation.plan
    ward = commendation.ward
    commendees = list(commendation.commendees.all())
    collectives = [c for c in commendees if c.kind == CommendeeKind.COLLECTIVE]
    individuals = [c for c in commendees if c.kind == CommendeeKind.INDIVIDUAL]
    work = campaign_work(plan)
    award = f"Giấy khen của Chủ tịch Ủy ban nhân dân {ward.name}"
    whom = " và ".join(
        part
        for part in (
            f"{_two(len(collectives))} tập thể" if collectives else "",
            f"{_two(len(individuals))} cá nhân" if individuals else "",
        )
        if part
    )
    proposed = f"{commendation.proposed_on:%d/%m/%Y}" if commendation.proposed_on else "…"
    bases = closing_bases(
        [
            LOCAL_GOVERNMENT_LAW,
            COMMENDATION_LAW,
            DECREE_98,
            f"Căn cứ Kế hoạch số {plan.number} ngày {plan.issued_on:%d/%m/%Y};",
            f"Xét đề nghị của Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {ward.name} "
            f"tại Tờ trình ngày {proposed}.",
        ]
    )
    replaces = (
        f"Quyết định này thay thế {REPLACED_PAPER}. Lý do đính chính: {commendation.reason}"
        if commendation.supersedes_id
        else ""
    )
    articles = [
        f"Tặng {award} cho {whom} (có danh sách kèm theo) đã có thành tích trong {work}.",
        *closing_articles([ward_office(ward), "các tập thể, cá nhân có tên tại Điều 1"], replaces),
    ]
    return {
        **people_committee(plan),
        "place_date": f"{ward.name}, {long_date(commendation.decided_on or plan.issued_on)}",
        "doc_type": "Quyết định",
        "subject": keep_last_words_together(
            f"Về việc khen thưởng các tập thể, cá nhân đã có thành tích\ntrong {work}"
        ),
        "bases": bases,
        "articles": articles,
        "recipients": [f"Như Điều {len(articles)}", f"Ủy ban MTTQ Việt Nam {ward.name}", "Lưu: VT"],
        # The annexed list (Danh sách kèm theo): its date is the decision's, once signed.
        "annex_place": f"{ward.name}, ",
        "annex_title": (
            f"DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN {ward.name.upper()}"
        ),
        "annex_work": f"Đã có thành tích trong {work}",
        "annex_of": f"của Chủ tịch Ủy ban nhân dân {ward.name}",
        "collectives": [{"name": c.name, "achievement": c.achievement} for c in collectives],
        "individuals": [
            {"name": c.name, "position": c.position, "unit": c.unit, "achievement": c.achievement}
            for c in individuals
        ],
    }


KINDS = [
    DocumentKind(
        COMMENDATION_DECISION,
        "documents/elections/commendation_decision.html",
        commendation_context,
        lambda c: f"Quyết định khen thưởng – {c.ward.name}",
        lambda c: c.ward,
    ),
]


def register_all() -> None:
    for kind in KINDS:
        register(kind)
