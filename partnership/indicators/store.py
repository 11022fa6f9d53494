"""Writing an indicator file: everything checked first, then one short transaction.

A file replaces the values it holds: for each indicator, the values already stored for the same
areas and periods (national ones, or one partnership's local figures) are deleted and the file's
rows written in their place, so loading the same file twice changes nothing.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnership.indicators.models import Indicator, IndicatorValue
from partnership.indicators.parsing import FINGERTIPS, MAX_PROBLEMS, SIMPLE, Row, parse
from partnership.models import Area, Partnership

# Why rows were skipped (parsing's reasons), as a person reads them.
SKIPPED = {
    "a breakdown by category": gettext_lazy("a breakdown by category"),
    "another sex or age": gettext_lazy("another sex or age"),
}
FINGERTIPS_SOURCE = "OHID Fingertips, public health profiles"
FINGERTIPS_URL = "https://fingertips.phe.org.uk/"
FINGERTIPS_CONFIDENCE = (
    "As published by OHID in the file loaded; the definition, unit and direction are "
    "Fingertips' own and were not checked by Cradle."
)
BATCH = 1000


@dataclass
class IndicatorReport:
    dry_run: bool = False
    shape: str = ""
    read: int = 0
    stored: int = 0
    comparators: int = 0
    # Area codes in the file that Cradle does not know: their values are kept all the same.
    unknown_areas: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    indicators: list[str] = field(default_factory=list)
    new_indicators: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def kept_for_unknown(self) -> int:
        return sum(self.unknown_areas.values())

    def unknown_area_counts(self) -> list[tuple[str, int]]:
        return sorted(self.unknown_areas.items())

    def lines(self) -> list[str]:
        """The report, one line each, as the page and the command show it."""
        if self.dry_run:
            stored = _(
                "%(stored)s values would be stored, of which %(comparators)s for a region or "
                "nation (comparators)"
            )
        else:
            stored = _(
                "%(stored)s values stored, of which %(comparators)s for a region or nation "
                "(comparators)"
            )
        lines = [
            _("%(read)s rows read") % {"read": self.read},
            stored % {"stored": self.stored, "comparators": self.comparators},
            _("%(kept)s values kept for %(areas)s areas Cradle does not know")
            % {"kept": self.kept_for_unknown, "areas": len(self.unknown_areas)},
        ]
        lines += [
            _("%(count)s rows skipped: %(reason)s") % {"count": n, "reason": SKIPPED.get(why, why)}
            for why, n in sorted(self.skipped.items())
        ]
        if self.new_indicators:
            lines.append(_("New indicators: %(names)s") % {"names": "; ".join(self.new_indicators)})
        return lines


def import_indicators(
    *,
    data: bytes,
    name: str,
    max_bytes: int,
    indicator: str = "",
    partnership: Partnership | None = None,
    dry_run: bool = False,
    synthetic: bool = False,
) -> IndicatorReport:
    """Load a Fingertips or simple file, all or nothing.

    With `partnership`, the file is that partnership's local figures: a simple file whose
    areas are all the partnership's own. Without, the values are national.
    """
    report = IndicatorReport(dry_run=dry_run)
    if len(data) > max_bytes:
        report.problems.append(too_big(len(data), max_bytes))
        return report
    parsed = parse(data, indicator=indicator)
    report.shape, report.read, report.skipped = parsed.shape, parsed.read, parsed.skipped
    report.problems = parsed.problems
    if not report.problems and not parsed.rows:
        report.problems.append(
            _(
                "The file has no rows to load: after its header every row was empty or a "
                "breakdown (by sex, age or category) that Cradle skips, so nothing was changed"
            )
        )
    if report.problems:
        return report
    if partnership is not None:
        check_local(parsed.rows, parsed.shape, partnership, report)
    built_in = Indicator.objects.ensure_built_in()
    known = {
        i.code: i
        for i in Indicator.objects.filter(code__in={r.indicator_code for r in parsed.rows})
    }
    known.update(built_in)
    new = new_indicators(parsed.rows, parsed.shape, known, report)
    if report.problems:
        return report
    areas = dict(
        Area.objects.filter(gss_code__in={r.area_code for r in parsed.rows}).values_list(
            "gss_code", "id"
        )
    )
    values = [value_of(row, known, areas, partnership, name, synthetic) for row in parsed.rows]
    for row in parsed.rows:
        if row.area_code not in areas:
            report.unknown_areas[row.area_code] += 1
    report.stored = len(values)
    report.comparators = sum(row.comparator for row in parsed.rows)
    report.indicators = sorted({row.indicator_code for row in parsed.rows})
    if not dry_run:
        with transaction.atomic():
            write(new, values, parsed.rows, partnership)
    return report


def too_big(size: int, max_bytes: int) -> str:
    return _("The file is %(size)s MB: the largest indicator file Cradle takes is %(most)s MB") % {
        "size": f"{size / 1024 / 1024:.1f}",
        "most": f"{max_bytes / 1024 / 1024:.0f}",
    }


def check_local(rows: list[Row], shape: str, partnership: Partnership, report) -> None:
    if shape != SIMPLE:
        report.problems.append(
            _(
                "Local figures are loaded as a simple file of Area code, Period and Value; "
                "Fingertips files are loaded for every area by an admin"
            )
        )
        return
    own = set(partnership.areas.values_list("gss_code", flat=True))
    # Each stranger area once, at its first row: a national file sent here by mistake would
    # otherwise list thousands of rows.
    strangers: dict[str, list[int]] = {}
    for row in rows:
        if row.area_code not in own:
            strangers.setdefault(row.area_code, []).append(row.row)
    for code, at in strangers.items():
        values = {"row": at[0], "more": len(at) - 1, "code": code}
        if len(at) > 1:
            problem = _(
                "Row %(row)s (and %(more)s more rows), column “Area code”: %(code)s is not one "
                "of this partnership's areas"
            )
        else:
            problem = _(
                "Row %(row)s, column “Area code”: %(code)s is not one of this partnership's areas"
            )
        report.problems.append(problem % values)
    if len(report.problems) > MAX_PROBLEMS:
        more = len(report.problems) - MAX_PROBLEMS
        report.problems[MAX_PROBLEMS:] = [_("… and %(more)s more problems") % {"more": more}]


def new_indicators(rows: list[Row], shape: str, known: dict, report) -> list[Indicator]:
    """Fingertips indicators met for the first time are added from the file's own names; a
    simple file must name an indicator Cradle has."""
    new = {}
    for row in rows:
        code = row.indicator_code
        if code in known or code in new:
            continue
        if shape == FINGERTIPS:
            new[code] = Indicator(
                code=code,
                name=row.indicator_name[:300] or f"Fingertips indicator {code}",
                source=FINGERTIPS_SOURCE,
                source_url=FINGERTIPS_URL,
                confidence=FINGERTIPS_CONFIDENCE,
            )
            report.new_indicators.append(f"{code} {new[code].name}")
        else:
            choices = ", ".join(sorted(known)) or _("none yet")
            report.problems.append(
                _("The indicator “%(code)s” is not one Cradle knows: use one of %(choices)s")
                % {"code": code, "choices": choices}
            )
            return []
    known.update(new)
    return list(new.values())


def value_of(row: Row, known, areas, partnership, name: str, synthetic: bool) -> IndicatorValue:
    return IndicatorValue(
        indicator=known[row.indicator_code],
        area_code=row.area_code,
        area_name=row.area_name,
        area_id=areas.get(row.area_code),
        partnership=partnership,
        period=row.period,
        period_sort=row.period_sort,
        sex=row.sex,
        age=row.age,
        category=row.category,
        value=row.value,
        lower_ci=row.lower_ci,
        upper_ci=row.upper_ci,
        count=row.count,
        denominator=row.denominator,
        note=row.note,
        comparator=row.comparator,
        synthetic=synthetic,
        source_file=name[:200],
    )


def write(new: list[Indicator], values: list[IndicatorValue], rows: list[Row], partnership):
    Indicator.objects.bulk_create(new)
    for value in values:
        value.indicator_id = value.indicator.pk
    covered: dict[str, tuple[set, set]] = {}
    for row in rows:
        codes, periods = covered.setdefault(row.indicator_code, (set(), set()))
        codes.add(row.area_code)
        periods.add(row.period)
    if not covered:  # nothing to replace; an empty filter would match every value
        return
    query = Q()
    for code, (areas, periods) in covered.items():
        query |= Q(indicator__code=code, area_code__in=areas, period__in=periods)
    IndicatorValue.objects.filter(query, partnership=partnership).delete()
    insert(values)


def insert(values: list[IndicatorValue]) -> None:
    """One prepared INSERT run for every row: a national file's ten thousand rows go in
    well under a second, where bulk_create's batches of fifty on SQLite take seconds of the
    one write lock."""
    fields = [f for f in IndicatorValue._meta.concrete_fields if not f.primary_key]
    loaded = timezone.now()
    for value in values:
        value.loaded = loaded
    quote = connection.ops.quote_name
    # Table and column names come from the model, quoted; every value is a parameter.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(IndicatorValue._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    rows = [
        [f.get_db_prep_save(getattr(value, f.attname), connection) for f in fields]
        for value in values
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])
