"""An admin resets the second step of a person who lost their phone; it is audited."""

from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import pass_second_step
from tests.twostep.authenticator import make_device
from twostep.models import RecoveryCode


def signed_in_admin(client, admin_user):
    client.force_login(admin_user)
    pass_second_step(client, admin_user)
    return client


def test_an_admin_resets_a_persons_app_and_codes(client, admin_user, lead_a, audit_lines):
    make_device(lead_a)
    RecoveryCode.replace_for(lead_a)
    signed_in_admin(client, admin_user)
    assert client.get(reverse("twostep:reset")).status_code == 200
    response = client.post(reverse("twostep:reset"), {"email": "LEAD@a.example"}, follow=True)
    assert b"Two-step verification is reset for lead@a.example" in response.content
    assert not TOTPDevice.objects.filter(user=lead_a).exists()
    assert not RecoveryCode.objects.filter(user=lead_a).exists()
    [line] = audit_lines("two_step.reset")
    assert line["user_id"] == admin_user.pk
    assert line["target_user_id"] == lead_a.pk

    # At their next sign-in the lead sets up a new app.
    client.force_login(lead_a)
    assert client.get(reverse("partnership:list"))["Location"].startswith(reverse("twostep:set-up"))


def test_an_unknown_email_is_named(client, admin_user, audit_lines):
    signed_in_admin(client, admin_user)
    response = client.post(reverse("twostep:reset"), {"email": "nobody@example.org"})
    assert b"No one with that email address has an account" in response.content
    assert audit_lines("two_step.reset") == []


def test_a_lead_cannot_reset_anyone(client, lead_a, contributor_a):
    make_device(contributor_a)
    client.force_login(lead_a)
    pass_second_step(client, lead_a)
    response = client.post(reverse("twostep:reset"), {"email": "contributor@a.example"})
    assert response.status_code == 404
    assert TOTPDevice.objects.filter(user=contributor_a).exists()


def test_the_admin_site_does_not_show_anyones_key(client, admin_user, lead_a):
    make_device(lead_a)
    signed_in_admin(client, admin_user)
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 404
    assert b"otp_totp" not in client.get("/admin/").content
