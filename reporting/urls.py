from django.urls import path

from reporting import views

app_name = "reporting"

urlpatterns = [
    path("<int:pk>/tai-ve/", views.document_download, name="document_download"),
    path("<int:pk>/trang-thai/", views.document_status, name="document_status"),
]
