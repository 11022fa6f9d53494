"""Two app servers behind a real reverse proxy: nginx in front of two gunicorn servers on one
PostgreSQL database, driven with the load test's own mix of users.

nginx runs as an unprivileged process from a configuration written into a temporary folder
(its pid file, logs and buffers live there too). It spreads requests over the servers in turn.
A request that could not reach a server (refused, reset, timed out) goes to the other server,
but only when that cannot do the work twice: a GET or HEAD always, a POST only when it never
reached the first server. A POST a server accepted and then lost (it stopped mid-request) is
answered 502; the client is told, and it is never saved twice. A server that answered, even
with a 5xx, is never asked again.

Three phases, each a fresh proxy and a fresh crowd of users:

- one server: the proxy sends everything to server A;
- two servers: to A and B in turn;
- a server stops: as two servers, and a third of the way in B is killed (SIGKILL to its whole
  process group, master and workers: a crash, the harshest stop; SIGTERM would let it finish
  what it had in hand), then started again at two thirds, through the release step as always.

Each server starts through `manage.py release` (migrations and the library under an advisory
lock), both at once, as servers would after a deploy.
"""

import grp
import os
import pwd
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from perf import loadtest, scale, serving

NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
# How far an nginx log line's start or end may stray from the kill and still count as in
# flight: nginx reads its clock once per event loop, to the millisecond.
IN_FLIGHT_SLACK = 0.25
# Pages that redirect to the sign-in form when a session is not recognised.
NOT_PAGES = {"sign in", "sign-in page", "rating save"}

NGINX_CONF = """\
worker_processes 1;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    log_format timing '$msec $request_time $status $request_method '
                      '"$upstream_addr" "$upstream_status" "$request_uri"';
    access_log {folder}/access.log timing;
    client_max_body_size 20m;
    upstream cradle {{
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        server_name 127.0.0.1;
        location / {{
            proxy_pass http://cradle;
            proxy_set_header Host $host;
            # Exactly one address, the client's: Cradle trusts one proxy (TRUSTED_PROXY_COUNT=1).
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto $scheme;
            # Connection failures and timeouts only, never a 5xx the app sent; non_idempotent
            # is left out, so a POST that reached a server is never sent to another.
            proxy_next_upstream error timeout;
            proxy_next_upstream_tries 2;
            proxy_connect_timeout 2s;
            proxy_read_timeout 120s;
        }}
    }}
}}
"""
LOG_LINE = re.compile(
    r"^(?P<end>[\d.]+) (?P<seconds>[\d.]+) (?P<status>\d+) (?P<method>\S+) "
    r'"(?P<upstreams>[^"]*)" "(?P<upstream_statuses>[^"]*)" "(?P<uri>[^"]*)"$'
)


def nginx_installed() -> bool:
    return Path(NGINX).exists()


def unprivileged() -> dict:
    """Popen arguments that drop root, as a hosting team runs nginx's workers."""
    if os.geteuid() != 0:
        return {}
    return {"user": "nobody", "group": "nogroup", "extra_groups": []}


@contextmanager
def proxy(upstreams: list[int], access_log: Path) -> Iterator[int]:
    """nginx on a free loopback port in front of the given servers, until the block ends.

    Its configuration, pid file, logs and buffers are in a folder of its own, which its
    unprivileged process owns; the access log is kept at `access_log` afterwards.
    """
    folder = Path(tempfile.mkdtemp(prefix="cradle-nginx-"))
    port = serving.free_port()
    servers = "\n".join(
        f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;" for p in upstreams
    )
    (folder / "nginx.conf").write_text(NGINX_CONF.format(folder=folder, port=port, servers=servers))
    if os.geteuid() == 0:
        os.chown(folder, *nobody())
    command = [NGINX, "-p", f"{folder}/", "-c", str(folder / "nginx.conf"), "-e", "error.log"]
    try:
        process = subprocess.Popen(  # noqa: S603 (a fixed command line)
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            **unprivileged(),
        )
        try:
            wait_for_port(port, process, what="nginx", log=folder / "error.log")
            yield port
        finally:
            stop_group(process, signal.SIGTERM)
        if (folder / "access.log").exists():
            shutil.copyfile(folder / "access.log", access_log)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def nobody() -> tuple[int, int]:
    return pwd.getpwnam("nobody").pw_uid, grp.getgrnam("nogroup").gr_gid


