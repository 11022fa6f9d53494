"""Loading indicator files: an admin's national files, a lead's local figures; and the figures
a partnership sees for its areas."""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partnership.access import partnership_access
from partnership.audit import audit
from partnership.indicators import reading
from partnership.indicators.forms import IndicatorFileForm, KeyIndicatorsForm
from partnership.indicators.models import Indicator, KeyIndicator
from partnership.indicators.store import IndicatorReport, import_indicators, too_big
from partnership.models import Membership, Partnership, Role
from partnership.request_limits import accepts_upload

logger = logging.getLogger(__name__)


def max_bytes() -> int:
    return settings.INDICATOR_UPLOAD_MAX_BYTES


def is_admin(request: HttpRequest, **kwargs) -> bool:
    user = request.user
    return user.is_authenticated and user.is_active and user.is_superuser


def is_lead(request: HttpRequest, slug: str) -> bool:
    user = request.user
    return (
        user.is_authenticated
        and Membership.objects.filter(partnership__slug=slug, user=user, role=Role.LEAD).exists()
    )


def load(request: HttpRequest, form: IndicatorFileForm, partnership: Partnership | None):
    """The form's file loaded (or checked), or None with the problems on the form."""
    upload = form.cleaned_data["file"]
    if upload.size > max_bytes():
        # Refused on its declared size, before a byte of it is parsed.
        form.add_error("file", too_big(upload.size, max_bytes()))
        return None
    try:
        report = import_indicators(
            data=upload.read(),
            name=upload.name,
            max_bytes=max_bytes(),
            indicator=form.cleaned_data["indicator"],
            partnership=partnership,
            dry_run=form.cleaned_data["dry_run"],
        )
    except Exception:
        logger.exception("Loading indicator file %s failed", upload.name)
        form.add_error("file", _("The file could not be loaded. Nothing was saved"))
        return None
    for problem in report.problems:
        form.add_error("file", problem)
    audit(
        "indicators.loaded" if report.ok else "indicators.rejected",
        request,
        file=upload.name,
        bytes=upload.size,
        problems=len(report.problems),
        partnership=partnership.slug if partnership else "",
    )
    return report if report.ok else None


@accepts_upload(max_bytes, allowed=is_admin)
@login_required
def national(request: HttpRequest) -> HttpResponse:
    """Admins load files for every area: Fingertips downloads, births, under-fives."""
    if not is_admin(request):
        audit("access.denied", request, status=404, reason="not an admin")
        raise Http404
    form = IndicatorFileForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    report: IndicatorReport | None = None
    if request.method == "POST" and form.is_valid():
        report = load(request, form, None)
    indicators = Indicator.objects.order_by("name")
    return render(
        request,
        "indicators/national.html",
        {"form": form, "report": report, "indicators": indicators},
    )


@accepts_upload(max_bytes, allowed=is_lead)
@login_required
def local(request: HttpRequest, slug: str) -> HttpResponse:
    """Everyone in the partnership sees its figures; the lead loads local ones."""
    posting = request.method == "POST"
    access = partnership_access(request, slug, at_least=Role.LEAD if posting else Role.VIEWER)
    partnership = access.partnership
    form = IndicatorFileForm(
        request.POST if posting else None, request.FILES if posting else None, local=True
    )
    report = None
    if posting and form.is_valid():
        report = load(request, form, partnership)
    chosen = KeyIndicatorsForm(
        initial={"indicators": list(partnership.key_indicators.values_list("indicator", flat=True))}
    )
    figures = reading.key_figures(partnership)
    context = {
        "access": access,
        "partnership": partnership,
        "form": form,
        "report": report,
        "chosen": chosen,
        "figures": figures,
        "synthetic": reading.synthetic(figures),
    }
    return render(request, "indicators/local.html", context)


@login_required
@require_POST
def choose(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    form = KeyIndicatorsForm(request.POST)
    if form.is_valid():
        with transaction.atomic():
            # Two leads saving at once take turns on the partnership's row, so the second
            # replaces the first's choice rather than colliding with it.
            Partnership.objects.select_for_update().only("pk").get(pk=access.partnership.pk)
            access.partnership.key_indicators.all().delete()
            KeyIndicator.objects.bulk_create(
                KeyIndicator(partnership=access.partnership, indicator=indicator)
                for indicator in form.cleaned_data["indicators"]
            )
        messages.success(request, _("Key indicators saved"))
    else:
        messages.error(request, _("Choose indicators from the list"))
    return redirect("partnership:indicators", slug)
