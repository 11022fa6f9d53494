"""Reading Open Referral UK feeds into plain records, with a readable line per problem.

Accepts HSDS 3 / ORUK 3 JSON (one service, a list, or a paginated `/services` response with
`contents`) and the older ORUK v1 shape councils still publish (a bare list of services with
an embedded `organization`, `eligibilitys`, `service_taxonomys` and vendor-prefixed fields).
Nothing here touches the database, so the rules are tested on plain data.
"""

import datetime
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils import timezone
from django.utils.translation import gettext as _

from continuum.json_files import MAX_DEPTH, NestedTooDeeply, load_json
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
    organisation_website: str = ""
    last_reviewed: datetime.date | None = None  # the feed's assured_date
    terms: list[tuple[str, str]] = field(default_factory=list)  # (taxonomy, term code or name)
    # The feed's own categories as a person reads them: "Parenting support (esdServiceTypes)".
    categories: list[str] = field(default_factory=list)
    # Whom the feed says the service is for (pc_targetAudience and the like), and how people
    # attend it (attending_type, attending_access), in the feed's words.
    audiences: list[str] = field(default_factory=list)
    attending: list[str] = field(default_factory=list)
    # (name, address, postcode, HSDS location_type)
    locations: list[tuple[str, str, str, str]] = field(default_factory=list)


@dataclass
class Feed:
    records: list[Record]
    skipped: list[str]
    warnings: list[str]
    # Each embedded organisation's website, read once however many services cite it.
    websites: dict[int, str] = field(default_factory=dict, repr=False)


def read_feed(data: bytes, *, max_bytes: int, name: str) -> Feed:
    """Parse a feed; raise FeedError when the file as a whole cannot be used."""
    if len(data) > max_bytes:
        raise FeedError(too_big(len(data), max_bytes))
    try:
        document = load_json(data, name)
    except NestedTooDeeply as error:
        raise FeedError(
            _(
                "%(file)s: the file is nested too deeply: it has more than %(levels)s levels "
                "of lists and objects"
            )
            % {"file": error.name, "levels": MAX_DEPTH}
        ) from None
    except UnicodeDecodeError:
        raise FeedError(_("The file is not text in UTF-8: save it as UTF-8 JSON")) from None
    except json.JSONDecodeError as error:
        raise FeedError(
            _("The file is not valid JSON: %(problem)s at line %(line)s, column %(column)s")
            % {"problem": error.msg, "line": error.lineno, "column": error.colno}
        ) from None
    items = service_items(document)
    organisations = organisation_names(items)
    feed = Feed(records=[], skipped=[], warnings=[])
    seen: set[str] = set()
    for position, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            feed.skipped.append(
                _("Item %(position)s skipped: it is not a service") % {"position": position}
            )
            continue
        record = read_service(item, position, organisations, feed)
        if record is None:
            continue
        if record.source_id in seen:
            feed.skipped.append(
                _(
                    "%(service)s skipped: its id appears more than once in the file, and the "
                    "first one was used"
                )
                % {"service": label(record.name, record.source_id)}
            )
            continue
        seen.add(record.source_id)
        feed.records.append(record)
    return feed


def too_big(size: int, max_bytes: int) -> str:
    return _("The file is %(size)s MB: it must be smaller than %(limit)s MB") % {
        "size": f"{size / 1024 / 1024:.1f}",
        "limit": f"{max_bytes / 1024 / 1024:.0f}",
    }


def service_items(document) -> list:
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        if isinstance(document.get("contents"), list):
            return document["contents"]
        if "name" in document or "id" in document:
            return [document]
    raise FeedError(
        _(
            "The file is JSON but not an Open Referral UK feed: it must hold one service, a "
            "list of services, or a page of services with 'contents'"
        )
    )


def organisation_names(items: list) -> dict[str, dict]:
    """Every organisation embedded anywhere in the feed, so a later service may cite its id."""
    found = {}
    for item in items:
        org = item.get("organization") if isinstance(item, dict) else None
        if isinstance(org, dict) and org.get("id") and text(org.get("name")):
            found.setdefault(str(org["id"]), org)
    return found


