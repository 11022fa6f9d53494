from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from api.endpoints import api

# One way in with a password: the admin site's own sign-in form would skip the site's rules
# (password sign-in turned off for a domain that uses its identity provider, the lockout's
# messages), so it sends people to the site's sign-in and back.
admin.site.login = RedirectView.as_view(pattern_name="login", query_string=True)

urlpatterns = [
    path("", include("partnership.urls_site")),
    path("accounts/", include("partnership.urls_accounts")),
    path("accounts/notifications/", include("notifications.urls")),
    path("accounts/two-step/", include("twostep.urls")),
    path("accounts/sso/", include("sso.urls")),
    path("partnerships/", include("partnership.urls")),
    path("partnerships/<slug:slug>/services/", include("continuum.urls")),
    path("partnerships/<slug:slug>/assessments/", include("assessments.urls")),
    path("partnerships/<slug:slug>/dashboard/", include("dashboards.urls")),
    path("partnerships/<slug:slug>/data/", include("rights.urls")),
    path("partnerships/<slug:slug>/voice/", include("voice.urls")),
    path("have-your-say/", include("voice.urls_public")),
    path("oversight/", include("dashboards.urls_oversight")),
    path("frameworks/", include("assessments.urls_library")),
    path("indicators/", include("partnership.indicators.urls")),
    path("erasure/", include("rights.urls_erasure")),
    path("partnerships/<slug:slug>/api/", include("api.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = "partnership.views.site.bad_request"
handler403 = "partnership.views.site.permission_denied"
handler404 = "partnership.views.site.page_not_found"
handler500 = "partnership.views.site.server_error"
