from django.urls import path

from partnership.indicators import views as indicators
from partnership.views import partnerships as views

app_name = "partnership"

urlpatterns = [
    path("", views.partnership_list, name="list"),
    path("<slug:slug>/", views.overview, name="overview"),
    path("<slug:slug>/edit/", views.edit, name="edit"),
    path("<slug:slug>/organisations/add/", views.organisation_add, name="organisation-add"),
    path("<slug:slug>/organisations/<int:pk>/", views.organisation_edit, name="organisation-edit"),
    path(
        "<slug:slug>/organisations/<int:pk>/remove/",
        views.organisation_remove,
        name="organisation-remove",
    ),
    path("<slug:slug>/members/add/", views.member_add, name="member-add"),
    path("<slug:slug>/members/<int:pk>/", views.member_edit, name="member-edit"),
    path("<slug:slug>/members/<int:pk>/remove/", views.member_remove, name="member-remove"),
    path("<slug:slug>/indicators/", indicators.local, name="indicators"),
    path("<slug:slug>/indicators/key/", indicators.choose, name="key-indicators"),
]
