from django import forms
from django.contrib import admin

from sso.models import IdentityProvider, ProviderLink


class IdentityProviderForm(forms.ModelForm):
    issuer = forms.URLField(
        label="Issuer URL",
        max_length=300,
        assume_scheme="https",
        help_text=IdentityProvider._meta.get_field("issuer").help_text,
    )
    # The secret is never shown again once saved; an empty box keeps the saved one.
    client_secret = forms.CharField(
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text="Left empty, the saved secret is kept.",
    )

    class Meta:
        model = IdentityProvider
        fields = [
            "name",
            "issuer",
            "client_id",
            "client_secret",
            "email_domains",
            "allow_sign_up",
            "password_sign_in_off",
            "enabled",
        ]

    def clean_client_secret(self) -> str:
        secret = self.cleaned_data.get("client_secret", "")
        return secret or (self.instance.client_secret if self.instance.pk else "")


@admin.register(IdentityProvider)
class IdentityProviderAdmin(admin.ModelAdmin):
    form = IdentityProviderForm
    list_display = ["name", "issuer", "domain_list", "enabled", "password_sign_in_off"]
    list_filter = ["enabled"]

    @admin.display(description="email domains")
    def domain_list(self, provider: IdentityProvider) -> str:
        return ", ".join(provider.domains)


@admin.register(ProviderLink)
class ProviderLinkAdmin(admin.ModelAdmin):
    """Links are made at sign-in; an admin may remove one so the person links again."""

    list_display = ["user", "provider", "subject", "created", "last_used"]
    list_filter = ["provider"]
    list_select_related = ["user", "provider"]
    search_fields = ["user__email", "subject"]
    readonly_fields = ["provider", "subject", "user", "created", "last_used"]

    def has_add_permission(self, request) -> bool:
        return False
