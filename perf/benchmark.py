"""The benchmark: Cradle's main pages timed through gunicorn, with budgets as ratios.

The machines are shared and noisy, so absolute times mean little: every page's median is
compared with the median of the simplest signed-in page (the password change form, the floor)
measured in the same run, the pages taken in turn so that noise falls on all of them alike.

Times are the server's own (gunicorn's access log, `%(D)s` microseconds, keyed by a request
header), so the client's Python costs nothing. SQL queries are counted once per page in this
process, with Django's test client and `CaptureQueriesContext` against the same database: the
production stack is left exactly as it ships, with no counting middleware or header to guard.
"""

import contextlib
import json
import statistics
import tempfile
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.models import F
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.forms import answer_initial
from assessments.models import Assessment, AssessmentStatus, Response
from continuum.models import Service
from partnership.models import DataVersion, Membership, Partnership, Role, User
from partnership.versions import SHARED
from perf import latency, scale
from perf.serving import HttpClient, Reply, ensure_static, gunicorn, production_env
from twostep.gate import mark_passed

FRAMEWORK = "maternity-early-years"
# A page's median may be at most this many times the floor's (issue 8's budgets, tightened for
# the dashboards and the report by issue 20).
BUDGETS = {
    "area dashboard": 4,
    "cross-area dashboard": 4,
    "board report PDF": 2,
    "rating save": 2,
    "rating page": 3,
    "service list": 3,
}
# Every page's p95 may be at most this many times its median: the tail a user feels.
TAIL = 2
# A page that should not grow with the number of areas may take at most this much longer at
# national scale than at demo scale.
FLAT = {"cross-area dashboard": 1.2}
# The floor is a page whose work is only the signed-in request itself: "your partnerships"
# carries each person's task list, so it is timed as a page like the others.
FLOOR = "signed-in floor"
API_PAGE = "ORUK services API"


@dataclass
class Page:
    """One request the benchmark repeats: who asks, and what."""

    name: str
    url: str
    persona: str | None  # "lead", "commissioner", or None for an anonymous request
    method: str = "GET"
    form: Callable[[], dict] | None = None  # fresh POST data for each request


@dataclass
class Target:
    """The partnership, round and people the requests are about."""

    partnership: Partnership
    lead: User
    commissioner: User
    open_round: Assessment
    settled_round: Assessment
    dimension: str
    element_id: int


def find_target() -> Target:
    """The first scale partnership's lead, its open and latest settled round, the commissioner."""
    lead = User.objects.get(email=scale.LEAD_EMAIL)
    membership = Membership.objects.select_related("partnership").get(user=lead, role=Role.LEAD)
    rounds = Assessment.objects.filter(
        partnership=membership.partnership, framework__code=FRAMEWORK
    ).order_by("-created")
    open_round = rounds.filter(status=AssessmentStatus.OPEN).select_related("framework").first()
    settled = rounds.filter(status=AssessmentStatus.PUBLISHED).first()
    if open_round is None or settled is None:
        raise LookupError(
            "The benchmark needs an open and a published round: generate with --rounds 2 or more"
        )
    dimension = open_round.framework.dimensions.order_by("order").first()
    return Target(
        partnership=membership.partnership,
        lead=lead,
        commissioner=User.objects.get(email=scale.COMMISSIONER_EMAIL),
        open_round=open_round,
        settled_round=settled,
        dimension=dimension.code,
        element_id=dimension.elements.order_by("order").values_list("pk", flat=True)[0],
    )


def rating_form(target: Target) -> dict:
    """POST data changing the lead's answer to one element, from the version saved now."""
    response = (
        Response.objects.filter(
            assessment=target.open_round, respondent=target.lead, element=target.element_id
        )
        .select_related("level")
        .first()
    )
    shown = answer_initial(response)
    levels = list(
        target.open_round.framework.scale.levels.order_by("value").values_list("value", flat=True)
    )
    current = shown["level"]
    new = str(levels[1] if current == str(levels[0]) else levels[0])
    prefix = f"e{target.element_id}"
    return {
        f"{prefix}-level": new,
        f"{prefix}-evidence": shown["evidence"] or "Seen in the board papers.",
        f"{prefix}-links": shown["links"],
        f"{prefix}-strength": shown["strength"] or "evidenced",
        f"{prefix}-version": str(shown["version"]),
        f"{prefix}-digest": shown["digest"],
    }


