"""A lead's download of everything the partnership holds, and the admin's erasure pages.

Erasure pages are for admins alone; anyone else gets a 404, as for every admin page outside
the admin site. Erasing changes data, so it happens only on a POST, after the admin has typed
what is to be erased.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from assessments.models import Response
from partnership.access import admin_access, partnership_access
from partnership.audit import audit
from partnership.downloads import attachment
from partnership.models import Partnership, Role, User
from rights import erasure
from rights.export import partnership_zip
from rights.forms import ConfirmPartnershipForm, ConfirmPersonForm, FindPersonForm


@login_required
@require_safe
def data(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    return render(request, "rights/data.html", {"access": access, "sheets": SHEET_NOTES})


@login_required
@require_safe
def download(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    audit("rights.downloaded", request, partnership=access.partnership.pk)
    response = HttpResponse(partnership_zip(access.partnership), content_type="application/zip")
    return attachment(response, access.partnership.slug, "data", suffix="zip")


# What the page says of each table in the download, in the download's order.
SHEET_NOTES = [
    (
        gettext_lazy("Profile"),
        gettext_lazy("the partnership's name, nation, description and areas"),
    ),
    (gettext_lazy("Partners"), gettext_lazy("the partner organisations and their sectors")),
    (
        gettext_lazy("Members"),
        gettext_lazy("each member's name, email address, role and organisation"),
    ),
    (
        gettext_lazy("Services"),
        gettext_lazy("the service map, with each service's terms, ages, capacity and source"),
    ),
    (gettext_lazy("Locations"), gettext_lazy("where services are delivered")),
    (gettext_lazy("Referral routes"), gettext_lazy("the pathway between services")),
    (gettext_lazy("Gap rule changes"), gettext_lazy("local changes to which cells count as gaps")),
    (gettext_lazy("Local figures"), gettext_lazy("local need figures a lead uploaded")),
    (
        gettext_lazy("Key indicators"),
        gettext_lazy("the indicators the partnership chose to follow"),
    ),
    (gettext_lazy("Rounds"), gettext_lazy("every assessment round, its framework and its status")),
    (
        gettext_lazy("Round status history"),
        gettext_lazy("when each round opened, closed, was agreed and published"),
    ),
    (gettext_lazy("Out of scope"), gettext_lazy("elements a round left out, and why")),
    (
        gettext_lazy("Responses"),
        gettext_lazy(
            "each rating with its evidence; in anonymous rounds a sector only, never a name"
        ),
    ),
    (
        gettext_lazy("Agreed ratings"),
        gettext_lazy("the agreed ratings, targets, rationale and dissent"),
    ),
    (gettext_lazy("Barriers"), gettext_lazy("barriers recorded in workshops")),
    (
        gettext_lazy("Actions"),
        gettext_lazy("the action plan, with owners, due dates, status and latest progress"),
    ),
    (
        gettext_lazy("History"),
        gettext_lazy("every recorded change to responses, agreed ratings and actions"),
    ),
]


@login_required
def erasure_index(request: HttpRequest) -> HttpResponse:
    """Where an admin finds the person or the partnership to erase."""
    admin_access(request)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    form = FindPersonForm(request.GET if "email" in request.GET else None)
    if form.is_bound and form.is_valid():
        person = User.objects.filter(email__iexact=form.cleaned_data["email"]).first()
        if person is not None:
            return redirect("erasure:person", pk=person.pk)
        form.add_error("email", _("No account has this email address"))
    partnerships = Partnership.objects.order_by("name")
    return render(
        request, "rights/erasure_index.html", {"form": form, "partnerships": partnerships}
    )


@login_required
def erase_partnership(request: HttpRequest, slug: str) -> HttpResponse:
    admin_access(request)
    partnership = get_object_or_404(Partnership, slug=slug)
    form = ConfirmPartnershipForm(
        request.POST if request.method == "POST" else None, expected=partnership.name
    )
    if request.method == "POST" and form.is_valid():
        erased = erasure.erase_partnership(partnership=partnership)
        audit(
            "rights.partnership-erased",
            request,
            partnership=erased.partnership_id,
            rounds=erased.rounds,
            services=erased.services,
            members=erased.members,
        )
        messages.success(
            request,
            _("%(name)s and everything it held are erased") % {"name": partnership.name},
        )
        return redirect("erasure:index")
    counts = Partnership.objects.filter(pk=partnership.pk).aggregate(
        rounds=Count("assessments", distinct=True),
        services=Count("services", distinct=True),
        members=Count("memberships", distinct=True),
    )
    return render(
        request,
        "rights/erase_partnership.html",
        {"partnership": partnership, "form": form, "counts": counts},
    )


@login_required
def erase_person(request: HttpRequest, pk: int) -> HttpResponse:
    admin_access(request)
    person = get_object_or_404(User, pk=pk)
    form = ConfirmPersonForm(
        request.POST if request.method == "POST" else None, expected=person.email
    )
    itself = person.pk == request.user.pk
    if request.method == "POST" and itself:
        form.add_error(None, _("You cannot erase your own account. Ask another admin"))
    elif request.method == "POST" and form.is_valid():
        erased = erasure.erase_person(user=person)
        audit(
            "rights.person-erased",
            request,
            erased_user_id=erased.user_id,
            stand_in_id=erased.stand_in_id,
            ratings_kept=erased.ratings_kept,
            ratings_removed=erased.ratings_removed,
            texts_redacted=erased.texts_redacted,
        )
        messages.success(request, _("The person's account and personal data are erased"))
        return redirect("erasure:index")
    memberships = person.memberships.select_related("partnership", "organisation").order_by(
        "partnership__name"
    )
    ratings = Response.objects.filter(respondent=person).aggregate(
        kept=Count("pk", filter=~_collecting()), removed=Count("pk", filter=_collecting())
    )
    context = {
        "person": person,
        "form": form,
        "memberships": memberships,
        "ratings": ratings,
        "itself": itself,
    }
    return render(request, "rights/erase_person.html", context)


def _collecting() -> Q:
    return Q(assessment__status__in=erasure.COLLECTING)