def read_service(item: dict, position: int, organisations: dict[str, dict], feed: Feed):
    source_id = str(item.get("id") or "").strip()
    name = text(item.get("name"))
    if not source_id:
        if name:
            problem = _(
                "Item %(position)s (%(name)s) skipped: it has no id, so a later import could "
                "not update it"
            )
        else:
            problem = _(
                "Item %(position)s skipped: it has no id, so a later import could not update it"
            )
        feed.skipped.append(problem % {"position": position, "name": name})
        return None
    if not name:
        feed.skipped.append(_("Service %(id)s skipped: it has no name") % {"id": source_id})
        return None
    status = text(item.get("status")).lower() or "active"
    if status not in STATUSES:
        feed.skipped.append(
            _("%(service)s skipped: its status '%(status)s' is not one of %(statuses)s")
            % {
                "service": label(name, source_id),
                "status": status,
                "statuses": ", ".join(STATUSES),
            }
        )
        return None
    here = label(name, source_id)
    record = Record(
        source_id=source_id[:200],
        name=name[:NAME_LIMIT],
        description=clean_text(item.get("description")),
        status=status,
        url=web_address(item.get("url"), here, feed),
        email=email_address(item.get("email"), here, feed),
        terms=term_refs(item),
        categories=categories(item),
        audiences=audiences(item),
        attending=attending(item),
        locations=locations(item),
        last_reviewed=assured(item.get("assured_date"), here, feed),
    )
    provider = provider_of(item, organisations, here, feed)
    if provider:
        record.organisation = text(provider.get("name"))[:200]
        if id(provider) not in feed.websites:
            feed.websites[id(provider)] = web_address(
                provider.get("website") or provider.get("url"),
                here,
                feed,
                provider=record.organisation,
            )
        record.organisation_website = feed.websites[id(provider)]
    eligibilities = [e for e in item.get("eligibilitys") or [] if isinstance(e, dict)]
    first = eligibilities[0] if eligibilities else {}
    record.eligibility = clean_text(
        item.get("eligibility_description") or first.get("eligibility") or ""
    )
    low = age(item.get("minimum_age", first.get("minimum_age")), here, MINIMUM, feed)
    high = age(item.get("maximum_age", first.get("maximum_age")), here, MAXIMUM, feed)
    if low is not None and high is not None and high < low:
        feed.warnings.append(
            _("%(service)s: its maximum age is below its minimum, so ages were left out")
            % {"service": here}
        )
        low = high = None
    record.minimum_age, record.maximum_age = low, high
    return record


def label(name: str, source_id: str) -> str:
    if name:
        return _("%(name)s (%(id)s)") % {"name": name, "id": source_id}
    return _("Service %(id)s") % {"id": source_id}


def text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


# Elements that start a new line wherever they open or close, and the ones that only
# separate words (a table cell, an image's place). Everything else runs on in the line.
BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "tr",
        "ul",
    ]
)
SEPARATORS = frozenset(["td", "th", "img", "input", "select", "textarea", "button", "caption"])
# Characters with no width that feeds leave inside words and addresses.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


class TextOnly(HTMLParser):
    """The text of an HTML fragment, with a line break for every block, break and list item,
    and a space for every table cell, so that no two words run together."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.boundary(tag)

    def handle_endtag(self, tag):
        self.boundary(tag)

    def handle_startendtag(self, tag, attrs):
        self.boundary(tag)

    def boundary(self, tag: str) -> None:
        if tag == "br":
            self.parts.append("\n")  # each break counts: two make a blank line
        elif tag in BLOCKS:
            if not self.at_line_start():
                self.parts.append("\n")
        elif tag in SEPARATORS:
            self.parts.append(" ")

    def at_line_start(self) -> bool:
        """Blocks opening and closing one after another start one line, not several."""
        for part in reversed(self.parts):
            part = part.rstrip(" \t\u00a0")
            if part:
                return part.endswith("\n")
        return True

    def handle_data(self, data):
        # Only spacing between tags (the source's own indentation): a space, not a line.
        self.parts.append(" " if data.isspace() else data)


def clean_text(value) -> str:
    """Feeds put HTML in descriptions: keep the words and the paragraph breaks only."""
    if not isinstance(value, str):
        return ""
    parser = TextOnly()
    parser.feed(value)
    parser.close()
    value = "".join(parser.parts).translate(INVISIBLE)
    lines = (re.sub(r"[^\S\n]+", " ", line).strip() for line in value.splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# The service form's own website field: what it accepts, an import keeps.
WEBSITE = forms.URLField(max_length=500, assume_scheme="https")
# "http:www.example.co.uk", "https:/example.co.uk", "https//example.co.uk", "HTTPS;//x.org"
BROKEN_SCHEME = re.compile(r"(?i)^(https?)\s*(?:[:;]\s*[/\\]*|[/\\]{1,3})\s*(?=[^/\\\s])")


def web_address(value, here: str, feed: Feed, *, provider: str | None = None) -> str:
    """A web address a person would follow, repaired as the service form would take it.

    `provider` names the provider when the address is its website rather than the service's.
    """
    given = text(value)
    if not given:
        return ""
    mended = BROKEN_SCHEME.sub(lambda m: f"{m.group(1).lower()}://", given.translate(INVISIBLE))
    try:
        kept = WEBSITE.clean(mended)
    except ValidationError:
        if provider is None:
            problem = _("%(service)s: its web address '%(given)s' is not valid and was left out")
        else:
            problem = _(
                "%(service)s: the website of its provider %(provider)s '%(given)s' is not "
                "valid and was left out"
            )
        feed.warnings.append(problem % {"service": here, "provider": provider, "given": given[:80]})
        return ""
    if kept != given:
        if provider is None:
            problem = _("%(service)s: its web address '%(given)s' was repaired to '%(kept)s'")
        else:
            problem = _(
                "%(service)s: the website of its provider %(provider)s '%(given)s' was "
                "repaired to '%(kept)s'"
            )
        feed.warnings.append(
            problem
            % {"service": here, "provider": provider, "given": given[:80], "kept": kept[:80]}
        )
    return kept


def email_address(value, here: str, feed: Feed) -> str:
    """Trimmed of what feeds leave around an address: spaces with and without width, mailto:
    and a full stop after it."""
    given = text(value)
    if not given:
        return ""
    trimmed = re.sub(r"(?i)^mailto:", "", given.translate(INVISIBLE).strip()).strip()
    trimmed = trimmed.rstrip(".,;").strip()
    try:
        EmailValidator()(trimmed)
    except ValidationError:
        feed.warnings.append(
            _("%(service)s: its email address '%(given)s' is not valid and was left out")
            % {"service": here, "given": given[:80]}
        )
        return ""
    if trimmed != given:
        feed.warnings.append(
            _("%(service)s: its email address '%(given)s' was trimmed to '%(trimmed)s'")
            % {"service": here, "given": given[:80], "trimmed": trimmed[:80]}
        )
    return trimmed[:254]


def assured(value, here: str, feed: Feed) -> datetime.date | None:
    """The feed's assured date ("2024-02-01", or a date and time), as a last reviewed date."""
    given = text(value)
    if not given:
        return None
    try:
        day = datetime.date.fromisoformat(given[:10])
    except ValueError:
        feed.warnings.append(
            _("%(service)s: its assured date '%(given)s' is not a date and was left out")
            % {"service": here, "given": given[:40]}
        )
        return None
    if day > timezone.localdate():
        feed.warnings.append(
            _("%(service)s: its assured date %(date)s is in the future and was left out")
            % {"service": here, "date": day}
        )
        return None
    return day


