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
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from assessments.history import SUBJECTS, level_names
from assessments.models import (
    Action,
    AgreedRating,
    Assessment,
    Barrier,
    Change,
    OutOfScope,
    Response,
    ScaleLevel,
    StatusChange,
)
from assessments.templatetags.round_history import change_field, change_value
from assessments.views.workbook import anonymous_response_sheet, answer_columns, level_text
from continuum.models import GapAdjustment, Location, ReferralRoute, Service
from partnership.downloads import Sheet, download_name, workbook_bytes
from partnership.indicators.models import IndicatorValue, KeyIndicator
from partnership.models import Membership, Organisation, Partnership
from rights.erasure import FORMER_MEMBER


def person(user) -> str:
    # An erased person's stand-in account is named in English in the database.
    if user is None or user.full_name == FORMER_MEMBER:
        return _("A former member")
    return user.full_name or user.email


def profile_sheet(partnership: Partnership) -> Sheet:
    areas = "; ".join(f"{a.name} ({a.gss_code})" for a in partnership.areas.order_by("name"))
    header = [
        _("Name"),
        _("Web address name"),
        _("Nation"),
        _("Description"),
        _("Areas"),
        pgettext("column heading", "Created"),
    ]
    row = [
        partnership.name,
        partnership.slug,
        partnership.get_nation_display(),
        partnership.description,
        areas,
        partnership.created,
    ]
    return Sheet(_("Profile"), header, [row])


def partners_sheet(partnership: Partnership) -> Sheet:
    organisations = Organisation.objects.filter(partnership=partnership).order_by("name", "pk")
    header = [_("Id"), _("Organisation"), _("Sector"), _("Website")]
    rows = [[o.pk, o.name, o.get_sector_display(), o.website] for o in organisations]
    return Sheet(_("Partners"), header, rows)


def members_sheet(partnership: Partnership) -> Sheet:
    memberships = Membership.objects.filter(partnership=partnership).select_related(
        "user", "organisation"
    )
    header = [_("Name"), _("Email address"), _("Role"), _("Organisation"), _("Member since")]
    rows = [
        [m.user.full_name, m.user.email, m.get_role_display(), m.organisation.name, m.created]
        for m in memberships
    ]
    return Sheet(_("Members"), header, rows)


def services_sheet(partnership: Partnership) -> Sheet:
    services = (
        Service.objects.filter(partnership=partnership)
        .select_related("provider")
        .prefetch_related("terms__taxonomy")
        .order_by("name", "pk")
    )
    header = [
        _("Id"),
        _("Service"),
        _("Provider"),
        _("Status"),
        _("Description"),
        _("Who it is for"),
        _("Website"),
    ]
    header += [
        _("Email"),
        _("Minimum age in months"),
        _("Maximum age in months"),
        _("Families a year"),
    ]
    header += [
        _("Waiting time in weeks"),
        _("Delivery modes"),
        _("Terms"),
        _("Last reviewed"),
        _("Source"),
    ]
    header += [_("Source id"), _("Archived")]
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
    return Sheet(_("Services"), header, rows)


def locations_sheet(partnership: Partnership) -> Sheet:
    # One row a location and service: the link table read with the locations, in one query.
    links = Location.services.through.objects.filter(location__partnership=partnership)
    by_location = defaultdict(list)
    for location_id, service_id in links.values_list("location_id", "service_id"):
        by_location[location_id].append(str(service_id))
    locations = Location.objects.filter(partnership=partnership).order_by("name", "pk")
    header = [_("Id"), _("Location"), _("Kind"), _("Address"), _("Postcode"), _("Service ids")]
    rows = [
        [loc.pk, loc.name, loc.get_kind_display(), loc.address, loc.postcode]
        + ["; ".join(by_location[loc.pk])]
        for loc in locations
    ]
    return Sheet(_("Locations"), header, rows)


def routes_sheet(partnership: Partnership) -> Sheet:
    routes = ReferralRoute.objects.for_partnership(partnership).select_related(
        "from_service", "to_service"
    )
    header = [
        _("From service id"),
        _("From service"),
        _("To service id"),
        _("To service"),
        _("Kind"),
        _("Note"),
    ]
    rows = [
        [r.from_service_id, r.from_service.name, r.to_service_id, r.to_service.name]
        + [r.get_kind_display(), r.note]
        for r in routes
    ]
    return Sheet(_("Referral routes"), header, rows)


