"""What counts as a gap: the loaded gap rules and a partnership's local adjustments, as plain
data. No ORM and no request; `continuum.matrix` builds `Rules` from the database.

A cell of the coverage matrix is, in one vocabulary everywhere:
- a **gap** when a service is expected there and there is none;
- **thin** when it is expected and has fewer services than its threshold;
- **not expected** when no service is expected to fill it (never a gap, whatever its count).
"""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnership.bilingual import in_language

LEVEL = "continuum-level"

GAP = "gap"
THIN = "thin"
COVERED = "covered"
NOT_EXPECTED = "not-expected"
STATUS_LABELS = {
    GAP: _("Gap"),
    THIN: _("Thin"),
    COVERED: _("Covered"),
    NOT_EXPECTED: _("Not expected"),
}


@dataclass(frozen=True)
class Adjustment:
    """A partnership's local change to the library's rules, with its reason and author."""

    reason: str
    by: str = ""
    at: datetime.datetime | None = None
    expected: bool | None = None  # a cell adjustment
    thin_below: int | None = None  # a threshold adjustment


@dataclass(frozen=True)
class Expectation:
    expected: bool
    source: str = ""
    confidence: str = ""
    local: Adjustment | None = None  # set when a local adjustment decides the cell


@dataclass(frozen=True)
class Threshold:
    thin_below: int
    local: Adjustment | None = None


@dataclass
class Rules:
    """The gap rules (see fixtures/gap-rules/) with one partnership's adjustments applied.

    `axes` are the file's axis pairs as loaded: dicts with `rows`, `cols`, `ranked`,
    `default_expected` ("all" or a list of column codes), optional `thin_below`, and `cells`
    (`row`, `expected` column codes, `source`, `confidence`).
    """

    version: str = ""
    axes: list[dict] = field(default_factory=list)
    thresholds: dict[str, int] = field(default_factory=dict)
    default_thin_below: int = 2
    # (rows, cols, row, col) in the file's orientation of the pair: the local adjustment.
    cells: dict[tuple[str, str, str, str], Adjustment] = field(default_factory=dict)
    levels: dict[str, Adjustment] = field(default_factory=dict)  # level code: threshold change

    @property
    def loaded(self) -> bool:
        return bool(self.version)

    def axis(self, rows: str, cols: str) -> tuple[dict | None, bool]:
        """The file's rules for this pair and whether they are transposed (rows and columns
        swapped), or (None, False) for a pair the file does not list."""
        for axis in self.axes:
            if (axis["rows"], axis["cols"]) == (rows, cols):
                return axis, False
            if (axis["rows"], axis["cols"]) == (cols, rows):
                return axis, True
        return None, False

    def ranked_pairs(self) -> list[tuple[str, str]]:
        """The axis pairs whose gaps make the board's ranked list, whatever a chart shows.

        With no rules loaded, the default matrix (continuum levels × THRIVE groupings), where
        every cell counts as expected: empty cells are still gaps on the board's list."""
        if not self.loaded:
            return [(LEVEL, "thrive")]
        return [(axis["rows"], axis["cols"]) for axis in self.axes if axis.get("ranked")]

    def expectation(self, rows: str, cols: str, row: str, col: str) -> Expectation:
        axis, transposed = self.axis(rows, cols)
        if axis is None:
            return Expectation(
                True, gettext("No rule for this pair of axes: every cell is expected")
            )
        if transposed:
            row, col = col, row
        found = next((c for c in axis.get("cells", []) if c["row"] == row), None)
        if found is not None:
            library = Expectation(
                col in found["expected"],
                found.get("source") or axis.get("source", ""),
                in_language(found, "confidence") or in_language(axis, "confidence"),
            )
        else:
            default = axis.get("default_expected", "all")
            library = Expectation(
                default == "all" or col in default,
                axis.get("source", ""),
                in_language(axis, "confidence"),
            )
        local = self.cells.get((axis["rows"], axis["cols"], row, col))
        if local is None or local.expected is None:
            return library
        return Expectation(local.expected, library.source, library.confidence, local)

    def threshold(self, rows: str, cols: str, row: str, col: str) -> Threshold:
        """How many services make the cell more than thin: a partnership's local threshold for
        the cell's level first, then the axis pair's own, then the level's, then the default."""
        level = row if rows == LEVEL else col if cols == LEVEL else None
        local = self.levels.get(level) if level is not None else None
        if local is not None and local.thin_below is not None:
            return Threshold(local.thin_below, local)
        axis, _ = self.axis(rows, cols)
        if axis is not None and axis.get("thin_below") is not None:
            return Threshold(axis["thin_below"])
        if level is None:
            return Threshold(self.default_thin_below)
        return Threshold(self.thresholds.get(level, self.default_thin_below))


def status(count: int, expected: bool, thin_below: int) -> str:
    """gap, thin, covered or not-expected: the one meaning of those words."""
    if not expected:
        return NOT_EXPECTED
    if count == 0:
        return GAP
    return THIN if count < thin_below else COVERED


def current_adjustments(
    entries: list[dict],
) -> tuple[dict[tuple[str, str, str, str], Adjustment], dict[str, Adjustment]]:
    """The adjustments in force from a partnership's history of entries, oldest first.

    Each entry carries `rows`, `cols`, `row`, `col` (a cell) or `level` (a threshold),
    `expected`, `thin_below`, `withdrawn`, `reason`, `by` and `at`; the newest entry for a
    cell or level wins, and a withdrawn one leaves the library's rule in force.
    """
    cells: dict[tuple[str, str, str, str], Adjustment] = {}
    levels: dict[str, Adjustment] = {}
    for entry in entries:
        adjustment = Adjustment(
            entry["reason"], entry["by"], entry["at"], entry["expected"], entry["thin_below"]
        )
        if entry["level"]:
            key, found = entry["level"], levels
        else:
            key, found = (entry["rows"], entry["cols"], entry["row"], entry["col"]), cells
        if entry["withdrawn"]:
            found.pop(key, None)
        else:
            found[key] = adjustment
    return cells, levels
