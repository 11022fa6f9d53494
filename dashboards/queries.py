"""What the area gap dashboard fetches: coverage, maturity, trend and actions of one round.

`gather` costs the same number of queries whatever the number of services, responses and
actions; the page, its downloads and the board report all read what it returns.
"""

from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd
from django.utils import timezone

from assessments.analysis import spread
from assessments.models import (
    SETTLED,
    Action,
    AgreedRating,
    Assessment,
    Element,
    Response,
    ScaleLevel,
)
from continuum.matrix import CoverageMatrix, coverages, rules_for
from continuum.models import LEVEL
from continuum.taxonomies import axis_code
from dashboards import analysis
from dashboards.need_data import need_context
from partnership.access import Access
from partnership.bilingual import shown
from partnership.models import Partnership, Sector

COLUMN_CHOICES = ["thrive", "nest", "age-band", "audience", "reach"]


@dataclass
class Dashboard:
    coverage: CoverageMatrix
    # The names of the services in each (row term, column term) cell.
    names: dict[tuple[str, str], list[str]]
    rounds: list[Assessment]
    chosen: Assessment | None = None
    maturity: pd.DataFrame | None = None
    actions: list[dict] = field(default_factory=list)
    # The chosen round's elements on the coverage matrix's axes, one row per cell.
    elements: pd.DataFrame | None = None
    # Mean agreed level per dimension (columns by code) in each settled round of the chosen
    # round's framework, oldest first.
    trend: pd.DataFrame | None = None
    dimensions: dict[str, str] = field(default_factory=dict)
    # The lowest and highest level of the chosen round's scale, so charts of levels share it.
    scale: tuple[int, int] = (1, 5)
    # The scale's level labels by value: "level 2, Developing".
    labels: dict[int, str] = field(default_factory=dict)
    # The matrices of the axis pairs the gap rules rank, whatever the chosen axes: the
    # board's ranked gap list reads these, so it never changes with the chart.
    ranked_coverage: list[CoverageMatrix] = field(default_factory=list)
    partnership: Partnership | None = None

    @property
    def rows(self) -> str:
        return self.coverage.rows

    @property
    def cols(self) -> str:
        return self.coverage.cols

    @property
    def matrix(self) -> pd.DataFrame:
        return self.coverage.frame

    @property
    def row_names(self) -> dict[str, str]:
        return self.coverage.row_names

    @property
    def col_names(self) -> dict[str, str]:
        return self.coverage.col_names

    @cached_property
    def need(self) -> dict:
        """Need against capacity at each level (see need_data.need_context), read when a page
        or download shows it or the ranked gaps, whose list its shortfalls join."""
        levels = next(
            (c.row_names for c in [self.coverage, *self.ranked_coverage] if c.rows == LEVEL), None
        )
        return need_context(self.partnership, levels)

    @cached_property
    def gaps(self) -> list[analysis.Gap]:
        """The ranked gaps, worked out once: the page, its tables and the report all read them."""
        return gap_list(self)


def axes(query) -> tuple[str, str]:
    """Row and column taxonomy codes from `?rows=` and `?cols=`, level × THRIVE by default."""
    if axis_code(query.get("rows")) == "risk-factor":
        return "risk-factor", LEVEL
    cols = axis_code(query.get("cols"))
    return LEVEL, cols if cols in COLUMN_CHOICES else "thrive"


def gather(access: Access, query) -> Dashboard:
    rows, cols = axes(query)
    rules = rules_for(access.partnership)
    pairs = [(rows, cols), *rules.ranked_pairs()]
    found = coverages(access.partnership, list(dict.fromkeys(pairs)), rules)
    coverage = found[(rows, cols)]
    names = analysis.cell_services(
        [(s, name, tax, term) for s, name, tax, term, _ in coverage.tags],
        row_taxonomy=rows,
        col_taxonomy=cols,
    )
    rounds = list(
        Assessment.objects.results_visible_to(access)
        .filter(status__in=SETTLED)
        .select_related("framework")
        .order_by("-created")
    )
    dashboard = Dashboard(coverage, names, rounds)
    dashboard.ranked_coverage = [found[pair] for pair in rules.ranked_pairs()]
    dashboard.partnership = access.partnership
    # A round whose results this person may not read is not in `rounds`: asking for it by
    # `?round=` shows the newest one they may read, as if it did not exist.
    wanted = query.get("round")
    dashboard.chosen = next((r for r in rounds if str(r.pk) == wanted), next(iter(rounds), None))
    if dashboard.chosen is not None:
        add_round(dashboard)
    return dashboard


def add_round(dashboard: Dashboard) -> None:
    """The chosen round's maturity, actions, elements on the matrix, trend and scale."""
    chosen = dashboard.chosen
    dashboard.maturity = maturity_of(chosen)
    dashboard.actions = actions_of(chosen)
    dashboard.elements = elements_of(dashboard)
    dashboard.dimensions, dashboard.trend = trend_of(chosen, dashboard.rounds)
    levels = ScaleLevel.objects.filter(scale__framework=chosen.framework_id)
    dashboard.labels = dict(levels.order_by("value").values_list("value", shown("label")))
    values = list(dashboard.labels) or [0]
    dashboard.scale = (min(values), max(values))