def gap_adjustments_sheet(partnership: Partnership) -> Sheet:
    adjustments = GapAdjustment.objects.for_partnership(partnership).select_related("by")
    header = [
        _("Rows"),
        _("Columns"),
        _("Row"),
        _("Column"),
        _("Level"),
        _("Expected"),
        _("Thin below"),
    ]
    header += [_("Withdrawn"), _("Reason"), _("By"), _("At")]
    rows = [
        [a.rows, a.cols, a.row, a.col, a.level, a.expected, a.thin_below, a.withdrawn]
        + [a.reason, person(a.by), a.at]
        for a in adjustments
    ]
    return Sheet(_("Gap rule changes"), header, rows)


def local_figures_sheet(partnership: Partnership) -> Sheet:
    figures = IndicatorValue.objects.filter(partnership=partnership).select_related("indicator")
    header = [
        _("Indicator code"),
        _("Indicator"),
        _("Area code"),
        _("Area"),
        _("Period"),
        _("Sex"),
        _("Age"),
    ]
    header += [
        _("Value"),
        # A percent sign, not a placeholder: the Welsh puts it elsewhere.
        # xgettext:no-python-format
        _("Lower 95% limit"),
        # xgettext:no-python-format
        _("Upper 95% limit"),
        _("Count"),
        _("Denominator"),
        _("Note"),
    ]
    header += [_("File")]
    rows = [
        [f.indicator.code, f.indicator.name, f.area_code, f.area_name, f.period, f.sex, f.age]
        + [f.value, f.lower_ci, f.upper_ci, f.count, f.denominator, f.note, f.source_file]
        for f in figures
    ]
    return Sheet(_("Local figures"), header, rows)


def key_indicators_sheet(partnership: Partnership) -> Sheet:
    chosen = KeyIndicator.objects.filter(partnership=partnership).select_related("indicator")
    rows = [[k.indicator.code, k.indicator.name] for k in chosen]
    return Sheet(_("Key indicators"), [_("Indicator code"), _("Indicator")], rows)


def rounds_sheet(assessments: Sequence[Assessment]) -> Sheet:
    header = [
        _("Id"),
        _("Round"),
        _("Framework"),
        _("Framework version"),
        _("Status"),
        _("Anonymous"),
    ]
    header += [_("Closing date"), _("Opened by"), pgettext("column heading", "Created")]
    rows = [
        [a.pk, a.name, a.framework.title, a.framework.version, a.get_status_display()]
        + [a.anonymous, a.closing_date, person(a.created_by), a.created]
        for a in assessments
    ]
    return Sheet(_("Rounds"), header, rows)


def status_sheet(partnership: Partnership) -> Sheet:
    moves = StatusChange.objects.filter(assessment__partnership=partnership).select_related(
        "assessment", "by"
    )
    header = [_("Round id"), _("Round"), _("From"), _("To"), _("By"), _("At")]
    rows = [
        [m.assessment_id, m.assessment.name, m.get_from_status_display()]
        + [m.get_to_status_display(), person(m.by), m.at]
        for m in moves
    ]
    return Sheet(_("Round status history"), header, rows)


def scope_sheet(partnership: Partnership) -> Sheet:
    left_out = (
        OutOfScope.objects.filter(assessment__partnership=partnership)
        .select_related("assessment", "element")
        .order_by("assessment__created", "element__order")
    )
    header = [_("Round id"), _("Round"), _("Element code"), _("Element"), _("Reason")]
    rows = [
        [o.assessment_id, o.assessment.name, o.element.code, o.element.title, o.reason]
        for o in left_out
    ]
    return Sheet(_("Out of scope"), header, rows)


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
    header = [_("Round id"), _("Round"), _("Dimension"), _("Element code"), _("Element"), _("Name")]
    header += [
        _("Organisation"),
        _("Sector"),
        _("Rating"),
        _("Evidence"),
        _("Strength of evidence"),
        _("Links"),
    ]
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
    return Sheet(_("Responses"), header, rows)


def agreed_sheet(partnership: Partnership) -> Sheet:
    agreed = (
        AgreedRating.objects.filter(assessment__partnership=partnership)
        .select_related("assessment", "element", "level", "target_level", "updated_by")
        .order_by("assessment__created", "element__order")
    )
    header = [
        _("Round id"),
        _("Round"),
        _("Element code"),
        _("Element"),
        _("Agreed rating"),
        _("Target"),
    ]
    header += [
        _("Target date"),
        _("Rationale"),
        _("Dissent"),
        _("Updated by"),
        pgettext("column heading", "Updated"),
    ]
    rows = [
        [a.assessment_id, a.assessment.name, a.element.code, a.element.title]
        + [level_text(a.level), level_text(a.target_level), a.target_date, a.rationale]
        + [a.dissent, person(a.updated_by), a.updated]
        for a in agreed
    ]
    return Sheet(_("Agreed ratings"), header, rows)


