"""The load test: locust against gunicorn and PostgreSQL, with production settings.

Three phases, each bounded in time:

- steady: 50 users (contributors rating, leads in the workshop, commissioners reading
  dashboards and exporting) with think time; per page requests a second, p95, p99 and
  failures; any 5xx fails the run.
- steps: users added in steps until a step's p99 passes one second: the knee. Overload must
  show as slower pages, not as errors.
- resilience: on a throwaway PostgreSQL cluster of its own (never the shared server), the app's
  connections are terminated mid-run and the server is restarted mid-run. Errors may only fall
  inside those outage windows, and every save the client saw acknowledged must be in the
  database afterwards.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from django.db import connection
from django.urls import reverse

from assessments.models import Assessment, AssessmentStatus, Response
from partnership.models import Membership, Partnership, Role
from perf import benchmark, postgres, scale, serving, stepping

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
GRACE = 5.0  # seconds after an outage ends in which errors still count as inside it
STEP_USERS = [50, 75, 100, 125, 150, 200, 300, 400]
SETTLE = 20  # seconds after users are added before measuring, at the least (stepping.py)


def build_plan(partnerships: int = 25) -> dict:
    """Accounts and addresses for the locust users, from the scale data."""
    chosen = list(
        Partnership.objects.filter(slug__startswith=scale.SLUG_PREFIX).order_by("pk")[:partnerships]
    )
    plan: dict = {"password": scale.PASSWORD, "contributor": [], "lead": [], "dashboards": []}
    for partnership in chosen:
        rounds = Assessment.objects.filter(
            partnership=partnership, framework__code=benchmark.FRAMEWORK
        ).select_related("framework__scale")
        open_round = rounds.filter(status=AssessmentStatus.OPEN).order_by("-created").first()
        settled = rounds.filter(status=AssessmentStatus.PUBLISHED).order_by("-created").first()
        if open_round is None or settled is None:
            continue
        slug = partnership.slug
        rate = [
            reverse("assessments:rate", args=[slug, open_round.pk, code])
            for code in open_round.framework.dimensions.values_list("code", flat=True)
        ]
        levels = list(open_round.framework.scale.levels.values_list("value", flat=True))
        members = Membership.objects.filter(partnership=partnership).select_related("user")
        for member in members.order_by("user__email"):
            if member.role == Role.CONTRIBUTOR:
                plan["contributor"].append(
                    {"email": member.user.email, "rate": rate, "levels": levels}
                )
            elif member.role == Role.LEAD:
                plan["lead"].append(
                    {
                        "email": member.user.email,
                        "workshop": reverse("assessments:workshop", args=[slug, settled.pk]),
                        "results": reverse("assessments:results", args=[slug, settled.pk]),
                        "round": reverse("assessments:round", args=[slug, open_round.pk]),
                        "services": reverse("continuum:service-list", args=[slug]),
                        # The round workbook holds named ratings: leads alone download it.
                        "workbook": reverse("assessments:round-xlsx", args=[slug, settled.pk]),
                    }
                )
        plan["dashboards"].append(reverse("dashboards:area", args=[slug]))
    plan["commissioner"] = [{"email": scale.COMMISSIONER_EMAIL}]
    plan["exports"] = exports(chosen[0])
    return plan


def exports(partnership: Partnership) -> list[tuple[str, str]]:
    """What commissioners download: the cross-area and area tables, and the board report."""
    slug = partnership.slug
    return [
        ("cross-area CSV", reverse("oversight:csv")),
        ("cross-area XLSX", reverse("oversight:xlsx")),
        ("area coverage CSV", reverse("dashboards:coverage-csv", args=[slug])),
        ("area dashboard XLSX", reverse("dashboards:xlsx", args=[slug])),
        ("board report PDF", reverse("dashboards:report-pdf", args=[slug])),
    ]


def run_locust(port: int, folder: Path, *, steps: list[int], seconds: int, settle: int, env: dict):
    """Runs locust headless on loopback, users in steps; returns each step's figures."""
    output = folder / "steps.json"
    config = {"users": steps, "seconds": seconds, "settle": settle, "output": str(output)}
    command = [
        sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless",
        "--host", f"http://127.0.0.1:{port}", "--only-summary", "--stop-timeout", "10",
    ]  # fmt: skip
    with (folder / "locust.out").open("w") as out:
        subprocess.run(  # noqa: S603 (a fixed command line)
            command,
            env={**os.environ, **env, "LOADTEST_STEPS": json.dumps(config)},
            stdout=out,
            stderr=subprocess.STDOUT,
            timeout=(seconds + stepping.SIGN_IN_LIMIT) * len(steps) + 120,  # each step may wait
            check=False,  # locust exits 1 on any failure; the figures say which
        )
    return json.loads(output.read_text()) if output.exists() else []


