"""The coverage matrix of a partnership: its active services on two taxonomies.

The coverage matrix page and the gap dashboard both read it from `coverage_of`, in two
queries whatever the number of services.
"""

from dataclasses import dataclass

import pandas as pd

from continuum import analysis
from continuum.models import Service
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
        return analysis.gap_sentences(self.frame, self.row_names, self.col_names)


def coverage_of(partnership: Partnership, rows: str, cols: str, *, thin: int = 1) -> CoverageMatrix:
    """Active services on `rows` × `cols` (taxonomy codes); `thin` as in coverage_matrix."""
    terms = terms_by_taxonomy()
    row_names = {t.code: t.name for t in terms[rows]}
    col_names = {t.code: t.name for t in terms[cols]}
    services = Service.objects.for_partnership(partnership).active()
    tags = list(services.tags_on(rows, cols))
    frame = analysis.coverage_matrix(
        [(service, taxonomy, term, capacity) for service, _, taxonomy, term, capacity in tags],
        row_taxonomy=rows,
        col_taxonomy=cols,
        row_terms=list(row_names),
        col_terms=list(col_names),
        thin=thin,
    )
    return CoverageMatrix(rows, cols, row_names, col_names, frame, tags)
