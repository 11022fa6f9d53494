"""Synthetic local need figures for the demo and generated areas: births, under-fives and a
few indicators, every value marked synthetic so pages and downloads say so."""

import random

from django.db import transaction

from partnership.indicators.models import (
    BIRTHS,
    UNDER_FIVES,
    Indicator,
    IndicatorValue,
    KeyIndicator,
)

SOURCE = "Synthetic figures made up for Cradle's demonstration"
CONFIDENCE = "Not real: made up so the demonstration has figures to show. Load published files."
# Cradle's own codes, so a real Fingertips file never collides with made-up values.
INDICATORS = {
    "synthetic-smoking-at-delivery": ("Smoking at time of delivery (synthetic)", "%", 6, 16),
    "synthetic-first-feed-breastmilk": ("Baby's first feed breastmilk (synthetic)", "%", 55, 85),
    "synthetic-child-poverty": ("Children in relative low-income families (synthetic)", "%", 8, 35),
}
POLARITY = {
    "synthetic-smoking-at-delivery": "lower-better",
    "synthetic-first-feed-breastmilk": "higher-better",
    "synthetic-child-poverty": "lower-better",
}
PERIODS = [("2021", 20210000), ("2022", 20220000), ("2023", 20230000)]
NATIONS = ["E92000001", "W92000004"]


def indicators() -> dict[str, Indicator]:
    found = Indicator.objects.ensure_built_in()
    for code, (name, unit, _, _) in INDICATORS.items():
        found[code], _ = Indicator.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "unit": unit,
                "source": SOURCE,
                "higher_is": POLARITY[code],
                "confidence": CONFIDENCE,
            },
        )
    return found


def values_for(area_code: str, area_name: str, seed: int, found) -> list[IndicatorValue]:
    """Three years of each indicator for one area (or nation, as a comparator)."""
    # Seeded by area as well, so areas differ and each area's figures never change.
    rng = random.Random(f"{seed}-{area_code}")
    comparator = area_code in NATIONS
    births = rng.randint(1500, 9000) * (60 if comparator else 1)
    rows = []
    for period, sort in PERIODS:
        births = round(births * rng.uniform(0.97, 1.01))
        figures = {
            BIRTHS: (births, None),
            UNDER_FIVES: (round(births * rng.uniform(5.4, 5.8)), None),
        }
        for code, (_, _, low, high) in INDICATORS.items():
            value = round(rng.uniform(low, high), 1)
            figures[code] = (value, round(rng.uniform(0.3, 1.8), 1))
        for code, (value, spread) in figures.items():
            rows.append(
                IndicatorValue(
                    indicator=found[code],
                    area_code=area_code,
                    area_name=area_name,
                    period=period,
                    period_sort=sort,
                    sex="Persons",
                    age="All ages",
                    value=value,
                    lower_ci=None if spread is None else round(value - spread, 1),
                    upper_ci=None if spread is None else round(value + spread, 1),
                    comparator=comparator,
                    synthetic=True,
                    source_file="synthetic",
                )
            )
    return rows


def seed(areas, *, seed: int = 2027, partnerships=()) -> int:
    """Synthetic figures for these areas (Area rows) and both nations, shown as key
    indicators of these partnerships; replaces earlier synthetic figures for the same areas,
    so running it again changes nothing."""
    found = indicators()
    places = [(a.gss_code, a.name, a.pk) for a in areas]
    places += [(code, name, None) for code, name in zip(NATIONS, ["England", "Wales"], strict=True)]
    rows = []
    for code, name, pk in places:
        for row in values_for(code, name, seed, found):
            row.area_id = pk
            rows.append(row)
    with transaction.atomic():
        IndicatorValue.objects.filter(
            synthetic=True, partnership=None, area_code__in=[p[0] for p in places]
        ).delete()
        IndicatorValue.objects.bulk_create(rows, batch_size=1000)
        KeyIndicator.objects.bulk_create(
            [
                KeyIndicator(partnership=partnership, indicator=found[code])
                for partnership in partnerships
                for code in INDICATORS
            ],
            ignore_conflicts=True,
        )
    return len(rows)
