from django.urls import path

from dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.area, name="area"),
    path("export/<slug:table>.csv", views.area_csv, name="area-csv"),
]
