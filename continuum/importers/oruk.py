"""Reading Open Referral UK feeds into plain records, with a readable line per problem.

Accepts HSDS 3 / ORUK 3 JSON (one service, a list, or a paginated `/services` response with
`contents`) and the older ORUK v1 shape councils still publish (a bare list of services with
an embedded `organization`, `eligibilitys`, `service_taxonomys` and vendor-prefixed fields).
Nothing here touches the database, so the rules are tested on plain data.
"""

import html
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.html import strip_tags

from continuum.json_files import NestedTooDeeply, load_json
from continuum.models import Status

STATUSES = tuple(Status.values)
NAME_LIMIT = 200


class FeedError(Exception):
    """The whole file is unusable: nothing is imported."""


@dataclass
class Record:
    source_id: str
    name: str
    description: str = ""
    status: str = "active"
    url: str = ""
    email: str = ""
    eligibility: str = ""
    minimum_age: Decimal | None = None
    maximum_age: Decimal | None = None
    organisation: str = ""  # the provider's name; empty when the feed does not say
    terms: list[tuple[str, str]] = field(default_factory=list)  # (taxonomy, term code or name)
    # The feed's own categories as a person reads them: "Parenting support (esdServiceTypes)".
    categories: list[str] = field(default_factory=list)
    # (name, address, postcode, HSDS location_type)
    locations: list[tuple[str, str, str, str]] = field(default_factory=list)


@dataclass
class Feed:
    records: list[Record]
    skipped: list[str]
    warnings: list[str]