def pages(target: Target) -> list[Page]:
    """The fixed set of requests, the rating save right after the rating page."""
    slug = target.partnership.slug
    rating = [slug, target.open_round.pk, target.dimension]
    wanted = [
        ("healthz", "healthz", [], None),
        (FLOOR, "password_change", [], "lead"),
        ("your partnerships", "partnership:list", [], "lead"),
        ("service list", "continuum:service-list", [slug], "lead"),
        ("coverage matrix", "continuum:matrix", [slug], "lead"),
        ("rating page", "assessments:rate", rating, "lead"),
        ("area dashboard", "dashboards:area", [slug], "lead"),
        ("cross-area dashboard", "oversight:index", [], "commissioner"),
        ("round XLSX", "assessments:round-xlsx", [slug, target.settled_round.pk], "lead"),
        ("board report PDF", "dashboards:report-pdf", [slug], "lead"),
    ]
    found = [Page(name, reverse(url, args=args), persona) for name, url, args, persona in wanted]
    # One page of up to 100 services as Open Referral UK, as another service would read it.
    api_page = reverse("api:oruk-services", args=[slug]) + "?per_page=100"
    found.append(Page(API_PAGE, api_page, None))
    # The save posts to the rating page's own address, right after the page.
    at = next(i for i, page in enumerate(found) if page.name == "rating page") + 1
    save = Page("rating save", found[at - 1].url, "lead", "POST", lambda: rating_form(target))
    return [*found[:at], save, *found[at:]]


def count_queries(page: Page, target: Target) -> tuple[int, int]:
    """The page's SQL queries, counted in this process against the same database: on a first
    request, and on a repeat (which a page drawn from the data-versioned cache answers with
    fewer)."""
    client = Client(SERVER_NAME="127.0.0.1")
    user = {"lead": target.lead, "commissioner": target.commissioner}.get(page.persona)
    if user:
        client.force_login(user)
        # Counted as a lead sees the page once signed in: past the second step.
        session = client.session
        mark_passed(session, user)
        session.save()
    counts = []
    for _ in range(2):
        data = page.form() if page.form else None  # before counting: the benchmark's own
        with CaptureQueriesContext(connection) as queries:
            if page.method == "POST":
                client.post(page.url, data, secure=True)
            else:
                client.get(page.url, secure=True)
        counts.append(len(queries))
    return counts[0], counts[1]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run(
    *,
    requests: int,
    warmup: int = 2,
    db_delay_ms: float = 0,
    changing: bool = False,
    progress: Callable[[str], None] = print,
) -> dict:
    """Times every page `requests` times through gunicorn; returns the results as a dict.

    With `db_delay_ms`, gunicorn reaches PostgreSQL through a proxy that adds that much to
    every round trip (`perf.latency`), as a database on another machine would. With
    `changing`, the shared data version moves before every request, as if the data changed
    each time: no page is served from the data-versioned cache, so each is timed drawing afresh.
    """
    target = find_target()
    found = pages(target)
    env = production_env()
    ensure_static(env)
    with tempfile.TemporaryDirectory() as name, contextlib.ExitStack() as stack:
        if db_delay_ms:
            env["DATABASE_URL"] = stack.enter_context(distant_database(db_delay_ms))
        folder = Path(name)
        # Cold caches of the run's own, for the servers and for counting queries here: a page
        # kept by an earlier run would make its first request look like a repeat.
        caches = {kind: folder / kind for kind in ("pages", "reports")}
        env.update(PAGE_CACHE_DIR=str(caches["pages"]), REPORT_CACHE_DIR=str(caches["reports"]))
        with gunicorn(workers=2, env=env, folder=folder, access_log=True) as port:
            clients = {None: HttpClient(port)}
            for persona, user in (("lead", target.lead), ("commissioner", target.commissioner)):
                clients[persona] = HttpClient(port)
                clients[persona].sign_in(user.email, scale.PASSWORD)
            replies = measure(found, clients, requests, warmup, progress, changing)
        server_us = parse_log(folder / "access.log")
        counted = {
            kind: {**settings.CACHES[kind], "LOCATION": str(caches[kind] / "counted")}
            for kind in caches
        }
        with override_settings(CACHES={**settings.CACHES, **counted}):
            rows = [summarise(page, replies[page.name], server_us, target) for page in found]
    floor = next(row for row in rows if row["page"] == FLOOR)["median_ms"]
    for row in rows:
        row["ratio"] = round(row["median_ms"] / floor, 2) if floor else None
        budget = BUDGETS.get(row["page"])
        row["budget"] = budget
        row["within_budget"] = None if budget is None else row["ratio"] <= budget
        row["steady"] = row["p95_ms"] <= TAIL * row["median_ms"]
    return {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "database": connection.vendor,
        "scale": scale_counts(),
        "requests_per_page": requests,
        "db_delay_ms": db_delay_ms,
        "changing": changing,
        "pages": rows,
        "budgets_met": all(row["within_budget"] is not False and row["steady"] for row in rows),
    }


@contextlib.contextmanager
def distant_database(delay_ms: float):
    """This process's PostgreSQL database as a URL through the delaying proxy."""
    db = connection.settings_dict
    if connection.vendor != "postgresql":
        raise LookupError("A delay to the database needs PostgreSQL (DATABASE_URL=postgres://...)")
    with latency.delayed(db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432), delay_ms) as port:
        password = f":{urllib.parse.quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
        yield f"postgres://{db['USER']}{password}@127.0.0.1:{port}/{db['NAME']}"


