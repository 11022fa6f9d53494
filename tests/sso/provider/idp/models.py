from django.conf import settings
from django.db import models


class Person(models.Model):
    """What the provider vouches for beyond the user row: whether the email is confirmed."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    email_verified = models.BooleanField(default=True)

    def __str__(self) -> str:
        return self.user.username
