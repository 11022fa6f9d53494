"""Expected need against capacity at each continuum level: plain data in, rows and sentences out.

Expected families a year at a level = births a year × the level's rate per 1,000 births (the
prevalence library). Capacity = the families a year the level's active services can see,
summed over the services that record it; services that do not are counted and named, never
read as zero.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from statistics import median

from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dashboards import charts
from dashboards.prevalence import Prevalence

SHORTFALL = "shortfall"
ENOUGH = "enough"
NO_SERVICE = "no service"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class ServiceAtLevel:
    name: str
    level: str
    capacity: int | None
    waiting_weeks: int | None
    id: int = 0  # the service's own id: one service at two levels is one service


@dataclass
class LevelNeed:
    code: str
    name: str
    expected: float | None  # families a year; None when births are not loaded
    capacity: int = 0  # families a year, over the services that record it
    services: int = 0
    without_capacity: list[str] = field(default_factory=list)
    no_capacity: int = 0  # services that record no capacity (named above where known)
    waiting_weeks: float | None = None  # median over the services that record it

    @property
    def ratio(self) -> float | None:
        """Capacity to need; None when either side is not known."""
        if not self.expected or self.capacity_known is False:
            return None
        return self.capacity / self.expected

    @property
    def capacity_known(self) -> bool:
        """No service at all is a known capacity of nothing; services that all leave their
        capacity blank are an unknown one."""
        return self.services == 0 or self.services > self.no_capacity

    @property
    def status(self) -> str:
        if self.expected is None:
            return UNKNOWN
        if self.services == 0:
            return NO_SERVICE if self.expected > 0 else ENOUGH
        if not self.capacity_known:
            return UNKNOWN
        return ENOUGH if self.capacity >= self.expected else SHORTFALL

    @property
    def shortfall(self) -> float:
        """Families a year expected beyond what the services can see; 0 when there is room."""
        if self.expected is None or not self.capacity_known:
            return 0
        return max(self.expected - self.capacity, 0)


def need_by_level(
    levels: Mapping[str, str],
    births: float | None,
    prevalence: Prevalence,
    services: Iterable[ServiceAtLevel],
) -> list[LevelNeed]:
    """One row per continuum level, in the levels' order.

    `services` has one entry per (active service, level it is tagged with): a service at two
    levels counts at both, as it offers both.
    """
    rows = {row.code: row for row in empty_rows(levels, births, prevalence)}
    waits: dict[str, list[int]] = {code: [] for code in levels}
    for service in services:
        row = rows.get(service.level)
        if row is None:
            continue
        row.services += 1
        if service.capacity is None:
            row.without_capacity.append(service.name)
            row.no_capacity += 1
        else:
            row.capacity += service.capacity
        if service.waiting_weeks is not None:
            waits[service.level].append(service.waiting_weeks)
    for code, row in rows.items():
        row.without_capacity.sort(key=str.lower)
        row.waiting_weeks = median(waits[code]) if waits[code] else None
    return list(rows.values())


def empty_rows(
    levels: Mapping[str, str], births: float | None, prevalence: Prevalence
) -> list[LevelNeed]:
    """A row per level with its expected families and no services yet."""
    rates = prevalence.rate_by_level()
    return [
        LevelNeed(
            code,
            name,
            None if births is None or code not in rates else births * rates[code] / prevalence.per,
        )
        for code, name in levels.items()
    ]


def about(number: float) -> str:
    """A rounded figure a board reads: 7, 190, 3,100, 12,000."""
    if number < 100:
        rounded = round(number)
    elif number < 1000:
        rounded = round(number, -1)
    else:
        rounded = round(number, -2)
    return f"{int(rounded):,}"


def sentence(row: LevelNeed) -> str:
    """What a board reads about one level."""
    if row.expected is None:
        return _("%(level)s: births are not loaded, so need cannot be estimated.") % {
            "level": row.name
        }
    values = {
        "level": row.name,
        "expected": about(row.expected),
        "services": row.services,
        "capacity": about(row.capacity) if row.capacity_known else "",
        "missing": row.no_capacity,
    }
    if row.services == 0:
        values["level"] = row.name.lower()
        return (
            _(
                "No active %(level)s service; about %(expected)s families a year "
                "are expected to need one."
            )
            % values
        )
    if not row.capacity_known:
        return (
            _(
                "%(level)s services: no capacity recorded for any of the %(services)s; "
                "about %(expected)s families a year are expected to need them."
            )
            % values
        )
    short = row.status == SHORTFALL
    if row.no_capacity and short:
        text = ngettext(
            "%(level)s services can see about %(capacity)s families a year (%(missing)s "
            "service records no capacity); about %(expected)s are expected to need them.",
            "%(level)s services can see about %(capacity)s families a year (%(missing)s "
            "services record no capacity); about %(expected)s are expected to need them.",
            row.no_capacity,
        )
    elif row.no_capacity:
        text = ngettext(
            "%(level)s services can see about %(capacity)s families a year (%(missing)s "
            "service records no capacity), enough for the roughly %(expected)s expected to "
            "need them.",
            "%(level)s services can see about %(capacity)s families a year (%(missing)s "
            "services record no capacity), enough for the roughly %(expected)s expected to "
            "need them.",
            row.no_capacity,
        )
    elif short:
        text = _(
            "%(level)s services can see about %(capacity)s families a year; about "
            "%(expected)s are expected to need them."
        )
    else:
        text = _(
            "%(level)s services can see about %(capacity)s families a year, enough for the "
            "roughly %(expected)s expected to need them."
        )
    return text % values


def gaps(rows: Sequence[LevelNeed]) -> list[tuple[float, float | None, str]]:
    """The levels short of capacity (or with no service at all), the biggest shortfall first,
    as (families a year short, capacity to need, sentence) for the ranked gap list."""
    short = [row for row in rows if row.status in (SHORTFALL, NO_SERVICE)]
    return [
        (row.shortfall, row.ratio, sentence(row))
        for row in sorted(short, key=lambda r: -r.shortfall)
    ]


def table(rows: Sequence[LevelNeed]) -> tuple[list[str], list[list]]:
    """The chart's numbers as a table: missing figures shown as such, never as zero."""
    headers = [
        _("Continuum level"),
        _("Expected families a year"),
        _("Capacity: families a year"),
        _("Active services"),
        _("Services with no capacity recorded"),
        _("Capacity to need"),
        _("Median wait (weeks)"),
    ]
    body = []
    for row in rows:
        body.append(
            [
                row.name,
                about(row.expected) if row.expected is not None else _("Births not loaded"),
                f"{row.capacity:,}" if row.capacity_known else _("Not recorded"),
                row.services,
                ", ".join(row.without_capacity) or _("None"),
                f"{row.ratio:.2f}" if row.ratio is not None else _("Not known"),
                f"{row.waiting_weeks:g}" if row.waiting_weeks is not None else _("Not recorded"),
            ]
        )
    return headers, body


def figure(rows: Sequence[LevelNeed]) -> dict:
    """Expected families and capacity side by side at each level."""
    names = [escape(row.name) for row in rows]

    def bars(name: str, values: list, colour: str) -> dict:
        return {
            "type": "bar",
            "name": name,
            "x": names,
            "y": values,
            "marker": {"color": colour},
            "hovertemplate": f"%{{x}}<br>{name}: %{{y:,.0f}}<extra></extra>",
        }

    return {
        "data": [
            bars(_("Expected families a year"), [row.expected for row in rows], charts.DARK_BLUE),
            bars(
                _("Capacity: families a year"),
                [row.capacity if row.capacity_known else None for row in rows],
                charts.LIGHT_BLUE,
            ),
        ],
        "layout": charts.layout(
            _("Need and capacity, families a year"),
            380,
            barmode="group",
            margin={"l": 60, "r": 20, "t": 50, "b": 110},
            yaxis={"title": {"text": _("Families a year")}, "rangemode": "tozero"},
            legend={"orientation": "h", "y": -0.35},
        ),
    }
