"""Creating and renaming khu phố (they are not in the official code lists)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from neighborhoods.models import Division, Level
from neighborhoods.services.divisions import division_create
from wardvote.text import normalise_name

NEIGHBORHOOD_TYPE_WORDS = ["Khu phố", "Ấp", "Thôn", "Tổ dân phố"]


def current_neighborhoods(ward: Division):
    return ward.children.filter(level=Level.NEIGHBORHOOD, valid_until__isnull=True)


def _check_name_free(ward: Division, name: str, *, except_pk: int | None = None) -> None:
    wanted = normalise_name(name)
    for other in current_neighborhoods(ward).exclude(pk=except_pk):
        if normalise_name(other.name) == wanted:
            raise ValidationError(
                _("%(ward)s đã có “%(name)s”. Mỗi khu phố đang hoạt động phải có tên riêng.")
                % {"ward": ward.name, "name": other.name},
                code="duplicate_name",
            )


@transaction.atomic
def neighborhood_create(
    *, ward: Division, name: str, type_word: str = "Khu phố", valid_from=None
) -> Division:
    if ward.level != Level.WARD:
        raise ValidationError(_("Khu phố chỉ được tạo trong một phường, xã."))
    name = " ".join(name.split())
    # The ward's row lock makes the name check and the insert one step for two clerks at once.
    Division.objects.select_for_update().filter(pk=ward.pk).first()
    _check_name_free(ward, name)
    return division_create(
        level=Level.NEIGHBORHOOD, name=name, type_word=type_word, parent=ward, valid_from=valid_from
    )


@transaction.atomic
def neighborhood_rename(*, neighborhood: Division, name: str) -> Division:
    """Correct a khu phố's name in place (the audit log keeps the old one).

    A rename decided by a resolution is a reorganisation instead: it keeps the
    old name for the elections held under it.
    """
    locked = Division.objects.select_for_update().get(pk=neighborhood.pk)
    name = " ".join(name.split())
    assert locked.parent is not None, "a khu phố always has its ward"
    _check_name_free(locked.parent, name, except_pk=locked.pk)
    locked.name = name
    locked.save(update_fields=["name"])
    return locked
