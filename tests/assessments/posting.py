"""Building the rating page's POST the way the browser sends it."""

from django.urls import reverse

from assessments.forms import answer_digest, answer_initial


def round_url(name, assessment, **kwargs):
    """The URL of one of a round's pages, `name` without the "assessments:" namespace."""
    return reverse(
        f"assessments:{name}",
        kwargs={"slug": assessment.partnership.slug, "pk": assessment.pk, **kwargs},
    )


def rate_url(assessment, dimension="plan"):
    return reverse(
        "assessments:rate",
        kwargs={"slug": assessment.partnership.slug, "pk": assessment.pk, "dimension": dimension},
    )


def answer(element, level="", evidence="", links="", strength="", shown=None) -> dict:
    """The fields of one element: its new values, and the version and digest the page showed.

    `shown` is the saved response the page was rendered from (None: nothing saved yet).
    """
    before = answer_initial(shown)
    prefix = f"e{element.pk}"
    return {
        f"{prefix}-level": level,
        f"{prefix}-evidence": evidence,
        f"{prefix}-links": links,
        f"{prefix}-strength": strength,
        f"{prefix}-version": before["version"],
        f"{prefix}-digest": before["digest"],
    }


def unchanged(element, shown=None) -> dict:
    before = answer_initial(shown)
    return answer(
        element,
        before["level"],
        before["evidence"],
        before["links"],
        before["strength"],
        shown=shown,
    )


__all__ = ["answer", "answer_digest", "rate_url", "round_url", "unchanged"]
