from django.urls import path

from neighborhoods.views import audit, divisions, households, reorganisations, staff

app_name = "neighborhoods"

urlpatterns = [
    # --- divisions & khu phố ---
    path("<int:pk>/", divisions.division_detail, name="division_detail"),
    path("<int:pk>/khu-pho/them/", divisions.neighborhood_create_view, name="neighborhood_create"),
    path("khu-pho/<int:pk>/doi-ten/", divisions.neighborhood_rename_view, name="neighborhood_rename"),
    # --- households ---
    path("<int:pk>/ho-gia-dinh/", households.household_list, name="household_list"),
    path("<int:pk>/ho-gia-dinh/them/", households.household_create_view, name="household_create"),
    path("ho-gia-dinh/<int:pk>/sua/", households.household_update_view, name="household_update"),
    path("ho-gia-dinh/<int:pk>/xoa/", households.household_delete_view, name="household_delete"),
    path("<int:pk>/ho-gia-dinh/nhap/", households.household_import_view, name="household_import"),
    path(
        "<int:pk>/ho-gia-dinh/nhap/<str:token>/",
        households.household_import_preview,
        name="household_import_preview",
    ),
    path(
        "<int:pk>/ho-gia-dinh/nhap/<str:token>/trang-thai/",
        households.household_import_status,
        name="household_import_status",
    ),
    path(
        "<int:pk>/ho-gia-dinh/mau.xlsx",
        households.household_import_template,
        name="household_import_template",
    ),
    path("<int:pk>/ho-gia-dinh/xuat.xlsx", households.household_export, name="household_export"),
    # --- reorganisations ---
    path("<int:pk>/sap-xep/", reorganisations.reorganisation_list, name="reorganisation_list"),
    path("<int:pk>/sap-xep/<str:kind>/", reorganisations.reorganisation_create, name="reorganisation_create"),
    path("sap-xep/<int:pk>/", reorganisations.reorganisation_detail, name="reorganisation_detail"),
    path("khu-pho/<int:pk>/lich-su/", reorganisations.neighborhood_lineage, name="neighborhood_lineage"),
    # --- staff assignments ---
    path("<int:pk>/can-bo/", staff.staff_list, name="staff_list"),
    path("<int:pk>/can-bo/dat-lai-mat-khau/", staff.staff_password_reset, name="staff_password_reset"),
    path("phan-cong/<int:pk>/thu-hoi/", staff.assignment_deactivate, name="assignment_deactivate"),
    # --- audit log ---
    path("<int:pk>/nhat-ky/", audit.audit_log, name="audit_log"),
]
