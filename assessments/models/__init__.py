"""The assessments app's models: the framework library and the rounds rated against it.

Every name is re-exported here, so `from assessments.models import X` reads the same wherever
X lives. Each module imports only the ones above it (library, rounds, then the rows of a round),
and they are imported in that order, not alphabetically: it is the order the app registers its
models in (content types, dumps), the same as before the models were split.
"""

# ruff: noqa: I001

from assessments.models.library import (
    Descriptor,
    Dimension,
    Element,
    Framework,
    FrameworkQuerySet,
    FrameworkStatus,
    RagBand,
    Scale,
    ScaleLevel,
)
from assessments.models.rounds import (
    MOVES,
    PUBLIC,
    SETTLED,
    Assessment,
    AssessmentQuerySet,
    AssessmentStatus,
    OutOfScope,
    StatusChange,
    results_statuses,
    round_statuses,
)
from assessments.models.ratings import (
    EVIDENCE_LIMIT,
    LINKS_LIMIT,
    RATED,
    AgreedRating,
    EvidenceStrength,
    Response,
    ResponseQuerySet,
)
from assessments.models.actions import (
    OPEN_ACTION_STATUSES,
    Action,
    ActionQuerySet,
    ActionStatus,
    Barrier,
)
from assessments.models.changes import Change
from assessments.models.summaries import DimensionSummary

__all__ = [
    "EVIDENCE_LIMIT",
    "LINKS_LIMIT",
    "MOVES",
    "OPEN_ACTION_STATUSES",
    "PUBLIC",
    "RATED",
    "SETTLED",
    "Action",
    "ActionQuerySet",
    "ActionStatus",
    "AgreedRating",
    "Assessment",
    "AssessmentQuerySet",
    "AssessmentStatus",
    "Barrier",
    "Change",
    "Descriptor",
    "Dimension",
    "DimensionSummary",
    "Element",
    "EvidenceStrength",
    "Framework",
    "FrameworkQuerySet",
    "FrameworkStatus",
    "OutOfScope",
    "RagBand",
    "Response",
    "ResponseQuerySet",
    "Scale",
    "ScaleLevel",
    "StatusChange",
    "results_statuses",
    "round_statuses",
]
