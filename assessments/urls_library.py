"""The framework library, under /frameworks/."""

from django.urls import path

from assessments.views import library as views

app_name = "library"

urlpatterns = [
    path("", views.framework_list, name="framework-list"),
    path("<slug:code>/<str:version>/", views.framework_detail, name="framework-detail"),
]
