from django.urls import path

from neighborhoods.views import divisions

app_name = "neighborhoods"

urlpatterns = [
    path("<int:pk>/", divisions.division_detail, name="division_detail"),
]
