"""How a round's pages answer a save: done, refused by the round's state, invalid, or stale.

A service raises `services.RoundStateError` when the round's state forbids the change (the page
answers 409 Conflict), `ValidationError` when a value breaks a rule the form could not check
(200, the form shows why), and the versioned ones return False when someone saved first (409,
the form comes back based on the saved version).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import QueryDict

from assessments import services


@dataclass
class Submission:
    """What a service made of a save: its result, or why it refused, and the page's status."""

    result: Any = None
    error: str = ""
    status: int = 200

    @property
    def stale(self) -> bool:
        """Nothing was saved: someone else saved first."""
        return not self.error and self.result is False

    @property
    def saved(self) -> bool:
        return not self.error and not self.stale


def submit(service: Callable, form: forms.BaseForm | None, /, **values: Any) -> Submission:
    """Calls `service` with `values`; a refusal becomes the form's error, when there is a form."""
    try:
        result = service(**values)
    except services.RoundStateError as error:
        submission = Submission(error=error.messages[0], status=409)
    except ValidationError as error:
        submission = Submission(error=error.messages[0])
    else:
        return Submission(result=result, status=409 if result is False else 200)
    if form is not None:
        form.add_error(None, submission.error)
    return submission


def rebased(
    form_class: type[forms.ModelForm], data: QueryDict, theirs: Model | None, **kwargs: Any
) -> forms.ModelForm:
    """The posted form again after a stale save, now based on the saved version, `theirs`.

    Saving it again keeps what this person typed; the page shows `theirs` beside it. The form
    gets its own copy of the row, since validating writes into it: `theirs` stays as saved.
    """
    model = form_class._meta.model
    data = data.copy()
    data["version"] = theirs.version if theirs else 0
    instance = model.objects.filter(pk=theirs.pk).first() if theirs else None
    form = form_class(data, instance=instance or model(), **kwargs)
    form.is_valid()
    return form
