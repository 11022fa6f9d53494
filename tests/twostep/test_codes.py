"""Setting up an app, entering its codes, recovery codes, and the lock on guessed codes."""

from datetime import timedelta
from unittest import mock

from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.twostep.authenticator import KEY, code_now, make_device, wrong_code
from twostep.models import Failure, RecoveryCode, digest
from twostep.views import PENDING_KEY


def test_set_up_shows_a_qr_code_and_the_key_and_confirms_with_a_code(client, lead_a, audit_lines):
    client.force_login(lead_a)
    page = client.get(reverse("twostep:set-up"), {"next": "/partnerships/ashworth/"})
    assert page.status_code == 200
    pending = client.session[PENDING_KEY]
    assert b"I cannot scan the QR code" in page.content
    key_text = page.context["manual_key"].replace(" ", "")
    assert key_text.encode() in page.content.replace(b" ", b"")

    qr = client.get(reverse("twostep:qr-code"))
    assert qr["Content-Type"] == "image/svg+xml"
    assert qr.content.startswith(b"<?xml") and b"<svg" in qr.content
    assert b"style" not in qr.content and b"script" not in qr.content

    wrong = client.post(reverse("twostep:set-up"), {"code": wrong_code(pending)})
    assert wrong.status_code == 200
    assert b"That code is not right" in wrong.content
    assert not TOTPDevice.objects.filter(user=lead_a).exists()

    done = client.post(
        reverse("twostep:set-up"),
        {"code": code_now(pending), "next": "/partnerships/ashworth/"},
    )
    assert done.status_code == 200
    assert b"Two-step verification is set up" in done.content
    codes = done.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    for code in codes:
        assert code.encode() in done.content
    device = TOTPDevice.objects.get(user=lead_a)
    assert device.confirmed and device.key == pending
    # Stored only as digests, never as the codes themselves.
    stored = set(RecoveryCode.objects.filter(user=lead_a).values_list("digest", flat=True))
    assert stored == {digest(code) for code in codes}
    assert client.get(reverse("partnership:list")).status_code == 200
    [line] = audit_lines("two_step.enrolled")
    assert line["user_id"] == lead_a.pk
    log = str(audit_lines())
    assert pending not in log and key_text not in log
    assert not any(code in log for code in codes)


def test_the_qr_code_needs_an_app_being_set_up(client, lead_a):
    client.force_login(lead_a)
    assert client.get(reverse("twostep:qr-code")).status_code == 404


def test_a_right_code_goes_on_to_the_page_asked_for(client, lead_a, partnership_a, audit_lines):
    make_device(lead_a)
    client.force_login(lead_a)
    wanted = reverse("partnership:overview", args=[partnership_a.slug])
    response = client.post(reverse("twostep:verify"), {"code": code_now(), "next": wanted})
    assert response.status_code == 302
    assert response["Location"] == wanted
    assert client.get(wanted).status_code == 200
    assert len(audit_lines("two_step.verified")) == 1


def test_a_code_is_not_accepted_twice(client, lead_a):
    make_device(lead_a)
    code = code_now()
    client.force_login(lead_a)
    assert client.post(reverse("twostep:verify"), {"code": code}).status_code == 302
    client.logout()
    client.force_login(lead_a)
    again = client.post(reverse("twostep:verify"), {"code": code})
    assert again.status_code == 200
    assert b"That code is not right" in again.content


