from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from reporting import views as reporting_views
from reporting.dashboard import progress_json
from wardvote import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", views.password_change, name="password_change"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("dia-ban/", include("neighborhoods.urls")),
    path("bau-cu/", include("elections.urls")),
    path("tai-lieu/", include("reporting.urls")),
    path("api/progress/<str:code>.json", progress_json, name="api_progress"),
    # Public: anyone holding a paper checks it by the code printed in its footer.
    path("xac-minh/<str:code>/", reporting_views.verify_document, name="verify_document"),
    path("quan-tri/", admin.site.urls),
]

handler400 = "wardvote.views.bad_request"
handler403 = "wardvote.views.forbidden"
handler404 = "wardvote.views.not_found"
handler500 = "wardvote.views.server_error"
