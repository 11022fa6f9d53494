"""The gap rules a partnership works to: the library's, with its local adjustments.

Everyone who can see the partnership can read them and their history; only its lead adjusts
them. An adjustment is never edited in place: each change adds an entry, so the history of
who changed what, when and why stays whole.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_safe

from continuum.gap_forms import CellAdjustmentForm, ThresholdAdjustmentForm
from continuum.gap_rules import LEVEL, Rules
from continuum.matrix import rules_for
from continuum.models import GapAdjustment, GapRuleSet
from continuum.taxonomies import LABEL, terms_by_taxonomy
from partnership.access import Access, partnership_access
from partnership.bilingual import in_language
from partnership.http import posted
from partnership.models import Role


@login_required
@require_safe
def gap_rules(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_access(request, slug)
    names = term_names()
    rules = rules_for(access.partnership)
    library = GapRuleSet.objects.first()
    history = GapAdjustment.objects.for_partnership(access.partnership).select_related("by")
    context = {
        "access": access,
        "partnership": access.partnership,
        "library": library,
        "rules": rules,
        "axes": [axis_rows(axis, names) for axis in rules.axes],
        "thresholds": threshold_rows(rules, library, names),
        "cells": [(cell_name(key, names), adjustment) for key, adjustment in rules.cells.items()],
        "history": [(entry, entry_text(entry, names)) for entry in reversed(list(history))],
    }
    return render(request, "continuum/gap_rules.html", context)


@login_required
def adjust_cell(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    return adjustment_form(request, access, CellAdjustmentForm, _("Adjust a cell"))


@login_required
def adjust_threshold(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    return adjustment_form(request, access, ThresholdAdjustmentForm, _("Adjust a thin threshold"))


def adjustment_form(request: HttpRequest, access: Access, form_class, title: str) -> HttpResponse:
    names = term_names()
    form = form_class(posted(request), rules=rules_for(access.partnership), names=names)
    if request.method == "POST" and form.is_valid():
        entry = form.entry()
        entry.partnership = access.partnership
        entry.by = request.user
        entry.save()
        messages.success(request, _("Saved: %(change)s") % {"change": entry_text(entry, names)})
        return redirect("continuum:gap-rules", slug=access.partnership.slug)
    return render(
        request,
        "continuum/gap_adjustment_form.html",
        {"access": access, "form": form, "title": title},
    )


def term_names() -> dict[str, dict[str, str]]:
    return {code: {t.code: t.name for t in terms} for code, terms in terms_by_taxonomy().items()}


def cell_name(key: tuple[str, str, str, str], names: dict[str, dict[str, str]]) -> str:
    rows, cols, row, col = key
    row_name = names.get(rows, {}).get(row, row)
    col_name = names.get(cols, {}).get(col, col)
    return _("%(rows)s × %(cols)s: %(row)s × %(col)s") % {
        "rows": LABEL.get(rows, rows),
        "cols": LABEL.get(cols, cols),
        "row": row_name,
        "col": col_name,
    }


def entry_text(entry: GapAdjustment, names: dict[str, dict[str, str]]) -> str:
    """One entry of the history in words."""
    if entry.level:
        level = names.get(LEVEL, {}).get(entry.level, entry.level)
        if entry.withdrawn:
            return _("%(level)s: the library's thin threshold again") % {"level": level}
        return _("%(level)s: thin below %(threshold)s") % {
            "level": level,
            "threshold": entry.thin_below,
        }
    where = {"cell": cell_name((entry.rows, entry.cols, entry.row, entry.col), names)}
    if entry.withdrawn:
        return _("%(cell)s: the library's rule again") % where
    if entry.expected:
        return _("%(cell)s: expected") % where
    return _("%(cell)s: not expected") % where


def axis_rows(axis: dict, names: dict[str, dict[str, str]]) -> dict:
    """One pair of axes of the library as the page lists it: expected columns by row."""
    rows, cols = axis["rows"], axis["cols"]
    default = axis["default_expected"]
    col_names = names.get(cols, {})
    listed = {cell["row"]: cell for cell in axis["cells"]}
    every = "" if default == "all" else ", ".join(col_names.get(c, c) for c in default)
    return {
        "title": _("%(rows)s × %(cols)s")
        % {"rows": LABEL.get(rows, rows), "cols": LABEL.get(cols, cols)},
        "ranked": axis["ranked"],
        "source": axis["source"],
        "confidence": in_language(axis, "confidence"),
        "thin_below": axis.get("thin_below"),
        "every_column": default == "all",
        "other_rows": every,
        "cells": [
            {
                "row": names.get(rows, {}).get(code, code),
                "expected": ", ".join(col_names.get(c, c) for c in cell["expected"])
                or pgettext("no columns", "none"),
                "source": cell.get("source", ""),
                "confidence": in_language(cell, "confidence"),
            }
            for code, cell in listed.items()
        ],
    }


def threshold_rows(
    rules: Rules, library: GapRuleSet | None, names: dict[str, dict[str, str]]
) -> list[dict]:
    """Each level's thin threshold in the library, why, and the local one where adjusted."""
    notes = {
        t["level"]: {
            "reason": in_language(t, "reason"),
            "source": t.get("source", ""),
            "confidence": in_language(t, "confidence"),
        }
        for t in (library.thresholds if library else [])
    }
    return [
        {
            "level": name,
            "library": rules.thresholds.get(code, rules.default_thin_below),
            "note": notes.get(code, {}),
            "local": rules.levels.get(code),
        }
        for code, name in names.get(LEVEL, {}).items()
    ]
