"""The second step of signing in, in Welsh."""

from django.contrib.messages import get_messages
from django.urls import reverse

from tests.factories import pass_second_step
from tests.twostep.authenticator import code_now, make_device, wrong_code
from twostep.models import RecoveryCode
from twostep.views import PENDING_KEY


def in_welsh(client):
    client.cookies["cradle_language"] = "cy"
    return client


def test_setting_up_in_welsh(client, lead_a):
    client.force_login(lead_a)
    page = in_welsh(client).get(reverse("twostep:set-up"))
    html = page.content.decode()
    assert '<html lang="cy"' in html
    assert "Gosod dilysu dau gam" in html
    assert "Cod o’ch ap dilysu" in html
    assert "Ni allaf sganio’r cod QR" in html
    assert 'alt="Cod QR i ychwanegu Cradle at eich ap dilysu"' in html
    assert ">Parhau</button>" in html

    pending = client.session[PENDING_KEY]
    wrong = client.post(reverse("twostep:set-up"), {"code": wrong_code(pending)})
    assert "Nid yw’r cod hwnnw’n gywir" in wrong.content.decode()
    done = client.post(reverse("twostep:set-up"), {"code": code_now(pending)})
    assert "Mae dilysu dau gam wedi’i osod" in done.content.decode()
    assert "Cadwch eich codau adfer" in done.content.decode()


def test_verifying_in_welsh(client, lead_a):
    make_device(lead_a)
    client.force_login(lead_a)
    html = in_welsh(client).get(reverse("twostep:verify")).content.decode()
    assert "Rhowch y cod o’ch ap dilysu" in html
    assert "Nid yw fy ffôn gennyf: defnyddio cod adfer" in html

    empty = client.post(reverse("twostep:verify"), {"code": ""}).content.decode()
    assert "Rhowch y cod o’ch ap dilysu" in empty
    letters = client.post(reverse("twostep:verify"), {"code": "abcdef"}).content.decode()
    assert "Rhowch y cod fel 6 digid, er enghraifft 123456" in letters
    wrong = client.post(reverse("twostep:verify"), {"code": wrong_code()}).content.decode()
    assert "Nid yw’r cod hwnnw’n gywir. Rhowch y cod y mae eich ap yn ei ddangos nawr" in wrong


def test_a_recovery_code_in_welsh(client, lead_a):
    make_device(lead_a)
    client.force_login(lead_a)
    in_welsh(client)
    page = client.get(reverse("twostep:recover")).content.decode()
    assert "Defnyddio cod adfer" in page
    wrong = client.post(reverse("twostep:recover"), {"code": "aaaaa-bbbbb"}).content.decode()
    assert "Nid yw’r cod adfer hwnnw’n gywir" in wrong
    codes = RecoveryCode.replace_for(lead_a)
    response = client.post(reverse("twostep:recover"), {"code": codes[0]})
    assert response.status_code == 302
    [message] = get_messages(response.wsgi_request)
    assert str(message) == (
        "Derbyniwyd y cod adfer. Mae gennych 9 cod ar ôl: gallwch gael rhai newydd o’ch tudalen "
        "dilysu dau gam."
    )


def test_the_account_page_in_welsh(client, lead_a):
    make_device(lead_a)
    client.force_login(lead_a)
    client.post(reverse("twostep:verify"), {"code": code_now()})
    html = in_welsh(client).get(reverse("twostep:account")).content.decode()
    assert "Ap dilysu" in html
    assert "Yn ofynnol ar gyfer eich rôl" in html
    assert "Cael codau adfer newydd" in html


def test_an_admins_reset_in_welsh(client, admin_user, lead_a):
    admin_user.language = "cy"
    admin_user.save()
    client.force_login(admin_user)
    pass_second_step(client, admin_user)
    page = client.get(reverse("twostep:reset")).content.decode()
    assert "Ailosod dilysu dau gam rhywun" in page
    unknown = client.post(reverse("twostep:reset"), {"email": "nobody@example.org"})
    assert "Nid oes gan neb â’r cyfeiriad e-bost hwnnw gyfrif" in unknown.content.decode()
    done = client.post(reverse("twostep:reset"), {"email": "lead@a.example"}, follow=True)
    assert "Mae dilysu dau gam wedi’i ailosod ar gyfer lead@a.example" in done.content.decode()