def read_feed(data: bytes, *, max_bytes: int, name: str) -> Feed:
    """Parse a feed; raise FeedError when the file as a whole cannot be used."""
    if len(data) > max_bytes:
        raise FeedError(too_big(len(data), max_bytes))
    try:
        document = load_json(data, name)
    except NestedTooDeeply as error:
        raise FeedError(str(error)) from None
    except UnicodeDecodeError:
        raise FeedError("The file is not text in UTF-8: save it as UTF-8 JSON") from None
    except json.JSONDecodeError as error:
        raise FeedError(
            f"The file is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        ) from None
    items = service_items(document)
    organisations = organisation_names(items)
    feed = Feed(records=[], skipped=[], warnings=[])
    seen: set[str] = set()
    for position, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            feed.skipped.append(f"Item {position} skipped: it is not a service")
            continue
        record = read_service(item, position, organisations, feed)
        if record is None:
            continue
        if record.source_id in seen:
            feed.skipped.append(
                f"{label(record.name, record.source_id)} skipped: its id appears more than "
                "once in the file, and the first one was used"
            )
            continue
        seen.add(record.source_id)
        feed.records.append(record)
    return feed


def too_big(size: int, max_bytes: int) -> str:
    return (
        f"The file is {size / 1024 / 1024:.1f} MB: it must be smaller than "
        f"{max_bytes / 1024 / 1024:.0f} MB"
    )


def service_items(document) -> list:
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        if isinstance(document.get("contents"), list):
            return document["contents"]
        if "name" in document or "id" in document:
            return [document]
    raise FeedError(
        "The file is JSON but not an Open Referral UK feed: it must hold one service, a list "
        "of services, or a page of services with 'contents'"
    )


def organisation_names(items: list) -> dict[str, str]:
    """Every organisation embedded anywhere in the feed, so a later service may cite its id."""
    found = {}
    for item in items:
        org = item.get("organization") if isinstance(item, dict) else None
        if isinstance(org, dict) and org.get("id") and text(org.get("name")):
            found[str(org["id"])] = text(org["name"])
    return found


def read_service(item: dict, position: int, organisations: dict[str, str], feed: Feed):
    source_id = str(item.get("id") or "").strip()
    name = text(item.get("name"))
    if not source_id:
        feed.skipped.append(
            f"Item {position}{f' ({name})' if name else ''} skipped: it has no id, so a "
            "later import could not update it"
        )
        return None
    if not name:
        feed.skipped.append(f"Service {source_id} skipped: it has no name")
        return None
    status = text(item.get("status")).lower() or "active"
    if status not in STATUSES:
        feed.skipped.append(
            f"{label(name, source_id)} skipped: its status '{status}' is not one of "
            f"{', '.join(STATUSES)}"
        )
        return None
    here = label(name, source_id)
    record = Record(
        source_id=source_id[:200],
        name=name[:NAME_LIMIT],
        description=clean_text(item.get("description")),
        status=status,
        url=checked(item.get("url"), URLValidator(), here, "web address", feed),
        email=checked(item.get("email"), EmailValidator(), here, "email address", feed),
        organisation=provider_name(item, organisations, here, feed),
        terms=term_refs(item),
        categories=categories(item),
        locations=locations(item),
    )
    eligibilities = [e for e in item.get("eligibilitys") or [] if isinstance(e, dict)]
    first = eligibilities[0] if eligibilities else {}
    record.eligibility = clean_text(
        item.get("eligibility_description") or first.get("eligibility") or ""
    )
    low = age(item.get("minimum_age", first.get("minimum_age")), here, "minimum", feed)
    high = age(item.get("maximum_age", first.get("maximum_age")), here, "maximum", feed)
    if low is not None and high is not None and high < low:
        feed.warnings.append(f"{here}: its maximum age is below its minimum, so ages were left out")
        low = high = None
    record.minimum_age, record.maximum_age = low, high
    return record


def label(name: str, source_id: str) -> str:
    return f"{name} ({source_id})" if name else f"Service {source_id}"


def text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def clean_text(value) -> str:
    """Feeds put HTML in descriptions: keep the words and the paragraph breaks only."""
    if not isinstance(value, str):
        return ""
    value = re.sub(r"(?i)<br\s*/?>|</p\s*>|</li\s*>|</h\d\s*>", "\n", value)
    value = html.unescape(strip_tags(value))
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in value.splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def checked(value, validator, here: str, what: str, feed: Feed) -> str:
    value = text(value)
    if not value:
        return ""
    try:
        validator(value)
    except ValidationError:
        feed.warnings.append(f"{here}: its {what} '{value[:80]}' is not valid and was left out")
        return ""
    return value[:254] if what == "email address" else value[:500]


def age(value, here: str, which: str, feed: Feed) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        years = Decimal(str(value))
    except InvalidOperation:
        feed.warnings.append(f"{here}: its {which} age '{value}' is not a number and was left out")
        return None
    if not years.is_finite() or not Decimal(-1) <= years <= Decimal(120):
        feed.warnings.append(f"{here}: its {which} age {value} is out of range and was left out")
        return None
    return round(years, 2)


def provider_name(item: dict, organisations: dict[str, str], here: str, feed: Feed) -> str:
    org = item.get("organization")
    if isinstance(org, dict) and text(org.get("name")):
        return text(org["name"])[:200]
    org_id = str(item.get("organization_id") or (org or {}).get("id") or "").strip()
    if org_id and org_id in organisations:
        return organisations[org_id][:200]
    if org_id:
        feed.warnings.append(
            f"{here}: its organisation id {org_id} is not in the file, so its provider is "
            "recorded as not known"
        )
    else:
        feed.warnings.append(f"{here}: the file names no provider, so it is recorded as not known")
    return ""


def feed_terms(item: dict) -> list[tuple[str, dict]]:
    """(taxonomy, term) from HSDS 3 attributes and taxonomy terms, and v1 taxonomies."""
    terms = [a.get("taxonomy_term") for a in listed(item.get("attributes"))]
    terms += listed(item.get("taxonomy_terms"))
    terms += [t.get("taxonomy") for t in listed(item.get("service_taxonomys"))]
    return [
        (text(term.get("taxonomy")) or text(term.get("vocabulary")), term)
        for term in terms
        if isinstance(term, dict)
    ]


def term_refs(item: dict) -> list[tuple[str, str]]:
    """(taxonomy, term code or name) pairs: every key under which a term may match ours."""
    return [
        (taxonomy, text(term[key]))
        for taxonomy, term in feed_terms(item)
        for key in ("code", "term", "name")
        if text(term.get(key))
    ]


# Enough to help place a service; a feed that tags one service a hundred times says no more.
CATEGORY_LIMIT = 30


def categories(item: dict) -> list[str]:
    """Each of the feed's terms once, by the name a person reads, with its vocabulary."""
    found: list[str] = []
    for taxonomy, term in feed_terms(item):
        name = text(term.get("name")) or text(term.get("term")) or text(term.get("code"))
        shown = f"{name[:200]} ({taxonomy[:100]})" if taxonomy else name[:200]
        if name and shown not in found:
            found.append(shown)
    return found[:CATEGORY_LIMIT]


def locations(item: dict) -> list[tuple[str, str, str, str]]:
    found = []
    for link in listed(item.get("service_at_locations")):
        place = link.get("location")
        if not isinstance(place, dict):
            continue
        addresses = listed(place.get("addresses")) + listed(place.get("physical_addresses"))
        first = addresses[0] if addresses else {}
        address = ", ".join(
            text(first.get(key)) for key in ("address_1", "city") if text(first.get(key))
        )
        name = text(place.get("name")) or address
        if name:
            postcode = text(first.get("postal_code"))[:10]
            found.append((name[:200], address, postcode, text(place.get("location_type"))))
    return found


def listed(value) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
