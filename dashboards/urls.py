from django.urls import path

from dashboards import downloads, report, views

app_name = "dashboards"

# One named URL per table rather than a `<table>` argument: each download is a fixed address
# that the security suite's URL walkers can fill from the partnership slug alone.
urlpatterns = [
    path("", views.area, name="area"),
    *[
        path(f"export/{table}.csv", views.area_csv, {"table": table}, name=f"{table}-csv")
        for table in views.TABLES
    ],
    *[
        path(f"export/{table}.xlsx", downloads.area_xlsx, {"table": table}, name=f"{table}-xlsx")
        for table in views.TABLES
    ],
    path("export.xlsx", downloads.area_workbook, name="xlsx"),
    path("report/", report.report, name="report"),
    path("report.pdf", report.report_pdf, name="report-pdf"),
]
