from django import forms
from django.utils.translation import gettext_lazy as _

from api.models import ApiToken, Publication
from partnership.forms import GovukMessagesMixin


class PublicationForm(GovukMessagesMixin, forms.ModelForm):
    class Meta:
        model = Publication
        fields = ["oruk", "results"]
        labels = {
            "oruk": _("Publish the service map as Open Referral UK"),
            "results": _("Publish the results of published rounds to token holders"),
        }
        help_texts = {
            "results": _("Agreed levels, targets and actions only: never a person's rating."),
        }
        widgets = {"oruk": forms.RadioSelect}


class TokenForm(GovukMessagesMixin, forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name"]
        labels = {"name": _("Who will use the token")}
        help_texts = {"name": _("For example, the ICB's commissioning dashboard.")}
