"""Candidates of a contest, with the eligibility rules of each post."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from elections import rules
from elections.consultation import EDITABLE
from elections.models import Candidate, Contest, Election, ListComment, ListConference
from elections.selectors.candidates import eligibility_problems

CANDIDATE_FIELDS = (
    "full_name",
    "gender",
    "birth_date",
    "ethnicity",
    "religion",
    "education_level",
    "theory_level",
    "occupation",
    "party_member",
    "party_joined_on",
    "household",
    "is_incumbent",
    "nomination_source",
    "resides_in_neighborhood",
    "permanent_resident",
    "is_ward_cadre_or_civil_servant",
    "is_part_time_worker",
    "biography",
)


def _check(contest: Contest, candidate: Candidate) -> None:
    if contest.list_status not in EDITABLE:
        raise ValidationError(
            _("Danh sách đang ở bước “%(status)s”: không sửa được. Chỉ sửa khi là dự kiến hoặc bị trả lại.")
            % {"status": contest.get_list_status_display()}
        )
    problems = eligibility_problems(contest, candidate)
    if problems:
        raise ValidationError(problems)
    check_not_listed(contest, candidate)


def check_not_listed(contest: Contest, candidate: Candidate) -> None:
    """One candidacy per person per contest; the caller holds the contest's row lock."""
    same_person = contest.candidates.filter(full_name=candidate.full_name, birth_date=candidate.birth_date)
    if same_person.exclude(pk=candidate.pk).exists():
        raise ValidationError(
            _("%(name)s, sinh ngày %(born)s, đã có trong danh sách.")
            % {"name": candidate.full_name, "born": candidate.birth_date.strftime("%d/%m/%Y")}
        )


@transaction.atomic
def candidate_add(*, contest: Contest, **fields) -> Candidate:
    locked = Contest.objects.select_for_update().select_related("election__plan").get(pk=contest.pk)
    # The election's row too: the same person added to the head's and the board's lists at
    # once would otherwise pass both checks (one post per person, Luật Art. 37.2).
    Election.objects.select_for_update().get(pk=locked.election_id)
    fields["full_name"] = " ".join(fields["full_name"].split())
    candidate = Candidate(contest=locked, **fields)
    _check(locked, candidate)
    candidate.save()
    return candidate


@transaction.atomic
def candidate_remove(*, candidate: Candidate) -> None:
    contest = Contest.objects.select_for_update().get(pk=candidate.contest_id)
    if contest.list_status not in EDITABLE:
        raise ValidationError(_("Danh sách đã gửi đi: không xóa được người ứng cử."))
    candidate.delete()


@transaction.atomic
def list_comment_add(*, by: User, contest: Contest, text: str) -> ListComment:
    """The ward official's comment on the list the Front drafts; kept with its author and time."""
    text = text.strip()
    if not text:
        raise ValidationError(_("Hãy ghi ý kiến trước khi gửi."))
    return ListComment.objects.create(contest=contest, text=text, by=by)


LIST_CONFERENCE_FIELDS = (
    "held_at",
    "place",
    "members_total",
    "members_present",
    "chair",
    "secretary",
    "party_cell_opinion",
    "votes_for",
)


@transaction.atomic
def list_conference_record(*, election: Election, **fields) -> ListConference:
    """Record (or correct) the khu phố Front committee's conference that agreed the official
    list, as form 05 prints it (NĐ 59/2023 Art. 6.2). Refused, saving nothing, when the
    counts cannot be or the conference is in the future; the change is audited (auditlog)."""
    locked = Election.objects.select_for_update().get(pk=election.pk)
    for name in ("place", "chair", "secretary", "party_cell_opinion"):
        fields[name] = " ".join(str(fields.get(name) or "").split())
    missing = [name for name in ("place", "chair", "secretary", "party_cell_opinion") if not fields[name]]
    if missing:
        raise ValidationError(
            _("Ghi đủ địa điểm, người chủ trì, thư ký và ý kiến của Chi bộ (%(basis)s).")
            % {"basis": rules.LIST_CONFERENCE_BASIS}
        )
    problems = rules.list_conference_problems(
        held_at=fields["held_at"],
        now=timezone.now(),
        members_total=fields["members_total"],
        members_present=fields["members_present"],
        votes_for=fields["votes_for"],
    )
    if problems:
        raise ValidationError(problems)
    conference = ListConference.objects.filter(election=locked).first() or ListConference(election=locked)
    for name in LIST_CONFERENCE_FIELDS:
        setattr(conference, name, fields[name])
    conference.save()  # saved, not updated, so that auditlog records the change
    return conference
