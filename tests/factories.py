"""Factories for the domain records the tests build on."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from elections.models import Meeting
from elections.selectors.signed_copies import COUNTING_MINUTES
from neighborhoods.models import Account, Division, Household, Level, StaffAssignment
from neighborhoods.services.divisions import division_create
from reporting.models import DocumentState, DocumentStatus, StoredDocument

PASSWORD = "wardvote-demo"


def make_division(parent: Division | None, level: str, name: str, type_word: str, code: str = "") -> Division:
    return division_create(
        level=level,
        name=name,
        type_word=type_word,
        parent=parent,
        code=code,
        map_edition="2024" if code else "",
    )


def make_neighborhood(ward: Division, number: int) -> Division:
    return make_division(ward, Level.NEIGHBORHOOD, f"Khu phố {number}", "Khu phố")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")

    @factory.post_generation
    def password(user, create, extracted, **kwargs):
        user.set_password(extracted or PASSWORD)
        if create:
            user.save(update_fields=["password"])

    @factory.post_generation
    def own_password(user, create, extracted, **kwargs):
        """Like the demo logins, a test's user has chosen its own password, unless
        ``own_password=False``: then it must set one at its first login."""
        if not create:
            return
        owner_set = extracted is not False
        Account.objects.update_or_create(
            user=user,
            defaults={
                "must_set_password": not owner_set,
                "password_set_by_owner_at": timezone.now() if owner_set else None,
            },
        )


def make_staff(username: str, division: Division, role: str, **extra):
    user = UserFactory(username=username, **extra)
    StaffAssignment.objects.create(user=user, division=division, role=role)
    return user


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    neighborhood = None
    ward = factory.LazyAttribute(lambda o: o.neighborhood.parent)
    code = factory.Sequence(lambda n: f"HGD{n:05d}")
    head_name = factory.Faker("name", locale="vi_VN")
    address = factory.Faker("street_address", locale="vi_VN")
    member_count = 4


# The demo as the real campaign ran it: Phường 22's plan of 07/10/2024 (``seed_demo --as-of``).
HISTORICAL = ("--as-of", "2024-10-07")


def paper_out(division, *, plan=None, practice: bool = False) -> StoredDocument:
    """An issued form 02 lying in ``division`` (of ``plan``'s campaign), not yet back signed."""
    return StoredDocument.objects.create(
        kind=COUNTING_MINUTES,
        title="Biên bản kiểm phiếu (mẫu 02)",
        template_name="documents/elections/counting_minutes.html",
        source_type=ContentType.objects.get_for_model(Meeting),
        source_id="1",
        division=division,
        source_fingerprint="0" * 64,
        status=DocumentStatus.READY,
        state=DocumentState.ISSUED,
        plan=plan,
        practice=practice,
    )
