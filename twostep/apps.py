from django.apps import AppConfig


class TwoStepConfig(AppConfig):
    name = "twostep"
    verbose_name = "Two-step verification"
