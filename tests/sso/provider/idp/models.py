from django.conf import settings
from django.db import models


class Person(models.Model):
    """What the provider vouches for beyond the user row: whether the email is confirmed, as
    `email_verified` or as Entra ID's `xms_edov` (None: the claim is not sent)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    email_verified = models.BooleanField(null=True, default=True)
    xms_edov = models.BooleanField(null=True, default=None)

    def __str__(self) -> str:
        return self.user.username
