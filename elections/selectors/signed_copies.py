"""Reads of the signed copies: which issued papers of an election need their signed copy back
(forms 02 and 03 of each sitting, the household-ballot route's papers, and the ward's
decisions), where each stands, and how many are missing below a division.

A paper is the one the system issued (``reporting.models.StoredDocument`` in state "issued")
and not replaced by a correction: the ward compares the photo or scan with that text. A paper is
"missing" until one of its uploaded copies is received by the ward; the latest copy not yet
checked is "waiting for the ward"; a refused copy leaves the paper missing."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Cast, StrIndex, Substr
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elections import rules
from elections.models import Decision, Election, Meeting, Plan, SignedCopy, SignedCopyVerdict
from elections.selectors.plans import ChecklistLine
from neighborhoods.models import Division, Level, subtree_q
from reporting.models import DocumentState, StoredDocument
from wardvote import access

# The kinds of paper, as ``elections.count_documents`` and ``elections.documents`` register them
# (named here: a selector sits below the documents' builders).
COUNTING_MINUTES = "counting_minutes"
COMMUNITY_DECISION = "community_decision"
HOUSEHOLD_BALLOT_MINUTES = "household_ballot_minutes"
HOUSEHOLD_BALLOT_DECISION = "household_ballot_decision"
DECISION = "decision"
DECISION_TO_HOLD = "decision_to_hold"
TEAM_DECISION = "team_decision"

# The papers signed by the record at the sitting: the khu phố's election team uploads them too.
MEETING_KINDS = (COUNTING_MINUTES, COMMUNITY_DECISION, HOUSEHOLD_BALLOT_MINUTES, HOUSEHOLD_BALLOT_DECISION)
# The ward's (and the ward Front's) decisions about the election: the ward's office uploads them.
ELECTION_KINDS = (DECISION_TO_HOLD, TEAM_DECISION)
SIGNED_KINDS = (*MEETING_KINDS, *ELECTION_KINDS, DECISION)

MISSING, WAITING, RECEIVED = "missing", "waiting", "received"
STATE_LABELS = {
    MISSING: gettext_lazy("Còn thiếu"),
    WAITING: gettext_lazy("Đã tải lên, chờ phường kiểm tra"),
    RECEIVED: gettext_lazy("Đã nhận bản có chữ ký"),
}


def current_issued() -> QuerySet[StoredDocument]:
    """Issued papers of the kinds that come back signed, not replaced by a correction."""
    return StoredDocument.objects.filter(
        state=DocumentState.ISSUED, kind__in=SIGNED_KINDS, replaced_by__isnull=True
    )


def papers_of(election: Election) -> QuerySet[StoredDocument]:
    """The issued papers of one election that need a signed copy, oldest first."""
    types = ContentType.objects.get_for_models(Meeting, Decision, Election)
    meetings = [str(pk) for pk in Meeting.objects.filter(election=election).values_list("pk", flat=True)]
    decisions = [str(pk) for pk in Decision.objects.filter(election=election).values_list("pk", flat=True)]
    of_election = (
        Q(kind__in=MEETING_KINDS, source_type=types[Meeting], source_id__in=meetings)
        | Q(kind=DECISION, source_type=types[Decision], source_id__in=decisions)
        | Q(kind__in=ELECTION_KINDS, source_type=types[Election], source_id=str(election.pk))
    )
    return current_issued().filter(of_election).order_by("issued_at", "pk")


def received_q() -> Exists:
    return Exists(
        SignedCopy.objects.filter(document=OuterRef("pk"), review__verdict=SignedCopyVerdict.RECEIVED)
    )


@dataclass
class SignedPaper:
    """One issued paper and its uploaded copies, newest last."""

    document: StoredDocument
    copies: list[SignedCopy] = field(default_factory=list)

    @property
    def received(self) -> SignedCopy | None:
        return next((c for c in self.copies if _review(c) and _review(c).received), None)

    @property
    def latest(self) -> SignedCopy | None:
        return self.copies[-1] if self.copies else None

    @property
    def waiting(self) -> SignedCopy | None:
        """The latest copy, while the ward has not checked it."""
        latest = self.latest
        return latest if latest is not None and _review(latest) is None and self.received is None else None

    @property
    def state(self) -> str:
        if self.received is not None:
            return RECEIVED
        return WAITING if self.waiting is not None else MISSING

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def meeting_paper(self) -> bool:
        return self.document.kind in MEETING_KINDS


def _review(copy: SignedCopy):
    try:
        return copy.review
    except SignedCopy.review.RelatedObjectDoesNotExist:
        return None


def signed_papers(election: Election) -> list[SignedPaper]:
    """The election's papers that need a signed copy, each with its copies and their checks."""
    papers = {document.pk: SignedPaper(document) for document in papers_of(election)}
    copies = (
        SignedCopy.objects.filter(document_id__in=list(papers))
        .select_related("review", "review__reviewed_by", "uploaded_by")
        .order_by("document_id", "version")
    )
    for copy in copies:
        papers[copy.document_id].copies.append(copy)
    return list(papers.values())


