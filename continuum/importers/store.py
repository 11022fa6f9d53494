"""Writing an Open Referral UK feed into one partnership's service map."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from continuum.importers.oruk import Feed, FeedError, Record, read_feed
from continuum.models import Location, LocationKind, Service, Term
from partnership.models import Organisation, Partnership, Sector

# Where a feed does not say who provides a service, or cites an organisation it does not
# contain, the service is kept under this organisation so the lead can correct it.
UNKNOWN_PROVIDER = "Provider not known (imported)"


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
            return f"Nothing imported. {self.error}"
        verb = "would be" if self.dry_run else "were"
        return (
            f"{len(self.created)} services {verb} created, {len(self.updated)} updated and "
            f"{len(self.skipped)} skipped"
        )


class DryRunRollback(Exception):
    """Raised inside the transaction so a dry run writes nothing but reports exactly."""


def import_services(
    *,
    partnership: Partnership,
    data: bytes,
    source: str,
    max_bytes: int,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Create or update the partnership's services from a feed, all in one transaction.

    A service is matched on its feed id (`source_id`), so importing the same feed again
    updates in place. Terms that map onto ours are added; terms a lead chose are never
    removed by an import.
    """
    report = ImportReport(dry_run=dry_run)
    try:
        feed = read_feed(data, max_bytes=max_bytes, name=source)
    except FeedError as error:
        report.error = str(error)
        return report
    report.skipped, report.warnings = feed.skipped, feed.warnings
    try:
        with transaction.atomic():
            write(partnership, feed, source, report, progress)
            if dry_run:
                raise DryRunRollback
    except DryRunRollback:
        pass
    return report


def write(
    partnership: Partnership,
    feed: Feed,
    source: str,
    report: ImportReport,
    progress: Callable[[int, int], None] | None,
) -> None:
    existing = {
        s.source_id: s for s in Service.objects.for_partnership(partnership).exclude(source_id="")
    }
    organisations = {o.name.lower(): o for o in partnership.organisations.all()}
    places = {loc.name.lower(): loc for loc in partnership.locations.all()}
    terms = term_lookup()
    total = len(feed.records)
    for done, record in enumerate(feed.records, start=1):
        provider = organisation(partnership, record, organisations, report)
        service = existing.get(record.source_id)
        created = service is None
        if created:
            service = Service(partnership=partnership, source_id=record.source_id)
        fill(service, record, provider, source)
        try:
            # The partnership and provider are rows this import holds, so checking they
            # exist would cost two queries a service for nothing.
            service.full_clean(
                exclude=["partnership", "provider"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            report.skipped.append(f"{record.name} skipped: {'; '.join(error.messages)}")
            continue
        service.save()
        existing[record.source_id] = service
        (report.created if created else report.updated).append(record.name)
        matched = {terms[key] for key in keys(record) if key in terms}
        if matched:
            service.terms.add(*matched)
        for name, address, postcode, location_type in record.locations:
            place = places.get(name.lower())
            if place is None:
                place = Location.objects.create(
                    partnership=partnership,
                    name=name,
                    kind=location_kind(name, location_type),
                    address=address,
                    postcode=postcode,
                )
                places[name.lower()] = place
            place.services.add(service)
        if progress and (done % 100 == 0 or done == total):
            progress(done, total)


def fill(service: Service, record: Record, provider: Organisation, source: str) -> None:
    service.provider = provider
    service.source = source[:200]
    for name in ("name", "description", "status", "url", "email", "minimum_age", "maximum_age"):
        setattr(service, name, getattr(record, name))
    service.eligibility_description = record.eligibility
    service.min_age_months = months(record.minimum_age)
    service.max_age_months = months(record.maximum_age)


def months(years) -> int | None:
    return None if years is None else round(years * 12)


def organisation(
    partnership: Partnership,
    record: Record,
    known: dict[str, Organisation],
    report: ImportReport,
) -> Organisation:
    name = record.organisation or UNKNOWN_PROVIDER
    found = known.get(name.lower())
    if found is None:
        # A provider the partnership has not recorded: added with sector "other" for the
        # lead to correct, rather than dropping the service.
        found = Organisation.objects.create(partnership=partnership, name=name, sector=Sector.OTHER)
        known[name.lower()] = found
        report.organisations.append(name)
    return found


def term_lookup() -> dict[tuple[str, str], Term]:
    """Our terms under every key a feed may use: taxonomy code or name × term code or name."""
    lookup = {}
    for term in Term.objects.filter(children__isnull=True).select_related("taxonomy"):
        for taxonomy in (term.taxonomy.code, term.taxonomy.name.lower()):
            for key in (term.code, term.name.lower()):
                lookup[(taxonomy, key)] = term
    return lookup


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
