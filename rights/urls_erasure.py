from django.urls import path

from rights import views

app_name = "erasure"

urlpatterns = [
    path("", views.erasure_index, name="index"),
    path("partnerships/<slug:slug>/", views.erase_partnership, name="partnership"),
    path("people/<int:pk>/", views.erase_person, name="person"),
]
