from django.apps import apps
from django.core.management import call_command

from partnership.models import Membership, Oversight, Partnership, User


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"partnership", "continuum", "assessments"}
    }


def test_it_creates_a_believable_partnership_and_one_login_per_role(db, capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    partnership = Partnership.objects.get(slug="ashworth")
    assert partnership.organisations.values("sector").distinct().count() >= 8
    roles = set(Membership.objects.filter(partnership=partnership).values_list("role", flat=True))
    assert roles == {"lead", "contributor", "viewer"}
    assert Oversight.objects.count() == 2
    assert User.objects.filter(is_superuser=True).count() == 1
    for email in [
        "lead@ashworth.example",
        "contributor@ashworth.example",
        "viewer@ashworth.example",
    ]:
        assert email in out
        assert User.objects.get(email=email).check_password("cradle-demo-2027")


def test_running_it_twice_changes_nothing(db):
    call_command("seed_demo")
    first = row_counts()
    call_command("seed_demo")
    assert row_counts() == first


def test_demo_logins_see_what_their_role_allows(client, db):
    call_command("seed_demo")
    client.force_login(User.objects.get(email="viewer@ashworth.example"))
    assert client.get("/partnerships/ashworth/").status_code == 200
    assert client.get("/partnerships/ashworth/edit/").status_code == 403
    client.force_login(User.objects.get(email="lead@ashworth.example"))
    assert client.get("/partnerships/ashworth/edit/").status_code == 200
    client.force_login(User.objects.get(email="commissioner@northwest.example"))
    assert client.get("/partnerships/ashworth/").status_code == 200


def test_it_creates_a_welsh_partnership_with_a_published_nest_review(client, db):
    call_command("seed_demo")
    glanmor = Partnership.objects.get(slug="glanmor")
    assert glanmor.nation == "wales"
    assert [a.gss_code for a in glanmor.areas.all()] == ["W06000990"]
    assert glanmor.services.filter(terms__code="flying-start").exists()
    review = glanmor.assessments.get(status="published")
    assert review.framework.code == "nest"
    assert review.agreed_ratings.count() == review.framework.elements.count() == 7
    client.force_login(User.objects.get(email="commissioner@hyweldda.example"))
    assert client.get("/partnerships/glanmor/").status_code == 200
    assert client.get("/partnerships/ashworth/").status_code == 404
    client.force_login(User.objects.get(email="lead@glanmor.example"))
    assert client.get("/partnerships/glanmor/edit/").status_code == 200
    assert client.get("/partnerships/ashworth/").status_code == 404
    # The Welsh contributor's first page, in Welsh, leads straight to the open follow-up's
    # first theme.
    follow_up = glanmor.assessments.get(status="open")
    client.force_login(User.objects.get(email="contributor@glanmor.example"))
    page = client.get("/partnerships/").content.decode()
    assert "Rydych wedi sgorio 0 o 7 elfen" in page
    assert f"/assessments/{follow_up.pk}/rate/" in page


def test_the_welsh_partnership_has_a_welsh_speaking_demo_user(client, db, capsys):
    call_command("seed_demo")
    assert "Contributor (Wales, in Welsh)" in capsys.readouterr().out
    contributor = User.objects.get(email="contributor@glanmor.example")
    assert contributor.language == "cy"
    assert User.objects.get(email="lead@glanmor.example").language == ""
    client.force_login(contributor)
    page = client.get("/partnerships/").content.decode()
    assert '<html lang="cy"' in page
    assert "Eich partneriaethau" in page
