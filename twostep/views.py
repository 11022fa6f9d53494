"""Setting up, using and recovering the second step of signing in, and the admin's reset."""

import io
import time
from base64 import b32encode
from binascii import unhexlify

import django_otp
import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from partnership.access import admin_access
from partnership.audit import audit, client_ip
from partnership.models import User
from twostep import gate
from twostep.forms import CodeForm, RecoveryCodeForm, ResetForm
from twostep.models import Failure, RecoveryCode

# The secret of an app being set up waits in the session until a code from it is accepted.
PENDING_KEY = "two_step_pending_key"


def manual_key(hex_key: str) -> str:
    """The secret as people type it into an app: base32, in groups of four."""
    text = b32encode(unhexlify(hex_key)).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def otpauth_url(user, hex_key: str) -> str:
    return TOTPDevice(user=user, key=hex_key).config_url


def with_next(name: str, request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next")
    return reverse(name) + (f"?{urlencode({'next': wanted})}" if wanted else "")


def locked_page(request: HttpRequest) -> HttpResponse:
    return render(request, "twostep/locked.html", status=429)


def wrong_code(request: HttpRequest, form, message: str) -> HttpResponse | None:
    """Counts a wrong code; returns the locked page if that was one too many."""
    Failure.record(user=request.user, ip=client_ip(request))
    audit("two_step.failure", request)
    if Failure.objects.locked(user=request.user, ip=client_ip(request)):
        audit("two_step.lockout", request)
        return locked_page(request)
    form.add_error("code", message)
    return None


def passed(request: HttpRequest) -> HttpResponse:
    """The second step is done: a fresh session key, the mark, and on to where they were going."""
    Failure.objects.filter(user=request.user).delete()
    request.session.cycle_key()
    gate.mark_passed(request.session, request.user)
    return redirect(gate.next_url(request))


@login_required
@require_http_methods(["GET", "POST"])
def set_up(request: HttpRequest) -> HttpResponse:
    if gate.has_device(request.user):
        return redirect("twostep:account")
    pending = request.session.get(PENDING_KEY)
    if pending is None:
        pending = request.session[PENDING_KEY] = random_hex(20)
    form = CodeForm(request.POST or None, initial={"next": request.GET.get("next", "")})
    if request.method == "POST" and form.is_valid():
        if Failure.objects.locked(user=request.user, ip=client_ip(request)):
            return locked_page(request)
        totp = TOTP(unhexlify(pending))
        totp.time = time.time()
        if totp.verify(int(form.cleaned_data["code"]), tolerance=1):
            with transaction.atomic():
                TOTPDevice.objects.filter(user=request.user).delete()
                TOTPDevice.objects.create(
                    user=request.user, name="Authenticator app", key=pending, last_t=totp.t()
                )
                codes = RecoveryCode.replace_for(request.user)
            del request.session[PENDING_KEY]
            Failure.objects.filter(user=request.user).delete()
            request.session.cycle_key()
            gate.mark_passed(request.session, request.user)
            audit("two_step.enrolled", request)
            return render(
                request,
                "twostep/recovery_codes.html",
                {"codes": codes, "continue_to": gate.next_url(request), "first_time": True},
            )
        locked = wrong_code(
            request, form, _("That code is not right. Enter the code your app shows now")
        )
        if locked:
            return locked
    return render(
        request,
        "twostep/set_up.html",
        {
            "form": form,
            "manual_key": manual_key(pending),
            "required": gate.role_requires(request.user),
        },
    )


@login_required
@require_GET
def qr_code(request: HttpRequest) -> HttpResponse:
    """The QR code of the app being set up, as an image: the page itself holds no SVG."""
    pending = request.session.get(PENDING_KEY)
    if pending is None:
        raise Http404
    qr = segno.make(otpauth_url(request.user, pending), error="m")
    svg = io.BytesIO()
    # Sized by the page (a viewBox, no width): the image scales to its box on any screen.
    qr.save(svg, kind="svg", border=4, dark="#0b0c0c", light="#ffffff", omitsize=True)
    return HttpResponse(svg.getvalue(), content_type="image/svg+xml")


@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect(with_next("twostep:set-up", request))
    if gate.has_passed(request):
        return redirect(gate.next_url(request))
    if Failure.objects.locked(user=request.user, ip=client_ip(request)):
        return locked_page(request)
    form = CodeForm(request.POST or None, initial={"next": request.GET.get("next", "")})
    if request.method == "POST" and form.is_valid():
        # Locks the device's row while checking, so one code cannot be spent twice at once.
        if django_otp.verify_token(request.user, device.persistent_id, form.cleaned_data["code"]):
            audit("two_step.verified", request)
            return passed(request)
        locked = wrong_code(
            request, form, _("That code is not right. Enter the code your app shows now")
        )
        if locked:
            return locked
    return render(
        request,
        "twostep/verify.html",
        {"form": form, "recover_url": with_next("twostep:recover", request)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def recover(request: HttpRequest) -> HttpResponse:
    if gate.has_passed(request):
        return redirect(gate.next_url(request))
    if Failure.objects.locked(user=request.user, ip=client_ip(request)):
        return locked_page(request)
    form = RecoveryCodeForm(request.POST or None, initial={"next": request.GET.get("next", "")})
    if request.method == "POST" and form.is_valid():
        if RecoveryCode.use(request.user, form.cleaned_data["code"]):
            left = RecoveryCode.objects.unused().filter(user=request.user).count()
            audit("two_step.recovery_code_used", request, codes_left=left)
            messages.success(
                request,
                ngettext(
                    "Recovery code accepted. You have %(left)s code left: you can get new ones "
                    "from your two-step verification page.",
                    "Recovery code accepted. You have %(left)s codes left: you can get new ones "
                    "from your two-step verification page.",
                    left,
                )
                % {"left": left},
            )
            return passed(request)
        locked = wrong_code(
            request, form, _("That recovery code is not right, or it has been used already")
        )
        if locked:
            return locked
    return render(
        request,
        "twostep/recover.html",
        {"form": form, "verify_url": with_next("twostep:verify", request)},
    )


@login_required
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    context = {
        "device": device,
        "required": gate.role_requires(request.user),
        "codes_left": RecoveryCode.objects.unused().filter(user=request.user).count(),
    }
    return render(request, "twostep/account.html", context)


@login_required
@require_POST
def new_recovery_codes(request: HttpRequest) -> HttpResponse:
    """Replaces the person's recovery codes and shows the new ones, once."""
    if not gate.has_device(request.user):
        return redirect("twostep:set-up")
    codes = RecoveryCode.replace_for(request.user)
    audit("two_step.recovery_codes_replaced", request)
    return render(
        request,
        "twostep/recovery_codes.html",
        {"codes": codes, "continue_to": reverse("twostep:account"), "first_time": False},
    )


@login_required
@require_POST
def turn_off(request: HttpRequest) -> HttpResponse:
    """Someone who chose to use the second step may stop; a role that needs it may not."""
    if gate.role_requires(request.user):
        messages.error(request, _("Your role needs two-step verification, so it stays on"))
        return redirect("twostep:account")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=request.user).delete()
        RecoveryCode.objects.filter(user=request.user).delete()
    audit("two_step.turned_off", request)
    messages.success(request, _("Two-step verification is off"))
    return redirect("twostep:account")


@login_required
@require_http_methods(["GET", "POST"])
def reset(request: HttpRequest) -> HttpResponse:
    """An admin clears a person's authenticator app and recovery codes (a lost phone).

    The person sets up a new app at their next sign-in, if their role needs one.
    """
    admin_access(request)
    form = ResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = User.objects.filter(email__iexact=form.cleaned_data["email"]).first()
        if person is None:
            form.add_error("email", _("No one with that email address has an account"))
        else:
            with transaction.atomic():
                devices, _by_model = TOTPDevice.objects.filter(user=person).delete()
                RecoveryCode.objects.filter(user=person).delete()
                Failure.objects.filter(user=person).delete()
            audit("two_step.reset", request, target_user_id=person.pk, had_app=bool(devices))
            messages.success(
                request,
                _("Two-step verification is reset for %(email)s") % {"email": person.email},
            )
            return redirect("twostep:reset")
    return render(request, "twostep/reset.html", {"form": form})
