"""Everything a partnership holds, as tables: the rows of its data download.

Each table is a `Sheet` (title, header, rows), written twice: as a JSON file (a list of objects
keyed by the header) and as a sheet of one workbook. Every table is read with one query (two
for services, whose terms are prefetched), so the download asks the database the same number
of questions whatever the partnership holds.

Anonymous rounds stay anonymous here, exactly as on the round's pages and in its workbook:
their responses carry a sector (small sectors pooled), never a name, an organisation, an id or
a time; and the history of their responses says "A respondent", with no name and no sector.
Members' names and email addresses are the partnership's own data (its lead adds them and sees
them on the overview), so they are in the download.
"""

import io
import json
import zipfile
from collections import defaultdict
from collections.abc import Sequence

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from assessments.models import (
    Action,
    AgreedRating,
    Assessment,
    Barrier,
    Change,
    OutOfScope,
    Response,
    StatusChange,
)
from assessments.views.workbook import anonymous_response_sheet, answer_columns, level_text
from continuum.models import GapAdjustment, Location, ReferralRoute, Service
from partnership.downloads import Sheet, download_name, workbook_bytes
from partnership.indicators.models import IndicatorValue, KeyIndicator
from partnership.models import Membership, Organisation, Partnership

FORMER_MEMBER = "A former member"


def person(user) -> str:
    if user is None:
        return FORMER_MEMBER
    return user.full_name or user.email


def profile_sheet(partnership: Partnership) -> Sheet:
    areas = "; ".join(f"{a.name} ({a.gss_code})" for a in partnership.areas.order_by("name"))
    header = ["Name", "Web address name", "Nation", "Description", "Areas", "Created"]
    row = [
        partnership.name,
        partnership.slug,
        partnership.get_nation_display(),
        partnership.description,
        areas,
        partnership.created,
    ]
    return Sheet("Profile", header, [row])


def partners_sheet(partnership: Partnership) -> Sheet:
    organisations = Organisation.objects.filter(partnership=partnership).order_by("name", "pk")
    header = ["Id", "Organisation", "Sector", "Website"]
    rows = [[o.pk, o.name, o.get_sector_display(), o.website] for o in organisations]
    return Sheet("Partners", header, rows)


def members_sheet(partnership: Partnership) -> Sheet:
    memberships = Membership.objects.filter(partnership=partnership).select_related(
        "user", "organisation"
    )
    header = ["Name", "Email address", "Role", "Organisation", "Member since"]
    rows = [
        [m.user.full_name, m.user.email, m.get_role_display(), m.organisation.name, m.created]
        for m in memberships
    ]
    return Sheet("Members", header, rows)


def services_sheet(partnership: Partnership) -> Sheet:
    services = (
        Service.objects.filter(partnership=partnership)
        .select_related("provider")
        .prefetch_related("terms__taxonomy")
        .order_by("name", "pk")
    )
    header = ["Id", "Service", "Provider", "Status", "Description", "Who it is for", "Website"]
    header += ["Email", "Minimum age in months", "Maximum age in months", "Families a year"]
    header += ["Waiting time in weeks", "Delivery modes", "Terms", "Last reviewed", "Source"]
    header += ["Source id", "Archived"]
    rows = [
        [
            s.pk,
            s.name,
            s.provider.name,
            s.get_status_display(),
            s.description,
            s.eligibility_description,
            s.url,
            s.email,
            s.min_age_months,
            s.max_age_months,
            s.capacity,
            s.waiting_weeks,
            "; ".join(s.delivery_mode_labels()),
            "; ".join(f"{t.taxonomy.name}: {t.name}" for t in s.terms.all()),
            s.last_reviewed,
            s.source,
            s.source_id,
            s.archived,
        ]
        for s in services
    ]
    return Sheet("Services", header, rows)


def locations_sheet(partnership: Partnership) -> Sheet:
    # One row a location and service: the link table read with the locations, in one query.
    links = Location.services.through.objects.filter(location__partnership=partnership)
    by_location = defaultdict(list)
    for location_id, service_id in links.values_list("location_id", "service_id"):
        by_location[location_id].append(str(service_id))
    locations = Location.objects.filter(partnership=partnership).order_by("name", "pk")
    header = ["Id", "Location", "Kind", "Address", "Postcode", "Service ids"]
    rows = [
        [loc.pk, loc.name, loc.get_kind_display(), loc.address, loc.postcode]
        + ["; ".join(by_location[loc.pk])]
        for loc in locations
    ]
    return Sheet("Locations", header, rows)


def routes_sheet(partnership: Partnership) -> Sheet:
    routes = ReferralRoute.objects.for_partnership(partnership).select_related(
        "from_service", "to_service"
    )
    header = ["From service id", "From service", "To service id", "To service", "Kind", "Note"]
    rows = [
        [r.from_service_id, r.from_service.name, r.to_service_id, r.to_service.name]
        + [r.get_kind_display(), r.note]
        for r in routes
    ]
    return Sheet("Referral routes", header, rows)


