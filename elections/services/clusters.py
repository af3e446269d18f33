"""The plan to hold a khu phố's meeting by residential cluster (cụm dân cư) and its sittings.

Luật 10/2022/QH15 Art. 18.3 and NĐ 59/2023 Art. 3.1.đ, 3.6: a khu phố of 200 households or
more, or a scattered one, may meet as several cluster sittings. The khu phố head agrees the
plan with the khu phố Front committee and the ward approves it: the clusters, who chairs each
by the head's authorisation, when and where it meets, who reports its result. Each household
belongs to exactly one cluster. Once a sitting has opened the plan is part of the meeting's
record: a cluster's chair, reporter, time or place then changes only by a correction with its
reason (``corrections.correction_record``), and its households not at all.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elections import rules
from elections.models import ChairCapacity, Cluster, ClusterHousehold, ClusterPlan, Election, Meeting
from elections.selectors.clusters import cluster_households, plan_problems, unassigned_households
from elections.selectors.meeting import household_total
from elections.selectors.plans import record_closed
from elections.services.corrections import correction_record
from neighborhoods.models import Household, HouseholdStatus

PLAN_CLOSED = gettext_lazy(
    "Cuộc họp đã khai mạc: phương án họp theo cụm dân cư đã ghi vào biên bản, không thay đổi được nữa."
)
PLAN_APPROVED = gettext_lazy(
    "Phương án họp theo cụm dân cư đã được phê duyệt: muốn sửa, phường hủy phê duyệt trước khi khai mạc."
)
# The fields of a cluster that a correction may change after its sitting opened.
CLUSTER_FIELDS = (
    "name",
    "chair_name",
    "chair_capacity",
    "meeting_date",
    "meeting_time",
    "meeting_place",
    "reporter_name",
)


def _locked_plan(plan: ClusterPlan) -> ClusterPlan:
    """The plan under the election's row lock (one change of the plan at a time)."""
    Election.objects.select_for_update().filter(pk=plan.election_id).first()
    return ClusterPlan.objects.select_related("election__neighborhood").get(pk=plan.pk)


def _check_open(plan: ClusterPlan) -> None:
    """Households and clusters change only before the ward approves and before any sitting."""
    if record_closed(plan.election):
        raise ValidationError(PLAN_CLOSED, code="record_closed")
    if plan.approved_on is not None:
        raise ValidationError(PLAN_APPROVED, code="plan_approved")


def _text(value: str) -> str:
    return " ".join((value or "").split())


@transaction.atomic
def cluster_plan_create(*, by: User, election: Election, scattered: bool = False) -> ClusterPlan:
    """Start the plan: only for a khu phố the law lets meet by cluster
    (``rules.cluster_meetings_allowed``)."""
    locked = (
        Election.objects.select_for_update(of=("self",)).select_related("neighborhood").get(pk=election.pk)
    )
    if ClusterPlan.objects.filter(election=locked).exists():
        raise ValidationError(_("Khu phố đã có phương án họp theo cụm dân cư."))
    if record_closed(locked):
        raise ValidationError(PLAN_CLOSED, code="record_closed")
    problems = rules.cluster_meetings_problems(household_total(locked), scattered)
    if problems:
        raise ValidationError(problems)
    return ClusterPlan.objects.create(election=locked, scattered=scattered, created_by=by)


def _cluster_fields(fields: dict) -> dict:
    cleaned = {
        "name": _text(fields.get("name", "")),
        "chair_name": _text(fields.get("chair_name", "")),
        "chair_capacity": fields.get("chair_capacity") or "",
        "meeting_date": fields.get("meeting_date"),
        "meeting_time": fields.get("meeting_time"),
        "meeting_place": _text(fields.get("meeting_place", "")),
        "reporter_name": _text(fields.get("reporter_name", "")),
    }
    if not cleaned["name"]:
        raise ValidationError({"name": _("Ghi tên cụm dân cư.")})
    if cleaned["chair_capacity"] and cleaned["chair_capacity"] not in ChairCapacity.values:
        raise ValidationError({"chair_capacity": _("Tư cách người chủ trì không hợp lệ.")})
    return cleaned


