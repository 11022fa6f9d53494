"""What families said, statement by statement, and where it differs from the agreed ratings.

One rule for every page and download: a statement's results show only once at least
VOICE_MIN_RESPONSES families answered it (answers of "does not apply" do not count), and a
survey's comments only once that many families responded. Results sit beside the agreed
ratings, never inside them. Each function runs a fixed number of queries, however many
families answered.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count
from django.utils.translation import gettext as _

from assessments.models import AgreedRating, Assessment, Element
from voice.models import Agreement, Answer, Statement, Survey

# A statement counts as agreed with when at least this share of families agree with it.
FAMILIES_AGREE_FROM = 50
AGREEING = {Agreement.AGREE, Agreement.STRONGLY_AGREE}


def min_responses() -> int:
    return settings.VOICE_MIN_RESPONSES


@dataclass
class StatementResult:
    statement: Statement
    counts: dict[int, int] = field(default_factory=dict)

    @property
    def answered(self) -> int:
        """Families who gave a view: "does not apply" is not one."""
        return sum(n for value, n in self.counts.items() if value != Agreement.DOES_NOT_APPLY)

    @property
    def agreeing(self) -> int:
        return sum(self.counts.get(value, 0) for value in AGREEING)

    @property
    def suppressed(self) -> bool:
        return self.answered < min_responses()

    @property
    def percent(self) -> int | None:
        if self.suppressed or not self.answered:
            return None
        return round(100 * self.agreeing / self.answered)

    def shown_counts(self) -> list[tuple[str, int]]:
        """Families at each point of the scale, "does not apply" last; none when suppressed."""
        if self.suppressed:
            return []
        order = [1, 2, 3, 4, 5, 0]
        return [(Agreement(v).label, self.counts.get(v, 0)) for v in order]


def statement_results(survey: Survey) -> list[StatementResult]:
    """Every statement of the survey's set with its counts: two queries."""
    results = {
        s.pk: StatementResult(s)
        for s in Statement.objects.filter(statement_set=survey.statement_set_id)
    }
    rows = (
        Answer.objects.filter(response__survey=survey)
        .values_list("statement_id", "value")
        .annotate(n=Count("id"))
        .order_by()
    )
    for statement_id, value, n in rows:
        if statement_id in results:
            results[statement_id].counts[value] = n
    return list(results.values())


def comments_visible(survey: Survey, response_count: int) -> bool:
    return response_count >= min_responses()


def latest_survey(partnership, assessment: Assessment | None) -> Survey | None:
    """The survey to read beside a round: its own, else the partnership's latest standing one."""
    surveys = (
        Survey.objects.filter(partnership=partnership)
        .select_related("statement_set")
        .order_by("-opens", "-pk")
    )
    if assessment is not None:
        own = surveys.filter(assessment=assessment).first()
        if own is not None:
            return own
    return surveys.filter(assessment__isnull=True).first()


def professionals_meet(level: int, scale_values: list[int], meets_from: int | None) -> bool:
    """Whether an agreed level counts as good: from the scale's `meets_from`, else its top half."""
    if meets_from is not None:
        return level >= meets_from
    low, high = min(scale_values), max(scale_values)
    return level > (low + high) / 2


def disagreement(
    result: StatementResult, element_title: str, level: int, meets: bool
) -> str | None:
    """The sentence to show when families and professionals see an element differently."""
    if result.percent is None:
        return None
    families_agree = result.percent >= FAMILIES_AGREE_FROM
    if families_agree == meets:
        return None
    return _(
        "Professionals rate %(element)s at level %(level)s; %(percent)s%% of %(count)s families "
        "agreed that %(statement)s."
    ) % {
        "element": element_title[:1].lower() + element_title[1:],
        "level": level,
        "percent": result.percent,
        "count": result.answered,
        "statement": result.statement.finding,
    }


@dataclass
class Row:
    result: StatementResult
    elements: list[dict]  # {"title", "level" (or None), "sentence" (or None)}


@dataclass
class Panel:
    survey: Survey | None
    responses: int = 0
    rows: list[Row] = field(default_factory=list)

    @property
    def min_responses(self) -> int:
        return min_responses()


def panel(
    partnership,
    assessment: Assessment | None,
    *,
    element: Element | None = None,
    show_levels: bool = True,
    closed_only: bool = False,
) -> Panel:
    """ "What families say" beside a round: for one element, or every element of the round.

    `show_levels`: whether the reader may see the round's agreed levels. `closed_only`: show
    only a survey that has closed (readers who are not leads see results once it has).
    """
    survey = latest_survey(partnership, assessment)
    if survey is None or (closed_only and survey.state != "closed"):
        return Panel(None)
    responses = survey.responses.count()
    results = statement_results(survey)
    framework = assessment.framework if assessment is not None else None
    agreed = {}
    if framework is not None and show_levels:
        rows = AgreedRating.objects.filter(assessment=assessment).select_related("element", "level")
        if element is not None:
            rows = rows.filter(element=element)
        agreed = {r.element.code: (r.element.title, r.level.value) for r in rows}
        scale = framework.scale
        values = list(scale.levels.values_list("value", flat=True))
    shown = []
    for result in results:
        keys = result.statement.elements
        if framework is not None:
            codes = [k.split("/", 1)[1] for k in keys if k.split("/", 1)[0] == framework.code]
        else:
            codes = []
        if element is not None and element.code not in codes:
            continue
        if element is None and framework is not None and not codes:
            continue
        linked = []
        for code in codes:
            if code not in agreed:
                continue
            title, level = agreed[code]
            meets = professionals_meet(level, values, scale.meets_from)
            linked.append(
                {
                    "title": title,
                    "level": level,
                    "sentence": disagreement(result, title, level, meets),
                }
            )
        shown.append(Row(result, linked))
    return Panel(survey, responses, shown)
