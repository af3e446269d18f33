"""Reads of candidates and the election team: eligibility, who is already listed, the
frozen copies of a consultation's list and what changed between two of them."""

from __future__ import annotations

from django.utils.translation import gettext as _

from elections import rules
from elections.models import Candidate, Contest, ContestKind, Election, ListConference
from wardvote.text import normalise_name


def is_candidate(election: Election, full_name: str) -> bool:
    wanted = normalise_name(full_name)
    names = Candidate.objects.filter(contest__election=election).values_list("full_name", flat=True)
    return any(normalise_name(name) == wanted for name in names)


def stands_for_other_post(contest: Contest, candidate: Candidate) -> bool:
    """Whether the same person (same name, compared the Vietnamese way, and birth date)
    is already a candidate for another post of the same election."""
    wanted = normalise_name(candidate.full_name)
    others = Candidate.objects.filter(
        contest__election_id=contest.election_id, birth_date=candidate.birth_date
    ).exclude(contest=contest)
    return any(normalise_name(name) == wanted for name in others.values_list("full_name", flat=True))


def is_team_member(election: Election, full_name: str) -> bool:
    """For the candidate forms: nobody on the team may stand ("whichever is entered first")."""
    wanted = normalise_name(full_name)
    return any(normalise_name(n) == wanted for n in election.team_members.values_list("full_name", flat=True))


def eligibility_problems(contest: Contest, candidate: Candidate) -> list[str]:
    """Each failure a plain Vietnamese sentence naming its rule (rules module)."""
    election = contest.election
    settings = election.rules
    problems: list[str] = []
    if contest.kind == ContestKind.HEAD:
        # Before the meeting is scheduled, age is checked on the plan's last allowed day.
        on = election.meeting_date or election.plan.completion_deadline
        problems += rules.head_candidate_problems(
            candidate.birth_date,
            on,
            candidate.resides_in_neighborhood,
            settings,
            permanent_resident=candidate.permanent_resident,
        )
    else:
        problems += rules.inspection_board_candidate_problems(
            candidate.permanent_resident,
            candidate.is_ward_cadre_or_civil_servant,
            candidate.is_part_time_worker,
        )
    problems += rules.other_post_problems(
        contest.kind == ContestKind.HEAD, stands_for_other_post(contest, candidate)
    )
    if is_team_member(election, candidate.full_name):
        problems += rules.team_member_problems(True, "member", "")
    if candidate.household is not None and candidate.household.neighborhood_id != election.neighborhood_id:
        problems.append(_("Hộ gia đình được chọn không thuộc %(kp)s.") % {"kp": election.neighborhood.name})
    return problems


def snapshot(contest: Contest) -> list[dict]:
    """The list as it stands, in a stable order, with what the notice and the reports show."""
    return [
        {
            "id": c.pk,
            "full_name": c.full_name,
            "gender": c.get_gender_display(),
            "birth_year": c.birth_date.year,
            "nomination": c.get_nomination_source_display(),
            "education": c.education_level,
            "occupation": c.occupation,
            "party_member": c.party_member,
        }
        for c in contest.candidates.order_by("pk")
    ]


def list_diff(old: list[dict], new: list[dict]) -> dict:
    """Who was added, who removed, and what changed for those in both versions."""
    before = {c["id"]: c for c in old}
    after = {c["id"]: c for c in new}
    changed = []
    for key in before.keys() & after.keys():
        fields = [
            (f, before[key].get(f), after[key].get(f))
            for f in after[key]
            if before[key].get(f) != after[key][f]
        ]
        if fields:
            changed.append((after[key]["full_name"], fields))
    return {
        "added": [after[k]["full_name"] for k in after.keys() - before.keys()],
        "removed": [before[k]["full_name"] for k in before.keys() - after.keys()],
        "changed": changed,
    }


def list_conference_of(election: Election) -> ListConference | None:
    """The khu phố Front committee's conference that agreed the official list (form 05), if recorded."""
    return ListConference.objects.filter(election=election).first()
