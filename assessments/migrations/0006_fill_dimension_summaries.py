"""Summaries for the rounds published before they were kept (see assessments.summaries)."""

from django.db import migrations
from django.db.models import Count, Q

RATED = Q(level__isnull=False) | Q(not_applicable=True) | Q(dont_know=True)


def fill(apps, schema_editor):
    Assessment = apps.get_model("assessments", "Assessment")
    AgreedRating = apps.get_model("assessments", "AgreedRating")
    Dimension = apps.get_model("assessments", "Dimension")
    DimensionSummary = apps.get_model("assessments", "DimensionSummary")
    Response = apps.get_model("assessments", "Response")
    published = dict(
        Assessment.objects.filter(status="published").values_list("pk", "framework_id")
    )
    dimensions = {}
    for pk, framework in Dimension.objects.values_list("pk", "framework_id"):
        dimensions.setdefault(framework, []).append(pk)
    levels = {}
    for assessment, dimension, value in AgreedRating.objects.filter(
        assessment__status="published"
    ).values_list("assessment_id", "element__dimension_id", "level__value"):
        levels.setdefault((assessment, dimension), []).append(value)
    rated = {
        (assessment, dimension): n
        for assessment, dimension, n in Response.objects.filter(RATED)
        .filter(assessment__status="published")
        .values("assessment_id", "element__dimension_id")
        .annotate(n=Count("id"))
        .values_list("assessment_id", "element__dimension_id", "n")
    }
    DimensionSummary.objects.all().delete()
    DimensionSummary.objects.bulk_create(
        (
            DimensionSummary(
                assessment_id=assessment,
                dimension_id=dimension,
                agreed_levels=sorted(levels.get((assessment, dimension), [])),
                rated_responses=rated.get((assessment, dimension), 0),
            )
            for assessment, framework in published.items()
            for dimension in dimensions.get(framework, [])
        ),
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [("assessments", "0005_dimension_summary")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
