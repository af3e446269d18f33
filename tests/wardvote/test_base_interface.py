import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.factories import PASSWORD

TEMPLATES = Path(settings.BASE_DIR) / "templates"
LOCALE_PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_login_page_is_in_vietnamese(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "Đăng nhập" in response.content.decode()


def test_wrong_password_is_refused_in_vietnamese(client, personas):
    response = client.post(reverse("login"), {"username": "p22.ubnd", "password": "sai-mat-khau"})
    assert response.status_code == 200
    assert "mật khẩu chính xác" in response.content.decode()


def test_anonymous_visitor_is_sent_to_the_login_page(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_home_shows_the_role_and_division_of_the_user(client, personas):
    client.post(reverse("login"), {"username": "p22.ubnd", "password": PASSWORD})
    page = client.get(reverse("home")).content.decode()
    assert "Cán bộ UBND phường" in page
    assert "Phường 22" in page


def test_missing_page_answers_in_vietnamese(login, personas):
    response = login(personas.p22_ubnd).get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode()


def test_english_is_selectable(client, personas):
    client.post(reverse("login"), {"username": "p22.ubnd", "password": PASSWORD})
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("home")).content.decode()
    assert "Ward official" in page
    assert "Log out" in page


def test_dates_are_written_day_month_year_in_both_languages():
    import datetime

    from django.template import Context, Template
    from django.utils import translation

    template = Template("{{ day|date }}|{{ day|date:'SHORT_DATE_FORMAT' }}")
    for language in ("vi", "en"):
        with translation.override(language):
            assert template.render(Context({"day": datetime.date(2024, 10, 7)})) == "07/10/2024|07/10/2024"


def test_static_assets_are_vendored_not_loaded_from_the_internet():
    base = (TEMPLATES / "base.html").read_text(encoding="utf-8")
    for asset in (
        "vendor/bootstrap-5.3.9/bootstrap.min.css",
        "vendor/bootstrap-5.3.9/bootstrap.bundle.min.js",
        "vendor/htmx-2.0.11/htmx.min.js",
        "css/wardvote.css",
    ):
        assert f"{{% static '{asset}' %}}" in base, asset
    for licence in ("vendor/bootstrap-5.3.9/LICENSE", "vendor/htmx-2.0.11/LICENSE"):
        assert finders.find(licence), licence
    # Every asset any template asks for is one of our own files.
    referenced = {
        name
        for path in TEMPLATES.rglob("*.html")
        for name in re.findall(r"""\{% static ['"]([^'"]+)['"] %\}""", path.read_text(encoding="utf-8"))
    }
    assert referenced
    assert [name for name in sorted(referenced) if not finders.find(name)] == []
    external = re.compile(r"""(src|href)=["']https?://|@import\s+url\(["']?https?://""")
    offenders = [str(p) for p in TEMPLATES.rglob("*.html") if external.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_every_english_message_is_translated():
    entries = re.findall(r'^msgid "(.+)"\nmsgstr "(.*)"$', LOCALE_PO.read_text(encoding="utf-8"), re.M)
    assert entries
    assert [source for source, translation in entries if not translation] == []
    assert "#, fuzzy" not in LOCALE_PO.read_text(encoding="utf-8")


def test_repeated_wrong_passwords_lock_the_account(client, personas):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "p22.ubnd", "password": "sai"})
    response = client.post(reverse("login"), {"username": "p22.ubnd", "password": PASSWORD})
    assert response.status_code == 429
    assert "Tài khoản tạm khóa" in response.content.decode()


def test_people_are_greeted_in_vietnamese_name_order(login, personas):
    user = personas.p22_ubnd
    user.last_name, user.first_name = "Nguyễn Văn", "Hùng"
    user.save()
    page = login(user).get(reverse("home")).content.decode()
    assert "Xin chào, Nguyễn Văn Hùng" in page


HOME_ACTION = re.compile(r'class="list-group-item list-group-item-action" href="([^"]+)"')


def test_every_link_on_the_home_page_opens_for_the_person_who_sees_it(login, personas, kp1_election):
    for persona in vars(personas).values():
        client = login(persona)
        page = client.get(reverse("home")).content.decode()
        links = HOME_ACTION.findall(page)
        assert links, persona.username
        for url in [*links, reverse("elections:plan_list")]:
            assert client.get(url).status_code == 200, (persona.username, url)
        client.logout()


def test_home_offers_each_role_only_what_it_may_do(login, personas, kp1_election):
    ward = login(personas.p22_ubnd).get(reverse("home")).content.decode()
    assert "Nhập sổ hộ từ tệp Excel" in ward
    assert "Phân công cán bộ" in ward
    assert "Ngày họp: điểm danh hộ gia đình" not in ward

    front = login(personas.p22_mttq).get(reverse("home")).content.decode()
    assert "Xem sổ hộ gia đình" in front
    assert "Nhập sổ hộ từ tệp Excel" not in front
    assert "Phân công cán bộ" not in front
    assert "Xem các lần sắp xếp khu phố" in front
    assert "Sắp xếp khu phố (thành lập" not in front

    team = login(personas.p22_kp1_tobaucu).get(reverse("home")).content.decode()
    assert reverse("elections:meeting_page", args=[kp1_election.pk]) in team
    assert "Khu phố 1, Phường 22" in team

    city = login(personas.hcm_mttq).get(reverse("home")).content.decode()
    assert "Xem sổ hộ gia đình" not in city
    assert "Xem địa bàn và các đơn vị trực thuộc" in city


def test_election_team_without_an_election_is_not_offered_meeting_day(login, personas):
    page = login(personas.p22_kp1_tobaucu).get(reverse("home")).content.decode()
    assert "Ngày họp" not in page


def test_forbidden_page_answers_in_vietnamese(rf, personas):
    from wardvote.views import forbidden

    request = rf.get("/")
    request.user = personas.p22_ubnd
    response = forbidden(request)
    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.content.decode()


def test_server_error_page_needs_neither_a_request_nor_the_database():
    from django.template.loader import render_to_string

    # No database fixture here: any query while rendering would raise.
    page = render_to_string("500.html")
    assert "Lỗi hệ thống" in page
    assert 'lang="vi"' in page


def test_the_csrf_token_htmx_sends_from_every_page_is_accepted(personas):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.p22_ubnd, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("home")).content.decode()
    assert "htmx.min.js" in page
    token = re.search(r"""hx-headers='\{"X-CSRFToken": "([^"]+)"\}'""", page).group(1)

    refused = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    accepted = client.post(
        reverse("set_language"), {"language": "en", "next": "/"}, headers={"X-CSRFToken": token}
    )
    assert refused.status_code == 403
    assert accepted.status_code == 302


def test_header_names_the_person_their_role_and_division_and_offers_logout(login, personas):
    page = login(personas.p22_kp1_tobaucu).get(reverse("home")).content.decode()
    assert "Bầu cử Trưởng khu phố và Ban Thanh tra nhân dân" in page
    assert 'data-testid="current-assignment"' in page
    assert "Tổ bầu cử · Khu phố 1" in page
    assert f'action="{reverse("logout")}"' in page
    assert f'action="{reverse("set_language")}"' in page


def test_the_500_handler_needs_no_database(rf, django_assert_num_queries, db):
    from wardvote.views import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Lỗi hệ thống" in response.content.decode()
