"""Who issues each of the elections' papers, and the event each one records.

Attached to the document kinds once they are registered (``attach_all`` from
``AppConfig.ready``); ``reporting.services.document_issue`` reads them when a paper is
signed. The authorities follow ND30 Appendix I and ND59 Art. 6.1, 8, 9.3:

- the ward chairman decides to hold the election and forms the election team (ND59 Art.
  6.1.a, 6.1.b);
- the ward People's Committee recognises, orders a re-run, appoints an interim head and
  answers in writing (ND59 Art. 8, 9.3; Law Art. 21.2, 22.2), and posts the candidate list;
- the ward Front's standing committee recognises the board's members and officers (Law
  Art. 40.2.b; ND59 Art. 13);
- the khu phố Front committee's head signs the candidate-list minutes (form 05) with its chair
  and secretary;
- minutes and the khu phố's own papers are signed by the people the record names.
"""

from __future__ import annotations

import dataclasses
import datetime

from django.utils import timezone

from elections.board_documents import BOARD_MINUTES, BOARD_NOTICE
from elections.board_term_documents import BY_ELECTION_GUIDANCE, RELEASE_PROPOSAL
from elections.budget_documents import BUDGET_REPORT
from elections.commendation_documents import COMMENDATION_DECISION
from elections.count_documents import (
    COMMUNITY_DECISION,
    COUNTING_MINUTES,
    DECISION,
    FRONT_KINDS,
    HOUSEHOLD_BALLOT_DECISION,
    HOUSEHOLD_BALLOT_MINUTES,
    LETTER_KINDS,
)
from elections.documents import (
    CANDIDATE_NOTICE,
    DECISION_TO_HOLD,
    LIST_MINUTES,
    MEETING_INVITATION,
    TEAM_DECISION,
)
from elections.models import (
    BoardMeeting,
    BoardNotice,
    BoardRelease,
    Budget,
    ByElectionGuidance,
    Commendation,
    Decision,
    DecisionKind,
    Election,
    Meeting,
)
from elections.selectors.candidates import list_conference_of
from elections.selectors.household_ballots import ballot_round_of
from reporting.documents import get_kind, register
from reporting.issuing import Authority, Issuer, OfficeBody

# The slot of a minutes' signer that the khu phố Front committee's register fills.
FRONT_COMMITTEE_HEAD = "front_committee_head"


def _plan_day(election: Election) -> tuple[datetime.date, str]:
    plan = election.plan
    return plan.issued_on, f"ngày ban hành Kế hoạch số {plan.number}"


def _ward_paper(authority: str, symbol: str):
    """A preparation paper of the ward: not signed before the plan it carries out."""

    def issuer(election: Election) -> Issuer:
        day, label = _plan_day(election)
        return Issuer(authority, symbol, election.plan.division, election.plan.division.name, day, label)

    return issuer


def _list_minutes(election: Election) -> Issuer:
    """Form 05: signed at the conference it records by its chair and secretary as recorded,
    and by the khu phố Front committee's head from that committee's register."""
    conference = list_conference_of(election)
    if conference is not None:
        day, label = timezone.localtime(conference.held_at).date(), "ngày hội nghị"
    else:
        day, label = _plan_day(election)
    return Issuer(
        Authority.RECORD,
        "",
        election.neighborhood,
        election.neighborhood.name,
        day,
        label,
        register_slots={FRONT_COMMITTEE_HEAD: OfficeBody.FRONT_COMMITTEE},
        minutes=conference is not None,
        front_work=True,
    )


def _invitation(election: Election) -> Issuer:
    day, label = _plan_day(election)
    return Issuer(Authority.RECORD, "", election.neighborhood, election.neighborhood.name, day, label)


def _meeting_day(meeting: Meeting) -> datetime.date:
    return meeting.held_on or timezone.localtime(meeting.opened_at).date()


def _meeting_minutes(meeting: Meeting) -> Issuer:
    """Forms 02 and 03: signed on or after the meeting they record; form 03's khu phố Front
    committee head is chosen from that committee's register."""
    neighborhood = meeting.election.neighborhood
    return Issuer(
        Authority.RECORD,
        "",
        neighborhood,
        neighborhood.name,
        _meeting_day(meeting),
        "ngày họp",
        register_slots={FRONT_COMMITTEE_HEAD: OfficeBody.FRONT_COMMITTEE},
        minutes=True,
    )


def _ballot_round_paper(meeting: Meeting) -> Issuer:
    """Form 04 and the community's decision after household ballots: dated from the count
    day (ND59 Art. 4.6)."""
    neighborhood = meeting.election.neighborhood
    round_ = ballot_round_of(meeting)
    counted_on = round_.counted_on if round_ is not None else None
    return Issuer(
        Authority.RECORD,
        "",
        neighborhood,
        neighborhood.name,
        counted_on or meeting.ballot_deadline or _meeting_day(meeting),
        "ngày kiểm phiếu",
        minutes=True,
    )


def _decision_event(decision: Decision) -> tuple[datetime.date, str]:
    """A decision's paper is not signed before the day the decision is recorded as taken,
    which the services already keep on or after what it answers (the community's decision
    received, the failed sitting)."""
    return decision.decided_on, "ngày quyết định ghi trong hồ sơ"


