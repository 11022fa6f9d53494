"""The benchmark's smoke run: the very command `make bench` runs, at two areas, end to end.

It needs its own database, because gunicorn serves it from other processes: a SQLite file, or
on PostgreSQL a throwaway database beside the test database, dropped afterwards.
"""

import json
import os
import subprocess
import sys

import dj_database_url
import psycopg2
import pytest
from django.conf import settings

from perf import benchmark

PAGES = [
    "healthz",
    "signed-in floor",
    "your partnerships",
    "service list",
    "coverage matrix",
    "rating page",
    "rating save",
    "area dashboard",
    "cross-area dashboard",
    "round XLSX",
    "board report PDF",
    "ORUK services API",
]


@pytest.fixture
def database_url(tmp_path):
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'bench.sqlite3'}"
        return
    config = dj_database_url.parse(url)
    name = f"{config['NAME']}_bench_smoke"
    admin = psycopg2.connect(
        dbname="postgres", user=config["USER"], host=config["HOST"], port=config["PORT"] or 5432
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def manage(database_url: str, *args: str) -> str:
    env = {**os.environ, "DATABASE_URL": database_url}
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return done.stdout


def test_bench_times_every_page_through_gunicorn(database_url, tmp_path):
    output = tmp_path / "results.json"
    manage(database_url, "migrate", "--no-input", "-v0")
    manage(database_url, "generate_scale_data", "--areas", "2", "--rounds", "2")
    printed = manage(database_url, "bench", "--requests", "3", "--output", str(output))

    results = json.loads(output.read_text())
    rows = {row["page"]: row for row in results["pages"]}
    assert [name for name in rows if name in PAGES] == PAGES
    assert results["scale"]["partnerships"] == 2
    for name in PAGES:
        row = rows[name]
        assert row["requests"] == 3, name
        assert row["statuses"] == ([302] if name == "rating save" else [200]), name
        assert 0 < row["median_ms"] <= row["p95_ms"], name
        assert row["queries"] >= 1, name
        assert row["first_queries"] >= row["queries"], name
        assert row["ratio"] > 0, name
    assert rows["signed-in floor"]["ratio"] == 1
    assert rows["area dashboard"]["budget"] == 4
    assert rows["board report PDF"]["budget"] == 2
    # A repeat of a dashboard is answered from the data-versioned cache: fewer queries.
    assert rows["area dashboard"]["queries"] < rows["area dashboard"]["first_queries"]
    assert rows["cross-area dashboard"]["bytes"] > 1000
    assert "median ms" in printed and "your partnerships" in printed

    # Each save was acknowledged with a redirect and landed: the answer's version moved on by
    # two warm-up saves, three timed ones and the two made while counting queries.
    version = manage(
        database_url,
        "shell",
        "-v0",
        "-c",
        "from assessments.models import Response;"
        "print(Response.objects.filter(respondent__email='lead@scale.example',"
        " assessment__status='open', assessment__framework__code='maternity-early-years')"
        ".order_by('-version').values_list('version', flat=True)[0])",
    )
    assert int(version.split()[-1]) == 1 + 2 + 3 + 2


def run_of(areas: int, pages: list[tuple[str, float, float, int]]) -> dict:
    return {
        "scale": {"partnerships": areas},
        "pages": [
            {"page": page, "median_ms": median, "ratio": ratio, "queries": queries}
            for page, median, ratio, queries in pages
        ],
    }


def test_the_two_scales_print_side_by_side_with_differing_counts_flagged():
    demo = run_of(12, [("signed-in floor", 5.0, 1.0, 2), ("cross-area dashboard", 20.0, 4.0, 17)])
    national = run_of(
        175, [("signed-in floor", 6.0, 1.0, 2), ("cross-area dashboard", 30.0, 5.0, 19)]
    )
    printed = benchmark.side_by_side(demo, national).splitlines()
    assert "12 areas" in printed[0] and "175 areas" in printed[0]
    floor = next(line for line in printed if line.startswith("signed-in floor"))
    cross = next(line for line in printed if line.startswith("cross-area dashboard"))
    assert floor.split()[-1] == "same"
    # The cross-area page grew 1.5× with the number of areas: more than its 1.2× allows.
    assert cross.split()[2:11] == [
        "20.0",
        "4.00×",
        "17",
        "30.0",
        "5.00×",
        "19",
        "1.50×",
        "DIFFER",
        "(over",
    ]
    assert benchmark.compare_queries(national, demo) == [
        "cross-area dashboard: 19 queries here, 17 there"
    ]
