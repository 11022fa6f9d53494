"""Organisations' identity providers, and which of their accounts is which Cradle person."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


def parse_domains(text: str) -> list[str]:
    """Domains written one a line or separated by commas or spaces, lowercased, "@" dropped."""
    parts = text.replace(",", " ").split()
    return sorted({part.strip().lstrip("@").lower() for part in parts if part.strip("@ ")})


def email_domain(email: str) -> str:
    return email.rpartition("@")[2].strip().lower()


class ProviderQuerySet(models.QuerySet):
    def enabled(self) -> "ProviderQuerySet":
        return self.filter(enabled=True)

    def serving(self, email: str) -> list["IdentityProvider"]:
        """The enabled providers that serve this email's domain (a handful of rows at most)."""
        domain = email_domain(email)
        if not domain:
            return []
        return [provider for provider in self.enabled() if domain in provider.domains]


class IdentityProvider(models.Model):
    """An organisation's OpenID Connect provider (Entra ID, Google Workspace, ...)."""

    name = models.CharField(
        max_length=60, help_text='Shown on the button: "Sign in with" and this name.'
    )
    issuer = models.URLField(
        "issuer URL",
        max_length=300,
        help_text="The provider's issuer; its settings are read from the issuer followed by "
        "/.well-known/openid-configuration.",
    )
    client_id = models.CharField("client ID", max_length=255)
    client_secret = models.CharField(
        max_length=500, blank=True, help_text="Kept as it is; left empty, the saved one is kept."
    )
    email_domains = models.TextField(
        help_text="The email domains whose people sign in with this provider, one a line. "
        "Only these domains are accepted from it."
    )
    allow_sign_up = models.BooleanField(
        "create accounts for people Cradle does not know",
        default=False,
        help_text="Off: only people already invited to Cradle can sign in with this provider.",
    )
    password_sign_in_off = models.BooleanField(
        "turn password sign-in off for these domains",
        default=False,
        help_text="People with an email in these domains must use this provider's button.",
    )
    enabled = models.BooleanField(default=True)

    objects = ProviderQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        self.issuer = self.issuer.strip().rstrip("/")
        domains = parse_domains(self.email_domains)
        if not domains:
            raise ValidationError({"email_domains": "Enter at least one email domain"})
        bad = [domain for domain in domains if "." not in domain or "@" in domain]
        if bad:
            raise ValidationError(
                {"email_domains": f"Enter domains such as council.gov.uk, not {', '.join(bad)}"}
            )
        if self.enabled:
            others = IdentityProvider.objects.enabled().exclude(pk=self.pk)
            taken = sorted({domain for other in others for domain in other.domains} & set(domains))
            if taken:
                raise ValidationError(
                    {"email_domains": f"Another enabled provider serves {', '.join(taken)}"}
                )
        self.email_domains = "\n".join(domains)

    @property
    def domains(self) -> list[str]:
        return parse_domains(self.email_domains)

    def serves(self, email: str) -> bool:
        return email_domain(email) in self.domains


class ProviderLink(models.Model):
    """A provider's account (its subject identifier) tied to one Cradle person.

    The subject never changes for an account, unlike its email: signing in goes by this link
    once it exists, so a renamed email still reaches the same person and an email reused for
    someone else does not.
    """

    provider = models.ForeignKey(IdentityProvider, on_delete=models.CASCADE, related_name="links")
    subject = models.CharField(max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="provider_links"
    )
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "subject"], name="sso_link_subject"),
            models.UniqueConstraint(fields=["provider", "user"], name="sso_link_user"),
        ]

    def __str__(self) -> str:
        return f"{self.provider} account {self.subject}"