def gap_adjustments_sheet(partnership: Partnership) -> Sheet:
    adjustments = GapAdjustment.objects.for_partnership(partnership).select_related("by")
    header = ["Rows", "Columns", "Row", "Column", "Level", "Expected", "Thin below"]
    header += ["Withdrawn", "Reason", "By", "At"]
    rows = [
        [a.rows, a.cols, a.row, a.col, a.level, a.expected, a.thin_below, a.withdrawn]
        + [a.reason, person(a.by), a.at]
        for a in adjustments
    ]
    return Sheet("Gap rule changes", header, rows)


def local_figures_sheet(partnership: Partnership) -> Sheet:
    figures = IndicatorValue.objects.filter(partnership=partnership).select_related("indicator")
    header = ["Indicator code", "Indicator", "Area code", "Area", "Period", "Sex", "Age"]
    header += ["Value", "Lower 95% limit", "Upper 95% limit", "Count", "Denominator", "Note"]
    header += ["File"]
    rows = [
        [f.indicator.code, f.indicator.name, f.area_code, f.area_name, f.period, f.sex, f.age]
        + [f.value, f.lower_ci, f.upper_ci, f.count, f.denominator, f.note, f.source_file]
        for f in figures
    ]
    return Sheet("Local figures", header, rows)


def key_indicators_sheet(partnership: Partnership) -> Sheet:
    chosen = KeyIndicator.objects.filter(partnership=partnership).select_related("indicator")
    rows = [[k.indicator.code, k.indicator.name] for k in chosen]
    return Sheet("Key indicators", ["Indicator code", "Indicator"], rows)


def rounds_sheet(assessments: Sequence[Assessment]) -> Sheet:
    header = ["Id", "Round", "Framework", "Framework version", "Status", "Anonymous"]
    header += ["Closing date", "Opened by", "Created"]
    rows = [
        [a.pk, a.name, a.framework.title, a.framework.version, a.get_status_display()]
        + [a.anonymous, a.closing_date, person(a.created_by), a.created]
        for a in assessments
    ]
    return Sheet("Rounds", header, rows)


def status_sheet(partnership: Partnership) -> Sheet:
    moves = StatusChange.objects.filter(assessment__partnership=partnership).select_related(
        "assessment", "by"
    )
    header = ["Round id", "Round", "From", "To", "By", "At"]
    rows = [
        [m.assessment_id, m.assessment.name, m.get_from_status_display()]
        + [m.get_to_status_display(), person(m.by), m.at]
        for m in moves
    ]
    return Sheet("Round status history", header, rows)


def scope_sheet(partnership: Partnership) -> Sheet:
    left_out = (
        OutOfScope.objects.filter(assessment__partnership=partnership)
        .select_related("assessment", "element")
        .order_by("assessment__created", "element__order")
    )
    header = ["Round id", "Round", "Element code", "Element", "Reason"]
    rows = [
        [o.assessment_id, o.assessment.name, o.element.code, o.element.title, o.reason]
        for o in left_out
    ]
    return Sheet("Out of scope", header, rows)


def responses_sheet(partnership: Partnership, assessments: Sequence[Assessment]) -> Sheet:
    """Named rounds' responses with who gave them; anonymous rounds' as their workbook has them."""
    found = defaultdict(list)
    responses = (
        Response.objects.filter(assessment__partnership=partnership)
        .select_related("element__dimension", "level", "respondent", "organisation")
        .order_by("element__dimension__order", "element__order", "sector", "pk")
    )
    for response in responses:
        found[response.assessment_id].append(response)
    header = ["Round id", "Round", "Dimension", "Element code", "Element", "Name"]
    header += ["Organisation", "Sector", "Rating", "Evidence", "Strength of evidence", "Links"]
    rows = []
    for assessment in assessments:
        mine = found.get(assessment.pk, [])
        if assessment.anonymous:
            # Dimension, code, element, sector, then the answer: no name, no organisation.
            for r in anonymous_response_sheet(assessment, mine).rows:
                rows.append([assessment.pk, assessment.name, *r[:3], "", "", *r[3:]])
            continue
        for r in mine:
            element = r.element
            rows.append(
                [assessment.pk, assessment.name, element.dimension.title, element.code]
                + [element.title, person(r.respondent)]
                + [r.organisation.name if r.organisation else "", r.get_sector_display()]
                + answer_columns(r)
            )
    return Sheet("Responses", header, rows)


