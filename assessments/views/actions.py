"""A round's action plan: its own actions and the open ones carried from earlier rounds."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from assessments import services
from assessments.forms import ActionForm
from assessments.models import Action
from assessments.views.finding import find_element, find_round
from partnership.access import partnership_access
from partnership.http import posted
from partnership.models import Role

PUBLISHED = "A published round cannot change"


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
    refusal = ""
    if assessment.is_published:
        # The form is not shown on a published round: only this message, no field errors.
        form = ActionForm(partnership=access.partnership)
        refusal = PUBLISHED
        status = 409
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_action(
                assessment=assessment,
                element=element,
                title=data["title"],
                owner_organisation=data["owner_organisation"],
                owner_name=data["owner_name"],
                due_date=data["due_date"],
                by=request.user,
            )
        except services.RoundStateError as error:
            form.add_error(None, error.messages[0])
            status = 409
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, "Action added")
            return redirect("assessments:element", slug=slug, pk=pk, code=code)
    return render(
        request,
        "assessments/rounds/action_form.html",
        {
            "access": access,
            "assessment": assessment,
            "element": element,
            "form": form,
            "refusal": refusal,
        },
        status=status,
    )


@login_required
def action_edit(request: HttpRequest, slug: str, pk: int, action: int) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    assessment = find_round(access, pk)
    row = get_object_or_404(
        Action.objects.for_round(assessment).select_related(
            "element", "assessment", "owner_organisation"
        ),
        pk=action,
    )
    form = ActionForm(posted(request), instance=row, partnership=access.partnership)
    theirs = None
    status = 200
    refusal = ""
    if assessment.is_published:
        form = ActionForm(instance=row, partnership=access.partnership)
        refusal = PUBLISHED
        status = 409 if request.method == "POST" else 200
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.change_action(
                through=assessment,
                action=row,
                version=data["version"] or 0,
                title=data["title"],
                owner_organisation=data["owner_organisation"],
                owner_name=data["owner_name"],
                due_date=data["due_date"],
                status=data["status"],
                by=request.user,
            )
        except services.RoundStateError as error:
            form.add_error(None, error.messages[0])
            status = 409
        else:
            if saved:
                messages.success(request, f"{data['title']} saved")
                return redirect("assessments:actions", slug=slug, pk=pk)
            theirs = Action.objects.select_related("owner_organisation").get(pk=row.pk)
            data_copy = request.POST.copy()
            data_copy["version"] = theirs.version
            # A separate instance: validating the form writes into it, `theirs` stays as saved.
            form = ActionForm(
                data_copy, instance=Action.objects.get(pk=row.pk), partnership=access.partnership
            )
            form.is_valid()
            status = 409
    return render(
        request,
        "assessments/rounds/action_form.html",
        {
            "access": access,
            "assessment": assessment,
            "element": row.element,
            "form": form,
            "action": row,
            "theirs": theirs,
            "refusal": refusal,
        },
        status=status,
    )