def wait_for_port(port: int, process: subprocess.Popen, *, what: str, log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} stopped at once:\n{read_tail(log)}")
        with socket.socket() as sock, suppress(OSError):
            sock.settimeout(1)
            sock.connect(("127.0.0.1", port))
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen in time:\n{read_tail(log)}")


def read_tail(path: Path) -> str:
    return path.read_text()[-3000:] if path.exists() else ""


def stop_group(process: subprocess.Popen, sig: int) -> None:
    """Sends a signal to a process and everything it started, and waits for it."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@dataclass
class AppServer:
    """One gunicorn server, started through the release step, on a port it keeps."""

    name: str
    env: dict[str, str]
    folder: Path
    workers: int = 2
    port: int = field(default_factory=serving.free_port)
    process: subprocess.Popen | None = None

    def start(self) -> None:
        release = [sys.executable, "manage.py", "release"]
        gunicorn = [
            sys.executable, "-m", "gunicorn", "config.wsgi",
            "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers),
            "--timeout", "120",
            # Each server would otherwise claim the same control socket in the home folder.
            "--no-control-socket",
        ]  # fmt: skip
        # The shell runs the release step, then becomes gunicorn's master.
        script = f"{quote(release)} && exec {quote(gunicorn)}"
        with self.log.open("a") as output:
            self.process = subprocess.Popen(  # noqa: S603 (a fixed command line)
                ["/bin/sh", "-c", script],
                cwd=settings.BASE_DIR,
                env=self.env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: stopped as a whole
            )

    @property
    def log(self) -> Path:
        return self.folder / f"server-{self.name}.log"

    def wait_until_up(self, timeout: float = 180) -> None:
        try:
            serving.wait_until_up(self.port, self.process, timeout=timeout)
        except RuntimeError as error:
            raise RuntimeError(f"server {self.name}: {error}\n{read_tail(self.log)}") from error

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process is not None and self.process.poll() is None:
            stop_group(self.process, sig)


def quote(command: list[str]) -> str:
    return " ".join(shlex.quote(part) for part in command)


@contextmanager
def app_servers(env: dict[str, str], folder: Path, *, workers: int) -> Iterator[list[AppServer]]:
    """Two servers started at once (both run the release step), stopped at the end."""
    servers = [AppServer(name, env, folder, workers) for name in ("a", "b")]
    try:
        for server in servers:
            server.start()
        for server in servers:
            server.wait_until_up()
        yield servers
    finally:
        for server in servers:
            server.stop()


def server_env(database_url: str) -> dict[str, str]:
    """Production settings, the same secret key on both servers, one proxy in front."""
    return serving.production_env(DATABASE_URL=database_url, TRUSTED_PROXY_COUNT="1")


def read_proxy_log(path: Path) -> list[dict]:
    rows = []
    for line in path.read_text().splitlines() if path.exists() else []:
        found = LOG_LINE.match(line)
        if found:
            end, seconds = float(found["end"]), float(found["seconds"])
            rows.append(
                {
                    "start": end - seconds,
                    "end": end,
                    "status": int(found["status"]),
                    "method": found["method"],
                    "upstreams": [u.strip() for u in found["upstreams"].split(",")],
                    "uri": found["uri"],
                }
            )
    return rows


def in_flight_on(row: dict, port: int, at: float) -> bool:
    """The request was with the given server when it was stopped."""
    return (
        f"127.0.0.1:{port}" in row["upstreams"]
        and row["start"] - IN_FLIGHT_SLACK <= at <= row["end"] + IN_FLIGHT_SLACK
    )


def sessions_dropped(entries: list[dict]) -> int:
    """Pages answered with a redirect (to the sign-in form) for a signed-in user."""
    return sum(
        1
        for e in entries
        if e["kind"] == "request" and e["name"] not in NOT_PAGES and e["status"] in (301, 302)
    )


def phase(
    name: str,
    upstreams: list[int],
    plan: dict,
    folder: Path,
    *,
    users: int,
    seconds: int,
    settle: int,
    during: Callable[[float], list[dict]] | None = None,
) -> dict:
    """One crowd of users through a fresh proxy; returns its figures and what went wrong."""
    folder = folder / name
    folder.mkdir()
    events: list[dict] = []
    with proxy(upstreams, folder / "proxy.log") as port:
        timer = None
        if during is not None:
            timer = threading.Thread(target=lambda: events.extend(during(time.time())))
            timer.start()
        found = loadtest.run_locust(
            port,
            folder,
            steps=[users],
            seconds=seconds + settle,
            settle=settle,
            env=loadtest.locust_env(folder, plan, p99=1e9),
        )
        if timer is not None:
            timer.join()
    entries = loadtest.read_log(folder / "requests.jsonl")
    figures = found[0] if found else {"rps": 0, "requests": 0, "p95_ms": 0, "p99_ms": 0}
    errors = loadtest.server_errors(entries)
    return {
        "servers": len(upstreams),
        "users": users,
        "seconds": seconds,
        "rps": figures["rps"],
        "requests": figures["requests"],
        "median_ms": figures.get("median_ms"),
        "p95_ms": figures["p95_ms"],
        "p99_ms": figures["p99_ms"],
        "errors": len(errors),
        "no_answer": sum(1 for e in errors if e["status"] == 0),
        "sessions_dropped": sessions_dropped(entries),
        "saves": loadtest.check_saves(entries),
        "events": events,
        "proxy_log": read_proxy_log(folder / "proxy.log"),
    }


def session_check(proxy_port: int, servers: list[AppServer]) -> dict:
    """Signed in through the proxy, the same cookie is recognised by each server directly."""
    client = serving.HttpClient(proxy_port)
    client.sign_in(scale.LEAD_EMAIL, scale.PASSWORD)
    return session_check_as(client, servers)


def session_check_as(client: serving.HttpClient, servers: list[AppServer]) -> dict:
    """Each server's answer to "your partnerships" with the client's cookies (200: signed in;
    a redirect to the sign-in form: the session is unknown there)."""
    page = reverse("partnership:list")
    statuses = {}
    for server in servers:
        direct = serving.HttpClient(server.port, cookies=dict(client.cookies))
        statuses[server.name] = direct.request("GET", page).status
    return statuses


def run(
    database_url: str,
    *,
    users: int,
    seconds: int,
    settle: int,
    workers: int,
    progress: Callable[[str], None],
) -> dict:
    plan = loadtest.build_plan()
    env = server_env(database_url)
    serving.ensure_static(env)
    with tempfile.TemporaryDirectory(prefix="cradle-scaleout-") as name:
        folder = Path(name)
        progress(f"Starting servers A and B ({workers} workers each) through the release step")
        with app_servers(env, folder, workers=workers) as (a, b):
            results: dict = {"users": users, "seconds": seconds, "workers": workers}
            with proxy([a.port, b.port], folder / "session-check.log") as port:
                results["session_check"] = session_check(port, [a, b])
            progress(f"Phase 1: one server, {users} users for {seconds}s")
            results["one"] = phase(
                "one", [a.port], plan, folder, users=users, seconds=seconds, settle=settle
            )
            progress(f"Phase 2: two servers, {users} users for {seconds}s")
            results["two"] = phase(
                "two", [a.port, b.port], plan, folder, users=users, seconds=seconds, settle=settle
            )

            def stop_and_start(started: float) -> list[dict]:
                measured = started + settle
                time.sleep(max(0, measured + seconds / 3 - time.time()))
                stopped = time.time()
                b.stop(signal.SIGKILL)
                progress("  server B killed (SIGKILL to master and workers)")
                time.sleep(max(0, measured + 2 * seconds / 3 - time.time()))
                restarted = time.time()
                b.start()
                b.wait_until_up()
                progress("  server B started again and answering")
                return [{"stopped": stopped, "restarted": restarted, "up": time.time()}]

            progress(f"Phase 3: two servers, B killed and started again, {users} users")
            results["stop"] = phase(
                "stop",
                [a.port, b.port],
                plan,
                folder,
                users=users,
                seconds=seconds,
                settle=settle,
                during=stop_and_start,
            )
            judge_stop(results["stop"], b.port)
    for key in ("one", "two", "stop"):
        results[key]["unexplained_5xx"] = (
            results[key].get("unexplained_5xx")
            if key == "stop"
            else sum(1 for r in results[key]["proxy_log"] if r["status"] >= 500)
        )
        del results[key]["proxy_log"]
    one, two = results["one"]["rps"], results["two"]["rps"]
    results["two_against_one"] = round(two / one, 2) if one else None
    return results


def judge_stop(result: dict, port: int) -> None:
    """Sorts the stop phase's 5xx answers: in flight on the killed server, or not."""
    if not result["events"]:
        result["unexplained_5xx"] = sum(1 for r in result["proxy_log"] if r["status"] >= 500)
        return
    event = result["events"][0]
    failed = [r for r in result["proxy_log"] if r["status"] >= 500]
    in_flight = [r for r in failed if in_flight_on(r, port, event["stopped"])]
    rescued = [
        r
        for r in result["proxy_log"]
        if r["status"] < 500 and len(r["upstreams"]) > 1 and f"127.0.0.1:{port}" in r["upstreams"]
    ]
    result.update(
        in_flight_errors=len(in_flight),
        in_flight_errors_by_method=count_by(in_flight, "method"),
        unexplained_5xx=len(failed) - len(in_flight),
        passed_to_other_server=len(rescued),
        outage_seconds=round(event["up"] - event["stopped"], 1),
        down_seconds=round(event["restarted"] - event["stopped"], 1),
    )
    result["events"] = [
        {k: round(v - event["stopped"], 2) for k, v in event.items()} for event in result["events"]
    ]


