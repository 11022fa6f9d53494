"""Locust users for `python manage.py loadtest`: contributors rating, leads in the workshop,
commissioners reading dashboards and exporting. Each signs in through the real form.

The driver hands over the accounts and URLs in a JSON file (LOADTEST_PLAN) and reads back a
log of every request and every acknowledged save (LOADTEST_LOG, one JSON object a line), which
it checks against the database afterwards. With LOADTEST_STEPS set, a load shape adds users in
steps and records each step's figures.

The users are locust's FastHttpUser (geventhttpclient): the load generator runs on the same
two cores as the service, and the lighter client leaves more of them to the service.

Cookies are sent by hand: Cradle's cookies are Secure, as in production, and the load test
talks plain HTTP on loopback, where a browser-like cookie jar would keep them back.
"""

import itertools
import json
import os
import random
import re
import threading
import time
import uuid
from urllib.parse import urlencode

from locust import FastHttpUser, LoadTestShape, between, events, task
from locust.stats import StatsEntry
from stepping import StepClock  # beside this file, which locust puts on the path

PLAN = json.loads(open(os.environ["LOADTEST_PLAN"]).read())  # noqa: SIM115
LOG_LOCK = threading.Lock()
LOG = open(os.environ["LOADTEST_LOG"], "a", buffering=1)  # noqa: SIM115
SIGN_IN = "sign in"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ANSWER = re.compile(r'name="(e\d+)-(version|digest)" value="([^"]*)"')
COUNTERS = {role: itertools.count() for role in ("contributor", "lead", "commissioner")}
# Sign-ins answered so far: a step is measured once its new users are all in (StepClock).
signed_in = 0


def log(**entry) -> None:
    with LOG_LOCK:
        LOG.write(json.dumps({"at": time.time(), **entry}) + "\n")


@events.request.add_listener
def record(request_type, name, response, exception, **kwargs):
    status = getattr(response, "status_code", 0) if response is not None else 0
    log(kind="request", name=name, status=status, error=str(exception) if exception else "")


class CradleUser(FastHttpUser):
    abstract = True
    wait_time = between(1, 3)  # think time
    role = ""

    def on_start(self) -> None:
        accounts = PLAN[self.role]
        self.account = accounts[next(COUNTERS[self.role]) % len(accounts)]
        self.cookies: dict[str, str] = {}
        page = self.get("/accounts/login/", name="sign-in page")
        token = TOKEN.search(page.text)
        self.post(
            "/accounts/login/",
            {
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "username": self.account["email"],
                "password": PLAN["password"],
            },
            name=SIGN_IN,
        )
        global signed_in
        signed_in += 1

    def send(self, method: str, url: str, name: str, headers: dict | None = None, **kwargs):
        cookies = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = self.client.request(
            method,
            url,
            name=name,
            headers={"Cookie": cookies, **(headers or {})},
            allow_redirects=False,
            **kwargs,
        )
        self.client.cookiejar.clear()  # the cookies above are the only ones sent
        for line in response.headers.getlist("set-cookie") if response.headers else []:
            name_value = line.split(";", 1)[0]
            key, _, value = name_value.partition("=")
            self.cookies[key.strip()] = value.strip()
        return response

    def get(self, url: str, name: str):
        return self.send("GET", url, name)

    def post(self, url: str, data: dict, name: str):
        data = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **data}
        return self.send(
            "POST",
            url,
            name,
            data=urlencode(data),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )


