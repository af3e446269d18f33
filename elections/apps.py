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
            commendation_documents,  # h7
            count_documents,
            documents,
            issuers,
            models,
        )

        for model in (
            models.Plan,
            models.Election,
            models.Contest,
            models.TeamMember,
            models.Candidate,
            models.Complaint,
            models.Meeting,
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
            models.Commendation,
            models.Commendee,
        ):
            auditlog.register(model)
        documents.register_all()
        count_documents.register_all()
        board_documents.register_all()
        commendation_documents.register_all()
        issuers.attach_all()
