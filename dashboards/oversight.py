"""What the cross-area dashboard fetches and shows: every overseen partnership side by side.

A fixed number of queries whatever the number of areas: the per-area numbers come from
grouped queries over all the partnerships at once, never one query per area.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments.models import (
    AgreedRating,
    Assessment,
    Dimension,
    DimensionSummary,
    Framework,
    Response,
)
from continuum.models import LEVEL, Term
from dashboards import charts, comparison
from dashboards.need_data import capacity_by_level
from partnership.bilingual import shown
from partnership.models import Partnership

# Shown wherever areas' ratings or service counts appear side by side, on the page and in
# every download, so no one reads them as a league table.
CAUTION = gettext_lazy(
    "Self-assessed maturity ratings are each partnership's own judgement and are not "
    "comparable scores between areas."
)
SIZE_NOTE = gettext_lazy(
    "Areas differ in size, so their service counts are each area's own map and are not compared."
)
# The per-area tables and charts show this many areas a page, so the page stays the same size
# however many areas there are; where an area sits, and every download, take them all.
AREAS_PER_PAGE = 25


@dataclass
class Overview:
    rows: list[dict]
    levels: dict[str, str]
    dimensions: dict[str, str]
    frameworks: list[tuple[str, str]]
    framework: str
    regions: list[tuple[str, str]]
    icbs: list[tuple[str, str]]
    filters: dict[str, str]
    sort: str
    # The area a commissioner asked to place among the others (`?area=<slug>`), if overseen
    # and within the filters, and where it sits on each measure.
    area: dict | None = None
    position: list[dict] = field(default_factory=list)
    framework_title: str = ""
    # Active services, their summed capacity and those without one, by (partnership, level):
    # the coverage columns count them, and need against capacity reads the same query.
    capacity: dict[tuple[int, str], tuple[int, int, int]] = field(default_factory=dict)


def gather(overseen: QuerySet[Partnership], query: QueryDict) -> Overview:
    """Every overseen partnership within the filters, with its coverage and, for the chosen
    framework, the medians of its latest published round."""
    found = places_of(overseen)
    filters = {name: query.get(name, "") for name in ["nation", "region", "icb"]}
    chosen = within(found, filters)
    chosen_ids = [p["id"] for p in chosen]
    levels = dict(
        Term.objects.of(LEVEL).leaves().order_by("order").values_list("code", shown("name"))
    )
    frameworks = list(
        Framework.objects.active().order_by("title").values_list("code", shown("title")).distinct()
    )
    framework = chosen_framework(query, frameworks, chosen_ids)
    dimensions = dict(
        Dimension.objects.filter(framework__code=framework)
        .order_by("framework__version", "order")
        .values_list("code", shown("title"))
    )
    capacity = capacity_by_level(chosen_ids)
    rows = comparison.cross_area(
        chosen,
        [(pk, level, n) for (pk, level), (n, _, _) in capacity.items()],
        *published_ratings(chosen_ids, framework),
        levels=list(levels),
        dimensions=list(dimensions),
        min_responses=settings.DASHBOARD_MIN_RESPONSES,
    )
    sort = sort_key(query.get("sort", "name"), levels, dimensions)
    area = next((row for row in rows if row["slug"] == query.get("area")), None)
    return Overview(
        area=area,
        position=comparison.position(rows, area, measures(dimensions)) if area else [],
        rows=comparison.sort_rows(rows, sort),
        levels=levels,
        dimensions=dimensions,
        frameworks=frameworks,
        framework=framework,
        framework_title=dict(frameworks).get(framework, ""),
        regions=sorted(found.regions.items(), key=lambda item: item[1]),
        icbs=sorted(found.icbs.items(), key=lambda item: item[1]),
        filters=filters,
        sort=sort,
        capacity=capacity,
    )


@dataclass
class Places:
    partnerships: list[dict]
    # Region and health body ids (as text, as the filters send them) by partnership. In Wales
    # the region is the regional partnership board, keyed by its health board ("rpb-<id>"),
    # and the health body the health board; in England the region and the ICB.
    places: dict[int, dict[str, set[str]]]
    regions: dict[str, str]
    icbs: dict[str, str]


def places_of(overseen: QuerySet[Partnership]) -> Places:
    """Two queries: the partnerships, and the regions and boards their areas lie in."""
    partnerships = list(overseen.values("id", "name", "slug", "nation"))
    ids = [p["id"] for p in partnerships]
    found = Places(partnerships, {pk: {"region": set(), "icb": set()} for pk in ids}, {}, {})
    for row in Partnership.areas.through.objects.filter(partnership__in=ids).values(
        "partnership_id",
        "area__parent_id",
        "area__icb_id",
        "area__health_board_id",
        # Welsh boards' names in the reader's language.
        parent_name=shown("area__parent__name"),
        icb_name=shown("area__icb__name"),
        board_name=shown("area__health_board__name"),
        regional_board_name=shown("area__health_board__partnership_board"),
    ):
        pk, board_id = row["partnership_id"], row["area__health_board_id"]
        if board_id and row["regional_board_name"]:
            place(found, pk, "region", f"rpb-{board_id}", row["regional_board_name"])
        elif row["area__parent_id"]:
            place(found, pk, "region", str(row["area__parent_id"]), row["parent_name"])
        if row["area__icb_id"]:
            place(found, pk, "icb", str(row["area__icb_id"]), row["icb_name"])
        if board_id:
            place(found, pk, "icb", str(board_id), row["board_name"])
    return found


def place(found: Places, partnership: int, kind: str, key: str, name: str) -> None:
    found.places[partnership][kind].add(key)
    (found.regions if kind == "region" else found.icbs)[key] = name


def within(found: Places, filters: dict[str, str]) -> list[dict]:
    """The partnerships the filters keep, each with its regions' and boards' names."""
    chosen = []
    for p in found.partnerships:
        own = found.places[p["id"]]
        if (
            (not filters["nation"] or p["nation"] == filters["nation"])
            and (not filters["region"] or filters["region"] in own["region"])
            and (not filters["icb"] or filters["icb"] in own["icb"])
        ):
            region = "; ".join(sorted(found.regions[r] for r in own["region"]))
            icb = "; ".join(sorted(found.icbs[i] for i in own["icb"]))
            chosen.append({**p, "region": region, "icb": icb})
    return chosen


def chosen_framework(
    query: QueryDict, frameworks: list[tuple[str, str]], partnership_ids: list[int]
) -> str:
    """`?framework=` when it names an active framework; else the one the most of the areas
    shown have published a round of (then the most rounds, then by title), so the page opens
    on data rather than on "no round"; with none published, the first by title."""
    codes = [code for code, _ in frameworks]
    if query.get("framework") in codes:
        return query["framework"]
    published = {
        row["framework__code"]: (row["areas"], row["rounds"])
        for row in Assessment.objects.published()
        .filter(partnership__in=partnership_ids, framework__code__in=codes)
        .values("framework__code")
        .annotate(areas=Count("partnership", distinct=True), rounds=Count("id"))
        .order_by()
    }

    def rank(framework: tuple[str, str]) -> tuple:
        code, title = framework
        areas, rounds = published.get(code, (0, 0))
        return (-areas, -rounds, title)

    return min(frameworks, key=rank)[0] if frameworks else ""


def published_ratings(partnership_ids: list[int], framework: str) -> tuple[list, list]:
    """Each area's latest published round of the framework, what a commissioner may read:
    its agreed levels, and its rated responses counted by dimension.

    Read from the rounds' summaries, a few rows per area; a round without them (published
    before summaries were kept, or written straight to the database) is counted live.
    """
    latest: dict[int, int] = {}
    for pk, partnership in (
        Assessment.objects.published()
        .filter(partnership__in=partnership_ids, framework__code=framework)
        .order_by("created")
        .values_list("pk", "partnership_id")
    ):
        latest[partnership] = pk
    agreed, responses, summarised = [], [], set()
    for assessment, partnership, dimension, levels, n in DimensionSummary.objects.filter(
        assessment__in=latest.values()
    ).values_list(
        "assessment_id",
        "assessment__partnership_id",
        "dimension__code",
        "agreed_levels",
        "rated_responses",
    ):
        summarised.add(assessment)
        agreed += [(partnership, dimension, value) for value in levels]
        responses.append((partnership, dimension, n))
    unsummarised = [pk for pk in latest.values() if pk not in summarised]
    if unsummarised:
        live_agreed, live_responses = counted_live(unsummarised)
        agreed += live_agreed
        responses += live_responses
    return agreed, responses


def counted_live(rounds: list[int]) -> tuple[list, list]:
    agreed = AgreedRating.objects.filter(assessment__in=rounds).values_list(
        "assessment__partnership_id", "element__dimension__code", "level__value"
    )
    responses = (
        Response.objects.filter(assessment__in=rounds)
        .rated()
        .values("assessment__partnership_id", "element__dimension__code")
        .annotate(n=Count("id"))
        .values_list("assessment__partnership_id", "element__dimension__code", "n")
    )
    return list(agreed), list(responses)


def sort_key(sort: str, levels: dict[str, str], dimensions: dict[str, str]) -> str:
    valid = {"name", "region", *[f"level-{c}" for c in levels], *[f"dim-{c}" for c in dimensions]}
    return sort if sort.lstrip("-") in valid else "name"


def measures(dimensions: dict[str, str]) -> dict[str, str]:
    """What an area is placed on: its maturity only. Raw service counts are not compared
    between areas of different sizes."""
    overall = {comparison.MEAN: _("All dimensions (mean agreed level)")}
    return overall | {f"dim-{code}": title for code, title in dimensions.items()}


def cell_text(row: dict, dimension: str) -> str:
    if row["suppressed"][dimension]:
        return _("Suppressed")
    value = row["maturity"][dimension]
    return "" if value is None else f"{value:g}"


def table(overview: Overview) -> tuple[list[str], list[list]]:
    header = [
        _("Partnership"),
        _("Region"),
        _("Integrated care board or health board"),
        *[_("Services: %(level)s") % {"level": name} for name in overview.levels.values()],
        *[
            _("Median agreed level: %(dimension)s") % {"dimension": name}
            for name in overview.dimensions.values()
        ],
    ]
    rows = [
        [
            row["name"],
            row["region"],
            row["icb"],
            *[row["coverage"][code] for code in overview.levels],
            *[cell_text(row, code) for code in overview.dimensions],
        ]
        for row in overview.rows
    ]
    return header, with_notes(rows, CAUTION, SIZE_NOTE)


def with_notes(rows: list[list], *notes: str) -> list[list]:
    """The rows, a blank row, then each note on its own row, so a download carries the same
    cautions as the page."""
    return [*rows, [], *[[str(note)] for note in notes]]


def position_table(overview: Overview) -> tuple[list[str], list[list]]:
    """The chosen area against the others, as on the page; suppressed values stay withheld."""
    header = [_("Measure"), overview.area["name"], _("Band"), _("Areas placed"), _("Median")]
    rows = [
        [
            item["label"],
            _("Suppressed") if item["suppressed"] else item["value"],
            item["band"],
            item["of"],
            item["median"],
        ]
        for item in overview.position
    ]
    return header, with_notes(rows, CAUTION)


def page_of(overview: Overview, query: QueryDict) -> Page:
    """The areas on the page asked for (`?page=`), in the table's order. Without one, the page
    holding the chosen area, else the first; a page past the end shows the last."""
    pages = Paginator(overview.rows, AREAS_PER_PAGE)
    number = query.get("page")
    if not number and overview.area is not None:
        number = overview.rows.index(overview.area) // AREAS_PER_PAGE + 1
    return pages.get_page(number)


def figures(overview: Overview, rows: list[dict]) -> tuple[dict, dict]:
    """The coverage and maturity heatmaps of `rows`: one page of the areas."""
    names = [row["name"] for row in rows]
    gap = str(charts.GAP_MARK["gap"])
    coverage = charts.heatmap(
        _("Active services by continuum level"),
        [[row["coverage"][c] for c in overview.levels] for row in rows],
        names,
        list(overview.levels.values()),
        [
            [f"{n}{gap if n == 0 else ''}" for n in (row["coverage"][c] for c in overview.levels)]
            for row in rows
        ],
    )
    maturity = charts.heatmap(
        _("Median agreed level by dimension"),
        [[row["maturity"][c] for c in overview.dimensions] for row in rows],
        names,
        list(overview.dimensions.values()),
        [
            [
                _("◌ suppressed")
                if row["suppressed"][c]
                else (cell_text(row, c) or _("– no round"))
                for c in overview.dimensions
            ]
            for row in rows
        ],
    )
    return coverage, maturity


def sort_links(query: QueryDict, overview: Overview) -> dict[str, list[dict]]:
    """Each sortable column with the link that sorts by it (again: the other way round), for
    the table of places and services and the table of medians, which both start with the
    partnership."""
    coverage = [("name", _("Partnership")), ("region", _("Region"))]
    coverage += [(f"level-{code}", name) for code, name in overview.levels.items()]
    maturity = [("name", _("Partnership"))]
    maturity += [(f"dim-{code}", name) for code, name in overview.dimensions.items()]
    return {
        "coverage": [sort_link(query, overview.sort, *column) for column in coverage],
        "maturity": [sort_link(query, overview.sort, *column) for column in maturity],
    }


def sort_link(query: QueryDict, sort: str, key: str, label: str) -> dict:
    sorted_by = query.copy()
    sorted_by.pop("page", None)  # a new order starts at its first page
    sorted_by["sort"] = f"-{key}" if sort == key else key
    state = {key: "ascending", f"-{key}": "descending"}.get(sort, "none")
    return {"label": label, "href": f"?{sorted_by.urlencode()}", "aria_sort": state}


def position_chart(overview: Overview) -> dict | None:
    """Every area's median per dimension as dots, the chosen area highlighted; suppressed
    medians are left out, as they are everywhere else."""
    if overview.area is None or not overview.dimensions:
        return None
    bands = {item["key"]: item["band"] for item in overview.position}
    points = [
        (
            title,
            name_and_band(row, bands[f"dim-{code}"], overview.area),
            row["maturity"][code],
            row is overview.area,
        )
        for code, title in overview.dimensions.items()
        for row in overview.rows
        if row["maturity"][code] is not None
    ]
    return charts.position_figure(
        points,
        overview.area["name"],
        _("Where %(area)s sits among the areas") % {"area": overview.area["name"]},
    )


def name_and_band(row: dict, band: str, chosen: dict) -> str:
    """The hover text of a dot: the chosen area's carries its band, never a rank."""
    return f"{row['name']}: {band}" if row is chosen and band else row["name"]
