"""A lead's survey pages: opening, closing, sharing, results, moderation and paper forms."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.models import AssessmentStatus
from tests.assessments.factories import make_action, make_agreed, make_round
from tests.voice.factories import add_responses, make_statement_set, make_survey
from voice.models import Citation, Comment, CommentStatus, StatementSet, Survey, SurveyResponse

pytestmark = pytest.mark.django_db


def voice_url(survey, name, *args):
    return reverse(f"voice:{name}", args=[survey.partnership.slug, survey.pk, *args])


def test_a_lead_opens_a_survey(client, lead_a, partnership_a, framework):
    statement_set = make_statement_set()
    client.force_login(lead_a)
    today = timezone.localdate()
    sent = client.post(
        reverse("voice:survey-new", args=[partnership_a.slug]),
        {
            "title": "Families' views",
            "statement_set": statement_set.pk,
            "opens": today.isoformat(),
            "closes": (today + datetime.timedelta(days=14)).isoformat(),
            "cap": "200",
        },
    )
    survey = Survey.objects.get()
    assert sent.status_code == 302 and sent["Location"] == survey.get_absolute_url()
    assert (survey.partnership, survey.cap, survey.created_by) == (partnership_a, 200, lead_a)
    page = client.get(survey.get_absolute_url())
    assert survey.public_path() in page.text


def test_it_names_a_closing_date_before_the_opening_date(client, lead_a, partnership_a, framework):
    statement_set = make_statement_set()
    client.force_login(lead_a)
    today = timezone.localdate()
    page = client.post(
        reverse("voice:survey-new", args=[partnership_a.slug]),
        {
            "title": "Families' views",
            "statement_set": statement_set.pk,
            "opens": (today + datetime.timedelta(days=5)).isoformat(),
            "closes": (today + datetime.timedelta(days=1)).isoformat(),
            "cap": "200",
        },
    )
    assert page.status_code == 400
    assert "The closing date must be on or after the opening date" in page.text
    assert not Survey.objects.exists()


def test_a_lead_closes_a_survey_and_its_link_stops(client, lead_a, survey):
    client.force_login(lead_a)
    assert client.post(voice_url(survey, "survey-close")).status_code == 302
    survey.refresh_from_db()
    assert survey.closed_early is not None
    assert client.get(survey.public_path()).status_code == 404


def test_a_lead_raises_the_cap(client, lead_a, survey):
    client.force_login(lead_a)
    data = {
        "title": survey.title,
        "opens": survey.opens.isoformat(),
        "closes": survey.closes.isoformat(),
        "cap": "900",
    }
    assert client.post(survey.get_absolute_url(), data).status_code == 302
    survey.refresh_from_db()
    assert survey.cap == 900


def test_the_qr_codes_download_as_png_and_svg(client, lead_a, survey):
    client.force_login(lead_a)
    png = client.get(voice_url(survey, "qr-png"))
    assert png["Content-Type"] == "image/png" and png.content.startswith(b"\x89PNG")
    svg = client.get(voice_url(survey, "qr-svg"))
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content


@pytest.mark.parametrize(
    "name", ["survey", "results", "results-csv", "comments", "comments-csv", "qr-png"]
)
def test_a_contributor_cannot_read_results(client, contributor_a, survey, name):
    client.force_login(contributor_a)
    assert client.get(voice_url(survey, name)).status_code == 403


def test_another_partnerships_survey_is_not_found(client, lead_b, survey):
    client.force_login(lead_b)
    assert client.get(voice_url(survey, "results")).status_code == 404
    assert client.get(voice_url(survey, "paper-entry")).status_code == 404


def test_results_below_the_threshold_are_suppressed_everywhere(client, lead_a, survey, settings):
    settings.VOICE_MIN_RESPONSES = 5
    add_responses(survey, 4, value=5, comment="Lovely health visitor")
    Comment.objects.update(status=CommentStatus.SHOWN)
    survey.public_summary = True
    survey.save()
    client.force_login(lead_a)
    page = client.get(voice_url(survey, "results"))
    assert "Not shown: fewer than 5 answers" in page.text and "100%" not in page.text
    assert "Lovely health visitor" not in page.text
    csv = client.get(voice_url(survey, "results-csv")).content.decode()
    assert "Fewer than 5 answers: not shown" in csv and ",4," not in csv
    comments = client.get(voice_url(survey, "comments-csv")).content.decode()
    assert "Lovely" not in comments
    summary = client.get(reverse("have-your-say:summary", args=[survey.token]))
    assert "Not shown: fewer than 5 answers" in summary.text and "100%" not in summary.text


def test_results_at_the_threshold_are_shown(client, lead_a, survey, settings):
    settings.VOICE_MIN_RESPONSES = 5
    add_responses(survey, 4, value=5)
    add_responses(survey, 1, value=1)
    client.force_login(lead_a)
    page = client.get(voice_url(survey, "results"))
    assert "80%" in page.text
    csv = client.get(voice_url(survey, "results-csv")).content.decode()
    assert "I knew where to go for help,5,4,80,1,0,0,0,4,0" in csv


def test_comments_show_only_after_a_lead_reads_them(client, lead_a, survey):
    add_responses(survey, 5)
    keep = Comment.objects.create(survey=survey, text="More groups on Saturdays")
    hide = Comment.objects.create(survey=survey, text="Nurse Jane Doe was rude")
    client.force_login(lead_a)
    before = client.get(voice_url(survey, "results"))
    assert "More groups" not in before.text and "Jane Doe" not in before.text
    moderate = client.post(voice_url(survey, "comment-moderate", keep.pk), {"status": "shown"})
    assert moderate.status_code == 302
    client.post(voice_url(survey, "comment-moderate", hide.pk), {"status": "hidden"})
    after = client.get(voice_url(survey, "results"))
    assert "More groups on Saturdays" in after.text and "Jane Doe" not in after.text
    csv = client.get(voice_url(survey, "comments-csv")).content.decode()
    assert "More groups on Saturdays" in csv and "Jane Doe" not in csv
    assert csv.splitlines()[0].lstrip("\ufeff") == "Comment"
    hide.refresh_from_db()
    assert (hide.status, hide.moderated_by) == (CommentStatus.HIDDEN, lead_a)


def test_moderation_is_post_only(client, lead_a, survey):
    comment = Comment.objects.create(survey=survey, text="Fine")
    client.force_login(lead_a)
    assert client.get(voice_url(survey, "comment-moderate", comment.pk)).status_code == 405


def test_the_results_download_never_holds_comments(client, lead_a, survey):
    add_responses(survey, 6, comment="Secret words")
    Comment.objects.update(status=CommentStatus.SHOWN)
    client.force_login(lead_a)
    csv = client.get(voice_url(survey, "results-csv")).content.decode()
    assert "Secret words" not in csv and "mother" not in csv


def test_staff_enter_a_paper_response(client, contributor_a, survey):
    client.force_login(contributor_a)
    page = client.get(voice_url(survey, "paper-entry"))
    assert page.status_code == 200
    sent = client.post(voice_url(survey, "paper-entry"), {"knew-where": "4", "comment": "Paper"})
    assert sent.status_code == 302
    response = SurveyResponse.objects.get()
    assert response.on_paper is True
    assert Comment.objects.get().on_paper is True


def test_the_printable_paper_form_lists_every_statement(client, contributor_a, survey):
    client.force_login(contributor_a)
    page = client.get(voice_url(survey, "paper-form"))
    assert page.status_code == 200
    assert "I knew where to go for help" in page.text and "I was listened to" in page.text


def test_an_action_cites_a_statement_and_families_see_it_once_its_round_is_published(
    client, lead_a, partnership_a, council_a, framework
):
    assessment = make_round(partnership_a, framework, status=AssessmentStatus.CLOSED)
    element = framework.elements.get()
    action = make_action(assessment, element, council_a, title="Publish a family guide")
    survey = make_survey(partnership_a, assessment=assessment)
    statement = survey.statement_set.statements.get(code="knew-where")
    client.force_login(lead_a)
    sent = client.post(
        voice_url(survey, "results"), {"action": action.pk, "because": f"statement-{statement.pk}"}
    )
    assert sent.status_code == 302
    assert Citation.objects.get().statement == statement
    client.logout()
    thanks = reverse("have-your-say:thanks", args=[survey.token])
    # A round still with the partnership keeps its action plan to itself.
    assert "Publish a family guide" not in client.get(thanks).text
    assessment.status = AssessmentStatus.PUBLISHED
    assessment.save()
    page = client.get(thanks)
    assert "Publish a family guide" in page.text
    assert "I knew where to go for help" in page.text


def test_a_hidden_comment_cannot_be_cited(client, lead_a, partnership_a, council_a, framework):
    assessment = make_round(partnership_a, framework, status=AssessmentStatus.CLOSED)
    action = make_action(assessment, framework.elements.get(), council_a)
    survey = make_survey(partnership_a)
    add_responses(survey, 5)
    hidden = Comment.objects.create(survey=survey, text="Names", status=CommentStatus.HIDDEN)
    client.force_login(lead_a)
    page = client.post(
        voice_url(survey, "results"), {"action": action.pk, "because": f"comment-{hidden.pk}"}
    )
    assert page.status_code == 400
    assert not Citation.objects.exists()


def test_families_say_sits_beside_the_agreed_rating(
    client, lead_a, partnership_a, framework, settings
):
    settings.VOICE_MIN_RESPONSES = 5
    assessment = make_round(partnership_a, framework, status=AssessmentStatus.CLOSED)
    element = framework.elements.get()
    make_agreed(assessment, element, 3)
    survey = make_survey(partnership_a, assessment=assessment)
    add_responses(survey, 2, value=4)
    add_responses(survey, 3, value=1)
    client.force_login(lead_a)
    url = reverse("assessments:element", args=[partnership_a.slug, assessment.pk, element.code])
    page = client.get(url)
    assert "What families say" in page.text
    assert (
        "Professionals rate strategy at level 3; 40% of 5 families agreed that they knew "
        "where to go for help." in page.text
    )
    dashboard = client.get(reverse("dashboards:area", args=[partnership_a.slug]))
    assert "40% of 5 families agreed" in dashboard.text


def test_the_panel_suppresses_small_numbers(client, lead_a, partnership_a, framework, settings):
    settings.VOICE_MIN_RESPONSES = 5
    assessment = make_round(partnership_a, framework, status=AssessmentStatus.CLOSED)
    element = framework.elements.get()
    make_agreed(assessment, element, 3)
    survey = make_survey(partnership_a, assessment=assessment)
    add_responses(survey, 4, value=1)
    client.force_login(lead_a)
    url = reverse("assessments:element", args=[partnership_a.slug, assessment.pk, element.code])
    page = client.get(url)
    assert "Fewer than 5 answers: not shown" in page.text and "0% of" not in page.text
    dashboard = client.get(reverse("dashboards:area", args=[partnership_a.slug]))
    assert "Fewer than 5 answers: not shown" in dashboard.text


def test_viewers_see_families_results_once_the_survey_closes(
    client, viewer_a, partnership_a, framework
):
    survey = make_survey(partnership_a)
    add_responses(survey, 5, value=5)
    client.force_login(viewer_a)
    dashboard = reverse("dashboards:area", args=[partnership_a.slug])
    assert "What families say" not in client.get(dashboard).text
    survey.closed_early = timezone.now()
    survey.save()
    assert "What families say" in client.get(dashboard).text


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_results_pages_run_the_same_queries_whatever_the_responses(client, lead_a, survey):
    client.force_login(lead_a)
    urls = [voice_url(survey, name) for name in ("results", "results-csv", "comments-csv")]
    urls.append(reverse("have-your-say:thanks", args=[survey.token]))
    counts = []
    for size in (5, 35):
        add_responses(survey, size, comment="A comment")
        Comment.objects.update(status=CommentStatus.SHOWN)
        client.get(urls[0])  # the session and the user, read once
        counts.append([queries_for(client, url) for url in urls])
    assert counts[0] == counts[1]


def test_old_comments_are_deleted(survey, settings):
    settings.VOICE_COMMENT_RETENTION_DAYS = 30
    old_day = timezone.localdate() - datetime.timedelta(days=31)
    Comment.objects.create(survey=survey, text="Old", received=old_day)
    Comment.objects.create(survey=survey, text="New")
    out = io.StringIO()
    call_command("delete_old_comments", "--dry-run", stdout=out)
    assert "would delete 1 comment" in out.getvalue() and Comment.objects.count() == 2
    call_command("delete_old_comments", stdout=io.StringIO())
    assert list(Comment.objects.values_list("text", flat=True)) == ["New"]


def test_the_shipped_statements_load_and_reload_unchanged(db):
    for command in ("load_taxonomies", "load_frameworks", "load_statements"):
        call_command(command, stdout=io.StringIO())
    statement_set = StatementSet.objects.get(code="families-voice")
    assert statement_set.statements.count() == 9
    out = io.StringIO()
    call_command("load_statements", stdout=out)
    assert "0 changed" in out.getvalue()


def test_the_families_panel_runs_the_same_queries_whatever_the_responses(
    client, lead_a, partnership_a, framework
):
    assessment = make_round(partnership_a, framework, status=AssessmentStatus.CLOSED)
    element = framework.elements.get()
    make_agreed(assessment, element, 3)
    survey = make_survey(partnership_a, assessment=assessment)
    client.force_login(lead_a)
    urls = [
        reverse("assessments:element", args=[partnership_a.slug, assessment.pk, element.code]),
        reverse("dashboards:area", args=[partnership_a.slug]),
    ]
    counts = []
    for size, total in ((5, 5), (35, 40)):
        add_responses(survey, size, value=2)
        client.get(urls[0])
        counts.append([queries_for(client, url) for url in urls])
        assert f"of {total} families agreed" in client.get(urls[0]).text
    assert counts[0] == counts[1]


def test_a_statement_naming_an_unknown_element_is_refused(db, tmp_path):
    for command in ("load_taxonomies", "load_frameworks"):
        call_command(command, stdout=io.StringIO())
    bad = tmp_path / "bad-1.0.json"
    bad.write_text(
        '{"format": 1, "code": "bad", "version": "1.0", "title": "Bad", "source": "Tests",'
        ' "confidence": "Tests", "statements": [{"code": "one", "text": "I was helped",'
        ' "easy_read": "I got help", "finding": "they were helped",'
        ' "elements": ["nest/no-such-element"], "nest_themes": ["kind"]}]}'
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 problems found; nothing was loaded"):
        call_command("load_statements", str(bad), stdout=io.StringIO(), stderr=err)
    assert 'unknown element "nest/no-such-element"' in err.getvalue()
    assert 'unknown NEST theme "kind"' in err.getvalue()
    assert not StatementSet.objects.exists()
