"""Read scale-out: with a replica configured, the roll-ups read there and nothing else does.

The replica here is a second connection to the test database under the alias ``replica``, as
``DATABASE_REPLICA_URL`` adds one: a streaming replica holds the same rows as the primary.
"""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from elections.models import Election
from neighborhoods.models import Division
from tests.reporting.test_dashboard import recognised  # noqa: F401  (a fixture)
from wardvote.replica import REPLICA, ReadReplicaRouter, reads_from_replica

ELECTIONS_TABLE = f'"{Election._meta.db_table}"'


@pytest.fixture(scope="module", autouse=True)
def replica_alias(django_db_setup, django_db_blocker):
    """The alias exists before each test's database set-up, which checks the aliases it may use."""
    connections.settings[REPLICA] = dict(connections["default"].settings_dict)
    yield
    with django_db_blocker.unblock():
        connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]


@pytest.fixture
def replica():
    return connections[REPLICA]


WITH_REPLICA = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


def tables_read(queries) -> str:
    return " ".join(query["sql"] for query in queries)


def test_without_a_replica_every_read_stays_on_the_primary(db, settings):
    del connections.settings[REPLICA]
    try:
        with reads_from_replica():
            assert ReadReplicaRouter().db_for_read(Election) is None
            assert Division.objects.all().db == "default"
    finally:
        connections.settings[REPLICA] = dict(connections["default"].settings_dict)


@WITH_REPLICA
def test_inside_the_block_reads_go_to_the_replica_and_writes_and_locks_to_the_primary():
    with reads_from_replica():
        assert Election.objects.all().db == REPLICA
        assert Election.objects.select_for_update().db == "default"
        assert ReadReplicaRouter().db_for_write(Election) == "default"
    assert Election.objects.all().db == "default"  # outside the block, the primary again
    assert not ReadReplicaRouter().allow_migrate(REPLICA, "elections")


@WITH_REPLICA
@pytest.mark.usefixtures("recognised")
def test_the_dashboards_and_the_json_read_their_figures_on_the_replica_and_check_access_on_the_primary(
    replica,
    hcm_map,
    personas,
    login,  # noqa: F811
):
    client = login(personas.binhthanh_noivu)
    pages = [
        reverse("reporting:dashboard", args=[hcm_map.p22.pk]),
        reverse("reporting:statistics", args=[hcm_map.p22.pk]),
        reverse("api_progress", args=[hcm_map.p22.code]) + "?map=" + hcm_map.p22.map_edition,
    ]
    for url in pages:
        with (
            CaptureQueriesContext(connections["default"]) as primary,
            CaptureQueriesContext(replica) as on_replica,
        ):
            response = client.get(url)
        assert response.status_code == 200, url
        assert ELECTIONS_TABLE in tables_read(on_replica.captured_queries), url
        assert ELECTIONS_TABLE not in tables_read(primary.captured_queries), url
        assert "auth_user" in tables_read(primary.captured_queries)  # the session's user, on the primary
    dashboard = client.get(pages[0]).content.decode()
    assert 'data-testid="completion">1 (33,3 %)' in dashboard


@WITH_REPLICA
@pytest.mark.usefixtures("recognised")
def test_a_division_the_user_may_not_read_is_refused_before_the_replica_is_asked(
    replica,
    hcm_map,
    personas,
    login,  # noqa: F811
):
    client = login(personas.p25_ubnd)
    with CaptureQueriesContext(replica) as on_replica:
        assert client.get(reverse("reporting:dashboard", args=[hcm_map.p22.pk])).status_code == 404
    assert on_replica.captured_queries == []
