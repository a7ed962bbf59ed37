from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "practices"
    verbose_name = _("Practices")

    def ready(self):
        from feasibility.inputs import register_practices
        from practices.selectors import practices_for_rules

        register_practices(practices_for_rules)  # rules and findings show "how others did it"
