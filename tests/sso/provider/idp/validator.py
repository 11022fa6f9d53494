from oauth2_provider.oauth2_validators import OAuth2Validator

from idp.models import Person


class Validator(OAuth2Validator):
    # Entra ID's "email domain owner verified" claim, sent with the email scope.
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "xms_edov": "email"}

    def get_additional_claims(self, request):
        user = request.user
        person = Person.objects.get(user=user)
        claims = {"email": user.email, "name": user.get_full_name()}
        # As Entra ID does for an organisation's accounts: no email_verified at all.
        if person.email_verified is not None:
            claims["email_verified"] = person.email_verified
        if person.xms_edov is not None:
            claims["xms_edov"] = person.xms_edov
        return claims
