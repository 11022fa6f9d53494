import argparse
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from perf import benchmark, loadtest, machine


class Command(BaseCommand):
    help = (
        "Load-tests Cradle through gunicorn (2 workers a core) with production settings on "
        "the scale data (run generate_scale_data first): a steady run of 50 users, users added "
        "in steps until p99 passes one second, and a resilience run on a throwaway PostgreSQL "
        "cluster whose connections are terminated and which is restarted mid-run. Prints a "
        "table, writes JSON, and fails on any 5xx outside an outage or any lost save."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--users", type=int, default=50)
        parser.add_argument("--seconds", type=int, default=60, help="length of the steady run")
        parser.add_argument("--step-seconds", type=int, default=40)
        parser.add_argument(
            "--steps", default=",".join(map(str, loadtest.STEP_USERS)), help="users per step"
        )
        parser.add_argument(
            "--skip", default="", help="phases to leave out: steady, steps, resilience"
        )
        parser.add_argument("--output", type=Path, default=Path("perf/results/loadtest.json"))
        # Internal: the resilience phase, run on the throwaway cluster's database.
        parser.add_argument("--resilience-cluster", type=Path, help=argparse.SUPPRESS)

    def handle(self, *args, users, seconds, step_seconds, steps, skip, output, **options):
        progress = self.stdout.write
        if options["resilience_cluster"]:
            results = {
                "resilience": loadtest.resilience(
                    options["resilience_cluster"], users=30, seconds=60, progress=progress
                )
            }
            benchmark.write(results, output)
            return
        skipped = {name.strip() for name in skip.split(",") if name.strip()}
        results: dict = {"machine": machine.describe()}
        plan = loadtest.build_plan()
        phases = {
            "steady": lambda: loadtest.steady(
                plan, users=users, seconds=seconds, progress=progress
            ),
            "steps": lambda: loadtest.steps(
                plan,
                users=[int(n) for n in steps.split(",")],
                seconds=step_seconds,
                progress=progress,
            ),
            "resilience": lambda: loadtest.resilience_on_own_cluster(progress=progress),
        }
        for name, phase in phases.items():
            if name not in skipped:
                results[name] = phase()
                benchmark.write(results, output)  # after each phase: a failure keeps the rest
        self.stdout.write(loadtest.table(results))
        self.stdout.write(f"Results written to {output}")
        problems = loadtest.failed(results)
        if problems:
            raise CommandError("; ".join(problems))
