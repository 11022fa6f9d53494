from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from perf import benchmark, scaleout, serving


class Command(BaseCommand):
    help = (
        "Runs Cradle as a hosting team would: nginx (an unprivileged process, its own "
        "configuration in a temporary folder) in front of two gunicorn servers on this "
        "database, both started through `release`. The load test's mix of users runs through "
        "the proxy three times: one server, two servers, and two servers with one killed "
        "(SIGKILL) a third of the way in and started again at two thirds. Prints requests a "
        "second and errors per phase, checks that sessions carry across servers, that every "
        "acknowledged save is in the database, and that errors came only from requests in "
        "flight on the killed server; fails otherwise. Needs the scale data."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--users", type=int, default=40)
        parser.add_argument("--seconds", type=int, default=60, help="measured length of a phase")
        parser.add_argument(
            "--settle", type=int, default=60, help="seconds for the users to sign in first"
        )
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers a server")
        parser.add_argument("--output", type=Path, default=Path("perf/results/scaleout.json"))

    def handle(self, *args, users, seconds, settle, workers, output, **options):
        if not scaleout.nginx_installed():
            raise CommandError(f"nginx is not installed at {scaleout.NGINX}")
        try:
            results = scaleout.run(
                serving.database_url(),
                users=users,
                seconds=seconds,
                settle=settle,
                workers=workers,
                progress=self.stdout.write,
            )
        except (LookupError, RuntimeError) as error:
            raise CommandError(str(error)) from error
        benchmark.write(results, output)
        self.stdout.write(scaleout.table(results))
        self.stdout.write(f"Results written to {output}")
        problems = scaleout.failed(results)
        if problems:
            raise CommandError("; ".join(problems))
