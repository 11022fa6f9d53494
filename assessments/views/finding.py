"""Finding a round for the person asking, after `partnership_access` has let them in."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from assessments.models import Action, Assessment, AssessmentStatus, Element
from assessments.structure import framework_of, with_library_version
from partnership import versions
from partnership.access import Access


def find_round(access: Access, pk: int, *, versioned: bool = False) -> Assessment:
    """The partnership's round `pk`: 404 if it is another partnership's, 403 if not yet shown.

    Who may open a round in which state is `round_statuses` (assessments/models/rounds.py).
    `versioned` reads the partnership's data version along with it, as `data_version`, for a
    page that keeps what it drew (`versions.stamp_as_read`).
    """
    # The visible round in one query that joins nothing; only a refusal costs a second, to say
    # which refusal. It carries the library's version, which its framework (with its scale) is
    # kept under between requests; the partnership is the one the access read.
    rounds = with_library_version(Assessment.objects.visible_to(access))
    if versioned:
        rounds = rounds.annotate(data_version=versions.counter_of("partnership"))
    assessment = rounds.filter(pk=pk).first()
    if assessment is None:
        hidden = get_object_or_404(Assessment, pk=pk, partnership=access.partnership)
        if hidden.status == AssessmentStatus.DRAFT and not access.is_lead:
            raise Http404
        raise PermissionDenied("This round's results are shown once the lead publishes them")
    assessment.partnership = access.partnership
    # Shared by every request in the process: read it, never change it (`structure`).
    assessment.framework = framework_of(assessment.framework_id, assessment.library_version)
    return assessment


def find_results(access: Access, pk: int) -> Assessment:
    """The round `pk` for a page showing its results: 403 unless `results_statuses` allows.

    It carries the partnership's data version (`find_round`): what such a page draws of a
    settled round is kept under it (`keeping.settled`).
    """
    assessment = find_round(access, pk, versioned=True)
    if not assessment.results_visible_to(access):
        raise PermissionDenied("Results are shown once the lead publishes the round")
    return assessment


def find_element(assessment: Assessment, code: str) -> Element:
    return get_object_or_404(
        Element.objects.select_related("dimension"), framework=assessment.framework, code=code
    )


def find_action(assessment: Assessment, pk: int) -> Action:
    """An action of the round's plan: its own, or one carried from an earlier round."""
    return get_object_or_404(
        Action.objects.for_round(assessment).select_related(
            "element", "assessment", "owner_organisation"
        ),
        pk=pk,
    )
