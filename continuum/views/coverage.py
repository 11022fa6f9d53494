"""The coverage matrix and the pathway: read-only pages over the pure analysis functions."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from continuum import analysis
from continuum.forms import TAXONOMIES, MatrixForm, terms_by_taxonomy
from continuum.models import LEVEL, ReferralRoute, RouteKind, Service, Status
from partnership.access import partnership_access

CODE = {short: code for code, short, _ in TAXONOMIES}
LABEL = {short: label for _, short, label in TAXONOMIES}


@login_required
@require_safe
def matrix(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_access(request, slug)
    form = MatrixForm(request.GET or None)
    rows, cols, thin = form.axes()
    terms = terms_by_taxonomy()
    row_terms, col_terms = terms[CODE[rows]], terms[CODE[cols]]
    # One query for every tag of every active service on either axis.
    tags = Service.terms.through.objects.filter(
        service__partnership=access.partnership,
        service__archived=False,
        service__status=Status.ACTIVE,
        term__taxonomy__code__in=[CODE[rows], CODE[cols]],
    ).values_list("service_id", "term__taxonomy__code", "term__code", "service__capacity")
    frame = analysis.coverage_matrix(
        tags,
        row_taxonomy=CODE[rows],
        col_taxonomy=CODE[cols],
        row_terms=[t.code for t in row_terms],
        col_terms=[t.code for t in col_terms],
        thin=thin,
    )
    row_names = {t.code: t.name for t in row_terms}
    col_names = {t.code: t.name for t in col_terms}
    table = [
        (row_names[code], cells)
        for code, cells in analysis.pivot(frame, list(row_names), list(col_names))
    ]
    return render(
        request,
        "continuum/matrix.html",
        {
            "access": access,
            "partnership": access.partnership,
            "form": form,
            "rows_label": LABEL[rows],
            "cols_label": LABEL[cols],
            "rows": rows,
            "cols": cols,
            "thin": thin,
            "taxonomies": [(short, label) for _, short, label in TAXONOMIES],
            "col_names": list(col_names.values()),
            "table": table,
            "gaps": analysis.gap_sentences(frame, row_names, col_names),
        },
    )


@login_required
@require_safe
def pathway(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_access(request, slug)
    current = Service.objects.for_partnership(access.partnership).current()
    names = dict(current.order_by("name").values_list("id", "name"))
    levels: dict[int, set[str]] = {pk: set() for pk in names}
    tagged = Service.terms.through.objects.filter(
        service__in=current, term__taxonomy__code=LEVEL
    ).values_list("service_id", "term__code")
    for service_id, code in tagged:
        levels[service_id].add(code)
    services = [
        analysis.PathwayService(pk, name, frozenset(levels[pk])) for pk, name in names.items()
    ]
    routes = [
        analysis.Route(*row)
        for row in ReferralRoute.objects.filter(
            from_service__in=current, to_service__in=current
        ).values_list("from_service_id", "to_service_id", "kind")
    ]
    kinds = dict(RouteKind.choices)
    level_terms = terms_by_taxonomy()[LEVEL]
    level_names = {t.code: t.name for t in level_terms}
    groups = [
        (
            level_names.get(code, "Not yet placed on the continuum"),
            [(names[r.from_id], kinds[r.kind], names[r.to_id]) for r in found],
        )
        for code, found in analysis.routes_by_level(services, routes, list(level_names))
    ]
    return render(
        request,
        "continuum/pathway.html",
        {
            "access": access,
            "partnership": access.partnership,
            "groups": groups,
            "gaps": analysis.pathway_gaps(services, routes),
        },
    )
