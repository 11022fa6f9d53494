"""Pages outside any partnership."""

from django.urls import path

from partnership import language
from partnership.views import site

urlpatterns = [
    path("", site.home, name="home"),
    path("accessibility/", site.accessibility, name="accessibility"),
    path("privacy/", site.privacy, name="privacy"),
    path("language/", language.switch, name="language"),
    path("healthz", site.healthz, name="healthz"),
]
