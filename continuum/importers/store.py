"""Writing an Open Referral UK feed into one partnership's service map."""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, models, router, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from continuum.importers.oruk import Feed, FeedError, Record, read_feed
from continuum.models import Location, LocationKind, Service, Taxonomy, Term
from partnership.models import Organisation, Partnership, Sector

# Where a feed does not say who provides a service, or cites an organisation it does not
# contain, the service is kept under this organisation so the lead can correct it.
UNKNOWN_PROVIDER = "Provider not known (imported)"

# The fields an import sets on a service, all of them from the feed.
UPDATED_FIELDS = [
    "provider",
    "source",
    *("name", "description", "status", "url", "email", "minimum_age", "maximum_age"),
    *("eligibility_description", "min_age_months", "max_age_months", "feed_description"),
    "last_reviewed",
]
BATCH = 500
# Fields an import leaves alone (or sets to rows it holds), so checking them is wasted work.
UNCHECKED = [f.name for f in Service._meta.concrete_fields if f.name not in UPDATED_FIELDS] + [
    "provider"
]


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    error: str = ""
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.error

    def summary(self) -> str:
        if self.error:
            return _("Nothing imported. %(problem)s") % {"problem": self.error}
        counts = {
            "created": len(self.created),
            "updated": len(self.updated),
            "skipped": len(self.skipped),
        }
        if self.dry_run:
            return (
                _(
                    "%(created)s services would be created, %(updated)s updated and "
                    "%(skipped)s skipped"
                )
                % counts
            )
        return (
            _("%(created)s services were created, %(updated)s updated and %(skipped)s skipped")
            % counts
        )


@dataclass
class Plan:
    """Every row an import would write, worked out with reads only."""

    organisations: list[Organisation] = field(default_factory=list)
    # Organisations already recorded that had no website, given the feed's.
    websites: list[Organisation] = field(default_factory=list)
    created: list[Service] = field(default_factory=list)
    updated: list[Service] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    service_terms: list[tuple[Service, Term]] = field(default_factory=list)
    service_locations: list[tuple[Service, Location]] = field(default_factory=list)


