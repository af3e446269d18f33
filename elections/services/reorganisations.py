"""A reorganisation of khu phố, carried into the posts (issue 14, item 3).

The resolution is recorded by the division map (``neighborhoods.services.reorganisations``:
the khu phố that cease get ``valid_until``, the new ones start on the effective date, the
households move). This carries it into who holds which post, once:

- the head of each khu phố that ceased (or whoever stood in for one) leaves office by the same
  resolution (``TenureEnd.REORGANISED``), leaving no vacancy: the khu phố is gone;
- its inspection-board members leave office too, and their seats become vacancies, whose
  by-election the law requires when 6 months or more of the term are left (Luật Art. 36.2;
  ``services.tenures.tenure_end`` computes it);
- each new khu phố starts without a head: its head's vacancy opens on the effective date, with
  no due day from NĐ 59 Art. 9.3 (no head was let go) -- unless the ward's plan already opened
  its term election (the khu phố was made before the term's elections), which elects its head.
  The ward then appoints an interim head or a convener (NĐ 59 Art. 3.1.d) and decides its
  election (``services.vacancies``), the term ending with the ward's current term.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from elections.models import OfficePost, ReorganisationTerm, Tenure, TenureEnd, Vacancy
from elections.selectors.vacancies import (
    ceased_neighborhoods,
    new_neighborhoods,
    reorganisation_problems,
    term_election_of,
)
from elections.services.tenures import tenure_end, vacancy_open
from neighborhoods.models import Reorganisation


def resolution_note(reorganisation: Reorganisation) -> str:
    return _("Theo Nghị quyết số %(number)s ngày %(day)s (%(kind)s khu phố), hiệu lực từ %(effective)s.") % {
        "number": reorganisation.resolution_number,
        "day": f"{reorganisation.resolution_date:%d/%m/%Y}",
        "kind": reorganisation.get_kind_display().lower(),
        "effective": f"{reorganisation.effective_date:%d/%m/%Y}",
    }


@transaction.atomic
def reorganisation_apply(*, by: User, reorganisation: Reorganisation) -> list[Vacancy]:
    """Carry a recorded reorganisation into the posts (see the module's docstring). Returns the
    vacancies it opened: the new khu phố's heads, then the ceased khu phố's board seats."""
    locked = Reorganisation.objects.select_for_update().get(pk=reorganisation.pk)
    problems = reorganisation_problems(locked)
    if problems:
        raise ValidationError(problems)
    effective = locked.effective_date
    note = resolution_note(locked)
    opened = [
        vacancy_open(
            by=by,
            neighborhood=neighborhood,
            post=OfficePost.HEAD,
            vacant_from=effective,
            reason=_("Khu phố mới, chưa có Trưởng khu phố. %(note)s") % {"note": note},
        )
        for neighborhood in new_neighborhoods(locked)
        # Made before the ward's plan opened its elections: it elects its head in its term election.
        if term_election_of(neighborhood) is None
    ]
    for source in ceased_neighborhoods(locked):
        serving = Tenure.objects.filter(neighborhood=source, ended_on__isnull=True).order_by("post", "pk")
        for tenure in serving:
            vacancy = tenure_end(
                by=by,
                tenure=tenure,
                ended_on=max(effective, tenure.started_on),
                reason=TenureEnd.REORGANISED,
                note=note,
                open_vacancy=tenure.post == OfficePost.BOARD_MEMBER,
            )
            if vacancy is not None:
                opened.append(vacancy)
    ReorganisationTerm.objects.create(reorganisation=locked, by=by)
    return opened