def barriers_sheet(partnership: Partnership) -> Sheet:
    barriers = Barrier.objects.filter(assessment__partnership=partnership).select_related(
        "assessment", "element", "created_by"
    )
    header = [
        _("Round id"),
        _("Round"),
        _("Element code"),
        _("Element"),
        _("Barrier"),
        _("Added by"),
        _("Added"),
    ]
    rows = [
        [b.assessment_id, b.assessment.name, b.element.code, b.element.title, b.text]
        + [person(b.created_by), b.created]
        for b in barriers
    ]
    return Sheet(_("Barriers"), header, rows)


def actions_sheet(partnership: Partnership) -> Sheet:
    actions = Action.objects.filter(assessment__partnership=partnership).select_related(
        "assessment", "element", "owner_organisation"
    )
    header = [
        _("Id"),
        _("Round id"),
        _("Round"),
        _("Element code"),
        _("Element"),
        _("Action"),
        _("Owner"),
    ]
    header += [
        _("Owner organisation"),
        _("Due"),
        _("Status"),
        _("Latest progress"),
        pgettext("column heading", "Updated"),
    ]
    rows = [
        [a.pk, a.assessment_id, a.assessment.name, a.element.code, a.element.title, a.title]
        + [a.owner_name, a.owner_organisation.name, a.due_date, a.get_status_display()]
        + [a.progress_note, a.updated]
        for a in actions
    ]
    return Sheet(_("Actions"), header, rows)


def history_sheet(partnership: Partnership) -> Sheet:
    """Every recorded change; in anonymous rounds a response's changes name no one.

    Rows are kept in English (assessments/history.py); what changed and labelled values
    (a status, a scale level) are written in the download's language, as the pages show them.
    """
    changes = list(
        Change.objects.filter(assessment__partnership=partnership)
        .select_related("assessment", "element", "by")
        .order_by("at", "pk")
    )
    frameworks = {c.assessment.framework_id for c in changes}
    levels = defaultdict(list)
    for level in ScaleLevel.objects.filter(scale__framework__in=frameworks).select_related("scale"):
        levels[level.scale.framework_id].append(level)
    names = {framework: level_names(found) for framework, found in levels.items()}
    for c in changes:
        c.level_names = names.get(c.assessment.framework_id, {})
    header = [
        _("Round id"),
        _("Round"),
        _("Element code"),
        _("What"),
        _("Field"),
        _("Was"),
        _("Became"),
        _("By"),
    ]
    header += [_("At")]
    rows = []
    for c in changes:
        hidden = c.assessment.anonymous and c.subject == "response"
        who = _("A respondent") if hidden else person(c.by)
        what = SUBJECTS.get(c.subject, c.subject.capitalize())
        rows.append(
            [c.assessment_id, c.assessment.name, c.element.code, str(what), change_field(c)]
            + [change_value(c, "old"), change_value(c, "new"), who, c.at]
        )
    return Sheet(_("History"), header, rows)


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
    # slugify folds Welsh letters with accents (â, ŵ, ŷ) to plain ones rather than drop them.
    return download_name(slugify(sheet.title), suffix="json")


def json_bytes(sheet: Sheet) -> bytes:
    keys = list(sheet.header)
    records = [dict(zip(keys, row, strict=True)) for row in sheet.rows]
    return json.dumps(records, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).encode()


def readme(partnership: Partnership, workbook: str) -> str:
    when = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    return _(
        "%(name)s: everything Cradle holds for this partnership, downloaded %(when)s.\n"
        "\n"
        "%(workbook)s has one sheet a table; each table is also a JSON file (a list of records "
        "whose keys are the sheet's column headings). Ids tie the tables together: a response's "
        "round id is a round's id, a location's service ids are services' ids.\n"
        "\n"
        "Anonymous rounds stay anonymous: their responses give a sector only (small sectors "
        'shown together), and the history of their responses says "A respondent".\n'
    ) % {"name": partnership.name, "when": when, "workbook": workbook}


def partnership_zip(partnership: Partnership) -> bytes:
    """The zip in the language of the request, all of it: file names, sheet names, column
    headings (which are also the JSON files' keys), the README, and the words Cradle puts in
    the cells (statuses, the library's text). Someone who reads Cradle in Welsh gets their
    partnership's data in Welsh, as they get a round's workbook."""
    sheets = [Sheet(s.title, s.header, list(s.rows)) for s in partnership_sheets(partnership)]
    workbook = download_name(partnership.slug, "data", suffix="xlsx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_("README") + ".txt", readme(partnership, workbook))
        archive.writestr(workbook, workbook_bytes(sheets))
        for sheet in sheets:
            archive.writestr(json_name(sheet), json_bytes(sheet))
    return out.getvalue()
