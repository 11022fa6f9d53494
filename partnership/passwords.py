"""Django's password rules with their messages in Cradle's catalogue.

Django's own Welsh has none of these messages, so a Welsh reader would meet them in English.
The rules themselves are Django's; only the words are Cradle's.
"""

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return ngettext(
            "Your password must be at least %(min_length)s character long",
            "Your password must be at least %(min_length)s characters long",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return ngettext(
            "Your password must contain at least %(min_length)s character.",
            "Your password must contain at least %(min_length)s characters.",
            self.min_length,
        ) % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        # Django fills in the field's name, such as "email address".
        return _("Your password is too like your %(verbose_name)s")

    def get_help_text(self) -> str:
        return _("Your password can’t be too similar to your other personal information.")


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return _("Your password is too common: choose one that is harder to guess")

    def get_help_text(self) -> str:
        return _("Your password can’t be a commonly used password.")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return _("Your password must not be only numbers")

    def get_help_text(self) -> str:
        return _("Your password can’t be entirely numeric.")
