"""The workshop (spread of ratings, agreement), an element's page, results and comparison."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from assessments import agreement, analysis, services
from assessments.forms import AgreedRatingForm, BarrierForm
from assessments.history import level_names
from assessments.models import (
    Action,
    AgreedRating,
    Assessment,
    AssessmentStatus,
    Change,
    Element,
    Response,
)
from assessments.structure import of_round
from assessments.views import keeping
from assessments.views.finding import find_element, find_results, find_round
from assessments.views.saving import rebased, submit
from partnership.access import partnership_access
from partnership.bilingual import shown
from partnership.http import posted
from partnership.models import Role, Sector

SECTORS = dict(Sector.choices)
WORKSHOP_STATUSES = {AssessmentStatus.CLOSED, AssessmentStatus.AGREED, AssessmentStatus.PUBLISHED}


def spread_for(assessment: Assessment, elements: list, responses=None):
    """The spread of each element's ratings, from one query of plain values."""
    responses = responses if responses is not None else assessment.responses.all()
    rows = responses.filter(element__in=elements).values(
        "element_id", "respondent_id", "sector", "level__value", "not_applicable", "dont_know"
    )
    rows = assessment.breakdown(
        (
            {
                "element": row["element_id"],
                "respondent": row["respondent_id"],
                "sector": SECTORS.get(row["sector"], row["sector"]),
                "value": row["level__value"],
                "not_applicable": row["not_applicable"],
                "dont_know": row["dont_know"],
            }
            for row in rows
        ),
        within="element",
    )
    return analysis.spread(rows, elements=[element.pk for element in elements])


def shown_sectors(assessment: Assessment, responses: list) -> dict[int, str | None]:
    """The sector each respondent of one element is shown as, small sectors pooled."""
    rows = assessment.breakdown(
        {"respondent": r.respondent_id, "sector": r.get_sector_display(), "who": r.respondent_id}
        for r in responses
    )
    return {row["who"]: row["sector"] for row in rows}


def comparable_rounds(access, assessment: Assessment):
    """The other rounds of the framework with agreed levels that this person may read."""
    return (
        Assessment.objects.results_visible_to(access)
        .same_framework_as(assessment)
        .filter(status__in=[AssessmentStatus.AGREED, AssessmentStatus.PUBLISHED])
    )


def result_links(access, assessment: Assessment) -> dict[str, bool]:
    """Which of the workshop, results and compare pages lead somewhere for this person now.

    The workshop once the round has closed; agreeing on one page while it is closed; results
    once something is agreed; comparing once there is another agreed round to compare with.
    """
    results = assessment.results_visible_to(access)
    return {
        "workshop": access.is_lead and assessment.status in WORKSHOP_STATUSES,
        "agree_all": access.is_lead and assessment.in_workshop,
        "results": results and assessment.agreed_ratings.exists(),
        "compare": results and comparable_rounds(access, assessment).exists(),
    }


def in_scope_elements(assessment: Assessment) -> list:
    """The round's elements in scope, each with its dimension, from the kept structure."""
    left_out = set(assessment.out_of_scope.values_list("element", flat=True))
    return of_round(assessment).in_scope(left_out)


