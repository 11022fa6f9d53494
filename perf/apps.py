from django.apps import AppConfig


class PerfConfig(AppConfig):
    """The tooling that exercises the whole service: scale data, benchmark, load test."""

    name = "perf"