def test_next_pointing_elsewhere_is_ignored(client, lead_a):
    make_device(lead_a)
    client.force_login(lead_a)
    response = client.post(
        reverse("twostep:verify"), {"code": code_now(), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("partnership:list")


def test_a_badly_formed_code_is_named(client, lead_a):
    make_device(lead_a)
    client.force_login(lead_a)
    response = client.post(reverse("twostep:verify"), {"code": "12ab"})
    assert b"Enter the code as 6 digits" in response.content
    assert Failure.objects.count() == 0


def test_five_wrong_codes_lock_the_step_for_a_quarter_of_an_hour(client, lead_a, audit_lines):
    make_device(lead_a)
    client.force_login(lead_a)
    for _ in range(4):
        response = client.post(reverse("twostep:verify"), {"code": wrong_code()})
        assert response.status_code == 200
    locked = client.post(reverse("twostep:verify"), {"code": wrong_code()})
    assert locked.status_code == 429
    assert b"Too many wrong codes" in locked.content
    # Even the right code is refused while locked, and so is a recovery code.
    assert client.post(reverse("twostep:verify"), {"code": code_now()}).status_code == 429
    assert client.get(reverse("partnership:list")).status_code == 302
    assert len(audit_lines("two_step.failure")) == 5
    assert len(audit_lines("two_step.lockout")) == 1
    assert wrong_code() not in str(audit_lines())

    # Signing in with the password again does not lift the lock.
    client.post(reverse("logout"))
    client.post(
        reverse("login"), {"username": "lead@a.example", "password": "correct-horse-battery-staple"}
    )
    assert client.get(reverse("twostep:verify")).status_code == 429
    assert client.get(reverse("twostep:recover")).status_code == 429

    later = timezone.now() + timedelta(minutes=16)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert client.get(reverse("twostep:verify")).status_code == 200


def test_wrong_codes_from_one_address_lock_it_for_everyone(client, lead_a, lead_b):
    make_device(lead_a)
    make_device(lead_b)
    client.force_login(lead_a)
    for _ in range(5):
        client.post(reverse("twostep:verify"), {"code": wrong_code()})
    client.force_login(lead_b)
    assert client.get(reverse("twostep:verify")).status_code == 429
    elsewhere = client.get(reverse("twostep:verify"), REMOTE_ADDR="10.7.7.7")
    assert elsewhere.status_code == 200


def test_a_right_code_clears_the_count(client, lead_a):
    make_device(lead_a)
    client.force_login(lead_a)
    for _ in range(4):
        client.post(reverse("twostep:verify"), {"code": wrong_code()})
    assert client.post(reverse("twostep:verify"), {"code": code_now()}).status_code == 302
    assert Failure.objects.filter(user=lead_a).count() == 0


def test_a_recovery_code_works_once(client, lead_a, audit_lines):
    make_device(lead_a)
    codes = RecoveryCode.replace_for(lead_a)
    client.force_login(lead_a)
    first = client.post(reverse("twostep:recover"), {"code": codes[0].upper()}, follow=True)
    assert first.redirect_chain[-1][0] == reverse("partnership:list")
    assert b"You have 9 codes left" in first.content
    [line] = audit_lines("two_step.recovery_code_used")
    assert line["codes_left"] == 9 and codes[0] not in str(line)

    client.logout()
    client.force_login(lead_a)
    again = client.post(reverse("twostep:recover"), {"code": codes[0]})
    assert again.status_code == 200
    assert b"has been used already" in again.content
    assert client.get(reverse("partnership:list")).status_code == 302
    assert RecoveryCode.objects.unused().filter(user=lead_a).count() == 9


def test_another_persons_recovery_code_does_not_work(client, lead_a, lead_b):
    make_device(lead_a)
    make_device(lead_b)
    codes_of_b = RecoveryCode.replace_for(lead_b)
    client.force_login(lead_a)
    response = client.post(reverse("twostep:recover"), {"code": codes_of_b[0]})
    assert response.status_code == 200
    assert RecoveryCode.objects.unused().filter(user=lead_b).count() == 10


def test_new_recovery_codes_replace_the_old(client, lead_a):
    make_device(lead_a)
    old = RecoveryCode.replace_for(lead_a)
    client.force_login(lead_a)
    client.post(reverse("twostep:verify"), {"code": code_now()})
    response = client.post(reverse("twostep:new-recovery-codes"))
    assert response.status_code == 200
    new = response.context["codes"]
    assert not set(old) & set(new)
    assert not RecoveryCode.objects.filter(digest=digest(old[0])).exists()


def test_someone_who_chose_it_may_turn_it_off_but_a_lead_may_not(client, lead_a, contributor_a):
    make_device(contributor_a, KEY)
    client.force_login(contributor_a)
    client.post(reverse("twostep:verify"), {"code": code_now()})
    client.post(reverse("twostep:turn-off"))
    assert not TOTPDevice.objects.filter(user=contributor_a).exists()

    make_device(lead_a, "3" * 40)
    client.force_login(lead_a)
    client.post(reverse("twostep:verify"), {"code": code_now("3" * 40)})
    response = client.post(reverse("twostep:turn-off"), follow=True)
    assert b"Your role needs two-step verification" in response.content
    assert TOTPDevice.objects.filter(user=lead_a).exists()
