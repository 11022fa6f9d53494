"""Demo accounts' authenticator app: a fixed, printed key, so that a tester can sign in as the
demo lead and the admin straight away. The Welsh lead is left without one and sets an app up at
first sign-in, so the setting-up journey can be tried too. Never used outside the demo."""

from base64 import b32decode

from django_otp.plugins.otp_totp.models import TOTPDevice

from partnership.models import User

DEMO_KEY = "CRADLEDEMOCODESCRADLEDEMOCODES23"
ENROLLED = ["lead@ashworth.example", "admin@cradle.example"]


def seed() -> None:
    """Gives each ENROLLED demo account the demo key, unless it already has an app set up."""
    for user in User.objects.filter(email__in=ENROLLED):
        if not TOTPDevice.objects.filter(user=user).exists():
            TOTPDevice.objects.create(
                user=user, name="Demo authenticator app", key=b32decode(DEMO_KEY).hex()
            )


def login_lines() -> list[str]:
    return [
        "Two-step verification: the partnership lead and the admin above use the demo key "
        f"{DEMO_KEY}",
        "  Add it to an authenticator app, or get the current code with "
        f"`oathtool --totp -b {DEMO_KEY}`.",
        "  The Welsh lead sets up an app of their own at first sign-in.",
    ]