def measure(
    found, clients, requests, warmup, progress, changing=False
) -> dict[str, list[tuple[str, Reply]]]:
    """Pages in turn, `warmup + requests` rounds; warm-up replies are dropped."""
    replies: dict[str, list[tuple[str, Reply]]] = {page.name: [] for page in found}
    for n in range(warmup + requests):
        for page in found:
            client = clients[page.persona]
            tag = f"{n}-{page.name}" if n >= warmup else ""
            data = None
            if page.method == "POST":
                data = {"csrfmiddlewaretoken": client.csrf_token(), **page.form()}
            if changing:
                move_shared_version()
            reply = client.request(page.method, page.url, data, tag=tag)
            if tag:
                replies[page.name].append((tag, reply))
        if n >= warmup and (n - warmup + 1) % 5 == 0:
            progress(f"{n - warmup + 1}/{requests} rounds of {len(found)} pages")
    return replies


def move_shared_version() -> None:
    """As any change to the shared library does (the triggers of partnership migration 0009)."""
    updated = DataVersion.objects.filter(scope=SHARED).update(version=F("version") + 1)
    if not updated:
        DataVersion.objects.create(scope=SHARED, version=1)


def parse_log(log: Path) -> dict[str, float]:
    """Request tag -> server time in milliseconds, from gunicorn's access log."""
    times = {}
    for line in log.read_text().splitlines():
        tag, _status, micros = line.rsplit(" ", 2)
        if tag != "-":
            times[tag] = int(micros) / 1000
    return times


def summarise(page: Page, replies, server_ms: dict[str, float], target: Target) -> dict:
    times = [server_ms[tag] for tag, _ in replies if tag in server_ms]
    statuses = sorted({reply.status for _, reply in replies})
    return {
        "page": page.name,
        "method": page.method,
        "url": page.url,
        "statuses": statuses,
        "requests": len(times),
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        **dict(zip(["first_queries", "queries"], count_queries(page, target), strict=True)),
        "bytes": len(replies[-1][1].body),
    }


def scale_counts() -> dict[str, int]:
    return {
        "partnerships": Partnership.objects.count(),
        "services": Service.objects.count(),
        "assessments": Assessment.objects.count(),
        "responses": Response.objects.count(),
    }


def compare_queries(results: dict, other: dict) -> list[str]:
    """Pages whose query count differs from another run's (demo scale against national)."""
    theirs = {row["page"]: row["queries"] for row in other["pages"]}
    return [
        f"{row['page']}: {row['queries']} queries here, {theirs[row['page']]} there"
        for row in results["pages"]
        if row["page"] in theirs and theirs[row["page"]] != row["queries"]
    ]


def table(results: dict) -> str:
    """The results as a fixed-width table for the terminal and the notes."""
    head = f"{'page':<22}{'reqs':>5}{'median ms':>11}{'p95 ms':>9}{'queries':>8}{'first':>6}"
    head += f"{'bytes':>10}{'ratio':>8}{'budget':>8}  ok  p95≤{TAIL}×"
    lines = [head, "-" * len(head)]
    for row in results["pages"]:
        budget = f"≤{row['budget']}×" if row["budget"] else ""
        ok = {True: "yes", False: "NO", None: ""}[row["within_budget"]]
        steady = "yes" if row.get("steady", True) else "NO"
        lines.append(
            f"{row['page']:<22}{row['requests']:>5}{row['median_ms']:>11.1f}{row['p95_ms']:>9.1f}"
            f"{row['queries']:>8}{row.get('first_queries', row['queries']):>6}{row['bytes']:>10}"
            f"{row['ratio']:>7.2f}×{budget:>8}  {ok:<4}{steady:>6}"
        )
    return "\n".join(lines)


def side_by_side(smaller: dict, larger: dict) -> str:
    """Two runs' medians, ratios and query counts page by page (demo scale, then national),
    each page whose query count differs flagged: a count that grows with the data."""
    theirs = {row["page"]: row for row in smaller["pages"]}
    sizes = [f"{run['scale']['partnerships']} areas" for run in (smaller, larger)]
    head = f"{'':<22}" + "".join(f"{size:^27}" for size in sizes)
    columns = f"{'page':<22}" + f"{'median ms':>11}{'ratio':>8}{'queries':>8}" * 2
    columns += f"{'growth':>8}  queries"
    lines = [head, columns, "-" * len(columns)]
    for row in larger["pages"]:
        other = theirs.get(row["page"])
        if other is None:
            continue
        cells = "".join(
            f"{run['median_ms']:>11.1f}{run['ratio']:>7.2f}×{run['queries']:>8}"
            for run in (other, row)
        )
        growth = row["median_ms"] / other["median_ms"] if other["median_ms"] else 0
        limit = FLAT.get(row["page"])
        over = f" (over {limit:g}×)" if limit and growth > limit else ""
        flag = "  DIFFER" if other["queries"] != row["queries"] else "  same"
        lines.append(f"{row['page']:<22}{cells}{growth:>7.2f}×{flag}{over}")
    return "\n".join(lines)


def write(results: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2) + "\n")
