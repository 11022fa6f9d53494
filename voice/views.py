"""A lead's pages for families' surveys: open one, share its link, read and moderate results.

Staff (contributors too) enter paper responses and print the paper form. Every page reaches
the survey through the partnership the person may read: another partnership's is a 404.
"""

import io

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from partnership.access import partnership_access
from partnership.downloads import attachment, csv_response
from partnership.http import posted
from partnership.models import Role
from voice import results
from voice.forms import CitationForm, ModerationForm, SurveyAnswersForm, SurveyForm
from voice.models import Citation, Comment, CommentStatus, Statement, Survey
from voice.services import SurveyFull, record_response


def find_survey(access, pk: int) -> Survey:
    return get_object_or_404(
        Survey.objects.select_related("statement_set", "assessment"),
        partnership=access.partnership,
        pk=pk,
    )


def public_url(survey: Survey) -> str:
    return settings.SITE_URL + survey.public_path()


@login_required
@require_safe
def survey_list(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    surveys = Survey.objects.for_partnership(access.partnership).select_related("assessment")
    return render(request, "voice/survey_list.html", {"access": access, "surveys": surveys})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def survey_new(request: HttpRequest, slug: str) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    today = timezone.localdate()
    initial = {"opens": today, "cap": 500}
    form = SurveyForm(posted(request), initial=initial, partnership=access.partnership)
    if request.method == "POST" and form.is_valid():
        survey = form.save(commit=False)
        survey.partnership = access.partnership
        survey.created_by = request.user
        survey.save()
        messages.success(
            request,
            _("%(title)s is open for families on its opening date") % {"title": survey.title},
        )
        return redirect(survey)
    context = {"access": access, "form": form}
    return render(request, "voice/survey_form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def survey_detail(request: HttpRequest, slug: str, survey: int) -> HttpResponse:
    """The survey's link, QR code and dates; the lead changes dates, cap and summary here."""
    access = partnership_access(request, slug, at_least=Role.LEAD)
    survey = find_survey(access, survey)
    form = SurveyForm(posted(request), instance=survey, partnership=access.partnership)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Survey saved"))
        return redirect(survey)
    context = {
        "access": access,
        "survey": survey,
        "form": form,
        "link": public_url(survey),
        "responses": survey.responses.count(),
        "on_paper": survey.responses.filter(on_paper=True).count(),
        "unread": survey.comments.filter(status=CommentStatus.UNREAD).count(),
    }
    return render(request, "voice/survey.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def survey_close(request: HttpRequest, slug: str, survey: int) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    survey = find_survey(access, survey)
    if survey.closed_early is None:
        survey.closed_early = timezone.now()
        survey.save(update_fields=["closed_early"])
        messages.success(
            request,
            _("%(title)s is closed: its link no longer takes answers") % {"title": survey.title},
        )
    return redirect(survey)


def qr_code(survey: Survey):
    return segno.make(public_url(survey), error="m")


@login_required
@require_safe
def survey_qr_png(request: HttpRequest, slug: str, survey: int) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    survey = find_survey(access, survey)
    out = io.BytesIO()
    qr_code(survey).save(out, kind="png", scale=12, border=4)
    response = HttpResponse(out.getvalue(), content_type="image/png")
    return attachment(response, access.partnership.slug, "survey", str(survey.pk), suffix="png")


@login_required
@require_safe
def survey_qr_svg(request: HttpRequest, slug: str, survey: int) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    survey = find_survey(access, survey)
    out = io.BytesIO()
    qr_code(survey).save(out, kind="svg", scale=12, border=4, title=_("Have your say"))
    response = HttpResponse(out.getvalue(), content_type="image/svg+xml")
    return attachment(response, access.partnership.slug, "survey", str(survey.pk), suffix="svg")


def results_context(survey: Survey) -> dict:
    responses = survey.responses.count()
    visible = results.comments_visible(survey, responses)
    shown = list(survey.comments.shown()) if visible else []
    return {
        "responses": responses,
        "results": results.statement_results(survey),
        "comments": shown,
        "comments_visible": visible,
        "unread": survey.comments.filter(status=CommentStatus.UNREAD).count(),
        "min_responses": results.min_responses(),
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def survey_results(request: HttpRequest, slug: str, survey: int) -> HttpResponse:
    """Results per statement, shown comments, and the actions that answer them."""
    access = partnership_access(request, slug, at_least=Role.LEAD)
    survey = find_survey(access, survey)
    context = results_context(survey)
    statements = [r.statement for r in context["results"]]
    form = CitationForm(
        posted(request), survey=survey, statements=statements, comments=context["comments"]
    )
    if request.method == "POST" and form.is_valid():
        Citation.objects.create(survey=survey, action=form.cleaned_data["action"], **form.cited())
        messages.success(request, _("The action is listed under what families said"))
        return redirect("voice:results", slug=slug, survey=survey.pk)
    citations = survey.citations.select_related("action", "statement", "comment")
    context |= {"access": access, "survey": survey, "form": form, "citations": citations}
    return render(request, "voice/results.html", context, status=400 if form.errors else 200)


@login_required
@require_safe
def results_csv(request: HttpRequest, slug: str, survey: int) -> HttpResponse:
    """One row per statement: counts only, never a comment, suppressed below the threshold."""
    access = partnership_access(request, slug, at_least=Role.LEAD)
    survey = find_survey(access, survey)
    header = [_("Statement"), _("Families who answered"), _("Agreeing"), _("Per cent agreeing")]
    header += [_("Strongly disagree"), _("Disagree"), _("Neither"), _("Agree")]
    header += [_("Strongly agree"), _("Does not apply")]
    rows = []
    for result in results.statement_results(survey):
        if result.suppressed:
            note = _("Fewer than %(min)s answers: not shown") % {"min": results.min_responses()}
            rows.append([result.statement.text, note, "", "", "", "", "", "", "", ""])
            continue
        counts = [n for _label, n in result.shown_counts()]
        rows.append(
            [result.statement.text, result.answered, result.agreeing, result.percent, *counts]
        )
    return csv_response(header, rows, access.partnership.slug, "families-say", str(survey.pk))


@login_required
@require_safe
def comments_csv(request: HttpRequest, slug: str, survey: int) -> HttpResponse:
    """Shown comments alone, in a fixed order: no date, no answers, nothing to link them by."""
    access = partnership_access(request, slug, at_least=Role.LEAD)
    survey = find_survey(access, survey)
    responses = survey.responses.count()
    texts = []
    if results.comments_visible(survey, responses):
        texts = sorted(survey.comments.shown().values_list("text", flat=True))
    rows = [[text] for text in texts]
    return csv_response([_("Comment")], rows, access.partnership.slug, "comments", str(survey.pk))


@login_required
@require_safe
def comments(request: HttpRequest, slug: str, survey: int) -> HttpResponse:
    """Every comment, for the lead to read before it is shown anywhere."""
    access = partnership_access(request, slug, at_least=Role.LEAD)
    survey = find_survey(access, survey)
    rows = list(survey.comments.select_related("moderated_by").order_by("status", "pk"))
    context = {"access": access, "survey": survey, "comments": rows, "form": ModerationForm()}
    return render(request, "voice/comments.html", context)


@login_required
@require_POST
def comment_moderate(request: HttpRequest, slug: str, survey: int, comment: int) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.LEAD)
    survey = find_survey(access, survey)
    comment = get_object_or_404(Comment, survey=survey, pk=comment)
    form = ModerationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Select whether to show or hide the comment"))
        return redirect("voice:comments", slug=slug, survey=survey.pk)
    with transaction.atomic():
        comment.status = form.cleaned_data["status"]
        comment.moderated_by = request.user
        comment.moderated = timezone.now()
        comment.save(update_fields=["status", "moderated_by", "moderated"])
        if comment.status == CommentStatus.HIDDEN:
            comment.citations.all().delete()
    done = {
        CommentStatus.SHOWN: _("Comment read and shown"),
        CommentStatus.HIDDEN: _("Comment hidden"),
    }
    messages.success(request, done.get(comment.status, _("Comment not read yet")))
    return redirect("voice:comments", slug=slug, survey=survey.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def paper_entry(request: HttpRequest, slug: str, survey: int) -> HttpResponse:
    """Staff type in a paper form's answers; the response is marked as entered from paper."""
    access = partnership_access(request, slug, at_least=Role.CONTRIBUTOR)
    survey = find_survey(access, survey)
    statements = list(Statement.objects.filter(statement_set=survey.statement_set_id))
    form = SurveyAnswersForm(posted(request), survey=survey, statements=statements)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            record_response(survey=survey, form=form, on_paper=True)
        except SurveyFull:
            form.add_error(None, _("The survey has reached its cap: ask a lead to raise it"))
            status = 409
        else:
            messages.success(request, _("Paper response saved. Enter the next one below"))
            return redirect("voice:paper-entry", slug=slug, survey=survey.pk)
    if form.errors and status == 200:
        status = 400
    context = {"access": access, "survey": survey, "form": form}
    return render(request, "voice/paper_entry.html", context, status=status)


@login_required
@require_safe
def paper_form(request: HttpRequest, slug: str, survey: int) -> HttpResponse:
    access = partnership_access(request, slug, at_least=Role.CONTRIBUTOR)
    survey = find_survey(access, survey)
    statements = list(Statement.objects.filter(statement_set=survey.statement_set_id))
    form = SurveyAnswersForm(survey=survey, statements=statements)
    context = {"access": access, "survey": survey, "form": form, "link": public_url(survey)}
    return render(request, "voice/paper_form.html", context)
