from django.apps import AppConfig


class PartnershipConfig(AppConfig):
    name = "partnership"

    def ready(self) -> None:
        from partnership import checks  # noqa: F401  (registers the deploy checks)
