"""The daily command, and the preferences page, cost the same number of queries however many
partnerships, rounds, actions and people there are."""

import datetime
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications.models import Kind, Notification, Preferences
from partnership.models import Partnership, Role
from tests.assessments.factories import make_action, make_response
from tests.factories import make_member, make_organisation, make_partnership
from tests.notifications.world import OPENED, opened_round

DAY = datetime.timedelta(days=1)


def add_partnership(framework, slug: str, people: int) -> Partnership:
    """A partnership in which every rule fires on OPENED (a Monday)."""
    partnership = make_partnership(slug)
    lead = make_member(partnership, Role.LEAD).user
    raters = [make_member(partnership).user for _ in range(people)]
    Preferences.objects.create(user=raters[0], round_opened=False)
    opened_round(partnership, framework, by=lead)
    soon = opened_round(partnership, framework, on=OPENED - 20 * DAY, closing=OPENED + 3 * DAY)
    make_response(soon, framework.elements.first(), raters[-1], 2)
    opened_round(partnership, framework, on=OPENED - 30 * DAY, closing=OPENED)
    owner = raters[-1].memberships.get().organisation
    for element in framework.elements.all()[:people]:
        make_action(soon, element, owner, due_date=OPENED - DAY)
    make_action(soon, framework.elements.first(), make_organisation(partnership), due_date=OPENED)
    return partnership


def queries_to_send(framework, partnerships: int, people: int) -> tuple[int, int]:
    for n in range(partnerships):
        add_partnership(framework, f"area-{partnerships}-{n}", people)
    with CaptureQueriesContext(connection) as captured:
        call_command("send_reminders", today=OPENED.isoformat(), stdout=StringIO())
    return len(captured), len(mail.outbox)


def test_the_command_costs_the_same_queries_at_two_sizes(framework):
    small, small_sent = queries_to_send(framework, 1, 2)
    mail.outbox.clear()
    large, large_sent = queries_to_send(framework, 4, 6)
    # Every rule sent something, and far more at the larger size, for the same queries.
    assert set(Notification.objects.values_list("kind", flat=True)) == set(Kind.values)
    assert large_sent > 4 * small_sent
    assert large == small, (small, large)
    print(f"send_reminders: {small} queries for {small_sent} emails, {large} for {large_sent}")


def page_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/accounts/notifications/").status_code == 200
    return len(captured)


def test_the_preferences_page_costs_the_same_queries_at_two_sizes(client, framework, lead_a):
    client.force_login(lead_a)
    small = page_queries(client)
    for n in range(3):
        partnership = add_partnership(framework, f"area-{n}", 3)
        make_member(partnership, Role.LEAD, user=lead_a)
    Preferences.objects.create(user=lead_a, weekly_digest=False)
    assert page_queries(client) == small
