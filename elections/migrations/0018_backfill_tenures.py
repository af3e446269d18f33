"""Tenures of the heads and board members already recognised, and interim heads already
appointed, before tenures were recorded.

A data step, idempotent: an election whose tenures exist is skipped. It reads the standing
decisions (the latest version of each recognition, the interim heads) as their details name
the people, and ends an earlier holder when a later one of the same post and khu phố follows.
"""

import calendar
import datetime

from django.db import migrations

HEAD_KINDS = {"recognise_head": "head", "interim_head": "head", "recognise_board_member": "board_member"}


def _term_end(plan) -> datetime.date:
    day = plan.completion_deadline
    year = day.year + plan.term_end_year - plan.term_start_year
    return datetime.date(year, day.month, min(day.day, calendar.monthrange(year, day.month)[1]))


def _people(decision) -> list[dict]:
    details = decision.details or {}
    if decision.kind == "recognise_board_member":
        return details.get("members") or ([details] if details.get("full_name") else [])
    return [details] if details.get("full_name") else []


def backfill(apps, schema_editor):
    Decision = apps.get_model("elections", "Decision")
    Tenure = apps.get_model("elections", "Tenure")
    superseded = set(Decision.objects.exclude(supersedes=None).values_list("supersedes_id", flat=True))
    decisions = (
        Decision.objects.filter(kind__in=list(HEAD_KINDS), election__isnull=False)
        .exclude(pk__in=superseded)
        .select_related("election__plan", "election__neighborhood")
        .order_by("decided_on", "pk")
    )
    for decision in decisions:
        election = decision.election
        if Tenure.objects.filter(election=election, start_decision=decision).exists():
            continue
        post = HEAD_KINDS[decision.kind]
        for person in _people(decision):
            if post == "head":
                Tenure.objects.filter(
                    neighborhood=election.neighborhood, post="head", ended_on__isnull=True
                ).update(ended_on=decision.decided_on, end_reason="succeeded")
            Tenure.objects.create(
                neighborhood=election.neighborhood,
                ward_id=election.neighborhood.parent_id,
                post=post,
                kind="interim" if decision.kind == "interim_head" else "elected",
                full_name=person["full_name"],
                candidate_id=person.get("candidate"),
                election=election,
                started_on=decision.decided_on,
                term_ends_on=_term_end(election.plan),
                start_decision=decision,
            )


class Migration(migrations.Migration):
    dependencies = [("elections", "0017_term_of_office")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