class Contributor(CradleUser):
    role = "contributor"
    weight = 5

    @task(3)
    def rate(self) -> None:
        url = random.choice(self.account["rate"])
        page = self.get(url, name="rating page")
        if page.status_code != 200:
            return
        fields: dict[str, dict[str, str]] = {}
        for prefix, field, value in ANSWER.findall(page.text):
            fields.setdefault(prefix, {})[field] = value
        if not fields:
            return
        prefix, shown = random.choice(sorted(fields.items()))
        token = f"load-{uuid.uuid4().hex}"
        data = {
            f"{prefix}-level": str(random.choice(self.account["levels"])),
            f"{prefix}-evidence": f"Seen in practice ({token})",
            f"{prefix}-links": "",
            f"{prefix}-strength": "evidenced",
            f"{prefix}-version": shown.get("version", "0"),
            f"{prefix}-digest": shown.get("digest", ""),
        }
        key = {"email": self.account["email"], "round": url, "element": prefix}
        log(kind="save-attempt", token=token, **key)
        saved = self.post(url, data, name="rating save")
        if saved.status_code == 302:
            log(kind="save-acknowledged", token=token, **key)
        else:
            log(kind="save-refused", status=saved.status_code, body=saved.text[-3000:], **key)

    @task(1)
    def partnerships(self) -> None:
        self.get("/partnerships/", name="your partnerships")


class Lead(CradleUser):
    role = "lead"
    weight = 2

    @task(3)
    def workshop(self) -> None:
        self.get(self.account["workshop"], name="workshop")

    @task(2)
    def results(self) -> None:
        self.get(self.account["results"], name="results")

    @task(2)
    def progress(self) -> None:
        self.get(self.account["round"], name="round progress")

    @task(1)
    def services(self) -> None:
        self.get(self.account["services"], name="service list")

    @task(1)
    def workbook(self) -> None:
        self.get(self.account["workbook"], name="round XLSX")


class Commissioner(CradleUser):
    role = "commissioner"
    weight = 1

    @task(2)
    def cross_area(self) -> None:
        self.get("/oversight/", name="cross-area dashboard")

    @task(3)
    def area(self) -> None:
        self.get(random.choice(PLAN["dashboards"]), name="area dashboard")

    @task(1)
    def export(self) -> None:
        name, url = random.choice(PLAN["exports"])
        self.get(url, name=name)


class Steps(LoadTestShape):
    """Adds users in steps and records each step's figures in a file, measured once the step's
    new users have signed in (`stepping.StepClock`). Stops at the first step whose p99 passes
    the limit, or after the last step. The steady run is one step."""

    def __init__(self) -> None:
        super().__init__()
        config = json.loads(os.environ.get("LOADTEST_STEPS", "{}"))
        self.clock = StepClock(
            users=config.get("users", []),
            seconds=config.get("seconds", 45),
            settle=config.get("settle", 15),
        )
        self.limit_ms = PLAN.get("p99_ms", 1000)
        self.output = config.get("output", "")
        self.results: list[dict] = []

    def tick(self):
        now, clock = time.time(), self.clock
        if clock.step < 0 or clock.step_measured(now):
            if clock.step >= 0:
                self.results.append(self.figures(clock.current_users))
                with open(self.output, "w") as out:
                    json.dump(self.results, out, indent=2)
                if self.results[-1]["p99_ms"] > self.limit_ms:
                    return None
            clock.next_step(now)
        if clock.finished:
            return None
        if clock.start_measuring(now, signed_in):
            self.runner.stats.reset_all()
        return clock.current_users, 10

    def figures(self, users: int) -> dict:
        seconds = max(time.time() - self.clock.measuring_since, 1)
        pages = StatsEntry(self.runner.stats, "all pages", "")
        rows = []
        for (name, _), entry in sorted(self.runner.stats.entries.items()):
            if name in (SIGN_IN, "sign-in page") or not entry.num_requests:
                continue
            pages.extend(entry)
            rows.append(summary(name, entry, seconds))
        return {"users": users, **summary("all pages", pages, seconds), "pages": rows}


def summary(name: str, entry: StatsEntry, seconds: float) -> dict:
    return {
        "page": name,
        "requests": entry.num_requests,
        "rps": round(entry.num_requests / seconds, 2),
        "median_ms": entry.get_response_time_percentile(0.5),
        "p95_ms": entry.get_response_time_percentile(0.95),
        "p99_ms": entry.get_response_time_percentile(0.99),
        "failures": entry.num_failures,
    }
