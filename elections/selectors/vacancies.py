"""What may be decided about a vacant post now, and what a reorganisation did to the posts
(issue 14). Reads only: the writes are ``services.vacancies`` and ``services.reorganisations``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from elections import rules
from elections.models import (
    Decision,
    Election,
    OfficePost,
    ReorganisationTerm,
    Tenure,
    TenureEnd,
    TenureKind,
    Vacancy,
)
from elections.selectors.tenures import current_ward_plan, serving_head, term_elections
from neighborhoods.models import Division, Reorganisation, ReorganisationKind


def vacancy_decisions(vacancy: Vacancy) -> QuerySet[Decision]:
    """The decisions taken about the vacancy (interim head, convener, new election), oldest first."""
    return Decision.objects.filter(details__vacancy=vacancy.pk).select_related("election").order_by("pk")


def _common_problems(vacancy: Vacancy, decided_on: datetime.date) -> list[str]:
    problems = []
    if vacancy.post != OfficePost.HEAD:
        problems.append(
            _(
                "Quyết định này chỉ dành cho vị trí khuyết Trưởng khu phố; vị trí khuyết thành viên "
                "Ban Thanh tra nhân dân được bầu bổ sung (Luật 10/2022/QH15, Điều 36.2)."
            )
        )
    if vacancy.filled_on is not None:
        problems.append(
            _("%(neighborhood)s đã có Trưởng khu phố từ ngày %(day)s.")
            % {"neighborhood": vacancy.neighborhood.name, "day": f"{vacancy.filled_on:%d/%m/%Y}"}
        )
    ceased = vacancy.neighborhood.valid_until
    if ceased is not None and ceased < decided_on:
        problems.append(
            _("%(neighborhood)s không còn từ ngày %(day)s (đã sắp xếp lại).")
            % {"neighborhood": vacancy.neighborhood.name, "day": f"{ceased:%d/%m/%Y}"}
        )
    if current_ward_plan(vacancy.ward) is None:
        problems.append(_("Phường chưa có kế hoạch bầu cử nhiệm kỳ để ghi các quyết định trong nhiệm kỳ."))
    return problems + rules.stand_in_date_problems(vacancy.vacant_from, decided_on)


def stand_in_problems(vacancy: Vacancy, kind: str, decided_on: datetime.date) -> list[str]:
    """Why the ward may not now appoint an interim head (``kind`` interim) or designate a convener
    (convener) for the vacancy: only while the head's post is vacant; a convener gives way to an
    interim head, nobody else is replaced this way."""
    problems = _common_problems(vacancy, decided_on)
    holder = serving_head(vacancy.neighborhood)
    if holder is not None and not (kind == TenureKind.INTERIM and holder.kind == TenureKind.CONVENER):
        problems.append(
            _("%(neighborhood)s đang có người giữ chức danh Trưởng khu phố (%(kind)s): %(name)s, từ %(day)s.")
            % {
                "neighborhood": vacancy.neighborhood.name,
                "kind": holder.get_kind_display().lower(),
                "name": holder.full_name,
                "day": f"{holder.started_on:%d/%m/%Y}",
            }
        )
    return problems


def new_election_problems(vacancy: Vacancy, decided_on: datetime.date) -> list[str]:
    """Why the ward may not now decide the election of a new head for the vacancy. Being late
    is not a reason (NĐ 59 Art. 9.3 sets the day; the checklist shows it missed)."""
    problems = _common_problems(vacancy, decided_on)
    if vacancy.new_election_id is not None:
        problems.append(
            _(
                "Đã có quyết định tổ chức bầu Trưởng khu phố mới cho vị trí khuyết này "
                "(NĐ 59/2023/NĐ-CP, Điều 9.3)."
            )
        )
    return problems


@dataclass
class ReorganisationEffects:
    """What a reorganisation does to the posts: who leaves office with the khu phố that ceased,
    and which new khu phố start without a head."""

    reorganisation: Reorganisation
    applied: ReorganisationTerm | None
    leaving: list[tuple[Division, list[Tenure]]] = field(default_factory=list)
    # Each new khu phố with its head's vacancy, or the term election in which it elects its head
    # (a khu phố made before the ward's plan opened its elections has one of its own).
    new_neighborhoods: list[tuple[Division, Vacancy | None, Election | None]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def new_neighborhoods(reorganisation: Reorganisation) -> list[Division]:
    """The khu phố the resolution made (not those it moved households into)."""
    if reorganisation.kind in (ReorganisationKind.DISSOLVE, ReorganisationKind.RENAME):
        return []
    return [d for d in reorganisation.results.all() if d.valid_from == reorganisation.effective_date]


def ceased_neighborhoods(reorganisation: Reorganisation) -> list[Division]:
    if reorganisation.kind == ReorganisationKind.RENAME:
        return []
    return [d for d in reorganisation.sources.all() if d.valid_until is not None]


def term_election_of(neighborhood: Division) -> Election | None:
    """The term election of the ward's current plan in this khu phố, if its plan opened one."""
    assert neighborhood.parent is not None
    plan = current_ward_plan(neighborhood.parent)
    if plan is None:
        return None
    return term_elections(plan).filter(neighborhood=neighborhood).first()


def reorganisation_problems(reorganisation: Reorganisation) -> list[str]:
    problems = []
    if ReorganisationTerm.objects.filter(reorganisation=reorganisation).exists():
        problems.append(_("Đã áp dụng nghị quyết này cho các chức danh của khu phố."))
    if reorganisation.kind == ReorganisationKind.RENAME:
        problems.append(_("Đổi tên khu phố không làm thay đổi người giữ chức danh."))
    elif current_ward_plan(reorganisation.ward) is None:
        problems.append(_("Phường chưa có kế hoạch bầu cử nhiệm kỳ để ghi các quyết định trong nhiệm kỳ."))
    return problems


def reorganisation_effects(reorganisation: Reorganisation) -> ReorganisationEffects:
    applied = ReorganisationTerm.objects.filter(reorganisation=reorganisation).first()
    effects = ReorganisationEffects(reorganisation, applied, problems=reorganisation_problems(reorganisation))
    for source in ceased_neighborhoods(reorganisation):
        tenures = Tenure.objects.filter(neighborhood=source)
        tenures = (
            tenures.filter(end_reason=TenureEnd.REORGANISED, ended_on=reorganisation.effective_date)
            if applied
            else tenures.filter(ended_on__isnull=True)
        )
        effects.leaving.append((source, list(tenures.order_by("post", "started_on", "pk"))))
    for result in new_neighborhoods(reorganisation):
        vacancy = Vacancy.objects.filter(neighborhood=result, post=OfficePost.HEAD, left__isnull=True).first()
        effects.new_neighborhoods.append((result, vacancy, term_election_of(result)))
    return effects
