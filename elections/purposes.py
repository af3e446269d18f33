"""What a community meeting's papers say when it is not held to elect (issue 14).

The meeting, its check-in, procedure, double-entry count and papers are the election's; only
some words differ with ``Election.purpose``. The invitation (form 01), the counting minutes
(form 02) and the community's decision (form 03) of a meeting that decides whether to let the
head go (NĐ 59/2023, Art. 3.1.c, 9) take theirs from ``release_words``; for an election it
returns None and the papers print what they always printed. Other purposes may add a builder
of the same shape beside it.
"""

from __future__ import annotations

from elections import rules
from elections.models import Election, ElectionPurpose, HeadReleaseRequest, ReleaseWayIn
from elections.selectors.head_release import request_of
from reporting.vietnamese import honorific

# How each way in reads in a sentence (NĐ 59/2023, Art. 9.1).
DECREE_9_1 = "khoản 1 Điều 9 Nghị định số 59/2023/NĐ-CP"
WAY_IN_TEXT = {
    ReleaseWayIn.OWN_REQUEST: "đơn xin thôi làm Trưởng khu phố của {head} (điểm a " + DECREE_9_1 + ")",
    ReleaseWayIn.FRONT_PROPOSAL: (
        "đề nghị của Trưởng ban công tác Mặt trận khu phố, ông (bà) {by} (điểm b " + DECREE_9_1 + ")"
    ),
    ReleaseWayIn.PETITION: (
        "kiến nghị của {petitioners}/{total} hộ gia đình của khu phố (điểm b " + DECREE_9_1 + ")"
    ),
}


def head_named(request: HeadReleaseRequest) -> str:
    """ "ông Nguyễn Văn A": the head as the papers name them."""
    candidate = request.tenure.candidate
    return f"{honorific(candidate.gender if candidate else None)} {request.tenure.full_name}"


def way_in_text(request: HeadReleaseRequest) -> str:
    return WAY_IN_TEXT[ReleaseWayIn(request.way_in)].format(
        head=head_named(request),
        by=request.proposed_by,
        petitioners=request.petitioners,
        total=request.household_total,
    )


def chair_basis(request: HeadReleaseRequest) -> str:
    """Who convened and chaired, and by which article (NĐ 59/2023, Art. 3.1.c)."""
    if request.chair == rules.CHAIR_WARD_CHAIRMAN:
        agreed = (
            ", sau khi thống nhất với Chủ tịch Ủy ban MTTQ Việt Nam phường "
            f"(ông (bà) {request.front_agreed_by}, ngày {request.front_agreed_on:%d/%m/%Y})"
            if request.front_agreed_on
            else ""
        )
        return (
            "Chủ tịch Ủy ban nhân dân phường triệu tập và chủ trì do Trưởng khu phố đồng thời là "
            f"Trưởng ban công tác Mặt trận{agreed}, điểm c khoản 1 Điều 3 Nghị định số 59/2023/NĐ-CP"
        )
    return (
        "Trưởng ban công tác Mặt trận khu phố triệu tập và chủ trì, điểm c khoản 1 Điều 3 Nghị định số "
        "59/2023/NĐ-CP"
    )


def release_words(election: Election) -> dict | None:
    """The words of a dismissal meeting's papers, or None for a meeting held to elect."""
    if election.purpose != ElectionPurpose.HEAD_DISMISSAL:
        return None
    request = request_of(election)
    if request is None:
        return None
    head = head_named(request)
    kp = election.neighborhood.name
    ward = election.plan.division.name
    by_chairman = request.chair == rules.CHAIR_WARD_CHAIRMAN
    return {
        "head": head,
        "chair": request.chair_name,
        "chair_basis": chair_basis(request),
        "way_in": way_in_text(request),
        # "… biểu quyết việc cho thôi làm Trưởng khu phố đối với ông Nguyễn Văn A"
        "matter": f"biểu quyết việc cho thôi làm Trưởng khu phố đối với {head}",
        "issuer": f"Ủy ban nhân dân\n{ward}" if by_chairman else f"Ban công tác Mặt trận\n{kp}",
        "invitation_authority": ["TM. Ủy ban nhân dân"] if by_chairman else ["TM. Ban công tác Mặt trận"],
        "invitation_signer_title": "Chủ tịch" if by_chairman else "Trưởng ban",
        "invitation_from": (
            f"Chủ tịch Ủy ban nhân dân {ward}" if by_chairman else f"Ban công tác Mặt trận {kp}"
        ),
    }


def release_outcome(agreed: bool, head: str) -> str:
    """The community's decision as form 03 states it."""
    if agreed:
        return f"cộng đồng dân cư đồng ý cho {head} thôi làm Trưởng khu phố"
    return (
        "chưa quá một nửa tổng số hộ gia đình của khu phố đồng ý: cuộc họp không thống nhất được việc cho "
        f"{head} thôi làm Trưởng khu phố"
    )
