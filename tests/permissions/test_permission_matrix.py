"""Every URL of the application, requested as every role.

A page is listed once with the roles that may use it; every other role must get
404 (or 403) -- never the page, never a hint that the object exists -- and the
anonymous visitor is sent to the login page. Objects are those of Phường 22, so
the same rows double as the guessed-id (IDOR) attempts of Phường 25's official.
A test at the end fails when a URL of the project is missing from the matrix.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ROLES = [
    "anonymous", "admin", "hcm_noivu", "hcm_mttq", "binhthanh_noivu", "binhthanh_mttq",
    "p22_ubnd", "p22_mttq", "p22_kp1_tobaucu", "p25_ubnd",
]
EVERYONE = frozenset(ROLES) - {"anonymous"}
# Everyone who may read Phường 22 (its khu phố 1 for the election team).
P22_READERS = frozenset(
    {"admin", "hcm_noivu", "hcm_mttq", "binhthanh_noivu", "binhthanh_mttq", "p22_ubnd", "p22_mttq"}
)
P22_KP1_READERS = P22_READERS | {"p22_kp1_tobaucu"}
P22_REGISTER_WRITERS = frozenset({"admin", "p22_ubnd"})


@dataclass(frozen=True)
class Page:
    name: str
    allowed: frozenset[str]
    kwargs: Callable[[object], dict] = field(default=lambda world: {})
    method: str = "get"
    data: Callable[[object], dict] = field(default=lambda world: {})
    public: bool = False  # no login needed


# URL names served by libraries or used only as plumbing; covered elsewhere.
NOT_IN_MATRIX = {
    "login", "logout", "set_language", "healthz",  # tested in tests/wardvote
}
ADMIN_NAMESPACE = "admin"

PAGES: list[Page] = [
    Page("home", EVERYONE),
    Page("neighborhoods:division_detail", P22_READERS, lambda w: {"pk": w.map.p22.pk}),
    Page("neighborhoods:division_detail", P22_KP1_READERS, lambda w: {"pk": w.map.kp1.pk}),
    Page("reporting:document_download", P22_READERS, lambda w: {"pk": w.document.pk}),
    Page("reporting:document_status", P22_READERS, lambda w: {"pk": w.document.pk}),
]


def _all_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == ADMIN_NAMESPACE:
                    continue
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns)
    return names


def test_every_url_of_the_project_is_in_the_matrix():
    covered = {page.name for page in PAGES} | NOT_IN_MATRIX
    missing = sorted(_all_url_names() - covered)
    assert missing == [], f"URLs without a row in the permission matrix: {missing}"


@pytest.fixture
def world(personas, hcm_map, households, django_capture_on_commit_callbacks):
    from types import SimpleNamespace

    from reporting.documents import register
    from reporting.services import document_request
    from tests.reporting.conftest import SPECIMEN

    register(SPECIMEN)
    with django_capture_on_commit_callbacks(execute=True):
        document = document_request(kind="specimen", source=hcm_map.p22)
    return SimpleNamespace(personas=personas, map=hcm_map, households=households, document=document)


def _request(client, page: Page, world):
    url = reverse(page.name, kwargs=page.kwargs(world))
    if page.method == "post":
        return client.post(url, page.data(world))
    return client.get(url)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES, ids=[f"{i:02d}-{p.method}-{p.name}" for i, p in enumerate(PAGES)])
def test_permission_matrix(client, world, page: Page, role: str):
    if role != "anonymous":
        client.force_login(getattr(world.personas, role), backend="django.contrib.auth.backends.ModelBackend")
    response = _request(client, page, world)

    if role in page.allowed or page.public:
        expected = {200} if page.method == "get" else {200, 302}
        assert response.status_code in expected, f"{role} should be able to use {page.name}"
    elif role == "anonymous":
        assert response.status_code == 302
        assert reverse("login") in response["Location"]
    else:
        assert response.status_code in {403, 404}, f"{role} must not reach {page.name}"
        body = response.content.decode()
        for household in world.households[:3]:
            assert household.head_name not in body
