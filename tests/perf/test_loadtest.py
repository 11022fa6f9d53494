"""The load test's own judgement: which errors count, and whether acknowledged saves landed."""

import io

import pytest
from django.core.management import call_command

from assessments.models import Response
from partnership.models import User
from perf import loadtest, scale


@pytest.fixture
def plan(db):
    call_command("generate_scale_data", areas=2, rounds=2, seed=3, stdout=io.StringIO())
    return loadtest.build_plan()


def save(plan, token, kind="save-acknowledged"):
    account = plan["contributor"][0]
    return {
        "kind": kind,
        "token": token,
        "email": account["email"],
        "round": account["rate"][0],
        "element": f"e{element_of(plan).element_id}",
        "at": 0,
    }


def element_of(plan):
    """The contributor's answer to one element of the round the plan rates."""
    account = plan["contributor"][0]
    assessment = int(account["rate"][0].split("/assessments/")[1].split("/")[0])
    return Response.objects.filter(
        respondent__email=account["email"], assessment=assessment
    ).order_by("pk")[0]


def store(plan, evidence):
    response = element_of(plan)
    Response.objects.filter(
        assessment=response.assessment, element=response.element, respondent=response.respondent
    ).update(evidence=evidence)
    return response


def test_the_plan_signs_in_every_role_and_its_pages_answer(plan, client):
    assert len(plan["contributor"]) == 2 * 18 and len(plan["lead"]) == 2 * 2
    assert plan["commissioner"] == [{"email": scale.COMMISSIONER_EMAIL}]
    client.force_login(User.objects.get(email=plan["lead"][0]["email"]))
    for name in ("workshop", "results", "round", "services", "workbook"):
        assert client.get(plan["lead"][0][name], secure=True).status_code == 200, name
    client.force_login(User.objects.get(email=plan["contributor"][0]["email"]))
    assert client.get(plan["contributor"][0]["rate"][0], secure=True).status_code == 200
    client.force_login(User.objects.get(email=scale.COMMISSIONER_EMAIL))
    for url in plan["dashboards"] + [url for _, url in plan["exports"]]:
        assert client.get(url, secure=True).status_code == 200, url


def test_an_acknowledged_save_in_the_database_passes(plan):
    store(plan, "Seen in practice (load-abc)")
    result = loadtest.check_saves([save(plan, "load-abc", "save-attempt"), save(plan, "load-abc")])
    assert result["missing"] == [] and result["acknowledged"] == 1


def test_a_later_save_whose_reply_was_lost_may_have_replaced_it(plan):
    store(plan, "Seen in practice (load-def)")
    entries = [
        save(plan, "load-abc", "save-attempt"),
        save(plan, "load-abc"),
        save(plan, "load-def", "save-attempt"),  # saved, but the reply never came
    ]
    assert loadtest.check_saves(entries)["missing"] == []


def test_an_acknowledged_save_missing_from_the_database_is_reported(plan):
    store(plan, "Seen in practice (load-old)")
    entries = [save(plan, "load-abc", "save-attempt"), save(plan, "load-abc")]
    missing = loadtest.check_saves(entries)["missing"]
    assert [m["token"] for m in missing] == ["load-abc"]
    assert loadtest.failed({"resilience": {"saves": {"missing": missing}}})


def test_only_5xx_and_unanswered_requests_are_server_errors():
    entries = [
        {"kind": "request", "status": 200, "at": 1},
        {"kind": "request", "status": 409, "at": 1},
        {"kind": "request", "status": 503, "at": 2},
        {"kind": "request", "status": 0, "at": 3},
        {"kind": "save-attempt", "at": 3},
    ]
    assert [e["at"] for e in loadtest.server_errors(entries)] == [2, 3]


def test_errors_count_inside_an_outage_and_a_few_seconds_after_it():
    window = {"start": 100.0, "end": 102.0}
    assert loadtest.inside(101, window)
    assert loadtest.inside(102 + loadtest.GRACE, window)
    assert not loadtest.inside(102 + loadtest.GRACE + 1, window)
    assert not loadtest.inside(98, window)


def test_the_run_fails_on_5xx_in_the_steady_run_or_errors_outside_outages():
    assert loadtest.failed({"steady": {"server_errors": 1}})
    assert loadtest.failed({"resilience": {"errors_outside_windows": 2}})
    assert loadtest.failed({"steps": {"server_errors": 1}})
    assert not loadtest.failed(
        {
            "steady": {"server_errors": 0, "saves": {"missing": []}},
            "resilience": {"errors_outside_windows": 0, "saves": {"missing": []}},
        }
    )
