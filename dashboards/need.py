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
    level = f"{row.name} services"
    missing = ""
    if row.no_capacity:
        n = row.no_capacity
        missing = f" ({n} service{'s' if n != 1 else ''} record{'s' if n == 1 else ''} no capacity)"
    if row.expected is None:
        return f"{row.name}: births are not loaded, so need cannot be estimated."
    expected = about(row.expected)
    if row.services == 0:
        return (
            f"No active {row.name.lower()} service; about {expected} families a year "
            "are expected to need one."
        )
    if not row.capacity_known:
        return (
            f"{level}: no capacity recorded for any of the {row.services}; about {expected} "
            "families a year are expected to need them."
        )
    can_see = f"{level} can see about {about(row.capacity)} families a year{missing}"
    if row.status == SHORTFALL:
        return f"{can_see}; about {expected} are expected to need them."
    return f"{can_see}, enough for the roughly {expected} expected to need them."


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
        "Continuum level",
        "Expected families a year",
        "Capacity: families a year",
        "Active services",
        "Services with no capacity recorded",
        "Capacity to need",
        "Median wait (weeks)",
    ]
    body = []
    for row in rows:
        body.append(
            [
                row.name,
                about(row.expected) if row.expected is not None else "Births not loaded",
                f"{row.capacity:,}" if row.capacity_known else "Not recorded",
                row.services,
                ", ".join(row.without_capacity) or "None",
                f"{row.ratio:.2f}" if row.ratio is not None else "Not known",
                f"{row.waiting_weeks:g}" if row.waiting_weeks is not None else "Not recorded",
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
            bars("Expected families a year", [row.expected for row in rows], charts.DARK_BLUE),
            bars(
                "Capacity: families a year",
                [row.capacity if row.capacity_known else None for row in rows],
                charts.LIGHT_BLUE,
            ),
        ],
        "layout": charts.layout(
            "Need and capacity, families a year",
            380,
            barmode="group",
            margin={"l": 60, "r": 20, "t": 50, "b": 110},
            yaxis={"title": {"text": "Families a year"}, "rangemode": "tozero"},
            legend={"orientation": "h", "y": -0.35},
        ),
    }
