"""The ward Front's papers about the inspection board between elections (issue 14, item 2),
both ND30 letters (công văn) of its standing committee: the proposal to the khu phố that
elected a member to let them go (Luật Art. 36.2), and the guidance for the by-election of a
seat left vacant with 6 months or more of the term left (Luật Art. 36.2; NĐ 59 Art. 13.1).
The Front's decision that lets the member go is a ``Decision`` printed with the others
(``count_documents``, kind ``release_board_member``)."""

from __future__ import annotations

from elections.models import BoardRelease, BoardReleaseGround, ByElectionGuidance
from reporting.documents import DocumentKind, register
from reporting.vietnamese import honorific, keep_last_words_together, long_date, sentence

RELEASE_PROPOSAL = "board_release_proposal"
BY_ELECTION_GUIDANCE = "by_election_guidance"

LAW_36_2 = "khoản 2 Điều 36 Luật Thực hiện dân chủ ở cơ sở"


def _term(plan) -> str:
    return f"nhiệm kỳ {plan.term_start_year} - {plan.term_end_year}"


def _front_letter(ward, day) -> dict:
    return {
        "issuer_parent": f"Ủy ban MTTQ Việt Nam {ward.parent.name}" if ward.parent else "",
        "issuer": f"Ban Thường trực Ủy ban MTTQ Việt Nam\n{ward.name}",
        "authority": ["TM. Ban Thường trực"],
        "signer_title": "Chủ tịch",
        "signer_name": "",
        "place_date": f"{ward.name}, {long_date(day)}",
        "doc_type": "Công văn",
        "letter": True,
    }


def _when(election) -> str:
    """ "vào ngày 07/10/2024, tại Nhà văn hóa" for a scheduled meeting, else ""."""
    if election is None or not election.meeting_date:
        return ""
    place = f", tại {election.meeting_place}" if election.meeting_place else ""
    return f" vào ngày {election.meeting_date:%d/%m/%Y}{place}"


def _lower_first(text: object) -> str:
    text = str(text)
    return text[:1].lower() + text[1:]


def release_proposal_context(release: BoardRelease) -> dict:
    tenure = release.tenure
    kp, ward = release.neighborhood.name, release.ward
    who = f"{honorific(tenure.candidate.gender if tenure.candidate else None)} {tenure.full_name}"
    meeting = release.election
    term = _term(meeting.plan) if meeting is not None else ""
    return {
        **_front_letter(ward, release.proposed_on),
        "subject": keep_last_words_together(
            f"V/v đề nghị xem xét, cho thôi làm thành viên Ban Thanh tra nhân dân đối với {who}"
        ),
        "addressees": f"Ban công tác Mặt trận {kp}; Trưởng {kp}",
        "paragraphs": [
            f"{who[:1].upper()}{who[1:]}, được cộng đồng dân cư {kp} bầu làm thành viên Ban Thanh tra "
            f"nhân dân {ward.name}, {term}, từ ngày {tenure.started_on:%d/%m/%Y}. Căn cứ đề nghị: "
            f"{_lower_first(BoardReleaseGround(release.ground).label)}. Lý do: {sentence(release.reasons)}",
            f"Căn cứ {LAW_36_2} và khoản 1 Điều 13 Nghị định số 59/2023/NĐ-CP, Ban Thường trực Ủy ban "
            f"MTTQ Việt Nam {ward.name} đề nghị cộng đồng dân cư {kp} xem xét, cho thôi làm thành viên "
            f"Ban Thanh tra nhân dân đối với {who}.",
            f"Ban công tác Mặt trận {kp} phối hợp với Trưởng {kp} tổ chức cuộc họp cộng đồng dân "
            f"cư{_when(meeting)}, theo Điều 3 Nghị định số 59/2023/NĐ-CP; việc cho thôi được quyết định "
            "khi có trên 50\u00a0% tổng số hộ gia đình của khu phố đồng ý, và gửi biên bản cuộc họp về Ủy "
            "ban MTTQ Việt Nam phường để xem xét, quyết định.",
        ],
        "recipients": ["Như trên", "Ủy ban nhân dân phường", "Ban Thanh tra nhân dân phường", "Lưu: VT"],
    }


def by_election_guidance_context(guidance: ByElectionGuidance) -> dict:
    vacancy = guidance.vacancy
    election = guidance.election
    kp, ward = vacancy.neighborhood.name, vacancy.ward
    left = vacancy.left
    who_left = (
        f" là {honorific(left.candidate.gender if left.candidate else None)} {left.full_name}"
        if left is not None
        else ""
    )
    remaining = (
        f"; thời gian còn lại của nhiệm kỳ (đến ngày {left.term_ends_on:%d/%m/%Y}) từ 06 tháng trở lên."
        if left is not None
        else "."
    )
    return {
        **_front_letter(ward, guidance.guided_on),
        "subject": keep_last_words_together(
            f"V/v hướng dẫn bầu bổ sung thành viên Ban Thanh tra nhân dân tại {kp}"
        ),
        "addressees": f"Ban công tác Mặt trận {kp}; Trưởng {kp}",
        "paragraphs": [
            f"Thành viên Ban Thanh tra nhân dân {ward.name}, {_term(election.plan)}, được bầu tại "
            f"{kp}{who_left}, khuyết từ ngày {vacancy.vacant_from:%d/%m/%Y}{remaining}",
            f"Căn cứ {LAW_36_2} và khoản 1 Điều 13 Nghị định số 59/2023/NĐ-CP, Ban Thường trực Ủy ban "
            f"MTTQ Việt Nam {ward.name} hướng dẫn Ban công tác Mặt trận {kp} phối hợp với Trưởng {kp} "
            "tổ chức bầu bổ sung một thành viên Ban Thanh tra nhân dân tại cuộc họp cộng đồng dân "
            f"cư{_when(election)}, theo Điều 3 Nghị định số 59/2023/NĐ-CP, như sau:",
            sentence(guidance.text),
            "Người trúng cử phải được trên 50\u00a0% tổng số hộ gia đình của khu phố đồng ý; biên bản "
            "cuộc họp gửi về Ủy ban MTTQ Việt Nam phường để công nhận.",
        ],
        "recipients": ["Như trên", "Ủy ban nhân dân phường", "Ban Thanh tra nhân dân phường", "Lưu: VT"],
    }


KINDS = [
    DocumentKind(
        RELEASE_PROPOSAL,
        "documents/elections/decision.html",
        release_proposal_context,
        lambda r: f"Đề nghị cho thôi thành viên Ban Thanh tra nhân dân – {r.neighborhood.name}",
        lambda r: r.neighborhood,
    ),
    DocumentKind(
        BY_ELECTION_GUIDANCE,
        "documents/elections/decision.html",
        by_election_guidance_context,
        lambda g: f"Hướng dẫn bầu bổ sung thành viên Ban Thanh tra nhân dân – {g.vacancy.neighborhood.name}",
        lambda g: g.vacancy.neighborhood,
    ),
]


def register_all() -> None:
    for kind in KINDS:
        register(kind)
