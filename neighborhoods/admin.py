"""The Django admin's user pages, keeping the record of who chose each password."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import transaction

from neighborhoods.models import Account
from neighborhoods.services.staff import password_owner_set_record, password_reset_record

User = get_user_model()


class WardvoteUserAdmin(UserAdmin):
    """An account added or a password reset here must be replaced by its holder at next login."""

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            Account.objects.create(user=obj, created_by=request.user, must_set_password=True)

    @transaction.atomic
    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        user = self.get_object(request, unquote(id))
        # A redirect after a POST for an existing user means the new password was saved.
        if request.method == "POST" and response.status_code == 302 and user is not None:
            if user.pk != request.user.pk:
                password_reset_record(by=request.user, user=user)
            else:
                password_owner_set_record(user=user)
        return response


admin.site.unregister(User)
admin.site.register(User, WardvoteUserAdmin)
