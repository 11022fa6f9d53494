"""The one-page workshop: every element's proposed level, agreed in one save.

Each element is proposed at the median of its ratings (`assessments.proposals`), with the target
of the last published round. The lead accepts, changes and explains, then saves once: every
agreed rating is written, or none (`agreement.agree_ratings`), under the same version checks as
an element's own page.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from assessments import agreement
from assessments.forms import AgreementForm
from assessments.models import AgreedRating, Assessment, Element
from assessments.proposals import ROUNDING_NOTE, CarriedTarget, Proposal, propose
from assessments.structure import of_round
from assessments.views.finding import find_results
from assessments.views.saving import submit
from assessments.views.workshop import in_scope_elements, spread_for
from partnership.access import partnership_access
from partnership.models import Role

NOT_IN_WORKSHOP = gettext_lazy("Agreed ratings can only change while the round is closed")


@dataclass
class Row:
    element: Element
    proposal: Proposal
    saved: AgreedRating | None
    form: AgreementForm
    theirs: AgreedRating | None = None
    conflict: bool = False
    took_theirs: bool = False  # left at its proposal, the form now shows the other agreement

    @property
    def proposed(self):
        """The proposed level and target as the scale names them ("2: Early")."""
        levels = self.form.levels
        return levels.get(self.proposal.level), levels.get(self.proposal.target)

    @property
    def agreed(self) -> AgreedRating | None:
        return self.saved

    @property
    def median(self) -> float | None:
        return self.proposal.median

    @property
    def agreed_by(self) -> str:
        return _who(self.saved)

    @property
    def theirs_by(self) -> str:
        return _who(self.theirs)


def _who(row: AgreedRating | None) -> str:
    """Who last saved an agreed rating, by name."""
    user = row.updated_by if row is not None else None
    if user is None:
        return _("another lead")
    return user.full_name or user.email


@login_required
def agree_all(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    assessment = find_results(access, pk)
    # Outside the workshop the page shows no form: what was posted is not checked or shown.
    posted = request.method == "POST" and assessment.in_workshop
    rows, carried_from = _rows(assessment, request.POST if posted else None)
    errors, status = [], 200
    if request.method == "POST":
        errors, status = _save(request, assessment, rows)
        if status == 302:
            return redirect("assessments:workshop", slug=slug, pk=pk)
    context = {
        "access": access,
        "assessment": assessment,
        "rows": rows,
        "carried_from": carried_from,
        "rounding_note": ROUNDING_NOTE,
        "page_errors": errors,
        "has_errors": bool(errors) or any(row.conflict or row.form.errors for row in rows),
    }
    return render(request, "assessments/rounds/agree_all.html", context, status=status)


def _save(request: HttpRequest, assessment: Assessment, rows: list[Row]) -> tuple[list, int]:
    """Saves every agreed rating, or none; the page's errors and status (302 once saved)."""
    if not assessment.in_workshop:
        return [NOT_IN_WORKSHOP], 409
    if not all([row.form.is_valid() for row in rows]):  # a list: every form shows its errors
        return [], 200
    agreements = [agreement.Agreement(**row.form.agreement()) for row in rows if row.form.agreed]
    outcome = submit(
        agreement.agree_ratings, None, assessment=assessment, agreements=agreements, by=request.user
    )
    if outcome.error:
        return [_("%(error)s, so nothing was saved") % {"error": outcome.error}], outcome.status
    if conflicts := outcome.result:
        _rebase(request, rows, conflicts)
        return [], 409
    messages.success(
        request,
        ngettext(
            "Saved: %(agreed)s of %(count)s element is agreed",
            "Saved: %(agreed)s of %(count)s elements are agreed",
            len(rows),
        )
        % {"agreed": len(agreements), "count": len(rows)},
    )
    return [], 302


def _rebase(request: HttpRequest, rows: list[Row], conflicts: dict) -> None:
    """After a conflict, the forms keep what the lead chose, now based on the saved versions:
    saving again keeps the lead's choice; the page shows the other agreement beside it.

    An element the lead left at its proposal takes the other agreement instead, so that
    saving again cannot overwrite it with a proposal nobody chose."""
    data = request.POST.copy()
    for row in rows:
        if row.element.pk in conflicts:
            theirs = conflicts[row.element.pk]
            prefix = row.form.prefix
            if theirs is not None and _left_at_proposal(data, prefix, row.proposal):
                for name, value in _initial(theirs, row.proposal).items():
                    data[f"{prefix}-{name}"] = value
                row.took_theirs = True
            data[f"{prefix}-version"] = theirs.version if theirs else 0
            row.theirs, row.conflict = theirs, True
    for row in rows:
        row.form = _form(row.element, row.form.levels.values(), data, None)
        row.form.is_valid()


def _left_at_proposal(data, prefix: str, proposal: Proposal) -> bool:
    """Whether the lead posted an element exactly as the page proposed it, unagreed before."""
    shown = _initial(None, proposal)
    return data.get(f"{prefix}-version") == "0" and all(
        str(data.get(f"{prefix}-{name}", "")) == str(value)
        for name, value in shown.items()
        if name != "version"
    )


def _rows(assessment: Assessment, data) -> tuple[list[Row], Assessment | None]:
    """Every element in scope with its proposal, its saved agreement and its form."""
    elements = in_scope_elements(assessment)
    levels = of_round(assessment).levels
    values = [level.value for level in levels]
    saved = {
        row.element_id: row
        for row in assessment.agreed_ratings.select_related("level", "target_level", "updated_by")
    }
    spread = spread_for(assessment, elements)
    carried_from, carried = _carried_targets(assessment)
    today = timezone.localdate()
    rows = []
    for element in elements:
        proposal = propose(spread.loc[element.pk], values, carried.get(element.code), today=today)
        initial = _initial(saved.get(element.pk), proposal)
        form = _form(element, levels, data, initial)
        rows.append(Row(element=element, proposal=proposal, saved=saved.get(element.pk), form=form))
    return rows, carried_from


def _form(element: Element, levels, data, initial: dict | None) -> AgreementForm:
    return AgreementForm(
        data, prefix=f"e{element.pk}", initial=initial, element=element, levels=list(levels)
    )


def _initial(saved: AgreedRating | None, proposal: Proposal) -> dict:
    """The saved agreement when there is one, else the proposal."""
    if saved is not None:
        level, rationale, version = saved.level.value, saved.rationale, saved.version
        target = saved.target_level.value if saved.target_level else None
        date = saved.target_date
    else:
        level, rationale, version = proposal.level, proposal.rationale, 0
        target, date = proposal.target, proposal.target_date
    return {
        "level": str(level) if level is not None else "",
        "target_level": str(target) if target is not None else "",
        "target_date": date.isoformat() if date else "",
        "rationale": rationale,
        "version": version,
    }


def _carried_targets(assessment: Assessment) -> tuple[Assessment | None, dict]:
    """The last published round of the framework before this one, and its targets by code."""
    last = (
        Assessment.objects.same_framework_as(assessment)
        .published()
        .filter(created__lt=assessment.created)
        .order_by("-created")
        .first()
    )
    if last is None:
        return None, {}
    rows = last.agreed_ratings.filter(target_level__isnull=False).values_list(
        "element__code", "target_level__value", "target_date"
    )
    return last, {code: CarriedTarget(value, date) for code, value, date in rows}
