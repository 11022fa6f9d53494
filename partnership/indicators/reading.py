"""The figures a partnership's pages show: the latest value of each indicator for each of its
areas, beside its nation's value for the same period. A fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnership.indicators.models import BIRTHS, BUILT_IN, UNDER_FIVES, Indicator, IndicatorValue
from partnership.models import Partnership

NATION_CODES = {"E": "E92000001", "W": "W92000004"}
NATION_NAMES = {"E92000001": gettext_lazy("England"), "W92000004": gettext_lazy("Wales")}


@dataclass
class Figure:
    indicator: Indicator
    area_code: str
    area_name: str
    value: IndicatorValue | None
    comparator: IndicatorValue | None = None

    @property
    def comparator_name(self) -> str:
        return str(NATION_NAMES.get(self.comparator.area_code, "")) if self.comparator else ""


def latest(values) -> dict[tuple[int, str], IndicatorValue]:
    """The newest value per (indicator, area); a local figure wins over a national one for the
    same period, because the lead who loaded it knows the area."""
    found: dict[tuple[int, str], IndicatorValue] = {}
    for value in values:
        key = (value.indicator_id, value.area_code)
        held = found.get(key)
        if held is None or (value.period_sort, value.partnership_id is not None) > (
            held.period_sort,
            held.partnership_id is not None,
        ):
            found[key] = value
    return found


def key_indicators(partnership: Partnership) -> list[Indicator]:
    """Births, under-fives and the indicators the partnership chose: one query."""
    chosen = Indicator.objects.filter(
        Q(code__in=BUILT_IN) | Q(key_for__partnership=partnership)
    ).distinct()
    found = list(chosen)
    # Shown even before a file of them is loaded, so the page says what is missing.
    have = {i.code for i in found}
    found += [
        Indicator(code=code, **fields) for code, fields in BUILT_IN.items() if code not in have
    ]
    order = {BIRTHS: 0, UNDER_FIVES: 1}
    return sorted(found, key=lambda i: (order.get(i.code, 2), i.name.lower()))


def key_figures(partnership: Partnership) -> list[Figure]:
    """Three queries, whatever the number of areas, indicators and periods."""
    areas = list(partnership.areas.values_list("gss_code", "name"))
    indicators = key_indicators(partnership)
    codes = [code for code, _ in areas] + list(NATION_CODES.values())
    values = list(
        IndicatorValue.objects.for_codes(codes, [partnership.pk])
        .filter(indicator__in=[i.pk for i in indicators if i.pk])
        .order_by()
    )
    newest = latest(v for v in values if not v.comparator)
    nations = {(v.indicator_id, v.area_code, v.period): v for v in values if v.comparator}
    figures = []
    for indicator in indicators:
        for code, name in areas:
            value = newest.get((indicator.pk, code))
            nation = NATION_CODES.get(code[:1], "")
            comparator = nations.get((indicator.pk, nation, value.period)) if value else None
            figures.append(Figure(indicator, code, name, value, comparator))
    return figures


def total(figures: list[Figure], code: str) -> float | None:
    """The sum over the partnership's areas of one indicator's latest values; None when any
    area has no value, so a partial sum is never shown as the whole."""
    found = [f.value.value if f.value else None for f in figures if f.indicator.code == code]
    if not found or any(v is None for v in found):
        return None
    return sum(found)


def periods(figures: list[Figure], code: str) -> str:
    """The periods of one indicator's latest values, in words: "2023", or "2022 and 2023"
    where areas' latest figures differ, so a sum over mixed years says so."""
    found = sorted({f.value.period for f in figures if f.indicator.code == code and f.value})
    if len(found) > 1:
        return _("%(periods)s and %(last)s") % {"periods": ", ".join(found[:-1]), "last": found[-1]}
    return "".join(found)


def synthetic(figures: list[Figure]) -> bool:
    return any(f.value is not None and f.value.synthetic for f in figures)
