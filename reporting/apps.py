from django.apps import AppConfig


class ReportingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reporting"

    def ready(self):
        # `tasks` registers the tasks the services send by name (``reporting.queue``);
        # `ward_page` fills in the election column of the division map's ward page.
        from auditlog.registry import auditlog

        from neighborhoods.ward_page import register_neighborhood_details
        from reporting import models, tasks, ward_page  # noqa: F401

        register_neighborhood_details(ward_page.add_latest_elections)
        # The term at a glance: a khu phố's history of office holders, a ward's vacancies.
        from neighborhoods.ward_page import register_division_panels
        from reporting import term_history

        register_division_panels(term_history.term_panels)
        # Every change to who may sign, and every paper issued, is in the audit log.
        auditlog.register(models.OfficeHolder)
        auditlog.register(
            models.StoredDocument,
            include_fields=["state", "number", "signed_on", "signer_name", "signer_title", "replaces"],
        )
        # --- periodic grassroots-democracy reports (issue 15) ---
        from reporting import periodic_documents

        auditlog.register(models.PeriodicReport)
        periodic_documents.register_all()
