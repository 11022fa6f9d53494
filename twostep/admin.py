from django.contrib import admin
from django_otp.plugins.otp_totp.models import TOTPDevice

# django-otp's admin shows each app's secret key and QR code to every admin. Cradle keeps them
# out of the admin: an admin resets a person's second step at /accounts/two-step/reset/.
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)
