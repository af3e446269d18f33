"""Reads of the outgoing head's term report and the khu phố's finance statement: what the term
election's meeting hears before the vote, what it heard, and what the ward's public page
shows once the meeting is held."""

from __future__ import annotations

from dataclasses import dataclass

from elections.models import (
    HELD_STAGES,
    AgendaHearing,
    AgendaItem,
    Election,
    ElectionPurpose,
    FinanceLine,
    FinanceLineKind,
    FinanceStatement,
    Meeting,
    MeetingMode,
    TermReport,
)
from elections.selectors.meeting import rounds
from neighborhoods.models import Division
from wardvote.text import natural_key


def has_agenda(election: Election) -> bool:
    """Only the term's election hears the outgoing head's report and the finances."""
    return election.purpose == ElectionPurpose.TERM


def term_report_of(election: Election) -> TermReport | None:
    return TermReport.objects.filter(election=election).select_related("filed_by").first()


def finance_statement_of(election: Election) -> FinanceStatement | None:
    """The statement as it stands: its latest version."""
    statements = FinanceStatement.objects.filter(election=election).select_related("supersedes", "filed_by")
    return statements.order_by("-version").first()


def finance_lines(statement: FinanceStatement | None) -> list[FinanceLine]:
    return list(statement.lines.all()) if statement is not None else []


def split_lines(lines: list[FinanceLine]) -> tuple[list[FinanceLine], list[FinanceLine]]:
    """The income lines and the spending lines, each in the form's order."""
    income = [line for line in lines if line.kind == FinanceLineKind.INCOME]
    return income, [line for line in lines if line.kind == FinanceLineKind.SPENDING]


def is_heard(record: TermReport | FinanceStatement | None) -> bool:
    return record is not None and record.hearings.exists()


def is_final(statement: FinanceStatement | None) -> bool:
    """A statement the meeting heard, or a correction of one: changed only by a new version."""
    return statement is not None and (statement.supersedes_id is not None or is_heard(statement))


def hearing_sitting(election: Election) -> Meeting | None:
    """The community meeting in progress, where the team records what it heard."""
    return (
        rounds(election).filter(mode=MeetingMode.MEETING, closed_at__isnull=True).order_by("-number").first()
    )


def hearings_of(meeting: Meeting) -> dict[str, AgendaHearing]:
    hearings = AgendaHearing.objects.filter(meeting=meeting).select_related(
        "term_report", "finance_statement", "recorded_by"
    )
    return {hearing.item: hearing for hearing in hearings}


def earlier_hearings(election: Election) -> dict[str, AgendaHearing]:
    """What an earlier sitting of the election heard (a re-run does not hear it again)."""
    hearings = AgendaHearing.objects.filter(meeting__election=election).select_related("meeting")
    return {hearing.item: hearing for hearing in hearings.order_by("meeting__number", "pk")}


@dataclass
class AgendaRow:
    item: str
    label: str
    record: TermReport | FinanceStatement | None
    hearing: AgendaHearing | None


def agenda(election: Election) -> list[AgendaRow]:
    """The two items the meeting hears before the vote, each with what was filed and, once the
    team recorded it, the hearing (at this or an earlier sitting)."""
    heard = earlier_hearings(election)
    records = {
        AgendaItem.TERM_REPORT: term_report_of(election),
        AgendaItem.FINANCES: finance_statement_of(election),
    }
    return [
        AgendaRow(item.value, str(item.label), records[item], heard.get(item.value))
        for item in (AgendaItem.TERM_REPORT, AgendaItem.FINANCES)
    ]


def meeting_held(election: Election) -> bool:
    return election.stage in HELD_STAGES


@dataclass
class PublicFinances:
    neighborhood: str
    statement: FinanceStatement
    income: list[FinanceLine]
    spending: list[FinanceLine]


def public_finances(ward: Division) -> list[PublicFinances]:
    """Each khu phố's finance statement (latest version) once its term election's meeting is
    held, in the khu phố's order."""
    statements = (
        FinanceStatement.objects.filter(
            election__plan__division=ward,
            election__purpose=ElectionPurpose.TERM,
            election__stage__in=HELD_STAGES,
            superseded_by__isnull=True,
        )
        .select_related("election__neighborhood")
        .prefetch_related("lines")
    )
    rows = []
    for statement in statements:
        income, spending = split_lines(list(statement.lines.all()))
        rows.append(PublicFinances(statement.election.neighborhood.name, statement, income, spending))
    return sorted(rows, key=lambda row: natural_key(row.neighborhood))
