"""The demo's lead and admin sign in with the printed demo key; the Welsh lead sets up an app."""

from base64 import b32decode

from django.core.management import call_command
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from partnership.demo import DEMO_PASSWORD
from tests.twostep.authenticator import code_now
from twostep.demo import DEMO_KEY


def test_the_demo_lead_signs_in_with_a_code_from_the_printed_key(client, db, capsys):
    call_command("seed_demo")
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert f"oathtool --totp -b {DEMO_KEY}" in out
    enrolled = TOTPDevice.objects.values_list("user__email", flat=True)
    assert sorted(enrolled) == ["admin@cradle.example", "lead@ashworth.example"]

    client.post(reverse("login"), {"username": "lead@ashworth.example", "password": DEMO_PASSWORD})
    assert client.get("/partnerships/ashworth/")["Location"].startswith(reverse("twostep:verify"))
    code = code_now(b32decode(DEMO_KEY).hex())
    client.post(reverse("twostep:verify"), {"code": code})
    assert client.get("/partnerships/ashworth/").status_code == 200

    client.post(reverse("logout"))
    client.post(reverse("login"), {"username": "lead@glanmor.example", "password": DEMO_PASSWORD})
    assert client.get("/partnerships/glanmor/")["Location"].startswith(reverse("twostep:set-up"))
