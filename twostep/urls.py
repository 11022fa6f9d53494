from django.urls import path

from twostep import views

app_name = "twostep"

urlpatterns = [
    path("", views.account, name="account"),
    path("set-up/", views.set_up, name="set-up"),
    path("set-up/qr-code.svg", views.qr_code, name="qr-code"),
    path("code/", views.verify, name="verify"),
    path("recovery-code/", views.recover, name="recover"),
    path("recovery-codes/new/", views.new_recovery_codes, name="new-recovery-codes"),
    path("turn-off/", views.turn_off, name="turn-off"),
    path("reset/", views.reset, name="reset"),
]
