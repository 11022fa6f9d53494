from django.urls import path

from dashboards import downloads, oversight

app_name = "oversight"

urlpatterns = [
    path("", oversight.index, name="index"),
    path("export.xlsx", downloads.oversight_xlsx, name="xlsx"),
    path("export.csv", oversight.export_csv, name="csv"),
    path("position.csv", oversight.position_csv, name="position-csv"),
]
