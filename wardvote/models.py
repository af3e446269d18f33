from django.conf import settings
from django.db import models


class FormSubmission(models.Model):
    """A create form's one-time token, consumed by its first submission.

    The unique token makes a second submission of the same form (a double-click, a
    repeat, a resent request) fail to insert; it is sent to ``result_url`` instead.
    """

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    result_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return self.result_url
