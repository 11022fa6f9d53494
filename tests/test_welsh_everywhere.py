"""No English left on a Welsh page: every page of Cradle, for every role, read in Welsh.

The pages come from the URL resolver (tests/site_graph.py), as in the axe crawl, so a new page
is read as soon as it exists. On each page the text a person reads (text, and the alt, title,
placeholder and aria-label attributes) is split into runs; a run is English when it has English
words ("the", "your", "with"...) once the data typed into Cradle (names, evidence, titles: every
text column of every row) is taken out of it. Text marked `lang="en"` on purpose (the language
switch's "English") is skipped, and so are scripts and styles.
"""

from collections import defaultdict

import pytest
from django.conf import settings
from django.test import Client

from tests.english_text import EnglishFinder, runs_of
from tests.security.routes import ERROR_PAGES
from tests.site_graph import AWAITING_CODE, build_site, urls_by_route
from twostep.gate import SESSION_KEY


def client_as(user, second_step: bool) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    if user is not None:
        client.force_login(user)
        if not second_step:
            session = client.session
            del session[SESSION_KEY]
            session.save()
    return client


@pytest.mark.django_db
def test_no_page_shows_english_to_a_welsh_reader():
    site = build_site()
    seen = defaultdict(list)  # run of text → where it was read
    pages = 0
    for role, user in site.people.items():
        client = client_as(user, second_step=role != AWAITING_CODE)
        for name, urls in urls_by_route(site.rounds).items():
            for url in urls:
                response = client.get(url)
                if response.status_code == 302 and name == "password_reset_confirm":
                    response = client.get(response["Location"])
                is_page = response.get("Content-Type", "").startswith("text/html")
                if not is_page or (response.status_code != 200 and name not in ERROR_PAGES):
                    continue
                pages += 1
                for run in runs_of(response.content.decode()):
                    seen[run].append(f"{url} ({role})")
    is_english = EnglishFinder()
    english = {run: where[0] for run, where in seen.items() if is_english(run)}
    assert pages > 250
    assert english == {}, f"{len(english)} runs of English on Welsh pages:\n" + "\n".join(
        f"{run!r} on {where}" for run, where in sorted(english.items(), key=lambda i: i[1])
    )
