from django.urls import path

from dashboards import downloads, views
from dashboards.tables import TABLES

app_name = "dashboards"

# One named URL per table rather than a `<table>` argument: each download is a fixed address
# that the security suite's URL walkers can fill from the partnership slug alone.
urlpatterns = [
    path("", views.area, name="area"),
    *[
        path(f"export/{table}.csv", downloads.area_csv, {"table": table}, name=f"{table}-csv")
        for table in TABLES
    ],
    *[
        path(f"export/{table}.xlsx", downloads.area_xlsx, {"table": table}, name=f"{table}-xlsx")
        for table in TABLES
    ],
    path("export.xlsx", downloads.area_workbook, name="xlsx"),
    path("report/", views.report, name="report"),
    path("report.pdf", downloads.report_pdf, name="report-pdf"),
]