@login_required
@require_safe
def workshop(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    assessment = find_results(access, pk)
    content = keeping.settled(
        "pages",
        "workshop",
        assessment,
        lambda: _workshop_content(access, assessment),
        *_kept_for(access),
    )
    context = {"access": access, "assessment": assessment, "content": content}
    return render(request, "assessments/rounds/workshop.html", context)


def _kept_for(access) -> tuple:
    """What a round's kept content depends on besides the round's data (`keeping.settled`): who
    reads it, at which address, and how small a sector an anonymous round pools."""
    return (access.role, access.partnership.slug, settings.ANONYMOUS_MIN_GROUP_SIZE)


def _workshop_content(access, assessment: Assessment) -> str:
    elements = in_scope_elements(assessment)
    agreed = {row.element_id: row for row in assessment.agreed_ratings.select_related("level")}
    table = spread_for(assessment, elements) if assessment.status in WORKSHOP_STATUSES else None
    levels = of_round(assessment).levels
    rows = []
    for element in elements if table is not None else []:
        stats = table.loc[element.pk]
        rows.append(
            {
                "element": element,
                "stats": stats,
                "counts": [stats["counts"].get(level.value, 0) for level in levels],
                "sector_medians": sorted(stats["sector_medians"].items()),
                "agreed": agreed.get(element.pk),
            }
        )
    return render_to_string(
        "assessments/rounds/_workshop_content.html",
        {"access": access, "assessment": assessment, "rows": rows, "levels": levels},
    )


@login_required
def element(request: HttpRequest, slug: str, pk: int, code: str) -> HttpResponse:
    """One element: its spread, the evidence, the agreed rating, barriers, actions, history."""
    access = partnership_access(request, slug, at_least=Role.LEAD)
    assessment = find_results(access, pk)
    element = find_element(assessment, code)
    current = AgreedRating.objects.filter(assessment=assessment, element=element).first()
    form = AgreedRatingForm(
        posted(request), instance=current or AgreedRating(), assessment=assessment
    )
    theirs, status, refusal = None, 200, ""
    out_of_scope = assessment.out_of_scope.filter(element=element).first()
    if request.method == "POST":
        if refusal := _agreement_refusal(assessment, element, out_of_scope):
            # The form is not on the page in this state: validating the posted data would list
            # field errors that point at nothing. The refusal alone says what is wrong.
            form = AgreedRatingForm(instance=current or AgreedRating(), assessment=assessment)
            status = 409
        elif form.is_valid():
            # The form's fields are the agreed rating's values, its version included.
            values = {"assessment": assessment, "element": element, "by": request.user}
            outcome = submit(agreement.agree_rating, form, **values, **form.cleaned_data)
            if outcome.saved:
                messages.success(
                    request, _("Agreed rating for %(title)s saved") % {"title": element.title}
                )
                return redirect("assessments:element", slug=slug, pk=pk, code=code)
            if outcome.stale:
                theirs = (
                    AgreedRating.objects.select_related("level", "target_level")
                    .filter(assessment=assessment, element=element)
                    .first()
                )
                form = rebased(AgreedRatingForm, request.POST, theirs, assessment=assessment)
            status = outcome.status
    shown = {"form": form, "theirs": theirs, "out_of_scope": out_of_scope, "refusal": refusal}
    context = {"access": access, **_element_page(assessment, element), **shown}
    return render(request, "assessments/rounds/element.html", context, status=status)


def _element_page(assessment: Assessment, element: Element) -> dict:
    """What the element's page shows beside the agreement form, anonymous sectors pooled."""
    responses = list(
        Response.objects.filter(assessment=assessment, element=element)
        .select_related("level", "respondent", "organisation")
        .order_by("sector", "pk")
    )
    shown = shown_sectors(assessment, responses)
    for response in responses:
        response.shown_sector = shown[response.respondent_id]
    history = list(
        Change.objects.filter(assessment=assessment, element=element).select_related("by")
    )
    stats = spread_for(assessment, [element]).loc[element.pk]
    levels = list(assessment.framework.scale.levels.all())
    names = level_names(levels)
    for change in history:
        change.shown_sector = shown.get(change.by_id)
        change.level_names = names
    actions = [
        action
        for action in Action.objects.for_round(assessment).select_related(
            "owner_organisation", "element", "assessment"
        )
        if action.element.code == element.code
    ]
    return {
        "assessment": assessment,
        "element": element,
        "descriptors": element.descriptors.select_related("level"),
        "responses": responses,
        "stats": stats,
        "counts": [(level, stats["counts"].get(level.value, 0)) for level in levels],
        "barriers": assessment.barriers.filter(element=element),
        "barrier_form": BarrierForm(),
        "actions": actions,
        "history": history,
    }


def _agreement_refusal(assessment: Assessment, element, out_of_scope) -> str:
    """Why no agreed rating can be saved for this element now, or "" when one can."""
    if not assessment.in_workshop:
        return _("Agreed ratings can only change while the round is closed")
    if out_of_scope:
        return _("%(title)s is out of scope for this round") % {"title": element.title}
    return ""


@login_required
@require_POST
def barrier_add(request: HttpRequest, slug: str, pk: int, code: str) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    assessment = find_round(access, pk)
    element = find_element(assessment, code)
    form = BarrierForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["text"][0].replace("this field", "the barrier"))
        return redirect("assessments:element", slug=slug, pk=pk, code=code)
    text = form.cleaned_data["text"]
    values = {"assessment": assessment, "element": element, "text": text, "by": request.user}
    outcome = submit(services.add_barrier, None, **values)
    if outcome.error:
        messages.error(request, outcome.error)
    else:
        messages.success(request, _("Barrier added"))
    return redirect("assessments:element", slug=slug, pk=pk, code=code)


@login_required
@require_safe
def results(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = partnership_access(request, slug)
    assessment = find_results(access, pk)
    content = keeping.settled(
        "pages",
        "results",
        assessment,
        lambda: _results_content(access, assessment),
        *_kept_for(access),
    )
    context = {"access": access, "assessment": assessment, "content": content}
    return render(request, "assessments/rounds/results.html", context)


def _results_content(access, assessment: Assessment) -> str:
    elements = in_scope_elements(assessment)
    agreed = {
        row.element_id: row
        for row in assessment.agreed_ratings.select_related("level", "target_level")
    }
    table = spread_for(assessment, elements)
    rows = [
        {"element": e, "agreed": agreed.get(e.pk), "median": table.loc[e.pk]["median"]}
        for e in elements
    ]
    return render_to_string(
        "assessments/rounds/_results_content.html",
        {"access": access, "assessment": assessment, "rows": rows},
    )


@login_required
@require_safe
def compare(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The agreed levels of two rounds of the same framework, matched by element code."""
    access = partnership_access(request, slug)
    assessment = find_results(access, pk)
    candidates = comparable_rounds(access, assessment).select_related("framework")
    chosen = request.GET.get("with", "")
    other = candidates.filter(pk=chosen).first() if chosen.isdigit() else None
    return render(
        request,
        "assessments/rounds/compare.html",
        {
            "access": access,
            "assessment": assessment,
            "candidates": candidates,
            "other": other,
            "rows": _comparison(assessment, other) if other is not None else [],
        },
    )


def _comparison(assessment: Assessment, other: Assessment) -> list[dict]:
    """One row per element code of either round: the agreed levels before and after."""
    # A round still being rated has no agreed levels yet: its ratings' medians show where
    # it is heading.
    elements = in_scope_elements(assessment)
    medians = spread_for(assessment, elements)["median"]
    median_by_code = {e.code: medians[e.pk] for e in elements}
    mine = _agreed_by_code(assessment)
    theirs = _agreed_by_code(other)
    titles = dict(assessment.framework.elements.values_list("code", shown("title")))
    titles = {**dict(other.framework.elements.values_list("code", shown("title"))), **titles}
    rows = []
    for code, title in titles.items():
        before, after = theirs.get(code), mine.get(code)
        change = after - before if before is not None and after is not None else None
        rows.append(
            {
                "code": code,
                "title": title,
                "before": before,
                "after": after,
                "change": change,
                "median": median_by_code.get(code),
            }
        )
    return rows


def _agreed_by_code(assessment: Assessment) -> dict[str, int]:
    return dict(assessment.agreed_ratings.values_list("element__code", "level__value"))
