from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeasibilityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "feasibility"
    verbose_name = _("Feasibility")

    def ready(self) -> None:
        # Importing the rules package registers every rule module (feasibility/rules/__init__.py).
        from feasibility import rules  # noqa: F401
