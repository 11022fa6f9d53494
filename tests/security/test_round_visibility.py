"""Who sees what of a round: every role × every round state × every page that takes a round.

The rule (docs/assessment-rounds.md, "Who sees what"): leads see everything; contributors see
a round from the moment it opens, but its results (agreed levels, targets, sector spread) only
once it is published; viewers, commissioners with oversight and admins see a round once it is
published. The area dashboard, its downloads and the board report show only rounds whose
results the person may read: `?round=` naming another shows the newest round they may read,
with no trace of the one asked for.

A page or download added under a round, or to the dashboards, fails
`test_every_page_taking_a_round_is_listed` until it is described below.
"""

import datetime

import pytest
from django.test import Client

from assessments.models import AgreedRating, Assessment, AssessmentStatus, Element
from tests.downloads import pdf_text, xlsx_text
from tests.security.conftest import build_round
from tests.security.routes import all_routes, url_for

ROUTES = {route.name: route for route in all_routes()}
ROLES = ["lead", "contributor", "viewer", "commissioner", "admin"]
STATES = list(AssessmentStatus.values)

# Results shown (agreed rationale, levels, targets): name → (leads only, shows the rationale).
RESULT_PAGES = {
    "assessments:results": (False, True),
    "assessments:compare": (False, False),
    "assessments:workshop": (True, False),
    "assessments:element": (True, True),
    "assessments:agree-all": (True, True),
    "assessments:round-xlsx": (True, True),
}
# Pages of a round that never show its results, whoever asks.
OTHER_ROUND_PAGES = {
    "assessments:rounds",
    "assessments:round-new",
    "assessments:round",
    "assessments:round-scope",
    "assessments:scope-remove",
    "assessments:round-move",
    "assessments:rate",
    "assessments:barrier-add",
    "assessments:actions",
    "assessments:action-add",
    "assessments:action-edit",
}
# The dashboards take `?round=`: name → (needs a round, else 404; shows the round's results).
DASHBOARD_PAGES = {
    "dashboards:area": (False, True),
    "dashboards:xlsx": (False, True),
    "dashboards:report": (False, True),
    "dashboards:report-pdf": (False, True),
    "dashboards:gaps-csv": (False, True),
    "dashboards:gaps-xlsx": (False, True),
    "dashboards:coverage-csv": (False, False),
    "dashboards:coverage-xlsx": (False, False),
    "dashboards:services-csv": (False, False),
    "dashboards:services-xlsx": (False, False),
    "dashboards:maturity-csv": (True, True),
    "dashboards:maturity-xlsx": (True, True),
    "dashboards:actions-csv": (True, True),
    "dashboards:actions-xlsx": (True, True),
    "dashboards:trend-csv": (True, True),
    "dashboards:trend-xlsx": (True, True),
    # No element of the test framework sits on the matrix's axes: no title to look for.
    "dashboards:elements-csv": (True, False),
    "dashboards:elements-xlsx": (True, False),
}
# The cross-area pages take no round: each area's latest published round only.
NO_ROUND_PAGES = {
    "oversight:index",
    "oversight:csv",
    "oversight:xlsx",
    "oversight:position-csv",
    "oversight:need-csv",
}

RATIONALE = "Rationale-Kestrel"
# In the round's name, its element's title and its rationale: on a dashboard, any trace.
TRACE = "Kestrel"


def round_visible(role: str, state: str) -> bool:
    if role == "lead":
        return True
    if role == "contributor":
        return state != AssessmentStatus.DRAFT
    return state == AssessmentStatus.PUBLISHED


def results_visible(role: str, state: str) -> bool:
    return role == "lead" or state == AssessmentStatus.PUBLISHED


def on_dashboard(role: str, state: str) -> bool:
    settled = state not in {AssessmentStatus.DRAFT, AssessmentStatus.OPEN}
    return settled and results_visible(role, state)


def text_of(response) -> str:
    if response.status_code != 200:
        return ""
    kind = response.get("Content-Type", "")
    if "spreadsheetml" in kind:
        return xlsx_text(response.content)
    if kind == "application/pdf":
        return pdf_text(response.content)
    return response.content.decode()


@pytest.fixture
def world(worlds):
    """Partnership A, its one round carrying the markers, and the five roles."""
    a, _, personas = worlds
    Assessment.objects.filter(pk=a.assessment.pk).update(name="Kestrel round")
    Element.objects.filter(pk=a.element.pk).update(title="Kestrel strategy")
    AgreedRating.objects.filter(assessment=a.assessment).update(
        rationale=RATIONALE,
        target_level=a.element.framework.scale.levels.get(value=3),
        target_date=datetime.date(2037, 7, 19),
    )
    return a, {role: personas[role] for role in ROLES}


def test_every_page_taking_a_round_is_listed():
    taking = {
        name for name in ROUTES if name.split(":")[0] in {"assessments", "dashboards", "oversight"}
    }
    listed = set(RESULT_PAGES) | OTHER_ROUND_PAGES | set(DASHBOARD_PAGES) | NO_ROUND_PAGES
    assert taking - listed == set(), "describe in this module what these show of a round"
    assert listed - taking == set(), "these pages no longer exist"


@pytest.mark.parametrize("state", STATES)
def test_each_role_sees_a_rounds_results_only_when_the_rule_allows(world, state):
    a, people = world
    Assessment.objects.filter(pk=a.assessment.pk).update(status=state)
    wrong = []
    for role, user in people.items():
        client = Client()
        client.force_login(user)
        for name in [*RESULT_PAGES, *OTHER_ROUND_PAGES]:
            response = client.get(url_for(ROUTES[name], a))
            shown = RATIONALE in text_of(response)
            if name in RESULT_PAGES:
                leads_only, shows_rationale = RESULT_PAGES[name]
                if leads_only:
                    allowed, refused = role == "lead", 403
                else:
                    allowed = results_visible(role, state)
                    refused = 403 if round_visible(role, state) or state != "draft" else 404
                expected = (200 if allowed else refused, allowed and shows_rationale)
            else:
                # Status codes of these pages are the permission matrix's business.
                expected = (response.status_code, shown and results_visible(role, state))
            if (response.status_code, shown) != expected:
                wrong.append(f"{role} {name}: {(response.status_code, shown)}, not {expected}")
        for name, (needs_round, shows) in DASHBOARD_PAGES.items():
            response = client.get(f"{url_for(ROUTES[name], a)}?round={a.assessment.pk}")
            allowed = on_dashboard(role, state)
            expected = (404 if needs_round and not allowed else 200, allowed and shows)
            got = (response.status_code, TRACE in text_of(response))
            if got != expected:
                wrong.append(f"{role} {name}: {got}, not {expected}")
    assert wrong == [], f"round {state}"


def test_a_round_a_contributor_may_not_read_is_replaced_by_the_newest_they_may(world, client):
    a, people = world
    Assessment.objects.filter(pk=a.assessment.pk).update(status=AssessmentStatus.CLOSED)
    older, _ = build_round(a, status=AssessmentStatus.PUBLISHED, name="Heron round")
    Assessment.objects.filter(pk=older.pk).update(created=a.assessment.created.replace(year=2020))
    client.force_login(people["contributor"])
    for name in ["dashboards:area", "dashboards:trend-csv", "dashboards:report"]:
        page = client.get(f"{url_for(ROUTES[name], a)}?round={a.assessment.pk}")
        assert page.status_code == 200
        assert "Heron round" in page.content.decode()
        assert "Kestrel round" not in page.content.decode()