def maturity_of(assessment: Assessment) -> pd.DataFrame:
    """Three queries: the framework's elements, the agreed ratings and the rated responses."""
    elements = list(
        Element.objects.filter(framework=assessment.framework_id)
        .select_related("dimension")
        .order_by("dimension__order", "order")
    )
    agreed = {
        row["element_id"]: row
        for row in AgreedRating.objects.filter(assessment=assessment).values(
            "element_id", "level__value", "target_level__value", "target_date"
        )
    }
    rows = []
    for element in elements:
        mine = agreed.get(element.pk, {})
        rows.append(
            {
                "dimension": element.dimension.title,
                "element": element.code,
                "title": element.title,
                "level": mine.get("level__value"),
                "target": mine.get("target_level__value"),
                "target_date": mine.get("target_date"),
            }
        )
    return analysis.maturity(rows, spread(rated_responses(assessment), [e.code for e in elements]))


def rated_responses(assessment: Assessment) -> list[dict]:
    """One query: the round's rated responses, sectors broken down as the round allows."""
    rated = Response.objects.filter(assessment=assessment).rated()
    return assessment.breakdown(
        (
            {
                "element": r["element__code"],
                "respondent": r["respondent_id"],
                "sector": r["sector"],
                "value": r["level__value"],
                "not_applicable": r["not_applicable"],
                "dont_know": r["dont_know"],
            }
            for r in rated.values(
                "element__code",
                "respondent_id",
                "sector",
                "level__value",
                "not_applicable",
                "dont_know",
            )
        ),
        within="element",
    )


def elements_of(dashboard: Dashboard) -> pd.DataFrame:
    """One query: the chosen round's element tags on the matrix's two axes."""
    tags = Element.terms.through.objects.filter(
        element__framework=dashboard.chosen.framework_id,
        term__taxonomy__code__in=[dashboard.rows, dashboard.cols],
    ).values_list("element__code", "term__taxonomy__code", "term__code")
    frame = dashboard.maturity
    return analysis.element_matrix(
        tags,
        dict(zip(frame["element"], frame["level"], strict=True)),
        dict(zip(frame["element"], frame["title"], strict=True)),
        row_taxonomy=dashboard.rows,
        col_taxonomy=dashboard.cols,
        row_terms=list(dashboard.row_names),
        col_terms=list(dashboard.col_names),
    )


def trend_of(chosen: Assessment, rounds: list[Assessment]) -> tuple[dict[str, str], pd.DataFrame]:
    """One query whatever the number of rounds: every agreed level of the framework's rounds.

    Rounds of any version of the chosen round's framework count, matched on the framework
    code, and dimensions are matched across versions on their code.
    """
    same = sorted(
        (r for r in rounds if r.framework.code == chosen.framework.code), key=lambda r: r.created
    )
    found = AgreedRating.objects.filter(assessment__in=[r.pk for r in same]).values_list(
        "assessment_id",
        "element__dimension__code",
        shown("element__dimension__title"),
        "element__dimension__order",
        "level__value",
    )
    found = sorted(found, key=lambda row: row[3])
    dimensions = {code: title for _, code, title, _, _ in found}
    frame = analysis.trend(
        [(r.pk, r.name) for r in same],
        list(dimensions.items()),
        [(round_id, code, value) for round_id, code, _, _, value in found],
    )
    return dimensions, frame


def actions_of(assessment: Assessment) -> list[dict]:
    found = Action.objects.for_round(assessment).select_related("element", "owner_organisation")
    return [
        {
            "title": a.title,
            "element": a.element.title,
            "element_code": a.element.code,
            "owner": f"{a.owner_name}, {a.owner_organisation.name}",
            "due_date": a.due_date,
            "status": a.status,
            "status_label": a.get_status_display(),
            "is_open": a.is_open,
        }
        for a in found
    ]


def gap_list(dashboard: Dashboard) -> list[analysis.Gap]:
    """Every gap, the ones a board should read first at the top (see analysis.ranked).

    Coverage gaps come from the axis pairs the gap rules rank, not from the chosen axes.
    """
    gaps = [
        gap
        for coverage in dashboard.ranked_coverage
        for gap in analysis.coverage_gaps(
            coverage.frame,
            coverage.row_names,
            coverage.col_names,
            axes=(coverage.rows, coverage.cols),
        )
    ]
    gaps += analysis.need_gaps(dashboard.need.get("need_gaps", []))
    if dashboard.maturity is not None:
        late = analysis.overdue_by_element(dashboard.actions, timezone.localdate())
        gaps += analysis.maturity_gaps(
            dashboard.maturity, dict(Sector.choices), late, dashboard.labels
        )
    return analysis.ranked(gaps)
