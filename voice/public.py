"""The pages families reach through a survey's link: no sign-in, no cookie but the form's.

Only an open survey's pages answer; any other link, unknown or closed, gets a "not found"
page that says the survey is closed. Nothing here reads or writes the session.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from assessments.models.rounds import PUBLIC
from partnership.audit import audit, client_ip
from partnership.http import posted
from voice import results
from voice.forms import SurveyAnswersForm
from voice.limits import submission_allowed
from voice.models import Citation, Statement, Survey
from voice.services import SurveyFull, record_response


class SurveyClosed(Exception):
    pass


def closed_page(request: HttpRequest) -> HttpResponse:
    return render(request, "voice/public/closed.html", status=404)


def open_survey(token: str) -> Survey:
    survey = (
        Survey.objects.select_related("partnership", "statement_set").filter(token=token).first()
    )
    if survey is None or not survey.is_open:
        raise SurveyClosed
    return survey


def public(view):
    """Answers a closed or unknown link with the closed page."""

    def wrapped(request, token, *args, **kwargs):
        try:
            return view(request, token, *args, **kwargs)
        except SurveyClosed:
            return closed_page(request)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def answer_page(request: HttpRequest, token: str, *, easy_read: bool) -> HttpResponse:
    survey = open_survey(token)
    statements = list(Statement.objects.filter(statement_set=survey.statement_set_id))
    form = SurveyAnswersForm(
        posted(request), survey=survey, statements=statements, easy_read=easy_read
    )
    if request.method == "POST" and form.is_valid():
        thanks = redirect("have-your-say:thanks", token=token)
        if form.is_trap_filled:
            audit("voice.trap", request, survey=survey.pk)
            return thanks  # a bot is told nothing, and nothing is kept
        if survey.responses.count() >= survey.cap:
            return render(request, "voice/public/full.html", {"survey": survey}, status=404)
        if not submission_allowed(survey=survey, client=client_ip(request)):
            audit("voice.throttled", request, survey=survey.pk)
            return render(request, "voice/public/throttled.html", {"survey": survey}, status=429)
        try:
            record_response(survey=survey, form=form, on_paper=False)
        except SurveyFull:
            return render(request, "voice/public/full.html", {"survey": survey}, status=404)
        return thanks
    template = "voice/public/easy_read.html" if easy_read else "voice/public/survey.html"
    status = 400 if form.errors else 200
    return render(request, template, {"survey": survey, "form": form}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@public
def survey_page(request: HttpRequest, token: str) -> HttpResponse:
    return answer_page(request, token, easy_read=False)


@require_http_methods(["GET", "HEAD", "POST"])
@public
def easy_read(request: HttpRequest, token: str) -> HttpResponse:
    return answer_page(request, token, easy_read=True)


def you_said_we_did(survey: Survey) -> list[Citation]:
    """What the partnership did, and because of what: actions of published rounds only, as
    anywhere else outside the partnership; hidden comments never appear."""
    return list(
        Citation.objects.filter(
            survey__partnership=survey.partnership_id, action__assessment__status__in=PUBLIC
        )
        .exclude(comment__status__in=["unread", "hidden"])
        .select_related("action", "statement", "comment")
        .order_by("-created")[:50]
    )


@require_safe
@public
def thanks(request: HttpRequest, token: str) -> HttpResponse:
    survey = open_survey(token)
    context = {"survey": survey, "citations": you_said_we_did(survey)}
    return render(request, "voice/public/thanks.html", context)


@require_safe
@public
def privacy(request: HttpRequest, token: str) -> HttpResponse:
    survey = open_survey(token)
    context = {
        "survey": survey,
        "retention_days": settings.VOICE_COMMENT_RETENTION_DAYS,
        "min_responses": results.min_responses(),
    }
    return render(request, "voice/public/privacy.html", context)


@require_safe
@public
def summary(request: HttpRequest, token: str) -> HttpResponse:
    """The opt-in public summary: open or closed, for as long as the lead publishes it."""
    survey = Survey.objects.select_related("partnership").filter(token=token).first()
    if survey is None or not survey.public_summary:
        raise SurveyClosed
    context = {
        "survey": survey,
        "responses": survey.responses.count(),
        "results": results.statement_results(survey),
        "citations": you_said_we_did(survey),
        "min_responses": results.min_responses(),
    }
    return render(request, "voice/public/summary.html", context)
