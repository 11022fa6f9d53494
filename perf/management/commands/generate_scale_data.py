import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from perf import scale


class Command(BaseCommand):
    help = (
        "Loads the framework library, then generates synthetic partnerships at national scale "
        "(by default the 175 upper-tier areas of England and Wales, six rounds of every "
        "framework: over a million responses) for the benchmark and the load test. The same "
        "seed gives the same data. Refuses to run when scale data exists, unless --replace."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--areas", type=int, default=175, help="partnerships (default 175)")
        parser.add_argument(
            "--rounds", type=int, default=6, help="rounds of each framework (default 6)"
        )
        parser.add_argument("--seed", type=int, default=2027, help="random seed (default 2027)")
        existing = parser.add_mutually_exclusive_group()
        existing.add_argument(
            "--replace", action="store_true", help="delete existing scale data first"
        )
        existing.add_argument(
            "--if-missing", action="store_true", help="do nothing when scale data exists"
        )

    def handle(self, *args, areas, rounds, seed, replace, if_missing, **options):
        if areas < 1 or rounds < 1:
            raise CommandError("--areas and --rounds must be at least 1")
        if if_missing and scale.exists():
            self.stdout.write("Scale data exists already; nothing generated")
            return
        if scale.exists() and not replace:
            raise CommandError(
                "Scale data already exists in this database (partnerships whose web address "
                f"starts with '{scale.SLUG_PREFIX}'). Run again with --replace to delete it "
                "and generate it afresh."
            )
        call_command("load_taxonomies", quiet_unchanged=True, stdout=self.stdout)
        call_command("load_frameworks", quiet_unchanged=True, stdout=self.stdout)
        call_command("load_gap_rules", quiet_unchanged=True, stdout=self.stdout)
        started = time.perf_counter()
        if replace:
            scale.remove()
            self.stdout.write(f"Removed the old scale data in {time.perf_counter() - started:.1f}s")
        counts = scale.generate(areas=areas, rounds=rounds, seed=seed, progress=self.stdout.write)
        elapsed = time.perf_counter() - started
        for kind, n in counts.rows.items():
            self.stdout.write(f"  {kind:<20} {n:>10,}")
        self.stdout.write(self.style.SUCCESS(f"Scale data generated in {elapsed:.1f}s"))
        self.stdout.write(
            f"Sign in with password {scale.PASSWORD} as {scale.LEAD_EMAIL} (lead), "
            f"{scale.CONTRIBUTOR_EMAIL} (contributor) or {scale.COMMISSIONER_EMAIL} "
            "(oversight of every area)"
        )
