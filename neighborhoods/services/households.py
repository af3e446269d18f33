"""Writes to the household register."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from neighborhoods.models import Division, Household, Level


def _check_code_free(ward: Division, code: str, *, except_pk: int | None = None) -> None:
    clashes = Household.objects.filter(ward=ward, code=code)
    if except_pk is not None:
        clashes = clashes.exclude(pk=except_pk)
    clash = clashes.first()
    if clash:
        raise ValidationError(
            {
                "code": _("Mã hộ %(code)s đã có trong sổ của %(ward)s (chủ hộ %(name)s, %(kp)s).")
                % {"code": code, "ward": ward.name, "name": clash.head_name, "kp": clash.neighborhood.name}
            }
        )


def _check_neighborhood(neighborhood: Division, ward: Division) -> None:
    if neighborhood.level != Level.NEIGHBORHOOD or neighborhood.parent_id != ward.pk:
        raise ValidationError({"neighborhood": _("Khu phố không thuộc %(ward)s.") % {"ward": ward.name}})


@transaction.atomic
def household_create(
    *,
    neighborhood: Division,
    code: str,
    head_name: str,
    address: str = "",
    member_count: int = 1,
    representative_name: str = "",
    phone: str = "",
    status: str = "active",
) -> Household:
    ward = neighborhood.parent
    assert ward is not None, "a khu phố always has its ward"
    _check_neighborhood(neighborhood, ward)
    _check_code_free(ward, code)
    return Household.objects.create(
        neighborhood=neighborhood,
        ward=ward,
        code=code,
        head_name=head_name,
        address=address,
        member_count=member_count,
        representative_name=representative_name,
        phone=phone,
        status=status,
    )


@transaction.atomic
def household_update(*, household: Household, **fields) -> Household:
    """Change a household's fields; two officials saving at once cannot interleave."""
    locked = Household.objects.select_for_update().select_related("ward").get(pk=household.pk)
    if "neighborhood" in fields:
        _check_neighborhood(fields["neighborhood"], locked.ward)
    if "code" in fields:
        _check_code_free(locked.ward, fields["code"], except_pk=locked.pk)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.save()
    return locked


@transaction.atomic
def household_delete(*, household: Household) -> None:
    """Remove a household entered by mistake; one that moved away is marked, not deleted."""
    locked = Household.objects.select_for_update().get(pk=household.pk)
    try:
        locked.delete()
    except ProtectedError as error:
        raise ValidationError(
            _("Không thể xóa hộ %(code)s vì đã có dữ liệu bầu cử liên quan; hãy đánh dấu “Đã chuyển đi”.")
            % {"code": locked.code}
        ) from error
