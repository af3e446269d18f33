"""Reorganising khu phố by resolution: establish, split, merge, rename, dissolve.

A khu phố is never changed in place by a reorganisation: the ones that cease get
``valid_until`` (the day before the effective date) and keep their households'
history and their past elections; the ones that result start on the effective
date. A rename therefore makes a new row too, so that an election held before it
still shows the name the khu phố had then. Households move in the same
transaction.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from neighborhoods.models import Division, Household, Level, Reorganisation, ReorganisationKind
from neighborhoods.services.neighborhoods import current_neighborhoods, neighborhood_create
from wardvote.audit import audited_update


def _check_resolution(resolution_date: datetime.date, effective_date: datetime.date) -> None:
    if effective_date < resolution_date:
        raise ValidationError(
            {"effective_date": _("Ngày hiệu lực không được trước ngày ban hành nghị quyết.")}
        )


def _lock_current(ward: Division, neighborhoods: Iterable[Division]) -> list[Division]:
    """Lock the khu phố involved; each must be a current khu phố of the ward."""
    ids = [n.pk for n in neighborhoods]
    locked = list(current_neighborhoods(ward).select_for_update().filter(pk__in=ids))
    if len(locked) != len(set(ids)):
        raise ValidationError(
            _("Khu phố được chọn phải đang hoạt động và thuộc %(ward)s.") % {"ward": ward.name}
        )
    return sorted(locked, key=lambda n: ids.index(n.pk))


def _end(neighborhoods: Iterable[Division], effective_date: datetime.date) -> None:
    audited_update(
        Division.objects.filter(pk__in=[n.pk for n in neighborhoods]),
        valid_until=effective_date - datetime.timedelta(days=1),
    )


def _record(*, ward, kind, by: User | None, sources, results, **resolution) -> Reorganisation:
    reorganisation = Reorganisation.objects.create(ward=ward, kind=kind, created_by=by, **resolution)
    reorganisation.sources.set(sources)
    reorganisation.results.set(results)
    return reorganisation


def _new_neighborhood(ward: Division, name: str, effective_date: datetime.date, type_word: str) -> Division:
    return neighborhood_create(ward=ward, name=name, type_word=type_word, valid_from=effective_date)


@transaction.atomic
def reorganisation_establish(
    *, ward: Division, name: str, by: User | None = None, type_word: str = "Khu phố", **resolution
) -> Reorganisation:
    _check_resolution(resolution["resolution_date"], resolution["effective_date"])
    result = _new_neighborhood(ward, name, resolution["effective_date"], type_word)
    return _record(
        ward=ward, kind=ReorganisationKind.ESTABLISH, by=by, sources=[], results=[result], **resolution
    )


@transaction.atomic
def reorganisation_merge(
    *, ward: Division, sources: Sequence[Division], name: str, by: User | None = None, **resolution
) -> Reorganisation:
    _check_resolution(resolution["resolution_date"], resolution["effective_date"])
    if len(sources) < 2:
        raise ValidationError({"sources": _("Sáp nhập cần ít nhất hai khu phố.")})
    locked = _lock_current(ward, sources)
    _end(locked, resolution["effective_date"])  # first, so the new one may take a source's name
    result = _new_neighborhood(ward, name, resolution["effective_date"], locked[0].type_word)
    audited_update(Household.objects.filter(neighborhood__in=locked), neighborhood=result)
    return _record(
        ward=ward, kind=ReorganisationKind.MERGE, by=by, sources=locked, results=[result], **resolution
    )


@transaction.atomic
def reorganisation_split(
    *,
    ward: Division,
    source: Division,
    parts: Sequence[tuple[str, Sequence[str]]],
    by: User | None = None,
    **resolution,
) -> Reorganisation:
    """Split ``source`` into ``parts``: (new name, household codes). The first part takes
    every household not named in another part."""
    _check_resolution(resolution["resolution_date"], resolution["effective_date"])
    if len(parts) < 2:
        raise ValidationError({"parts": _("Chia tách cần ít nhất hai khu phố mới.")})
    (locked,) = _lock_current(ward, [source])
    households = {h.code: h.pk for h in Household.objects.filter(neighborhood=locked)}
    named = [code for _name, codes in parts[1:] for code in codes]
    unknown = sorted(set(named) - set(households))
    if unknown:
        raise ValidationError(
            {
                "parts": _("Các mã hộ không thuộc %(kp)s: %(codes)s.")
                % {"kp": locked.name, "codes": ", ".join(unknown)}
            }
        )
    if len(named) != len(set(named)):
        raise ValidationError({"parts": _("Một hộ chỉ được chuyển sang một khu phố mới.")})
    _end([locked], resolution["effective_date"])
    results = [
        _new_neighborhood(ward, name, resolution["effective_date"], locked.type_word)
        for name, _codes in parts
    ]
    # The named households first, so that each household moves (and is audited) once.
    for result, (_name, codes) in zip(results[1:], parts[1:], strict=True):
        audited_update(Household.objects.filter(pk__in=[households[c] for c in codes]), neighborhood=result)
    audited_update(Household.objects.filter(neighborhood=locked), neighborhood=results[0])
    return _record(
        ward=ward, kind=ReorganisationKind.SPLIT, by=by, sources=[locked], results=results, **resolution
    )


@transaction.atomic
def reorganisation_rename(
    *, ward: Division, source: Division, name: str, by: User | None = None, **resolution
) -> Reorganisation:
    _check_resolution(resolution["resolution_date"], resolution["effective_date"])
    (locked,) = _lock_current(ward, [source])
    _end([locked], resolution["effective_date"])
    result = _new_neighborhood(ward, name, resolution["effective_date"], locked.type_word)
    audited_update(Household.objects.filter(neighborhood=locked), neighborhood=result)
    return _record(
        ward=ward, kind=ReorganisationKind.RENAME, by=by, sources=[locked], results=[result], **resolution
    )


@transaction.atomic
def reorganisation_dissolve(
    *, ward: Division, source: Division, move_households_to: Division, by: User | None = None, **resolution
) -> Reorganisation:
    _check_resolution(resolution["resolution_date"], resolution["effective_date"])
    if source.pk == move_households_to.pk:
        raise ValidationError({"move_households_to": _("Chọn một khu phố khác để chuyển các hộ đến.")})
    locked, target = _lock_current(ward, [source, move_households_to])
    _end([locked], resolution["effective_date"])
    audited_update(Household.objects.filter(neighborhood=locked), neighborhood=target)
    return _record(
        ward=ward, kind=ReorganisationKind.DISSOLVE, by=by, sources=[locked], results=[target], **resolution
    )


def lineage(neighborhood: Division) -> tuple[list[Reorganisation], list[Reorganisation]]:
    """The reorganisations before (that made it) and after (that it went into), transitively."""

    def walk(start: Division, forward: bool) -> list[Reorganisation]:
        seen: dict[int, Reorganisation] = {}
        frontier = [start]
        while frontier:
            lookup = {"sources__in": frontier} if forward else {"results__in": frontier}
            found = [
                r
                for r in Reorganisation.objects.filter(**lookup).prefetch_related("sources", "results")
                if r.pk not in seen
            ]
            for reorganisation in found:
                seen[reorganisation.pk] = reorganisation
            frontier = [
                d
                for r in found
                for d in (r.results.all() if forward else r.sources.all())
                if d.level == Level.NEIGHBORHOOD
            ]
        return sorted(seen.values(), key=lambda r: (r.effective_date, r.pk))

    return walk(neighborhood, forward=False), walk(neighborhood, forward=True)
