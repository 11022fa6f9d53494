"""A round as one XLSX workbook: every response, the agreed ratings and the action plan.

Only leads download it. The responses sheet holds each person's rating and evidence, which
the round's pages show to leads alone (an element's page); everyone else reads the agreed
ratings and actions on the round's pages and the dashboard exports.

An anonymous round's workbook names no one: responses carry their sector only, exactly as the
element page says "a respondent from health visiting", sectors with too few people pooled as
on every breakdown, and are ordered within each element by level and evidence so that no
column or order ties one person's rows together.

A settled round's workbook is kept, keyed by the partnership's data version
(partnership.versions), which every change to what it holds moves; an open round's is drawn
each time, since its responses move no version.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from assessments.models import Action, AgreedRating, Assessment, Response
from assessments.views import keeping
from assessments.views.finding import find_results
from partnership.access import partnership_access
from partnership.downloads import XLSX_TYPE, Sheet, attachment, workbook_bytes
from partnership.models import Role


def level_text(level) -> str | None:
    return None if level is None else f"{level.value}: {level.label}"


def response_sheet(assessment: Assessment) -> Sheet:
    responses = (
        Response.objects.filter(assessment=assessment)
        .select_related("element__dimension", "level", "respondent", "organisation")
        .order_by("element__dimension__order", "element__order", "sector", "pk")
    )
    if assessment.anonymous:
        return anonymous_response_sheet(assessment, responses)
    header = [_("Dimension"), _("Element code"), _("Element"), _("Name"), _("Organisation")]
    header += [_("Sector"), _("Rating"), _("Evidence"), _("Strength of evidence"), _("Links")]
    rows = [
        [
            *element_columns(r.element),
            r.respondent.full_name or r.respondent.email,
            r.organisation.name if r.organisation else "",
            r.get_sector_display(),
            *answer_columns(r),
        ]
        for r in responses
    ]
    return Sheet(_("Responses"), header, rows)


def anonymous_response_sheet(assessment: Assessment, responses) -> Sheet:
    """Sectors only, small ones pooled, and within each element the rows sorted by what they
    say (level, then evidence): no order or column follows one person across elements."""
    header = [_("Dimension"), _("Element code"), _("Element"), _("Sector"), _("Rating")]
    header += [_("Evidence"), _("Strength of evidence"), _("Links")]
    responses = list(responses)
    pooled = assessment.breakdown(
        {"element": r.element_id, "respondent": r.respondent_id, "sector": r.get_sector_display()}
        for r in responses
    )
    found = []
    for r, row in zip(responses, pooled, strict=True):
        element = r.element
        level = r.level.value if r.level_id else 10**6  # unrated answers after every level
        place = (element.dimension.order, element.order, element.pk, level)
        columns = [row["sector"] or _("Not shown"), *answer_columns(r)]
        found.append((place, columns[1:], [*element_columns(element), *columns]))
    found.sort(key=lambda item: (item[0], item[1]))
    return Sheet(_("Responses"), header, [columns for _place, _key, columns in found])


def element_columns(element) -> list:
    return [element.dimension.title, element.code, element.title]


def answer_columns(response: Response) -> list:
    return [
        response.answer_label(),
        response.evidence,
        response.get_strength_display(),
        response.links,
    ]


def agreed_sheet(assessment: Assessment) -> Sheet:
    agreed = (
        AgreedRating.objects.filter(assessment=assessment)
        .select_related("element__dimension", "level", "target_level")
        .order_by("element__dimension__order", "element__order")
    )
    header = [_("Dimension"), _("Element code"), _("Element"), _("Agreed level")]
    header += [_("Agreed rating"), _("Target level"), _("Target"), _("Target date")]
    header += [_("Rationale"), _("Dissent")]
    rows = [
        [
            a.element.dimension.title,
            a.element.code,
            a.element.title,
            a.level.value,
            level_text(a.level),
            a.target_level.value if a.target_level else None,
            level_text(a.target_level),
            a.target_date,
            a.rationale,
            a.dissent,
        ]
        for a in agreed
    ]
    return Sheet(_("Agreed ratings"), header, rows)


def action_sheet(assessment: Assessment) -> Sheet:
    """The round's action plan as its page shows it, open actions of earlier rounds included."""
    actions = Action.objects.for_round(assessment).select_related(
        "element", "owner_organisation", "assessment"
    )
    header = [_("Action"), _("Element code"), _("Element"), _("Owner"), _("Owner organisation")]
    header += [_("Due"), _("Status"), _("Raised in")]
    rows = [
        [
            a.title,
            a.element.code,
            a.element.title,
            a.owner_name,
            a.owner_organisation.name,
            a.due_date,
            a.get_status_display(),
            a.assessment.name,
        ]
        for a in actions
    ]
    return Sheet(_("Actions"), header, rows)


@login_required
@require_safe
def round_xlsx(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    assessment = find_results(access, pk)

    def drawn() -> bytes:
        return workbook_bytes(
            [response_sheet(assessment), agreed_sheet(assessment), action_sheet(assessment)]
        )

    body = keeping.settled("reports", "round-workbook", assessment, drawn)
    response = HttpResponse(body, content_type=XLSX_TYPE)
    return attachment(response, access.partnership.slug, "round", str(assessment.pk), suffix="xlsx")