def agreed_sheet(partnership: Partnership) -> Sheet:
    agreed = (
        AgreedRating.objects.filter(assessment__partnership=partnership)
        .select_related("assessment", "element", "level", "target_level", "updated_by")
        .order_by("assessment__created", "element__order")
    )
    header = ["Round id", "Round", "Element code", "Element", "Agreed rating", "Target"]
    header += ["Target date", "Rationale", "Dissent", "Updated by", "Updated"]
    rows = [
        [a.assessment_id, a.assessment.name, a.element.code, a.element.title]
        + [level_text(a.level), level_text(a.target_level), a.target_date, a.rationale]
        + [a.dissent, person(a.updated_by), a.updated]
        for a in agreed
    ]
    return Sheet("Agreed ratings", header, rows)


def barriers_sheet(partnership: Partnership) -> Sheet:
    barriers = Barrier.objects.filter(assessment__partnership=partnership).select_related(
        "assessment", "element", "created_by"
    )
    header = ["Round id", "Round", "Element code", "Element", "Barrier", "Added by", "Added"]
    rows = [
        [b.assessment_id, b.assessment.name, b.element.code, b.element.title, b.text]
        + [person(b.created_by), b.created]
        for b in barriers
    ]
    return Sheet("Barriers", header, rows)


def actions_sheet(partnership: Partnership) -> Sheet:
    actions = Action.objects.filter(assessment__partnership=partnership).select_related(
        "assessment", "element", "owner_organisation"
    )
    header = ["Id", "Round id", "Round", "Element code", "Element", "Action", "Owner"]
    header += ["Owner organisation", "Due", "Status", "Latest progress", "Updated"]
    rows = [
        [a.pk, a.assessment_id, a.assessment.name, a.element.code, a.element.title, a.title]
        + [a.owner_name, a.owner_organisation.name, a.due_date, a.get_status_display()]
        + [a.progress_note, a.updated]
        for a in actions
    ]
    return Sheet("Actions", header, rows)


def history_sheet(partnership: Partnership) -> Sheet:
    """Every recorded change; in anonymous rounds a response's changes name no one."""
    changes = (
        Change.objects.filter(assessment__partnership=partnership)
        .select_related("assessment", "element", "by")
        .order_by("at", "pk")
    )
    header = ["Round id", "Round", "Element code", "What", "Field", "Was", "Became", "By"]
    header += ["At"]
    rows = []
    for c in changes:
        hidden = c.assessment.anonymous and c.subject == "response"
        who = "A respondent" if hidden else person(c.by)
        rows.append(
            [c.assessment_id, c.assessment.name, c.element.code, c.subject, c.field]
            + [c.old, c.new, who, c.at]
        )
    return Sheet("History", header, rows)


def partnership_sheets(partnership: Partnership) -> list[Sheet]:
    assessments = list(
        Assessment.objects.filter(partnership=partnership)
        .select_related("framework", "created_by")
        .order_by("created", "pk")
    )
    return [
        profile_sheet(partnership),
        partners_sheet(partnership),
        members_sheet(partnership),
        services_sheet(partnership),
        locations_sheet(partnership),
        routes_sheet(partnership),
        gap_adjustments_sheet(partnership),
        local_figures_sheet(partnership),
        key_indicators_sheet(partnership),
        rounds_sheet(assessments),
        status_sheet(partnership),
        scope_sheet(partnership),
        responses_sheet(partnership, assessments),
        agreed_sheet(partnership),
        barriers_sheet(partnership),
        actions_sheet(partnership),
        history_sheet(partnership),
    ]


def json_name(sheet: Sheet) -> str:
    return download_name(sheet.title.replace(" ", "-"), suffix="json")


def json_bytes(sheet: Sheet) -> bytes:
    keys = list(sheet.header)
    records = [dict(zip(keys, row, strict=True)) for row in sheet.rows]
    return json.dumps(records, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).encode()


README = """{name}: everything Cradle holds for this partnership, downloaded {when}.

{workbook} has one sheet a table; each table is also a JSON file (a list of records whose
keys are the sheet's column headings). Ids tie the tables together: a response's round id is
a round's id, a location's service ids are services' ids.

Anonymous rounds stay anonymous: their responses give a sector only (small sectors shown
together), and the history of their responses says "A respondent".
"""


def partnership_zip(partnership: Partnership) -> bytes:
    sheets = [Sheet(s.title, s.header, list(s.rows)) for s in partnership_sheets(partnership)]
    workbook = download_name(partnership.slug, "data", suffix="xlsx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        when = timezone.localtime().strftime("%Y-%m-%d %H:%M")
        text = README.format(name=partnership.name, when=when, workbook=workbook)
        archive.writestr("README.txt", text)
        archive.writestr(workbook, workbook_bytes(sheets))
        for sheet in sheets:
            archive.writestr(json_name(sheet), json_bytes(sheet))
    return out.getvalue()
