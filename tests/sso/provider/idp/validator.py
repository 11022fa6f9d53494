from oauth2_provider.oauth2_validators import OAuth2Validator

from idp.models import Person


class Validator(OAuth2Validator):
    def get_additional_claims(self, request):
        user = request.user
        person = Person.objects.filter(user=user).first()
        return {
            "email": user.email,
            "email_verified": bool(person and person.email_verified),
            "name": user.get_full_name(),
        }
