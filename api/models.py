"""What a partnership publishes through the read API, and the tokens that open it.

A token is shown once, when the lead issues it; only its SHA-256 digest is kept. Tokens are
long and random, so a fast hash is enough: nobody can guess one from its digest.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnership.models import Partnership

TOKEN_PREFIX = "cradle_"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class OrukAccess(models.TextChoices):
    OFF = "off", _("Not published")
    PUBLIC = "public", _("Open to anyone")
    TOKEN = "token", _("Only to holders of a token")


class Publication(models.Model):
    """A partnership's choices: its service map as Open Referral UK, its published results."""

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="publication"
    )
    oruk = models.CharField(
        _("Open Referral UK feed"),
        max_length=10,
        choices=OrukAccess.choices,
        default=OrukAccess.OFF,
    )
    results = models.BooleanField(_("published results for token holders"), default=False)
    updated = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"Publication of {self.partnership}"


class ApiTokenQuerySet(models.QuerySet):
    def live(self) -> "ApiTokenQuerySet":
        return self.filter(revoked__isnull=True)


class ApiToken(models.Model):
    """A key to one partnership's API, issued by a lead, good until revoked."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="tokens")
    name = models.CharField(max_length=100, help_text=_("Who or what uses it."))
    digest = models.CharField(max_length=64, unique=True)
    ending = models.CharField(max_length=4, help_text=_("The token's last characters."))
    created = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "pk"]

    def __str__(self) -> str:
        return f"{self.name} (…{self.ending})"

    @classmethod
    def issue(cls, *, partnership: Partnership, name: str, by) -> tuple["ApiToken", str]:
        """A new token and its text, which is never stored and cannot be shown again."""
        text = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            partnership=partnership, name=name, digest=digest(text), ending=text[-4:], created_by=by
        )
        return token, text

    def revoke(self) -> None:
        if self.revoked is None:
            self.revoked = timezone.now()
            self.save(update_fields=["revoked"])