def count_by(rows: list[dict], key: str) -> dict[str, int]:
    counted: dict[str, int] = {}
    for row in rows:
        counted[row[key]] = counted.get(row[key], 0) + 1
    return counted


def failed(results: dict) -> list[str]:
    problems = []
    for key, label in (("one", "one server"), ("two", "two servers"), ("stop", "the stop")):
        r = results[key]
        if r["saves"]["missing"]:
            problems.append(f"acknowledged saves missing from the database ({label})")
        if r["sessions_dropped"]:
            problems.append(f"signed-in pages sent to the sign-in form ({label})")
        if r["unexplained_5xx"] or r["no_answer"]:
            problems.append(f"errors other than requests in flight on the stopped server ({label})")
        if key != "stop" and r["errors"]:
            problems.append(f"errors with every server up ({label})")
    if any(status != 200 for status in results["session_check"].values()):
        problems.append("a session made through the proxy was not recognised by every server")
    return problems


def table(results: dict) -> str:
    head = (
        f"{'phase':<34}{'rps':>8}{'requests':>10}{'p95 ms':>8}{'errors':>8}"
        f"{'saves':>7}{'lost':>6}{'signed out':>12}"
    )
    lines = [
        f"{results['users']} users, {results['seconds']}s measured a phase, "
        f"{results['workers']} gunicorn workers a server, nginx in front",
        head,
        "-" * len(head),
    ]
    labels = {
        "one": "one server",
        "two": "two servers",
        "stop": "two servers, B killed and restarted",
    }
    for key, label in labels.items():
        r = results[key]
        lines.append(
            f"{label:<34}{r['rps']:>8.1f}{r['requests']:>10}{r['p95_ms']:>8.0f}{r['errors']:>8}"
            f"{r['saves']['acknowledged']:>7}{len(r['saves']['missing']):>6}"
            f"{r['sessions_dropped']:>12}"
        )
    lines.append(f"Two servers against one: {results['two_against_one']}x the requests a second")
    s = results["stop"]
    if "in_flight_errors" in s:
        lines.append(
            f"During the stop: B down {s['down_seconds']}s, answering again after "
            f"{s['outage_seconds']}s; {s['in_flight_errors']} errors for requests in flight on "
            f"B when it was killed ({s['in_flight_errors_by_method']}); "
            f"{s['unexplained_5xx']} other 5xx; {s['passed_to_other_server']} requests passed "
            "from B to A by the proxy"
        )
    lines.append(
        "Session made through the proxy, sent to each server directly: "
        + ", ".join(f"{k.upper()} {v}" for k, v in results["session_check"].items())
    )
    return "\n".join(lines)
