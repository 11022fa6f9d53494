"""A partnership with a round on fixed dates, and the people the reminders are for."""

import pytest

from tests.notifications.world import load_framework, opened_round


@pytest.fixture
def framework(db):
    return load_framework()


@pytest.fixture
def round_a(framework, partnership_a, lead_a, contributor_a, viewer_a, lead_b):
    return opened_round(partnership_a, framework, by=lead_a)
