"""While a khu phố has no head: the vacancy's page and the ward's decisions on it; carrying a
recorded reorganisation into the posts (issue 14)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from elections import count_documents
from elections.forms import vacancies as forms
from elections.forms.count import ServiceForm
from elections.models import OfficePost, TenureKind
from elections.selectors import fetch
from elections.selectors.plans import vacancy_line
from elections.selectors.tenures import serving_head
from elections.selectors.vacancies import (
    new_election_problems,
    reorganisation_effects,
    stand_in_problems,
    vacancy_decisions,
)
from elections.services import reorganisations, vacancies
from elections.views.contexts import take_decision
from reporting.services import latest_document
from wardvote import access
from wardvote.messages import message_form_errors, message_validation_errors
from wardvote.once import one_submission
from wardvote.types import AuthenticatedHttpRequest, StrOrPromise

# The ward's decisions on a vacant head's post: action → (form, service, success message).
VACANCY_DECISIONS: dict[str, tuple[type[ServiceForm], Callable[..., object], StrOrPromise]] = {
    "interim_head": (
        forms.VacancyInterimHeadForm,
        vacancies.vacancy_interim_head_appoint,
        gettext_lazy("Đã cử Trưởng khu phố lâm thời."),
    ),
    "convener": (
        forms.ConvenerForm,
        vacancies.convener_designate,
        gettext_lazy("Đã chỉ định người triệu tập cuộc họp của khu phố."),
    ),
    "new_election": (
        forms.NewElectionForm,
        vacancies.new_election_decide,
        gettext_lazy("Đã quyết định tổ chức bầu Trưởng khu phố mới."),
    ),
}


@login_required
@require_GET
def vacancy_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    vacancy = fetch.get_vacancy_for(request.user, pk)
    today = timezone.localdate()
    can_manage = access.can(request.user, access.MANAGE_ELECTIONS, vacancy.neighborhood)
    offered = {}
    if can_manage and vacancy.post == OfficePost.HEAD:
        # Each form only when it can succeed today (a form that can only fail is not shown).
        offered = {
            "interim_head": not stand_in_problems(vacancy, TenureKind.INTERIM, today),
            "convener": not stand_in_problems(vacancy, TenureKind.CONVENER, today),
            "new_election": not new_election_problems(vacancy, today),
        }
    return render(
        request,
        "elections/vacancy_detail.html",
        {
            "vacancy": vacancy,
            "line": vacancy_line(vacancy, today),
            "serving": serving_head(vacancy.neighborhood),
            "decisions": [
                (d, latest_document(kind=count_documents.DECISION, source=d), can_manage)
                for d in vacancy_decisions(vacancy)
            ],
            "forms": {
                action: form(prefix=action)
                for action, (form, *_rest) in VACANCY_DECISIONS.items()
                if offered.get(action)
            },
        },
    )


@login_required
@require_POST
@one_submission
def vacancy_decide(request: AuthenticatedHttpRequest, pk: int, action: str) -> HttpResponse:
    vacancy = fetch.get_vacancy_for(request.user, pk, access.MANAGE_ELECTIONS)
    take_decision(request, VACANCY_DECISIONS, action, vacancy=vacancy)
    return redirect("elections:vacancy_detail", pk=vacancy.pk)


@login_required
@require_GET
def reorganisation_term(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    reorganisation = fetch.get_reorganisation_for(request.user, pk)
    effects = reorganisation_effects(reorganisation)
    can_manage = access.can(request.user, access.MANAGE_ELECTIONS, reorganisation.ward)
    can_apply = can_manage and not effects.problems
    return render(
        request,
        "elections/reorganisation_term.html",
        {
            "reorganisation": reorganisation,
            "effects": effects,
            "form": forms.ReorganisationApplyForm() if can_apply else None,
        },
    )


@login_required
@require_POST
@one_submission
def reorganisation_apply(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    reorganisation = fetch.get_reorganisation_for(request.user, pk, access.MANAGE_ELECTIONS)
    form = forms.ReorganisationApplyForm(request.POST)
    if not form.is_valid():
        message_form_errors(request, form)
    else:
        try:
            opened = reorganisations.reorganisation_apply(by=request.user, reorganisation=reorganisation)
        except ValidationError as error:
            message_validation_errors(request, error)
        else:
            done = _("Đã áp dụng nghị quyết cho các chức danh; %(count)s vị trí khuyết.")
            messages.success(request, done % {"count": len(opened)})
    return redirect("elections:reorganisation_term", pk=reorganisation.pk)


def reorganisation_links(user, reorganisation) -> list[tuple[str, str]]:
    """The link from the map's reorganisation page to its posts' page
    (``neighborhoods.reorganisation_page``)."""
    return [
        (
            _("Người giữ chức danh và bầu cử của các khu phố theo nghị quyết này"),
            reverse("elections:reorganisation_term", args=[reorganisation.pk]),
        )
    ]
