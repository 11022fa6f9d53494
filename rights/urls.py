from django.urls import path

from rights import views

app_name = "rights"

urlpatterns = [
    path("", views.data, name="data"),
    path("download/", views.download, name="download"),
]
