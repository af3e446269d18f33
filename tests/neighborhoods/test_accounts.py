"""Separation of duties on accounts: nobody gives themself a role, and whoever chose a
password (creating the account or resetting it) cannot keep using it, because its holder
must set their own at first login before anything else."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from neighborhoods.models import Account, Role, StaffAssignment
from neighborhoods.services.staff import assignment_create, password_reset, staff_user_create
from tests.factories import PASSWORD, make_staff
from tests.forms import with_token
from wardvote.templatetags.wardvote_tags import vn_name

TEMPORARY = "Bau-cu-2024-kp3"
OWN = "Hoa-sen-no-tren-ao-29"


def create_through_the_page(client, hcm_map, **changes):
    data = {
        "new-username": "p22.kp3.tobaucu",
        "new-full_name": "Trương Thị Lan",
        "new-password": TEMPORARY,
        "new-division": hcm_map.kp3.pk,
        "new-role": Role.ELECTION_TEAM,
        **changes,
    }
    return client.post(reverse("neighborhoods:staff_list", args=[hcm_map.p22.pk]), with_token(data, "new"))


def log_in(client, username: str, password: str):
    client.logout()
    return client.post(reverse("login"), {"username": username, "password": password})


def set_own_password(client, old: str, new: str = OWN):
    return client.post(
        reverse("password_change"),
        {"old_password": old, "new_password1": new, "new_password2": new},
    )


# --- Nobody assigns a role to themself -------------------------------------------------


def test_a_ward_official_cannot_give_itself_the_election_team_role(personas, hcm_map):
    with pytest.raises(ValidationError, match="Không ai tự giao vai trò cho chính mình"):
        assignment_create(
            by=personas.p22_ubnd, user=personas.p22_ubnd, division=hcm_map.kp1, role=Role.ELECTION_TEAM
        )
    assert not StaffAssignment.objects.filter(user=personas.p22_ubnd, role=Role.ELECTION_TEAM).exists()


def test_the_system_administrator_cannot_give_itself_a_role_either(personas, hcm_map):
    with pytest.raises(ValidationError, match="Không ai tự giao vai trò cho chính mình"):
        assignment_create(
            by=personas.admin, user=personas.admin, division=hcm_map.p22, role=Role.WARD_OFFICIAL
        )


def test_the_staff_page_does_not_offer_oneself_and_refuses_a_forged_self_assignment(login, personas, hcm_map):
    client = login(personas.p22_ubnd)
    url = reverse("neighborhoods:staff_list", args=[hcm_map.p22.pk])
    page = client.get(url).content.decode()
    offered = re.search(r'<select name="assign-user".*?</select>', page, re.S).group()
    assert "p22.kp1.tobaucu" in offered and "p22.ubnd" not in offered
    response = client.post(
        url,
        with_token(
            {
                "assign-user": personas.p22_ubnd.pk,
                "assign-division": hcm_map.kp1.pk,
                "assign-role": "election_team",
            },
            "assign",
        ),
    )
    assert response.status_code == 200
    assert not StaffAssignment.objects.filter(user=personas.p22_ubnd, role=Role.ELECTION_TEAM).exists()


# --- The audit shows who created and assigned whom ------------------------------------


def test_the_audit_shows_who_created_the_account_and_who_assigned_it(login, personas, hcm_map):
    client = login(personas.p22_ubnd)
    assert create_through_the_page(client, hcm_map).status_code == 302
    newcomer = StaffAssignment.objects.get(user__username="p22.kp3.tobaucu")
    assert newcomer.assigned_by == personas.p22_ubnd
    assert Account.objects.get(user=newcomer.user).created_by == personas.p22_ubnd

    # People are named as people, in Vietnamese order; an empty value is a dash, not "None".
    page = client.get(reverse("neighborhoods:audit_log", args=[hcm_map.p22.pk])).content.decode()
    official, newcomer_name = vn_name(personas.p22_ubnd), vn_name(newcomer.user)
    assert newcomer_name != newcomer.user.username
    assert f"Người tạo tài khoản:</span> — → <strong>{official}</strong>" in page
    assert f"Người giao:</span> — → <strong>{official}</strong>" in page
    assert f"Người dùng:</span> — → <strong>{newcomer_name}</strong>" in page
    assert "None" not in page


# --- A new account sets its own password before anything else ------------------------


def test_a_new_account_must_set_its_own_password_before_doing_anything_else(login, personas, hcm_map, client):
    create_through_the_page(login(personas.p22_ubnd), hcm_map)

    # Its creator knows the first password and logs in with it: it can only replace it.
    response = log_in(client, "p22.kp3.tobaucu", TEMPORARY)
    assert response.status_code == 302
    for url in (
        reverse("home"),
        reverse("neighborhoods:division_detail", args=[hcm_map.kp3.pk]),
        reverse("elections:plan_list"),
        "/quan-tri/",
    ):
        assert client.get(url)["Location"] == reverse("password_change"), url
    assert client.post(reverse("neighborhoods:household_list", args=[hcm_map.kp3.pk])).status_code == 302
    page = client.get(reverse("password_change")).content.decode()
    assert "Đặt mật khẩu của riêng bạn" in page and "do người khác đặt cho bạn" in page

    # Logging out stays open.
    assert client.post(reverse("logout")).status_code == 302
    log_in(client, "p22.kp3.tobaucu", TEMPORARY)
    assert set_own_password(client, TEMPORARY).status_code == 302
    account = Account.objects.get(user__username="p22.kp3.tobaucu")
    assert account.password_set_by_owner_at is not None and not account.must_set_password
    assert client.get(reverse("home")).status_code == 200

    # The first password is gone.
    assert log_in(client, "p22.kp3.tobaucu", TEMPORARY).status_code == 200
    assert log_in(client, "p22.kp3.tobaucu", OWN)["Location"] == reverse("home")


def test_the_own_password_cannot_be_the_one_someone_else_chose(login, personas, hcm_map, client):
    create_through_the_page(login(personas.p22_ubnd), hcm_map)
    log_in(client, "p22.kp3.tobaucu", TEMPORARY)
    response = set_own_password(client, TEMPORARY, new=TEMPORARY)
    assert response.status_code == 200
    assert "Mật khẩu mới phải khác mật khẩu đang dùng" in response.content.decode()
    assert Account.objects.get(user__username="p22.kp3.tobaucu").must_set_password


def test_an_account_made_without_an_own_password_is_held_at_the_password_page(login, hcm_map):
    user = make_staff("p22.kp2.moi", hcm_map.kp2, Role.ELECTION_TEAM, own_password=False)
    client = login(user)
    assert client.get(reverse("home"))["Location"] == reverse("password_change")
    assert set_own_password(client, PASSWORD).status_code == 302
    assert client.get(reverse("home")).status_code == 200


# --- Resets by a manager or an administrator ------------------------------------------


def test_a_password_reset_by_the_ward_must_be_replaced_by_its_holder(login, personas, hcm_map, client):
    response = login(personas.p22_ubnd).post(
        reverse("neighborhoods:staff_password_reset", args=[hcm_map.p22.pk]),
        {"reset-user": personas.p22_kp1_tobaucu.pk, "reset-password": TEMPORARY},
    )
    assert response.status_code == 302
    account = Account.objects.get(user=personas.p22_kp1_tobaucu)
    assert account.must_set_password and account.password_set_by_owner_at is None
    assert account.password_reset_by == personas.p22_ubnd

    log_in(client, "p22.kp1.tobaucu", TEMPORARY)
    assert client.get(reverse("home"))["Location"] == reverse("password_change")
    set_own_password(client, TEMPORARY)
    assert client.get(reverse("home")).status_code == 200


def test_a_reset_in_the_django_admin_must_be_replaced_by_its_holder(login, personas):
    response = login(personas.admin).post(
        reverse("admin:auth_user_password_change", args=[personas.p22_mttq.pk]),
        {"password1": TEMPORARY, "password2": TEMPORARY, "usable_password": "true"},
    )
    assert response.status_code == 302
    account = Account.objects.get(user=personas.p22_mttq)
    assert account.must_set_password and account.password_reset_by == personas.admin


def test_an_account_added_in_the_django_admin_must_set_its_own_password(login, personas):
    response = login(personas.admin).post(
        reverse("admin:auth_user_add"),
        {"username": "p22.moi", "password1": TEMPORARY, "password2": TEMPORARY, "usable_password": "true"},
    )
    assert response.status_code == 302
    account = Account.objects.get(user__username="p22.moi")
    assert account.must_set_password and account.created_by == personas.admin


def test_a_ward_cannot_reset_the_password_of_someone_above_it(personas):
    with pytest.raises(ValidationError, match="không thể đặt lại mật khẩu"):
        password_reset(by=personas.p22_ubnd, user=personas.binhthanh_noivu, password=TEMPORARY)
    with pytest.raises(ValidationError, match="không thể đặt lại mật khẩu"):
        password_reset(by=personas.p22_ubnd, user=personas.p25_ubnd, password=TEMPORARY)
    assert not Account.objects.get(user=personas.binhthanh_noivu).must_set_password


def test_a_reset_password_must_pass_the_validators(login, personas, hcm_map):
    client = login(personas.p22_ubnd)
    response = client.post(
        reverse("neighborhoods:staff_password_reset", args=[hcm_map.p22.pk]),
        {"reset-user": personas.p22_mttq.pk, "reset-password": "12345678"},
        follow=True,
    )
    assert "Mật khẩu này quá phổ biến" in response.content.decode()
    assert not Account.objects.get(user=personas.p22_mttq).must_set_password
    assert personas.p22_mttq.check_password(PASSWORD)


# --- Every user changes their own password --------------------------------------------


def test_every_user_can_change_their_own_password(personas, client):
    log_in(client, "binhthanh.mttq", PASSWORD)
    assert "Đổi mật khẩu" in client.get(reverse("home")).content.decode()
    refused = set_own_password(client, "not-my-password")
    assert refused.status_code == 200 and "Mật khẩu cũ không chính xác" in refused.content.decode()
    assert set_own_password(client, PASSWORD)["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200  # still logged in
    assert log_in(client, "binhthanh.mttq", OWN)["Location"] == reverse("home")


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Ab-1", "Mật khẩu quá ngắn"),
        ("password123", "Mật khẩu này quá phổ biến"),
        ("p22.mttq.1", "Mật khẩu quá giống với"),
        ("8402751963", "Mật khẩu này hoàn toàn là số"),
    ],
)
def test_django_password_validators_refuse_a_weak_own_password(personas, client, password, message):
    log_in(client, "p22.mttq", PASSWORD)
    response = set_own_password(client, PASSWORD, new=password)
    assert response.status_code == 200 and message in response.content.decode()
    assert personas.p22_mttq.check_password(PASSWORD)


def test_a_new_account_with_a_password_like_its_name_is_refused(personas, hcm_map):
    with pytest.raises(ValidationError, match="quá giống"):
        staff_user_create(
            by=personas.p22_ubnd,
            username="truongthilan",
            full_name="Trương Thị Lan",
            password="truongthilan1",
            division=hcm_map.kp3,
            role=Role.ELECTION_TEAM,
        )
