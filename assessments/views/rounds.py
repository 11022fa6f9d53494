"""A partnership's rounds: the list, opening one, its scope, its page and its status moves."""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from assessments import services
from assessments.forms import RoundForm, ScopeForm
from assessments.models import Assessment, AssessmentStatus, Response
from assessments.structure import of_round
from assessments.views.finding import find_element, find_round
from assessments.views.progress import in_scope_count, round_progress
from assessments.views.saving import submit
from assessments.views.workshop import result_links
from partnership.access import partnership_access
from partnership.http import posted
from partnership.models import Role, User

MOVE_WORDS = {
    AssessmentStatus.OPEN: (
        gettext_lazy("Open the round for ratings"),
        gettext_lazy("Contributors can rate until you close it."),
    ),
    AssessmentStatus.CLOSED: (
        gettext_lazy("Close the round"),
        gettext_lazy(
            "Nobody can change their ratings after this. The workshop can then agree ratings."
        ),
    ),
    AssessmentStatus.AGREED: (
        gettext_lazy("Mark the ratings as agreed"),
        gettext_lazy(
            "Agreed ratings and barriers are then fixed until you reopen them. The action plan "
            "stays open."
        ),
    ),
    AssessmentStatus.PUBLISHED: (
        gettext_lazy("Publish the round"),
        gettext_lazy(
            "Every member and commissioner with oversight will see the results. A published "
            "round's ratings cannot be changed; its action plan can still be followed up."
        ),
    ),
}


@login_required
@require_safe
def round_list(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_access(request, slug)
    rounds = Assessment.objects.visible_to(access).select_related("framework")
    return render(request, "assessments/rounds/list.html", {"access": access, "rounds": rounds})


@login_required
def round_new(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    form = RoundForm(posted(request))
    if request.method == "POST" and form.is_valid():
        assessment = services.open_round(
            partnership=access.partnership,
            framework=form.cleaned_data["framework"],
            name=form.cleaned_data["name"],
            closing_date=form.cleaned_data["closing_date"],
            anonymous=form.cleaned_data["anonymous"],
            by=request.user,
        )
        messages.success(
            request,
            _("%(name)s created as a draft. Set its scope, then open it")
            % {"name": assessment.name},
        )
        return redirect("assessments:round-scope", slug=slug, pk=assessment.pk)
    return render(request, "assessments/rounds/new.html", {"access": access, "form": form})


@login_required
@require_safe
def round_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = partnership_access(request, slug)
    assessment = find_round(access, pk)
    dimensions, in_scope, mine = _dimension_progress(assessment, request.user)
    return render(
        request,
        "assessments/rounds/detail.html",
        {
            "access": access,
            "assessment": assessment,
            "dimensions": dimensions,
            "in_scope": in_scope,
            "mine": mine,
            "progress": round_progress(assessment, in_scope) if access.is_lead else None,
            "moves": [(s, MOVE_WORDS[s][0]) for s in assessment.next_statuses()],
            "status_changes": assessment.status_changes.select_related("by"),
            "can_rate": assessment.is_open and access.can_contribute and access.is_member,
            "links": result_links(access, assessment),
        },
    )


def _dimension_progress(assessment: Assessment, user: User) -> tuple[list[dict], int, int]:
    """Per dimension, then in all: the elements in scope, and how many this person has rated."""
    out = set(assessment.out_of_scope.values_list("element_id", flat=True))
    # The dimensions and their elements from the framework's kept structure.
    structure = of_round(assessment)
    totals = Counter(element.dimension_id for element in structure.in_scope(out))
    rated = dict(
        Response.objects.filter(assessment=assessment, respondent=user)
        .exclude(element__in=out)
        .rated()
        .values_list("element__dimension")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows = [
        {"dimension": d, "in_scope": totals.get(d.pk, 0), "rated": rated.get(d.pk, 0)}
        for d in structure.dimensions
    ]
    return rows, sum(totals.values()), sum(rated.values())


@login_required
def round_scope(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    assessment = find_round(access, pk)
    editable = assessment.status == AssessmentStatus.DRAFT
    form = ScopeForm(posted(request), assessment=assessment)
    if request.method == "POST":
        if not editable:
            messages.error(request, _("You can only change the scope of a draft round"))
            return redirect(assessment)
        if form.is_valid():
            row = services.set_out_of_scope(
                assessment=assessment,
                element=form.cleaned_data["element"],
                reason=form.cleaned_data["reason"],
            )
            messages.success(
                request,
                _("%(title)s is out of scope for this round") % {"title": row.element.title},
            )
            return redirect("assessments:round-scope", slug=slug, pk=pk)
    return render(
        request,
        "assessments/rounds/scope.html",
        {
            "access": access,
            "assessment": assessment,
            "form": form,
            "editable": editable,
            "out_of_scope": assessment.out_of_scope.select_related("element"),
        },
    )


@login_required
@require_POST
def scope_remove(request: HttpRequest, slug: str, pk: int, code: str) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    assessment = find_round(access, pk)
    element = find_element(assessment, code)
    outcome = submit(services.bring_into_scope, None, assessment=assessment, element=element)
    if outcome.error:
        messages.error(request, outcome.error)
        return redirect(assessment)
    messages.success(request, _("%(title)s is back in scope") % {"title": element.title})
    return redirect("assessments:round-scope", slug=slug, pk=pk)


@login_required
def round_move(request: HttpRequest, slug: str, pk: int, to: str) -> HttpResponse:
    """Confirms a status move on GET; makes it on POST."""
    access = partnership_access(request, slug, at_least=Role.LEAD)
    assessment = find_round(access, pk)
    if to not in AssessmentStatus.values:
        raise Http404
    target = AssessmentStatus(to)
    error = _move_refusal(assessment, target)
    if not error and request.method == "POST":
        values = {"assessment": assessment, "to_status": target, "by": request.user}
        outcome = submit(services.move_round, None, **values)
        if outcome.saved:
            messages.success(
                request,
                _("%(name)s is now %(status)s")
                % {"name": assessment.name, "status": target.label.lower()},
            )
            return redirect(assessment)
        error = outcome.error
    missing = services.missing_agreements(assessment) if target == AssessmentStatus.AGREED else []
    if missing and not error:
        error = _("Agree a rating for every element in scope first")
    heading, explanation = MOVE_WORDS.get(target, (target.label, ""))
    closing = target == AssessmentStatus.CLOSED and not error
    return render(
        request,
        "assessments/rounds/move.html",
        {
            "access": access,
            "assessment": assessment,
            "target": target,
            "heading": heading,
            "explanation": explanation,
            "error": error,
            "missing": missing,
            # Before closing, who has not finished rating: they cannot once it is closed.
            "progress": round_progress(assessment, in_scope_count(assessment)) if closing else None,
        },
        status=409 if error and request.method == "POST" else 200,
    )


def _move_refusal(assessment: Assessment, target: AssessmentStatus) -> str | None:
    """Why the round cannot make this move from where it is, or None when it can."""
    if target in assessment.next_statuses():
        return None
    return _("The round is %(status)s and cannot move to %(target)s") % {
        "status": assessment.get_status_display().lower(),
        "target": target.label.lower(),
    }
