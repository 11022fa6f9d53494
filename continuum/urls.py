"""The service map, under /partnerships/<slug>/services/."""

from django.urls import path

from continuum.views import coverage, exchange, gap_rules, locations, services

app_name = "continuum"

urlpatterns = [
    path("", services.service_list, name="service-list"),
    path("add/", services.service_add, name="service-add"),
    path("<int:pk>/", services.service_detail, name="service-detail"),
    path("<int:pk>/edit/", services.service_edit, name="service-edit"),
    path("<int:pk>/archive/", services.service_archive, name="service-archive"),
    path("<int:pk>/routes/add/", services.route_add, name="route-add"),
    path("routes/<int:pk>/remove/", services.route_remove, name="route-remove"),
    path("locations/", locations.location_list, name="location-list"),
    path("locations/add/", locations.location_add, name="location-add"),
    path("locations/<int:pk>/edit/", locations.location_edit, name="location-edit"),
    path("matrix/", coverage.matrix, name="matrix"),
    path("pathway/", coverage.pathway, name="pathway"),
    path("gap-rules/", gap_rules.gap_rules, name="gap-rules"),
    path("gap-rules/cell/", gap_rules.adjust_cell, name="gap-adjust-cell"),
    path("gap-rules/threshold/", gap_rules.adjust_threshold, name="gap-adjust-threshold"),
    path("import/", exchange.import_feed, name="import"),
    path("import/jobs/<int:pk>/", exchange.import_job, name="import-job"),
    path("export.json", exchange.export_json, name="export-json"),
    path("export.csv", exchange.export_csv, name="export-csv"),
]
