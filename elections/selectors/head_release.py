"""Reads of a head's resignation or dismissal (NĐ 59 Art. 9): the requests of a khu phố, the
meeting that decides it (an ``Election`` of purpose ``head_dismissal``), whether that meeting
agreed, and which of the ward's three answers may be given now (Art. 9.3)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from elections.models import (
    ContestKind,
    ContestResult,
    Decision,
    DecisionKind,
    Election,
    ElectionPurpose,
    HeadReleaseRequest,
    ReleaseStatus,
    Stage,
    Tenure,
)
from elections.selectors.count import current_result
from neighborhoods.models import Division

# The ward's answers to the meeting (NĐ 59 Art. 9.3): recognise the release, answer in writing
# with its reasons, or, when the meeting did not agree, decide after agreeing with the ward Front.
RELEASE_DECISION_KINDS = (
    DecisionKind.RECOGNISE_RELEASE,
    DecisionKind.RELEASE_ANSWER,
    DecisionKind.RELEASE_DECIDED,
)
# A request still under way: one per head at a time.
OPEN_STATUSES = (ReleaseStatus.RECEIVED, ReleaseStatus.CONVENED)


def is_release_meeting(election: Election) -> bool:
    return election.purpose == ElectionPurpose.HEAD_DISMISSAL


def requests_of(neighborhood: Division) -> QuerySet[HeadReleaseRequest]:
    """Every request to let a head of the khu phố go, the latest first."""
    return (
        HeadReleaseRequest.objects.filter(neighborhood=neighborhood)
        .select_related("tenure", "election")
        .order_by("-received_on", "-pk")
    )


def open_request(tenure: Tenure) -> HeadReleaseRequest | None:
    """The request under way for this head (received, or its meeting convened), if any."""
    return tenure.release_requests.filter(status__in=OPEN_STATUSES).first()


def request_of(election: Election) -> HeadReleaseRequest | None:
    """The request a dismissal meeting was convened for."""
    return election.release_requests.select_related("tenure").first()


def release_result(election: Election) -> ContestResult | None:
    """The standing count of the dismissal meeting: the head's "approvals" are the households
    that agree to let the head go."""
    contest = election.contests.filter(kind=ContestKind.HEAD).first()
    return current_result(contest) if contest is not None else None


def meeting_agreed(election: Election) -> bool | None:
    """Whether the meeting agreed to let the head go: more than half of ALL the khu phố's
    households (``rules.election_outcome``, as for electing); None before the count."""
    result = release_result(election)
    if result is None or election.stage not in (Stage.COUNTED, Stage.RECOGNISED):
        return None
    return result.elected_id is not None


def release_decision(election: Election) -> Decision | None:
    """The ward's answer to the meeting, once given."""
    return Decision.objects.filter(election=election, kind__in=RELEASE_DECISION_KINDS).order_by("-pk").first()


def release_decision_problems(election: Election, kind: str) -> list[str]:
    """Why the ward cannot give this answer now (NĐ 59 Art. 9.3): only after the count, once;
    the recognition and the written answer answer a meeting that agreed; the ward's own
    decision after the ward Front's agreement follows a meeting that did not."""
    if not is_release_meeting(election):
        return [_("Chỉ áp dụng cho cuộc họp cho thôi làm Trưởng khu phố.")]
    if release_decision(election) is not None:
        return [_("Phường đã có văn bản về việc cho thôi làm Trưởng khu phố này.")]
    agreed = meeting_agreed(election)
    if agreed is None:
        return [_("Cuộc họp cho thôi làm Trưởng khu phố chưa kiểm phiếu xong.")]
    if kind == DecisionKind.RELEASE_DECIDED and agreed:
        return [
            _(
                "Cuộc họp đã đồng ý cho thôi (hơn một nửa tổng số hộ): phường công nhận kết quả "
                "hoặc trả lời bằng văn bản (NĐ 59/2023/NĐ-CP, Điều 9.3)."
            )
        ]
    if kind != DecisionKind.RELEASE_DECIDED and not agreed:
        return [
            _(
                "Cuộc họp không thống nhất được việc cho thôi (chưa quá một nửa tổng số hộ đồng ý): "
                "phường quyết định sau khi thống nhất với Ủy ban MTTQ phường (NĐ 59/2023/NĐ-CP, Điều 9.3)."
            )
        ]
    return []
