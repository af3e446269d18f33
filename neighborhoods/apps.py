from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeighborhoodsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "neighborhoods"
    verbose_name = _("Địa bàn")

    def ready(self):
        from auditlog.registry import auditlog

        from neighborhoods import models, tasks  # noqa: F401 - `tasks`: registered, sent by name

        # Every change of the register, the map and the staff is audited (who,
        # when, before -> after); the division path lets officials read the log
        # of their own subtree only.
        auditlog.register(models.Division)
        # Not the folded search text: it repeats the code, the name and the address.
        auditlog.register(models.Household, exclude_fields=["search_text"])
        auditlog.register(models.StaffAssignment)
        auditlog.register(models.Account)
        auditlog.register(models.Reorganisation, m2m_fields={"sources", "results"})
        # An import's life (uploaded, checked, committing, done, failed, expired), not its progress bar.
        auditlog.register(models.HouseholdImport, include_fields=["status", "filename"])
