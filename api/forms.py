from django import forms

from api.models import ApiToken, Publication
from partnership.forms import GovukMessagesMixin


class PublicationForm(GovukMessagesMixin, forms.ModelForm):
    class Meta:
        model = Publication
        fields = ["oruk", "results"]
        labels = {
            "oruk": "Publish the service map as Open Referral UK",
            "results": "Publish the results of published rounds to token holders",
        }
        help_texts = {
            "results": "Agreed levels, targets and actions only: never a person's rating.",
        }
        widgets = {"oruk": forms.RadioSelect}


class TokenForm(GovukMessagesMixin, forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name"]
        labels = {"name": "Who will use the token"}
        help_texts = {"name": "For example, the ICB's commissioning dashboard."}