@transaction.atomic
def cluster_add(*, by: User, plan: ClusterPlan, **fields) -> Cluster:
    """A cluster of the plan: its name, who chairs it by the head's authorisation (a member of
    the Front committee or a respected citizen living in the cluster), time, place, who reports."""
    plan = _locked_plan(plan)
    _check_open(plan)
    cleaned = _cluster_fields(fields)
    if plan.clusters.filter(name=cleaned["name"]).exists():
        raise ValidationError({"name": _("Phương án đã có cụm “%(name)s”.") % {"name": cleaned["name"]}})
    position = (plan.clusters.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    return Cluster.objects.create(plan=plan, position=position, **cleaned)


@transaction.atomic
def cluster_update(*, by: User, cluster: Cluster, correction_reason: str = "", **fields) -> Cluster:
    """Change what the plan says of a cluster. Before approval freely; once approved, not (the
    ward withdraws its approval first); once a sitting has opened, only as a correction."""
    plan = _locked_plan(cluster.plan)
    locked = Cluster.objects.select_for_update().get(pk=cluster.pk)
    cleaned = _cluster_fields(fields)
    if plan.clusters.filter(name=cleaned["name"]).exclude(pk=locked.pk).exists():
        raise ValidationError({"name": _("Phương án đã có cụm “%(name)s”.") % {"name": cleaned["name"]}})
    changed = [name for name in CLUSTER_FIELDS if getattr(locked, name) != cleaned[name]]
    if not changed:
        return locked
    if record_closed(plan.election):
        labels = ", ".join(
            str(getattr(Cluster._meta.get_field(name), "verbose_name", name)) for name in changed
        )
        correction_record(
            by=by,
            election=plan.election,
            subject=_("sửa %(fields)s của %(cluster)s") % {"fields": labels, "cluster": locked.name},
            correction_reason=correction_reason,
            refusal=PLAN_CLOSED,
        )
    elif plan.approved_on is not None:
        raise ValidationError(PLAN_APPROVED, code="plan_approved")
    for name in changed:
        setattr(locked, name, cleaned[name])
    locked.save(update_fields=changed)
    return locked


@transaction.atomic
def cluster_remove(*, by: User, cluster: Cluster) -> None:
    """Drop a cluster from a plan not yet approved; its households are then in no cluster."""
    plan = _locked_plan(cluster.plan)
    _check_open(plan)
    Cluster.objects.get(pk=cluster.pk).delete()  # audited, with its memberships


def _matching(
    plan: ClusterPlan, *, codes, code_from: str, code_to: str, address_prefix: str
) -> list[Household]:
    households = Household.objects.filter(
        neighborhood_id=plan.election.neighborhood_id, status=HouseholdStatus.ACTIVE
    )
    codes = [code.strip() for code in codes if code and code.strip()]
    code_from, code_to, address_prefix = code_from.strip(), code_to.strip(), _text(address_prefix)
    if not (codes or code_from or code_to or address_prefix):
        raise ValidationError(
            _("Chọn hộ: theo danh sách mã hộ, theo khoảng mã hộ (từ … đến …) hoặc theo phần đầu địa chỉ.")
        )
    if codes:
        unknown = sorted(set(codes) - set(households.filter(code__in=codes).values_list("code", flat=True)))
        if unknown:
            raise ValidationError(
                {"codes": _("Không có hộ này trong khu phố: %(codes)s.") % {"codes": ", ".join(unknown)}}
            )
        households = households.filter(code__in=codes)
    if code_from:
        households = households.filter(code__gte=code_from)
    if code_to:
        households = households.filter(code__lte=code_to)
    if address_prefix:
        # Compared in Python: SQLite folds the case of ASCII letters only (“Đường” ≠ “đường”).
        prefix = address_prefix.casefold()
        return [h for h in households if _text(h.address).casefold().startswith(prefix)]
    return list(households)


@transaction.atomic
def households_assign(
    *,
    by: User,
    cluster: Cluster,
    codes: list[str] | tuple[str, ...] = (),
    code_from: str = "",
    code_to: str = "",
    address_prefix: str = "",
) -> int:
    """Put households in ``cluster`` (moving them from another cluster of the plan): a list of
    codes, a range of codes, or the start of the address (a street). Returns how many moved in."""
    plan = _locked_plan(cluster.plan)
    _check_open(plan)
    households = _matching(
        plan, codes=codes, code_from=code_from, code_to=code_to, address_prefix=address_prefix
    )
    if not households:
        raise ValidationError(_("Không có hộ nào của khu phố khớp với lựa chọn này."))
    moved = 0
    for household in households:
        membership = ClusterHousehold.objects.filter(plan=plan, household=household).first()
        if membership is None:
            ClusterHousehold.objects.create(plan=plan, cluster=cluster, household=household)
            moved += 1
        elif membership.cluster_id != cluster.pk:
            membership.cluster = cluster
            membership.save(update_fields=["cluster"])  # audited, like every move
            moved += 1
    return moved


@transaction.atomic
def front_agreement_record(
    *, by: User, plan: ClusterPlan, agreed_on: datetime.date, agreed_with: str
) -> ClusterPlan:
    """The khu phố Front committee's agreement to the plan (NĐ 59/2023 Art. 3.6): when and who."""
    plan = _locked_plan(plan)
    _check_open(plan)
    agreed_with = _text(agreed_with)
    if not agreed_with:
        raise ValidationError({"agreed_with": _("Ghi họ tên người đại diện Ban công tác Mặt trận khu phố.")})
    plan.front_agreed_on, plan.front_agreed_with = agreed_on, agreed_with
    plan.save(update_fields=["front_agreed_on", "front_agreed_with"])
    return plan


@transaction.atomic
def cluster_plan_approve(*, by: User, plan: ClusterPlan, approved_on: datetime.date) -> ClusterPlan:
    """The ward approves the plan (NĐ 59/2023 Art. 3.6), only once it is complete: at least two
    clusters, each fully described, every household in one, the Front committee's agreement."""
    plan = _locked_plan(plan)
    _check_open(plan)
    problems = plan_problems(plan, approved_on)
    if problems:
        raise ValidationError(problems)
    plan.approved_on, plan.approved_by = approved_on, by
    plan.save(update_fields=["approved_on", "approved_by"])
    return plan


@transaction.atomic
def cluster_plan_withdraw(*, by: User, plan: ClusterPlan) -> ClusterPlan:
    """The ward withdraws its approval before any sitting, so that the plan can be changed."""
    plan = _locked_plan(plan)
    if record_closed(plan.election):
        raise ValidationError(PLAN_CLOSED, code="record_closed")
    plan.approved_on, plan.approved_by = None, None
    plan.save(update_fields=["approved_on", "approved_by"])
    return plan


def cluster_sittings_open(*, by: User, round_meeting: Meeting, plan: ClusterPlan) -> list[Meeting]:
    """One sitting per cluster of the approved plan, each with its households' snapshot; the
    round's own row keeps the khu phố's households, the base of the majority, and is dated by
    the last cluster sitting. The caller
    (``meeting.meeting_open``) holds the election's row lock inside its transaction."""
    problems = plan_problems(plan)
    if problems:
        raise ValidationError(
            [_("Phương án họp theo cụm dân cư không còn đủ điều kiện để khai mạc:"), *problems]
        )
    sittings = []
    for cluster in plan.clusters.order_by("position", "pk"):
        sittings.append(
            Meeting.objects.create(
                election=round_meeting.election,
                number=round_meeting.number,
                cluster=cluster,
                household_total=cluster_households(cluster).count(),
                held_on=cluster.meeting_date or round_meeting.held_on,
                opened_by=by,
            )
        )
    # The khu phố's meeting ends with its last cluster sitting: its form 03 and any re-run date
    # count from that day.
    last = max((s.held_on for s in sittings if s.held_on is not None), default=None)
    if last is not None and last != round_meeting.held_on:
        round_meeting.held_on = last
        round_meeting.save(update_fields=["held_on"])
    return sittings


def household_join_cluster(*, plan: ClusterPlan, cluster: Cluster, household: Household) -> ClusterHousehold:
    """A household added on the spot at a cluster sitting belongs to that cluster."""
    if unassigned_households(plan).filter(pk=household.pk).exists():
        return ClusterHousehold.objects.create(plan=plan, cluster=cluster, household=household)
    raise ValidationError(_("Hộ %(code)s đã thuộc một cụm dân cư.") % {"code": household.code})
