from neighborhoods.models import Division
from neighborhoods.selectors import divisions_for
from wardvote import access


def test_subtree_of_a_ward_is_the_ward_and_its_khu_pho(hcm_map):
    names = set(Division.objects.subtree(hcm_map.p22).values_list("name", flat=True))
    assert names == {"Phường 22", "Khu phố 1", "Khu phố 2", "Khu phố 3"}


def test_subtree_is_one_query(hcm_map, django_assert_num_queries):
    with django_assert_num_queries(1):
        list(Division.objects.subtree(hcm_map.binh_thanh))


def test_ward_official_reaches_only_their_own_ward(personas, hcm_map):
    user = personas.p22_ubnd
    assert access.can(user, access.MANAGE_REGISTER, hcm_map.kp1)
    assert not access.can(user, access.READ, hcm_map.p25_kp1)
    assert not access.can(user, access.READ, hcm_map.binh_thanh)


def test_district_officer_reads_but_never_manages_the_register(personas, hcm_map):
    user = personas.binhthanh_noivu
    assert access.can(user, access.READ, hcm_map.kp1)
    assert access.can(user, access.READ, hcm_map.p25_kp1)
    assert not access.can(user, access.MANAGE_REGISTER, hcm_map.kp1)


def test_election_team_member_sees_only_their_khu_pho(personas, hcm_map):
    user = personas.p22_kp1_tobaucu
    visible = set(divisions_for(user).values_list("name", flat=True))
    assert visible == {"Khu phố 1"}


def test_anonymous_reaches_nothing(hcm_map):
    from django.contrib.auth.models import AnonymousUser

    assert not divisions_for(AnonymousUser()).exists()
