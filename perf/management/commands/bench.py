import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from perf import benchmark

# Issue 20: every main page stays under this median with 2 ms added to each round trip.
DISTANT_LIMIT_MS = 100


class Command(BaseCommand):
    help = (
        "Times Cradle's main pages through gunicorn with production settings, signed in as the "
        "scale data's lead and commissioner (run generate_scale_data first). Prints a table of "
        "median and p95 server time, SQL queries, size and the ratio to the floor page, checks "
        "the budgets, and writes the results as JSON."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
        parser.add_argument("--output", type=Path, default=Path("perf/results/bench.json"))
        parser.add_argument(
            "--compare",
            type=Path,
            help="another run's results (say at demo scale): report query counts that differ",
        )
        parser.add_argument(
            "--db-delay-ms",
            type=float,
            default=0,
            help="milliseconds added to every round trip to PostgreSQL (a distant database)",
        )
        parser.add_argument(
            "--changing",
            action="store_true",
            help="move the data version before every request: time every page drawn afresh",
        )
        parser.add_argument(
            "--check", action="store_true", help="exit with an error when a budget is missed"
        )

    def handle(self, *args, requests, output, compare, db_delay_ms, changing, check, **options):
        try:
            results = benchmark.run(
                requests=requests,
                db_delay_ms=db_delay_ms,
                changing=changing,
                progress=self.stdout.write,
            )
        except LookupError as error:
            raise CommandError(str(error)) from error
        other = json.loads(compare.read_text()) if compare else None
        if other:
            results["query_differences"] = benchmark.compare_queries(results, other)
        benchmark.write(results, output)
        self.stdout.write(benchmark.table(results))
        self.stdout.write(f"Scale: {results['scale']}")
        if db_delay_ms:
            slow = [row["page"] for row in results["pages"] if row["median_ms"] >= DISTANT_LIMIT_MS]
            self.stdout.write(
                f"With {db_delay_ms:g} ms added to every round trip to the database, "
                + (
                    f"over {DISTANT_LIMIT_MS} ms: {', '.join(slow)}"
                    if slow
                    else f"every page is under {DISTANT_LIMIT_MS} ms"
                )
            )
        if other:
            self.stdout.write("")
            self.stdout.write(benchmark.side_by_side(other, results))
        for line in results.get("query_differences", []):
            self.stdout.write(self.style.WARNING(f"Query count differs: {line}"))
        self.stdout.write(f"Results written to {output}")
        if check and not results["budgets_met"]:
            raise CommandError("A budget was missed")
