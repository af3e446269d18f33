from django.urls import path

from reporting import dashboard, periodic_views, views

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
    # --- periodic grassroots-democracy reports (issue 15) ---
    path("bao-cao-dinh-ky/<int:pk>/", periodic_views.periodic_reports, name="periodic_reports"),
    path(
        "bao-cao-dinh-ky/<int:pk>/lap/",
        periodic_views.periodic_report_prepare,
        name="periodic_report_prepare",
    ),
    path(
        "bao-cao-dinh-ky/ban/<int:pk>/", periodic_views.periodic_report_detail, name="periodic_report_detail"
    ),
    path(
        "bao-cao-dinh-ky/ban/<int:pk>/gui/", periodic_views.periodic_report_send, name="periodic_report_send"
    ),
    path(
        "bao-cao-dinh-ky/ban/<int:pk>/tiep-nhan/",
        periodic_views.periodic_report_receive,
        name="periodic_report_receive",
    ),
    path(
        "bao-cao-dinh-ky/ban/<int:pk>/dinh-chinh/",
        periodic_views.periodic_report_correct,
        name="periodic_report_correct",
    ),
    path(
        "bao-cao-dinh-ky/ban/<int:pk>/xuat.xlsx",
        periodic_views.periodic_report_export,
        name="periodic_report_export",
    ),
    path(
        "bao-cao-dinh-ky/ban/<int:pk>/van-ban/",
        periodic_views.periodic_report_document,
        name="periodic_report_document",
    ),
]
