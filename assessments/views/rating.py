"""The rating page: one dimension of a round, each element with its descriptors.

Only the elements whose answers changed since the page was shown are saved, each checked
against the version it was shown at. A stale one is not applied: the page comes back (409)
showing the saved answer beside the person's own, and they choose.
"""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments import services
from assessments.forms import AnswerForm, answer_digest, answer_initial, response_level_code
from assessments.models import Assessment, Element, EvidenceStrength, Response
from assessments.structure import Structure, scope_of, structure_of
from assessments.tasks import next_unrated
from assessments.views.finding import find_round
from partnership.access import Access, partnership_access
from partnership.models import Role, User


@dataclass
class DimensionPage:
    """One dimension of a round, as one person's rating page reads it."""

    assessment: Assessment
    respondent: User
    structure: Structure  # the framework's, shared by every request: read, never change
    elements: list[Element]  # the dimension's
    out_of_scope: dict[int, str]

    @property
    def in_scope(self) -> list[Element]:
        return [element for element in self.elements if element.pk not in self.out_of_scope]

    def saved(self) -> "Saved":
        """One query: this person's answers to every element in the round's scope (tens of
        rows): the dimension's to show, with levels from the kept structure, and the count of
        those rated for the page's progress line."""
        in_scope = self.structure.in_scope(self.out_of_scope)
        levels = {level.pk: level for level in self.structure.levels}
        rows = list(
            Response.objects.filter(
                assessment=self.assessment, respondent=self.respondent, element__in=in_scope
            )
        )
        here = {element.pk for element in self.in_scope}
        answers = {}
        for row in rows:
            if row.element_id in here:
                if row.level_id in levels:
                    row.level = levels[row.level_id]
                answers[row.element_id] = row
        return Saved(answers, rated=sum(row.is_rated for row in rows), in_scope=len(in_scope))

    def forms(self, data, saved: dict[int, Response]) -> dict[int, AnswerForm]:
        """A form per element in scope; bound only for the elements `data` posted."""
        return {
            element.pk: AnswerForm(
                data if data is not None and _was_submitted(data, element) else None,
                prefix=_prefix(element),
                initial=answer_initial(saved.get(element.pk)),
                element=element,
                levels=self.structure.levels,
                scale=self.assessment.framework.scale,
            )
            for element in self.in_scope
        }

    def out_of_scope_posted(self, data) -> list[str]:
        return [
            _("%(title)s is out of scope for this round, so it cannot be rated")
            % {"title": element.title}
            for element in self.elements
            if element.pk in self.out_of_scope and _was_submitted(data, element)
        ]


@dataclass
class Saved:
    """What one person has saved: the dimension's answers in scope, by element key, and how
    many of the round's `in_scope` elements they have rated."""

    answers: dict[int, Response]
    rated: int
    in_scope: int


@dataclass
class Outcome:
    """What the page shows: the forms, what is saved, the page's errors, the conflicts."""

    forms: dict[int, AnswerForm]
    saved: Saved
    errors: list[str] = field(default_factory=list)
    conflicts: dict[int, Response | None] = field(default_factory=dict)
    status: int = 200


def _prefix(element: Element) -> str:
    return f"e{element.pk}"


def _was_submitted(data, element: Element) -> bool:
    # A page may post only some elements (an older copy of the page, or a script); elements
    # that were not posted at all are left alone.
    return f"{_prefix(element)}-version" in data


@login_required
def rate(request: HttpRequest, slug: str, pk: int, dimension: str) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.CONTRIBUTOR)
    page = _dimension_page(find_round(access, pk, versioned=True), dimension, request.user)
    if request.method != "POST":
        return _render(request, access, page, _as_saved(page))
    outcome = _save(request, access, page)
    if isinstance(outcome, Outcome):
        return _render(request, access, page, outcome)
    if not outcome:
        messages.info(request, _("You had not changed anything, so nothing was saved"))
        return redirect(request.path)
    return _onwards(request, access, page, outcome)


def _onwards(request: HttpRequest, access: Access, page: DimensionPage, saved: int) -> HttpResponse:
    """After a save, the next dimension with something left to rate, in the round's order.

    Once everything in scope is rated, the round's page, which lists each dimension to review.
    """
    assessment, dimension = page.assessment, page.elements[0].dimension
    values = {"count": saved, "title": dimension.title}
    following = next_unrated(_unrated(page), dimension.order)
    if following is None:
        messages.success(
            request,
            ngettext(
                "Saved %(count)s answer for %(title)s. You have rated every element in scope. "
                "Review your ratings below: you can change them until the round closes",
                "Saved %(count)s answers for %(title)s. You have rated every element in scope. "
                "Review your ratings below: you can change them until the round closes",
                saved,
            )
            % values,
        )
        return redirect(assessment)
    messages.success(
        request,
        ngettext(
            "Saved %(count)s answer for %(title)s", "Saved %(count)s answers for %(title)s", saved
        )
        % values,
    )
    return redirect(
        "assessments:rate", slug=access.partnership.slug, pk=assessment.pk, dimension=following
    )


def _unrated(page: DimensionPage) -> list[tuple[int, str]]:
    """(dimension order, dimension code) of each element in scope this person has not rated,
    read after the save (the scope as the page read it: a save in a changed scope is refused)."""
    rated = set(
        Response.objects.filter(assessment=page.assessment, respondent=page.respondent)
        .rated()
        .values_list("element", flat=True)
    )
    return [
        (element.dimension.order, element.dimension.code)
        for element in page.structure.in_scope(page.out_of_scope)
        if element.pk not in rated
    ]


