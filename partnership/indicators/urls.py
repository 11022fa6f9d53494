from django.urls import path

from partnership.indicators import views

app_name = "indicators"

urlpatterns = [path("", views.national, name="national")]
