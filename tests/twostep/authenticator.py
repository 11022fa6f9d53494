"""An authenticator app in the tests: a known key, and the codes an app would show."""

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

# A fixed 20-byte key: the tests compute the codes an app would show.
KEY = "3132333435363738393031323334353637383930"


def code_now(key: str = KEY, steps_ahead: int = 0) -> str:
    totp = TOTP(bytes.fromhex(key))
    totp.time = totp.time + steps_ahead * 30
    return f"{totp.token():06d}"


def wrong_code(key: str = KEY) -> str:
    right = {code_now(key, step) for step in (-1, 0, 1)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in right)


def make_device(user, key: str = KEY) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", key=key)
