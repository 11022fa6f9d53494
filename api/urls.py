from django.urls import path

from api import views

app_name = "publishing"

urlpatterns = [
    path("", views.publishing, name="index"),
    path("tokens/", views.token_issue, name="token-issue"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token-revoke"),
]
