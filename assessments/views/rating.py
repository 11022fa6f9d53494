"""The rating page: one dimension of a round, each element with its descriptors.

Only the elements whose answers changed since the page was shown are saved, each checked
against the version it was shown at. A stale one is not applied: the page comes back (409)
showing the saved answer beside the person's own, and they choose.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from assessments import services
from assessments.forms import AnswerForm, answer_digest, answer_initial, response_level_code
from assessments.models import Descriptor, Element, EvidenceStrength, Response
from assessments.views.finding import find_round
from partnership.access import partnership_access
from partnership.models import Role


def _prefix(element: Element) -> str:
    return f"e{element.pk}"


def _was_submitted(data, element: Element) -> bool:
    # A page may post only some elements (an older copy of the page, or a script); elements
    # that were not posted at all are left alone.
    return f"{_prefix(element)}-version" in data


@login_required
def rate(request: HttpRequest, slug: str, pk: int, dimension: str) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.CONTRIBUTOR)
    assessment = find_round(access, pk)
    framework = assessment.framework
    # The dimension comes with its elements. What only a shown page needs (the other
    # dimensions, descriptors, saved answers beside the posted ones) waits until one is shown:
    # a save that redirects does not fetch it.
    elements = list(
        Element.objects.filter(framework=framework, dimension__code=dimension).select_related(
            "dimension"
        )
    )
    if not elements:
        raise Http404
    dimension_row = elements[0].dimension
    scale = framework.scale
    levels = list(scale.levels.all())
    out_of_scope = dict(assessment.out_of_scope.values_list("element_id", "reason"))
    in_scope = [element for element in elements if element.pk not in out_of_scope]

    def saved_answers() -> dict[int, Response]:
        rows = Response.objects.filter(
            assessment=assessment, respondent=request.user, element__in=in_scope
        ).select_related("level")
        return {row.element_id: row for row in rows}

    # A closed round's page shows what was saved, never what was just refused.
    data = request.POST if request.method == "POST" and assessment.is_open else None
    saved = saved_answers() if data is None else {}
    forms = {
        element.pk: AnswerForm(
            data if data is not None and _was_submitted(data, element) else None,
            prefix=_prefix(element),
            initial=answer_initial(saved.get(element.pk)),
            element=element,
            levels=levels,
            scale=scale,
        )
        for element in in_scope
    }
    page_errors: list[str] = []
    conflicts: dict[int, Response | None] = {}
    refused = not assessment.is_open
    status = 200

    if request.method == "POST":
        page_errors = [
            f"{element.title} is out of scope for this round, so it cannot be rated"
            for element in elements
            if element.pk in out_of_scope and _was_submitted(request.POST, element)
        ]
        if not assessment.is_open:
            page_errors.insert(0, "This round is not open for ratings, so nothing was saved")
        bound = [form for form in forms.values() if form.is_bound]
        valid = all([form.is_valid() for form in bound])  # a list: every form shows its errors
        if not page_errors and valid:
            answers = [
                services.Answer(
                    element=form.element,
                    version=form.cleaned_data["version"],
                    **form.answer_values(),
                )
                for form in bound
                if form.changed
            ]
            try:
                stale = services.save_answers(
                    assessment=assessment, membership=access.membership, answers=answers
                )
            except services.RoundStateError as error:
                # The round closed (or its scope changed) between the page and the save.
                page_errors.append(error.messages[0] + ", so nothing was saved")
                refused = True
            else:
                saved_count = len(answers) - len(stale)
                if not stale:
                    if saved_count:
                        messages.success(
                            request, f"Saved {saved_count} answer{'s' * (saved_count != 1)}"
                        )
                    else:
                        messages.info(request, "You had not changed anything, so nothing was saved")
                    return redirect(request.path)
                saved = saved_answers()
                forms = _after_conflict(forms, stale, saved)
                conflicts = {element.pk: saved.get(element.pk) for element in stale}
                if saved_count:
                    were = "s were" if saved_count != 1 else " was"
                    page_errors.append(f"Your other {saved_count} change{were} saved")
        status = 409 if conflicts or refused else 200
        if data is not None and not conflicts:
            saved = saved_answers()
            forms = {
                pk: form if form.is_bound else _fresh(form, saved) for pk, form in forms.items()
            }

    dimensions = list(framework.dimensions.all())
    in_scope_count = framework.elements.exclude(pk__in=list(out_of_scope)).count()
    rated_count = (
        Response.objects.filter(assessment=assessment, respondent=request.user)
        .exclude(element__in=list(out_of_scope))
        .rated()
        .count()
    )
    prefetch_related_objects(
        elements, Prefetch("descriptors", queryset=Descriptor.objects.select_related("level"))
    )
    position = dimensions.index(dimension_row)
    rows = [
        {
            "element": element,
            "form": forms.get(element.pk),
            "choices": _choices(forms.get(element.pk), element),
            "out_of_scope": out_of_scope.get(element.pk),
            "conflict": element.pk in conflicts,
            "theirs": conflicts.get(element.pk),
        }
        for element in elements
    ]
    return render(
        request,
        "assessments/rounds/rate.html",
        {
            "access": access,
            "assessment": assessment,
            "dimension": dimension_row,
            "dimensions": dimensions,
            "next_dimension": dimensions[position + 1] if position + 1 < len(dimensions) else None,
            "rows": rows,
            "strengths": EvidenceStrength.choices,
            "page_errors": page_errors,
            "has_errors": bool(page_errors or conflicts)
            or any(f.errors for f in forms.values() if f.is_bound),
            "editable": assessment.is_open and access.is_member,
            "in_scope_count": in_scope_count,
            "rated_count": rated_count,
        },
        status=status,
    )


def _after_conflict(
    forms: dict[int, AnswerForm], stale: list[Element], saved: dict[int, Response]
) -> dict[int, AnswerForm]:
    """Forms for the page shown after a conflict.

    A stale element keeps what the person typed, now based on the saved version: saving again
    keeps theirs, ticking "use the saved answer" keeps the other. Elements that saved show the
    saved answer.
    """
    stale_ids = {element.pk for element in stale}
    fresh = {}
    for pk, form in forms.items():
        current = saved.get(pk)
        initial = answer_initial(current)
        if pk in stale_ids:
            initial.update(
                level=form.cleaned_data["level"],
                evidence=form.cleaned_data["evidence"],
                links=form.cleaned_data["links"],
                strength=form.cleaned_data["strength"],
                digest=answer_digest(
                    response_level_code(current),
                    current.evidence if current else "",
                    current.links if current else "",
                    current.strength if current else "",
                ),
            )
        fresh[pk] = _fresh(form, saved, initial)
    return fresh


def _fresh(form: AnswerForm, saved: dict[int, Response], initial: dict | None = None):
    """An unbound copy of `form` showing the saved answer (or `initial`)."""
    return AnswerForm(
        prefix=form.prefix,
        initial=initial if initial is not None else answer_initial(saved.get(form.element.pk)),
        element=form.element,
        levels=list(form.levels.values()),
        scale=form.scale,
    )


def _choices(form: AnswerForm | None, element: Element) -> list[tuple[str, str, str]]:
    """(value, label, descriptor) for each radio: the descriptor is the radio's hint."""
    if form is None:
        return []
    descriptors = {str(d.level.value): d.text for d in element.descriptors.all()}
    return [
        (value, f"{value}: {label}" if value in descriptors else label, descriptors.get(value, ""))
        for value, label in form.fields["level"].choices
        if value
    ]