def _dimension_page(assessment: Assessment, dimension: str, respondent: User) -> DimensionPage:
    # The framework's structure and the round's scope are kept between requests, under the
    # versions read with the round.
    structure = structure_of(assessment.framework_id, assessment.library_version)
    elements = structure.elements_of(dimension)
    if not elements:
        raise Http404
    return DimensionPage(
        assessment=assessment,
        respondent=respondent,
        structure=structure,
        elements=elements,
        out_of_scope=scope_of(assessment),
    )


def _save(request: HttpRequest, access: Access, page: DimensionPage) -> Outcome | int:
    """Saves the changed answers: how many, when all saved; else what the page shows instead."""
    errors = page.out_of_scope_posted(request.POST)
    if not page.assessment.is_open:
        # A closed round's page shows what was saved, never what was just refused.
        errors.insert(0, _("This round is not open for ratings, so nothing was saved"))
        return _as_saved(page, errors, status=409)
    forms = page.forms(request.POST, {})
    bound = [form for form in forms.values() if form.is_bound]
    valid = all([form.is_valid() for form in bound])  # a list: every form shows its errors
    if errors or not valid:
        return _refilled(page, forms, errors)
    answers = [
        services.Answer(
            element=form.element, version=form.cleaned_data["version"], **form.answer_values()
        )
        for form in bound
        if form.changed
    ]
    try:
        stale = services.save_answers(
            assessment=page.assessment, membership=access.membership, answers=answers
        )
    except services.RoundStateError as error:
        # The round closed (or its scope changed) between the page and the save.
        return _refilled(
            page,
            forms,
            [_("%(error)s, so nothing was saved") % {"error": error.messages[0]}],
            status=409,
        )
    saved_count = len(answers) - len(stale)
    if not stale:
        return saved_count
    saved = page.saved()
    if saved_count:
        errors.append(
            ngettext(
                "Your other %(count)s change was saved",
                "Your other %(count)s changes were saved",
                saved_count,
            )
            % {"count": saved_count}
        )
    conflicts = {element.pk: saved.answers.get(element.pk) for element in stale}
    forms = _after_conflict(forms, stale, saved.answers)
    return Outcome(forms, saved, errors, conflicts, status=409)


def _as_saved(page: DimensionPage, errors: list[str] | None = None, status: int = 200) -> Outcome:
    """The page showing what this person has saved, each element's form unbound."""
    saved = page.saved()
    return Outcome(page.forms(None, saved.answers), saved, errors or [], status=status)


def _refilled(page: DimensionPage, forms, errors: list[str], status: int = 200) -> Outcome:
    """The posted forms as they were, the elements not posted showing their saved answers."""
    saved = page.saved()
    forms = {
        pk: form if form.is_bound else _fresh(form, saved.answers) for pk, form in forms.items()
    }
    return Outcome(forms, saved, errors, status=status)


def _render(
    request: HttpRequest, access: Access, page: DimensionPage, outcome: Outcome
) -> HttpResponse:
    assessment, forms, conflicts = page.assessment, outcome.forms, outcome.conflicts
    dimensions = page.structure.dimensions
    dimension = page.elements[0].dimension
    position = dimensions.index(dimension)
    rows = [
        {
            "element": element,
            "form": forms.get(element.pk),
            **_shown(forms.get(element.pk), element),
            "out_of_scope": page.out_of_scope.get(element.pk),
            "conflict": element.pk in conflicts,
            "theirs": conflicts.get(element.pk),
        }
        for element in page.elements
    ]
    context = {
        "access": access,
        "assessment": assessment,
        "dimension": dimension,
        "dimensions": dimensions,
        "next_dimension": dimensions[position + 1] if position + 1 < len(dimensions) else None,
        "rows": rows,
        "page_errors": outcome.errors,
        "has_errors": bool(outcome.errors or conflicts)
        or any(form.errors for form in forms.values() if form.is_bound),
        "editable": assessment.is_open and access.is_member,
        "in_scope_count": outcome.saved.in_scope,
        "rated_count": outcome.saved.rated,
    }
    return render(request, "assessments/rounds/rate.html", context, status=outcome.status)


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


def _shown(form: AnswerForm | None, element: Element) -> dict:
    """What the page shows of one element's form, each value read once: the rating's radios
    as (value, label, descriptor as hint, checked), the strength's as (value, label, no hint,
    checked), the radios' ids, and the hidden version and digest."""
    if form is None:
        return {"choices": [], "strengths": []}
    level, strength = form["level"].value(), form["strength"].value()
    level = "" if level is None else str(level)
    descriptors = {str(d.level.value): d.text for d in element.descriptors.all()}
    return {
        "choices": [
            (
                value,
                f"{value}: {label}" if value in descriptors else label,
                descriptors.get(value, ""),
                value == level,
            )
            for value, label in form.fields["level"].choices
            if value
        ],
        "level": level,
        "strengths": [
            (value, label, "", value == strength) for value, label in EvidenceStrength.choices
        ],
        "ids": {"level": f"{form.prefix}-level", "strength": f"{form.prefix}-strength"},
        "version": form["version"].value(),
        "digest": form["digest"].value() or "",
    }
