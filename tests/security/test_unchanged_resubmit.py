"""Opening an edit form and saving it without changing anything changes nothing.

Every page whose form posts back to it is walked, as the permission matrix lists them: each is
either an edit form (`EDIT_FORMS` in routes.py, with the rows it edits) or says why it edits
nothing it shows (`NOT_EDIT_FORMS`). The page is submitted as a browser would submit it, from
the values its HTML shows, and the rows and the round's history must be as they were.
"""

import re
from html.parser import HTMLParser

import pytest
from django.db.models import Model
from django.test import Client

from assessments.models import Assessment, AssessmentStatus, Change
from tests.security.routes import EDIT_FORMS, NOT_EDIT_FORMS, all_routes, url_for
from tests.security.test_fuzz_forms import form_routes

ROUTES = {route.name: route for route in all_routes()}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
SKIPPED_INPUTS = {"submit", "button", "reset", "image", "file"}


class PostForms(HTMLParser):
    """What a browser would submit from each POST form of a page: (action, [(name, value)])."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[str | None, list[tuple[str, str]]]] = []
        self.fields: list[tuple[str, str]] | None = None
        self.textarea: list | None = None
        self.select: list | None = None  # [name, first option, chosen values, in option]
        self.option: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.fields = []
            self.forms.append((attrs.get("action"), self.fields))
        if self.fields is None or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value") or "on"))
            elif kind not in SKIPPED_INPUTS:
                value = attrs.get("value") or ""
                # A date box holds only an ISO date: it shows any other value as empty.
                if kind == "date" and not ISO_DATE.fullmatch(value):
                    value = ""
                self.fields.append((name, value))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
        elif tag == "select" and name:
            self.select = [name, None, [], "multiple" in attrs]
        elif tag == "option" and self.select is not None:
            self.option = [attrs.get("value"), "", "selected" in attrs]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data
        if self.option is not None:
            self.option[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.fields = None
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            # A browser drops the one line break that follows <textarea>.
            self.fields.append((name, text[1:] if text.startswith("\n") else text))
            self.textarea = None
        elif tag == "option" and self.option is not None:
            value, text, selected = self.option
            value = text.strip() if value is None else value
            self.select[1] = value if self.select[1] is None else self.select[1]
            if selected:
                self.select[2].append(value)
            self.option = None
        elif tag == "select" and self.select is not None:
            name, first, chosen, multiple = self.select
            if not chosen and not multiple and first is not None:
                chosen = [first]
            self.fields.extend((name, value) for value in chosen)
            self.select = None


def own_form(html: str, url: str) -> dict[str, list[str]] | None:
    """The fields of the page's own POST form (no action, or itself); None when it has none."""
    parser = PostForms()
    parser.feed(html)
    for action, fields in parser.forms:
        if action in (None, "", url) and any(n != "csrfmiddlewaretoken" for n, _ in fields):
            data: dict[str, list[str]] = {}
            for name, value in fields:
                data.setdefault(name, []).append(value)
            return data
    return None


def open_form(client: Client, name: str, url: str, world) -> dict[str, list[str]] | None:
    """The page's form, moving a round to the first state whose page shows it."""
    data = own_form(client.get(url).content.decode(), url)
    if data is not None or not name.startswith("assessments:"):
        return data
    for status in AssessmentStatus.values:
        Assessment.objects.filter(pk=world.assessment.pk).update(status=status)
        data = own_form(client.get(url).content.decode(), url)
        if data is not None:
            return data
    return None


def stored(row: Model) -> dict:
    """Every stored value of the row, with the ids its many-to-many fields point at."""
    fresh = type(row).objects.get(pk=row.pk)
    values = {field.attname: getattr(fresh, field.attname) for field in fresh._meta.concrete_fields}
    for field in fresh._meta.many_to_many:
        values[field.name] = sorted(getattr(fresh, field.name).values_list("pk", flat=True))
    return values


def test_every_form_says_whether_it_edits_rows():
    names = {route.name for route in form_routes()}
    undescribed = names - set(EDIT_FORMS) - set(NOT_EDIT_FORMS)
    assert not undescribed, (
        f"{sorted(undescribed)}: describe in tests/security/routes.py whether the form edits "
        "rows (EDIT_FORMS) or not (NOT_EDIT_FORMS)"
    )
    assert not set(EDIT_FORMS) & set(NOT_EDIT_FORMS)
    assert not (set(EDIT_FORMS) | set(NOT_EDIT_FORMS)) - names, "a described form is gone"


@pytest.mark.parametrize("name", sorted(EDIT_FORMS))
def test_saving_an_edit_form_unchanged_changes_nothing(worlds, name):
    a, _, _ = worlds
    edit = EDIT_FORMS[name]
    client = Client()
    client.force_login(getattr(a, edit.editor))
    url = url_for(ROUTES[name], a)
    data = open_form(client, name, url, a)
    assert data is not None, f"{name}: no page shows its form"
    rows = edit.rows(a)
    assert rows, f"{name}: the world has no rows for this form to edit"
    before = [stored(row) for row in rows]
    history = Change.objects.count()

    response = client.post(url, data)

    page = response.content.decode()
    assert "There is a problem" not in page, f"{name}: the form refused what it showed"
    assert response.status_code in (200, 302), name
    assert [stored(row) for row in rows] == before, f"{name}: saving unchanged changed the row"
    assert Change.objects.count() == history, f"{name}: history recorded a change"
