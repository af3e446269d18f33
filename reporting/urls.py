from django.urls import path

from reporting import dashboard, views

app_name = "reporting"

urlpatterns = [
    path("<int:pk>/tai-ve/", views.document_download, name="document_download"),
    path("<int:pk>/trang-thai/", views.document_status, name="document_status"),
    path("<int:pk>/thu-lai/", views.document_retry, name="document_retry"),
    path("<int:pk>/ban-hanh/", views.document_issue, name="document_issue"),
    path("nguoi-ky/<int:pk>/", views.office_holders, name="office_holders"),
    path("nguoi-ky/thoi/<int:pk>/", views.office_holder_retire, name="office_holder_retire"),
    # --- progress dashboards and reports ---
    path("tien-do/", dashboard.dashboard_home, name="dashboard_home"),
    path("tien-do/<int:pk>/", dashboard.dashboard, name="dashboard"),
    path("tien-do/<int:pk>/thong-ke/", dashboard.statistics_page, name="statistics"),
    path("tien-do/<int:pk>/xuat/", dashboard.export_create, name="export_create"),
    path("bao-cao/<int:pk>/trang-thai/", dashboard.export_status, name="export_status"),
    path("bao-cao/<int:pk>/tai-ve/", dashboard.export_download, name="export_download"),
    path("bao-cao/<int:pk>/thu-lai/", dashboard.export_retry_view, name="export_retry"),
    # --- the term at a glance: a khu phố's (or a whole ward's) office holders over the terms ---
    path("nhiem-ky/<int:pk>/xuat.xlsx", views.term_history_export, name="term_history_export"),
    # --- h7: every commendation of the wards under a division ---
    path("khen-thuong/<int:pk>/", views.commendation_rollup, name="commendation_rollup"),
    path("khen-thuong/<int:pk>/xuat.xlsx", views.commendation_export, name="commendation_export"),
]
