from django.urls import path

from dashboards import downloads, views

app_name = "oversight"

urlpatterns = [
    path("", views.oversight_index, name="index"),
    path("export.xlsx", downloads.oversight_xlsx, name="xlsx"),
    path("export.csv", downloads.oversight_csv, name="csv"),
    path("position.csv", downloads.position_csv, name="position-csv"),
    path("need.csv", views.oversight_need_csv, name="need-csv"),
]
