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
    for asset in (
        "vendor/bootstrap-5.3.9/bootstrap.min.css",
        "vendor/bootstrap-5.3.9/bootstrap.bundle.min.js",
        "vendor/htmx-2.0.11/htmx.min.js",
        "css/wardvote.css",
    ):
        assert finders.find(asset), asset
    external = re.compile(r"""(src|href)=["']https?://""")
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