def _decision(decision: Decision) -> Issuer:
    ward = decision.plan.division
    day, label = _decision_event(decision)
    if decision.kind in FRONT_KINDS:
        return Issuer(Authority.WARD_FRONT, "QĐ-MTTQ", ward, ward.name, day, label)
    if decision.kind == DecisionKind.HOUSEHOLD_BALLOTS:
        # Records made before the khu phố head's own plan was recorded (BallotRound): the ward
        # chairman chose the form (ND59 Art. 4.1.a). No service makes them any more.
        return Issuer(Authority.WARD_CHAIRMAN, "QĐ-UBND", ward, ward.name, day, label)
    if decision.kind == DecisionKind.CONVENER:
        # The ward chairman designates who convenes the khu phố's meetings (ND59 Art. 3.1.d).
        return Issuer(Authority.WARD_CHAIRMAN, "QĐ-UBND", ward, ward.name, day, label)
    symbol = "UBND" if decision.kind in LETTER_KINDS else "QĐ-UBND"
    return Issuer(Authority.WARD_COMMITTEE, symbol, ward, ward.name, day, label)


def _board_minutes(meeting: BoardMeeting) -> Issuer:
    ward = meeting.plan.division
    return Issuer(Authority.RECORD, "", ward, ward.name, meeting.held_on, "ngày họp", minutes=True)


def _board_notice(notice: BoardNotice) -> Issuer:
    ward = notice.plan.division
    held_on = datetime.datetime.strptime(notice.details["held_on"], "%d/%m/%Y").date()
    return Issuer(
        Authority.WARD_FRONT, "TB-MTTQ", ward, ward.name, held_on, "ngày họp Ban Thanh tra nhân dân"
    )


def _budget_report(budget: Budget) -> Issuer:
    """The ward People's Committee reports its budget (the ward plan, mục IV.2): not before the
    estimate it reports, or once settled, the settlement."""
    ward = budget.plan.division
    if budget.settled and budget.settled_on:
        day, label = budget.settled_on, "ngày quyết toán"
    else:
        day, label = budget.estimated_on, "ngày lập dự toán"
    return Issuer(Authority.WARD_COMMITTEE, "BC-UBND", ward, ward.name, day, label)


ISSUERS = {
    DECISION_TO_HOLD: _ward_paper(Authority.WARD_CHAIRMAN, "QĐ-UBND"),
    TEAM_DECISION: _ward_paper(Authority.WARD_CHAIRMAN, "QĐ-UBND"),
    CANDIDATE_NOTICE: _ward_paper(Authority.WARD_COMMITTEE, "TB-UBND"),
    LIST_MINUTES: _list_minutes,
    MEETING_INVITATION: _invitation,
    COUNTING_MINUTES: _meeting_minutes,
    COMMUNITY_DECISION: _meeting_minutes,
    HOUSEHOLD_BALLOT_MINUTES: _ballot_round_paper,
    HOUSEHOLD_BALLOT_DECISION: _ballot_round_paper,
    DECISION: _decision,
    BOARD_MINUTES: _board_minutes,
    BOARD_NOTICE: _board_notice,
    BUDGET_REPORT: _budget_report,
}

# A correction is a new record that names the one it replaces: its paper replaces that
# record's issued paper.
REPLACED_SOURCE = {
    DECISION: lambda decision: decision.supersedes,
    BOARD_NOTICE: lambda notice: notice.supersedes,
    BUDGET_REPORT: lambda budget: budget.supersedes,
}


# --- h3: the ward Front's letters about the board between elections (Luật Art. 36.2) ---


def _release_proposal(release: BoardRelease) -> Issuer:
    ward = release.ward
    return Issuer(Authority.WARD_FRONT, "MTTQ", ward, ward.name, release.proposed_on, "ngày đề nghị")


def _by_election_guidance(guidance: ByElectionGuidance) -> Issuer:
    ward = guidance.vacancy.ward
    return Issuer(Authority.WARD_FRONT, "MTTQ", ward, ward.name, guidance.guided_on, "ngày hướng dẫn")


ISSUERS[RELEASE_PROPOSAL] = _release_proposal
ISSUERS[BY_ELECTION_GUIDANCE] = _by_election_guidance
# --- h7: the ward chairman's decision commending those who did the campaign's work ---


def _commendation(commendation: Commendation) -> Issuer:
    """The chairman's Giấy khen: not signed before the day the decision is recorded as taken
    (itself on or after the proposal)."""
    ward = commendation.ward
    day = commendation.decided_on or commendation.proposed_on or commendation.plan.issued_on
    return Issuer(Authority.WARD_CHAIRMAN, "QĐ-UBND", ward, ward.name, day, "ngày quyết định khen thưởng")


ISSUERS[COMMENDATION_DECISION] = _commendation
REPLACED_SOURCE[COMMENDATION_DECISION] = lambda commendation: commendation.supersedes


def attach_all() -> None:
    for key, issuer in ISSUERS.items():
        kind = get_kind(key)
        register(dataclasses.replace(kind, issuer=issuer, replaced_source=REPLACED_SOURCE.get(key)))