def missing_count(papers: list[SignedPaper]) -> int:
    return sum(1 for paper in papers if paper.state != RECEIVED)


def signed_copies_line(election: Election, papers: list[SignedPaper]) -> ChecklistLine | None:
    """After the recognition, the checklist flags the papers whose signed copy the ward has not
    received yet; done on the day the last one was received."""
    if election.recognised_on is None or not papers:
        return None
    missing = missing_count(papers)
    label = _("Nhận bản có chữ ký của biên bản, quyết định (còn thiếu %(missing)s/%(total)s)") % {
        "missing": missing,
        "total": len(papers),
    }
    basis = _("NĐ 30/2020/NĐ-CP, Điều 19 (lưu bản gốc văn bản); đối chiếu với văn bản đã ban hành")
    done_on: datetime.date | None = None
    if not missing:
        received = [p.received for p in papers if p.received is not None]
        last = max(_review(copy).reviewed_at for copy in received)
        done_on = timezone.localtime(last).date()
    status = rules.DONE if not missing else rules.LATE
    return ChecklistLine(
        "signed_copies", label, basis, election.recognised_on, done_on, status, recordable=False
    )


# --- Access ---------------------------------------------------------------------------------


def election_of(document: StoredDocument) -> Election:
    """The election an issued paper belongs to (its sitting's, its decision's, or itself)."""
    source = document.source
    if isinstance(source, Election):
        return source
    election = getattr(source, "election", None)
    if election is None:
        raise Http404
    return election


def may_upload(user, document: StoredDocument, election: Election) -> bool:
    """The ward's office uploads every paper; the khu phố's election team its sitting's papers."""
    if access.can(user, access.MANAGE_ELECTIONS, election.neighborhood):
        return True
    return document.kind in MEETING_KINDS and access.can(user, access.RUN_MEETING, election.neighborhood)


def get_paper_for_upload(user, pk) -> tuple[StoredDocument, Election]:
    """An issued paper needing a signed copy that the user may upload for, or 404."""
    document = access.get_or_404(current_issued().select_related("division"), pk)
    election = election_of(document)
    access.require_reach(user, access.READ, election.neighborhood)
    if not may_upload(user, document, election):
        raise Http404
    return document, election


def get_signed_copy_for(user, pk, capability: str = access.READ) -> SignedCopy:
    """A signed copy of a khu phố the user reaches with ``capability``, or 404."""
    copies = SignedCopy.objects.select_related("election__neighborhood", "document")
    copy = access.get_or_404(copies, pk)
    access.require_reach(user, capability, copy.election.neighborhood)
    return copy


# --- The dashboards -------------------------------------------------------------------------


def papers_out(division: Division, plans: QuerySet[Plan] | None = None) -> QuerySet[StoredDocument]:
    """The issued papers lying in a khu phố below ``division`` still without a received signed
    copy; with ``plans``, only the papers of those plans' records (a campaign's). The ward's
    papers of no election lie in the ward and are not counted, nor are a practice copy's papers."""
    papers = (
        current_issued()
        .filter(subtree_q(division, "division__path"), division__level=Level.NEIGHBORHOOD, practice=False)
        .filter(~received_q())
    )
    return papers if plans is None else papers.filter(plan__in=plans)


def missing_by_child_query(division: Division, plans: QuerySet[Plan] | None = None) -> QuerySet:
    """``papers_out`` counted per child division of ``division`` (not a khu phố) by the database:
    the child is the id that follows the division's own in the khu phố's path
    ("/1/80/913/5000/" below "/1/" is 80). Grouped by khu phố instead, the country's dashboard
    read one row per khu phố with a paper out (tens of thousands on a campaign's busy day) and
    matched each against every province (make bench)."""
    below = Substr("division__path", len(division.path) + 1)
    child = Cast(Substr(below, 1, StrIndex(below, Value("/")) - 1), IntegerField())
    papers = papers_out(division, plans).annotate(child=child)
    return papers.values("child").annotate(n=Count("pk")).order_by()


def missing_by_child(division: Division, plans: QuerySet[Plan] | None = None) -> dict[int, int]:
    """The papers out below a division per child division (a khu phố: its own), in one query."""
    if division.level == Level.NEIGHBORHOOD:
        return {division.pk: papers_out(division, plans).count()}
    return {row["child"]: row["n"] for row in missing_by_child_query(division, plans)}
