"""Writing a family's response: answers, optional questions and comment, all or nothing."""

from django.db import transaction

from voice.forms import SurveyAnswersForm, comment_for
from voice.models import Answer, Survey, SurveyResponse


class SurveyFull(Exception):
    """The survey has had as many responses as its cap allows."""


def record_response(*, survey: Survey, form: SurveyAnswersForm, on_paper: bool) -> None:
    """Saves the answers and, apart from them and unlinked, the comment.

    The survey row is locked while the cap is checked, so two families answering at once can
    never take it past its cap.
    """
    data = form.cleaned_data
    with transaction.atomic():
        locked = Survey.objects.select_for_update().get(pk=survey.pk)
        if locked.responses.count() >= locked.cap:
            raise SurveyFull
        response = SurveyResponse.objects.create(
            survey=survey,
            on_paper=on_paper,
            relationship=data.get("relationship", ""),
            age_band=data.get("age_band", ""),
            locality=data.get("locality", ""),
        )
        Answer.objects.bulk_create(
            Answer(response=response, statement=statement, value=value)
            for statement, value in form.answers().items()
        )
        comment = comment_for(form, survey, on_paper=on_paper)
        if comment is not None:
            comment.save()
