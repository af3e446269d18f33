"""Model fields of the project's own."""

from __future__ import annotations

from django.db import models

from wardvote.text import fold

# The household's code (32), head's name (150) and address (255), folded, with two spaces.
SEARCH_TEXT_LENGTH = 480


class FoldedTextField(models.CharField):
    """A column Django keeps from other fields of the row each time the row is saved (as it keeps
    ``auto_now``), also by ``bulk_create``: their text folded for searching (``text.fold``), so
    that a search without tones finds "Nguyễn" on SQLite and PostgreSQL alike, with a plain
    ``LIKE`` on a column that can be indexed.

    A path that writes the sources without saving the row (``QuerySet.update``, ``bulk_update``,
    a raw insert, ``save(update_fields=...)`` without this field) must fold them itself with
    ``folded(row)``.
    """

    def __init__(self, *args, sources: tuple[str, ...] | list[str] = (), **kwargs):
        self.sources = tuple(sources)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["sources"] = list(self.sources)
        for key, value in (("editable", False), ("blank", True), ("default", "")):
            if kwargs.get(key, value) == value:
                kwargs.pop(key, None)
        return name, path, args, kwargs

    def folded(self, instance) -> str:
        return fold_values(*(getattr(instance, source) for source in self.sources))[: self.max_length]

    def pre_save(self, model_instance, add):
        value = self.folded(model_instance)
        setattr(model_instance, self.attname, value)
        return value


def fold_values(*values: object) -> str:
    """The sources' text as the column stores it: each folded, joined by a space."""
    return " ".join(part for part in (fold(str(value or "")) for value in values) if part)
