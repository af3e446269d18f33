from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElectionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "elections"
    verbose_name = _("Bầu cử")

    def ready(self):
        from auditlog.registry import auditlog

        from elections import (
            board_documents,
            board_term_documents,
            budget_documents,
            commendation_documents,
            count_documents,
            documents,
            issuers,
            models,
            term_report_documents,
        )
        from elections.views import audit_stage_changes
        from neighborhoods import audit_sources

        # A change of stage is recorded by its StageChange row (who, when, from, to, why), which
        # the audit log lists beside the entries (elections.views.audit_stage_changes): the
        # election's own entry would repeat it, with the version and time stamp every write bumps.
        auditlog.register(models.Election, exclude_fields=["stage", "version", "updated_at"])
        audit_sources.register(audit_stage_changes.STAGE_CHANGES)
        for model in (
            models.Plan,
            models.Contest,
            models.TeamMember,
            models.Candidate,
            models.Complaint,
            models.Attendance,
            models.HouseholdBallot,
            models.TallyEntry,
            models.ContestResult,
            models.Decision,
            models.ListComment,
            models.RecordCorrection,
            models.BallotRound,
            models.BoardMeeting,
            models.BoardNotice,
            models.ClusterPlan,
            models.Cluster,
            models.ClusterHousehold,
            models.ListConference,
            models.Tenure,
            models.Vacancy,
            models.ReorganisationTerm,
            models.BoardRelease,
            models.ByElectionGuidance,
            models.HeadReleaseRequest,
            models.Budget,
            models.BudgetLine,
            models.Commendation,
            models.Commendee,
            models.TermReport,
            models.FinanceStatement,
            models.FinanceLine,
            models.AgendaHearing,
            # issue 16 item 10: signed copies and the ward's check of each
            models.SignedCopy,
            models.SignedCopyReview,
            # issue 18: the doors knocked on while the meeting waited for households
            models.MobilisationVisit,
            # issue 18: each invitation handed in at a door
            models.InvitationDelivery,
        ):
            auditlog.register(model)
        # The meter's version is a cache key, not a fact of the sitting: the check-ins are audited.
        auditlog.register(models.Meeting, exclude_fields=["attendance_version"])
        documents.register_all()
        count_documents.register_all()
        board_documents.register_all()
        budget_documents.register_all()
        commendation_documents.register_all()
        board_term_documents.register_all()
        term_report_documents.register_all()
        issuers.attach_all()
        # The map's reorganisation page links to the posts' page (issue 14).
        from elections.views.vacancies import reorganisation_links
        from neighborhoods.reorganisation_page import register_reorganisation_links

        register_reorganisation_links(reorganisation_links)
        # --- the public page for residents (issue 16) ---
        # The ward's and each khu phố's page link to the public page residents read.
        from elections.views.public import public_page_panels
        from neighborhoods.ward_page import register_division_panels

        register_division_panels(public_page_panels)
