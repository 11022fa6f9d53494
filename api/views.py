"""The lead's page for what the partnership publishes through the API, and its tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from api.forms import PublicationForm, TokenForm
from api.models import ApiToken, Publication
from partnership.access import Access, partnership_access
from partnership.http import posted
from partnership.models import Role

# The text of a token just issued, kept in the session only until the page has shown it once.
NEW_TOKEN = "api-new-token"


def publication_of(access: Access) -> Publication:
    return Publication.objects.filter(partnership=access.partnership).first() or Publication(
        partnership=access.partnership
    )


def settings_page(
    request: HttpRequest, access: Access, form: PublicationForm, token_form: TokenForm
) -> HttpResponse:
    slug = access.partnership.slug
    context = {
        "access": access,
        "form": form,
        "token_form": token_form,
        "tokens": ApiToken.objects.filter(partnership=access.partnership).select_related(
            "created_by"
        ),
        "new_token": request.session.pop(NEW_TOKEN, None),
        "oruk_url": request.build_absolute_uri(reverse("api:oruk-root", args=[slug])),
        "results_url": request.build_absolute_uri(reverse("api:results", args=[slug])),
        "openapi_url": request.build_absolute_uri(reverse("api:openapi-json")),
    }
    return render(request, "api/publishing.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def publishing(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    form = PublicationForm(posted(request), instance=publication_of(access))
    if request.method == "POST" and form.is_valid():
        if form.has_changed() or form.instance.pk is None:
            publication = form.save(commit=False)
            publication.updated_by = request.user
            publication.save()
        messages.success(request, _("Publishing choices saved"))
        return redirect("publishing:index", slug)
    return settings_page(request, access, form, TokenForm())


@login_required
@require_POST
def token_issue(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    token_form = TokenForm(request.POST)
    if not token_form.is_valid():
        form = PublicationForm(instance=publication_of(access))
        return settings_page(request, access, form, token_form)
    with transaction.atomic():
        _, text = ApiToken.issue(
            partnership=access.partnership, name=token_form.cleaned_data["name"], by=request.user
        )
    request.session[NEW_TOKEN] = text
    return redirect("publishing:index", slug)


@login_required
@require_POST
def token_revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    token = get_object_or_404(ApiToken, partnership=access.partnership, pk=pk)
    token.revoke()
    messages.success(
        request, _("Token “%(name)s” revoked: it no longer opens the API") % {"name": token.name}
    )
    return redirect("publishing:index", slug)