def import_services(
    *,
    partnership: Partnership,
    data: bytes,
    source: str,
    max_bytes: int,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
    batch: int | None = None,
    saved: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Create or update the partnership's services from a feed, all or nothing.

    A service is matched on its feed id (`source_id`), so importing the same feed again
    updates in place. Terms that map onto ours are added; terms a lead chose are never
    removed by an import.

    The feed is parsed and every service checked with reads only; the writes then go in one
    short transaction of bulk statements. On SQLite a transaction holds the one write lock, so
    a long one would make everyone else's saves wait and then fail; a dry run takes no lock.
    With `batch`, the writes go in one transaction per that many services instead (a queued
    import of a large feed), and `saved` hears of each.
    """
    report = ImportReport(dry_run=dry_run)
    try:
        feed = read_feed(data, max_bytes=max_bytes, name=source)
    except FeedError as error:
        report.error = str(error)
        return report
    report.skipped, report.warnings = feed.skipped, feed.warnings
    plan = plan_import(partnership, feed, source, report, progress)
    if dry_run:
        return report
    if batch:
        write_in_batches(plan, batch, saved)
    else:
        with transaction.atomic():
            write(plan)
    return report


def plan_import(
    partnership: Partnership,
    feed: Feed,
    source: str,
    report: ImportReport,
    progress: Callable[[int, int], None] | None,
) -> Plan:
    plan = Plan()
    existing = {
        s.source_id: s for s in Service.objects.for_partnership(partnership).exclude(source_id="")
    }
    organisations = {o.name.lower(): o for o in partnership.organisations.all()}
    places = {loc.name.lower(): loc for loc in partnership.locations.all()}
    terms = term_lookup()
    total = len(feed.records)
    for done, record in enumerate(feed.records, start=1):
        if progress and (done % 100 == 0 or done == total):
            progress(done, total)
        service = existing.get(record.source_id)
        created = service is None
        if created:
            service = Service(partnership=partnership, source_id=record.source_id)
        before = None if created else values(service)
        fill(service, record, organisation(partnership, record, organisations, plan), source)
        try:
            # Only the fields the feed sets are checked: the rest keep values that passed
            # before. The partnership and provider are rows this import holds, so checking
            # they exist would cost two queries a service for nothing.
            service.full_clean(
                exclude=UNCHECKED,
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            report.skipped.append(
                _("%(service)s skipped: %(problems)s")
                % {"service": record.name, "problems": "; ".join(error.messages)}
            )
            continue
        (report.created if created else report.updated).append(record.name)
        if created:
            plan.created.append(service)
        elif values(service) != before:
            plan.updated.append(service)
        plan.service_terms += [(service, terms[key]) for key in keys(record) if key in terms]
        for name, address, postcode, location_type in record.locations:
            place = places.get(name.lower())
            if place is None:
                place = Location(
                    partnership=partnership,
                    name=name,
                    kind=location_kind(name, location_type),
                    address=address,
                    postcode=postcode,
                )
                places[name.lower()] = place
                plan.locations.append(place)
            plan.service_locations.append((service, place))
    # Only the providers of services that passed their checks are added.
    kept = {id(service.provider) for service in plan.created + plan.updated}
    plan.organisations = [o for o in plan.organisations if id(o) in kept]
    plan.websites = [o for o in plan.websites if id(o) in kept]
    report.organisations = [o.name for o in plan.organisations]
    return plan


def write(plan: Plan) -> None:
    """A few bulk statements, so the write lock is held for moments, not minutes."""
    Organisation.objects.bulk_create(plan.organisations, batch_size=BATCH)
    Organisation.objects.bulk_update(plan.websites, ["website"], batch_size=BATCH)
    insert(plan.created)
    # An upsert on the primary key: far cheaper to build than bulk_update's CASE per field.
    Service.objects.bulk_create(
        plan.updated,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["id"],
        update_fields=[*UPDATED_FIELDS, "modified"],
    )
    Location.objects.bulk_create(plan.locations, batch_size=BATCH)
    link(plan)


def write_in_batches(
    plan: Plan, size: int, saved: Callable[[int, int], None] | None = None
) -> None:
    """The same rows as `write`, in one short transaction per `size` services.

    For feeds too large for one transaction: on SQLite every other save waits while a
    transaction is open, so each batch commits and lets them through. Should a batch fail, the
    ones before it stay saved; importing the feed again completes it, as services are matched
    on their feed id.
    """
    with transaction.atomic():
        Organisation.objects.bulk_create(plan.organisations, batch_size=BATCH)
        Organisation.objects.bulk_update(plan.websites, ["website"], batch_size=BATCH)
        Location.objects.bulk_create(plan.locations, batch_size=BATCH)
    services = plan.created + plan.updated
    total = len(services)
    for start in range(0, total, size):
        with transaction.atomic():
            insert(plan.created[start : start + size])
            first = max(start - len(plan.created), 0)
            last = max(start + size - len(plan.created), 0)
            Service.objects.bulk_create(
                plan.updated[first:last],
                batch_size=BATCH,
                update_conflicts=True,
                unique_fields=["id"],
                update_fields=[*UPDATED_FIELDS, "modified"],
            )
        if saved:
            saved(min(start + size, total), total)
    # Every service now has its id; the links follow, a batch at a time.
    for start in range(0, max(len(plan.service_terms), len(plan.service_locations)), size):
        with transaction.atomic():
            link(
                Plan(
                    service_terms=plan.service_terms[start : start + size],
                    service_locations=plan.service_locations[start : start + size],
                )
            )


# Values of these fields go to the database as Python holds them; any other field's value is
# converted by the field itself.
PLAIN_FIELDS = (models.CharField, models.TextField, models.IntegerField, models.BooleanField)


def insert(services: list[Service]) -> None:
    """New services, many rows to a statement, each given the id the database returns.

    This is what `bulk_create` does, less its per-value work: it asks every field of every
    row how to write its value, which was most of an import's time. Here a field is asked only
    when its type needs converting (dates, decimals, JSON), and timestamps are set once.
    """
    if not services:
        return
    db = connections[router.db_for_write(Service)]
    fields = [f for f in Service._meta.concrete_fields if not f.primary_key]
    relations = [f for f in fields if f.is_relation]
    stamps = [f.attname for f in fields if getattr(f, "auto_now", False)]
    converted = {f.attname: f for f in fields if not (f.is_relation or isinstance(f, PLAIN_FIELDS))}
    now = timezone.now()
    quote = db.ops.quote_name
    row = f"({', '.join(['%s'] * len(fields))})"
    # Table and column names come from the model, never from the feed; values are parameters.
    table, columns = quote(Service._meta.db_table), ", ".join(quote(f.column) for f in fields)
    head = f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608
    tail = f" RETURNING {quote(Service._meta.pk.column)}"
    per_statement = min(BATCH, (db.features.max_query_params or BATCH * len(fields)) // len(fields))
    with db.cursor() as cursor:
        for start in range(0, len(services), per_statement):
            chunk = services[start : start + per_statement]
            params = []
            for service in chunk:
                for name in stamps:
                    setattr(service, name, now)
                for field in relations:
                    # A provider this import added has its id only now.
                    if field.is_cached(service):
                        setattr(service, field.attname, field.get_cached_value(service).pk)
                for field in fields:
                    value = getattr(service, field.attname)
                    if value is not None and field.attname in converted:
                        value = field.get_db_prep_save(value, db)
                    params.append(value)
            cursor.execute(f"{head}{', '.join([row] * len(chunk))}{tail}", params)
            for service, (pk,) in zip(chunk, cursor.fetchall(), strict=True):
                service.pk = pk
                service._state.adding = False
                service._state.db = db.alias


def link(plan: Plan) -> None:
    """Terms and locations added to services; links already there are left as they are."""
    terms, places = Service.terms.through, Location.services.through
    terms.objects.bulk_create(
        [terms(service_id=s.pk, term_id=t.pk) for s, t in plan.service_terms],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    places.objects.bulk_create(
        [places(service_id=s.pk, location_id=p.pk) for s, p in plan.service_locations],
        batch_size=BATCH,
        ignore_conflicts=True,
    )


def values(service: Service) -> tuple:
    return tuple(getattr(service, Service._meta.get_field(name).attname) for name in UPDATED_FIELDS)


def fill(service: Service, record: Record, provider: Organisation, source: str) -> None:
    service.provider = provider
    service.source = source[:200]
    for name in ("name", "description", "status", "url", "email", "minimum_age", "maximum_age"):
        setattr(service, name, getattr(record, name))
    service.eligibility_description = record.eligibility
    service.min_age_months = months(record.minimum_age)
    service.max_age_months = months(record.maximum_age)
    service.feed_description = described(record)
    # The feed's assured date, unless the lead has reviewed the service since.
    if record.last_reviewed and (
        service.last_reviewed is None or record.last_reviewed > service.last_reviewed
    ):
        service.last_reviewed = record.last_reviewed


def described(record: Record) -> dict:
    """The feed's own words about whom the service is for, kept apart from the fields a lead
    edits, so the service form can show them while the lead places the service."""
    return {
        "categories": record.categories,
        "audiences": record.audiences,
        "attending": record.attending,
        "eligibility": record.eligibility,
        "minimum_age": plain(record.minimum_age),
        "maximum_age": plain(record.maximum_age),
    }


def plain(years: Decimal | None) -> str | None:
    """1.00 as "1" and -0.75 as "-0.75": ages as a feed would write them."""
    return None if years is None else f"{years.normalize():f}"


def months(years) -> int | None:
    return None if years is None else round(years * 12)


def organisation(
    partnership: Partnership,
    record: Record,
    known: dict[str, Organisation],
    plan: Plan,
) -> Organisation:
    name = record.organisation or UNKNOWN_PROVIDER
    found = known.get(name.lower())
    if found is None:
        # A provider the partnership has not recorded: added with sector "other" for the
        # lead to correct, rather than dropping the service.
        found = Organisation(
            partnership=partnership,
            name=name,
            sector=Sector.OTHER,
            website=record.organisation_website,
        )
        known[name.lower()] = found
        plan.organisations.append(found)
    elif record.organisation_website and not found.website:
        # A website the partnership has not recorded is filled in; one it has is kept.
        found.website = record.organisation_website
        if found.pk is not None:
            plan.websites.append(found)
    return found


def term_lookup() -> dict[tuple[str, str], Term]:
    """Our terms under every key a feed may use: taxonomy code or name × term code or name,
    a name in English or in Welsh, whatever the language of the request that runs the import."""
    lookup = {}
    for term in Term.objects.filter(children__isnull=True).select_related("taxonomy"):
        for taxonomy in (term.taxonomy.code, *names(term.taxonomy)):
            for key in (term.code, *names(term)):
                lookup[(taxonomy, key)] = term
    return lookup


def names(row: Taxonomy | Term) -> list[str]:
    """A taxonomy's or term's English and Welsh names, lowercased. Reading `row.name` alone
    would give the Welsh only, while Welsh is active, and miss a feed's English names."""
    with translation.override(settings.LANGUAGE_CODE):
        english = row.name
    return [name.lower() for name in (english, row.name_cy) if name]


def keys(record: Record) -> list[tuple[str, str]]:
    return [(taxonomy.lower(), term.lower()) for taxonomy, term in record.terms]


def location_kind(name: str, location_type: str) -> str:
    """HSDS says only physical, postal or virtual; the name often says more."""
    lowered = name.lower()
    if location_type == "virtual":
        return LocationKind.ONLINE
    if "hub" in lowered:
        return LocationKind.FAMILY_HUB
    if "online" in lowered or "virtual" in lowered:
        return LocationKind.ONLINE
    if "clinic" in lowered or "surgery" in lowered:
        return LocationKind.CLINIC
    return LocationKind.OTHER