MINIMUM, MAXIMUM = "minimum", "maximum"


def age(value, here: str, which: str, feed: Feed) -> Decimal | None:
    """`which` is MINIMUM or MAXIMUM: each has its own whole sentences."""
    if value in (None, ""):
        return None
    names = {"service": here, "value": value}
    try:
        years = Decimal(str(value))
    except InvalidOperation:
        if which == MINIMUM:
            problem = _("%(service)s: its minimum age '%(value)s' is not a number and was left out")
        else:
            problem = _("%(service)s: its maximum age '%(value)s' is not a number and was left out")
        feed.warnings.append(problem % names)
        return None
    if not years.is_finite() or not Decimal(-1) <= years <= Decimal(120):
        if which == MINIMUM:
            problem = _("%(service)s: its minimum age %(value)s is out of range and was left out")
        else:
            problem = _("%(service)s: its maximum age %(value)s is out of range and was left out")
        feed.warnings.append(problem % names)
        return None
    return round(years, 2)


def provider_of(item: dict, organisations: dict[str, dict], here: str, feed: Feed) -> dict:
    """The feed's organisation for the service, embedded or cited by id; empty if neither."""
    org = item.get("organization")
    if isinstance(org, dict) and text(org.get("name")):
        return org
    org_id = str(item.get("organization_id") or (org or {}).get("id") or "").strip()
    if org_id and org_id in organisations:
        return organisations[org_id]
    if org_id:
        feed.warnings.append(
            _(
                "%(service)s: its organisation id %(id)s is not in the file, so its provider "
                "is recorded as not known"
            )
            % {"service": here, "id": org_id}
        )
    else:
        feed.warnings.append(
            _("%(service)s: the file names no provider, so it is recorded as not known")
            % {"service": here}
        )
    return {}


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


# As many of the feed's audiences and ways to attend as help a lead; no more.
DETAIL_LIMIT = 20


def words(value) -> list[str]:
    """A feed field's values as text: a string, a number, a list of them, or objects with a
    name, label or value."""
    if isinstance(value, list):
        return [w for v in value for w in words(v)]
    if isinstance(value, dict):
        for key in ("name", "label", "value", "term", "description"):
            if text(value.get(key)):
                return [text(value[key])]
        return []
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [str(value)]
    return [clean_text(value)] if text(value) else []


def distinct(values: list[str], limit: int = DETAIL_LIMIT) -> list[str]:
    found: list[str] = []
    for value in values:
        value = value[:200]
        if value and value not in found:
            found.append(value)
    return found[:limit]


def audiences(item: dict) -> list[str]:
    """Every top-level field naming an audience (v1 pc_targetAudience, target_audience, ...)
    and HSDS 3 attributes linked as an audience."""
    found = [w for key, value in item.items() if "audience" in key.lower() for w in words(value)]
    for attribute in listed(item.get("attributes")):
        if "audience" in text(attribute.get("link_type")).lower():
            found += words(attribute.get("taxonomy_term")) or words(attribute.get("value"))
    return distinct(found)


def attending(item: dict) -> list[str]:
    """How people attend: v1's attending_type and attending_access, and the attending_type of
    HSDS 3 schedules, on the service or at its locations."""
    found = words(item.get("attending_type")) + words(item.get("attending_access"))
    schedules = listed(item.get("schedules")) + listed(item.get("regular_schedules"))
    for link in listed(item.get("service_at_locations")):
        schedules += listed(link.get("schedules"))
    for schedule in schedules:
        found += words(schedule.get("attending_type"))
    return distinct(found)


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
