"""Need against capacity across areas, for the oversight page and its download.

Per partnership: births and under-fives, active services and capacity per 1,000 births, the
capacity-to-need ratio at each continuum level, and one chosen indicator. Missing figures stay
missing (never zero); a value the publisher withheld for small numbers is shown as withheld.
A fixed number of queries whatever the number of areas.
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dashboards import need
from dashboards.need_data import capacity_by_level, populations, services_with_levels
from dashboards.prevalence import library
from partnership.bilingual import shown
from partnership.indicators import reading
from partnership.indicators.models import BUILT_IN, Indicator, IndicatorValue
from partnership.models import Partnership

MISSING = gettext_lazy("Not loaded")
WITHHELD = gettext_lazy("Withheld (small numbers)")
SYNTHETIC_NOTE = gettext_lazy(
    "Figures marked synthetic are made up for the demonstration, not published."
)


@dataclass
class NeedAcross:
    rows: list[dict]
    levels: dict[str, str]
    indicators: list[tuple[str, str]]
    indicator: Indicator | None = None
    synthetic: bool = False
    headers: list[str] = field(default_factory=list)


def per_thousand(number: float | None, births: float | None) -> float | None:
    if number is None or not births:
        return None
    return number * 1000 / births


def gather(
    rows: Sequence[Mapping], levels: Mapping[str, str], query, capacity: Mapping | None = None
) -> NeedAcross:
    """`rows` are the oversight page's partnership rows (each with `id`, `name`, `slug`);
    `capacity`, when the page has read it already, `capacity_by_level` of the same rows."""
    ids = [row["id"] for row in rows]
    people = populations(ids)
    capacity = capacity_by_level(ids) if capacity is None else capacity
    placed = services_with_levels(ids)
    indicators = list(
        Indicator.objects.exclude(code__in=BUILT_IN).order_by("name").values_list("code", "name")
    )
    wanted = query.get("indicator", "")
    indicator = Indicator.objects.filter(code=wanted).first() if wanted else None
    chosen = chosen_values(ids, indicator)
    found = []
    for row in rows:
        population = people[row["id"]]
        level_rows = need.empty_rows(levels, population.births, library())
        for level in level_rows:
            level.services, level.capacity, level.no_capacity = capacity.get(
                (row["id"], level.code), (0, 0, 0)
            )
        services, total = placed.get(row["id"], (0, None))
        found.append(
            {
                "name": row["name"],
                "slug": row["slug"],
                "births": population.births,
                "under_fives": population.under_fives,
                "periods": ", ".join(sorted(population.periods)),
                "synthetic": population.synthetic,
                "services_per_1000": per_thousand(services, population.births),
                "capacity_per_1000": per_thousand(total, population.births),
                "ratios": [r.ratio for r in level_rows],
                "indicator": chosen.get(row["id"], []),
            }
        )
    return NeedAcross(
        rows=found,
        levels=dict(levels),
        indicators=indicators,
        indicator=indicator,
        synthetic=any(r["synthetic"] for r in found)
        or any(v and v.synthetic for r in found for _, v in r["indicator"]),
    )


def chosen_values(ids: list[int], indicator: Indicator | None) -> dict[int, list]:
    """Two queries: the partnerships' areas, and the indicator's values for them."""
    if indicator is None:
        return {}
    codes: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for pk, code, name in Partnership.areas.through.objects.filter(partnership__in=ids).values_list(
        "partnership_id", "area__gss_code", shown("area__name")
    ):
        codes[pk].append((code, name))
    every = {code for found in codes.values() for code, _ in found}
    values = list(
        IndicatorValue.objects.for_codes(every, ids).filter(indicator=indicator).order_by()
    )
    by_area: dict[str, list[IndicatorValue]] = defaultdict(list)
    for value in values:
        by_area[value.area_code].append(value)
    result = {}
    for pk in ids:
        own = (v for code, _ in codes[pk] for v in by_area[code])
        newest = reading.latest(v for v in own if v.partnership_id in (None, pk))
        result[pk] = [(name, newest.get((indicator.pk, code))) for code, name in codes[pk]]
    return result


def number(value: float | None, places: int = 0) -> str:
    if value is None:
        return str(MISSING)
    return f"{value:,.{places}f}"


def synthetic(text: str, made_up: bool) -> str:
    """A figure, marked when it is made up for the demonstration."""
    return _("%(figure)s (synthetic)") % {"figure": text} if made_up else text


def indicator_text(found: list) -> str:
    parts = []
    for name, value in found:
        if value is None:
            text = str(MISSING)
        elif value.value is None:
            text = str(WITHHELD if value.note else MISSING)
        elif value.synthetic:
            text = _("%(value)s (%(period)s, synthetic)") % {
                "value": f"{value.value:g}",
                "period": value.period,
            }
        else:
            text = f"{value.value:g} ({value.period})"
        parts.append(f"{name}: {text}" if len(found) > 1 else text)
    return "; ".join(parts) or str(MISSING)


def table(across: NeedAcross) -> tuple[list[str], list[list]]:
    """The page's table and the download's rows: the same cells, as text."""
    headers = [
        _("Area"),
        _("Births a year"),
        _("Children under five"),
        _("Period"),
        _("Services per 1,000 births"),
        _("Capacity per 1,000 births"),
        *[_("Capacity to need: %(level)s") % {"level": name} for name in across.levels.values()],
    ]
    if across.indicator is not None:
        headers.append(across.indicator.shown_name)
    body = []
    for row in across.rows:
        cells = [
            row["name"],
            synthetic(number(row["births"]), "births" in row["synthetic"]),
            synthetic(number(row["under_fives"]), "under_fives" in row["synthetic"]),
            row["periods"] or str(MISSING),
            number(row["services_per_1000"], 1),
            number(row["capacity_per_1000"]),
            *[number(ratio, 2) if ratio is not None else _("Not known") for ratio in row["ratios"]],
        ]
        if across.indicator is not None:
            cells.append(indicator_text(row["indicator"]))
        body.append(cells)
    return headers, body
