"""The Django admin, for the system administrator: a plan's rule overrides live here."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from elections import rules
from elections.models import Plan


class PlanAdminForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = [
            "division",
            "level",
            "parent",
            "number",
            "issued_on",
            "title",
            "issuing_bodies",
            "signers",
            "legal_basis",
            "term_start_year",
            "term_end_year",
            "elects_head",
            "elects_inspection_board",
            "completion_deadline",
            "rule_overrides",
        ]
        help_texts = {
            "rule_overrides": _(
                'Ví dụ: {"rerun_window_days": 30}. '
                "Tên và giá trị mặc định: xem elections/rules.py (RuleSettings)."
            )
        }

    def clean_rule_overrides(self):
        overrides = self.cleaned_data["rule_overrides"] or {}
        rules.RuleSettings.from_overrides(overrides)  # its ValidationError lands on this field
        return overrides


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    form = PlanAdminForm
    list_display = ("number", "division", "level", "issued_on", "completion_deadline")
    search_fields = ("number", "title")
    raw_id_fields = ("division", "parent")
