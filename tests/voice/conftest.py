import pytest

from tests.security.conftest import build_framework
from tests.voice.factories import make_survey


@pytest.fixture
def framework(db):
    return build_framework()


@pytest.fixture
def survey(partnership_a, framework):
    return make_survey(partnership_a)
