from django.urls import path

from dashboards import oversight

app_name = "oversight"

urlpatterns = [
    path("", oversight.index, name="index"),
    path("export.csv", oversight.export_csv, name="csv"),
    path("position.csv", oversight.position_csv, name="position-csv"),
]
