from django.apps import AppConfig


class PerfConfig(AppConfig):
    """The tooling that exercises the whole service: scale data, benchmark, load test, two app
    servers behind a proxy, and the release step every server runs before it starts."""

    name = "perf"
