"""The coverage matrix of a partnership: its active services on two taxonomies, each cell a
gap, thin, covered or not expected under the gap rules and the partnership's adjustments.

The coverage matrix page and the gap dashboard both read it from `coverages`, in four queries
(terms, tags, rules, adjustments) whatever the number of services and pairs of axes.
"""

from dataclasses import dataclass

import pandas as pd
from django.utils.translation import gettext, ngettext

from continuum import analysis
from continuum.gap_rules import (
    GAP,
    NOT_EXPECTED,
    STATUS_LABELS,
    THIN,
    Rules,
    current_adjustments,
)
from continuum.models import GapAdjustment, GapRuleSet, Service
from continuum.taxonomies import SHORT, axis_label, terms_by_taxonomy
from partnership.models import Partnership


@dataclass
class CoverageMatrix:
    rows: str  # the row taxonomy's code
    cols: str
    row_names: dict[str, str]  # term code: name, in the taxonomy's order
    col_names: dict[str, str]
    # One row per cell: see analysis.coverage_matrix.
    frame: pd.DataFrame
    # (service id, service name, taxonomy code, term code, capacity): every tag on either axis.
    tags: list[tuple]
    rules: Rules

    @property
    def axis(self) -> str:
        return axis_label(self.rows, self.cols)

    @property
    def row_axis(self) -> str:
        """The row taxonomy as web addresses name it (`?rows=`)."""
        return SHORT[self.rows]

    @property
    def col_axis(self) -> str:
        return SHORT[self.cols]

    def table(self) -> list[tuple[str, list[dict]]]:
        """Each row's name and its cells in column order, as the matrix table shows them."""
        rows = analysis.pivot(self.frame, list(self.row_names), list(self.col_names))
        return [(self.row_names[code], cells) for code, cells in rows]

    def gap_sentences(self) -> list[str]:
        return analysis.gap_sentences(
            self.frame, self.row_names, self.col_names, axes=(self.rows, self.cols)
        )

    def counts(self) -> dict[str, int]:
        """How many cells are gaps, thin, covered and not expected."""
        found = self.frame["status"].value_counts().to_dict()
        return {status: int(found.get(status, 0)) for status in STATUS_LABELS}

    def count_text(self) -> str:
        """ "3 gaps, 2 thin cells and 9 cells where no service is expected, of 25 cells"."""
        counts = self.counts()
        # Each count is a whole noun phrase with its number, so each language agrees its own.
        gaps, thin, none, cells = counts[GAP], counts[THIN], counts[NOT_EXPECTED], len(self.frame)
        return gettext("%(gaps)s, %(thin)s and %(not_expected)s, of %(cells)s") % {
            "gaps": ngettext("%(count)s gap", "%(count)s gaps", gaps) % {"count": gaps},
            "thin": ngettext("%(count)s thin cell", "%(count)s thin cells", thin) % {"count": thin},
            "not_expected": ngettext(
                "%(count)s cell where no service is expected",
                "%(count)s cells where no service is expected",
                none,
            )
            % {"count": none},
            "cells": ngettext("%(count)s cell", "%(count)s cells", cells) % {"count": cells},
        }

    def adjusted(self) -> list[tuple[str, str, str, str]]:
        """(row name, column name, status, reason) of each cell a local adjustment decides."""
        return [
            (self.row_names[c.row], self.col_names[c.col], c.status, c.local)
            for c in self.frame.itertuples()
            if c.local
        ]


def rules_for(partnership: Partnership) -> Rules:
    """The gap rules in force with the partnership's local adjustments: two queries."""
    loaded = GapRuleSet.objects.first()
    entries = GapAdjustment.objects.for_partnership(partnership).values(
        "rows", "cols", "row", "col", "level", "expected", "thin_below", "withdrawn", "reason",
        "by__full_name", "by__email", "at",
    )  # fmt: skip
    cells, levels = current_adjustments(
        [{**e, "by": e["by__full_name"] or e["by__email"] or ""} for e in entries]
    )
    if loaded is None:
        return Rules(cells=cells, levels=levels)
    return Rules(
        version=loaded.version,
        axes=loaded.axes,
        thresholds={t["level"]: t["thin_below"] for t in loaded.thresholds},
        default_thin_below=loaded.default_thin_below,
        cells=cells,
        levels=levels,
    )


def coverages(
    partnership: Partnership, pairs: list[tuple[str, str]], rules: Rules | None = None
) -> dict[tuple[str, str], CoverageMatrix]:
    """The coverage matrix of each (rows, cols) pair of taxonomy codes, from one read of the
    terms and one of the services' tags."""
    rules = rules if rules is not None else rules_for(partnership)
    terms = terms_by_taxonomy()
    taxonomies = sorted({code for pair in pairs for code in pair})
    services = Service.objects.for_partnership(partnership).active()
    tags = list(services.tags_on(*taxonomies))
    found = {}
    for rows, cols in pairs:
        row_names = {t.code: t.name for t in terms[rows]}
        col_names = {t.code: t.name for t in terms[cols]}
        mine = [tag for tag in tags if tag[2] in (rows, cols)]
        frame = analysis.coverage_matrix(
            [(service, taxonomy, term, capacity) for service, _, taxonomy, term, capacity in mine],
            row_taxonomy=rows,
            col_taxonomy=cols,
            row_terms=list(row_names),
            col_terms=list(col_names),
            rules=rules,
        )
        found[(rows, cols)] = CoverageMatrix(rows, cols, row_names, col_names, frame, mine, rules)
    return found


def coverage_of(partnership: Partnership, rows: str, cols: str) -> CoverageMatrix:
    """Active services on `rows` × `cols` (taxonomy codes) under the rules in force."""
    return coverages(partnership, [(rows, cols)])[(rows, cols)]
