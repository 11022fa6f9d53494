"""Open Referral UK import and export, and the CSV of the service list."""

import json
import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from continuum import export
from continuum.forms import FilterForm, ImportForm
from continuum.importers.jobs import report_of
from continuum.importers.oruk import too_big
from continuum.importers.store import import_services
from continuum.models import ImportJob, Service
from continuum.taxonomies import terms_by_taxonomy
from partnership import downloads
from partnership.access import partnership_access
from partnership.audit import audit
from partnership.http import posted
from partnership.models import Membership, Role
from partnership.request_limits import accepts_upload

logger = logging.getLogger(__name__)


def is_lead(request: HttpRequest, slug: str) -> bool:
    user = request.user
    return (
        user.is_authenticated
        and Membership.objects.filter(partnership__slug=slug, user=user, role=Role.LEAD).exists()
    )


@accepts_upload(lambda: settings.SERVICE_IMPORT_MAX_BYTES, allowed=is_lead)
@login_required
def import_feed(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    form = ImportForm(posted(request), request.FILES if request.method == "POST" else None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["feed"]
        limit = settings.SERVICE_IMPORT_MAX_BYTES
        if upload.size > limit:
            # Refused on its declared size, before a byte of it is parsed.
            form.add_error("feed", too_big(upload.size, limit))
        elif upload.size > settings.SERVICE_IMPORT_INLINE_MAX_BYTES:
            # Too large to import before the request times out: queued for the worker.
            job = ImportJob.objects.create(
                partnership=access.partnership,
                uploaded_by=request.user,
                source=upload.name[:200],
                size=upload.size,
                data=upload.read(),
                dry_run=form.cleaned_data["dry_run"],
            )
            audit("import.queued", request, partnership=slug, job=job.pk, bytes=upload.size)
            return redirect("continuum:import-job", slug, job.pk)
        else:
            try:
                report = import_services(
                    partnership=access.partnership,
                    data=upload.read(),
                    source=upload.name,
                    max_bytes=limit,
                    dry_run=form.cleaned_data["dry_run"],
                )
            except Exception:
                # The importer reports every problem it knows of; anything else is a bug,
                # logged for us, and the lead still gets a page rather than an error.
                logger.exception("Import into %s failed", slug)
                form.add_error("feed", _("The file could not be imported. Nothing was saved"))
            else:
                if report.error:
                    form.add_error("feed", report.error)
                    report = None
    if request.method == "POST" and form.errors:
        _audit_rejection(request, slug, form)
    return render(
        request,
        "continuum/import.html",
        {
            "access": access,
            "form": form,
            "report": report,
            "inline_limit": settings.SERVICE_IMPORT_INLINE_MAX_BYTES,
        },
    )


@login_required
@require_GET
def import_job(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A queued import's progress, then its report: the same one an import on the page gives."""
    access = partnership_access(request, slug, at_least=Role.LEAD)
    job = get_object_or_404(
        ImportJob.objects.for_partnership(access.partnership).defer("data"), pk=pk
    )
    return render(
        request,
        "continuum/import_job.html",
        {"access": access, "job": job, "report": report_of(job)},
    )


def _audit_rejection(request: HttpRequest, slug: str, form: ImportForm) -> None:
    """One audit line per refused import: which file, how big, how many problems.

    The messages themselves stay on the page: they quote the file's contents.
    """
    upload = request.FILES.get("feed")
    audit(
        "import.rejected",
        request,
        partnership=slug,
        file=upload.name if upload else "",
        bytes=upload.size if upload else 0,
        problems=sum(len(errors) for errors in form.errors.values()),
    )


def attachment(body: str, content_type: str, slug: str, extension: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    return downloads.attachment(response, slug, "services", suffix=extension)


@login_required
@require_GET
def export_json(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_access(request, slug)
    # Open Referral UK in English whatever the page's language, as the API sends it: other
    # directories match its taxonomy and term names as they are.
    with translation.override(settings.LANGUAGE_CODE):
        page = export.hsds_page(
            Service.objects.for_partnership(access.partnership).current().for_export()
        )
    body = json.dumps(page, indent=2, ensure_ascii=False)
    return attachment(body, "application/json", access.partnership.slug, "json")


@login_required
@require_GET
def export_csv(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_access(request, slug)
    filters = FilterForm(request.GET, terms=terms_by_taxonomy())
    services = filters.apply(Service.objects.for_partnership(access.partnership).for_export())
    # A byte order mark so spreadsheet programs read the UTF-8 names correctly.
    body = "\ufeff" + export.service_csv(services)
    return attachment(body, "text/csv; charset=utf-8", access.partnership.slug, "csv")
