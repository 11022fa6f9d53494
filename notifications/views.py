from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from notifications.forms import PreferencesForm
from notifications.models import ESSENTIAL, Kind, Preferences
from partnership.language import language_of


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    """The signed-in person's own email choices: nobody else's are reachable from here."""
    current = Preferences.objects.filter(user=request.user).first() or Preferences(
        user=request.user
    )
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            changed = form.apply(current)
            # No row until something differs from the defaults (every email on).
            if changed and current.pk is None:
                current.save()
            elif changed:
                current.save(update_fields=[*changed, "updated"])
            messages.success(request, _("Your email choices are saved"))
            return redirect("notifications:preferences")
    else:
        form = PreferencesForm(initial=PreferencesForm.initial_for(current))
    essential = [Kind(kind).label for kind in ESSENTIAL]
    context = {"form": form, "essential": essential, "writes_in": language_of(request.user)}
    return render(request, "notifications/preferences.html", context)
