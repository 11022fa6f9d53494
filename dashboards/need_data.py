"""What need against capacity reads from the database, for one partnership or many at once.

A fixed number of queries whatever the number of areas, services and indicator values.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, Sum

from continuum.models import LEVEL, Service, Term
from dashboards import need
from dashboards.prevalence import library
from partnership.bilingual import shown
from partnership.indicators import reading
from partnership.indicators.models import BIRTHS, UNDER_FIVES, IndicatorValue
from partnership.models import Partnership


@dataclass
class Population:
    """Births and under-fives a year for one partnership: the sum over its areas of each
    area's latest figure, or None when any area has none."""

    births: float | None = None
    under_fives: float | None = None
    periods: set[str] = field(default_factory=set)
    # Which of the two ("births", "under_fives") rest on synthetic figures.
    synthetic: set[str] = field(default_factory=set)


def levels() -> dict[str, str]:
    return dict(
        Term.objects.of(LEVEL).leaves().order_by("order").values_list("code", shown("name"))
    )


def services_at_levels(partnership_ids: list[int]) -> dict[int, list[need.ServiceAtLevel]]:
    """One query: every active service at every level it is tagged with, by partnership."""
    found: dict[int, list[need.ServiceAtLevel]] = defaultdict(list)
    rows = (
        Service.objects.active()
        .filter(partnership__in=partnership_ids, terms__taxonomy__code=LEVEL)
        .order_by()
        .values_list("partnership_id", "id", "name", "terms__code", "capacity", "waiting_weeks")
    )
    for partnership_id, pk, name, level, capacity, waiting in rows:
        found[partnership_id].append(need.ServiceAtLevel(name, level, capacity, waiting, pk))
    return found


def capacity_by_level(partnership_ids: list[int]) -> dict[tuple[int, str], tuple[int, int, int]]:
    """One grouped query: (services, summed capacity, services with no capacity) for each
    partnership and level, counted in the database rather than row by row."""
    rows = (
        Service.objects.active()
        .filter(partnership__in=partnership_ids, terms__taxonomy__code=LEVEL)
        .order_by()
        .values("partnership_id", "terms__code")
        .annotate(n=Count("id"), total=Sum("capacity"), blank=Count("id", filter=Q(capacity=None)))
    )
    return {
        (r["partnership_id"], r["terms__code"]): (r["n"], r["total"] or 0, r["blank"]) for r in rows
    }


def services_with_levels(partnership_ids: list[int]) -> dict[int, tuple[int, int | None]]:
    """One grouped query: each partnership's active services placed on the continuum, counted
    once however many levels they carry, and their summed capacity (None if none records it)."""
    placed = Term.objects.filter(services=OuterRef("pk"), taxonomy__code=LEVEL)
    rows = (
        Service.objects.active()
        .filter(partnership__in=partnership_ids)
        .filter(Exists(placed))
        .order_by()
        .values("partnership_id")
        .annotate(n=Count("id"), total=Sum("capacity"))
    )
    return {r["partnership_id"]: (r["n"], r["total"]) for r in rows}


def populations(partnership_ids: list[int]) -> dict[int, Population]:
    """Two queries: the partnerships' area codes, and births and under-fives for them."""
    codes: dict[int, list[str]] = defaultdict(list)
    for pk, code in Partnership.areas.through.objects.filter(
        partnership__in=partnership_ids
    ).values_list("partnership_id", "area__gss_code"):
        codes[pk].append(code)
    values = list(
        IndicatorValue.objects.for_codes(
            {c for found in codes.values() for c in found}, partnership_ids
        )
        .filter(indicator__code__in=[BIRTHS, UNDER_FIVES], comparator=False)
        .order_by()
        # Light rows rather than model instances: a national page reads thousands.
        .values_list(
            "indicator_id",
            "indicator__code",
            "area_code",
            "partnership_id",
            "period",
            "period_sort",
            "value",
            "synthetic",
            named=True,
        )
    )
    by_area: dict[str, list] = defaultdict(list)
    for value in values:
        by_area[value.area_code].append(value)
    result = {}
    for pk in partnership_ids:
        # A lead's local figure counts only for their own partnership.
        own = [v for code in codes[pk] for v in by_area[code] if v.partnership_id in (None, pk)]
        newest = reading.latest(own)
        population = Population()
        for code, attribute in [(BIRTHS, "births"), (UNDER_FIVES, "under_fives")]:
            found = [value for value in newest.values() if value.indicator__code == code]
            if (
                codes[pk]
                and len(found) == len(codes[pk])
                and all(v.value is not None for v in found)
            ):
                setattr(population, attribute, sum(v.value for v in found))
                population.periods.update(v.period for v in found)
                if any(v.synthetic for v in found):
                    population.synthetic.add(attribute)
        result[pk] = population
    return result


def need_context(partnership: Partnership, level_names: dict[str, str] | None = None) -> dict:
    """The area dashboard's need section: key figures, need against capacity, its chart.

    `level_names` saves a query where the page has already read the continuum levels."""
    figures = reading.key_figures(partnership)
    births = reading.total(figures, BIRTHS)
    rows = need.need_by_level(
        level_names or levels(),
        births,
        library(),
        services_at_levels([partnership.pk])[partnership.pk],
    )
    headers, body = need.table(rows)
    return {
        "need_rows": rows,
        "need_headers": headers,
        "need_body": body,
        "need_sentences": [need.sentence(row) for row in rows],
        "need_gaps": need.gaps(rows),
        "need_chart": need.figure(rows) if births is not None else None,
        "need_births": births,
        "need_births_period": reading.periods(figures, BIRTHS),
        "need_figures": figures,
        "need_synthetic": reading.synthetic(figures),
        "prevalence": library(),
    }
