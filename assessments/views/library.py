"""The framework library: every framework version, readable before an assessment starts."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from assessments.models import Descriptor, Element, Framework


@login_required
@require_safe
def framework_list(request: HttpRequest) -> HttpResponse:
    frameworks = (
        Framework.objects.select_related("scale")
        .annotate(element_count=Count("elements", distinct=True))
        .annotate(level_count=Count("scale__levels", distinct=True))
        .order_by("title", "version")
    )
    return render(request, "assessments/library/list.html", {"frameworks": frameworks})


@login_required
@require_safe
def framework_detail(request: HttpRequest, code: str, version: str) -> HttpResponse:
    framework = get_object_or_404(
        Framework.objects.select_related("scale"), code=code, version=version
    )
    levels = list(framework.scale.levels.all())
    elements = Element.objects.prefetch_related(
        Prefetch("descriptors", queryset=Descriptor.objects.select_related("level")),
        "terms__taxonomy",
    )
    dimensions = framework.dimensions.prefetch_related(Prefetch("elements", queryset=elements))
    other_versions = Framework.objects.filter(code=code).exclude(pk=framework.pk)
    return render(
        request,
        "assessments/library/detail.html",
        {
            "framework": framework,
            "scale": framework.scale,
            "levels": levels,
            "dimensions": dimensions,
            "other_versions": other_versions,
        },
    )
