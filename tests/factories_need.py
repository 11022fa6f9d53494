"""Factories for local need: indicator values by area."""

from partnership.indicators.models import BIRTHS, UNDER_FIVES, Indicator, IndicatorValue


def make_value(code: str, area_code: str, value: float | None, period: str = "2023", **fields):
    indicator = (
        Indicator.objects.ensure_built_in().get(code)
        or Indicator.objects.get_or_create(
            code=code, defaults={"name": f"Indicator {code}", "source": "OHID Fingertips"}
        )[0]
    )
    sort = int(period[:4]) * 10000 if period[:4].isdigit() else 0
    return IndicatorValue.objects.create(
        indicator=indicator,
        area_code=area_code,
        value=value,
        period=period,
        period_sort=sort,
        comparator=area_code[:3] in {"E92", "W92", "E12"},
        **fields,
    )


def make_births(area_code: str, births: float, under_fives: float | None = None, **fields):
    make_value(BIRTHS, area_code, births, **fields)
    if under_fives is not None:
        make_value(UNDER_FIVES, area_code, under_fives, **fields)
