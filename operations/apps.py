from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """What a hosting team runs beside the service: backups and the restore drill."""

    name = "operations"