def read_log(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def server_errors(entries: list[dict]) -> list[dict]:
    """Requests answered with a 5xx, or not answered at all."""
    return [
        e for e in entries if e["kind"] == "request" and (e["status"] >= 500 or e["status"] == 0)
    ]


def check_saves(entries: list[dict]) -> dict:
    """Every acknowledged save is in the database: each answer holds its last acknowledged
    evidence, or evidence from a later attempt whose reply was lost (saved, not acknowledged)."""
    attempts: dict[tuple, list[str]] = {}
    acknowledged: dict[tuple, str] = {}
    for e in entries:
        key = (e.get("email"), e.get("round"), e.get("element"))
        if e["kind"] == "save-attempt":
            attempts.setdefault(key, []).append(e["token"])
        elif e["kind"] == "save-acknowledged":
            acknowledged[key] = e["token"]
    refused: dict[str, int] = {}
    for e in entries:
        if e["kind"] == "save-refused":
            refused[str(e["status"])] = refused.get(str(e["status"]), 0) + 1
    missing = []
    for (email, url, prefix), token in acknowledged.items():
        assessment = int(re.search(r"/assessments/(\d+)/", url).group(1))
        evidence = (
            Response.objects.filter(
                assessment=assessment, respondent__email=email, element=int(prefix[1:])
            )
            .values_list("evidence", flat=True)
            .first()
            or ""
        )
        tried = attempts.get((email, url, prefix), [])
        allowed = tried[tried.index(token) :] if token in tried else [token]
        if not any(t in evidence for t in allowed):
            missing.append({"email": email, "round": url, "element": prefix, "token": token})
    saves = sum(1 for e in entries if e["kind"] == "save-acknowledged")
    return {
        "acknowledged": saves,
        "answers_checked": len(acknowledged),
        "refused": refused,
        "missing": missing,
    }


@contextmanager
def served(database_url: str, folder: Path):
    env = serving.production_env(DATABASE_URL=database_url)
    serving.ensure_static(env)
    workers = 2 * (os.cpu_count() or 1)
    with serving.gunicorn(workers=workers, env=env, folder=folder) as port:
        yield port, workers


def locust_env(folder: Path, plan: dict, p99: float = 1000) -> dict:
    (folder / "plan.json").write_text(json.dumps({**plan, "p99_ms": p99}))
    return {
        "LOADTEST_PLAN": str(folder / "plan.json"),
        "LOADTEST_LOG": str(folder / "requests.jsonl"),
    }


def steady(plan: dict, *, users: int, seconds: int, progress: Callable) -> dict:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        with served(serving.database_url(), folder) as (port, workers):
            progress(f"steady: {users} users for {seconds}s against {workers} workers")
            # Figures from once every user has signed in: signing in hashes a password, slowly
            # on purpose, and a crowd signing in at once is not the steady state measured.
            found = run_locust(
                port,
                folder,
                steps=[users],
                seconds=seconds + SETTLE,
                settle=SETTLE,
                env=locust_env(folder, plan, p99=1e9),
            )
        entries = read_log(folder / "requests.jsonl")
    return {
        "users": users,
        "workers": workers,
        "seconds": seconds,
        **(found[0] if found else {"pages": []}),
        "server_errors": len(server_errors(entries)),
        "saves": check_saves(entries),
    }


def steps(plan: dict, *, users: list[int], seconds: int, progress: Callable) -> dict:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        with served(serving.database_url(), folder) as (port, workers):
            progress(f"steps: {users} users, {seconds}s each, until p99 passes 1 s")
            found = run_locust(
                port,
                folder,
                steps=users,
                seconds=seconds,
                settle=SETTLE,
                env=locust_env(folder, plan),
            )
        entries = read_log(folder / "requests.jsonl")
    knee = next((step for step in found if step["p99_ms"] > 1000), None)
    return {
        "workers": workers,
        "steps": [{k: v for k, v in step.items() if k != "pages"} for step in found],
        "knee_users": knee["users"] if knee else None,
        "server_errors": len(server_errors(entries)),
    }


def resilience_on_own_cluster(*, progress: Callable) -> dict:
    """Sets up the throwaway cluster with a little scale data, then runs the resilience
    phase in a process of its own pointed at it (this process stays on its own database)."""
    with tempfile.TemporaryDirectory() as name, postgres.throwaway_cluster() as (cluster, url):
        progress("resilience: a throwaway PostgreSQL cluster: migrating, generating")
        postgres.manage(url, "migrate", "--no-input", "-v0")
        postgres.manage(url, "generate_scale_data", "--areas", "6", "--rounds", "2")
        output = Path(name) / "resilience.json"
        postgres.manage(
            url, "loadtest", "--resilience-cluster", str(cluster), "--output", str(output)
        )
        return json.loads(output.read_text())["resilience"]


def resilience(cluster: Path, *, users: int, seconds: int, progress: Callable) -> dict:
    """Connections terminated a third of the way in, the server restarted at two thirds."""
    plan = build_plan(partnerships=6)
    windows: list[dict] = []

    def outages(started: float) -> None:
        for fraction, event, action in [
            (1 / 3, "terminate connections", postgres.terminate_connections),
            (
                2 / 3,
                "restart PostgreSQL",
                lambda: postgres.pg_ctl(cluster, "-m", "fast", "restart"),
            ),
        ]:
            time.sleep(max(0, started + fraction * seconds - time.time()))
            start = time.time()
            action()
            windows.append({"event": event, "start": start, "end": time.time()})

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        with served(serving.database_url(), folder) as (port, _workers):
            progress(f"resilience: {users} users for {seconds}s; terminate, then restart")
            timer = threading.Thread(target=outages, args=(time.time(),))
            timer.start()
            run_locust(
                port, folder, steps=[users], seconds=seconds, settle=0, env=locust_env(folder, plan)
            )
            timer.join()
        entries = read_log(folder / "requests.jsonl")
    errors = server_errors(entries)
    outside = [e for e in errors if not any(inside(e["at"], w) for w in windows)]
    connection.close()  # this process's own connection went with the outages
    return {
        "users": users,
        "seconds": seconds,
        "outages": [
            {
                "event": w["event"],
                "at_s": round(w["start"] - windows[0]["start"], 1),
                "seconds": round(w["end"] - w["start"], 2),
            }
            for w in windows
        ],  # fmt: skip
        "requests": sum(1 for e in entries if e["kind"] == "request"),
        "errors_inside_windows": len(errors) - len(outside),
        "errors_outside_windows": len(outside),
        "saves": check_saves(entries),
    }


def inside(at: float, window: dict) -> bool:
    return window["start"] - 0.5 <= at <= window["end"] + GRACE


def table(results: dict) -> str:
    lines = []
    if "machine" in results:
        m = results["machine"]
        lines.append(
            f"Machine: {m['cores']} cores; the reference loop (perf/machine.py) took "
            f"{m['reference_loop_ms']} ms"
        )
    if "steady" in results:
        s = results["steady"]
        lines.append(f"Steady: {s['users']} users, {s['seconds']}s, {s['workers']} workers")
        head = f"{'page':<24}{'requests':>9}{'rps':>8}{'median':>8}{'p95':>8}{'p99':>8}{'fail':>6}"
        lines += [head, "-" * len(head)]
        for p in [*s["pages"], s]:  # each page, then all pages together
            lines.append(
                f"{p['page']:<24}{p['requests']:>9}{p['rps']:>8.2f}{p['median_ms']:>8.0f}"
                f"{p['p95_ms']:>8.0f}{p['p99_ms']:>8.0f}{p['failures']:>6}"
            )
        lines.append(
            f"5xx or no answer: {s['server_errors']}; saves acknowledged "
            f"{s['saves']['acknowledged']}, missing {len(s['saves']['missing'])}"
        )
    if "steps" in results:
        s = results["steps"]
        lines.append("")
        lines.append(f"Steps ({s['workers']} workers): users, rps, median, p95, p99 (ms), failures")
        for step in s["steps"]:
            lines.append(
                f"  {step['users']:>4} users {step['rps']:>7.1f} rps {step['median_ms']:>6} "
                f"{step['p95_ms']:>6} {step['p99_ms']:>6} {step['failures']:>5}"
            )
        lines.append(
            f"Knee (first step with p99 over 1 s): {s['knee_users'] or 'not reached'}; "
            f"5xx or no answer: {s['server_errors']}"
        )
    if "resilience" in results:
        r = results["resilience"]
        lines.append("")
        for w in r["outages"]:
            lines.append(f"Resilience: {w['event']} at {w['at_s']}s took {w['seconds']}s")
        lines.append(
            f"Resilience: {r['requests']} requests, errors inside outage windows "
            f"{r['errors_inside_windows']}, outside {r['errors_outside_windows']}; saves "
            f"acknowledged {r['saves']['acknowledged']}, missing {len(r['saves']['missing'])}"
        )
    return "\n".join(lines)


def failed(results: dict) -> list[str]:
    problems = []
    if results.get("steady", {}).get("server_errors"):
        problems.append("the steady run had 5xx responses")
    for phase in ("steady", "resilience"):
        if results.get(phase, {}).get("saves", {}).get("missing"):
            problems.append(f"acknowledged saves missing from the database ({phase})")
    if results.get("steps", {}).get("server_errors"):
        problems.append("overload showed as errors, not only as slower pages")
    if results.get("resilience", {}).get("errors_outside_windows"):
        problems.append("errors outside the outage windows")
    return problems
