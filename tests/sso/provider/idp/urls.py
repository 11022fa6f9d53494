from django.urls import include, path

from idp import views

urlpatterns = [
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("login/", views.sign_in),
    path("people/", views.people),
    path("apps/", views.apps),
    path("served/", views.served),
]
