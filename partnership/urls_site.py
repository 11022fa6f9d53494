"""Pages outside any partnership."""

from django.urls import path

from partnership.views import site

urlpatterns = [
    path("", site.home, name="home"),
    path("accessibility/", site.accessibility, name="accessibility"),
    path("privacy/", site.privacy, name="privacy"),
    path("healthz", site.healthz, name="healthz"),
]
