"""A round's action plan: its own actions and the open ones carried from earlier rounds."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from assessments import services
from assessments.forms import ActionForm
from assessments.models import Action, Assessment, Change, Element
from assessments.views.finding import find_action, find_element, find_round
from assessments.views.saving import rebased, submit
from partnership.access import Access, partnership_access
from partnership.http import posted
from partnership.models import Role


@login_required
@require_safe
def action_list(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = partnership_access(request, slug)
    assessment = find_round(access, pk)
    actions = Action.objects.for_round(assessment).select_related(
        "owner_organisation", "element", "assessment"
    )
    return render(
        request,
        "assessments/rounds/actions.html",
        {"access": access, "assessment": assessment, "actions": actions},
    )


@login_required
def action_add(request: HttpRequest, slug: str, pk: int, code: str) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    assessment = find_round(access, pk)
    element = find_element(assessment, code)
    form = ActionForm(posted(request), partnership=access.partnership)
    status = 200
    if request.method == "POST" and form.is_valid():
        outcome = submit(
            services.add_action,
            form,
            assessment=assessment,
            element=element,
            by=request.user,
            **_action_values(form.cleaned_data),
        )
        if outcome.saved:
            messages.success(request, _("Action added"))
            return redirect("assessments:element", slug=slug, pk=pk, code=code)
        status = outcome.status
    return _form_page(request, access, assessment, element, form, status)


@login_required
def action_edit(request: HttpRequest, slug: str, pk: int, action: int) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    assessment = find_round(access, pk)
    row = find_action(assessment, action)
    form = ActionForm(posted(request), instance=row, partnership=access.partnership)
    theirs, status = None, 200
    # A published round's actions change too: the plan is followed up after publishing.
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        outcome = submit(
            services.change_action,
            form,
            through=assessment,
            action=row,
            version=data["version"] or 0,
            status=data["status"],
            progress_note=data["progress_note"],
            by=request.user,
            **_action_values(data),
        )
        if outcome.saved:
            messages.success(request, _("%(title)s saved") % {"title": data["title"]})
            return redirect("assessments:actions", slug=slug, pk=pk)
        if outcome.stale:
            theirs = Action.objects.select_related("owner_organisation").get(pk=row.pk)
            form = rebased(ActionForm, request.POST, theirs, partnership=access.partnership)
        status = outcome.status
    history = Change.objects.filter(
        assessment__partnership=access.partnership,
        element=row.element_id,
        subject="action",
        object_id=row.pk,
    ).select_related("by")
    shown = {"action": row, "theirs": theirs, "history": history}
    return _form_page(request, access, assessment, row.element, form, status, **shown)


def _action_values(data: dict) -> dict:
    """What the form says about an action, as the services take it."""
    return {name: data[name] for name in ("title", "owner_organisation", "owner_name", "due_date")}


def _form_page(
    request: HttpRequest,
    access: Access,
    assessment: Assessment,
    element: Element,
    form: ActionForm,
    status: int,
    **context,
) -> HttpResponse:
    """The action form page: adding an action to an element, or changing one."""
    context |= {"access": access, "assessment": assessment, "element": element, "form": form}
    return render(request, "assessments/rounds/action_form.html", context, status=status)
